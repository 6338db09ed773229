import * as path from 'node:path';
import { Testing } from 'cdktf';
import { parse } from 'yaml';
import { type ApplicationSpec } from '../../../modules/kubernetes/application-spec';
import { type ClusterTarget } from '../../../modules/kubernetes/cluster-target';
import { KubernetesApplication, type KubernetesApplicationProps } from '../../../modules/kubernetes/kubernetes-application';
import { manifestProblems } from '../../../modules/kubernetes/manifest-schema';
import { AKS, EKS, GKE, SPEC, TARGETS } from './fixtures';

const CHART = path.resolve(__dirname, '../../../apps/charts/example-app');

/** Synthesizes one application and returns its JSON and its manifests keyed by `<Kind>/<name>`. */
function synth(spec: Partial<KubernetesApplicationProps> = {}, target: ClusterTarget = EKS) {
  const json = JSON.parse(
    Testing.synthScope((scope) => {
      new KubernetesApplication(scope, 'app-example-app', { ...SPEC, target, ...spec } as KubernetesApplicationProps);
    }),
  );
  const manifests: Record<string, any> = {};
  for (const r of Object.values<any>(json.resource?.kubernetes_manifest ?? {})) manifests[`${r.manifest.kind}/${r.manifest.metadata.name}`] = r.manifest;
  return { json, manifests, resources: json.resource?.kubernetes_manifest ?? {} };
}

function build(spec: Partial<ApplicationSpec> & Record<string, unknown>, target: ClusterTarget = EKS): () => void {
  return () =>
    Testing.synthScope((scope) => {
      new KubernetesApplication(scope, 'app', { ...SPEC, target, ...spec } as KubernetesApplicationProps);
    });
}

