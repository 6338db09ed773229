import { ContainerCluster } from '@cdktf/provider-google/lib/container-cluster';
import { DataGoogleProject } from '@cdktf/provider-google/lib/data-google-project';
import { KmsCryptoKey } from '@cdktf/provider-google/lib/kms-crypto-key';
import { KmsCryptoKeyIamMember } from '@cdktf/provider-google/lib/kms-crypto-key-iam-member';
import { KmsKeyRing } from '@cdktf/provider-google/lib/kms-key-ring';
import { type ITerraformDependable, Token } from 'cdktf';
import { Construct } from 'constructs';
import { isPrivate, parseCidr, prefixOf } from '../core/cidr';
import { ValidationError } from '../core/validation-error';

/**
 * GKE release channels a cluster may follow (the provider's values without UNSPECIFIED).
 *
 * @see https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources/container_cluster#channel
 * @see https://cloud.google.com/kubernetes-engine/docs/concepts/release-channels
 */
export const GKE_RELEASE_CHANNELS = ['RAPID', 'REGULAR', 'STABLE', 'EXTENDED'] as const;
export type GkeReleaseChannel = (typeof GKE_RELEASE_CHANNELS)[number];

/** Days of a weekly maintenance window (RFC 5545 `BYDAY`). */
export const GKE_MAINTENANCE_DAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type GkeMaintenanceDay = (typeof GKE_MAINTENANCE_DAYS)[number];

/** Defaults of {@link GkeCluster}, for the config layer. */
export const GKE_DEFAULTS = {
  autopilot: false,
  releaseChannel: 'REGULAR',
  enablePrivateEndpoint: true,
  maintenanceStartTime: '03:00',
  maintenanceDurationHours: 6,
  maintenanceDays: ['SA', 'SU'],
  keyRotationDays: 90,
  deletionProtection: true,
  enableBinaryAuthorization: false,
  loggingComponents: ['SYSTEM_COMPONENTS', 'WORKLOADS'],
  monitoringComponents: ['SYSTEM_COMPONENTS'],
} as const;

/**
 * Limits of {@link GkeCluster}.
 *
 * @see https://cloud.google.com/kubernetes-engine/docs/concepts/maintenance-windows-and-exclusions
 */
export const GKE_LIMITS = {
  maxClusterNameLength: 40,
  /** A window must be at least this long. */
  minMaintenanceWindowHours: 4,
  /** Hours of window GKE needs in any 32 days. */
  minMaintenanceHoursPer32Days: 48,
  minKeyRotationDays: 1,
  maxKeyRotationDays: 876000,
  maxAuthorizedNetworks: 50,
} as const;

/**
 * Why a weekly maintenance window gives GKE too little time, or undefined.
 *
 * Each weekday occurs at least 4 times in any 32 days, so the guaranteed availability is
 * `days x 4 x hours`; GKE wants 48 hours per 32 days and windows of at least 4 hours.
 */
export function gkeMaintenanceWindowProblem(days: readonly string[], durationHours: number): string | undefined {
  const L = GKE_LIMITS;
  const unknown = days.filter((d) => !(GKE_MAINTENANCE_DAYS as readonly string[]).includes(d));
  if (days.length === 0 || unknown.length) return `maintenanceDays must be some of ${GKE_MAINTENANCE_DAYS.join(', ')}`;
  if (new Set(days).size !== days.length) return 'maintenanceDays lists a day twice';
  if (!Number.isInteger(durationHours) || durationHours < L.minMaintenanceWindowHours || durationHours > 24) {
    return `maintenanceDurationHours must be ${L.minMaintenanceWindowHours}-24`;
  }
  if (days.length * 4 * durationHours < L.minMaintenanceHoursPer32Days) {
    return `the window gives ${days.length * 4 * durationHours} hours per 32 days; GKE needs ${
      L.minMaintenanceHoursPer32Days
    } (add days or hours)`;
  }
  return undefined;
}

/**
 * Why a master authorized network is not allowed, or undefined: never `0.0.0.0/0`, and public
 * ranges only when explicitly allowed.
 */
