import {
  ContainerApp as AzurermContainerApp,
  type ContainerAppTemplateContainerLivenessProbe,
  type ContainerAppTemplateContainerReadinessProbe,
} from '@cdktf/provider-azurerm/lib/container-app';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { Construct } from 'constructs';
import { HIDDEN, ValidationError } from '../core/validation-error';
import { CONSUMPTION_WORKLOAD_PROFILE } from './container-app-environment';
import { idFromKey, keyVaultSecretIdProblem, known, literalSecretProblem, ROLES } from './private/compute-rules';

/**
 * CPU (vCPU) / memory pairs a container may use on the Consumption workload profile: 0.25 vCPU
 * steps up to 4, with twice as many GiB of memory.
 *
 * @see https://learn.microsoft.com/azure/container-apps/containers#allocations
 * @see https://registry.terraform.io/providers/hashicorp/azurerm/4.55.0/docs/resources/container_app#cpu
 */
export const CONTAINER_APP_CPU_MEMORY: ReadonlyArray<{ readonly cpu: number; readonly memory: string }> = Array.from(
  { length: 16 },
  (_, i) => ({ cpu: (i + 1) * 0.25, memory: `${(i + 1) * 0.5}Gi` }),
);

/** Why a CPU/memory pair is refused on the Consumption profile, or `undefined` when it is allowed. */
export function containerAppCpuMemoryProblem(cpu: number, memory: string): string | undefined {
  if (CONTAINER_APP_CPU_MEMORY.some((p) => p.cpu === cpu && p.memory === memory)) return undefined;
  return `is not an allowed cpu/memory pair on the Consumption profile; use one of ${CONTAINER_APP_CPU_MEMORY.map((p) => `${p.cpu}/${p.memory}`).join(', ')}`;
}

/** Ingress transports. */
export const CONTAINER_APP_TRANSPORTS = ['auto', 'http', 'http2', 'tcp'] as const;
/** Revision modes. */
export const CONTAINER_APP_REVISION_MODES = ['Single', 'Multiple'] as const;

/** Limits of {@link ContainerApp}. */
export const CONTAINER_APP_LIMITS = {
  /** Replicas per revision. @see https://learn.microsoft.com/azure/container-apps/scale-app */
  replicas: { min: 0, max: 1000 },
} as const;

/** Defaults of {@link ContainerApp}. */
export const CONTAINER_APP_DEFAULTS = {
  cpu: 0.5,
  memory: '1Gi',
  minReplicas: 1,
  maxReplicas: 10,
  /** Concurrent HTTP requests per replica before the HTTP scale rule adds one. */
  httpConcurrentRequests: 50,
  transport: 'auto' as (typeof CONTAINER_APP_TRANSPORTS)[number],
  revisionMode: 'Single' as (typeof CONTAINER_APP_REVISION_MODES)[number],
  public: false,
  containerName: 'app',
} as const;

/** Container App names: 2-32 lower-case letters, digits and `-`, starting with a letter, not ending with `-`, no `--`. */
const APP_NAME = /^[a-z](?!.*--)[a-z0-9-]{0,30}[a-z0-9]$/;

/** One entry of the ingress traffic split. */
export interface ContainerAppTrafficWeight {
  /** Percentage of requests, 0-100; all weights sum to 100. */
  readonly percentage: number;
  /** Send this share to the latest revision. @default false */
  readonly latestRevision?: boolean;
  /** Revision suffix this share goes to (when not the latest). @default - none */
  readonly revisionSuffix?: string;
  /** Label giving the revision its own URL. @default - none */
  readonly label?: string;
}

/** A Key Vault secret the app reads through its identity. */
export interface ContainerAppKeyVaultSecret {
  /** Versionless secret id (`azurerm_key_vault_secret.versionless_id`). */
  readonly secretId: string;
  /** ARM resource id of the secret, the scope of its grant when `keyVaultId` is not given. @default - required unless `keyVaultId` */
  readonly resourceId?: string;
}

