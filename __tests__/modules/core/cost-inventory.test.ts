import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { costInventory, writeCostInventory } from '../../../modules/core/cost-inventory';

const STACKS = {
  'prod-aws-network': {
    resource: {
      aws_nat_gateway: { 'network_nat-a_1': { connectivity_type: 'public', '//': { metadata: { path: 'prod-aws-network/network/nat-a' } } }, 'network_nat-b_2': { connectivity_type: 'public' } },
      aws_vpc: { network_vpc: { cidr_block: '10.0.0.0/16' } },
    },
  },
  'prod-aws-database': {
    resource: {
      aws_db_instance: { pg: { instance_class: 'db.r7g.large', allocated_storage: 100, max_allocated_storage: 500, multi_az: true, password: 'never-listed' } },
      aws_eks_node_group: { ng: { instance_types: ['m7g.large'], scaling_config: [{ desired_size: 3, min_size: 2, max_size: 6 }] } },
      aws_instance: { bastion: { instance_type: 't4g.micro', count: 2 } },
    },
  },
  'prod-azure-messaging': {
    resource: {
      azurerm_servicebus_namespace: { sb: { sku: 'Premium', capacity: 1, premium_messaging_partitions: 1, local_auth_enabled: false } },
      azurerm_servicebus_queue: { orders: { max_delivery_count: 10 } },
      azurerm_storage_account: { st: { account_tier: 'Standard', account_replication_type: 'ZRS', access_tier: 'Hot', min_tls_version: 'TLS1_2' } },
      azurerm_cosmosdb_account: {
        cosmos: {
          offer_type: 'Standard',
          capabilities: [{ name: 'EnableServerless' }],
          backup: { type: 'Continuous', tier: 'Continuous7Days' },
          geo_location: [{ location: 'westeurope', failover_priority: 0, zone_redundant: true }],
        },
      },
      azurerm_cosmosdb_sql_database: { app: { name: 'app', autoscale_settings: { max_throughput: 4000 } } },
      azurerm_cosmosdb_sql_container: { items: { name: 'items', throughput: 400 } },
      azurerm_eventgrid_system_topic: { uploads: { topic_type: 'Microsoft.Storage.StorageAccounts' } },
    },
  },
  'prod-gcp-events': {
    resource: {
      google_pubsub_topic: { orders: { name: 'orders', message_retention_duration: '86400s' } },
      google_pubsub_subscription: {
        pull: { name: 'pull', message_retention_duration: '604800s' },
        push: { name: 'push', message_retention_duration: '600s', retain_acked_messages: false, push_config: { push_endpoint: 'https://api.example.com/push' } },
      },
      google_storage_bucket: { data: { storage_class: 'STANDARD', location: 'EU', versioning: { enabled: true }, soft_delete_policy: { retention_duration_seconds: 604800 } } },
      google_firestore_database: { app: { type: 'FIRESTORE_NATIVE', location_id: 'eur3', point_in_time_recovery_enablement: 'POINT_IN_TIME_RECOVERY_ENABLED', delete_protection_state: 'DELETE_PROTECTION_ENABLED' } },
    },
  },
  'prod-aws-streams': {
    resource: {
      aws_kinesis_stream: {
        ondemand: { stream_mode_details: { stream_mode: 'ON_DEMAND' }, retention_period: 24 },
        provisioned: { stream_mode_details: { stream_mode: 'PROVISIONED' }, shard_count: 4, retention_period: 168, encryption_type: 'KMS' },
      },
      aws_cloudwatch_dashboard: { ops: { dashboard_name: 'ops', dashboard_body: '{}' } },
    },
  },
  'prod-empty': {},
};

