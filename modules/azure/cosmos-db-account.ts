import { CosmosdbAccount } from '@cdktf/provider-azurerm/lib/cosmosdb-account';
import { CosmosdbSqlContainer } from '@cdktf/provider-azurerm/lib/cosmosdb-sql-container';
import { CosmosdbSqlDatabase } from '@cdktf/provider-azurerm/lib/cosmosdb-sql-database';
import { CosmosdbSqlRoleAssignment } from '@cdktf/provider-azurerm/lib/cosmosdb-sql-role-assignment';
import { PrivateEndpoint } from '@cdktf/provider-azurerm/lib/private-endpoint';
import { Construct } from 'constructs';
import { ValidationError } from '../core/validation-error';
import { idFromKey, known } from './private/compute-rules';
import { newPrivateEndpoint } from './private/private-endpoint';

/** Consistency levels of the NoSQL API. @see https://learn.microsoft.com/azure/cosmos-db/consistency-levels */
export const COSMOS_CONSISTENCY_LEVELS = ['Strong', 'BoundedStaleness', 'Session', 'ConsistentPrefix', 'Eventual'] as const;
/** A consistency level. */
export type CosmosConsistencyLevel = (typeof COSMOS_CONSISTENCY_LEVELS)[number];

/** Continuous backup tiers (point-in-time restore over the last 7 or 30 days). */
export const COSMOS_BACKUP_TIERS = ['Continuous7Days', 'Continuous30Days'] as const;
/** A continuous backup tier. */
export type CosmosBackupTier = (typeof COSMOS_BACKUP_TIERS)[number];

/** What {@link CosmosDbAccount} does when a prop is left out. */
export const COSMOS_DB_DEFAULTS = {
  consistency: 'Session' as CosmosConsistencyLevel,
  backupTier: 'Continuous30Days' as CosmosBackupTier,
  zoneRedundant: true,
  serverless: false,
  /** The private DNS zone a NoSQL (`Sql`) private endpoint registers in. */
  privateDnsZoneName: 'privatelink.documents.azure.com',
} as const;

/**
 * Limits of the account's databases and containers.
 *
 * @see https://learn.microsoft.com/azure/cosmos-db/provision-throughput-autoscale
 * @see https://learn.microsoft.com/azure/cosmos-db/hierarchical-partition-keys
 */
export const COSMOS_DB_LIMITS = {
  /** Autoscale maximum RU/s: 1000 to 1,000,000 in steps of 1000. */
  autoscaleMaxThroughput: { min: 1000, max: 1_000_000, step: 1000 },
  /** Paths of a (hierarchical) partition key. */
  partitionKeyPaths: { min: 1, max: 3 },
} as const;

/**
 * Built-in data-plane role definitions (ids under the account's `sqlRoleDefinitions`).
 *
 * @see https://learn.microsoft.com/azure/cosmos-db/how-to-setup-rbac#built-in-role-definitions
 */
export const COSMOS_DATA_ROLES = {
  reader: '00000000-0000-0000-0000-000000000001',
  contributor: '00000000-0000-0000-0000-000000000002',
} as const;

/** Why an account name is refused: 3-44 lower-case letters, digits and `-` (global DNS label). */
export function cosmosAccountNameProblem(name: string): string | undefined {
  return /^[a-z0-9](?:[a-z0-9-]{1,42}[a-z0-9])$/.test(name)
    ? undefined
    : `is not a Cosmos DB account name; use 3-44 lower-case letters, digits and "-", starting and ending with a letter or digit (this one has ${name.length} characters)`;
}

/** Why an autoscale maximum is refused: 1000 to 1,000,000 RU/s, a multiple of 1000. */
export function cosmosAutoscaleProblem(ru: number): string | undefined {
  const { min, max, step } = COSMOS_DB_LIMITS.autoscaleMaxThroughput;
  return Number.isInteger(ru) && ru >= min && ru <= max && ru % step === 0 ? undefined : `is not an autoscale maximum; use ${min} to ${max} RU/s in steps of ${step}`;
}

/** Why partition key paths are refused: 1-3 distinct paths, each starting with "/". */
export function cosmosPartitionKeyProblem(paths: readonly string[]): string | undefined {
  const { min, max } = COSMOS_DB_LIMITS.partitionKeyPaths;
  if (paths.length < min || paths.length > max) return `has ${paths.length} paths; use ${min} to ${max} (more than one is a hierarchical key)`;
  const bad = paths.find((p) => !/^\/[^/\s]+(\/[^/\s]+)*$/.test(p));
  if (bad !== undefined) return `has "${bad}", which is not a path; start each path with "/", e.g. "/tenantId"`;
  if (new Set(paths).size !== paths.length) return 'lists a path twice; give each path once';
  return undefined;
}

/** A container of a {@link CosmosDbAccount} database. */
export interface CosmosContainerOptions {
  /** Partition key paths: one (`/tenantId`) or a hierarchy of up to three. */
  readonly partitionKeyPaths: readonly string[];
  /** Autoscale maximum RU/s of the container (provisioned accounts). @default - the database's shared throughput */
  readonly maxThroughput?: number;
  /** Seconds items live (`-1`: on, per item). @default - off */
  readonly defaultTtlSeconds?: number;
}

