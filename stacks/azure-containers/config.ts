import { z } from 'zod';
import {
  CONTAINER_APP_DEFAULTS,
  CONTAINER_APP_LIMITS,
  CONTAINER_APP_REVISION_MODES,
  CONTAINER_APP_TRANSPORTS,
  containerAppCpuMemoryProblem,
} from '../../modules/azure/container-app';
import {
  CONSUMPTION_WORKLOAD_PROFILE,
  CONTAINER_APP_ENVIRONMENT_DEFAULTS,
  CONTAINER_APP_WORKLOAD_PROFILE_TYPES,
} from '../../modules/azure/container-app-environment';
import { CONTAINER_REGISTRY_DEFAULTS, containerRegistryNameProblem, containerRegistrySkuProblem } from '../../modules/azure/container-registry';
import { LOG_ANALYTICS_DEFAULTS, logAnalyticsRetentionProblem } from '../../modules/azure/log-analytics-workspace';
import { keyVaultArmIdProblem, keyVaultSecretIdProblem, literalSecretProblem } from '../../modules/azure/private/compute-rules';
import { defineSection, type ReportProblem } from '../../modules/core/config/section';
import { imageProblem } from '../../modules/kubernetes/application-spec';
import { ruled } from '../private/ruled';

/** Keys of `azure.containers.apps`: they are the Container App names (2-32 lower-case letters, digits, `-`). */
export const AZURE_CONTAINER_APP_KEY = /^[a-z](?!.*--)[a-z0-9-]{0,30}[a-z0-9]$/;

const armId = (what: 'vault' | 'secret') => ruled(z.string(), (id) => keyVaultArmIdProblem(id, what));

const KeyVaultSecretSchema = z.strictObject({
  /** Versionless secret id, `https://<vault>.vault.azure.net/secrets/<name>`. */
  secretId: ruled(z.string(), keyVaultSecretIdProblem),
  /** ARM id of the secret, the scope of its grant. @default - required unless the app's `keyVaultId` is given */
  resourceId: armId('secret').optional(),
});

const TrafficWeightSchema = z.strictObject({
  /** Share of requests, 0-100; all weights sum to 100. */
  percentage: z.number().int().min(0).max(100),
  /** This share goes to the latest revision. @default false */
  latestRevision: z.boolean().optional(),
  /** Revision suffix the share goes to (when not the latest). @default - none */
  revisionSuffix: z.string().optional(),
  /** Label giving the revision its own URL. @default - none */
  label: z.string().optional(),
});

const replicas = z.number().int().min(CONTAINER_APP_LIMITS.replicas.min).max(CONTAINER_APP_LIMITS.replicas.max);

const ContainerAppSchema = z.strictObject({
  /** Image: `repo:tag` in the environment's registry, or a full reference (`mcr.microsoft.com/...`), pinned by tag (not `latest`) or digest. */
  image: ruled(z.string().min(1), imageProblem),
  /** vCPU of the container; with `memory` one of the Consumption profile's pairs. @default 0.5 */
  cpu: z.number().default(CONTAINER_APP_DEFAULTS.cpu),
  /** Memory, e.g. `1Gi` (twice the vCPU on Consumption). @default "1Gi" */
  memory: z.string().default(CONTAINER_APP_DEFAULTS.memory),
  /** Workload profile the app runs on: `Consumption` or a key of `environment.workloadProfiles`. @default Consumption */
  workloadProfile: z.string().default(CONSUMPTION_WORKLOAD_PROFILE),
  /** Fewest replicas (0 scales to zero). @default 1 */
  minReplicas: replicas.default(CONTAINER_APP_DEFAULTS.minReplicas),
  /** Most replicas. @default 10 */
  maxReplicas: replicas.default(CONTAINER_APP_DEFAULTS.maxReplicas),
  /** Concurrent requests per replica that add a replica (HTTP scale rule). @default 50 */
  httpConcurrentRequests: z.number().int().min(1).default(CONTAINER_APP_DEFAULTS.httpConcurrentRequests),
  /** Port the container listens on; turns ingress on. @default - no ingress */
  targetPort: z.number().int().min(1).max(65535).optional(),
  /** Ingress transport. @default auto */
  transport: z.enum(CONTAINER_APP_TRANSPORTS).optional(),
  /** External ingress (still only inside the VNet while the environment is internal). @default false */
  public: z.boolean().default(CONTAINER_APP_DEFAULTS.public),
  /** `Single` or `Multiple` active revisions. @default Single */
  revisionMode: z.enum(CONTAINER_APP_REVISION_MODES).default(CONTAINER_APP_DEFAULTS.revisionMode),
  /** Traffic split across revisions, summing to 100 (Multiple mode). @default - 100 to the latest revision */
  trafficWeights: z.array(TrafficWeightSchema).optional(),
  /** Plain environment variables; a secret-looking name with a literal value is refused. @default {} */
  env: z.record(z.string(), z.string()).default({}),
  /** Environment variables from Key Vault secrets, read with the app's identity. @default {} */
  keyVaultSecrets: z.record(z.string(), KeyVaultSecretSchema).default({}),
  /** Key Vault of the secrets: one grant on the vault instead of one per secret. @default - a grant per secret */
  keyVaultId: armId('vault').optional(),
  /** HTTP path of the liveness and readiness probes. @default - TCP probes on targetPort */
  healthCheckPath: z.string().startsWith('/', { message: 'is not an HTTP path; start it with "/", e.g. "/healthz"' }).optional(),
});

