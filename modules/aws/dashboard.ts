import { CloudwatchDashboard } from '@cdktf/provider-aws/lib/cloudwatch-dashboard';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { ValidationError } from '../core/validation-error';
import { AwsContext } from './private/customer-key';
import { jsonencode } from '../core/jsonencode';

/** Percentiles the latency and duration graphs may use. */
export const DASHBOARD_PERCENTILES = ['p50', 'p90', 'p95', 'p99'] as const;
export type DashboardPercentile = (typeof DASHBOARD_PERCENTILES)[number];

/** Defaults of {@link EnvironmentDashboard}. */
export const DASHBOARD_DEFAULTS = {
  /** Period of every graph, seconds. */
  periodSeconds: 300,
  /** Percentile of latency and duration graphs. */
  percentile: 'p95',
  /** Time range shown when the dashboard opens, hours back from now. */
  timeRangeHours: 6,
} as const;

/**
 * Limits of {@link EnvironmentDashboard}.
 *
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/CloudWatch-Dashboard-Body-Structure.html (0 to 500 widgets)
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricWidgetImage.html (100 metrics in a graph)
 */
export const DASHBOARD_LIMITS = {
  /** Widgets in one dashboard body (documented: 0 to 500). */
  widgets: 500,
  /** Metrics in one graph: 100, the documented limit of a graph rendered by GetMetricWidgetImage (the console takes more). */
  metricsPerWidget: 100,
  /**
   * Budget of the dashboard body, bytes, with every unresolved value counted as 256 characters. Not an
   * AWS figure (none is documented for DashboardBody): a conservative bound, far above what an
   * environment's overview needs (a few KB), that stops a runaway generator.
   */
  bodyBytes: 100_000,
  /** Period of a graph, seconds: whole minutes, up to a day. */
  periodSeconds: [60, 86400],
  /** Time range when the dashboard opens, hours (up to 15 months of metric retention). */
  timeRangeHours: [1, 10950],
} as const;

/** Characters an unresolved value (a cross-stack reference, a data source attribute) is counted as in the body budget. */
const TOKEN_BUDGET = 256;

/** Why a graph period is not allowed, or `undefined` when it is (whole minutes, 60 to 86400 s). */
export function dashboardPeriodProblem(seconds: number): string | undefined {
  const [min, max] = DASHBOARD_LIMITS.periodSeconds;
  return Number.isInteger(seconds) && seconds >= min && seconds <= max && seconds % 60 === 0 ? undefined : `is not a graph period; use whole minutes in seconds, ${min} to ${max} (e.g. 60, 300, 3600)`;
}

/** An Application Load Balancer and the target group of its service (CloudWatch `arn_suffix` dimensions). */
export interface DashboardLoadBalancer {
  /** `app/<name>/<id>`. */
  readonly loadBalancer: string;
  /** `targetgroup/<name>/<id>`. */
  readonly targetGroup: string;
}

