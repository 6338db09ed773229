import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import { ApplicationLoadBalancer } from '../../modules/aws/application-load-balancer';
import { EcrRepository } from '../../modules/aws/ecr-repository';
import { EcsCluster } from '../../modules/aws/ecs-cluster';
import { type FargateCacheAccess, FargateService } from '../../modules/aws/fargate-service';
import { WebAcl } from '../../modules/aws/web-acl';
import type { AwsAlertsOutputs, AwsDatabaseOutputs, AwsNetworkOutputs, AwsServicesOutputs, AwsDataCacheOutputs } from '../contracts';
import { EnvironmentStack, type EnvironmentStackProps } from '../environment-stack';
import { awsProvider } from '../private/providers';
import { databaseAccessOf } from '../private/workload-config';
import { albWebAclName, type AwsServicesConfig, ecrRepositoryName, ecsClusterName, ecsServiceName } from './config';

/** The construct-level cache access of a service with `cache: true` (from the aws-data cache). */
function cacheAccessOf(service: string, cache: AwsDataCacheOutputs | undefined): FargateCacheAccess {
  // The config check (cache: true needs aws.data.cache) keeps this from happening with a valid file.
  if (!cache) throw new Error(`aws.services.services.${service}.cache needs the cache of aws-data (aws.data.cache)`);
  return { securityGroupId: cache.securityGroupId, port: cache.port, primaryEndpoint: cache.primaryEndpoint, readerEndpoint: cache.readerEndpoint, secretArn: cache.secretArn, kmsKeyArn: cache.kmsKeyArn };
}

/** Props of {@link AwsServicesStack}. */
export interface AwsServicesStackProps extends EnvironmentStackProps {
  /** The `aws.services` section. */
  readonly config: AwsServicesConfig;
  /** Outputs of `<env>-aws-network`: private subnets for tasks, public ones for balancers. */
  readonly network: AwsNetworkOutputs;
  /** Outputs of `<env>-aws-alerts`: the topic the alarms notify. */
  readonly alerts: AwsAlertsOutputs;
  /** Outputs of `<env>-aws-database`, when a service has a database grant. @default - no grant */
  readonly database?: AwsDatabaseOutputs;
  /** The cache of `<env>-aws-data`, when a service has `cache: true`. @default - no cache access */
  readonly cache?: AwsDataCacheOutputs;
}

/**
 * `<env>-aws-services`: an ECS cluster and the Fargate services of `aws.services`, each with its ECR
 * repository and Application Load Balancer (see docs/aws-compute.md).
 */
export class AwsServicesStack extends EnvironmentStack {
  public readonly cluster: EcsCluster;
  public readonly services: Record<string, FargateService> = {};
  public readonly loadBalancers: Record<string, ApplicationLoadBalancer> = {};
  public readonly repositories: Record<string, EcrRepository> = {};
  public readonly outputs: AwsServicesOutputs;