export type AzureContainerAppConfig = z.infer<typeof ContainerAppSchema>;

const WorkloadProfileSchema = z.strictObject({
  /** Machine type, e.g. `D4`. */
  type: z.enum(CONTAINER_APP_WORKLOAD_PROFILE_TYPES),
  /** Fewest instances. @default 1 */
  minimumCount: z.number().int().min(0).default(1),
  /** Most instances. @default 3 */
  maximumCount: z.number().int().min(1).default(3),
});

const RegistrySchema = z.strictObject({
  /** Registry name (global, 5-50 letters and digits). @default - `cr<env><8 hex of subscription and env>` */
  name: ruled(z.string(), containerRegistryNameProblem).optional(),
  /** `Premium` (private endpoint, no public access) or `Standard` / `Basic` (always public). @default Premium */
  sku: ruled(z.string(), containerRegistrySkuProblem).default(CONTAINER_REGISTRY_DEFAULTS.sku),
  /** Days untagged manifests are kept, 0-365 (Premium). @default 7 */
  untaggedRetentionDays: z.number().int().optional(),
});

const EnvironmentSchema = z.strictObject({
  /** Internal load balancer only: apps are reachable from the VNet, never from the internet. @default true */
  internal: z.boolean().default(CONTAINER_APP_ENVIRONMENT_DEFAULTS.internal),
  /** Spread across availability zones. @default true */
  zoneRedundant: z.boolean().default(CONTAINER_APP_ENVIRONMENT_DEFAULTS.zoneRedundant),
  /** Dedicated workload profiles by name, besides Consumption. @default {} */
  workloadProfiles: z.record(z.string(), WorkloadProfileSchema).default({}),
});

/**
 * `azure.containers`: the registry, Container Apps environment and apps of the
 * `<env>-azure-containers` stack.
 */
export const AzureContainersConfigSchema = z.strictObject({
  /** Create the `<env>-azure-containers` stack (needs `azure.network`). @default false */
  enabled: z.boolean().default(false),
  /** Resource group of the registry, environment and apps. @default - `rg-<env>-containers` */
  resourceGroupName: z.string().regex(/^[-\w.()]{0,89}[-\w()]$/, { message: 'is not a valid resource group name; use 1-90 letters, digits, "_", "-", "." or "()", not ending with "."' }).optional(),
  /** Days the Log Analytics workspace keeps logs, 30-730. @default 90 */
  logRetentionDays: ruled(z.number(), logAnalyticsRetentionProblem).default(LOG_ANALYTICS_DEFAULTS.retentionDays),
  /** The Azure Container Registry. @default - Premium, private */
  registry: RegistrySchema.prefault({}),
  /** The Container Apps managed environment. @default - internal, zone redundant, Consumption profile only */
  environment: EnvironmentSchema.prefault({}),
  /** Container Apps keyed by name. @default {} */
  apps: z.record(z.string(), ContainerAppSchema).default({}),
});

export type AzureContainersConfig = z.infer<typeof AzureContainersConfigSchema>;

