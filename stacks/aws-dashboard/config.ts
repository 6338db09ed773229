import { z } from 'zod';
import { DASHBOARD_DEFAULTS, DASHBOARD_LIMITS, DASHBOARD_PERCENTILES, dashboardPeriodProblem } from '../../modules/aws/dashboard';
import { defineSection, type ParsedEnvironment, type ReportProblem } from '../../modules/core/config/section';
import { awsDataSection, cacheName, dataResourceName } from '../aws-data/config';
import { awsDatabaseSection, rdsIdentifier } from '../aws-database/config';
import { awsEventsSection, eventBusName, eventsResourceName, streamFailureQueueName } from '../aws-events/config';
import { awsFunctionsSection, lambdaFunctionName } from '../aws-functions/config';
import { awsServicesSection, ecsClusterName, ecsServiceName } from '../aws-services/config';
import { drSection } from '../dr/config';
import type { EnvironmentCore } from '../environment/config';
import { checkedNumber, wholeNumberIn } from '../private/workload-config';

/** `aws.dashboard`: one CloudWatch dashboard `<env>-overview` of what the environment runs (`<env>-aws-dashboard`). */
export const AwsDashboardConfigSchema = z.strictObject({
  /** Create the `<env>-aws-dashboard` stack. @default false */
  enabled: z.boolean().default(false),
  /** Period of every graph, seconds (whole minutes, 60-86400). @default 300 */
  periodSeconds: checkedNumber(dashboardPeriodProblem).default(DASHBOARD_DEFAULTS.periodSeconds),
  /** Percentile of the latency and duration graphs: p50, p90, p95 or p99. @default "p95" */
  percentile: z.enum(DASHBOARD_PERCENTILES).default(DASHBOARD_DEFAULTS.percentile),
  /** Time range shown when the dashboard opens, hours back from now. @default 6 */
  timeRangeHours: wholeNumberIn(DASHBOARD_LIMITS.timeRangeHours).default(DASHBOARD_DEFAULTS.timeRangeHours),
});

export type AwsDashboardConfig = z.infer<typeof AwsDashboardConfigSchema>;

/** The dashboard's name: `<env>-overview`. */
export function dashboardName(envName: string): string {
  return `${envName}-overview`;
}

/**
 * The DMS replication instance of the DR link: `<env>-dr-dms` (made by modules/dr/dms-replication.ts
 * with the `<env>-dr` prefix of `<env>-aws-dr-replication`; a test checks the two agree).
 */
export function drReplicationInstanceId(envName: string): string {
  return `${envName}-dr-dms`;
}

/** The node ids (`CacheClusterId`) of the cache's replication group: `<group>-001`, `<group>-002`, ... */
export function cacheNodeIds(envName: string, nodes: number): string[] {
  return Array.from({ length: nodes }, (_, i) => `${cacheName(envName)}-${String(i + 1).padStart(3, '0')}`);
}

/**
 * What the environment contains, by deployed name, from the other sections of its file (names are
 * deterministic, `<env>-<name>`); only enabled sections count. What only exists once deployed (the
 * HTTP API id, the load balancers' ARN suffixes, the VPN tunnels' addresses) comes from the outputs
 * of the stacks that make it: `needs` says which.
 */
export interface DashboardInventory {
  readonly functionNames: string[];
  readonly ecs?: { readonly clusterName: string; readonly services: Record<string, string> };
  readonly queueNames: string[];
  /** Kinesis streams of `aws.events.streams`, `<env>-<name>`. */
  readonly streamNames: string[];
  /** Functions that consume a Kinesis stream or a table stream, `<env>-<function>`, each once. */
  readonly streamConsumerFunctionNames: string[];
  /** Failure queues of the stream consumers and table streams, `<env>-<name>-failures`. */
  readonly streamFailureQueueNames: string[];
  readonly stateMachineNames: string[];
  readonly topicNames: string[];
  readonly eventBusName?: string;
  readonly databaseIds: string[];
  readonly tableNames: string[];
  readonly cacheNodeIds: string[];
  readonly dmsReplicationInstanceIds: string[];
  /** The stacks whose outputs the dashboard reads. */
  readonly needs: { readonly functions: boolean; readonly services: boolean; readonly drVpn: boolean };
}

