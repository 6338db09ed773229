import { Fn, TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import { EnvironmentDashboard } from '../../modules/aws/dashboard';
import type { AwsDrTunnelOutputs, AwsFunctionsOutputs, AwsServicesOutputs } from '../contracts';
import { EnvironmentStack, type EnvironmentStackProps } from '../environment-stack';
import { awsProvider } from '../private/providers';
import { type AwsDashboardConfig, dashboardName, type DashboardInventory } from './config';

/** Props of {@link AwsDashboardStack}. */
export interface AwsDashboardStackProps extends EnvironmentStackProps {
  /** The `aws.dashboard` section. */
  readonly config: AwsDashboardConfig;
  /** What the environment contains, from its other sections (see `dashboardInventory`). */
  readonly inventory: DashboardInventory;
  /** Outputs of `<env>-aws-functions`, when it has an HTTP API. @default - no API graphs */
  readonly functions?: AwsFunctionsOutputs;
  /** Outputs of `<env>-aws-services`, when it has services. @default - no load balancer graphs */
  readonly services?: AwsServicesOutputs;
  /** Outputs of `<env>-aws-dr-vpn`, when the DR link is enabled. @default - no VPN graph */
  readonly drTunnels?: AwsDrTunnelOutputs;
}

/**
 * The HTTP API id in its `$default` stage invoke URL, `https://<api id>.execute-api.<region>.<suffix>/`.
 * (An `apiId` field in AwsFunctionsOutputs would make this unnecessary.)
 */
export function apiIdFromUrl(url: string): string {
  return Fn.element(Fn.split('.', Fn.trimprefix(url, 'https://')), 0);
}

/** `<env>-aws-dashboard`: one CloudWatch dashboard `<env>-overview` of the environment (docs/observability.md). */
export class AwsDashboardStack extends EnvironmentStack {
  public readonly dashboard: EnvironmentDashboard;

  constructor(scope: Construct, name: string, props: AwsDashboardStackProps) {
    super(scope, name, props);
    const { environment: env, config, inventory: inv } = props;
    awsProvider(this, env);
    const lbs = props.services?.loadBalancerArnSuffixes ?? {};
    const tgs = props.services?.targetGroupArnSuffixes ?? {};
    const apiUrl = props.functions?.apiUrl;
    this.dashboard = new EnvironmentDashboard(this, 'dashboard', {
      dashboardName: dashboardName(env.name),
      description: `**${env.name} overview**: made by the \`${name}\` stack from the \`${env.name}\` environment file (docs/observability.md): a change made here in the console is undone by the next apply.`,
      periodSeconds: config.periodSeconds,
      percentile: config.percentile,
      timeRangeHours: config.timeRangeHours,
      functionNames: inv.functionNames,
      ...(apiUrl ? { httpApiIds: { api: apiIdFromUrl(apiUrl) } } : {}),
      ...(inv.ecs ? { ecsServices: { clusterName: inv.ecs.clusterName, serviceNames: Object.values(inv.ecs.services) } } : {}),
      // By the services of the config; each value is a reference to the services stack.
      loadBalancers: Object.fromEntries(
        Object.entries(props.services ? (inv.ecs?.services ?? {}) : {}).flatMap(([key, service]) =>
          lbs[key] && tgs[key] ? [[service, { loadBalancer: lbs[key], targetGroup: tgs[key] }]] : [],
        ),
      ),
      queueNames: inv.queueNames,
      kinesisStreamNames: inv.streamNames,
      streamConsumerFunctionNames: inv.streamConsumerFunctionNames,
      streamFailureQueueNames: inv.streamFailureQueueNames,
      stateMachineNames: inv.stateMachineNames,
      topicNames: inv.topicNames,
      ...(inv.eventBusName ? { eventBusName: inv.eventBusName } : {}),
      databaseIds: inv.databaseIds,
      tableNames: inv.tableNames,
      cacheNodeIds: inv.cacheNodeIds,
      dmsReplicationInstanceIds: inv.dmsReplicationInstanceIds,
      vpnTunnelAddresses: (props.drTunnels ?? []).map((t) => t.outsideAddress),
    });
    new TerraformOutput(this, 'dashboard_name', { value: this.dashboard.resource.dashboardName, description: 'CloudWatch dashboard of the environment' });
  }
}