/** Checks across the fields of `azure.containers`, with the rules of modules/azure/container-*.ts. */
export function checkAzureContainers(config: AzureContainersConfig, _env: unknown, report: ReportProblem): void {
  const root = ['azure', 'containers'];
  if (config.enabled && Object.keys(config.apps).length === 0) {
    report([...root, 'apps'], undefined, 'is empty while azure.containers.enabled is true; add an app or set enabled: false');
  }
  const profiles = Object.keys(config.environment.workloadProfiles);
  for (const [name, profile] of Object.entries(config.environment.workloadProfiles)) {
    if (profile.minimumCount > profile.maximumCount) {
      report([...root, 'environment', 'workloadProfiles', name, 'minimumCount'], profile.minimumCount, `is greater than maximumCount ${profile.maximumCount}; use minimumCount <= maximumCount`);
    }
  }
  const premium = config.registry.sku === 'Premium';
  if (!premium && config.registry.untaggedRetentionDays !== undefined) {
    report([...root, 'registry', 'untaggedRetentionDays'], config.registry.untaggedRetentionDays, `needs sku Premium (retention is a Premium feature); sku is ${config.registry.sku}`);
  }
  for (const [key, app] of Object.entries(config.apps)) {
    const at = (...field: (string | number)[]) => [...root, 'apps', key, ...field];
    if (!AZURE_CONTAINER_APP_KEY.test(key)) {
      report(at(), undefined, 'is not a container app name; use 2-32 lower-case letters, digits and "-", starting with a letter, not ending with "-", no "--"');
    }
    if (app.workloadProfile === CONSUMPTION_WORKLOAD_PROFILE) {
      const problem = containerAppCpuMemoryProblem(app.cpu, app.memory);
      if (problem) report(at('cpu'), `${app.cpu}/${app.memory}`, problem);
    } else if (!profiles.includes(app.workloadProfile)) {
      report(at('workloadProfile'), app.workloadProfile, `is not a workload profile of the environment; use ${[CONSUMPTION_WORKLOAD_PROFILE, ...profiles].join(', ')}`);
    }
    if (app.minReplicas > app.maxReplicas) {
      report(at('minReplicas'), app.minReplicas, `is greater than maxReplicas ${app.maxReplicas}; use minReplicas <= maxReplicas`);
    } else if (app.maxReplicas < 1) {
      report(at('maxReplicas'), app.maxReplicas, 'is not allowed; use 1 or more (minReplicas 0 scales to zero)');
    }
    if (app.targetPort === undefined) {
      for (const field of ['transport', 'trafficWeights'] as const) {
        if (app[field] !== undefined) report(at(field), app[field], 'configures ingress, which needs targetPort; set targetPort or leave this out');
      }
      if (app.public) report(at('public'), true, 'configures ingress, which needs targetPort; set targetPort or leave this out');
      if (app.healthCheckPath !== undefined) report(at('healthCheckPath'), app.healthCheckPath, 'needs targetPort: the probes call the container on it');
    }
    if (app.trafficWeights !== undefined) {
      const sum = app.trafficWeights.reduce((a, w) => a + w.percentage, 0);
      if (sum !== 100) report(at('trafficWeights'), app.trafficWeights.map((w) => w.percentage), `sum to ${sum}; the percentages must sum to 100`);
      app.trafficWeights.forEach((w, i) => {
        if (!w.latestRevision && !w.revisionSuffix) report(at('trafficWeights', i), undefined, 'names no revision; set latestRevision: true or a revisionSuffix');
      });
      if (app.revisionMode === 'Single' && (app.trafficWeights.length !== 1 || !app.trafficWeights[0]!.latestRevision)) {
        report(at('trafficWeights'), undefined, 'splits traffic, which needs revisionMode Multiple; in Single mode the latest revision takes 100');
      }
    }
    for (const [name, value] of Object.entries(app.env)) {
      const problem = literalSecretProblem(name, value);
      // The value is never echoed: it may be the secret.
      if (problem) report(at('env', name), undefined, problem);
      if (app.keyVaultSecrets[name] !== undefined) report(at('env', name), undefined, 'is also in keyVaultSecrets; give each variable once');
    }
    if (app.keyVaultId === undefined) {
      for (const [name, secret] of Object.entries(app.keyVaultSecrets)) {
        if (secret.resourceId === undefined) {
          report(at('keyVaultSecrets', name, 'resourceId'), undefined, 'is required when the app has no keyVaultId: the Key Vault Secrets User grant is scoped to exactly this secret');
        }
      }
    }
  }
}

/** `azure.containers`, owned by the `azure-containers` stack family. */
export const azureContainersSection = defineSection({
  path: 'azure.containers',
  schema: AzureContainersConfigSchema,
  optional: true,
  check: checkAzureContainers,
});
