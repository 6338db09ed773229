import { kubernetesSection } from '../../../stacks/kubernetes-workloads/config';
import { environmentProblems, merge, testEnvironment } from '../../helpers/environment';
import { APP, CLUSTERS_ON, KEY_VAULT_ID, PROXY_ONLY } from './clusters';

function withApp(app: Record<string, unknown>, k8s: Record<string, unknown> = {}): Record<string, any> {
  return merge(CLUSTERS_ON, { kubernetes: { enabled: true, aks: { keyVaultId: KEY_VAULT_ID }, gke: { proxyOnlySubnetCidr: PROXY_ONLY }, apps: { 'example-app': { ...APP, ...app } }, ...k8s } });
}

describe('kubernetes section', () => {
  it('is off, with no apps, when left out', () => {
    expect(testEnvironment().section(kubernetesSection)).toEqual({ enabled: false, apps: {}, karpenterNodePool: true, aks: {}, gke: {} });
  });

  it('accepts an app for every cluster the environment has, with the spec defaults', () => {
    expect(environmentProblems(withApp({}))).toEqual([]);
    const app = testEnvironment(withApp({})).section(kubernetesSection).apps['example-app']!;
    expect(app).toMatchObject({ deployWith: 'manifests', exposure: 'internal', resources: { limits: { cpu: '500m', memory: '512Mi' } } });
  });

  it('reads numeric quantities as strings (cpu: 1)', () => {
    const app = testEnvironment(withApp({ resources: { requests: { cpu: 1, memory: '1Gi' }, limits: { cpu: 2, memory: '2Gi' } } })).section(kubernetesSection).apps['example-app']!;
    expect(app.resources.limits!.cpu).toBe('2');
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['a privileged container', { security: { privileged: true } }, 'config/test.yaml: kubernetes.apps.example-app.security.privileged true is not allowed: Pod Security Standards "restricted" refuses privileged containers; remove it or set false'],
    ['a missing limit', { resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '500m' } } }, 'config/test.yaml: kubernetes.apps.example-app.resources.limits.memory is missing; every container needs CPU and memory requests and limits, e.g. "256Mi" or "1Gi"'],
    ['an unknown cluster name', { clusters: ['eks', 'k3s'] }, 'config/test.yaml: kubernetes.apps.example-app.clusters[1] "k3s" is not a cluster; use one of eks, gke, aks'],
    ['an HPA with min > max', { autoscaling: { minReplicas: 6, maxReplicas: 3 } }, 'config/test.yaml: kubernetes.apps.example-app.autoscaling.minReplicas 6 is above maxReplicas (3); use minReplicas <= maxReplicas'],
    ['a port out of range', { ports: [{ name: 'http', containerPort: 65536 }] }, 'config/test.yaml: kubernetes.apps.example-app.ports[0].containerPort 65536 is out of range; use 1-65535'],
    ['an image with no tag or digest', { image: 'ghcr.io/example/example-app' }, 'config/test.yaml: kubernetes.apps.example-app.image "ghcr.io/example/example-app" has no tag or digest; pin it by tag or digest, e.g. "registry.example.com/app:1.4.2" or "registry.example.com/app@sha256:<64 hex digits>"'],
    ['an exposure that does not exist', { exposure: 'world' }, 'config/test.yaml: kubernetes.apps.example-app.exposure "world" is not allowed; allowed values: "none", "internal", "public"'],
  ])('rejects %s with file, field, value and what is allowed', (_, app, message) => {
    expect(environmentProblems(withApp(app))).toContainEqual(expect.stringContaining(message));
  });

  it('rejects a cluster the environment does not have', () => {
    const problems = environmentProblems(withApp({}), (input) => {
      input.gcp.gke.enabled = false;
    });
    expect(problems).toContain('config/test.yaml: kubernetes.apps.example-app.clusters[1] "gke" names a cluster this environment does not have; set gcp.gke.enabled: true or remove "gke"');
  });

  it('rejects secrets on aks without a key vault', () => {
    expect(environmentProblems(withApp({}, { aks: {} }))).toContain(
      'config/test.yaml: kubernetes.apps.example-app.secrets ["example-app-api-key"] are read from Key Vault on aks, but kubernetes.aks.keyVaultId is not set; give the vault that holds them',
    );
  });

  it('rejects an internal app on gke without the proxy-only subnet', () => {
    expect(environmentProblems(withApp({}, { gke: {} }))).toContain(
      'config/test.yaml: kubernetes.apps.example-app.exposure "internal" on gke needs an internal Application Load Balancer, which reaches pods from the proxy-only subnet; set kubernetes.gke.proxyOnlySubnetCidr, or use none or public',
    );
  });

  it('rejects apps while the section is off', () => {
    expect(environmentProblems(withApp({}, { enabled: false }))).toContain('config/test.yaml: kubernetes.enabled false turns the workloads stacks off, but kubernetes.apps lists applications; set enabled: true to deploy them, or remove them');
  });

  it('rejects an unknown field of an app', () => {
    expect(environmentProblems(withApp({ replicaCount: 3 }))).toContainEqual(expect.stringMatching(/kubernetes\.apps\.example-app\.replicaCount is not a known field/));
  });
});
