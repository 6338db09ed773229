import { PrivateEndpoint } from '@cdktf/provider-azurerm/lib/private-endpoint';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { StorageAccount as AzurermStorageAccount } from '@cdktf/provider-azurerm/lib/storage-account';
import { StorageContainer } from '@cdktf/provider-azurerm/lib/storage-container';
import { StorageManagementPolicy } from '@cdktf/provider-azurerm/lib/storage-management-policy';
import { Testing } from 'cdktf';
import { StorageAccount, type StorageAccountProps, storageLifecycleRuleProblems } from '../../../modules/azure/storage-account';

const SUBNET = '/subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/app';
const BASE: StorageAccountProps = { name: 'sttestdata01', resourceGroupName: 'rg-test-data', location: 'westeurope', privateEndpointSubnetId: SUBNET, privateDnsZoneId: 'zone-blob' };

function synth(patch: Partial<StorageAccountProps> = {}): string {
  return Testing.synthScope((scope) => {
    new StorageAccount(scope, 'storage', { ...BASE, ...patch });
  });
}

const build = (patch: Partial<StorageAccountProps>) => () => synth(patch);
const account = (out: string): Record<string, any> => Object.values<any>(JSON.parse(out).resource.azurerm_storage_account)[0];

describe('StorageAccount', () => {
  const out = synth();

  it('is a StorageV2 account with Entra ID only: shared keys off, OAuth by default, no local users or SFTP', () => {
    expect(out).toHaveResourceWithProperties(AzurermStorageAccount, {
      account_kind: 'StorageV2',
      shared_access_key_enabled: false,
      default_to_oauth_authentication: true,
      local_user_enabled: false,
      sftp_enabled: false,
      cross_tenant_replication_enabled: false,
    });
  });

  it('accepts HTTPS and TLS 1.2 only, allows no public containers, double-encrypts', () => {
    expect(out).toHaveResourceWithProperties(AzurermStorageAccount, {
      https_traffic_only_enabled: true,
      min_tls_version: 'TLS1_2',
      allow_nested_items_to_be_public: false,
      infrastructure_encryption_enabled: true,
    });
  });

  it('has no public endpoint and a deny-by-default firewall that bypasses nothing', () => {
    expect(out).toHaveResourceWithProperties(AzurermStorageAccount, {
      public_network_access_enabled: false,
      network_rules: { default_action: 'Deny', bypass: ['None'], ip_rules: [], virtual_network_subnet_ids: [] },
    });
  });

  it('is zone-redundant by default', () => {
    expect(account(out).account_replication_type).toBe('ZRS');
  });

  it('keeps versions, the change feed and 30 days of deleted blobs and containers by default', () => {
    expect(account(out).blob_properties).toEqual({
      versioning_enabled: true,
      change_feed_enabled: true,
      delete_retention_policy: { days: 30 },
      container_delete_retention_policy: { days: 30 },
    });
  });

  it('puts a blob private endpoint in the subnet, registered in the zone', () => {
    expect(out).toHaveResourceWithProperties(PrivateEndpoint, {
      name: 'pe-sttestdata01-blob',
      subnet_id: SUBNET,
      private_service_connection: expect.objectContaining({ subresource_names: ['blob'], is_manual_connection: false }),
      private_dns_zone_group: { name: 'blob', private_dns_zone_ids: ['zone-blob'] },
    });
  });

  it('with allowTrustedAzureServices keeps the public endpoint behind a deny-all firewall that only trusted services pass', () => {
    const a = account(synth({ allowTrustedAzureServices: true }));
    expect(a.public_network_access_enabled).toBe(true);
    expect(a.network_rules).toEqual({ default_action: 'Deny', bypass: ['AzureServices'], ip_rules: [], virtual_network_subnet_ids: [] });
  });

  it('creates private containers through ARM (storage_account_id), keyed by name', () => {
    const json = JSON.parse(synth({ containers: ['uploads', 'reports'] }));
    expect(Object.keys(json.resource.azurerm_storage_container).sort()).toEqual([
      expect.stringMatching(/container-reports/),
      expect.stringMatching(/container-uploads/),
    ]);
    expect(JSON.stringify(json)).not.toContain('storage_account_name');
    expect(Testing.synthScope((s) => new StorageAccount(s, 'st', { ...BASE, containers: ['uploads'] }))).toHaveResourceWithProperties(StorageContainer, {
      name: 'uploads',
      container_access_type: 'private',
      storage_account_id: expect.stringMatching(/azurerm_storage_account\./),
    });
  });

  it('writes lifecycle rules on days since modification, block blobs only', () => {
    const s = synth({ replication: 'LRS', lifecycleRules: [{ name: 'age-out', prefixes: ['uploads/'], tierToCoolAfterDays: 30, tierToArchiveAfterDays: 90, deleteAfterDays: 365 }] });
    expect(s).toHaveResourceWithProperties(StorageManagementPolicy, {
      rule: [
        {
          name: 'age-out',
          enabled: true,
          filters: { blob_types: ['blockBlob'], prefix_match: ['uploads/'] },
          actions: {
            base_blob: {
              tier_to_cool_after_days_since_modification_greater_than: 30,
              tier_to_archive_after_days_since_modification_greater_than: 90,
              delete_after_days_since_modification_greater_than: 365,
            },
          },
        },
      ],
    });
  });

  it('has no lifecycle policy without rules', () => {
    expect(out).not.toHaveResource(StorageManagementPolicy);
  });

  it('grants Storage Blob Data Reader and Contributor on the account to the named identities', () => {
    const s = synth({ blobReaders: { 'functions-hello': 'p-reader' }, blobContributors: { 'containers-hello': 'p-writer' } });
    expect(s).toHaveResourceWithProperties(RoleAssignment, { role_definition_name: 'Storage Blob Data Reader', principal_id: 'p-reader', scope: expect.stringMatching(/azurerm_storage_account\..*\.id/) });
    expect(s).toHaveResourceWithProperties(RoleAssignment, { role_definition_name: 'Storage Blob Data Contributor', principal_id: 'p-writer' });
    expect(Object.keys(JSON.parse(s).resource.azurerm_role_assignment).map((k) => k.replace(/_[0-9A-F]{8}$/, ''))).toEqual(
      expect.arrayContaining([expect.stringMatching(/blob-reader-functions-hello/), expect.stringMatching(/blob-contributor-containers-hello/)]),
    );
  });

  describe('refuses', () => {
    it.each([
      [{ name: 'St-Data' }, /prop name "St-Data" is not a storage account name; use 3-24 lower-case letters and digits/],
      [{ replication: 'RAGRS' as never }, /prop replication "RAGRS" is not a replication type; use one of LRS, ZRS, GRS, GZRS/],
      [{ privateEndpointSubnetId: undefined }, /prop privateEndpointSubnetId \(missing\) is required: without a public endpoint/],
      [{ blobSoftDeleteDays: 0 }, /prop blobSoftDeleteDays 0 is not allowed; use a whole number of days from 1 to 365/],
      [{ containerSoftDeleteDays: 366 }, /prop containerSoftDeleteDays 366 is not allowed; use a whole number of days from 1 to 365/],
      [{ containers: ['Up_loads'] }, /prop containers\[0\] "Up_loads" is not a container name; use 3-63 lower-case letters/],
      [{ containers: ['a', 'uploads'] }, /prop containers\[0\] "a" is not a container name/],
      [{ containers: ['uploads', 'uploads'] }, /prop containers\[1\] "uploads" is listed twice/],
      [{ lifecycleRules: [{ name: 'r', tierToCoolAfterDays: 400, deleteAfterDays: 365 }] }, /prop lifecycleRules\[0\]\.tierToCoolAfterDays 400 is not before deleteAfterDays \(365\); a blob cannot change tier once it is deleted/],
      [{ lifecycleRules: [{ name: 'r', tierToArchiveAfterDays: 30, tierToCoolAfterDays: 60 }], replication: 'LRS' as const }, /prop lifecycleRules\[0\]\.tierToArchiveAfterDays 30 is not after tierToCoolAfterDays \(60\)/],
      [{ lifecycleRules: [{ name: 'r', tierToArchiveAfterDays: 90 }] }, /prop lifecycleRules\[0\]\.tierToArchiveAfterDays 90 is not possible with replication ZRS/],
      [{ lifecycleRules: [{ name: 'r' }] }, /prop lifecycleRules\[0\]\.deleteAfterDays \(missing\) is missing and so is every tier/],
      [{ lifecycleRules: [{ name: 'r', deleteAfterDays: -1 }] }, /prop lifecycleRules\[0\]\.deleteAfterDays -1 is not allowed; use a whole number of days from 0 to 99999/],
      [{ lifecycleRules: [{ name: 'r', deleteAfterDays: 5 }, { name: 'r', deleteAfterDays: 6 }] }, /prop lifecycleRules\[1\]\.name "r" is used twice/],
    ])('%j', (patch, message) => {
      expect(build(patch as Partial<StorageAccountProps>)).toThrow(message);
    });
  });

  it('lists every problem of a rule for the config layer (tier after delete, archive on GZRS)', () => {
    expect(storageLifecycleRuleProblems({ name: 'r', tierToArchiveAfterDays: 400, deleteAfterDays: 365 }, 'GZRS').map(([f]) => f)).toEqual(['tierToArchiveAfterDays', 'tierToArchiveAfterDays']);
  });
});
