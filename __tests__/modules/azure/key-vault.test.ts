import { KeyVault as AzurermKeyVault } from '@cdktf/provider-azurerm/lib/key-vault';
import { PrivateDnsZone } from '@cdktf/provider-azurerm/lib/private-dns-zone';
import { PrivateDnsZoneVirtualNetworkLink } from '@cdktf/provider-azurerm/lib/private-dns-zone-virtual-network-link';
import { PrivateEndpoint } from '@cdktf/provider-azurerm/lib/private-endpoint';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { Testing } from 'cdktf';
import { KeyVault, type KeyVaultProps, keyVaultIpRuleProblem } from '../../../modules/azure/key-vault';
import { ValidationError } from '../../../modules/core/validation-error';

const SUBNET_ID = '/subscriptions/s/resourceGroups/rg-test/providers/Microsoft.Network/virtualNetworks/vnet-test/subnets/app';
const VNET_ID = '/subscriptions/s/resourceGroups/rg-test/providers/Microsoft.Network/virtualNetworks/vnet-test';
const ZONE_ID = '/subscriptions/s/resourceGroups/rg-dns/providers/Microsoft.Network/privateDnsZones/privatelink.vaultcore.azure.net';

const BASE: KeyVaultProps = {
  name: 'kv-test',
  resourceGroupName: 'rg-test',
  location: 'westeurope',
  tenantId: '00000000-0000-0000-0000-000000000000',
  privateEndpointSubnetId: SUBNET_ID,
  virtualNetworkId: VNET_ID,
};

function synth(patch: Partial<KeyVaultProps> = {}): string {
  return Testing.synthScope((scope) => {
    new KeyVault(scope, 'vault', { ...BASE, ...patch });
  });
}

/** Every resource address (`type.logical_id`) of a synthesized scope. */
function addresses(json: string): string[] {
  return Object.entries(JSON.parse(json).resource as Record<string, object>).flatMap(([type, byId]) =>
    Object.keys(byId).map((id) => `${type}.${id}`),
  );
}

const VAULT_ID = '${azurerm_key_vault.vault_resource_B3D4DD7C.id}';

