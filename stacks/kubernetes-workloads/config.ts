import { z } from 'zod';
import { ipv4Cidr } from '../../modules/core/config/primitives';
import { defineSection, type ParsedEnvironment, type ReportProblem } from '../../modules/core/config/section';
import {
  APPLICATION_DEFAULTS,
  type ApplicationSpec,
  CLUSTER_KINDS,
  type ClusterKind,
  EXPOSURES,
  PORT_PROTOCOLS,
  applicationSpecProblems,
} from '../../modules/kubernetes/application-spec';
import { awsEksSection } from '../aws-eks/config';
import { azureAksSection } from '../azure-aks/config';
import { gcpGkeSection } from '../gcp-gke/config';

/**
 * `kubernetes`: the applications deployed to the environment's Kubernetes clusters, one spec each,
 * and the workloads stacks (`<env>-aws-eks-addons`, `<env>-aws-eks-workloads`,
 * `<env>-gcp-gke-workloads`). Shared by those families; see docs/kubernetes.md.
 *
 * The zod schema checks shapes only; every rule of a spec (pinned image, ranges, limits >= requests,
 * the restricted profile) is modules/kubernetes/application-spec.ts's `applicationSpecProblems`,
 * run by the section's check, so the construct and the config report the same rule.
 */

/** A number or a string in YAML (`cpu: 1` and `cpu: "1"`), as a string. */
const quantity = z.union([z.string(), z.number()]).transform((v) => String(v));
const countOrPercent = z.union([z.number(), z.string()]);

const PeerSchema = z.strictObject({
  name: z.string(),
  namespace: z.string().optional(),
  podLabels: z.record(z.string(), z.string()).optional(),
  cidr: z.string().optional(),
  ports: z.array(z.number()),
  protocol: z.enum(PORT_PROTOCOLS).optional(),
});

const amounts = z.strictObject({ cpu: quantity.optional(), memory: quantity.optional() });

/** How the Deployment, Service and HPA are deployed: as manifests, or through the local Helm chart. */
export const DEPLOY_METHODS = ['manifests', 'chart'] as const;

export const KubernetesAppSchema = z.strictObject({
  /** Clusters the app is deployed to: `eks`, `gke`, `aks` (each must be enabled in the environment). */
  clusters: z
    .array(z.string().refine((c) => (CLUSTER_KINDS as readonly string[]).includes(c), { message: `is not a cluster; use one of ${CLUSTER_KINDS.join(', ')}` }))
    .min(1, { message: `is empty; name at least one cluster (${CLUSTER_KINDS.join(', ')})` }),
  /** `manifests` (default), or `chart`: Deployment, Service and HPA through apps/charts/example-app. */
  deployWith: z.enum(DEPLOY_METHODS).default('manifests'),
  image: z.string(),
  replicas: z.number().optional(),
  ports: z.array(z.strictObject({ name: z.string(), containerPort: z.number(), protocol: z.enum(PORT_PROTOCOLS).optional() })),
  resources: z.strictObject({ requests: amounts.optional(), limits: amounts.optional() }).prefault({}),
  env: z.record(z.string(), z.string()).optional(),
  config: z.record(z.string(), z.string()).optional(),
  secrets: z.array(z.string()).optional(),
  probes: z
    .strictObject({ livenessPath: z.string().optional(), readinessPath: z.string().optional(), port: z.string().optional(), startupSeconds: z.number().optional() })
    .optional(),
  autoscaling: z
    .strictObject({
      enabled: z.boolean().optional(),
      minReplicas: z.number().optional(),
      maxReplicas: z.number().optional(),
      cpuUtilization: z.number().optional(),
      memoryUtilization: z.number().optional(),
    })
    .optional(),
  exposure: z.enum(EXPOSURES).default(APPLICATION_DEFAULTS.exposure),
  host: z.string().optional(),
  maxSurge: countOrPercent.optional(),
  maxUnavailable: countOrPercent.optional(),
  allowedIngress: z.array(PeerSchema).optional(),
  allowedEgress: z.array(PeerSchema).optional(),
  security: z
    .strictObject({
      runAsUser: z.number().optional(),
      runAsGroup: z.number().optional(),
      readOnlyRootFilesystem: z.boolean().optional(),
      privileged: z.boolean().optional(),
      allowPrivilegeEscalation: z.boolean().optional(),
      addCapabilities: z.array(z.string()).optional(),
    })
    .optional(),
});

export type KubernetesAppConfig = z.infer<typeof KubernetesAppSchema>;

