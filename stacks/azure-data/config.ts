import { z } from 'zod';
import {
  COSMOS_BACKUP_TIERS,
  COSMOS_CONSISTENCY_LEVELS,
  COSMOS_DB_DEFAULTS,
  cosmosAccountNameProblem,
  cosmosAutoscaleProblem,
  cosmosPartitionKeyProblem,
} from '../../modules/azure/cosmos-db-account';
import { storageAccountNameProblem } from '../../modules/azure/function-app';
import {
  STORAGE_ACCOUNT_DEFAULTS,
  STORAGE_REPLICATION_TYPES,
  storageContainerNameProblem,
  storageLifecycleRuleProblems,
  storageSoftDeleteDaysProblem,
} from '../../modules/azure/storage-account';
import { defineSection, type ParsedEnvironment, type ReportProblem } from '../../modules/core/config/section';
import { ruled } from '../private/ruled';
import { appIdentityRef, checkAppIdentityRefs } from './app-identities';

const LifecycleRuleSchema = z.strictObject({
  /** Rule name (letters, digits, `-`). */
  name: z.string(),
  /** Blob prefixes, starting with the container (`uploads/`). @default - every block blob */
  prefixes: z.array(z.string().min(1)).optional(),
  /** Days since modification before the cool tier. @default - never */
  tierToCoolAfterDays: z.number().optional(),
  /** Days since modification before the cold tier. @default - never */
  tierToColdAfterDays: z.number().optional(),
  /** Days since modification before the archive tier (LRS/GRS only). @default - never */
  tierToArchiveAfterDays: z.number().optional(),
  /** Days since modification before deletion. @default - never */
  deleteAfterDays: z.number().optional(),
});

const StorageSchema = z.strictObject({
  /** Account name (global, 3-24 lower-case letters and digits). @default - `st<env><8 hex of subscription and env>` */
  name: ruled(z.string(), storageAccountNameProblem).optional(),
  /** `LRS`, `ZRS`, `GRS` or `GZRS`; prod should use GZRS (survives the region). @default ZRS */
  replication: z.enum(STORAGE_REPLICATION_TYPES).default(STORAGE_ACCOUNT_DEFAULTS.replication),
  /** Days deleted blobs stay recoverable, 1-365. @default 30 */
  blobSoftDeleteDays: ruled(z.number(), storageSoftDeleteDaysProblem).default(STORAGE_ACCOUNT_DEFAULTS.blobSoftDeleteDays),
  /** Days deleted containers stay recoverable, 1-365. @default 30 */
  containerSoftDeleteDays: ruled(z.number(), storageSoftDeleteDaysProblem).default(STORAGE_ACCOUNT_DEFAULTS.containerSoftDeleteDays),
  /** Private blob containers. @default [] */
  containers: z.array(ruled(z.string(), storageContainerNameProblem)).default([]),
  /** Lifecycle management rules (tier, then delete, by days since modification). @default [] */
  lifecycle: z.array(LifecycleRuleSchema).default([]),
  /** App identities granted `Storage Blob Data Reader`. @default [] */
  readers: z.array(appIdentityRef).default([]),
  /** App identities granted `Storage Blob Data Contributor`. @default [] */
  contributors: z.array(appIdentityRef).default([]),
});

const CosmosContainerSchema = z.strictObject({
  /** Partition key paths, each starting with "/": one, or a hierarchy of up to 3. */
  partitionKeyPaths: ruled(z.array(z.string()), cosmosPartitionKeyProblem),
  /** Autoscale maximum RU/s (1000-1000000, steps of 1000). @default - the database's shared throughput */
  maxThroughput: ruled(z.number(), cosmosAutoscaleProblem).optional(),
  /** Seconds items live (-1: per item). @default - off */
  defaultTtlSeconds: z.number().int().optional(),
});

const CosmosDatabaseSchema = z.strictObject({
  /** Autoscale maximum RU/s shared by the containers. @default - none; each container has its own */
  maxThroughput: ruled(z.number(), cosmosAutoscaleProblem).optional(),
  /** Containers keyed by name. */
  containers: z.record(z.string(), CosmosContainerSchema),
});

const CosmosSchema = z.strictObject({
  /** Account name (global, 3-44 lower-case letters, digits, `-`). @default - `cosmos-<env>-<6 hex of subscription and env>` */
  name: ruled(z.string(), cosmosAccountNameProblem).optional(),
  /** Default consistency level. @default Session */
  consistency: z.enum(COSMOS_CONSISTENCY_LEVELS).default(COSMOS_DB_DEFAULTS.consistency),
  /** Continuous backup tier (point-in-time restore window). @default Continuous30Days */
  backupTier: z.enum(COSMOS_BACKUP_TIERS).default(COSMOS_DB_DEFAULTS.backupTier),
  /** Replicas across availability zones. @default true */
  zoneRedundant: z.boolean().default(COSMOS_DB_DEFAULTS.zoneRedundant),
  /** Serverless (per request) instead of provisioned autoscale. @default false */
  serverless: z.boolean().default(COSMOS_DB_DEFAULTS.serverless),
  /** Databases keyed by name. @default {} */
  databases: z.record(z.string(), CosmosDatabaseSchema).default({}),
  /** App identities granted the built-in Cosmos DB Data Reader. @default [] */
  readers: z.array(appIdentityRef).default([]),
  /** App identities granted the built-in Cosmos DB Data Contributor. @default [] */
  contributors: z.array(appIdentityRef).default([]),
});

