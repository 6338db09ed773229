import { Testing } from 'cdktf';
import { manifestProblems } from '../../../modules/kubernetes/manifest-schema';
import { gcpGkeWorkloadsFamily } from '../../../stacks/gcp-gke-workloads/family';
import { familyStack, merge, testEnvironment } from '../../helpers/environment';
import { APP, CLUSTERS_ON, GKE, KEY_VAULT_ID, PROXY_ONLY } from '../kubernetes-workloads/clusters';

function synth(app: Record<string, unknown> = {}): any {
  const env = testEnvironment(merge(CLUSTERS_ON, { kubernetes: { enabled: true, aks: { keyVaultId: KEY_VAULT_ID }, gke: { proxyOnlySubnetCidr: PROXY_ONLY }, apps: { 'example-app': { ...APP, ...app } } } }));
  return JSON.parse(Testing.synth(familyStack(gcpGkeWorkloadsFamily, env, { 'gcp-gke': GKE })));
}

describe('gcp-gke-workloads stack', () => {
  it('binds each app to a Google service account through Workload Identity, reading only its secrets', () => {
    const json = synth();
    expect(Object.values<any>(json.resource.google_service_account_iam_member)[0]).toMatchObject({
      role: 'roles/iam.workloadIdentityUser',
      member: 'serviceAccount:acme-test-1.svc.id.goog[example-app/example-app]',
    });
    expect(Object.values<any>(json.resource.google_secret_manager_secret_iam_member)[0]).toMatchObject({ secret_id: 'example-app-api-key', role: 'roles/secretmanager.secretAccessor' });
  });

  it('emits only valid, restricted objects, annotated with the Google service account, exposed by GCE Ingress', () => {
    const manifests = Object.values<any>(synth().resource.kubernetes_manifest).map((r) => r.manifest);
    for (const m of manifests) expect([m.kind, manifestProblems(m)]).toEqual([m.kind, []]);
    const sa = manifests.find((m) => m.kind === 'ServiceAccount');
    expect(sa.metadata.annotations['iam.gke.io/gcp-service-account']).toMatch(/^\$\{google_service_account\./);
    expect(manifests.find((m) => m.kind === 'Ingress').metadata.annotations).toEqual({ 'kubernetes.io/ingress.class': 'gce-internal' });
    expect(manifests.find((m) => m.kind === 'SecretProviderClass').spec.provider).toBe('gke');
    expect(manifests.find((m) => m.metadata.name === 'allow-from-ingress').spec.ingress[0].from).toContainEqual({ ipBlock: { cidr: PROXY_ONLY } });
  });

  it('reaches the cluster with gke-gcloud-auth-plugin and installs no chart', () => {
    const json = synth();
    expect(json.provider.kubernetes[0]).toMatchObject({ host: 'https://10.1.0.2', exec: [{ command: 'gke-gcloud-auth-plugin' }] });
    expect(json.resource.helm_release).toBeUndefined();
  });
});
