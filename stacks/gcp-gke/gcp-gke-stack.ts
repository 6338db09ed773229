import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import { ValidationError } from '../../modules/core/validation-error';
import { GkeCluster } from '../../modules/gcp/gke-cluster';
import { GkeNodePool } from '../../modules/gcp/gke-node-pool';
import type { GcpGkeOutputs, GcpNetworkOutputs } from '../contracts';
import { EnvironmentStack, type EnvironmentStackProps } from '../environment-stack';
import { googleProvider } from '../private/google-provider';
import { enableProjectApis } from '../private/project-apis';
import { gcpLabels } from '../private/providers';
import { type GcpGkeConfig, gkeClusterName } from './config';

/** APIs the stack's resources need (left on when the stack is destroyed: other stacks may use them). */
export const GCP_GKE_APIS = ['container.googleapis.com', 'cloudkms.googleapis.com'] as const;

/** Props of {@link GcpGkeStack}. */
export interface GcpGkeStackProps extends EnvironmentStackProps {
  /** The `gcp.gke` section. */
  readonly config: GcpGkeConfig;
  /** Outputs of `<env>-gcp-network`: the network and the subnet the nodes use. */
  readonly network: GcpNetworkOutputs;
}

/**
 * `<env>-gcp-gke`: the environment's regional, private GKE cluster (Standard with its node pools,
 * or Autopilot) on a subnet of the environment's network and its named pod and service ranges,
 * with Kubernetes secrets encrypted by a Cloud KMS key the stack creates.
 */
export class GcpGkeStack extends EnvironmentStack {
  public readonly outputs: GcpGkeOutputs;
  public readonly cluster: GkeCluster;
  /** The node pools, keyed by their name in the config. */
  public readonly nodePools: Record<string, GkeNodePool> = {};

  constructor(scope: Construct, name: string, props: GcpGkeStackProps) {
    super(scope, name, props);
    const { environment: env, config, network } = props;
    googleProvider(this, env);
    const project = env.gcp.projectId;
    const labels = gcpLabels(env);
    const subnetwork = network.subnetIds[config.subnet];
    // The config check reports a subnet gcp.network does not define first; this guards direct use of the stack.
    if (subnetwork === undefined) {
      throw new ValidationError(this, 'subnet', config.subnet, `is not a subnet the network publishes; use one of ${Object.keys(network.subnetIds).join(', ') || '(none)'}`);
    }

    const apis = enableProjectApis(this, project, GCP_GKE_APIS);

    const clusterName = gkeClusterName(env.name);
    this.cluster = new GkeCluster(this, 'cluster', {
      project,
      region: env.gcp.region,
      clusterName,
      network: network.networkSelfLink,
      subnetwork,
      podsRangeName: config.podsRange,
      servicesRangeName: config.servicesRange,
      autopilot: config.autopilot,
      enablePrivateEndpoint: config.privateEndpoint,
      masterAuthorizedNetworks: config.masterAuthorizedNetworks,
      allowPublicAuthorizedNetworks: config.allowPublicAuthorizedNetworks,
      releaseChannel: config.releaseChannel,
      maintenanceStartTime: config.maintenance.startTime,
      maintenanceDurationHours: config.maintenance.durationHours,
      maintenanceDays: config.maintenance.days,
      keyRotationDays: config.keyRotationDays,
      enableBinaryAuthorization: config.binaryAuthorization,
      deletionProtection: config.deletionProtection,
      labels,
    });
    this.cluster.cluster.dependsOn = [...(this.cluster.cluster.dependsOn ?? []), ...apis.dependables()];

    if (!config.autopilot) {
      for (const [poolName, pool] of Object.entries(config.nodePools)) {
        this.nodePools[poolName] = new GkeNodePool(this, `node-pool-${poolName}`, {
          project,
          clusterName,
          clusterId: this.cluster.clusterId,
          location: this.cluster.location,
          nodePoolName: poolName,
          machineType: pool.machineType,
          diskSizeGb: pool.diskSizeGb,
          diskType: pool.diskType,
          minNodesPerZone: pool.minNodesPerZone,
          maxNodesPerZone: pool.maxNodesPerZone,
          spot: pool.spot,
          labels: pool.labels,
          taints: pool.taints,
          networkTags: pool.networkTags,
          resourceLabels: labels,
        });
      }
    }

    this.outputs = {
      clusterName: this.cluster.clusterName,
      endpoint: this.cluster.endpoint,
      caCertificate: this.cluster.caCertificate,
      location: this.cluster.location,
      workloadIdentityPool: this.cluster.workloadIdentityPool,
    };

    new TerraformOutput(this, 'cluster_name', { value: this.outputs.clusterName });
    new TerraformOutput(this, 'location', { value: this.outputs.location });
    new TerraformOutput(this, 'endpoint', { value: this.outputs.endpoint });
    new TerraformOutput(this, 'ca_certificate', { description: 'Base64 PEM of the cluster CA (public)', value: this.outputs.caCertificate });
    new TerraformOutput(this, 'workload_identity_pool', { value: this.outputs.workloadIdentityPool });
    new TerraformOutput(this, 'secrets_kms_key', { value: this.cluster.kmsKeyName });
  }
}
