import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { EcsCluster as EcsClusterResource } from '@cdktf/provider-aws/lib/ecs-cluster';
import { EcsClusterCapacityProviders } from '@cdktf/provider-aws/lib/ecs-cluster-capacity-providers';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { ValidationError } from '../core/validation-error';
import { CLOUDWATCH_RETENTION_ALLOWED, isCloudwatchRetention } from './log-retention';
import { CustomerKey } from './private/customer-key';

/** Defaults of {@link EcsCluster}. */
export const ECS_CLUSTER_DEFAULTS = {
  containerInsights: 'enabled',
  /** Tasks always on FARGATE before the weights apply. */
  fargateBase: 1,
  fargateWeight: 1,
  /** FARGATE_SPOT is opt-in: weight 0 keeps every task on demand. */
  fargateSpotWeight: 0,
  enableExecuteCommand: false,
  logRetentionDays: 365,
} as const;

/** Limits of the capacity provider strategy. @see https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CapacityProviderStrategyItem.html */
export const ECS_CLUSTER_LIMITS = { base: [0, 100000], weight: [0, 1000] } as const;

/** Props of {@link EcsCluster}. */
export interface EcsClusterProps {
  /** Cluster name. */
  readonly clusterName: string;
  /** Container Insights: `enabled`, `enhanced` or `disabled`. @default "enabled" */
  readonly containerInsights?: string;
  /** Tasks placed on FARGATE before weights apply. @default 1 */
  readonly fargateBase?: number;
  /** Weight of FARGATE. @default 1 */
  readonly fargateWeight?: number;
  /** Weight of FARGATE_SPOT (0 = no Spot). @default 0 */
  readonly fargateSpotWeight?: number;
  /** Allow ECS Exec, encrypted with the key and logged to a KMS log group. @default false */
  readonly enableExecuteCommand?: boolean;
  /** KMS key of ECS Exec sessions and logs. @default - a rotating customer-managed key is created when ECS Exec is on */
  readonly kmsKeyArn?: string;
  /** Retention of the ECS Exec log group, days. @default 365 */
  readonly logRetentionDays?: number;
  /** Tags. @default - none */
  readonly tags?: Record<string, string>;
}

/**
 * An ECS cluster for Fargate: Container Insights, FARGATE and FARGATE_SPOT capacity providers with a default
 * strategy, and optional ECS Exec (KMS-encrypted sessions, logged to a KMS log group).
 *
 * @see https://github.com/terraform-aws-modules/terraform-aws-ecs/tree/master/modules/cluster
 */
export class EcsCluster extends Construct {
  public readonly resource: EcsClusterResource;
  public readonly clusterName: string;
  public readonly clusterArn: string;
  /** Key of ECS Exec, when on. */
  public readonly kmsKeyArn?: string;
  /** Log group of ECS Exec sessions, when on. */
  public readonly execLogGroupName?: string;

  constructor(scope: Construct, id: string, props: EcsClusterProps) {
    super(scope, id);
    const insights = props.containerInsights ?? ECS_CLUSTER_DEFAULTS.containerInsights;
    const base = props.fargateBase ?? ECS_CLUSTER_DEFAULTS.fargateBase;
    const weight = props.fargateWeight ?? ECS_CLUSTER_DEFAULTS.fargateWeight;
    const spot = props.fargateSpotWeight ?? ECS_CLUSTER_DEFAULTS.fargateSpotWeight;
    const retention = props.logRetentionDays ?? ECS_CLUSTER_DEFAULTS.logRetentionDays;
    if (!Token.isUnresolved(props.clusterName) && !/^[A-Za-z0-9_-]{1,255}$/.test(props.clusterName)) {
      throw new ValidationError(this, 'clusterName', props.clusterName, 'is not a cluster name; use 1 to 255 letters, digits, - and _');
    }
    if (!['enabled', 'enhanced', 'disabled'].includes(insights)) {
      throw new ValidationError(this, 'containerInsights', insights, 'is not allowed; use enabled, enhanced or disabled');
    }
    for (const [prop, value, [min, max]] of [
      ['fargateBase', base, ECS_CLUSTER_LIMITS.base],
      ['fargateWeight', weight, ECS_CLUSTER_LIMITS.weight],
      ['fargateSpotWeight', spot, ECS_CLUSTER_LIMITS.weight],
    ] as const) {
      if (!Token.isUnresolved(value) && !(Number.isInteger(value) && value >= min && value <= max)) {
        throw new ValidationError(this, prop, value, `is not allowed; use a whole number from ${min} to ${max}`);
      }
    }
    if (weight === 0 && spot === 0) {
      throw new ValidationError(this, 'fargateWeight', weight, 'and fargateSpotWeight are both 0; give at least one a weight above 0');
    }
    if (!isCloudwatchRetention(retention)) {
      throw new ValidationError(this, 'logRetentionDays', retention, `is not allowed; ${CLOUDWATCH_RETENTION_ALLOWED}`);
    }
    const tags = props.tags ?? {};
    const name = props.clusterName;

    let executeCommandConfiguration;
    if (props.enableExecuteCommand ?? ECS_CLUSTER_DEFAULTS.enableExecuteCommand) {
      const logGroupName = `/aws/ecs/${name}/exec`;
      this.kmsKeyArn =
        props.kmsKeyArn ??
        new CustomerKey(this, 'key', { description: `Encrypts ECS Exec of cluster ${name}`, alias: `ecs/${name}`, logGroupNames: [logGroupName], tags }).arn;
      const group = new CloudwatchLogGroup(this, 'exec-logs', { name: logGroupName, retentionInDays: retention, kmsKeyId: this.kmsKeyArn, tags });
      this.execLogGroupName = group.name;
      executeCommandConfiguration = {
        kmsKeyId: this.kmsKeyArn,
        logging: 'OVERRIDE',
        logConfiguration: { cloudWatchEncryptionEnabled: true, cloudWatchLogGroupName: group.name },
      };
    }

    this.resource = new EcsClusterResource(this, 'cluster', {
      name,
      setting: [{ name: 'containerInsights', value: insights }],
      configuration: executeCommandConfiguration ? { executeCommandConfiguration } : undefined,
      tags,
    });
    const strategy = [{ capacityProvider: 'FARGATE', base, weight }];
    if (spot > 0) strategy.push({ capacityProvider: 'FARGATE_SPOT', base: 0, weight: spot });
    new EcsClusterCapacityProviders(this, 'capacity-providers', {
      clusterName: this.resource.name,
      capacityProviders: ['FARGATE', 'FARGATE_SPOT'],
      defaultCapacityProviderStrategy: strategy,
    });
    this.clusterName = this.resource.name;
    this.clusterArn = this.resource.arn;
  }
}