export function gkeAuthorizedNetworkProblem(cidr: string, allowPublic: boolean): string | undefined {
  const parsed = parseCidr(cidr);
  if (parsed.error) return parsed.error;
  if (prefixOf(cidr) === 0) return 'opens the control plane to the whole internet; 0.0.0.0/0 is never allowed';
  if (!allowPublic && !isPrivate(cidr)) {
    return 'is a public range; use private (RFC 1918) ranges, or set allowPublicAuthorizedNetworks: true for a named office or CI range';
  }
  return undefined;
}

/** A network allowed to reach the control plane. */
export interface GkeAuthorizedNetwork {
  /** IPv4 CIDR block. */
  readonly cidr: string;
  /** Display name. */
  readonly name: string;
}

/** Props of {@link GkeCluster}. */
export interface GkeClusterProps {
  /** Project of the cluster. */
  readonly project: string;
  /** Project number (for the GKE service agent). @default - read with a `google_project` data source */
  readonly projectNumber?: string;
  /** Region: the cluster is regional (control plane and nodes in three zones). */
  readonly region: string;
  /** Cluster name (lower-case letters, digits, `-`; <= 40). */
  readonly clusterName: string;
  /** Self link or id of the VPC network. */
  readonly network: string;
  /** Self link or id of the subnetwork the nodes use. */
  readonly subnetwork: string;
  /** Name of the subnetwork's secondary range for pods. */
  readonly podsRangeName: string;
  /** Name of the subnetwork's secondary range for services. */
  readonly servicesRangeName: string;
  /** Autopilot instead of Standard (node pools are then managed by GKE). @default false */
  readonly autopilot?: boolean;
  /** Control plane reachable on its private endpoint only. @default true */
  readonly enablePrivateEndpoint?: boolean;
  /** /28 for the control plane (older VPC-peering clusters). @default - none (Private Service Connect) */
  readonly masterIpv4CidrBlock?: string;
  /** Networks allowed to reach the control plane (never 0.0.0.0/0). @default [] */
  readonly masterAuthorizedNetworks?: GkeAuthorizedNetwork[];
  /** Allow public ranges in `masterAuthorizedNetworks`. @default false */
  readonly allowPublicAuthorizedNetworks?: boolean;
  /** Release channel. @default 'REGULAR' */
  readonly releaseChannel?: GkeReleaseChannel;
  /** Start of the maintenance window, `HH:MM` UTC. @default '03:00' */
  readonly maintenanceStartTime?: string;
  /** Length of the maintenance window in hours (>= 4). @default 6 */
  readonly maintenanceDurationHours?: number;
  /** Days of the weekly window. @default ['SA', 'SU'] */
  readonly maintenanceDays?: GkeMaintenanceDay[];
  /** Existing Cloud KMS key for secrets encryption. @default - a key ring and key are created */
  readonly existingKmsKeyName?: string;
  /** Name of the key ring created (key rings can never be deleted). @default `<clusterName>-gke` */
  readonly kmsKeyRingName?: string;
  /** Rotation period of the created key, in days. @default 90 */
  readonly keyRotationDays?: number;
  /**
   * Service account (email) of the default node pool that exists only while the cluster is created
   * (Standard). Set it where the Compute Engine default account is disabled or deleted.
   * @default - the Compute Engine default account, for those few minutes
   */
  readonly bootstrapNodeServiceAccount?: string;
  /** Enforce the project's Binary Authorization policy. @default false */
  readonly enableBinaryAuthorization?: boolean;
  /** Terraform refuses to destroy the cluster (and the key). @default true */
  readonly deletionProtection?: boolean;
  /** Resource labels. @default {} */
  readonly labels?: Record<string, string>;
}