export const KubernetesConfigSchema = z.strictObject({
  /** Create the workloads stacks of the environment's enabled clusters. @default false */
  enabled: z.boolean().default(false),
  /** Applications keyed by name (the namespace and object names). @default {} */
  apps: z.record(z.string(), KubernetesAppSchema).default({}),
  /** Karpenter's default NodePool/EC2NodeClass on EKS, when `aws.eks.karpenter.enabled`. @default true */
  karpenterNodePool: z.boolean().default(true),
  /** AKS: the key vault (resource id, RBAC authorization) holding the apps' secrets. @default - none (apps on aks may not name secrets) */
  aks: z
    .strictObject({
      keyVaultId: z
        .string()
        .regex(/^\/subscriptions\/[0-9a-f-]{36}\/resourceGroups\/[^/]+\/providers\/Microsoft\.KeyVault\/vaults\/[A-Za-z0-9-]{3,24}$/, {
          message: 'is not a key vault resource id; use /subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.KeyVault/vaults/<name>',
        })
        .optional(),
    })
    .prefault({}),
  /**
   * GKE: the region's proxy-only subnet (purpose REGIONAL_MANAGED_PROXY), where internal Application
   * Load Balancers reach pods from; needed by apps with `exposure: internal` on gke. @default - none
   */
  gke: z.strictObject({ proxyOnlySubnetCidr: ipv4Cidr.optional() }).prefault({}),
});

export type KubernetesConfig = z.infer<typeof KubernetesConfigSchema>;

/** The application spec of a config entry (its key is the name). */
export function applicationSpec(name: string, app: KubernetesAppConfig): ApplicationSpec {
  const { clusters: _clusters, deployWith: _deployWith, resources, ...rest } = app;
  return { name, ...rest, resources: resources as ApplicationSpec['resources'] } as ApplicationSpec;
}

/** The apps deployed to one cluster, keyed by name. */
export function appsFor(config: KubernetesConfig, cluster: ClusterKind): [string, KubernetesAppConfig][] {
  return Object.entries(config.apps).filter(([, app]) => app.clusters.includes(cluster));
}

/** `ports[0].containerPort` -> ['ports', 0, 'containerPort']. */
function pathSegments(path: string): (string | number)[] {
  return path.split('.').flatMap((part) => {
    const m = /^([^[]+)((\[\d+\])*)$/.exec(part);
    if (!m) return [part];
    const indexes = [...m[2]!.matchAll(/\[(\d+)\]/g)].map((i) => Number(i[1]));
    return [m[1]!, ...indexes];
  });
}

/** Which config section turns each cluster on, for messages. */
const CLUSTER_SECTIONS: Record<ClusterKind, string> = { eks: 'aws.eks', gke: 'gcp.gke', aks: 'azure.aks' };

/** Whether the environment has the cluster (its stack family exists and is enabled). */
export function clusterEnabled(env: ParsedEnvironment<any>, cluster: ClusterKind): boolean {
  switch (cluster) {
    case 'eks':
      return env.get(awsEksSection)?.enabled === true;
    case 'gke':
      return env.get(gcpGkeSection)?.enabled === true;
    case 'aks':
      return env.get(azureAksSection)?.enabled === true;
  }
}

/** Checks of `kubernetes`: every app's spec rules, and that each named cluster exists. */
export function checkKubernetes(config: KubernetesConfig, env: ParsedEnvironment<any>, report: ReportProblem): void {
  for (const [name, app] of Object.entries(config.apps ?? {})) {
    const at = ['kubernetes', 'apps', name];
    for (const problem of applicationSpecProblems(applicationSpec(name, app))) {
      report(problem.path === 'name' ? at : [...at, ...pathSegments(problem.path)], problem.value, problem.message);
    }
    for (const [i, cluster] of (app.clusters ?? []).entries()) {
      if (!(CLUSTER_KINDS as readonly string[]).includes(cluster)) continue;
      const kind = cluster as ClusterKind;
      // A cluster section with its own problems is already reported: nothing to add here.
      const section = { eks: awsEksSection, gke: gcpGkeSection, aks: azureAksSection }[kind];
      if (env.get(section as never) === undefined) continue;
      if (!clusterEnabled(env, kind)) {
        report([...at, 'clusters', i], cluster, `names a cluster this environment does not have; set ${CLUSTER_SECTIONS[kind]}.enabled: true or remove "${cluster}"`);
      }
    }
  }
  for (const [name, app] of Object.entries(config.apps ?? {})) {
    if ((app.clusters ?? []).includes('aks') && (app.secrets ?? []).length > 0 && !config.aks?.keyVaultId) {
      report(['kubernetes', 'apps', name, 'secrets'], app.secrets, 'are read from Key Vault on aks, but kubernetes.aks.keyVaultId is not set; give the vault that holds them');
    }
  }
  for (const [name, app] of Object.entries(config.apps ?? {})) {
    if ((app.clusters ?? []).includes('gke') && app.exposure === 'internal' && !config.gke?.proxyOnlySubnetCidr) {
      report(['kubernetes', 'apps', name, 'exposure'], 'internal', 'on gke needs an internal Application Load Balancer, which reaches pods from the proxy-only subnet; set kubernetes.gke.proxyOnlySubnetCidr, or use none or public');
    }
  }
  if (config.enabled === false && Object.keys(config.apps ?? {}).length > 0) {
    report(['kubernetes', 'enabled'], false, 'turns the workloads stacks off, but kubernetes.apps lists applications; set enabled: true to deploy them, or remove them');
  }
}

/** `kubernetes`, owned by the Kubernetes workloads stack families. */
export const kubernetesSection = defineSection({
  path: 'kubernetes',
  schema: KubernetesConfigSchema,
  optional: true,
  check: checkKubernetes,
});