/** The inventory of an environment (see {@link DashboardInventory}). */
export function dashboardInventory(env: ParsedEnvironment<EnvironmentCore>): DashboardInventory {
  const name = env.core.name;
  const functions = env.get(awsFunctionsSection);
  const fnKeys = functions?.enabled ? Object.keys(functions.functions) : [];
  const hasApi = functions?.enabled === true && Object.values(functions.functions).some((f) => f.routes.length > 0);
  const services = env.get(awsServicesSection);
  const svcKeys = services?.enabled ? Object.keys(services.services) : [];
  const events = env.get(awsEventsSection);
  const ev = events?.enabled ? events : undefined;
  const db = env.get(awsDatabaseSection);
  const data = env.get(awsDataSection);
  const dataOn = data?.enabled ? data : undefined;
  const dr = env.get(drSection);
  const primary = db?.enabled ? rdsIdentifier(name, db) : undefined;
  // Streams with a consumer and every table stream have a failure queue (as `<env>-aws-events` makes them).
  const consumed: [source: string, fn: string][] = [
    ...Object.entries(ev?.streams ?? {}).flatMap(([k, s]): [string, string][] => (s.consumer ? [[k, s.consumer.function]] : [])),
    ...Object.entries(ev?.tableStreams ?? {}).map(([k, t]): [string, string] => [k, t.consumer.function]),
  ];
  return {
    functionNames: fnKeys.map((k) => lambdaFunctionName(name, k)),
    ...(svcKeys.length ? { ecs: { clusterName: ecsClusterName(name), services: Object.fromEntries(svcKeys.map((k) => [k, ecsServiceName(name, k)])) } } : {}),
    queueNames: Object.keys(ev?.queues ?? {}).map((k) => eventsResourceName(name, k)),
    streamNames: Object.keys(ev?.streams ?? {}).map((k) => eventsResourceName(name, k)),
    streamConsumerFunctionNames: [...new Set(consumed.map(([, f]) => lambdaFunctionName(name, f)))],
    streamFailureQueueNames: consumed.map(([k]) => streamFailureQueueName(name, k)),
    stateMachineNames: Object.keys(ev?.stateMachines ?? {}).map((k) => eventsResourceName(name, k)),
    topicNames: Object.keys(ev?.topics ?? {}).map((k) => eventsResourceName(name, k)),
    ...(ev ? { eventBusName: eventBusName(name) } : {}),
    databaseIds: primary ? [primary, ...(db!.readReplica.enabled ? [`${primary}-replica`] : [])] : [],
    tableNames: Object.keys(dataOn?.tables ?? {}).map((k) => dataResourceName(name, k)),
    cacheNodeIds: dataOn?.cache ? cacheNodeIds(name, dataOn.cache.nodes) : [],
    dmsReplicationInstanceIds: dr?.enabled ? [drReplicationInstanceId(name)] : [],
    needs: { functions: hasApi, services: svcKeys.length > 0, drVpn: dr?.enabled === true },
  };
}

/** Whether the inventory has anything to show. */
export function inventoryIsEmpty(inv: DashboardInventory): boolean {
  return (
    inv.functionNames.length + inv.queueNames.length + inv.streamNames.length + inv.streamFailureQueueNames.length + inv.stateMachineNames.length + inv.topicNames.length + inv.databaseIds.length + inv.tableNames.length + inv.cacheNodeIds.length + inv.dmsReplicationInstanceIds.length === 0 &&
    !inv.ecs &&
    !inv.eventBusName
  );
}

/** Checks of `aws.dashboard` against the rest of the environment. */
export function checkAwsDashboard(config: AwsDashboardConfig, env: ParsedEnvironment<EnvironmentCore>, report: ReportProblem): void {
  if (config.enabled && inventoryIsEmpty(dashboardInventory(env))) {
    report(['aws', 'dashboard', 'enabled'], true, 'has nothing to show: no AWS function, service, queue, state machine, database, table, cache or DR link is enabled; enable one of them or set aws.dashboard.enabled: false');
  }
}

/** `aws.dashboard`, owned by the `aws-dashboard` stack family. */
export const awsDashboardSection = defineSection({ path: 'aws.dashboard', schema: AwsDashboardConfigSchema, optional: true, check: checkAwsDashboard });