/**
 * A regional, private GKE cluster (Standard or Autopilot), hardened after `safer-cluster`.
 *
 * Private nodes on the given subnetwork's named pod and service ranges; private control-plane
 * endpoint by default with authorized networks (never 0.0.0.0/0); Workload Identity; Dataplane
 * V2; shielded nodes; release channel and a weekly maintenance window; Kubernetes secrets
 * encrypted with a Cloud KMS key (created with rotation, the GKE service agent granted on it);
 * system and workload logs, system metrics and managed Prometheus; deletion protection. A
 * Standard cluster drops its default node pool: add {@link GkeNodePool}s.
 *
 * @see https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources/container_cluster
 * @see https://github.com/terraform-google-modules/terraform-google-kubernetes-engine/tree/main/modules/safer-cluster
 * @see https://cloud.google.com/kubernetes-engine/docs/how-to/hardening-your-cluster
 */
export class GkeCluster extends Construct {
  /** The cluster. */
  public readonly cluster: ContainerCluster;
  /** Cluster name. */
  public readonly clusterName: string;
  /** Cluster id, `projects/<p>/locations/<region>/clusters/<name>` (reference it to order node pools). */
  public readonly clusterId: string;
  /** Location (region). */
  public readonly location: string;
  /** Control-plane endpoint (private IP when the private endpoint is on). */
  public readonly endpoint: string;
  /** Base64 PEM of the cluster CA. */
  public readonly caCertificate: string;
  /** Workload Identity pool, `<project>.svc.id.goog`. */
  public readonly workloadIdentityPool: string;
  /** Key that encrypts Kubernetes secrets. */
  public readonly kmsKeyName: string;
  /** Whether the cluster is Autopilot. */
  public readonly autopilot: boolean;

  constructor(scope: Construct, id: string, props: GkeClusterProps) {
    super(scope, id);
    const D = GKE_DEFAULTS;
    const L = GKE_LIMITS;
    const autopilot = props.autopilot ?? D.autopilot;
    const releaseChannel = props.releaseChannel ?? D.releaseChannel;
    const enablePrivateEndpoint = props.enablePrivateEndpoint ?? D.enablePrivateEndpoint;
    const startTime = props.maintenanceStartTime ?? D.maintenanceStartTime;
    const durationHours = props.maintenanceDurationHours ?? D.maintenanceDurationHours;
    const days = props.maintenanceDays ?? [...D.maintenanceDays];
    const rotationDays = props.keyRotationDays ?? D.keyRotationDays;
    const deletionProtection = props.deletionProtection ?? D.deletionProtection;
    const networks = props.masterAuthorizedNetworks ?? [];
    const keyRingName = props.kmsKeyRingName ?? `${props.clusterName}-gke`;

    const fail = (prop: string, value: unknown, allowed: string): never => {
      throw new ValidationError(this, prop, value, allowed);
    };
    if (
      !Token.isUnresolved(props.clusterName) &&
      (props.clusterName.length > L.maxClusterNameLength || !/^[a-z]([a-z0-9-]*[a-z0-9])?$/.test(props.clusterName))
    ) {
      fail(
        'clusterName',
        props.clusterName,
        `is not a cluster name; use lower-case letters, digits and "-", starting with a letter, at most ${L.maxClusterNameLength} characters`
      );
    }
    for (const prop of ['podsRangeName', 'servicesRangeName'] as const) {
      const value = props[prop];
      if (!Token.isUnresolved(value) && !/^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/.test(value ?? '')) {
        fail(
          prop,
          value,
          'must name a secondary range of the subnetwork (lower-case letters, digits and "-", 1-63 characters)'
        );
      }
    }
    if (!Token.isUnresolved(props.podsRangeName) && props.podsRangeName === props.servicesRangeName) {
      fail(
        'servicesRangeName',
        props.servicesRangeName,
        'is the same range as podsRangeName; pods and services need two different secondary ranges'
      );
    }
    if (!(GKE_RELEASE_CHANNELS as readonly string[]).includes(releaseChannel)) {
      fail('releaseChannel', releaseChannel, `is not a release channel; use one of ${GKE_RELEASE_CHANNELS.join(', ')}`);
    }
    if (networks.length > L.maxAuthorizedNetworks) {
      fail(
        'masterAuthorizedNetworks',
        networks.length,
        `lists too many networks; use at most ${L.maxAuthorizedNetworks}`
      );
    }
    const seen = new Set<string>();
    networks.forEach((n, i) => {
      const problem = gkeAuthorizedNetworkProblem(n.cidr, props.allowPublicAuthorizedNetworks ?? false);
      if (problem) fail(`masterAuthorizedNetworks[${i}].cidr`, n.cidr, problem);
      if (!n.name)
        fail(`masterAuthorizedNetworks[${i}].name`, n.name, 'is empty; name each network (who or what it is)');
      if (seen.has(n.cidr))
        fail(`masterAuthorizedNetworks[${i}].cidr`, n.cidr, 'is listed twice; give each range once');
      seen.add(n.cidr);
    });
    if (props.masterIpv4CidrBlock !== undefined) {
      const parsed = parseCidr(props.masterIpv4CidrBlock);
      if (parsed.error) fail('masterIpv4CidrBlock', props.masterIpv4CidrBlock, parsed.error);
      if (prefixOf(props.masterIpv4CidrBlock) !== 28 || !isPrivate(props.masterIpv4CidrBlock)) {
        fail('masterIpv4CidrBlock', props.masterIpv4CidrBlock, 'must be a private /28 block, e.g. "172.16.0.0/28"');
      }
    }
    if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(startTime)) {
      fail('maintenanceStartTime', startTime, 'is not a time of day; use HH:MM in 24-hour UTC, e.g. "03:00"');
    }
    const windowProblem = gkeMaintenanceWindowProblem(days, durationHours);
    if (windowProblem)
      fail(
        windowProblem.startsWith('maintenanceDays') ? 'maintenanceDays' : 'maintenanceDurationHours',
        { days, durationHours },
        `is not allowed: ${windowProblem}`
      );
    if (!Number.isInteger(rotationDays) || rotationDays < L.minKeyRotationDays || rotationDays > L.maxKeyRotationDays) {
      fail(
        'keyRotationDays',
        rotationDays,
        `is out of range; use ${L.minKeyRotationDays}-${L.maxKeyRotationDays} days`
      );
    }
    if (!props.existingKmsKeyName && !Token.isUnresolved(keyRingName) && !/^[a-zA-Z0-9_-]{1,63}$/.test(keyRingName)) {
      fail('kmsKeyRingName', keyRingName, 'is not a key ring name; use 1-63 letters, digits, "-" or "_"');
    }