/** A database of a {@link CosmosDbAccount}. */
export interface CosmosDatabaseOptions {
  /** Autoscale maximum RU/s shared by the database's containers (provisioned accounts). @default - none; each container has its own */
  readonly maxThroughput?: number;
  /** Containers keyed by name. */
  readonly containers: Readonly<Record<string, CosmosContainerOptions>>;
}

/** Props of {@link CosmosDbAccount}. */
export interface CosmosDbAccountProps {
  /** Account name (global DNS label), 3-44 characters. */
  readonly name: string;
  /** Resource group of the account. */
  readonly resourceGroupName: string;
  /** Azure location (the one write region). */
  readonly location: string;
  /** Subnet of the account's `Sql` private endpoint (not delegated). */
  readonly privateEndpointSubnetId: string;
  /** `privatelink.documents.azure.com` zone for the endpoint's records. @default - no zone group */
  readonly privateDnsZoneId?: string;
  /** Default consistency level. @default 'Session' */
  readonly consistency?: CosmosConsistencyLevel;
  /** Continuous backup tier. @default 'Continuous30Days' */
  readonly backupTier?: CosmosBackupTier;
  /** Replicas across availability zones of the region. @default true */
  readonly zoneRedundant?: boolean;
  /** Serverless (pay per request, no throughput settings) instead of provisioned autoscale. @default false */
  readonly serverless?: boolean;
  /** Databases keyed by name. @default {} */
  readonly databases?: Readonly<Record<string, CosmosDatabaseOptions>>;
  /** Principal ids granted the built-in Data Reader on the account, keyed by a stable name. @default {} */
  readonly dataReaders?: Readonly<Record<string, string>>;
  /** Principal ids granted the built-in Data Contributor on the account, keyed by a stable name. @default {} */
  readonly dataContributors?: Readonly<Record<string, string>>;
  /** Tags on every taggable resource. @default - none */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * An Azure Cosmos DB for NoSQL account: Entra ID only (local keys off, no key-based metadata
 * writes), TLS 1.2, public network access off with a `Sql` private endpoint, continuous backup
 * (point-in-time restore), zone redundant, autoscale or serverless, databases and containers with
 * (hierarchical) partition keys, and data-plane roles (built-in Data Reader / Contributor) for
 * named identities.
 *
 * Databases and containers are managed through ARM, so Terraform needs no data-plane access.
 *
 * @see https://registry.terraform.io/providers/hashicorp/azurerm/4.55.0/docs/resources/cosmosdb_account
 * @see https://registry.terraform.io/providers/hashicorp/azurerm/4.55.0/docs/resources/cosmosdb_sql_role_assignment
 * @see https://learn.microsoft.com/azure/cosmos-db/how-to-configure-private-endpoints
 * @see https://learn.microsoft.com/azure/cosmos-db/audit-control-plane-logs#disable-key-based-metadata-write-access
 */
export class CosmosDbAccount extends Construct {
  public readonly resource: CosmosdbAccount;
  public readonly privateEndpoint: PrivateEndpoint;
  /** Account resource id (scope of data-plane roles). */
  public readonly accountId: string;
  /** Document endpoint, `https://<name>.documents.azure.com:443/`. */
  public readonly endpoint: string;

