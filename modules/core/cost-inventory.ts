import * as fs from 'node:fs';
import * as path from 'node:path';
import { type SynthesizedStack, readSynthesizedStacks } from './hcl-modules';

/**
 * Billable resource types and the attributes that choose their size (dotted paths into nested blocks).
 * A type missing here is not listed; a type with `[]` is listed with no size (it costs per use or
 * per item, e.g. a KMS key). No prices: the inventory says what was chosen, the reviewer prices it.
 */
export const BILLABLE_RESOURCES: Readonly<Record<string, readonly string[]>> = {
  // AWS
  aws_instance: ['instance_type', 'root_block_device.volume_size'],
  aws_launch_template: ['instance_type'],
  aws_db_instance: ['engine', 'instance_class', 'allocated_storage', 'max_allocated_storage', 'storage_type', 'iops', 'multi_az'],
  aws_rds_cluster: ['engine', 'engine_mode', 'serverlessv2_scaling_configuration.min_capacity', 'serverlessv2_scaling_configuration.max_capacity'],
  aws_rds_cluster_instance: ['instance_class'],
  aws_nat_gateway: ['connectivity_type'],
  aws_eip: [],
  aws_vpc_endpoint: ['vpc_endpoint_type', 'service_name'],
  aws_vpn_connection: ['type'],
  aws_ec2_transit_gateway: [],
  aws_lb: ['load_balancer_type'],
  aws_eks_cluster: ['version'],
  aws_eks_node_group: ['instance_types', 'capacity_type', 'scaling_config.desired_size', 'scaling_config.min_size', 'scaling_config.max_size', 'disk_size'],
  aws_ecs_service: ['launch_type', 'desired_count'],
  aws_ecs_task_definition: ['cpu', 'memory', 'runtime_platform.cpu_architecture'],
  aws_lambda_function: ['memory_size', 'architectures', 'reserved_concurrent_executions', 'ephemeral_storage.size'],
  aws_lambda_provisioned_concurrency_config: ['provisioned_concurrent_executions'],
  aws_apigatewayv2_api: ['protocol_type'],
  aws_dynamodb_table: ['billing_mode', 'read_capacity', 'write_capacity', 'table_class'],
  aws_dynamodb_contributor_insights: [],
  aws_s3_bucket: [],
  aws_elasticache_replication_group: ['engine', 'node_type', 'num_cache_clusters', 'num_node_groups', 'replicas_per_node_group', 'snapshot_retention_limit'],
  aws_cloudfront_distribution: ['price_class'],
  aws_wafv2_web_acl: ['scope'],
  aws_dms_replication_instance: ['replication_instance_class', 'allocated_storage', 'multi_az'],
  aws_kms_key: [],
  aws_secretsmanager_secret: [],
  aws_cloudwatch_log_group: ['retention_in_days'],
  aws_cloudwatch_metric_alarm: [],
  aws_cloudtrail: ['is_multi_region_trail'],
  aws_guardduty_detector: [],
  aws_config_configuration_recorder: [],
  aws_ecr_repository: [],
  aws_sns_topic: [],
  aws_sqs_queue: [],
  aws_kinesis_stream: ['stream_mode_details.stream_mode', 'shard_count', 'retention_period'],
  // billed per dashboard a month beyond the first three of an account
  aws_cloudwatch_dashboard: [],
  aws_route53_zone: [],
  aws_budgets_budget: ['limit_amount', 'limit_unit', 'time_unit'],
  // GCP
  google_compute_instance: ['machine_type'],
  google_compute_router_nat: ['nat_ip_allocate_option'],
  google_compute_address: ['address_type'],
  google_compute_global_address: ['address_type', 'purpose'],
  google_compute_ha_vpn_gateway: [],
  google_compute_vpn_tunnel: [],
  google_sql_database_instance: ['database_version', 'settings.tier', 'settings.edition', 'settings.disk_size', 'settings.disk_type', 'settings.availability_type'],
  google_container_cluster: ['enable_autopilot', 'initial_node_count'],
  google_container_node_pool: ['node_config.machine_type', 'node_config.spot', 'node_count', 'autoscaling.min_node_count', 'autoscaling.max_node_count', 'node_config.disk_size_gb'],
  google_cloud_run_v2_service: ['template.scaling.min_instance_count', 'template.scaling.max_instance_count', 'template.containers.resources.limits'],
  google_cloudfunctions2_function: ['service_config.available_memory', 'service_config.min_instance_count', 'service_config.max_instance_count'],
  google_vpc_access_connector: ['machine_type', 'min_instances', 'max_instances'],
  google_storage_bucket: ['storage_class', 'location', 'versioning.enabled', 'soft_delete_policy.retention_duration_seconds'],
  google_firestore_database: ['type', 'location_id', 'database_edition', 'point_in_time_recovery_enablement'],
  google_pubsub_topic: ['message_retention_duration'],
  // a push subscription shows its push_config.push_endpoint; a pull subscription has none
  google_pubsub_subscription: ['message_retention_duration', 'retain_acked_messages', 'push_config.push_endpoint'],
  google_kms_crypto_key: [],
  google_secret_manager_secret: [],
  google_artifact_registry_repository: [],
  google_compute_global_forwarding_rule: ['load_balancing_scheme'],
  google_billing_budget: ['amount.specified_amount.units'],
  // Azure
  azurerm_linux_virtual_machine: ['size'],
  azurerm_nat_gateway: ['sku_name'],
  azurerm_public_ip: ['sku', 'allocation_method'],
  azurerm_postgresql_flexible_server: ['sku_name', 'storage_mb', 'high_availability.mode', 'version'],
  azurerm_kubernetes_cluster: ['sku_tier', 'default_node_pool.vm_size', 'default_node_pool.node_count', 'default_node_pool.min_count', 'default_node_pool.max_count'],
  azurerm_kubernetes_cluster_node_pool: ['vm_size', 'priority', 'node_count', 'min_count', 'max_count'],
  azurerm_service_plan: ['sku_name', 'os_type', 'worker_count'],
  azurerm_container_app: ['template.min_replicas', 'template.max_replicas', 'template.container.cpu', 'template.container.memory'],
  azurerm_container_registry: ['sku'],
  azurerm_storage_account: ['account_tier', 'account_replication_type', 'access_tier'],
  // capabilities.name shows EnableServerless; one geo_location per billed region
  azurerm_cosmosdb_account: ['offer_type', 'capabilities.name', 'backup.type', 'backup.tier', 'geo_location.location', 'geo_location.zone_redundant'],
  azurerm_cosmosdb_sql_database: ['throughput', 'autoscale_settings.max_throughput'],
  azurerm_cosmosdb_sql_container: ['throughput', 'autoscale_settings.max_throughput'],
  azurerm_servicebus_namespace: ['sku', 'capacity', 'premium_messaging_partitions'],
  azurerm_eventgrid_system_topic: [],
  azurerm_log_analytics_workspace: ['sku', 'retention_in_days'],
  azurerm_key_vault: ['sku_name'],
  azurerm_virtual_network_gateway: ['sku', 'type'],
  azurerm_private_endpoint: [],
  azurerm_consumption_budget_subscription: ['amount', 'time_grain'],
  azurerm_consumption_budget_resource_group: ['amount', 'time_grain'],
};

