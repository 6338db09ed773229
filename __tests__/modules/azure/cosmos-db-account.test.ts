import { CosmosdbAccount } from '@cdktf/provider-azurerm/lib/cosmosdb-account';
import { CosmosdbSqlContainer } from '@cdktf/provider-azurerm/lib/cosmosdb-sql-container';
import { CosmosdbSqlDatabase } from '@cdktf/provider-azurerm/lib/cosmosdb-sql-database';
import { CosmosdbSqlRoleAssignment } from '@cdktf/provider-azurerm/lib/cosmosdb-sql-role-assignment';
import { PrivateEndpoint } from '@cdktf/provider-azurerm/lib/private-endpoint';
import { Testing } from 'cdktf';
import { CosmosDbAccount, type CosmosDbAccountProps } from '../../../modules/azure/cosmos-db-account';

const SUBNET = '/subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/app';
const BASE: CosmosDbAccountProps = {
  name: 'cosmos-test-abc123',
  resourceGroupName: 'rg-test-data',
  location: 'westeurope',
  privateEndpointSubnetId: SUBNET,
  privateDnsZoneId: 'zone-documents',
  databases: { app: { containers: { items: { partitionKeyPaths: ['/tenantId'], maxThroughput: 1000 } } } },
};

function synth(patch: Partial<CosmosDbAccountProps> = {}): string {
  return Testing.synthScope((scope) => {
    new CosmosDbAccount(scope, 'cosmos', { ...BASE, ...patch });
  });
}
const account = (out: string): Record<string, any> => Object.values<any>(JSON.parse(out).resource.azurerm_cosmosdb_account)[0];
const container = (out: string): Record<string, any> => Object.values<any>(JSON.parse(out).resource.azurerm_cosmosdb_sql_container)[0];

