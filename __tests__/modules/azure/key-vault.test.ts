import { KeyVault as AzurermKeyVault } from '@cdktf/provider-azurerm/lib/key-vault';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { Testing } from 'cdktf';
import { KeyVault, type KeyVaultProps } from '../../../modules/azure/key-vault';

const BASE: KeyVaultProps = {
  name: 'kv-test',
  resourceGroupName: 'rg-test',
  location: 'westeurope',
  tenantId: '00000000-0000-0000-0000-000000000000',
};

function synth(patch: Partial<KeyVaultProps> = {}): string {
  return Testing.synthScope((scope) => {
    new KeyVault(scope, 'vault', { ...BASE, ...patch });
  });
}

describe('KeyVault', () => {
  it('defaults to a standard vault with RBAC, purge protection, 90-day soft delete and a deny-by-default firewall', () => {
    expect(synth()).toHaveResourceWithProperties(AzurermKeyVault, {
      name: 'kv-test',
      tenant_id: '00000000-0000-0000-0000-000000000000',
      sku_name: 'standard',
      rbac_authorization_enabled: true,
      purge_protection_enabled: true,
      soft_delete_retention_days: 90,
      public_network_access_enabled: true,
      network_acls: { default_action: 'Deny', bypass: 'AzureServices', ip_rules: [] },
    });
  });

  it('grants no data-plane role unless a secrets officer is named', () => {
    expect(synth()).not.toHaveResource(RoleAssignment);
    expect(synth({ secretsOfficerPrincipalId: 'abc' })).toHaveResourceWithProperties(RoleAssignment, {
      role_definition_name: 'Key Vault Secrets Officer',
      principal_id: 'abc',
      scope: '${azurerm_key_vault.vault_resource_B3D4DD7C.id}',
    });
  });

  it('takes the SKU, retention and tags from props', () => {
    expect(synth({ skuName: 'premium', softDeleteRetentionDays: 30, tags: { a: 'b' } })).toHaveResourceWithProperties(
      AzurermKeyVault,
      { sku_name: 'premium', soft_delete_retention_days: 30, tags: { a: 'b' } },
    );
  });

  it.each([6, 91, 7.5])('refuses softDeleteRetentionDays %p', (days) => {
    expect(() => synth({ softDeleteRetentionDays: days })).toThrow(
      new RegExp(`prop "softDeleteRetentionDays" ${days} is not allowed; use a whole number of days from 7 to 90`),
    );
  });

  it.each([
    ['ab', /\(2 characters\)/],
    ['9vault', /does not start with a letter/],
    ['kv--a', /contains "--"/],
  ])('refuses the name %p', (name, reason) => {
    expect(() => synth({ name })).toThrow(reason);
  });
});