/** Props of {@link ContainerApp}. */
export interface ContainerAppProps {
  /** App name: 2-32 lower-case letters, digits and `-`. */
  readonly name: string;
  /** Resource group of the app and its identity. */
  readonly resourceGroupName: string;
  /** Location of the app's user-assigned identity (the environment's location). */
  readonly location: string;
  /** The Container Apps environment. */
  readonly environmentId: string;
  /** Resource id of the registry the image comes from (the identity gets `AcrPull` on it). */
  readonly registryId: string;
  /** Login server of the registry, e.g. `myregistry.azurecr.io`. */
  readonly registryLoginServer: string;
  /** Image, e.g. `myregistry.azurecr.io/api:1.4.2` (pin a tag or digest). */
  readonly image: string;
  /** Container name. @default 'app' */
  readonly containerName?: string;
  /** vCPU of the container. @default 0.5 */
  readonly cpu?: number;
  /** Memory of the container, e.g. `1Gi` (on Consumption: twice the vCPU). @default '1Gi' */
  readonly memory?: string;
  /** Workload profile the app runs on. @default 'Consumption' */
  readonly workloadProfileName?: string;
  /** Fewest replicas (0 lets it scale to zero). @default 1 */
  readonly minReplicas?: number;
  /** Most replicas. @default 10 */
  readonly maxReplicas?: number;
  /** Concurrent requests per replica that trigger a scale-out (HTTP scale rule). @default 50 */
  readonly httpConcurrentRequests?: number;
  /** Port the container listens on; enables ingress. @default - no ingress */
  readonly targetPort?: number;
  /** Ingress transport. @default 'auto' */
  readonly transport?: (typeof CONTAINER_APP_TRANSPORTS)[number];
  /** External ingress (reachable from outside the environment's VNet when the environment is not internal). @default false */
  readonly public?: boolean;
  /** `Single` (one active revision) or `Multiple` (traffic split across revisions). @default 'Single' */
  readonly revisionMode?: (typeof CONTAINER_APP_REVISION_MODES)[number];
  /** Traffic split; must sum to 100. @default - 100% to the latest revision */
  readonly trafficWeights?: readonly ContainerAppTrafficWeight[];
  /** Plain environment variables. A secret-looking name with a literal value is refused. @default - none */
  readonly env?: Readonly<Record<string, string>>;
  /** Environment variables from Key Vault secrets, keyed by variable name. @default - none */
  readonly keyVaultSecrets?: Readonly<Record<string, ContainerAppKeyVaultSecret>>;
  /** Key Vault of the secrets: one grant on the vault instead of per secret. @default - grants per secret */
  readonly keyVaultId?: string;
  /** HTTP path of liveness and readiness probes. @default - TCP probes on the target port */
  readonly healthCheckPath?: string;
  /** Tags on the app and identity. @default - none */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * A Container App pulling from ACR with its own user-assigned identity (`AcrPull` on the
 * registry, granted before the app is created), internal ingress unless `public`, HTTP
 * autoscaling, liveness/readiness probes and secrets as Key Vault references read with the identity.
 *
 * @see https://learn.microsoft.com/azure/container-apps/managed-identity-image-pull
 * @see https://learn.microsoft.com/azure/container-apps/manage-secrets#reference-secret-from-key-vault
 * @see https://registry.terraform.io/providers/hashicorp/azurerm/4.55.0/docs/resources/container_app
 */
export class ContainerApp extends Construct {
  /** The app. */
  public readonly resource: AzurermContainerApp;
  /** The app's identity. */
  public readonly identity: UserAssignedIdentity;
  /** App id. */
  public readonly appId: string;
  /** FQDN of the latest revision. */
  public readonly latestRevisionFqdn: string;
  /** Principal id of the identity (for more grants). */
  public readonly principalId: string;