/** Props of {@link EnvironmentDashboard}: what the environment contains, each list by deployed name. */
export interface EnvironmentDashboardProps {
  /** Dashboard name (letters, digits, - and _, at most 255). */
  readonly dashboardName: string;
  /** Markdown of a text widget at the top (where the dashboard comes from). @default - none */
  readonly description?: string;
  /** Period of every graph, seconds (whole minutes, 60-86400). @default 300 */
  readonly periodSeconds?: number;
  /** Percentile of the latency and duration graphs. @default "p95" */
  readonly percentile?: DashboardPercentile;
  /** Time range shown when the dashboard opens, hours back from now. @default 6 */
  readonly timeRangeHours?: number;
  /** Lambda function names. @default - none */
  readonly functionNames?: string[];
  /** HTTP APIs (API Gateway v2, `$default` stage): API id by display name. @default - none */
  readonly httpApiIds?: Record<string, string>;
  /** ECS services: the cluster name and the service names in it. @default - none */
  readonly ecsServices?: { readonly clusterName: string; readonly serviceNames: string[] };
  /** Application Load Balancers by display name. @default - none */
  readonly loadBalancers?: Record<string, DashboardLoadBalancer>;
  /** SQS queue names (their dead-letter queues are `<name>-dlq`). @default - none */
  readonly queueNames?: string[];
  /** Kinesis data stream names. @default - none */
  readonly kinesisStreamNames?: string[];
  /** Lambda functions that consume a stream (Kinesis or DynamoDB): their `IteratorAge` is graphed. @default - none */
  readonly streamConsumerFunctionNames?: string[];
  /** Failure queues (on-failure destinations) of stream consumers, SQS queue names. @default - none */
  readonly streamFailureQueueNames?: string[];
  /** State machine ARNs, by display name. @default - none */
  readonly stateMachineArns?: Record<string, string>;
  /** State machine names in this account and region (their ARNs are made here). @default - none */
  readonly stateMachineNames?: string[];
  /** SNS topic names. @default - none */
  readonly topicNames?: string[];
  /** EventBridge bus name. @default - none */
  readonly eventBusName?: string;
  /** RDS DB instance identifiers. @default - none */
  readonly databaseIds?: string[];
  /** DynamoDB table names. @default - none */
  readonly tableNames?: string[];
  /** ElastiCache node ids (`<replication group>-001`, ...: the `CacheClusterId` dimension). @default - none */
  readonly cacheNodeIds?: string[];
  /** DMS replication instance identifiers (their tasks are found by a search expression). @default - none */
  readonly dmsReplicationInstanceIds?: string[];
  /** Outside addresses of Site-to-Site VPN tunnels (the `TunnelIpAddress` dimension). @default - none */
  readonly vpnTunnelAddresses?: string[];
}

/** Widget width in the 24-column grid; CloudWatch places widgets without x/y itself, left to right. */
const WIDTH = 12;
const HEIGHT = 6;

type Metric = unknown[] | [Record<string, unknown>];

/**
 * A CloudWatch dashboard made from what the environment contains, one graph per concern: Lambda
 * invocations, errors, throttles and duration; HTTP API 4xx/5xx and latency; ECS CPU and memory; ALB
 * 5xx and target response time; queue age, depth and dead letters; Kinesis iterator age, incoming
 * records and throttling; stream consumers' iterator age and failure queues; state machine failures and
 * timeouts; topic deliveries and bus invocations; RDS CPU, free storage and connections; DynamoDB
 * throttles and consumed capacity; cache CPU and memory; DMS CDC latency and VPN tunnel state. A
 * graph is left out when there is nothing to show in it.
 *
 * The body is `jsonencode(...)` of the widgets, so names that are references to other stacks stay
 * references (and `cdktf synth --hcl` works).
 *
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/CloudWatch-Dashboard-Body-Structure.html
 * @see https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/cloudwatch_dashboard
 */
export class EnvironmentDashboard extends Construct {
  public readonly resource: CloudwatchDashboard;
  /** Widgets in the body (text widget included). */
  public readonly widgetCount: number;