describe('KubernetesApplication', () => {
  describe.each(Object.entries(TARGETS))('on %s', (_, target) => {
    it('emits only objects that pass the Kubernetes schema and the restricted profile', () => {
      const { manifests } = synth({}, target);
      expect(Object.keys(manifests).length).toBeGreaterThanOrEqual(14);
      for (const [key, manifest] of Object.entries(manifests)) expect([key, manifestProblems(manifest)]).toEqual([key, []]);
    });

    it('creates one of each object of the application', () => {
      expect(Object.keys(synth({}, target).manifests).sort()).toEqual(
        expect.arrayContaining([
          'Namespace/example-app',
          'ServiceAccount/example-app',
          'ConfigMap/example-app-config',
          'SecretProviderClass/example-app-secrets',
          'Deployment/example-app',
          'Service/example-app',
          'Ingress/example-app',
          'HorizontalPodAutoscaler/example-app',
          'PodDisruptionBudget/example-app',
          'NetworkPolicy/default-deny',
          'NetworkPolicy/allow-dns',
          'NetworkPolicy/allow-from-ingress',
          'NetworkPolicy/allow-ingress-monitoring',
          'NetworkPolicy/allow-egress-database',
          'ResourceQuota/example-app-quota',
          'LimitRange/example-app-limits',
        ]),
      );
    });
  });

  it('labels the namespace for Pod Security Admission restricted: enforce, audit and warn', () => {
    expect(synth().manifests['Namespace/example-app'].metadata.labels).toMatchObject({
      'pod-security.kubernetes.io/enforce': 'restricted',
      'pod-security.kubernetes.io/audit': 'restricted',
      'pod-security.kubernetes.io/warn': 'restricted',
    });
  });

  it('binds the service account to the cloud identity of each cluster and mounts no API token', () => {
    expect(synth({}, EKS).manifests['ServiceAccount/example-app']).toMatchObject({
      metadata: { annotations: { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::123456789012:role/test-example-app' } },
      automountServiceAccountToken: false,
    });
    expect(synth({}, GKE).manifests['ServiceAccount/example-app'].metadata.annotations).toEqual({ 'iam.gke.io/gcp-service-account': 'example-app@acme-test-1.iam.gserviceaccount.com' });
    const aks = synth({}, AKS).manifests;
    expect(aks['ServiceAccount/example-app'].metadata.annotations).toMatchObject({ 'azure.workload.identity/client-id': '11111111-2222-3333-4444-555555555555' });
    expect(aks['Deployment/example-app'].spec.template.metadata.labels).toMatchObject({ 'azure.workload.identity/use': 'true' });
  });

  it('hardens the Deployment: non-root, read-only root, no escalation, ALL dropped, RuntimeDefault seccomp', () => {
    const pod = synth().manifests['Deployment/example-app'].spec.template.spec;
    expect(pod.securityContext).toEqual({ runAsNonRoot: true, runAsUser: 10001, runAsGroup: 10001, fsGroup: 10001, seccompProfile: { type: 'RuntimeDefault' } });
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(pod.containers[0].securityContext).toEqual({
      runAsNonRoot: true,
      runAsUser: 10001,
      runAsGroup: 10001,
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      privileged: false,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    });
  });

  it('gives the container its requests and limits, the ConfigMap as env, and /tmp as a size-limited emptyDir', () => {
    const pod = synth().manifests['Deployment/example-app'].spec.template.spec;
    const c = pod.containers[0];
    expect(c.resources).toEqual({ requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '500m', memory: '512Mi' } });
    expect(c.envFrom).toEqual([{ configMapRef: { name: 'example-app-config' } }]);
    expect(c.env).toEqual([{ name: 'LOG_LEVEL', value: 'info' }]);
    expect(pod.volumes).toContainEqual({ name: 'tmp', emptyDir: { sizeLimit: '64Mi' } });
    expect(c.volumeMounts).toContainEqual({ name: 'tmp', mountPath: '/tmp' });
  });

  it('rolls out with 25% surge and no unavailable pod, and leaves the replica count to the HPA', () => {
    const spec = synth().manifests['Deployment/example-app'].spec;
    expect(spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 } });
    expect(spec.replicas).toBeUndefined();
    expect(synth({ autoscaling: { enabled: false }, replicas: 3 }).manifests['Deployment/example-app'].spec.replicas).toBe(3);
  });

  it('probes startup, readiness and liveness over HTTP on the first port', () => {
    const c = synth({ probes: { readinessPath: '/ready' } }).manifests['Deployment/example-app'].spec.template.spec.containers[0];
    expect(c.startupProbe).toMatchObject({ httpGet: { path: '/healthz', port: 'http' }, periodSeconds: 10, failureThreshold: 12 });
    expect(c.readinessProbe).toMatchObject({ httpGet: { path: '/ready', port: 'http' }, failureThreshold: 3 });
    expect(c.livenessProbe).toMatchObject({ httpGet: { path: '/healthz', port: 'http' }, failureThreshold: 3 });
  });

  it('spreads pods across zones (required) and hosts (preferred)', () => {
    const spread = synth().manifests['Deployment/example-app'].spec.template.spec.topologySpreadConstraints;
    expect(spread).toEqual([
      { topologyKey: 'topology.kubernetes.io/zone', maxSkew: 1, whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { 'app.kubernetes.io/name': 'example-app' } } },
      { topologyKey: 'kubernetes.io/hostname', maxSkew: 1, whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { 'app.kubernetes.io/name': 'example-app' } } },
    ]);
  });

  it('scales on CPU 70% and memory 80% between 2 and 4 pods by default (autoscaling/v2)', () => {
    const hpa = synth().manifests['HorizontalPodAutoscaler/example-app'];
    expect(hpa.apiVersion).toBe('autoscaling/v2');
    expect(hpa.spec).toMatchObject({
      minReplicas: 2,
      maxReplicas: 4,
      metrics: [
        { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } },
        { type: 'Resource', resource: { name: 'memory', target: { type: 'Utilization', averageUtilization: 80 } } },
      ],
    });
  });

  it('lets at most one pod be disrupted at a time', () => {
    expect(synth().manifests['PodDisruptionBudget/example-app'].spec).toMatchObject({ maxUnavailable: 1 });
  });

  it('denies all traffic by default and allows DNS, the ingress path and the named peers', () => {
    const m = synth().manifests;
    expect(m['NetworkPolicy/default-deny'].spec).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    expect(m['NetworkPolicy/allow-dns'].spec.egress[0].ports).toEqual([{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }]);
    expect(m['NetworkPolicy/allow-from-ingress'].spec.ingress).toEqual([{ from: [{ ipBlock: { cidr: '10.0.0.0/16' } }], ports: [{ protocol: 'TCP', port: 8080 }] }]);
    expect(m['NetworkPolicy/allow-egress-database'].spec.egress).toEqual([{ to: [{ ipBlock: { cidr: '10.0.32.0/20' } }], ports: [{ protocol: 'TCP', port: 5432 }] }]);
    expect(m['NetworkPolicy/allow-ingress-monitoring'].spec.ingress[0].from).toEqual([
      { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } }, podSelector: { matchLabels: { 'app.kubernetes.io/name': 'prometheus' } } },
    ]);
  });

  it('admits the ingress path of each cluster: GFE ranges on GKE, the app routing namespace on AKS', () => {
    expect(synth({}, GKE).manifests['NetworkPolicy/allow-from-ingress'].spec.ingress[0].from).toEqual([{ ipBlock: { cidr: '130.211.0.0/22' } }, { ipBlock: { cidr: '35.191.0.0/16' } }]);
    expect(synth({}, GKE).manifests['NetworkPolicy/allow-metadata-server']).toBeDefined();
    expect(synth({}, AKS).manifests['NetworkPolicy/allow-from-ingress'].spec.ingress[0].from).toEqual([
      { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'app-routing-system' } } },
    ]);
  });

  it('makes no Ingress and no ingress-path policy when the app is not exposed', () => {
    const m = synth({ exposure: 'none', host: undefined }).manifests;
    expect(m['Ingress/example-app']).toBeUndefined();
    expect(m['NetworkPolicy/allow-from-ingress']).toBeUndefined();
  });

  it('uses each cluster ingress class: ALB (internet-facing, ip targets, TLS by host), GCE, app routing', () => {
    const eks = synth().manifests['Ingress/example-app'];
    expect(eks.spec.ingressClassName).toBe('alb');
    expect(eks.metadata.annotations).toMatchObject({ 'alb.ingress.kubernetes.io/scheme': 'internet-facing', 'alb.ingress.kubernetes.io/target-type': 'ip', 'alb.ingress.kubernetes.io/ssl-redirect': '443' });
    expect(eks.spec.tls).toEqual([{ hosts: ['app.example.com'] }]);
    expect(synth({ exposure: 'internal' }).manifests['Ingress/example-app'].metadata.annotations['alb.ingress.kubernetes.io/scheme']).toBe('internal');
    expect(synth({}, GKE).manifests['Ingress/example-app'].metadata.annotations).toEqual({ 'kubernetes.io/ingress.class': 'gce' });
    expect(synth({ exposure: 'internal' }, GKE).manifests['Ingress/example-app'].metadata.annotations).toEqual({ 'kubernetes.io/ingress.class': 'gce-internal' });
    expect(synth({}, AKS).manifests['Ingress/example-app'].spec.ingressClassName).toBe('webapprouting.kubernetes.azure.com');
    expect(synth({ exposure: 'internal' }, AKS).manifests['Ingress/example-app'].spec.ingressClassName).toBe('nginx-internal');
  });

  it('reads secrets through the CSI driver of each cloud, naming them only', () => {
    const eks = synth().manifests['SecretProviderClass/example-app-secrets'].spec;
    expect(eks.provider).toBe('aws');
    expect(parse(eks.parameters.objects)).toEqual([{ objectName: 'example-app-db-password', objectType: 'secretsmanager', objectAlias: 'example-app-db-password' }]);
    const gke = synth({}, GKE).manifests['SecretProviderClass/example-app-secrets'].spec;
    expect(gke.provider).toBe('gke');
    expect(parse(gke.parameters.secrets)).toEqual([{ resourceName: 'projects/acme-test-1/secrets/example-app-db-password/versions/latest', path: 'example-app-db-password' }]);
    const aks = synth({}, AKS).manifests['SecretProviderClass/example-app-secrets'].spec;
    expect(aks).toMatchObject({ provider: 'azure', parameters: { usePodIdentity: 'false', clientID: '11111111-2222-3333-4444-555555555555', keyvaultName: 'kv-test-apps' } });
    expect(parse(parse(aks.parameters.objects).array[0])).toEqual({ objectName: 'example-app-db-password', objectType: 'secret' });
    const pod = synth().manifests['Deployment/example-app'].spec.template.spec;
    expect(pod.volumes).toContainEqual({ name: 'secrets', csi: { driver: 'secrets-store.csi.k8s.io', readOnly: true, volumeAttributes: { secretProviderClass: 'example-app-secrets' } } });
    expect(synth({}, AKS).manifests['Deployment/example-app'].spec.template.spec.volumes[1].csi.driver).toBe('secrets-store.csi.k8s.io');
    expect(synth({}, GKE).manifests['Deployment/example-app'].spec.template.spec.volumes[1].csi.driver).toBe('secrets-store-gke.csi.k8s.io');
  });

  it('makes no SecretProviderClass and no secrets volume without secrets', () => {
    const m = synth({ secrets: [] }).manifests;
    expect(m['SecretProviderClass/example-app-secrets']).toBeUndefined();
    expect(m['Deployment/example-app'].spec.template.spec.volumes).toEqual([{ name: 'tmp', emptyDir: { sizeLimit: '64Mi' } }]);
  });

  it('sizes the quota for the HPA maximum plus the surge, forbids LoadBalancer and NodePort Services, and defaults container limits', () => {
    const m = synth().manifests;
    // 4 pods + ceil(25% of 4) = 5 pods.
    expect(m['ResourceQuota/example-app-quota'].spec.hard).toEqual({
      pods: '5',
      'requests.cpu': '1250m',
      'requests.memory': '1280Mi',
      'limits.cpu': '2500m',
      'limits.memory': '2560Mi',
      'services.loadbalancers': '0',
      'services.nodeports': '0',
    });
    expect(m['LimitRange/example-app-limits'].spec.limits).toEqual([
      { type: 'Container', default: { cpu: '500m', memory: '512Mi' }, defaultRequest: { cpu: '250m', memory: '256Mi' }, max: { cpu: '500m', memory: '512Mi' } },
    ]);
  });

  it('creates the namespace first and waits for the Deployment rollout', () => {
    const { resources } = synth();
    const byKind = (kind: string) => Object.entries<any>(resources).find(([, r]) => r.manifest.kind === kind)!;
    const [nsId] = byKind('Namespace');
    const [, deployment] = byKind('Deployment');
    expect(deployment.depends_on).toContain(`kubernetes_manifest.${nsId}`);
    expect(deployment.wait).toEqual({ rollout: true });
    expect(deployment.field_manager).toEqual({ name: 'terraform', force_conflicts: false });
  });

  it('keys construct ids by object kind and name', () => {
    const ids = Object.keys(synth().resources);
    expect(ids.some((id) => id.includes('deployment-example-app'))).toBe(true);
    expect(ids.some((id) => id.includes('networkpolicy-allow-egress-database'))).toBe(true);
  });

  it('keeps the ids of the other peers when a middle peer is removed', () => {
    const peer = (name: string) => ({ name, cidr: '10.0.32.0/20', ports: [5432] });
    const before = Object.keys(synth({ allowedEgress: [peer('a'), peer('b'), peer('c')] }).resources);
    const after = Object.keys(synth({ allowedEgress: [peer('a'), peer('c')] }).resources);
    expect(before.filter((id) => !id.includes('allow-egress-b'))).toEqual(after);
  });

  describe('rejects', () => {
    it.each<[string, Record<string, unknown>, RegExp]>([
      ['a privileged container', { security: { privileged: true } }, /prop security\.privileged true is not allowed: Pod Security Standards "restricted" refuses privileged/],
      ['privilege escalation', { security: { allowPrivilegeEscalation: true } }, /prop security\.allowPrivilegeEscalation true/],
      ['an added capability other than NET_BIND_SERVICE', { security: { addCapabilities: ['SYS_ADMIN'] } }, /prop security\.addCapabilities\[0\] "SYS_ADMIN" .*only NET_BIND_SERVICE/],
      ['a root user', { security: { runAsUser: 0 } }, /prop security\.runAsUser 0 .*non-root/],
      ['a missing CPU limit', { resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { memory: '512Mi' } } }, /prop resources\.limits\.cpu \(missing\) is missing; every container needs CPU and memory requests and limits/],
      ['a missing memory request', { resources: { requests: { cpu: '250m' }, limits: { cpu: '1', memory: '1Gi' } } }, /prop resources\.requests\.memory \(missing\)/],
      ['a limit below the request', { resources: { requests: { cpu: '1', memory: '256Mi' }, limits: { cpu: '500m', memory: '256Mi' } } }, /prop resources\.limits\.cpu "500m" is below the request "1"/],
      ['a malformed quantity', { resources: { requests: { cpu: 'lots', memory: '256Mi' }, limits: { cpu: '1', memory: '1Gi' } } }, /prop resources\.requests\.cpu "lots" is not a cpu quantity/],
      ['an HPA with min > max', { autoscaling: { minReplicas: 5, maxReplicas: 3 } }, /prop autoscaling\.minReplicas 5 is above maxReplicas \(3\); use minReplicas <= maxReplicas/],
      ['a utilisation target above 100', { autoscaling: { cpuUtilization: 150 } }, /prop autoscaling\.cpuUtilization 150 .*1 to 100/],
      ['a port out of range', { ports: [{ name: 'http', containerPort: 70000 }] }, /prop ports\[0\]\.containerPort 70000 is out of range; use 1-65535/],
      ['a port 0', { ports: [{ name: 'http', containerPort: 0 }] }, /prop ports\[0\]\.containerPort 0 is out of range/],
      ['no ports', { ports: [] }, /prop ports \[\] is empty/],
      ['an image with no tag or digest', { image: 'ghcr.io/example/example-app' }, /prop image "ghcr.io\/example\/example-app" has no tag or digest; pin it by tag or digest/],
      ['an image on latest', { image: 'nginx:latest' }, /prop image "nginx:latest" uses the moving tag "latest"/],
      ['a bad digest', { image: 'nginx@sha256:1234' }, /prop image "nginx@sha256:1234" has no tag or digest/],
      ['an app name that is not a DNS label', { name: 'Example_App' }, /prop name "Example_App" is not a DNS label/],
      ['a probe on an unknown port', { probes: { port: 'metrics' } }, /prop probes\.port "metrics" is not one of the application's ports; use one of: http/],
      ['a host without exposure', { exposure: 'none' }, /prop host "app.example.com" is set but exposure is "none"/],
      ['a rollout that cannot progress', { maxSurge: 0, maxUnavailable: 0 }, /prop maxUnavailable 0 is 0 and so is maxSurge/],
      ['a peer with both a CIDR and pods', { allowedEgress: [{ name: 'db', cidr: '10.0.0.0/24', namespace: 'x', ports: [5432] }] }, /prop allowedEgress\[0\] "db" needs exactly one of cidr/],
      ['a peer port out of range', { allowedEgress: [{ name: 'db', cidr: '10.0.0.0/24', ports: [99999] }] }, /prop allowedEgress\[0\]\.ports\[0\] 99999 is out of range/],
      ['a secret name no store accepts', { secrets: ['db/password'] }, /prop secrets\[0\] "db\/password" is not a secret name valid in every cloud store/],
    ])('%s', (_, spec, message) => {
      expect(build(spec)).toThrow(message);
    });

    it('names the construct path in the message', () => {
      expect(build({ image: 'nginx' })).toThrow(/\/app: prop image/);
    });
  });

  describe('with the local chart', () => {
    it('deploys Deployment, Service and HPA through an atomic helm_release of the chart, the rest as manifests', () => {
      const { json, manifests } = synth({ chartPath: CHART });
      expect(manifests['Deployment/example-app']).toBeUndefined();
      expect(manifests['Service/example-app']).toBeUndefined();
      expect(manifests['HorizontalPodAutoscaler/example-app']).toBeUndefined();
      expect(manifests['Namespace/example-app']).toBeDefined();
      const release = Object.values<any>(json.resource.helm_release)[0];
      expect(release).toMatchObject({ name: 'example-app', namespace: 'example-app', atomic: true, wait: true, cleanup_on_fail: true, timeout: 600 });
      expect(release.chart).toMatch(/^assets\//);
      expect(release.version).toBeUndefined();
    });

    it('passes the chart checksum and the hardened pod settings as values', () => {
      const { json } = synth({ chartPath: CHART });
      const values = parse(Object.values<any>(json.resource.helm_release)[0].values[0]);
      expect(values.chartChecksum).toMatch(/^[0-9a-f]{64}$/);
      expect(values.securityContext).toMatchObject({ runAsNonRoot: true, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
      expect(values.image).toBe('ghcr.io/example/example-app:1.4.2');
      expect(values.autoscaling).toEqual({ enabled: true, minReplicas: 2, maxReplicas: 4, cpuUtilization: 70, memoryUtilization: 80 });
    });
  });
});
