import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import { ValidationError } from '../../modules/core/validation-error';
import { ArtifactRegistryRepository } from '../../modules/gcp/artifact-registry';
import { CloudRunService } from '../../modules/gcp/cloud-run-service';
import { ServerlessLoadBalancer } from '../../modules/gcp/serverless-load-balancer';
import type { GcpDatabaseOutputs, GcpNetworkOutputs, GcpRunOutputs } from '../contracts';
import { EnvironmentStack, type EnvironmentStackProps } from '../environment-stack';
import { googleProvider } from '../private/google-provider';
import { enableProjectApis } from '../private/project-apis';
import { gcpLabels } from '../private/providers';
import { type GcpRunConfig, gcpRunLoadBalancerName, gcpRunRepositoryId } from './config';

/** APIs the stack's resources need (left on when the stack is destroyed: other stacks may use them). */
export const GCP_RUN_APIS = ['run.googleapis.com', 'artifactregistry.googleapis.com', 'secretmanager.googleapis.com'] as const;

/** Props of {@link GcpRunStack}. */
export interface GcpRunStackProps extends EnvironmentStackProps {
  /** The `gcp.run` section. */
  readonly config: GcpRunConfig;
  /** Outputs of `<env>-gcp-network`: the subnets for Direct VPC egress. */
  readonly network: GcpNetworkOutputs;
  /**
   * Outputs of `<env>-gcp-database`, for services with `cloudSql: true`.
   *
   * @default - no Cloud SQL grant is possible
   */
  readonly database?: GcpDatabaseOutputs;
}

/**
 * `<env>-gcp-run`: the environment's Artifact Registry repository and its Cloud Run services,
 * each with its own service account, private ingress, Direct VPC egress into a subnet of the
 * environment's network, and, for public services with domains, an external HTTPS load balancer
 * with Cloud Armor.
 */
export class GcpRunStack extends EnvironmentStack {
  public readonly outputs: GcpRunOutputs;
  public readonly repository: ArtifactRegistryRepository;
  /** The services, keyed by their name in the config. */
  public readonly services: Record<string, CloudRunService> = {};
  /** The load balancers, keyed by the name of the service they front. */
  public readonly loadBalancers: Record<string, ServerlessLoadBalancer> = {};

  constructor(scope: Construct, name: string, props: GcpRunStackProps) {
    super(scope, name, props);
    const { environment: env, config, network, database } = props;
    googleProvider(this, env);
    const project = env.gcp.projectId;
    const region = env.gcp.region;
    const labels = gcpLabels(env);

    const apis = enableProjectApis(this, project, GCP_RUN_APIS);

    this.repository = new ArtifactRegistryRepository(this, 'repository', {
      project,
      location: region,
      repositoryId: gcpRunRepositoryId(env.name, config),
      description: `Container images of the ${env.name} Cloud Run services`,
      keepRecentCount: config.repository.keepRecentCount,
      deleteUntaggedAfterDays: config.repository.deleteUntaggedAfterDays,
      deleteTaggedAfterDays: config.repository.deleteTaggedAfterDays,
      immutableTags: config.repository.immutableTags,
      labels,
    });
    this.repository.repository.dependsOn = [...(this.repository.repository.dependsOn ?? []), ...apis.dependables()];

    const firstSubnet = Object.keys(network.subnetIds)[0];
    for (const [serviceName, s] of Object.entries(config.services)) {
      const subnet = s.subnet ?? firstSubnet;
      const subnetId = subnet === undefined ? undefined : network.subnetIds[subnet];
      if (subnetId === undefined) {
        throw new ValidationError(this, `services.${serviceName}.subnet`, subnet, `is not a subnet the network publishes; use one of ${Object.keys(network.subnetIds).join(', ') || '(none)'}`);
      }
      if (s.cloudSql && !database) {
        throw new Error(`gcp.run.services.${serviceName}.cloudSql is true, but the stack was given no gcp-database outputs`);
      }
      const [image, tagOrDigest] = s.image.includes('@') ? s.image.split('@') : splitTag(s.image);
      const service = new CloudRunService(this, `service-${serviceName}`, {
        project,
        region,
        serviceName,
        image: this.repository.imageUri(image!, tagOrDigest!),
        projectRoles: s.roles,
        ingress: s.ingress,
        public: s.public,
        invokers: s.invokers,
        vpcSubnetwork: subnetId,
        vpcNetwork: network.networkId,
        vpcEgress: s.vpcEgress,
        minInstances: s.minInstances,
        maxInstances: s.maxInstances,
        cpu: s.cpu,
        memory: s.memory,
        concurrency: s.concurrency,
        timeoutSeconds: s.timeoutSeconds,
        cpuAlwaysAllocated: s.cpuAlwaysAllocated,
        containerPort: s.containerPort,
        env: s.env,
        secretEnv: s.secrets,
        startupProbePath: s.startupProbePath,
        livenessProbePath: s.livenessProbePath,
        cloudSql: s.cloudSql && database ? { connectionName: database.connectionName } : undefined,
        deletionProtection: config.deletionProtection,
        labels: { ...labels, service: serviceName },
      });
      service.service.dependsOn = [...(service.service.dependsOn ?? []), ...apis.dependables()];
      this.services[serviceName] = service;

      if (s.domains.length > 0) {
        this.loadBalancers[serviceName] = new ServerlessLoadBalancer(this, `load-balancer-${serviceName}`, {
          project,
          name: gcpRunLoadBalancerName(env.name, serviceName),
          service,
          domains: s.domains,
          wafRules: s.waf.rules,
          wafSensitivity: s.waf.sensitivity,
          wafPreview: s.waf.preview,
          rateLimitRequestsPerMinute: s.waf.rateLimitRequestsPerMinute,
          labels: { ...labels, service: serviceName },
        });
      }
    }

    const each = <T>(record: Record<string, T>, value: (v: T) => string) =>
      Object.fromEntries(Object.entries(record).map(([k, v]) => [k, value(v)]));
    this.outputs = {
      repositoryUrl: this.repository.dockerRepositoryUrl,
      serviceUrls: each(this.services, (s) => s.uri),
      serviceAccountEmails: each(this.services, (s) => s.serviceAccountEmail),
      loadBalancerIps: each(this.loadBalancers, (lb) => lb.ipAddress),
    };

    new TerraformOutput(this, 'repository_url', { value: this.outputs.repositoryUrl });
    new TerraformOutput(this, 'service_urls', { value: this.outputs.serviceUrls });
    new TerraformOutput(this, 'service_account_emails', { value: this.outputs.serviceAccountEmails });
    new TerraformOutput(this, 'load_balancer_ips', {
      description: 'Point the A records of each service\'s domains here',
      value: this.outputs.loadBalancerIps,
    });
  }
}

/** `api:1.2.0` -> `['api', '1.2.0']` (the last `:` separates the tag). */
function splitTag(image: string): [string, string] {
  const i = image.lastIndexOf(':');
  return [image.slice(0, i), image.slice(i + 1)];
}
