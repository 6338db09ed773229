import { Testing } from 'cdktf';
import { DASHBOARD_LIMITS, EnvironmentDashboard, estimatedBodyBytes, type EnvironmentDashboardProps } from '../../../modules/aws/dashboard';
import { ValidationError } from '../../../modules/core/validation-error';

const synth = (props: Partial<EnvironmentDashboardProps> = {}) =>
  JSON.parse(Testing.synthScope((scope) => new EnvironmentDashboard(scope, 'dashboard', { dashboardName: 'test-overview', functionNames: ['test-worker'], queueNames: ['test-work'], eventBusName: 'test-events', ...props })));
const dashboard = (props: Partial<EnvironmentDashboardProps> = {}) => Object.values<any>(synth(props).resource.aws_cloudwatch_dashboard)[0];

describe('EnvironmentDashboard', () => {
  it('shows a widget for each kind of resource the environment contains, and none for the others', () => {
    const d = dashboard();
    expect(d.dashboard_name).toBe('test-overview');
    const body = d.dashboard_body as string;
    for (const text of ['Lambda invocations', 'Lambda errors and throttles', 'Lambda duration (p95, ms)', 'test-worker', 'ApproximateAgeOfOldestMessage', 'test-work-dlq', 'FailedInvocations', 'test-events']) expect(body).toContain(text);
    for (const text of ['State machine', 'Topic deliveries', 'AWS/Kinesis', '"IteratorAge"', 'Stream failure queue depth', 'AWS/RDS', 'AWS/DynamoDB', 'AWS/ElastiCache', 'AWS/DMS', 'AWS/VPN', 'AWS/ECS', 'AWS/ApplicationELB', 'AWS/ApiGateway']) expect(body).not.toContain(text);
  });

  it('writes the body with jsonencode, every graph with the period and the region of the provider', () => {
    const body = dashboard({ periodSeconds: 60 }).dashboard_body as string;
    expect(body).toMatch(/^\$\{jsonencode\(/);
    expect(body).toContain('"period" = 60');
    expect(body).toContain('"region" = data.aws_region.dashboard_context_region_');
    expect(body).toContain('"start" = "-PT6H"');
  });

  it('graphs every resource kind with its CloudWatch namespace, metric, dimension and statistic', () => {
    const body = dashboard({
      percentile: 'p99',
      httpApiIds: { api: 'a1b2c3' },
      ecsServices: { clusterName: 'test-services', serviceNames: ['test-web'] },
      loadBalancers: { 'test-web': { loadBalancer: 'app/test-web/123', targetGroup: 'targetgroup/tg-1/456' } },
      stateMachineNames: ['test-pipeline'],
      stateMachineArns: { other: 'arn:aws:states:eu-west-1:123456789012:stateMachine:other' },
      topicNames: ['test-items'],
      databaseIds: ['test-postgres'],
      tableNames: ['test-items'],
      cacheNodeIds: ['test-cache-001', 'test-cache-002'],
      dmsReplicationInstanceIds: ['test-dr-dms'],
      vpnTunnelAddresses: ['198.51.100.1'],
    }).dashboard_body as string;
    for (const metric of [
      '"AWS/ApiGateway", "4xx", "ApiId", "a1b2c3", "Stage", "$default"',
      '"AWS/ApiGateway", "5xx", "ApiId", "a1b2c3", "Stage", "$default"',
      '"AWS/ApiGateway", "Latency", "ApiId", "a1b2c3"',
      '"AWS/ECS", "CPUUtilization", "ClusterName", "test-services", "ServiceName", "test-web"',
      '"AWS/ECS", "MemoryUtilization", "ClusterName", "test-services", "ServiceName", "test-web"',
      '"AWS/ApplicationELB", "HTTPCode_ELB_5XX_Count", "LoadBalancer", "app/test-web/123"',
      '"AWS/ApplicationELB", "HTTPCode_Target_5XX_Count", "LoadBalancer", "app/test-web/123", "TargetGroup", "targetgroup/tg-1/456"',
      '"AWS/ApplicationELB", "TargetResponseTime", "LoadBalancer", "app/test-web/123"',
      '"AWS/States", "ExecutionsFailed", "StateMachineArn", "arn:aws:states:eu-west-1:123456789012:stateMachine:other"',
      '"AWS/States", "ExecutionsTimedOut", "StateMachineArn", "arn:${data.aws_partition.dashboard_context_partition_',
      '"AWS/SNS", "NumberOfNotificationsFailed", "TopicName", "test-items"',
      '"AWS/RDS", "CPUUtilization", "DBInstanceIdentifier", "test-postgres"',
      '"AWS/RDS", "FreeStorageSpace", "DBInstanceIdentifier", "test-postgres"',
      '"AWS/RDS", "DatabaseConnections", "DBInstanceIdentifier", "test-postgres"',
      '"AWS/DynamoDB", "ReadThrottleEvents", "TableName", "test-items"',
      '"AWS/DynamoDB", "ConsumedWriteCapacityUnits", "TableName", "test-items"',
      '"AWS/ElastiCache", "EngineCPUUtilization", "CacheClusterId", "test-cache-002"',
      '"AWS/ElastiCache", "DatabaseMemoryUsagePercentage", "CacheClusterId", "test-cache-001"',
      '"AWS/VPN", "TunnelState", "TunnelIpAddress", "198.51.100.1"',
    ]) expect(body).toContain(metric);
    expect(body).toContain('stateMachine:test-pipeline');
    expect(body).toContain("SEARCH('{AWS/DMS,ReplicationInstanceIdentifier,ReplicationTaskIdentifier} MetricName=CDCLatencyTarget ReplicationInstanceIdentifier=test-dr-dms', 'Maximum', 300)");
    expect(body).not.toMatch(/[^\\]"[A-Za-z]+" ReplicationInstanceIdentifier/);
    expect(body).toContain('"title" = "HTTP API latency (p99, ms)"');
    expect(body).toContain('"stat" = "p99"');
  });

  it('graphs Kinesis streams, stream consumers and their failure queues by metric, dimension and statistic', () => {
    const d = Testing.synthScope((scope) => {
      const made = new EnvironmentDashboard(scope, 'dashboard', {
        dashboardName: 'test-overview',
        kinesisStreamNames: ['test-clicks', 'test-metrics'],
        streamConsumerFunctionNames: ['test-worker'],
        streamFailureQueueNames: ['test-clicks-failures', 'test-item-changes-failures'],
      });
      expect(made.widgetCount).toBe(5);
    });
    const body = Object.values<any>(JSON.parse(d).resource.aws_cloudwatch_dashboard)[0].dashboard_body as string;
    // Each graph: title, statistic and its metrics, in the order CloudWatch draws them.
    const graphs: [string, string, string][] = [
      ['Kinesis iterator age (ms)', 'Maximum', '[["AWS/Kinesis", "GetRecords.IteratorAgeMilliseconds", "StreamName", "test-clicks"], ["AWS/Kinesis", "GetRecords.IteratorAgeMilliseconds", "StreamName", "test-metrics"]]'],
      ['Kinesis incoming records', 'Sum', '[["AWS/Kinesis", "IncomingRecords", "StreamName", "test-clicks"], ["AWS/Kinesis", "IncomingRecords", "StreamName", "test-metrics"]]'],
      [
        'Kinesis throughput exceeded',
        'Sum',
        '[["AWS/Kinesis", "WriteProvisionedThroughputExceeded", "StreamName", "test-clicks", {"label" = "test-clicks write"}], ["AWS/Kinesis", "ReadProvisionedThroughputExceeded", "StreamName", "test-clicks", {"label" = "test-clicks read"}], ' +
          '["AWS/Kinesis", "WriteProvisionedThroughputExceeded", "StreamName", "test-metrics", {"label" = "test-metrics write"}], ["AWS/Kinesis", "ReadProvisionedThroughputExceeded", "StreamName", "test-metrics", {"label" = "test-metrics read"}]]',
      ],
      ['Stream consumer iterator age (ms)', 'Maximum', '[["AWS/Lambda", "IteratorAge", "FunctionName", "test-worker"]]'],
      ['Stream failure queue depth', 'Maximum', '[["AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", "test-clicks-failures"], ["AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", "test-item-changes-failures"]]'],
    ];
    const found = [...body.matchAll(/"title" = "([^"]+)", "region" = [^,]+, "stat" = "([^"]+)", "period" = 300, "view" = "timeSeries", "stacked" = false, "metrics" = (\[\[.*?\]\])\}\}/g)].map((m) => [m[1], m[2], m[3]]);
    expect(found).toEqual(graphs);
  });

  it('puts a text widget first when given a description', () => {
    const body = dashboard({ description: '## test overview' }).dashboard_body as string;
    expect(body.indexOf('"markdown" = "## test overview"')).toBeGreaterThan(-1);
    expect(body.indexOf('"markdown"')).toBeLessThan(body.indexOf('"type" = "metric"'));
  });

  it.each([
    [{ functionNames: [], queueNames: [], eventBusName: undefined }, /prop functionNames \[\] and every other list are empty; a dashboard needs something to show/],
    [{ dashboardName: 'test overview' }, /prop dashboardName "test overview" is not allowed; use letters, digits/],
    [{ periodSeconds: 90 }, /prop periodSeconds 90 is not a graph period; use whole minutes in seconds, 60 to 86400/],
    [{ percentile: 'p42' as any }, /prop percentile "p42" is not offered; use one of p50, p90, p95, p99/],
    [{ description: 'say "hi"' }, /prop description "say \\"hi\\"" holds a double quote, a line break or "%\{", which the synthesized jsonencode expression cannot carry/],
    [{ description: 'two\nlines' }, /prop description "two\\nlines" holds a double quote, a line break/],
    [{ timeRangeHours: 0 }, /prop timeRangeHours 0 is not allowed; use a whole number of hours from 1 to 10950/],
    [{ tableNames: Array.from({ length: 51 }, (_, i) => `t-${i}`) }, /prop widgets "DynamoDB throttled events" would hold 102 metrics; a graph holds at most 100/],
    [{ kinesisStreamNames: Array.from({ length: 51 }, (_, i) => `s-${i}`) }, /prop widgets "Kinesis throughput exceeded" would hold 102 metrics; a graph holds at most 100/],
    [{ streamFailureQueueNames: Array.from({ length: 101 }, (_, i) => `q-${i}-failures`) }, /prop widgets "Stream failure queue depth" would hold 101 metrics; a graph holds at most 100/],
  ])('refuses %j', (props, pattern) => {
    expect(() => synth(props)).toThrow(ValidationError);
    expect(() => synth(props)).toThrow(pattern);
  });

  it('counts each unresolved value as 256 characters in the body budget of 100000 bytes', () => {
    expect(DASHBOARD_LIMITS.bodyBytes).toBe(100000);
    expect(DASHBOARD_LIMITS.widgets).toBe(500);
    expect(estimatedBodyBytes({ a: 'xy' })).toBe(10);
    expect(estimatedBodyBytes({ a: '${TfToken[TOKEN.1]}' })).toBe(8 + 256);
  });
});
