import type { IIoK8sApiAppsV1Deployment as Deployment } from 'kubernetes-models/apps/v1/Deployment';
import type { IIoK8sApiAutoscalingV2HorizontalPodAutoscaler as HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import type { IIoK8sApiNetworkingV1Ingress as Ingress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import type { IIoK8sApiNetworkingV1NetworkPolicy as NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import type { IIoK8sApiNetworkingV1NetworkPolicyPeer as NetworkPolicyPeer } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicyPeer';
import type { IIoK8sApiPolicyV1PodDisruptionBudget as PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import type { IIoK8sApiCoreV1ConfigMap as ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import type { IIoK8sApiCoreV1Container as Container } from 'kubernetes-models/v1/Container';
import type { IIoK8sApiCoreV1LimitRange as LimitRange } from 'kubernetes-models/v1/LimitRange';
import type { IIoK8sApiCoreV1Namespace as Namespace } from 'kubernetes-models/v1/Namespace';
import type { IIoK8sApiCoreV1Probe as Probe } from 'kubernetes-models/v1/Probe';
import type { IIoK8sApiCoreV1ResourceQuota as ResourceQuota } from 'kubernetes-models/v1/ResourceQuota';
import type { IIoK8sApiCoreV1Service as Service } from 'kubernetes-models/v1/Service';
import type { IIoK8sApiCoreV1ServiceAccount as ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import type { IIoK8sApiCoreV1Volume as Volume } from 'kubernetes-models/v1/Volume';
import type { IIoK8sApiCoreV1VolumeMount as VolumeMount } from 'kubernetes-models/v1/VolumeMount';
import { stringify } from 'yaml';
import { APPLICATION_DEFAULTS, type ApplicationPeer, type ApplicationSpec, cpuMillicores, maxPods, memoryBytes } from './application-spec';
import { AKS_APP_ROUTING_NAMESPACE, type ClusterTarget, GOOGLE_LOAD_BALANCER_RANGES, INGRESS_CLASSES } from './cluster-target';

/** YAML text of a value, never folded (a folded line could split a token in two). */
function yaml(value: unknown): string {
  return stringify(value, { lineWidth: 0 });
}

/** A Secrets Store CSI driver SecretProviderClass (a custom resource: no schema in kubernetes-models). */
export interface SecretProviderClass {
  apiVersion: 'secrets-store.csi.x-k8s.io/v1';
  kind: 'SecretProviderClass';
  metadata: { name: string; namespace: string; labels?: Record<string, string> };
  spec: { provider: 'aws' | 'gke' | 'azure'; parameters: Record<string, string> };
}

/** Any object this module builds. */
export type KubernetesObject =
  | Namespace | ServiceAccount | ConfigMap | SecretProviderClass | Deployment | Service | Ingress
  | HorizontalPodAutoscaler | PodDisruptionBudget | NetworkPolicy | ResourceQuota | LimitRange;

/** Labels of Pod Security Admission that enforce, audit and warn on the `restricted` profile. */
export const RESTRICTED_NAMESPACE_LABELS = {
  'pod-security.kubernetes.io/enforce': 'restricted',
  'pod-security.kubernetes.io/enforce-version': 'latest',
  'pod-security.kubernetes.io/audit': 'restricted',
  'pod-security.kubernetes.io/audit-version': 'latest',
  'pod-security.kubernetes.io/warn': 'restricted',
  'pod-security.kubernetes.io/warn-version': 'latest',
} as const;

/**
 * CSI driver of the Secrets Store on each cluster: the upstream driver on EKS (Helm) and AKS (the
 * Key Vault add-on), GKE's own managed driver with its Secret Manager add-on.
 *
 * @see https://cloud.google.com/secret-manager/docs/secret-manager-managed-csi-component
 */
export const SECRETS_STORE_CSI_DRIVERS = { eks: 'secrets-store.csi.k8s.io', aks: 'secrets-store.csi.k8s.io', gke: 'secrets-store-gke.csi.k8s.io' } as const;

/** Name of the application's container. */
export const CONTAINER_NAME = 'app';

/** Service-account annotation that binds the pods to the cloud identity, per cluster. */
export function identityAnnotations(target: ClusterTarget): Record<string, string> {
  switch (target.cluster) {
    case 'eks':
      return { 'eks.amazonaws.com/role-arn': target.roleArn };
    case 'gke':
      return { 'iam.gke.io/gcp-service-account': target.serviceAccountEmail };
    case 'aks':
      return { 'azure.workload.identity/client-id': target.clientId, 'azure.workload.identity/tenant-id': target.tenantId };
  }
}

/** The labels every object of the application carries; the first one also selects its pods. */
export function applicationLabels(name: string): Record<string, string> {
  return { 'app.kubernetes.io/name': name, 'app.kubernetes.io/managed-by': 'terraform' };
}

function selector(name: string): Record<string, string> {
  return { 'app.kubernetes.io/name': name };
}

function millicores(q: string, times: number): string {
  return `${cpuMillicores(q)! * times}m`;
}

function mebibytes(q: string, times: number): string {
  return `${Math.ceil((memoryBytes(q)! * times) / 1024 ** 2)}Mi`;
}

/** The SecretProviderClass parameters of each cloud's CSI provider (names only; values stay in the store). */
export function secretProviderParameters(target: ClusterTarget, secrets: readonly string[]): SecretProviderClass['spec'] {
  switch (target.cluster) {
    case 'eks':
      // @see https://github.com/aws/secrets-store-csi-driver-provider-aws (objects, region; IRSA by default)
      return {
        provider: 'aws',
        parameters: { region: target.region, objects: yaml(secrets.map((name) => ({ objectName: name, objectType: 'secretsmanager', objectAlias: name }))) },
      };
    case 'gke':
      // GKE's Secret Manager add-on registers provider "gke". @see https://cloud.google.com/secret-manager/docs/secret-manager-managed-csi-component
      return {
        provider: 'gke',
        parameters: { secrets: yaml(secrets.map((name) => ({ resourceName: `projects/${target.projectId}/secrets/${name}/versions/latest`, path: name }))) },
      };
    case 'aks':
      // @see https://learn.microsoft.com/azure/aks/csi-secrets-store-identity-access (workload identity: clientID, usePodIdentity false)
      return {
        provider: 'azure',
        parameters: {
          usePodIdentity: 'false',
          clientID: target.clientId,
          keyvaultName: target.keyVaultName,
          tenantId: target.tenantId,
          objects: yaml({ array: secrets.map((name) => yaml({ objectName: name, objectType: 'secret' })) }),
        },
      };
  }
}

function probe(path: string, port: string, periodSeconds: number, failureThreshold: number): Probe {
  return { httpGet: { path, port }, periodSeconds, timeoutSeconds: APPLICATION_DEFAULTS.probes.timeoutSeconds, failureThreshold, successThreshold: 1 };
}

/** The pod template's container, hardened for the restricted profile. */
function container(spec: ApplicationSpec, mounts: VolumeMount[]): Container {
  const d = APPLICATION_DEFAULTS;
  const s = spec.security ?? {};
  const port = spec.probes?.port ?? spec.ports[0]!.name;
  const liveness = spec.probes?.livenessPath ?? d.probes.livenessPath;
  const readiness = spec.probes?.readinessPath ?? liveness;
  const startupSeconds = spec.probes?.startupSeconds ?? d.probes.startupSeconds;
  return {
    name: CONTAINER_NAME,
    image: spec.image,
    imagePullPolicy: 'IfNotPresent',
    ports: spec.ports.map((p) => ({ name: p.name, containerPort: p.containerPort, protocol: p.protocol ?? 'TCP' })),
    envFrom: [{ configMapRef: { name: `${spec.name}-config` } }],
    env: Object.entries(spec.env ?? {})
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, value]) => ({ name, value })),
    resources: {
      requests: { cpu: spec.resources.requests.cpu, memory: spec.resources.requests.memory },
      limits: { cpu: spec.resources.limits.cpu, memory: spec.resources.limits.memory },
    },
    securityContext: {
      runAsNonRoot: true,
      runAsUser: s.runAsUser ?? d.security.runAsUser,
      runAsGroup: s.runAsGroup ?? d.security.runAsGroup,
      readOnlyRootFilesystem: s.readOnlyRootFilesystem ?? d.security.readOnlyRootFilesystem,
      allowPrivilegeEscalation: s.allowPrivilegeEscalation ?? false,
      privileged: s.privileged ?? false,
      capabilities: { drop: ['ALL'], ...(s.addCapabilities?.length ? { add: [...s.addCapabilities] } : {}) },
      seccompProfile: { type: 'RuntimeDefault' },
    },
    startupProbe: probe(liveness, port, d.probes.periodSeconds, Math.ceil(startupSeconds / d.probes.periodSeconds)),
    readinessProbe: probe(readiness, port, d.probes.periodSeconds, 3),
    livenessProbe: probe(liveness, port, d.probes.periodSeconds, 3),
    volumeMounts: mounts,
  };
}

/** The Deployment: rolling update, restricted security context, probes, zone spread, secrets as files. */
export function applicationDeployment(spec: ApplicationSpec, target: ClusterTarget): Deployment {
  const d = APPLICATION_DEFAULTS;
  const s = spec.security ?? {};
  const autoscaling = { ...d.autoscaling, ...(spec.autoscaling ?? {}) };
  const volumes: Volume[] = [{ name: 'tmp', emptyDir: { sizeLimit: d.tmpSizeLimit } }];
  const mounts: VolumeMount[] = [{ name: 'tmp', mountPath: '/tmp' }];
  if ((spec.secrets ?? []).length > 0) {
    volumes.push({ name: 'secrets', csi: { driver: SECRETS_STORE_CSI_DRIVERS[target.cluster], readOnly: true, volumeAttributes: { secretProviderClass: `${spec.name}-secrets` } } });
    mounts.push({ name: 'secrets', mountPath: d.secretsMountPath, readOnly: true });
  }
  const podLabels = { ...applicationLabels(spec.name), ...(target.cluster === 'aks' ? { 'azure.workload.identity/use': 'true' } : {}) };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: spec.name, namespace: spec.name, labels: applicationLabels(spec.name) },
    spec: {
      // With an HPA the replica count is the HPA's: leaving it out keeps Terraform from resetting it.
      ...(autoscaling.enabled ? {} : { replicas: spec.replicas ?? d.replicas }),
      revisionHistoryLimit: 5,
      selector: { matchLabels: selector(spec.name) },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: spec.maxSurge ?? d.maxSurge, maxUnavailable: spec.maxUnavailable ?? d.maxUnavailable } },
      template: {
        metadata: { labels: podLabels },
        spec: {
          serviceAccountName: spec.name,
          // The cloud identity's token comes from its webhook's projected volume; the API token is not needed.
          automountServiceAccountToken: false,
          enableServiceLinks: false,
          terminationGracePeriodSeconds: d.terminationGracePeriodSeconds,
          securityContext: {
            runAsNonRoot: true,
            runAsUser: s.runAsUser ?? d.security.runAsUser,
            runAsGroup: s.runAsGroup ?? d.security.runAsGroup,
            fsGroup: s.runAsGroup ?? d.security.runAsGroup,
            seccompProfile: { type: 'RuntimeDefault' },
          },
          containers: [container(spec, mounts)],
          volumes,
          topologySpreadConstraints: [
            { topologyKey: 'topology.kubernetes.io/zone', maxSkew: 1, whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: selector(spec.name) } },
            { topologyKey: 'kubernetes.io/hostname', maxSkew: 1, whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: selector(spec.name) } },
          ],
        },
      },
    },
  };
}