  constructor(scope: Construct, id: string, props: ContainerAppProps) {
    super(scope, id);
    const cpu = props.cpu ?? CONTAINER_APP_DEFAULTS.cpu;
    const memory = props.memory ?? CONTAINER_APP_DEFAULTS.memory;
    const minReplicas = props.minReplicas ?? CONTAINER_APP_DEFAULTS.minReplicas;
    const maxReplicas = props.maxReplicas ?? CONTAINER_APP_DEFAULTS.maxReplicas;
    const revisionMode = props.revisionMode ?? CONTAINER_APP_DEFAULTS.revisionMode;
    const transport = props.transport ?? CONTAINER_APP_DEFAULTS.transport;
    const weights = props.trafficWeights ?? [{ latestRevision: true, percentage: 100 }];
    const keyVaultSecrets = props.keyVaultSecrets ?? {};
    const profile = props.workloadProfileName ?? CONSUMPTION_WORKLOAD_PROFILE;
    const concurrent = props.httpConcurrentRequests ?? CONTAINER_APP_DEFAULTS.httpConcurrentRequests;

    if (known(props.name) && !APP_NAME.test(props.name)) {
      throw new ValidationError(this, 'name', props.name, 'is not a container app name; use 2-32 lower-case letters, digits and "-", starting with a letter, not ending with "-", no "--"');
    }
    if (profile === CONSUMPTION_WORKLOAD_PROFILE && known(cpu) && known(memory)) {
      const problem = containerAppCpuMemoryProblem(cpu, memory);
      if (problem) throw new ValidationError(this, 'cpu/memory', `${cpu}/${memory}`, problem);
    }
    const r = CONTAINER_APP_LIMITS.replicas;
    for (const [prop, value] of [['minReplicas', minReplicas], ['maxReplicas', maxReplicas]] as const) {
      if (known(value) && (!Number.isInteger(value) || value < r.min || value > r.max)) {
        throw new ValidationError(this, prop, value, `is not allowed; use a whole number from ${r.min} to ${r.max}`);
      }
    }
    if (known(minReplicas) && known(maxReplicas) && (minReplicas > maxReplicas || maxReplicas < 1)) {
      throw new ValidationError(this, 'minReplicas', { minReplicas, maxReplicas }, 'is not allowed; minReplicas must be <= maxReplicas, and maxReplicas >= 1');
    }
    if (known(concurrent) && (!Number.isInteger(concurrent) || concurrent < 1)) {
      throw new ValidationError(this, 'httpConcurrentRequests', concurrent, 'is not allowed; use a whole number of requests >= 1');
    }
    if (!(CONTAINER_APP_REVISION_MODES as readonly string[]).includes(revisionMode)) {
      throw new ValidationError(this, 'revisionMode', revisionMode, `is not a revision mode; use one of ${CONTAINER_APP_REVISION_MODES.join(', ')}`);
    }
    if (!(CONTAINER_APP_TRANSPORTS as readonly string[]).includes(transport)) {
      throw new ValidationError(this, 'transport', transport, `is not an ingress transport; use one of ${CONTAINER_APP_TRANSPORTS.join(', ')}`);
    }
    if (props.targetPort === undefined && (props.public || props.trafficWeights || props.transport)) {
      throw new ValidationError(this, 'targetPort', undefined, 'is required with public, trafficWeights or transport: they configure ingress');
    }
    if (known(props.targetPort) && (!Number.isInteger(props.targetPort) || props.targetPort < 1 || props.targetPort > 65535)) {
      throw new ValidationError(this, 'targetPort', props.targetPort, 'is not a port; use 1 to 65535');
    }
    this.validateTraffic(weights, revisionMode);
    for (const [name, value] of Object.entries(props.env ?? {})) {
      const problem = literalSecretProblem(name, value);
      if (problem) throw new ValidationError(this, `env.${name}`, HIDDEN, problem);
      if (keyVaultSecrets[name] !== undefined) throw new ValidationError(this, `env.${name}`, HIDDEN, 'is also in keyVaultSecrets; give each variable once');
    }
    const secretNames = new Map<string, string>();
    for (const [name, secret] of Object.entries(keyVaultSecrets)) {
      const other = secretNames.get(secretName(name));
      if (other !== undefined) {
        throw new ValidationError(this, `keyVaultSecrets.${name}`, name, `maps to the same Container Apps secret name "${secretName(name)}" as ${other}; rename one`);
      }
      secretNames.set(secretName(name), name);
      const problem = keyVaultSecretIdProblem(secret.secretId);
      if (problem) throw new ValidationError(this, `keyVaultSecrets.${name}.secretId`, secret.secretId, problem);
      if (props.keyVaultId === undefined && secret.resourceId === undefined) {
        throw new ValidationError(this, `keyVaultSecrets.${name}.resourceId`, undefined, 'is required when keyVaultId is not given: the Key Vault Secrets User grant is scoped to exactly this secret');
      }
    }
    const tags = props.tags ? { ...props.tags } : undefined;

    this.identity = new UserAssignedIdentity(this, 'identity', {
      name: `id-${props.name}`,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      tags,
    });
    this.principalId = this.identity.principalId;
    const grants: RoleAssignment[] = [
      new RoleAssignment(this, 'acr-pull', {
        scope: props.registryId,
        roleDefinitionName: ROLES.acrPull,
        principalId: this.identity.principalId,
        principalType: 'ServicePrincipal',
      }),
    ];
    const grant = (gid: string, scopeId: string): void => {
      grants.push(
        new RoleAssignment(this, gid, {
          scope: scopeId,
          roleDefinitionName: ROLES.keyVaultSecretsUser,
          principalId: this.identity.principalId,
          principalType: 'ServicePrincipal',
        }),
      );
    };
    if (Object.keys(keyVaultSecrets).length > 0) {
      if (props.keyVaultId !== undefined) grant('key-vault-secrets-user', props.keyVaultId);
      else for (const [name, s] of Object.entries(keyVaultSecrets)) grant(`key-vault-secrets-user-${idFromKey(name)}`, s.resourceId!);
    }

    const probePort = props.targetPort;
    const probe = (kind: 'liveness' | 'readiness'): ContainerAppTemplateContainerLivenessProbe & ContainerAppTemplateContainerReadinessProbe => ({
      transport: props.healthCheckPath ? 'HTTP' : 'TCP',
      port: probePort!,
      path: props.healthCheckPath,
      initialDelay: kind === 'liveness' ? 10 : 3,
      intervalSeconds: 10,
      failureCountThreshold: 3,
    });

    this.resource = new AzurermContainerApp(this, 'resource', {
      name: props.name,
      resourceGroupName: props.resourceGroupName,
      containerAppEnvironmentId: props.environmentId,
      revisionMode,
      workloadProfileName: profile,
      identity: { type: 'UserAssigned', identityIds: [this.identity.id] },
      registry: [{ server: props.registryLoginServer, identity: this.identity.id }],
      secret: Object.keys(keyVaultSecrets)
        .sort()
        .map((name) => ({ name: secretName(name), keyVaultSecretId: keyVaultSecrets[name].secretId, identity: this.identity.id })),
      ingress:
        props.targetPort === undefined
          ? undefined
          : {
              targetPort: props.targetPort,
              transport,
              externalEnabled: props.public ?? CONTAINER_APP_DEFAULTS.public,
              allowInsecureConnections: false,
              trafficWeight: weights.map((w) => ({
                percentage: w.percentage,
                latestRevision: w.latestRevision,
                revisionSuffix: w.revisionSuffix,
                label: w.label,
              })),
            },
      template: {
        minReplicas,
        maxReplicas,
        httpScaleRule: props.targetPort === undefined ? undefined : [{ name: 'http-concurrency', concurrentRequests: String(concurrent) }],
        container: [
          {
            name: props.containerName ?? CONTAINER_APP_DEFAULTS.containerName,
            image: props.image,
            cpu,
            memory,
            env: [
              ...Object.keys(props.env ?? {})
                .sort()
                .map((name) => ({ name, value: props.env![name] })),
              ...Object.keys(keyVaultSecrets)
                .sort()
                .map((name) => ({ name, secretName: secretName(name) })),
            ],
            livenessProbe: probePort === undefined ? undefined : [probe('liveness')],
            readinessProbe: probePort === undefined ? undefined : [probe('readiness')],
          },
        ],
      },
      tags,
      // The identity must hold AcrPull (and secret reads) before the first revision pulls.
      dependsOn: grants,
    });
    this.appId = this.resource.id;
    this.latestRevisionFqdn = this.resource.latestRevisionFqdn;
  }

