import { Testing } from 'cdktf';
import { manifestProblems } from '../../../modules/kubernetes/manifest-schema';
import { azureAksWorkloadsFamily } from '../../../stacks/azure-aks-workloads/family';
import { familyStack, merge, testEnvironment } from '../../helpers/environment';
import { AKS, APP, CLUSTERS_ON, KEY_VAULT_ID, PROXY_ONLY } from '../kubernetes-workloads/clusters';

function synth(app: Record<string, unknown> = {}): any {
  const env = testEnvironment(merge(CLUSTERS_ON, { kubernetes: { enabled: true, aks: { keyVaultId: KEY_VAULT_ID }, gke: { proxyOnlySubnetCidr: PROXY_ONLY }, apps: { 'example-app': { ...APP, ...app } } } }));
  return JSON.parse(Testing.synth(familyStack(azureAksWorkloadsFamily, env, { 'azure-aks': AKS })));
}

describe('azure-aks-workloads stack', () => {
  it('federates a user-assigned identity to the app service account and grants it its secrets only', () => {
    const json = synth();
    expect(Object.values<any>(json.resource.azurerm_user_assigned_identity)[0]).toMatchObject({ name: 'id-test-example-app', resource_group_name: 'rg-test-aks' });
    expect(Object.values<any>(json.resource.azurerm_federated_identity_credential)[0]).toMatchObject({
      issuer: AKS.oidcIssuerUrl,
      subject: 'system:serviceaccount:example-app:example-app',
    });
    expect(Object.values<any>(json.resource.azurerm_role_assignment)[0]).toMatchObject({ scope: `${KEY_VAULT_ID}/secrets/example-app-api-key`, role_definition_name: 'Key Vault Secrets User' });
  });

  it('emits only valid, restricted objects, reading the key vault by name with the workload identity', () => {
    const manifests = Object.values<any>(synth().resource.kubernetes_manifest).map((r) => r.manifest);
    for (const m of manifests) expect([m.kind, manifestProblems(m)]).toEqual([m.kind, []]);
    const spc = manifests.find((m) => m.kind === 'SecretProviderClass');
    expect(spc.spec.parameters).toMatchObject({ keyvaultName: 'kv-test-apps', usePodIdentity: 'false' });
    expect(spc.spec.parameters.tenantId).toMatch(/^\$\{data\.azurerm_client_config\./);
    expect(manifests.find((m) => m.kind === 'Ingress').spec.ingressClassName).toBe('nginx-internal');
    expect(manifests.map((m) => m.kind)).toContain('NginxIngressController');
  });

  it('adds no internal ingress class when no app is internal', () => {
    const kinds = Object.values<any>(synth({ exposure: 'public' }).resource.kubernetes_manifest).map((r) => r.manifest.kind);
    expect(kinds).not.toContain('NginxIngressController');
  });

  it('reaches the cluster with kubelogin', () => {
    expect(synth().provider.kubernetes[0]).toMatchObject({ host: AKS.host, exec: [{ command: 'kubelogin' }] });
  });
});