function ingressObject(spec: ApplicationSpec, target: ClusterTarget): Ingress {
  const exposure = spec.exposure === 'public' ? 'public' : 'internal';
  const port = spec.ports[0]!.name;
  const readiness = spec.probes?.readinessPath ?? spec.probes?.livenessPath ?? APPLICATION_DEFAULTS.probes.livenessPath;
  let annotations: Record<string, string> = {};
  let ingressClassName: string | undefined;
  let tls = false;
  switch (target.cluster) {
    case 'eks':
      // @see https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/ingress/annotations/
      ingressClassName = INGRESS_CLASSES.eks[exposure];
      annotations = {
        'alb.ingress.kubernetes.io/scheme': exposure === 'public' ? 'internet-facing' : 'internal',
        'alb.ingress.kubernetes.io/target-type': 'ip',
        'alb.ingress.kubernetes.io/healthcheck-path': readiness,
        // With a host, the controller finds its ACM certificate by the TLS host and redirects HTTP to HTTPS.
        ...(spec.host
          ? { 'alb.ingress.kubernetes.io/listen-ports': '[{"HTTP":80},{"HTTPS":443}]', 'alb.ingress.kubernetes.io/ssl-redirect': '443', 'alb.ingress.kubernetes.io/ssl-policy': 'ELBSecurityPolicy-TLS13-1-2-2021-06' }
          : { 'alb.ingress.kubernetes.io/listen-ports': '[{"HTTP":80}]' }),
      };
      tls = spec.host !== undefined;
      break;
    case 'gke':
      annotations = { 'kubernetes.io/ingress.class': INGRESS_CLASSES.gke[exposure] };
      break;
    case 'aks':
      ingressClassName = INGRESS_CLASSES.aks[exposure];
      break;
  }
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name: spec.name, namespace: spec.name, labels: applicationLabels(spec.name), annotations },
    spec: {
      ...(ingressClassName ? { ingressClassName } : {}),
      ...(tls ? { tls: [{ hosts: [spec.host!] }] } : {}),
      rules: [
        {
          ...(spec.host ? { host: spec.host } : {}),
          http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: spec.name, port: { name: port } } } }] },
        },
      ],
    },
  };
}