  private validateTraffic(weights: readonly ContainerAppTrafficWeight[], revisionMode: string): void {
    if (weights.length === 0) throw new ValidationError(this, 'trafficWeights', [], 'is empty; give at least one weight, summing to 100');
    let sum = 0;
    for (const w of weights) {
      if (!known(w.percentage)) return;
      if (!Number.isInteger(w.percentage) || w.percentage < 0 || w.percentage > 100) {
        throw new ValidationError(this, 'trafficWeights', weights, 'has a percentage that is not a whole number from 0 to 100');
      }
      if (!w.latestRevision && !w.revisionSuffix) {
        throw new ValidationError(this, 'trafficWeights', weights, 'has an entry with neither latestRevision nor revisionSuffix; each weight names its revision');
      }
      sum += w.percentage;
    }
    if (sum !== 100) {
      throw new ValidationError(this, 'trafficWeights', weights, `sums to ${sum}; the percentages must sum to 100`);
    }
    if (revisionMode === 'Single' && (weights.length !== 1 || !weights[0].latestRevision)) {
      throw new ValidationError(this, 'trafficWeights', weights, 'splits traffic, which needs revisionMode Multiple; in Single mode the latest revision takes 100');
    }
  }
}

/** Container Apps secret names: lower-case letters, digits and `-`. */
function secretName(envName: string): string {
  return idFromKey(envName);
}