describe('costInventory', () => {
  const inventory = costInventory(STACKS);

  it('lists every billable resource per stack, sorted, with its size choices only', () => {
    expect(Object.keys(inventory.stacks)).toEqual(['prod-aws-database', 'prod-aws-network', 'prod-aws-streams', 'prod-azure-messaging', 'prod-empty', 'prod-gcp-events']);
    expect(inventory.stacks['prod-aws-database']!.resources).toEqual([
      { address: 'aws_db_instance.pg', size: { instance_class: 'db.r7g.large', allocated_storage: 100, max_allocated_storage: 500, multi_az: true } },
      { address: 'aws_eks_node_group.ng', size: { instance_types: ['m7g.large'], 'scaling_config.desired_size': 3, 'scaling_config.min_size': 2, 'scaling_config.max_size': 6 } },
      { address: 'aws_instance.bastion', size: { instance_type: 't4g.micro', count: 2 } },
    ]);
  });

  it('counts NAT gateways and other resources per type, with count', () => {
    expect(inventory.stacks['prod-aws-network']!.counts).toEqual({ aws_nat_gateway: 2 });
    expect(inventory.stacks['prod-aws-database']!.counts).toEqual({ aws_db_instance: 1, aws_eks_node_group: 1, aws_instance: 2 });
    expect(inventory.stacks['prod-empty']).toEqual({ resources: [], counts: {} });
  });

  it('keeps the construct path and leaves out resources that bill nothing', () => {
    expect(inventory.stacks['prod-aws-network']!.resources[0]).toEqual({ address: 'aws_nat_gateway.network_nat-a_1', path: 'prod-aws-network/network/nat-a', size: { connectivity_type: 'public' } });
    expect(JSON.stringify(inventory)).not.toContain('aws_vpc');
    expect(JSON.stringify(inventory)).not.toContain('never-listed');
  });

  it('writes cost/inventory.json from the synthesized stacks', () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'cost-'));
    fs.mkdirSync(path.join(out, 'stacks', 'prod-aws-network'), { recursive: true });
    fs.writeFileSync(path.join(out, 'stacks', 'prod-aws-network', 'cdk.tf.json'), JSON.stringify(STACKS['prod-aws-network']));
    const file = writeCostInventory(out);
    expect(file).toBe(path.join(out, 'cost', 'inventory.json'));
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).stacks['prod-aws-network'].counts).toEqual({ aws_nat_gateway: 2 });
  });
  it('lists Service Bus, storage, Cosmos DB and Event Grid with their size choices (queues bill through the namespace)', () => {
    expect(inventory.stacks['prod-azure-messaging']!.resources).toEqual([
      {
        address: 'azurerm_cosmosdb_account.cosmos',
        size: {
          offer_type: 'Standard',
          'capabilities.name': 'EnableServerless',
          'backup.type': 'Continuous',
          'backup.tier': 'Continuous7Days',
          'geo_location.location': 'westeurope',
          'geo_location.zone_redundant': true,
        },
      },
      { address: 'azurerm_cosmosdb_sql_container.items', size: { throughput: 400 } },
      { address: 'azurerm_cosmosdb_sql_database.app', size: { 'autoscale_settings.max_throughput': 4000 } },
      { address: 'azurerm_eventgrid_system_topic.uploads', size: {} },
      { address: 'azurerm_servicebus_namespace.sb', size: { sku: 'Premium', capacity: 1, premium_messaging_partitions: 1 } },
      { address: 'azurerm_storage_account.st', size: { account_tier: 'Standard', account_replication_type: 'ZRS', access_tier: 'Hot' } },
    ]);
    expect(JSON.stringify(inventory.stacks['prod-azure-messaging'])).not.toContain('azurerm_servicebus_queue');
  });

  it('lists Pub/Sub topics and subscriptions (a push subscription shows its endpoint), buckets and Firestore', () => {
    expect(inventory.stacks['prod-gcp-events']!.resources).toEqual([
      {
        address: 'google_firestore_database.app',
        size: { type: 'FIRESTORE_NATIVE', location_id: 'eur3', point_in_time_recovery_enablement: 'POINT_IN_TIME_RECOVERY_ENABLED' },
      },
      { address: 'google_pubsub_subscription.pull', size: { message_retention_duration: '604800s' } },
      {
        address: 'google_pubsub_subscription.push',
        size: { message_retention_duration: '600s', retain_acked_messages: false, 'push_config.push_endpoint': 'https://api.example.com/push' },
      },
      { address: 'google_pubsub_topic.orders', size: { message_retention_duration: '86400s' } },
      {
        address: 'google_storage_bucket.data',
        size: { storage_class: 'STANDARD', location: 'EU', 'versioning.enabled': true, 'soft_delete_policy.retention_duration_seconds': 604800 },
      },
    ]);
  });

  it('lists Kinesis streams with their capacity mode, shards and retention, and dashboards', () => {
    expect(inventory.stacks['prod-aws-streams']!.resources).toEqual([
      { address: 'aws_cloudwatch_dashboard.ops', size: {} },
      { address: 'aws_kinesis_stream.ondemand', size: { 'stream_mode_details.stream_mode': 'ON_DEMAND', retention_period: 24 } },
      { address: 'aws_kinesis_stream.provisioned', size: { 'stream_mode_details.stream_mode': 'PROVISIONED', shard_count: 4, retention_period: 168 } },
    ]);
    expect(inventory.stacks['prod-aws-streams']!.counts).toEqual({ aws_cloudwatch_dashboard: 1, aws_kinesis_stream: 2 });
  });
});