  constructor(scope: Construct, id: string, props: EnvironmentDashboardProps) {
    super(scope, id);
    const period = props.periodSeconds ?? DASHBOARD_DEFAULTS.periodSeconds;
    const pct = props.percentile ?? DASHBOARD_DEFAULTS.percentile;
    const hours = props.timeRangeHours ?? DASHBOARD_DEFAULTS.timeRangeHours;
    if (!Token.isUnresolved(props.dashboardName) && !/^[A-Za-z0-9_-]{1,255}$/.test(props.dashboardName)) {
      throw new ValidationError(this, 'dashboardName', props.dashboardName, 'is not allowed; use letters, digits, "-" and "_", at most 255 characters');
    }
    const periodProblem = dashboardPeriodProblem(period);
    if (periodProblem) throw new ValidationError(this, 'periodSeconds', period, periodProblem);
    if (!(DASHBOARD_PERCENTILES as readonly string[]).includes(pct)) {
      throw new ValidationError(this, 'percentile', pct, `is not offered; use one of ${DASHBOARD_PERCENTILES.join(', ')}`);
    }
    // cdktf renders the body as an HCL `jsonencode(...)` expression and escapes neither `"` nor `%{`
    // in its strings (nor line breaks, with `synth --hcl`).
    if (props.description !== undefined && /["\n\r]|%\{/.test(props.description)) {
      throw new ValidationError(this, 'description', props.description, 'holds a double quote, a line break or "%{", which the synthesized jsonencode expression cannot carry; use one line, single quotes or backticks');
    }
    const [minHours, maxHours] = DASHBOARD_LIMITS.timeRangeHours;
    if (!Number.isInteger(hours) || hours < minHours || hours > maxHours) {
      throw new ValidationError(this, 'timeRangeHours', hours, `is not allowed; use a whole number of hours from ${minHours} to ${maxHours}`);
    }

    const aws = new AwsContext(this, 'context');
    const region = aws.region;
    const widgets: unknown[] = [];
    const graph = (title: string, stat: string, metrics: Metric[], extra: Record<string, unknown> = {}): void => {
      if (metrics.length === 0) return;
      if (metrics.length > DASHBOARD_LIMITS.metricsPerWidget) {
        throw new ValidationError(this, 'widgets', title, `would hold ${metrics.length} metrics; a graph holds at most ${DASHBOARD_LIMITS.metricsPerWidget}, show fewer resources`);
      }
      widgets.push({ type: 'metric', width: WIDTH, height: HEIGHT, properties: { title, region, stat, period, view: 'timeSeries', stacked: false, metrics, ...extra } });
    };
    const each = <T>(items: readonly T[] | undefined, fn: (item: T) => Metric[]): Metric[] => (items ?? []).flatMap(fn);

    if (props.description) widgets.push({ type: 'text', width: 24, height: 2, properties: { markdown: props.description } });

    const fns = props.functionNames;
    graph('Lambda invocations', 'Sum', each(fns, (f) => [['AWS/Lambda', 'Invocations', 'FunctionName', f]]));
    graph('Lambda errors and throttles', 'Sum', each(fns, (f) => [['AWS/Lambda', 'Errors', 'FunctionName', f], ['AWS/Lambda', 'Throttles', 'FunctionName', f]]));
    graph(`Lambda duration (${pct}, ms)`, pct, each(fns, (f) => [['AWS/Lambda', 'Duration', 'FunctionName', f]]));

    // HTTP APIs publish 4xx, 5xx and Latency per ApiId and Stage.
    // @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-metrics.html
    const apis = Object.entries(props.httpApiIds ?? {});
    graph('HTTP API 4xx and 5xx', 'Sum', apis.flatMap(([name, apiId]) => [
      ['AWS/ApiGateway', '4xx', 'ApiId', apiId, 'Stage', '$default', { label: `${name} 4xx` }],
      ['AWS/ApiGateway', '5xx', 'ApiId', apiId, 'Stage', '$default', { label: `${name} 5xx` }],
    ]));
    graph(`HTTP API latency (${pct}, ms)`, pct, apis.map(([name, apiId]) => ['AWS/ApiGateway', 'Latency', 'ApiId', apiId, 'Stage', '$default', { label: name }]));

    const ecs = props.ecsServices;
    const services = ecs?.serviceNames ?? [];
    graph('ECS CPU (%)', 'Average', services.map((s) => ['AWS/ECS', 'CPUUtilization', 'ClusterName', ecs!.clusterName, 'ServiceName', s]));
    graph('ECS memory (%)', 'Average', services.map((s) => ['AWS/ECS', 'MemoryUtilization', 'ClusterName', ecs!.clusterName, 'ServiceName', s]));

    const lbs = Object.entries(props.loadBalancers ?? {});
    graph('ALB 5xx (balancer and targets)', 'Sum', lbs.flatMap(([name, lb]) => [
      ['AWS/ApplicationELB', 'HTTPCode_ELB_5XX_Count', 'LoadBalancer', lb.loadBalancer, { label: `${name} ALB 5xx` }],
      ['AWS/ApplicationELB', 'HTTPCode_Target_5XX_Count', 'LoadBalancer', lb.loadBalancer, 'TargetGroup', lb.targetGroup, { label: `${name} targets 5xx` }],
    ]));
    graph(`ALB target response time (${pct}, s)`, pct, lbs.map(([name, lb]) => ['AWS/ApplicationELB', 'TargetResponseTime', 'LoadBalancer', lb.loadBalancer, { label: name }]));

    const queues = props.queueNames;
    graph('Queue oldest message age (s)', 'Maximum', each(queues, (q) => [['AWS/SQS', 'ApproximateAgeOfOldestMessage', 'QueueName', q]]));
    graph('Queue visible messages', 'Maximum', each(queues, (q) => [['AWS/SQS', 'ApproximateNumberOfMessagesVisible', 'QueueName', q]]));
    graph('Dead-letter queue depth', 'Maximum', each(queues, (q) => [['AWS/SQS', 'ApproximateNumberOfMessagesVisible', 'QueueName', `${q}-dlq`]]));

    // Stream-level metrics (no enhanced monitoring needed); the StreamName dimension.
    // @see https://docs.aws.amazon.com/streams/latest/dev/monitoring-with-cloudwatch.html
    const streams = props.kinesisStreamNames;
    graph('Kinesis iterator age (ms)', 'Maximum', each(streams, (s) => [['AWS/Kinesis', 'GetRecords.IteratorAgeMilliseconds', 'StreamName', s]]));
    graph('Kinesis incoming records', 'Sum', each(streams, (s) => [['AWS/Kinesis', 'IncomingRecords', 'StreamName', s]]));
    graph('Kinesis throughput exceeded', 'Sum', each(streams, (s) => [
      ['AWS/Kinesis', 'WriteProvisionedThroughputExceeded', 'StreamName', s, { label: `${s} write` }],
      ['AWS/Kinesis', 'ReadProvisionedThroughputExceeded', 'StreamName', s, { label: `${s} read` }],
    ]));
    // IteratorAge of a function that reads a stream (Kinesis or DynamoDB), over all its versions and
    // aliases (the FunctionName dimension alone): the age of the last record of each batch.
    // @see https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-types.html
    graph('Stream consumer iterator age (ms)', 'Maximum', each(props.streamConsumerFunctionNames, (f) => [['AWS/Lambda', 'IteratorAge', 'FunctionName', f]]));
    graph('Stream failure queue depth', 'Maximum', each(props.streamFailureQueueNames, (q) => [['AWS/SQS', 'ApproximateNumberOfMessagesVisible', 'QueueName', q]]));

    const machines: [string, string][] = [
      ...Object.entries(props.stateMachineArns ?? {}),
      ...(props.stateMachineNames ?? []).map((n): [string, string] => [n, aws.arn('states', `stateMachine:${n}`)]),
    ];
    graph('State machine executions failed and timed out', 'Sum', machines.flatMap(([name, arn]) => [
      ['AWS/States', 'ExecutionsFailed', 'StateMachineArn', arn, { label: `${name} failed` }],
      ['AWS/States', 'ExecutionsTimedOut', 'StateMachineArn', arn, { label: `${name} timed out` }],
    ]));

    graph('Topic deliveries', 'Sum', each(props.topicNames, (t) => [['AWS/SNS', 'NumberOfMessagesPublished', 'TopicName', t], ['AWS/SNS', 'NumberOfNotificationsFailed', 'TopicName', t]]));
    const bus = props.eventBusName;
    graph('Event bus', 'Sum', bus ? [['AWS/Events', 'MatchedEvents', 'EventBusName', bus], ['AWS/Events', 'FailedInvocations', 'EventBusName', bus]] : []);

    const dbs = props.databaseIds;
    graph('RDS CPU (%)', 'Average', each(dbs, (d) => [['AWS/RDS', 'CPUUtilization', 'DBInstanceIdentifier', d]]));
    graph('RDS free storage (bytes)', 'Minimum', each(dbs, (d) => [['AWS/RDS', 'FreeStorageSpace', 'DBInstanceIdentifier', d]]));
    graph('RDS connections', 'Maximum', each(dbs, (d) => [['AWS/RDS', 'DatabaseConnections', 'DBInstanceIdentifier', d]]));

    const tables = props.tableNames;
    graph('DynamoDB throttled events', 'Sum', each(tables, (t) => [['AWS/DynamoDB', 'ReadThrottleEvents', 'TableName', t], ['AWS/DynamoDB', 'WriteThrottleEvents', 'TableName', t]]));
    graph('DynamoDB consumed capacity units', 'Sum', each(tables, (t) => [['AWS/DynamoDB', 'ConsumedReadCapacityUnits', 'TableName', t], ['AWS/DynamoDB', 'ConsumedWriteCapacityUnits', 'TableName', t]]));

    const nodes = props.cacheNodeIds;
    graph('Cache engine CPU (%)', 'Average', each(nodes, (n) => [['AWS/ElastiCache', 'EngineCPUUtilization', 'CacheClusterId', n]]));
    graph('Cache memory used (%)', 'Average', each(nodes, (n) => [['AWS/ElastiCache', 'DatabaseMemoryUsagePercentage', 'CacheClusterId', n]]));

    // A task's CloudWatch dimension is its resource id, which only exists once it is created: a
    // search expression over the instance's tasks finds it.
    // @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/using-search-expressions.html
    const dms = props.dmsReplicationInstanceIds ?? [];
    graph('DMS CDC latency (s)', 'Maximum', dms.flatMap((instance, i) =>
      (['CDCLatencySource', 'CDCLatencyTarget'] as const).map((metric): Metric => [
        {
          // Unquoted (token) matches: cdktf writes the body as an HCL jsonencode expression whose strings cannot hold a double quote.
          expression: `SEARCH('{AWS/DMS,ReplicationInstanceIdentifier,ReplicationTaskIdentifier} MetricName=${metric} ReplicationInstanceIdentifier=${instance}', 'Maximum', ${period})`,
          id: `${metric === 'CDCLatencySource' ? 'source' : 'target'}${i}`,
          label: `${instance} ${metric === 'CDCLatencySource' ? 'source' : 'target'}`,
        },
      ]),
    ));
    graph('VPN tunnel state (1 = up)', 'Minimum', each(props.vpnTunnelAddresses, (a) => [['AWS/VPN', 'TunnelState', 'TunnelIpAddress', a]]), { yAxis: { left: { min: 0, max: 1 } } });

    if (widgets.length === 0 || (widgets.length === 1 && props.description)) {
      throw new ValidationError(this, 'functionNames', [], 'and every other list are empty; a dashboard needs something to show');
    }
    if (widgets.length > DASHBOARD_LIMITS.widgets) {
      throw new ValidationError(this, 'widgets', widgets.length, `is above the ${DASHBOARD_LIMITS.widgets} widgets a dashboard holds; show fewer resources`);
    }
    const body = { start: `-PT${hours}H`, periodOverride: 'inherit', widgets };
    const bytes = estimatedBodyBytes(body);
    if (bytes > DASHBOARD_LIMITS.bodyBytes) {
      throw new ValidationError(this, 'widgets', `${bytes} bytes`, `make a dashboard body above the ${DASHBOARD_LIMITS.bodyBytes} bytes this construct allows; show fewer resources`);
    }
    this.widgetCount = widgets.length;
    this.resource = new CloudwatchDashboard(this, 'dashboard', { dashboardName: props.dashboardName, dashboardBody: jsonencode(body) });
  }
}

/** Size of the body as JSON, each unresolved value counted as {@link TOKEN_BUDGET} characters. */
export function estimatedBodyBytes(body: unknown): number {
  const text = JSON.stringify(body);
  const tokens = text.match(/\$\{TfToken\[[^\]]*\]\}/g) ?? [];
  return Buffer.byteLength(text, 'utf8') - tokens.reduce((n, t) => n + t.length, 0) + tokens.length * TOKEN_BUDGET;
}
