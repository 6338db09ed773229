import { Testing } from 'cdktf';
import { AksWorkloadIdentity } from '../../../modules/kubernetes/aks-workload-identity';

const VAULT = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-test/providers/Microsoft.KeyVault/vaults/kv-test-apps';

function synth(props: Record<string, unknown> = {}) {
  return Testing.synthScope((scope) => {
    new AksWorkloadIdentity(scope, 'identity', {
      name: 'id-test-example-app',
      resourceGroupName: 'rg-test-aks',
      location: 'westeurope',
      oidcIssuerUrl: 'https://westeurope.oic.prod-aks.azure.com/tenant/issuer/',
      namespace: 'example-app',
      serviceAccount: 'example-app',
      keyVaultId: VAULT,
      secrets: ['example-app-db-password'],
      ...props,
    });
  });
}

describe('AksWorkloadIdentity', () => {
  it('trusts only the application service account of the cluster issuer', () => {
    expect(synth()).toHaveResourceWithProperties({ tfResourceType: 'azurerm_federated_identity_credential' }, {
      issuer: 'https://westeurope.oic.prod-aks.azure.com/tenant/issuer/',
      subject: 'system:serviceaccount:example-app:example-app',
      audience: ['api://AzureADTokenExchange'],
    });
  });

  it('reads only the named secrets, not the whole vault', () => {
    expect(synth()).toHaveResourceWithProperties({ tfResourceType: 'azurerm_role_assignment' }, {
      scope: `${VAULT}/secrets/example-app-db-password`,
      role_definition_name: 'Key Vault Secrets User',
      principal_type: 'ServicePrincipal',
    });
    expect(synth({ secrets: [] })).not.toHaveResource({ tfResourceType: 'azurerm_role_assignment' });
  });

  it('rejects secrets without a key vault', () => {
    expect(() => synth({ keyVaultId: undefined })).toThrow(/prop keyVaultId \(missing\) is missing, but secrets are named/);
  });
});