  constructor(scope: Construct, name: string, props: AwsServicesStackProps) {
    super(scope, name, props);
    const { environment: env, config, network, alerts, database, cache } = props;
    awsProvider(this, env);

    const c = config.cluster;
    this.cluster = new EcsCluster(this, 'cluster', {
      clusterName: ecsClusterName(env.name),
      containerInsights: c.containerInsights,
      fargateBase: c.fargateBase,
      fargateWeight: c.fargateWeight,
      fargateSpotWeight: c.fargateSpotWeight,
      enableExecuteCommand: c.enableExecuteCommand,
      logRetentionDays: c.logRetentionDays,
    });

    for (const [key, svc] of Object.entries(config.services)) {
      const serviceName = ecsServiceName(env.name, key);
      let repository = svc.image.repository;
      if (!repository) {
        const repo = new EcrRepository(this, `repository-${key}`, {
          name: ecrRepositoryName(env.name, key),
          keepImages: svc.ecr.keepImages,
          untaggedExpiryDays: svc.ecr.untaggedExpiryDays,
        });
        this.repositories[key] = repo;
        repository = repo.repositoryUrl;
      }
      const image = svc.image.digest ? `${repository}@${svc.image.digest}` : `${repository}:${svc.image.tag}`;
      const alb = svc.alb;
      const internal = alb.scheme === 'internal';
      const webAclArn = alb.waf
        ? new WebAcl(this, `waf-${key}`, {
            name: albWebAclName(env.name, key),
            scope: 'REGIONAL',
            managedRuleGroups: alb.waf.managedRuleGroups,
            rateLimitPer5Minutes: alb.waf.rateLimitPer5Minutes,
            logRetentionDays: alb.waf.logRetentionDays,
          }).arn
        : alb.wafAclArn;
      const lb = new ApplicationLoadBalancer(this, `alb-${key}`, {
        name: serviceName,
        vpcId: network.vpcId,
        subnetIds: internal ? network.privateSubnetIds : network.publicSubnetIds,
        internal,
        ...(alb.certificateArn ? { certificateArn: alb.certificateArn } : {}),
        allowPlainHttp: alb.allowPlainHttp,
        ...(alb.ingressCidrs ? { ingressCidrs: alb.ingressCidrs } : {}),
        targetPort: svc.port,
        healthCheckPath: alb.healthCheckPath,
        healthCheckIntervalSeconds: alb.healthCheckIntervalSeconds,
        deregistrationDelaySeconds: alb.deregistrationDelaySeconds,
        deletionProtection: alb.deletionProtection,
        ...(webAclArn ? { webAclArn } : {}),
        alarmTopicArn: alerts.topicArn,
      });
      this.loadBalancers[key] = lb;
      this.services[key] = new FargateService(this, `service-${key}`, {
        serviceName,
        clusterArn: this.cluster.clusterArn,
        clusterName: this.cluster.clusterName,
        vpcId: network.vpcId,
        subnetIds: network.privateSubnetIds,
        image,
        containerPort: svc.port,
        cpu: svc.cpu,
        memoryMb: svc.memoryMb,
        architecture: svc.architecture,
        environment: svc.environment,
        secrets: svc.secrets,
        ...(svc.healthCheckCommand ? { healthCheck: { command: svc.healthCheckCommand } } : {}),
        desiredCount: svc.desiredCount,
        minCapacity: svc.minCapacity,
        maxCapacity: svc.maxCapacity,
        cpuTargetPercent: svc.autoscaling.cpuTargetPercent,
        memoryTargetPercent: svc.autoscaling.memoryTargetPercent,
        requestsPerTarget: svc.autoscaling.requestsPerTarget,
        minimumHealthyPercent: svc.minimumHealthyPercent,
        maximumPercent: svc.maximumPercent,
        ignoreImageChanges: svc.ignoreImageChanges,
        loadBalancer: lb,
        databaseAccess: databaseAccessOf(key, svc, database),
        ...(svc.cache ? { cacheAccess: cacheAccessOf(key, cache) } : {}),
        enableExecuteCommand: svc.enableExecuteCommand,
        ...(svc.enableExecuteCommand && this.cluster.kmsKeyArn ? { execKmsKeyArn: this.cluster.kmsKeyArn } : {}),
        logRetentionDays: svc.logRetentionDays,
        alarmTopicArn: alerts.topicArn,
      });
    }

    this.outputs = {
      clusterName: this.cluster.clusterName,
      clusterArn: this.cluster.clusterArn,
      loadBalancerDnsNames: Object.fromEntries(Object.entries(this.loadBalancers).map(([k, lb]) => [k, lb.dnsName])),
      loadBalancerArnSuffixes: Object.fromEntries(Object.entries(this.loadBalancers).map(([k, lb]) => [k, lb.loadBalancerArnSuffix])),
      targetGroupArnSuffixes: Object.fromEntries(Object.entries(this.loadBalancers).map(([k, lb]) => [k, lb.targetGroupArnSuffix])),
      repositoryUrls: Object.fromEntries(Object.entries(this.repositories).map(([k, r]) => [k, r.repositoryUrl])),
    };
    new TerraformOutput(this, 'cluster_name', { value: this.outputs.clusterName, description: 'ECS cluster' });
    new TerraformOutput(this, 'load_balancer_dns_names', { value: this.outputs.loadBalancerDnsNames, description: 'DNS name of each service\'s load balancer, by config name' });
    new TerraformOutput(this, 'repository_urls', { value: this.outputs.repositoryUrls, description: 'ECR repository of each service (push images here), by config name' });
  }
}
