import { azureDataSection } from '../../../stacks/azure-data/config';
import { APPS, azureEnvironment, azureProblems } from './azure-sections';

const data = (patch: Record<string, any>, apps: Record<string, any> = APPS) => azureProblems({ azure: { ...apps, data: { enabled: true, ...patch } } });
const F = 'config/test.yaml: azure.data';

describe('azure.data config', () => {
  it('parses from nothing: disabled, no accounts', () => {
    expect(azureEnvironment().section(azureDataSection)).toEqual({ enabled: false });
  });

  it('gives the storage account the defaults of modules/azure/storage-account.ts: ZRS, 30 days of soft delete', () => {
    expect(azureEnvironment({ azure: { data: { enabled: true, storage: {} } } }).section(azureDataSection).storage).toEqual({
      replication: 'ZRS',
      blobSoftDeleteDays: 30,
      containerSoftDeleteDays: 30,
      containers: [],
      lifecycle: [],
      readers: [],
      contributors: [],
    });
  });

  it('gives Cosmos DB the defaults of modules/azure/cosmos-db-account.ts: Session, 30 days of continuous backup, zone redundant, provisioned', () => {
    expect(azureEnvironment({ azure: { data: { enabled: true, cosmos: {} } } }).section(azureDataSection).cosmos).toEqual({
      consistency: 'Session',
      backupTier: 'Continuous30Days',
      zoneRedundant: true,
      serverless: false,
      databases: {},
      readers: [],
      contributors: [],
    });
  });

  it('accepts every field', () => {
    expect(
      data({
        resourceGroupName: 'rg-data',
        storage: {
          name: 'stdata01',
          replication: 'GRS',
          blobSoftDeleteDays: 14,
          containerSoftDeleteDays: 7,
          containers: ['uploads'],
          lifecycle: [{ name: 'age-out', prefixes: ['uploads/'], tierToCoolAfterDays: 30, tierToColdAfterDays: 60, tierToArchiveAfterDays: 90, deleteAfterDays: 365 }],
          readers: ['functions.hello'],
          contributors: ['containers.hello'],
        },
        cosmos: {
          name: 'cosmos-data-01',
          consistency: 'BoundedStaleness',
          backupTier: 'Continuous7Days',
          zoneRedundant: false,
          databases: { app: { maxThroughput: 4000, containers: { items: { partitionKeyPaths: ['/tenantId', '/userId'], defaultTtlSeconds: -1 } } } },
          readers: ['containers.hello'],
          contributors: ['functions.hello'],
        },
      }),
    ).toEqual([]);
  });

  it.each([
    [{}, `${F}.enabled true is true but there is neither storage nor cosmos`],
    [{ storage: { replication: 'RAGRS' } }, `${F}.storage.replication "RAGRS" is not allowed; allowed values: "LRS", "ZRS", "GRS", "GZRS"`],
    [{ storage: { blobSoftDeleteDays: 0 } }, `${F}.storage.blobSoftDeleteDays 0 is not allowed; use a whole number of days from 1 to 365`],
    [{ storage: { containerSoftDeleteDays: 400 } }, `${F}.storage.containerSoftDeleteDays 400 is not allowed; use a whole number of days from 1 to 365`],
    [{ storage: { containers: ['Uploads'] } }, `${F}.storage.containers[0] "Uploads" is not a container name`],
    [{ storage: { containers: ['uploads', 'uploads'] } }, `${F}.storage.containers[1] "uploads" is listed twice`],
    [{ storage: { lifecycle: [{ name: 'r', tierToCoolAfterDays: 400, deleteAfterDays: 365 }] } }, `${F}.storage.lifecycle[0].tierToCoolAfterDays 400 is not before deleteAfterDays (365); a blob cannot change tier once it is deleted`],
    [{ storage: { lifecycle: [{ name: 'r', tierToArchiveAfterDays: 90 }] } }, `${F}.storage.lifecycle[0].tierToArchiveAfterDays 90 is not possible with replication ZRS`],
    [{ storage: { readers: ['hello'] } }, `${F}.storage.readers[0] "hello" is not an app identity; use "functions.<key of azure.functions.apps>" or "containers.<key of azure.containers.apps>"`],
    [{ storage: { readers: ['functions.nope'] } }, `${F}.storage.readers[0] "functions.nope" names no app of azure.functions.apps; use one of functions.hello`],
    [{ cosmos: { consistency: 'Weak' } }, `${F}.cosmos.consistency "Weak" is not allowed; allowed values: "Strong", "BoundedStaleness", "Session", "ConsistentPrefix", "Eventual"`],
    [{ cosmos: { backupTier: 'Periodic' } }, `${F}.cosmos.backupTier "Periodic" is not allowed; allowed values: "Continuous7Days", "Continuous30Days"`],
    [{ cosmos: { databases: { app: { containers: { items: { partitionKeyPaths: ['tenantId'], maxThroughput: 1000 } } } } } }, `${F}.cosmos.databases.app.containers.items.partitionKeyPaths ["tenantId"] has "tenantId", which is not a path; start each path with "/"`],
    [{ cosmos: { databases: { app: { containers: { items: { partitionKeyPaths: ['/a', '/b', '/c', '/d'], maxThroughput: 1000 } } } } } }, `${F}.cosmos.databases.app.containers.items.partitionKeyPaths ["/a","/b","/c","/d"] has 4 paths; use 1 to 3`],
    [{ cosmos: { databases: { app: { containers: { items: { partitionKeyPaths: ['/a'], maxThroughput: 1500 } } } } } }, `${F}.cosmos.databases.app.containers.items.maxThroughput 1500 is not an autoscale maximum; use 1000 to 1000000 RU/s in steps of 1000`],
    [{ cosmos: { databases: { app: { containers: { items: { partitionKeyPaths: ['/a'] } } } } } }, `${F}.cosmos.databases.app.containers.items.maxThroughput is required on a provisioned account when database app has no shared maxThroughput`],
    [{ cosmos: { serverless: true, databases: { app: { containers: { items: { partitionKeyPaths: ['/a'], maxThroughput: 1000 } } } } } }, `${F}.cosmos.databases.app.containers.items.maxThroughput 1000 is not allowed on a serverless account`],
    [{ cosmos: { databases: { app: { containers: {} } } } }, `${F}.cosmos.databases.app.containers {} is empty`],
    [{ cosmos: { contributors: ['containers.api'] } }, `${F}.cosmos.contributors[0] "containers.api" names no app of azure.containers.apps; use one of containers.hello`],
  ])('reports %j', (patch, message) => {
    expect(data(patch)).toContainEqual(expect.stringContaining(message));
  });

  it('reports a grant to an app of a disabled section', () => {
    expect(data({ storage: { readers: ['functions.hello'] } }, {})).toContainEqual(expect.stringContaining(`${F}.storage.readers[0] "functions.hello" names an app of azure.functions, which is not enabled`));
  });
});