  constructor(scope: Construct, id: string, props: CosmosDbAccountProps) {
    super(scope, id);
    const D = COSMOS_DB_DEFAULTS;
    const serverless = props.serverless ?? D.serverless;
    const consistency = props.consistency ?? D.consistency;
    const backupTier = props.backupTier ?? D.backupTier;
    this.validate(props, serverless, consistency, backupTier);
    const tags = props.tags ? { ...props.tags } : undefined;

    this.resource = new CosmosdbAccount(this, 'resource', {
      name: props.name,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      offerType: 'Standard',
      kind: 'GlobalDocumentDB',
      localAuthenticationDisabled: true,
      accessKeyMetadataWritesEnabled: false,
      minimalTlsVersion: 'Tls12',
      publicNetworkAccessEnabled: false,
      networkAclBypassForAzureServices: false,
      isVirtualNetworkFilterEnabled: false,
      freeTierEnabled: false,
      automaticFailoverEnabled: true,
      consistencyPolicy: { consistencyLevel: consistency },
      geoLocation: [{ location: props.location, failoverPriority: 0, zoneRedundant: props.zoneRedundant ?? D.zoneRedundant }],
      backup: { type: 'Continuous', tier: backupTier },
      capabilities: serverless ? [{ name: 'EnableServerless' }] : undefined,
      tags,
    });
    this.accountId = this.resource.id;
    this.endpoint = this.resource.endpoint;

    this.privateEndpoint = newPrivateEndpoint(this, 'private-endpoint', {
      name: props.name,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      subnetId: props.privateEndpointSubnetId,
      targetResourceId: this.resource.id,
      subresourceName: 'Sql',
      dnsZoneGroupName: 'documents',
      privateDnsZoneId: props.privateDnsZoneId,
      tags,
    });

    for (const [dbName, db] of Object.entries(props.databases ?? {})) {
      const dbKey = `database-${idFromKey(dbName)}`;
      const database = new CosmosdbSqlDatabase(this, dbKey, {
        name: dbName,
        resourceGroupName: props.resourceGroupName,
        accountName: this.resource.name,
        autoscaleSettings: db.maxThroughput !== undefined ? { maxThroughput: db.maxThroughput } : undefined,
      });
      for (const [cName, c] of Object.entries(db.containers)) {
        const hierarchical = c.partitionKeyPaths.length > 1;
        new CosmosdbSqlContainer(this, `${dbKey}-container-${idFromKey(cName)}`, {
          name: cName,
          resourceGroupName: props.resourceGroupName,
          accountName: this.resource.name,
          databaseName: database.name,
          partitionKeyPaths: [...c.partitionKeyPaths],
          partitionKeyKind: hierarchical ? 'MultiHash' : 'Hash',
          partitionKeyVersion: 2,
          autoscaleSettings: c.maxThroughput !== undefined ? { maxThroughput: c.maxThroughput } : undefined,
          defaultTtl: c.defaultTtlSeconds,
        });
      }
    }

    for (const [kind, grants] of [
      ['reader', props.dataReaders ?? {}],
      ['contributor', props.dataContributors ?? {}],
    ] as const) {
      for (const [who, principalId] of Object.entries(grants)) {
        new CosmosdbSqlRoleAssignment(this, `data-${kind}-${idFromKey(who)}`, {
          resourceGroupName: props.resourceGroupName,
          accountName: this.resource.name,
          roleDefinitionId: `${this.resource.id}/sqlRoleDefinitions/${COSMOS_DATA_ROLES[kind]}`,
          principalId,
          scope: this.resource.id,
        });
      }
    }
  }

  private validate(props: CosmosDbAccountProps, serverless: boolean, consistency: string, backupTier: string): void {
    if (known(props.name)) {
      const problem = cosmosAccountNameProblem(props.name);
      if (problem) throw new ValidationError(this, 'name', props.name, problem);
    }
    if (!(COSMOS_CONSISTENCY_LEVELS as readonly string[]).includes(consistency)) {
      throw new ValidationError(this, 'consistency', consistency, `is not a consistency level; use one of ${COSMOS_CONSISTENCY_LEVELS.join(', ')}`);
    }
    if (!(COSMOS_BACKUP_TIERS as readonly string[]).includes(backupTier)) {
      throw new ValidationError(this, 'backupTier', backupTier, `is not a continuous backup tier; use one of ${COSMOS_BACKUP_TIERS.join(', ')}`);
    }
    for (const [dbName, db] of Object.entries(props.databases ?? {})) {
      const at = `databases.${dbName}`;
      if (!/^[^/\\#?\s]{1,255}$/.test(dbName)) throw new ValidationError(this, at, dbName, 'is not a database name; use 1-255 characters without "/", "\\", "#", "?" or spaces');
      this.checkThroughput(`${at}.maxThroughput`, db.maxThroughput, serverless);
      if (Object.keys(db.containers).length === 0) throw new ValidationError(this, `${at}.containers`, {}, 'is empty; give the database at least one container');
      for (const [cName, c] of Object.entries(db.containers)) {
        const cAt = `${at}.containers.${cName}`;
        if (!/^[^/\\#?\s]{1,255}$/.test(cName)) throw new ValidationError(this, cAt, cName, 'is not a container name; use 1-255 characters without "/", "\\", "#", "?" or spaces');
        const pk = cosmosPartitionKeyProblem(c.partitionKeyPaths);
        if (pk) throw new ValidationError(this, `${cAt}.partitionKeyPaths`, c.partitionKeyPaths, pk);
        this.checkThroughput(`${cAt}.maxThroughput`, c.maxThroughput, serverless);
        if (!serverless && c.maxThroughput === undefined && db.maxThroughput === undefined) {
          throw new ValidationError(this, `${cAt}.maxThroughput`, undefined, `is required on a provisioned account when database ${dbName} has no shared maxThroughput (1000 to 1000000 RU/s in steps of 1000)`);
        }
        if (c.defaultTtlSeconds !== undefined && !(c.defaultTtlSeconds === -1 || (Number.isInteger(c.defaultTtlSeconds) && c.defaultTtlSeconds >= 1))) {
          throw new ValidationError(this, `${cAt}.defaultTtlSeconds`, c.defaultTtlSeconds, 'is not allowed; use -1 (per item) or a whole number of seconds from 1');
        }
      }
    }
  }

  private checkThroughput(at: string, ru: number | undefined, serverless: boolean): void {
    if (ru === undefined || !known(ru)) return;
    if (serverless) throw new ValidationError(this, at, ru, 'is not allowed on a serverless account (it bills per request); leave it out or set serverless: false');
    const problem = cosmosAutoscaleProblem(ru);
    if (problem) throw new ValidationError(this, at, ru, problem);
  }
}