    // Secrets encryption: the key must be in the cluster's region; the GKE service agent uses it.
    let kmsKeyName = props.existingKmsKeyName;
    const dependsOn: ITerraformDependable[] = [];
    if (!kmsKeyName) {
      const ring = new KmsKeyRing(this, 'key-ring', {
        project: props.project,
        location: props.region,
        name: keyRingName,
      });
      const key = new KmsCryptoKey(this, 'secrets-key', {
        name: `${props.clusterName}-secrets`,
        keyRing: ring.id,
        purpose: 'ENCRYPT_DECRYPT',
        rotationPeriod: `${rotationDays * 86400}s`,
        labels: props.labels,
        lifecycle: { preventDestroy: deletionProtection },
      });
      kmsKeyName = key.id;
      const projectNumber =
        props.projectNumber ?? new DataGoogleProject(this, 'project', { projectId: props.project }).number;
      dependsOn.push(
        new KmsCryptoKeyIamMember(this, 'secrets-key-gke-agent', {
          cryptoKeyId: key.id,
          role: 'roles/cloudkms.cryptoKeyEncrypterDecrypter',
          member: `serviceAccount:service-${projectNumber}@container-engine-robot.iam.gserviceaccount.com`,
        })
      );
    }

    const [hh, mm] = startTime.split(':').map(Number);
    const endMinutes = hh * 60 + mm + durationHours * 60;
    const pad = (n: number) => String(n).padStart(2, '0');
    // 2025-01-04 is a Saturday; the recurrence, not the date, decides the days.
    const windowStart = `2025-01-04T${pad(hh)}:${pad(mm)}:00Z`;
    const windowEnd = `2025-01-${pad(4 + Math.floor(endMinutes / 1440))}T${pad(
      Math.floor((endMinutes % 1440) / 60)
    )}:${pad(endMinutes % 60)}:00Z`;
    const workloadPool = `${props.project}.svc.id.goog`;