/**
 * `azure.data`: the application data of the `<env>-azure-data` stack: a storage account and a
 * Cosmos DB for NoSQL account, both private (private endpoints in the `app` subnet), Entra ID only.
 */
export const AzureDataConfigSchema = z.strictObject({
  /** Create the `<env>-azure-data` stack (needs `azure.network`). @default false */
  enabled: z.boolean().default(false),
  /** Resource group of the accounts. @default - `rg-<env>-data` */
  resourceGroupName: z.string().regex(/^[-\w.()]{0,89}[-\w()]$/, { message: 'is not a valid resource group name; use 1-90 letters, digits, "_", "-", "." or "()", not ending with "."' }).optional(),
  /** The data storage account. @default - none */
  storage: StorageSchema.optional(),
  /** The Cosmos DB account. @default - none */
  cosmos: CosmosSchema.optional(),
});

export type AzureDataConfig = z.infer<typeof AzureDataConfigSchema>;

/** Every app identity `azure.data` grants a role to. */
export function dataIdentityRefs(config: AzureDataConfig): string[] {
  return [...(config.storage?.readers ?? []), ...(config.storage?.contributors ?? []), ...(config.cosmos?.readers ?? []), ...(config.cosmos?.contributors ?? [])];
}

/** Checks across the fields of `azure.data`, with the rules of modules/azure/storage-account.ts and cosmos-db-account.ts. */
export function checkAzureData(config: AzureDataConfig, env: ParsedEnvironment<any>, report: ReportProblem): void {
  const root = ['azure', 'data'];
  if (config.enabled && !config.storage && !config.cosmos) {
    report([...root, 'enabled'], true, 'is true but there is neither storage nor cosmos; add azure.data.storage or azure.data.cosmos, or set enabled: false');
  }
  if (config.storage) {
    const s = config.storage;
    s.containers.forEach((c, i) => {
      if (s.containers.indexOf(c) !== i) report([...root, 'storage', 'containers', i], c, 'is listed twice; list each container once');
    });
    s.lifecycle.forEach((rule, i) => {
      for (const [field, message] of storageLifecycleRuleProblems(rule, s.replication)) report([...root, 'storage', 'lifecycle', i, field], (rule as any)[field], message);
      if (s.lifecycle.findIndex((r) => r.name === rule.name) !== i) report([...root, 'storage', 'lifecycle', i, 'name'], rule.name, 'is used twice; name each rule once');
    });
    if (config.enabled) {
      checkAppIdentityRefs(s.readers, [...root, 'storage', 'readers'], env, report);
      checkAppIdentityRefs(s.contributors, [...root, 'storage', 'contributors'], env, report);
    }
  }
  if (config.cosmos) {
    const c = config.cosmos;
    for (const [dbName, db] of Object.entries(c.databases)) {
      const at = [...root, 'cosmos', 'databases', dbName];
      if (Object.keys(db.containers).length === 0) report([...at, 'containers'], {}, 'is empty; give the database at least one container');
      if (c.serverless && db.maxThroughput !== undefined) report([...at, 'maxThroughput'], db.maxThroughput, 'is not allowed on a serverless account (it bills per request); leave it out or set serverless: false');
      for (const [name, container] of Object.entries(db.containers)) {
        if (c.serverless && container.maxThroughput !== undefined) {
          report([...at, 'containers', name, 'maxThroughput'], container.maxThroughput, 'is not allowed on a serverless account (it bills per request); leave it out or set serverless: false');
        }
        if (!c.serverless && container.maxThroughput === undefined && db.maxThroughput === undefined) {
          report([...at, 'containers', name, 'maxThroughput'], undefined, `is required on a provisioned account when database ${dbName} has no shared maxThroughput; use 1000 to 1000000 RU/s in steps of 1000, or serverless: true`);
        }
      }
    }
    if (config.enabled) {
      checkAppIdentityRefs(c.readers, [...root, 'cosmos', 'readers'], env, report);
      checkAppIdentityRefs(c.contributors, [...root, 'cosmos', 'contributors'], env, report);
    }
  }
}

/** `azure.data`, owned by the `azure-data` stack family. */
export const azureDataSection = defineSection({ path: 'azure.data', schema: AzureDataConfigSchema, optional: true, check: checkAzureData });