describe('KeyVault', () => {
  const json = synth();

  it('defaults to a standard vault with RBAC, purge protection, 90-day soft delete', () => {
    expect(json).toHaveResourceWithProperties(AzurermKeyVault, {
      name: 'kv-test',
      tenant_id: '00000000-0000-0000-0000-000000000000',
      sku_name: 'standard',
      rbac_authorization_enabled: true,
      purge_protection_enabled: true,
      soft_delete_retention_days: 90,
    });
  });

  it('turns public network access off and denies by default, without the trusted-services bypass', () => {
    expect(json).toHaveResourceWithProperties(AzurermKeyVault, {
      public_network_access_enabled: false,
      network_acls: { default_action: 'Deny', bypass: 'None', ip_rules: [] },
    });
  });

  it('lets trusted Azure services bypass the firewall only when asked', () => {
    expect(synth({ allowTrustedAzureServices: true })).toHaveResourceWithProperties(AzurermKeyVault, {
      network_acls: { default_action: 'Deny', bypass: 'AzureServices', ip_rules: [] },
    });
  });

  it('puts a private endpoint for the vault sub-resource in the given subnet', () => {
    expect(json).toHaveResourceWithProperties(PrivateEndpoint, {
      name: 'pe-kv-test',
      resource_group_name: 'rg-test',
      location: 'westeurope',
      subnet_id: SUBNET_ID,
      private_service_connection: {
        name: 'psc-kv-test',
        private_connection_resource_id: VAULT_ID,
        subresource_names: ['vault'],
        is_manual_connection: false,
      },
    });
  });

  it('creates the privatelink.vaultcore.azure.net zone, links it to the VNet and registers the endpoint in it', () => {
    expect(json).toHaveResourceWithProperties(PrivateDnsZone, {
      name: 'privatelink.vaultcore.azure.net',
      resource_group_name: 'rg-test',
    });
    expect(json).toHaveResourceWithProperties(PrivateDnsZoneVirtualNetworkLink, {
      name: 'link-kv-test',
      private_dns_zone_name: '${azurerm_private_dns_zone.vault_private-dns-zone_D410B101.name}',
      virtual_network_id: VNET_ID,
      registration_enabled: false,
    });
    expect(json).toHaveResourceWithProperties(PrivateEndpoint, {
      private_dns_zone_group: {
        name: 'vaultcore',
        private_dns_zone_ids: ['${azurerm_private_dns_zone.vault_private-dns-zone_D410B101.id}'],
      },
    });
  });

  it('uses an existing zone instead of creating one when given', () => {
    const withZone = synth({ privateDnsZoneId: ZONE_ID, virtualNetworkId: undefined });
    expect(withZone).not.toHaveResource(PrivateDnsZone);
    expect(withZone).not.toHaveResource(PrivateDnsZoneVirtualNetworkLink);
    expect(withZone).toHaveResourceWithProperties(PrivateEndpoint, {
      private_dns_zone_group: { name: 'vaultcore', private_dns_zone_ids: [ZONE_ID] },
    });
  });

  it('grants no data-plane role unless a secrets officer is named', () => {
    expect(json).not.toHaveResource(RoleAssignment);
    expect(synth({ secretsOfficerPrincipalId: 'abc' })).toHaveResourceWithProperties(RoleAssignment, {
      role_definition_name: 'Key Vault Secrets Officer',
      principal_id: 'abc',
      scope: VAULT_ID,
    });
  });

  it('opens the public endpoint to the listed public ranges only when asked, single addresses without /32', () => {
    expect(
      synth({ enablePublicNetworkAccess: true, allowedIpRanges: ['203.0.113.7/32', '198.51.100.0/28'] }),
    ).toHaveResourceWithProperties(AzurermKeyVault, {
      public_network_access_enabled: true,
      network_acls: { default_action: 'Deny', bypass: 'None', ip_rules: ['203.0.113.7', '198.51.100.0/28'] },
    });
  });

  it('takes the SKU, retention and tags from props, tagging the endpoint and zone too', () => {
    const tagged = synth({ skuName: 'premium', softDeleteRetentionDays: 30, tags: { a: 'b' } });
    expect(tagged).toHaveResourceWithProperties(AzurermKeyVault, { sku_name: 'premium', soft_delete_retention_days: 30, tags: { a: 'b' } });
    expect(tagged).toHaveResourceWithProperties(PrivateEndpoint, { tags: { a: 'b' } });
    expect(tagged).toHaveResourceWithProperties(PrivateDnsZone, { tags: { a: 'b' } });
  });

  it('keeps every address when a middle allowed range is removed', () => {
    const open = { enablePublicNetworkAccess: true };
    const full = synth({ ...open, allowedIpRanges: ['203.0.113.7', '198.51.100.0/28', '192.0.2.9'] });
    const reduced = synth({ ...open, allowedIpRanges: ['203.0.113.7', '192.0.2.9'] });
    expect(addresses(reduced)).toEqual(addresses(full));
  });

  describe('prop checks', () => {
    it.each([6, 91, 7.5])('refuses softDeleteRetentionDays %p', (days) => {
      expect(() => synth({ softDeleteRetentionDays: days })).toThrow(
        new RegExp(`vault: prop softDeleteRetentionDays ${days} is not allowed; use a whole number of days from 7 to 90`),
      );
    });

    it.each([
      ['ab', /prop name "ab" is not a valid Key Vault name \(2 characters\)/],
      ['9vault', /prop name "9vault" .*does not start with a letter/],
      ['kv--a', /prop name "kv--a" .*contains "--"/],
    ])('refuses the name %p', (name, reason) => {
      expect(() => synth({ name })).toThrow(reason);
    });

    const FORM = 'use a public IPv4 address \\("203\\.0\\.113\\.7"\\) or a public block of /24 or narrower';
    it.each<[string, string, string]>([
      ['the whole internet', '0.0.0.0/0', `is wider than /24; ${FORM}`],
      ['any address', '*', `allows any address; ${FORM}`],
      ['the Internet tag', 'Internet', `allows any address; ${FORM}`],
      ['a wide public block', '20.0.0.0/8', `is wider than /24; ${FORM}`],
      ['a private block', '10.1.2.0/24', `is not a public address; reach the vault through its private endpoint, or ${FORM}`],
      ['a private address', '192.168.1.10', 'is not a public address'],
      ['a malformed range', '203.0.113.0/33', `is not an IPv4 CIDR block.*; ${FORM}`],
    ])('refuses %s in allowedIpRanges', (_what, range, allowed) => {
      const patch = { enablePublicNetworkAccess: true, allowedIpRanges: ['203.0.113.7', range] };
      expect(() => synth(patch)).toThrow(ValidationError);
      const quoted = JSON.stringify(range).replace(/[.*/]/g, (c) => `\\${c}`);
      expect(() => synth(patch)).toThrow(new RegExp(`vault: prop allowedIpRanges\\[1\\] ${quoted} ${allowed}`));
    });

    it.each([
      ['203.0.113.7', true],
      ['203.0.113.7/32', true],
      ['198.51.100.0/24', true],
      ['198.51.100.0/23', false],
      ['0.0.0.0/0', false],
      ['172.16.4.0/24', false],
      ['127.0.0.1', false],
    ])('keyVaultIpRuleProblem allows %s: %s', (range, ok) => {
      expect(keyVaultIpRuleProblem(range) === undefined).toBe(ok);
    });

    it('refuses allowed ranges while the public endpoint is off', () => {
      expect(() => synth({ allowedIpRanges: ['203.0.113.7'] })).toThrow(
        /vault: prop allowedIpRanges \["203\.0\.113\.7"\] apply only to the public endpoint, which is off; remove them, or set enablePublicNetworkAccess: true/,
      );
    });

    it('refuses a vault without a DNS zone or a VNet to link a new one to', () => {
      expect(() => synth({ virtualNetworkId: undefined })).toThrow(
        /vault: prop virtualNetworkId \(missing\) is needed to link the new privatelink\.vaultcore\.azure\.net zone; give the VNet id, or privateDnsZoneId/,
      );
    });

    it('refuses an unknown SKU', () => {
      expect(() => synth({ skuName: 'gold' as 'standard' })).toThrow(/vault: prop skuName "gold" is not a Key Vault SKU; use one of standard, premium/);
    });
  });
});