    this.cluster = new ContainerCluster(this, 'cluster', {
      project: props.project,
      name: props.clusterName,
      location: props.region,
      network: props.network,
      subnetwork: props.subnetwork,
      networkingMode: 'VPC_NATIVE',
      // Named ranges only: *_secondary_range_name conflicts with the *_ipv4_cidr_block fields.
      ipAllocationPolicy: {
        clusterSecondaryRangeName: props.podsRangeName,
        servicesSecondaryRangeName: props.servicesRangeName,
      },
      privateClusterConfig: {
        enablePrivateNodes: true,
        enablePrivateEndpoint,
        masterIpv4CidrBlock: props.masterIpv4CidrBlock,
        masterGlobalAccessConfig: { enabled: true },
      },
      masterAuthorizedNetworksConfig: {
        gcpPublicCidrsAccessEnabled: false,
        cidrBlocks: networks.map((n) => ({ cidrBlock: n.cidr, displayName: n.name })),
      },
      masterAuth: { clientCertificateConfig: { issueClientCertificate: false } },
      workloadIdentityConfig: { workloadPool },
      // The Secret Manager add-on (Secrets Store CSI, provider `gke`): workloads mount secrets
      // without their values ever passing through Terraform state.
      // @see https://cloud.google.com/secret-manager/docs/secret-manager-managed-csi-component
      secretManagerConfig: { enabled: true },
      releaseChannel: { channel: releaseChannel },
      maintenancePolicy: {
        recurringWindow: {
          startTime: windowStart,
          endTime: windowEnd,
          recurrence: `FREQ=WEEKLY;BYDAY=${days.join(',')}`,
        },
      },
      databaseEncryption: { state: 'ENCRYPTED', keyName: kmsKeyName },
      loggingConfig: { enableComponents: [...D.loggingComponents] },
      monitoringConfig: { enableComponents: [...D.monitoringComponents], managedPrometheus: { enabled: true } },
      securityPostureConfig: { mode: 'BASIC' },
      binaryAuthorization:
        props.enableBinaryAuthorization ?? D.enableBinaryAuthorization
          ? { evaluationMode: 'PROJECT_SINGLETON_POLICY_ENFORCE' }
          : undefined,
      deletionProtection,
      resourceLabels: props.labels,
      // Autopilot manages nodes, Dataplane V2 and shielded nodes itself; enable_shielded_nodes
      // conflicts with enable_autopilot in the provider schema.
      ...(autopilot
        ? { enableAutopilot: true }
        : {
            datapathProvider: 'ADVANCED_DATAPATH',
            enableShieldedNodes: true,
            enableLegacyAbac: false,
            // @see https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources/container_cluster#remove_default_node_pool
            removeDefaultNodePool: true,
            initialNodeCount: 1,
            nodeConfig: props.bootstrapNodeServiceAccount
              ? {
                  serviceAccount: props.bootstrapNodeServiceAccount,
                  oauthScopes: ['https://www.googleapis.com/auth/cloud-platform'],
                  shieldedInstanceConfig: { enableSecureBoot: true, enableIntegrityMonitoring: true },
                  workloadMetadataConfig: { mode: 'GKE_METADATA' },
                }
              : undefined,
            lifecycle: { ignoreChanges: ['node_pool', 'initial_node_count', 'node_config'] },
          }),
      dependsOn,
    });

    this.clusterName = props.clusterName;
    this.clusterId = this.cluster.id;
    this.location = props.region;
    this.endpoint = this.cluster.endpoint;
    this.caCertificate = this.cluster.masterAuth.clusterCaCertificate;
    this.workloadIdentityPool = workloadPool;
    this.kmsKeyName = kmsKeyName;
    this.autopilot = autopilot;
  }
}