/** One billable resource of a stack. */
export interface CostInventoryItem {
  /** Terraform address inside the stack, `<type>.<name>`. */
  readonly address: string;
  /** Construct path (from the synthesized metadata), when known. */
  readonly path?: string;
  /** The size choices: attribute path -> value as synthesized (a `${...}` reference stays as text). */
  readonly size: Readonly<Record<string, unknown>>;
}

/** The inventory: per stack, the billable resources, and per stack the count of each type. */
export interface CostInventory {
  readonly stacks: Readonly<Record<string, { readonly resources: readonly CostInventoryItem[]; readonly counts: Readonly<Record<string, number>> }>>;
}

/** Reads a dotted path through nested blocks (objects, or lists of blocks: each element is read). */
function read(value: unknown, keys: readonly string[]): unknown {
  if (keys.length === 0) return value;
  if (Array.isArray(value)) {
    const found = value.map((v) => read(v, keys)).filter((v) => v !== undefined);
    return found.length === 0 ? undefined : found.length === 1 ? found[0] : found;
  }
  if (value === null || typeof value !== 'object') return undefined;
  return read((value as Record<string, unknown>)[keys[0]!], keys.slice(1));
}

/**
 * The cost inventory of synthesized stacks: every billable resource (see {@link BILLABLE_RESOURCES})
 * with its size choices, sorted by stack and address so a diff shows only what changed.
 *
 * @param stacks each stack's name and its synthesized Terraform JSON (`cdk.tf.json`)
 */
export function costInventory(stacks: Readonly<Record<string, unknown>>): CostInventory {
  const out: Record<string, { resources: CostInventoryItem[]; counts: Record<string, number> }> = {};
  for (const stackName of Object.keys(stacks).sort()) {
    const resources = ((stacks[stackName] as { resource?: Record<string, Record<string, Record<string, unknown>>> })?.resource ?? {}) as Record<string, Record<string, Record<string, unknown>>>;
    const items: CostInventoryItem[] = [];
    const counts: Record<string, number> = {};
    for (const type of Object.keys(resources).sort()) {
      const attrs = BILLABLE_RESOURCES[type];
      if (!attrs) continue;
      for (const name of Object.keys(resources[type]!).sort()) {
        const body = resources[type]![name]!;
        const size: Record<string, unknown> = {};
        for (const attr of attrs) {
          const v = read(body, attr.split('.'));
          if (v !== undefined) size[attr] = v;
        }
        const count = typeof body.count === 'number' ? body.count : undefined;
        if (count !== undefined) size.count = count;
        const meta = (body['//'] as { metadata?: { path?: string } } | undefined)?.metadata?.path;
        items.push({ address: `${type}.${name}`, ...(meta ? { path: meta } : {}), size });
        counts[type] = (counts[type] ?? 0) + (count ?? 1);
      }
    }
    out[stackName] = { resources: items, counts };
  }
  return { stacks: out };
}

/**
 * Writes `<outdir>/cost/inventory.json` from the stacks synthesized in `<outdir>/stacks/*` (call after `app.synth()`).
 *
 * @param stacks the folder's stacks, when the caller has read them already
 * @default stacks - read from `<outdir>/stacks` ({@link readSynthesizedStacks})
 * @returns the file written
 */
export function writeCostInventory(outdir: string, stacks: readonly SynthesizedStack[] = readSynthesizedStacks(outdir)): string {
  const target = path.join(outdir, 'cost', 'inventory.json');
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, `${JSON.stringify(costInventory(Object.fromEntries(stacks.map((s) => [s.name, s.json]))), null, 2)}\n`);
  return target;
}