function policy(spec: ApplicationSpec, name: string, body: NetworkPolicy['spec']): NetworkPolicy {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace: spec.name, labels: applicationLabels(spec.name) }, spec: body };
}

function peerSelector(peer: ApplicationPeer): NetworkPolicyPeer {
  if (peer.cidr) return { ipBlock: { cidr: peer.cidr } };
  return {
    ...(peer.namespace ? { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': peer.namespace } } } : {}),
    podSelector: { matchLabels: { ...(peer.podLabels ?? {}) } },
  };
}

/** Where the cluster's ingress path reaches the pods from. */
function ingressPathPeers(target: ClusterTarget): NetworkPolicyPeer[] {
  switch (target.cluster) {
    case 'eks':
      return target.ingressSourceCidrs.map((cidr) => ({ ipBlock: { cidr } }));
    case 'gke':
      return [...GOOGLE_LOAD_BALANCER_RANGES, ...(target.ingressSourceCidrs ?? [])].map((cidr) => ({ ipBlock: { cidr } }));
    case 'aks':
      return [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': AKS_APP_ROUTING_NAMESPACE } } }];
  }
}

/** NetworkPolicies: default deny both ways, DNS, the ingress path, the cloud identity's endpoint, and the spec's peers. */
export function applicationNetworkPolicies(spec: ApplicationSpec, target: ClusterTarget): NetworkPolicy[] {
  const pods = { matchLabels: selector(spec.name) };
  const policies: NetworkPolicy[] = [
    policy(spec, 'default-deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }),
    policy(spec, 'allow-dns', {
      podSelector: pods,
      policyTypes: ['Egress'],
      egress: [
        {
          to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
          ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }],
        },
      ],
    }),
  ];
  if (target.cluster === 'gke') {
    // Workload Identity answers on the node's metadata server (169.254.169.254:80, and :988 with Dataplane V2).
    policies.push(
      policy(spec, 'allow-metadata-server', {
        podSelector: pods,
        policyTypes: ['Egress'],
        egress: [
          { to: [{ ipBlock: { cidr: '169.254.169.254/32' } }], ports: [{ protocol: 'TCP', port: 80 }] },
          { to: [{ ipBlock: { cidr: '169.254.169.252/32' } }], ports: [{ protocol: 'TCP', port: 988 }] },
        ],
      }),
    );
  }
  if ((spec.exposure ?? 'none') !== 'none') {
    policies.push(
      policy(spec, 'allow-from-ingress', {
        podSelector: pods,
        policyTypes: ['Ingress'],
        ingress: [{ from: ingressPathPeers(target), ports: [{ protocol: 'TCP', port: spec.ports[0]!.containerPort }] }],
      }),
    );
  }
  for (const peer of spec.allowedIngress ?? []) {
    policies.push(
      policy(spec, `allow-ingress-${peer.name}`, {
        podSelector: pods,
        policyTypes: ['Ingress'],
        ingress: [{ from: [peerSelector(peer)], ports: peer.ports.map((port) => ({ protocol: peer.protocol ?? 'TCP', port })) }],
      }),
    );
  }
  for (const peer of spec.allowedEgress ?? []) {
    policies.push(
      policy(spec, `allow-egress-${peer.name}`, {
        podSelector: pods,
        policyTypes: ['Egress'],
        egress: [{ to: [peerSelector(peer)], ports: peer.ports.map((port) => ({ protocol: peer.protocol ?? 'TCP', port })) }],
      }),
    );
  }
  return policies;
}

/**
 * Every object of one application on one cluster, in apply order (the Namespace first).
 *
 * Pure: the same spec and target give the same objects, which the construct validates and emits and
 * the tests check against the Kubernetes schema and the restricted profile.
 */
export function applicationManifests(spec: ApplicationSpec, target: ClusterTarget): KubernetesObject[] {
  const d = APPLICATION_DEFAULTS;
  const name = spec.name;
  const labels = applicationLabels(name);
  const meta = (objectName: string) => ({ name: objectName, namespace: name, labels });
  const autoscaling = { ...d.autoscaling, ...(spec.autoscaling ?? {}) };
  const pods = maxPods(spec);
  const { requests, limits } = spec.resources;
  const secrets = spec.secrets ?? [];

  const objects: KubernetesObject[] = [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { ...labels, ...RESTRICTED_NAMESPACE_LABELS } } },
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { ...meta(name), annotations: identityAnnotations(target) }, automountServiceAccountToken: false },
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta(`${name}-config`), data: { ...(spec.config ?? {}) } },
  ];
  if (secrets.length > 0) {
    objects.push({ apiVersion: 'secrets-store.csi.x-k8s.io/v1', kind: 'SecretProviderClass', metadata: meta(`${name}-secrets`), spec: secretProviderParameters(target, secrets) });
  }
  objects.push(applicationDeployment(spec, target));
  objects.push({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      ...meta(name),
      // Container-native load balancing (NEGs): the GCE load balancer targets pod IPs, as the ALB does on EKS.
      ...(target.cluster === 'gke' ? { annotations: { 'cloud.google.com/neg': '{"ingress": true}' } } : {}),
    },
    spec: {
      type: 'ClusterIP',
      selector: selector(name),
      ports: spec.ports.map((p) => ({ name: p.name, port: p.containerPort, targetPort: p.name, protocol: p.protocol ?? 'TCP' })),
    },
  });
  if ((spec.exposure ?? d.exposure) !== 'none') objects.push(ingressObject(spec, target));
  if (autoscaling.enabled) {
    objects.push({
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: meta(name),
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name },
        minReplicas: autoscaling.minReplicas,
        maxReplicas: autoscaling.maxReplicas,
        metrics: [
          { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: autoscaling.cpuUtilization } } },
          { type: 'Resource', resource: { name: 'memory', target: { type: 'Utilization', averageUtilization: autoscaling.memoryUtilization } } },
        ],
      },
    });
  }
  objects.push({
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: meta(name),
    spec: { maxUnavailable: d.pdbMaxUnavailable, selector: { matchLabels: selector(name) }, unhealthyPodEvictionPolicy: 'AlwaysAllow' },
  });
  objects.push(...applicationNetworkPolicies(spec, target));
  objects.push({
    apiVersion: 'v1',
    kind: 'ResourceQuota',
    metadata: meta(`${name}-quota`),
    spec: {
      hard: {
        pods: String(pods),
        'requests.cpu': millicores(requests.cpu, pods),
        'requests.memory': mebibytes(requests.memory, pods),
        'limits.cpu': millicores(limits.cpu, pods),
        'limits.memory': mebibytes(limits.memory, pods),
        // The ingress path is the only way in: no LoadBalancer or NodePort Services in the namespace.
        'services.loadbalancers': '0',
        'services.nodeports': '0',
      },
    },
  });
  objects.push({
    apiVersion: 'v1',
    kind: 'LimitRange',
    metadata: meta(`${name}-limits`),
    spec: {
      limits: [
        {
          type: 'Container',
          default: { cpu: limits.cpu, memory: limits.memory },
          defaultRequest: { cpu: requests.cpu, memory: requests.memory },
          max: { cpu: limits.cpu, memory: limits.memory },
        },
      ],
    },
  });
  return objects;
}
