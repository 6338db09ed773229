import { StorageBucket } from '@cdktf/provider-google/lib/storage-bucket';
import { VpcAccessConnector } from '@cdktf/provider-google/lib/vpc-access-connector';
import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import { CloudFunction } from '../../modules/gcp/cloud-function';
import type { GcpFunctionsOutputs, GcpNetworkOutputs, GcpEventsOutputs } from '../contracts';
import { EnvironmentStack, type EnvironmentStackProps } from '../environment-stack';
import { googleProvider } from '../private/google-provider';
import { enableProjectApis } from '../private/project-apis';
import { gcpLabels } from '../private/providers';
import { type GcpFunctionsConfig, gcpFunctionsBucketName, gcpFunctionsConnectorName, isEventsTopicName } from './config';

/** APIs the stack's resources need (left on when the stack is destroyed: other stacks may use them). */
export const GCP_FUNCTIONS_APIS = [
  'cloudfunctions.googleapis.com',
  'cloudbuild.googleapis.com',
  'run.googleapis.com',
  'artifactregistry.googleapis.com',
  'eventarc.googleapis.com',
  'pubsub.googleapis.com',
  'vpcaccess.googleapis.com',
  'secretmanager.googleapis.com',
] as const;

/** Props of {@link GcpFunctionsStack}. */
export interface GcpFunctionsStackProps extends EnvironmentStackProps {
  /** The `gcp.functions` section. */
  readonly config: GcpFunctionsConfig;
  /**
   * Outputs of `<env>-gcp-network`: the network the VPC connector joins.
   *
   * @default - none; required when `config.vpcConnector` is set
   */
  readonly network?: GcpNetworkOutputs;
  /**
   * Outputs of `<env>-gcp-events`: the topics functions are triggered by.
   *
   * @default - none; required when a function's topic is a `gcp.events` topic name
   */
  readonly events?: GcpEventsOutputs;
}

/**
 * `<env>-gcp-functions`: the environment's Cloud Run functions (2nd gen), built from folders of
 * this repository zipped reproducibly into one private source bucket, each with its own service
 * account and internal ingress, egressing through a Serverless VPC Access connector when one is
 * configured.
 */
export class GcpFunctionsStack extends EnvironmentStack {
  public readonly outputs: GcpFunctionsOutputs;
  /** The environment's source bucket. */
  public readonly sourceBucket: StorageBucket;
  /** The VPC connector, when `gcp.functions.vpcConnector` is set. */
  public readonly vpcConnector?: VpcAccessConnector;
  /** The functions, keyed by their name in the config. */
  public readonly functions: Record<string, CloudFunction> = {};

  constructor(scope: Construct, name: string, props: GcpFunctionsStackProps) {
    super(scope, name, props);
    const { environment: env, config, network, events } = props;
    googleProvider(this, env);
    const project = env.gcp.projectId;
    const region = env.gcp.region;
    const labels = gcpLabels(env);

    const apis = enableProjectApis(this, project, GCP_FUNCTIONS_APIS);
    const afterApis = apis.dependables();

    // One bucket for every function's source, as private as the construct's own: uniform access,
    // public access prevention, versioning, old versions deleted, and kept on `destroy`.
    this.sourceBucket = new StorageBucket(this, 'source-bucket', {
      project,
      name: gcpFunctionsBucketName(project, env.name),
      location: region,
      uniformBucketLevelAccess: true,
      publicAccessPrevention: 'enforced',
      versioning: { enabled: true },
      forceDestroy: false,
      labels,
      lifecycleRule: [
        { action: { type: 'Delete' }, condition: { daysSinceNoncurrentTime: config.sourceNoncurrentDays, withState: 'ARCHIVED' } },
        { action: { type: 'AbortIncompleteMultipartUpload' }, condition: { age: 1 } },
      ],
    });

    if (config.vpcConnector) {
      if (!network) throw new Error('gcp.functions.vpcConnector is set, but the stack was given no gcp-network outputs');
      // ip_cidr_range + network, or subnet: exclusive; min/max_instances instead of the
      // deprecated min/max_throughput (also exclusive with them).
      // @see https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources/vpc_access_connector
      this.vpcConnector = new VpcAccessConnector(this, 'vpc-connector', {
        project,
        region,
        name: gcpFunctionsConnectorName(env.name),
        network: network.networkName,
        ipCidrRange: config.vpcConnector.cidr,
        machineType: config.vpcConnector.machineType,
        minInstances: config.vpcConnector.minInstances,
        maxInstances: config.vpcConnector.maxInstances,
        dependsOn: apis.services,
      });
    }

    for (const [functionName, f] of Object.entries(config.functions)) {
      const fn = new CloudFunction(this, `function-${functionName}`, {
        project,
        region,
        functionName,
        sourceFolder: f.source,
        sourceExcludes: f.sourceExcludes,
        existingSourceBucket: this.sourceBucket.name,
        entryPoint: f.entryPoint,
        runtime: f.runtime,
        trigger:
          f.trigger === 'pubsub'
            ? { type: 'pubsub', topic: topicId(f.topic!, events), retry: f.retry }
            : { type: 'http' },
        projectRoles: f.roles,
        ingress: f.ingress,
        public: f.public,
        invokers: f.invokers,
        vpcConnector: this.vpcConnector?.id,
        vpcEgress: this.vpcConnector ? f.vpcEgress : undefined,
        memory: f.memory,
        cpu: f.cpu,
        timeoutSeconds: f.timeoutSeconds,
        minInstances: f.minInstances,
        maxInstances: f.maxInstances,
        concurrency: f.concurrency,
        env: f.env,
        secretEnv: f.secrets,
        labels: { ...labels, function: functionName },
      });
      fn.function.dependsOn = [...(fn.function.dependsOn ?? []), ...afterApis];
      this.functions[functionName] = fn;
    }

    const each = (value: (f: CloudFunction) => string) =>
      Object.fromEntries(Object.entries(this.functions).map(([k, f]) => [k, value(f)]));
    this.outputs = {
      functionUrls: each((f) => f.url),
      serviceAccountEmails: each((f) => f.serviceAccountEmail),
      ...(this.vpcConnector ? { vpcConnectorId: this.vpcConnector.id } : {}),
    };

    new TerraformOutput(this, 'source_bucket', { value: this.sourceBucket.name });
    new TerraformOutput(this, 'function_urls', { value: this.outputs.functionUrls });
    new TerraformOutput(this, 'service_account_emails', { value: this.outputs.serviceAccountEmails });
    if (this.vpcConnector) new TerraformOutput(this, 'vpc_connector_id', { value: this.vpcConnector.id });
  }
}

/** The topic id of a `gcp.events` topic name (from the events stack), or the id itself. */
function topicId(topic: string, events: GcpEventsOutputs | undefined): string {
  if (!isEventsTopicName(topic)) return topic;
  const id = events?.topicIds[topic];
  if (id === undefined) throw new Error(`gcp.functions names the gcp.events topic "${topic}", but the stack was given no gcp-events outputs for it`);
  return id;
}