describe('CosmosDbAccount', () => {
  const out = synth();

  it('is a NoSQL account with Entra ID only: local auth off, no key-based metadata writes', () => {
    expect(out).toHaveResourceWithProperties(CosmosdbAccount, { kind: 'GlobalDocumentDB', offer_type: 'Standard', local_authentication_disabled: true, access_key_metadata_writes_enabled: false });
  });

  it('requires TLS 1.2 and has no public network access, not even for Azure services', () => {
    expect(out).toHaveResourceWithProperties(CosmosdbAccount, { minimal_tls_version: 'Tls12', public_network_access_enabled: false, network_acl_bypass_for_azure_services: false });
  });

  it('keeps 30 days of continuous backup (point-in-time restore) by default', () => {
    expect(account(out).backup).toEqual({ type: 'Continuous', tier: 'Continuous30Days' });
  });

  it('is zone redundant in its one region by default, with session consistency', () => {
    expect(account(out).geo_location).toEqual([{ location: 'westeurope', failover_priority: 0, zone_redundant: true }]);
    expect(account(out).consistency_policy).toEqual({ consistency_level: 'Session' });
  });

  it('puts a Sql private endpoint in the subnet, registered in the zone', () => {
    expect(out).toHaveResourceWithProperties(PrivateEndpoint, {
      subnet_id: SUBNET,
      private_service_connection: expect.objectContaining({ subresource_names: ['Sql'] }),
      private_dns_zone_group: { name: 'documents', private_dns_zone_ids: ['zone-documents'] },
    });
  });

  it('creates the database and an autoscale container with its partition key', () => {
    expect(out).toHaveResourceWithProperties(CosmosdbSqlDatabase, { name: 'app' });
    expect(out).toHaveResourceWithProperties(CosmosdbSqlContainer, { name: 'items', database_name: expect.stringMatching(/azurerm_cosmosdb_sql_database\./) });
    expect(container(out)).toMatchObject({ name: 'items', partition_key_paths: ['/tenantId'], partition_key_kind: 'Hash', partition_key_version: 2, autoscale_settings: { max_throughput: 1000 } });
  });

  it('makes a hierarchical (MultiHash) key of several paths', () => {
    const s = synth({ databases: { app: { maxThroughput: 4000, containers: { events: { partitionKeyPaths: ['/tenantId', '/userId', '/sessionId'] } } } } });
    expect(container(s)).toMatchObject({ partition_key_paths: ['/tenantId', '/userId', '/sessionId'], partition_key_kind: 'MultiHash' });
    expect(container(s)).not.toHaveProperty('autoscale_settings');
    expect(s).toHaveResourceWithProperties(CosmosdbSqlDatabase, { autoscale_settings: { max_throughput: 4000 } });
  });

  it('serverless: the capability, and no throughput anywhere', () => {
    const s = synth({ serverless: true, databases: { app: { containers: { items: { partitionKeyPaths: ['/id'] } } } } });
    expect(account(s).capabilities).toEqual([{ name: 'EnableServerless' }]);
    expect(s).not.toContain('autoscale_settings');
    expect(account(out)).not.toHaveProperty('capabilities');
  });

  it('grants the built-in Data Reader (…0001) and Data Contributor (…0002) on the account to the named identities', () => {
    const s = synth({ dataReaders: { 'functions-hello': 'p-reader' }, dataContributors: { 'containers-hello': 'p-writer' } });
    expect(s).toHaveResourceWithProperties(CosmosdbSqlRoleAssignment, {
      principal_id: 'p-reader',
      role_definition_id: expect.stringMatching(/^\$\{azurerm_cosmosdb_account\..*\.id\}\/sqlRoleDefinitions\/00000000-0000-0000-0000-000000000001$/),
      scope: expect.stringMatching(/^\$\{azurerm_cosmosdb_account\..*\.id\}$/),
    });
    expect(s).toHaveResourceWithProperties(CosmosdbSqlRoleAssignment, {
      principal_id: 'p-writer',
      role_definition_id: expect.stringMatching(/sqlRoleDefinitions\/00000000-0000-0000-0000-000000000002$/),
    });
  });

  describe('refuses', () => {
    const withContainer = (c: Record<string, unknown>, db: Record<string, unknown> = {}) => ({ databases: { app: { ...db, containers: { items: { partitionKeyPaths: ['/id'], maxThroughput: 1000, ...c } } } } }) as Partial<CosmosDbAccountProps>;
    it.each([
      [{ name: 'Cosmos_Test' }, /prop name "Cosmos_Test" is not a Cosmos DB account name; use 3-44 lower-case letters/],
      [{ consistency: 'Weak' as never }, /prop consistency "Weak" is not a consistency level; use one of Strong, BoundedStaleness, Session, ConsistentPrefix, Eventual/],
      [{ backupTier: 'Periodic' as never }, /prop backupTier "Periodic" is not a continuous backup tier; use one of Continuous7Days, Continuous30Days/],
      [withContainer({ partitionKeyPaths: ['tenantId'] }), /prop databases\.app\.containers\.items\.partitionKeyPaths \["tenantId"\] has "tenantId", which is not a path; start each path with "\/"/],
      [withContainer({ partitionKeyPaths: ['/a', '/b', '/c', '/d'] }), /partitionKeyPaths .* has 4 paths; use 1 to 3/],
      [withContainer({ partitionKeyPaths: [] }), /partitionKeyPaths \[\] has 0 paths; use 1 to 3/],
      [withContainer({ partitionKeyPaths: ['/a', '/a'] }), /partitionKeyPaths .* lists a path twice/],
      [withContainer({ maxThroughput: 500 }), /prop databases\.app\.containers\.items\.maxThroughput 500 is not an autoscale maximum; use 1000 to 1000000 RU\/s in steps of 1000/],
      [withContainer({ maxThroughput: 1500 }), /maxThroughput 1500 is not an autoscale maximum; use 1000 to 1000000 RU\/s in steps of 1000/],
      [withContainer({ maxThroughput: 1_001_000 }), /maxThroughput 1001000 is not an autoscale maximum/],
      [withContainer({ maxThroughput: undefined }), /prop databases\.app\.containers\.items\.maxThroughput \(missing\) is required on a provisioned account when database app has no shared maxThroughput/],
      [{ ...withContainer({}), serverless: true }, /prop databases\.app\.containers\.items\.maxThroughput 1000 is not allowed on a serverless account/],
      [{ ...withContainer({ maxThroughput: undefined }, { maxThroughput: 2000 }), serverless: true }, /prop databases\.app\.maxThroughput 2000 is not allowed on a serverless account/],
      [withContainer({ defaultTtlSeconds: 0 }), /defaultTtlSeconds 0 is not allowed; use -1 \(per item\) or a whole number of seconds from 1/],
      [{ databases: { app: { containers: {} } } }, /prop databases\.app\.containers \{\} is empty/],
    ])('%j', (patch, message) => {
      expect(() => synth(patch)).toThrow(message);
    });
  });
});
