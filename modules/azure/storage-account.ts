import { PrivateEndpoint } from '@cdktf/provider-azurerm/lib/private-endpoint';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { StorageAccount as AzurermStorageAccount } from '@cdktf/provider-azurerm/lib/storage-account';
import { StorageContainer } from '@cdktf/provider-azurerm/lib/storage-container';
import { StorageManagementPolicy } from '@cdktf/provider-azurerm/lib/storage-management-policy';
import { Construct } from 'constructs';
import { ValidationError } from '../core/validation-error';
import { storageAccountNameProblem } from './function-app';
import { idFromKey, known } from './private/compute-rules';
import { newPrivateEndpoint } from './private/private-endpoint';

/** Replication types a data account may use (the read-access variants add a readable secondary endpoint; not offered). */
export const STORAGE_REPLICATION_TYPES = ['LRS', 'ZRS', 'GRS', 'GZRS'] as const;
/** A replication type of {@link StorageAccount}. */
export type StorageReplicationType = (typeof STORAGE_REPLICATION_TYPES)[number];

/** What {@link StorageAccount} does when a prop is left out. */
export const STORAGE_ACCOUNT_DEFAULTS = {
  /** Zone-redundant: survives a zone; prod environments should pick GZRS (survives the region). */
  replication: 'ZRS' as StorageReplicationType,
  blobSoftDeleteDays: 30,
  containerSoftDeleteDays: 30,
  allowTrustedAzureServices: false,
  /** The private DNS zone a blob private endpoint registers in. */
  blobPrivateDnsZoneName: 'privatelink.blob.core.windows.net',
} as const;

/** Limits {@link StorageAccount} checks its props against. */
export const STORAGE_ACCOUNT_LIMITS = {
  /** @see https://registry.terraform.io/providers/hashicorp/azurerm/4.55.0/docs/resources/storage_account#days-1 */
  softDeleteDays: { min: 1, max: 365 },
  /** Days of a lifecycle action (`...AfterDaysSinceModificationGreaterThan`), 0-99999. */
  lifecycleDays: { min: 0, max: 99999 },
} as const;

/** Replication types without the archive tier. @see https://learn.microsoft.com/azure/storage/blobs/access-tiers-overview#archive-access-tier */
const NO_ARCHIVE: readonly StorageReplicationType[] = ['ZRS', 'GZRS'];

/** Why a blob container name is refused (3-63 lower-case letters, digits and single `-`, starting and ending with a letter or digit). */
export function storageContainerNameProblem(name: string): string | undefined {
  return /^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$/.test(name)
    ? undefined
    : 'is not a container name; use 3-63 lower-case letters, digits and "-", starting and ending with a letter or digit, no "--"';
}

/** Why a soft-delete retention is refused, or `undefined` when it is 1-365 whole days. */
export function storageSoftDeleteDaysProblem(days: number): string | undefined {
  const { min, max } = STORAGE_ACCOUNT_LIMITS.softDeleteDays;
  return Number.isInteger(days) && days >= min && days <= max ? undefined : `is not allowed; use a whole number of days from ${min} to ${max}`;
}

/** One rule of the account's lifecycle management policy: days since a blob's last modification. */
export interface StorageLifecycleRule {
  /** Rule name (letters, digits, `-`; unique in the account). */
  readonly name: string;
  /** Blob name prefixes the rule applies to, starting with the container (`uploads/`). @default - every block blob */
  readonly prefixes?: readonly string[];
  /** Move to the cool tier after this many days. @default - never */
  readonly tierToCoolAfterDays?: number;
  /** Move to the cold tier after this many days. @default - never */
  readonly tierToColdAfterDays?: number;
  /** Move to the archive tier after this many days (not on ZRS or GZRS accounts). @default - never */
  readonly tierToArchiveAfterDays?: number;
  /** Delete after this many days. @default - never */
  readonly deleteAfterDays?: number;
}

const TIERS = ['tierToCoolAfterDays', 'tierToColdAfterDays', 'tierToArchiveAfterDays'] as const;

/**
 * The problems of one lifecycle rule: each as `[field, message]`, empty when the rule is valid.
 *
 * A rule does something; every day count is 0-99999; tiers come in order (cool, cold, archive,
 * each later than the one before); no tier change at or after the delete day (a blob already
 * deleted cannot move); no archive tier on zone-redundant accounts (Azure has none there).
 */
export function storageLifecycleRuleProblems(rule: StorageLifecycleRule, replication: StorageReplicationType): [string, string][] {
  const problems: [string, string][] = [];
  if (!/^[A-Za-z0-9-]{1,256}$/.test(rule.name)) problems.push(['name', 'is not a rule name; use letters, digits and "-"']);
  const fields = [...TIERS, 'deleteAfterDays'] as const;
  const { min, max } = STORAGE_ACCOUNT_LIMITS.lifecycleDays;
  if (fields.every((f) => rule[f] === undefined)) {
    problems.push(['deleteAfterDays', 'is missing and so is every tier; give tierToCoolAfterDays, tierToColdAfterDays, tierToArchiveAfterDays or deleteAfterDays']);
  }
  for (const f of fields) {
    const days = rule[f];
    if (days !== undefined && (!Number.isInteger(days) || days < min || days > max)) problems.push([f, `is not allowed; use a whole number of days from ${min} to ${max}`]);
  }
  const given = TIERS.filter((f) => rule[f] !== undefined);
  for (let i = 1; i < given.length; i++) {
    if (rule[given[i]!]! <= rule[given[i - 1]!]!) problems.push([given[i]!, `is not after ${given[i - 1]} (${rule[given[i - 1]!]}); tiers go cool, cold, archive, each later than the one before`]);
  }
  if (rule.deleteAfterDays !== undefined) {
    for (const f of given) {
      if (rule[f]! >= rule.deleteAfterDays) problems.push([f, `is not before deleteAfterDays (${rule.deleteAfterDays}); a blob cannot change tier once it is deleted`]);
    }
  }
  if (rule.tierToArchiveAfterDays !== undefined && NO_ARCHIVE.includes(replication)) {
    problems.push(['tierToArchiveAfterDays', `is not possible with replication ${replication} (no archive tier on zone-redundant accounts); use LRS or GRS, or tierToColdAfterDays`]);
  }
  return problems;
}

/** Props of {@link StorageAccount}. */
export interface StorageAccountProps {
  /** Account name: 3-24 lower-case letters and digits, globally unique. */
  readonly name: string;
  /** Resource group of the account. */
  readonly resourceGroupName: string;
  /** Azure location. */
  readonly location: string;
  /** `LRS`, `ZRS`, `GRS` or `GZRS` (geo-redundant variants survive the region). @default 'ZRS' */
  readonly replication?: StorageReplicationType;
  /**
   * Subnet of the blob private endpoint (not delegated). Required while the account has no
   * public endpoint (the default): it is then the only data-plane path.
   *
   * @default - none (allowed only with allowTrustedAzureServices)
   */
  readonly privateEndpointSubnetId?: string;
  /** `privatelink.blob.core.windows.net` zone (linked to the VNet) for the endpoint's record. @default - no zone group (DNS managed elsewhere) */
  readonly privateDnsZoneId?: string;
  /**
   * Keep the public endpoint on behind a firewall that denies everything but trusted Azure
   * services (`bypass = AzureServices`, no IP rules): Event Grid dead-lettering needs it.
   * Off, public network access is disabled outright.
   *
   * @default false
   */
  readonly allowTrustedAzureServices?: boolean;
  /** Days deleted blobs stay recoverable, 1-365. @default 30 */
  readonly blobSoftDeleteDays?: number;
  /** Days deleted containers stay recoverable, 1-365. @default 30 */
  readonly containerSoftDeleteDays?: number;
  /** Blob containers (all private). @default [] */
  readonly containers?: readonly string[];
  /** Lifecycle management rules. @default [] (no policy) */
  readonly lifecycleRules?: readonly StorageLifecycleRule[];
  /** Principal ids granted `Storage Blob Data Reader` on the account, keyed by a stable name (`functions-hello`). @default {} */
  readonly blobReaders?: Readonly<Record<string, string>>;
  /** Principal ids granted `Storage Blob Data Contributor` on the account, keyed by a stable name. @default {} */
  readonly blobContributors?: Readonly<Record<string, string>>;
  /** Tags on every resource. @default - none */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * A StorageV2 account for application data: private (public network access off, blob private
 * endpoint), Entra ID only (shared keys off, OAuth the portal default), TLS 1.2, HTTPS only, no
 * public containers, infrastructure (double) encryption, versioning, blob and container soft
 * delete, change feed, an optional lifecycle policy, and Entra data roles for named identities.
 *
 * With shared keys off the azurerm provider must use Entra for storage data-plane calls:
 * configure the stack's provider with `storage_use_azuread = true`. Containers and the lifecycle
 * policy are written through ARM (`storage_account_id`), so Terraform needs no network path to
 * the private account.
 *
 * @see https://registry.terraform.io/providers/hashicorp/azurerm/4.55.0/docs/resources/storage_account
 * @see https://registry.terraform.io/providers/hashicorp/azurerm/4.55.0/docs#storage_use_azuread
 * @see https://learn.microsoft.com/azure/storage/common/storage-private-endpoints
 */
export class StorageAccount extends Construct {
  /** The account. */
  public readonly resource: AzurermStorageAccount;
  /** The blob private endpoint, when a subnet was given. */
  public readonly privateEndpoint?: PrivateEndpoint;
  /** Containers keyed by name. */
  public readonly containers: Readonly<Record<string, StorageContainer>>;
  /** Resource id of the account (scope of data roles, Event Grid source). */
  public readonly accountId: string;
  /** Account name. */
  public readonly accountName: string;

  constructor(scope: Construct, id: string, props: StorageAccountProps) {
    super(scope, id);
    const D = STORAGE_ACCOUNT_DEFAULTS;
    const replication = props.replication ?? D.replication;
    const trusted = props.allowTrustedAzureServices ?? D.allowTrustedAzureServices;
    const blobDays = props.blobSoftDeleteDays ?? D.blobSoftDeleteDays;
    const containerDays = props.containerSoftDeleteDays ?? D.containerSoftDeleteDays;
    const containers = props.containers ?? [];
    const rules = props.lifecycleRules ?? [];
    this.validate(props, replication, trusted, blobDays, containerDays, containers, rules);
    const tags = props.tags ? { ...props.tags } : undefined;

    this.resource = new AzurermStorageAccount(this, 'resource', {
      name: props.name,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      accountKind: 'StorageV2',
      accountTier: 'Standard',
      accountReplicationType: replication,
      accessTier: 'Hot',
      httpsTrafficOnlyEnabled: true,
      minTlsVersion: 'TLS1_2',
      allowNestedItemsToBePublic: false,
      sharedAccessKeyEnabled: false,
      defaultToOauthAuthentication: true,
      crossTenantReplicationEnabled: false,
      localUserEnabled: false,
      sftpEnabled: false,
      infrastructureEncryptionEnabled: true,
      publicNetworkAccessEnabled: trusted,
      // Deny by default: with the public endpoint on (trusted services), only Azure services pass.
      networkRules: { defaultAction: 'Deny', bypass: trusted ? ['AzureServices'] : ['None'], ipRules: [], virtualNetworkSubnetIds: [] },
      blobProperties: {
        versioningEnabled: true,
        changeFeedEnabled: true,
        deleteRetentionPolicy: { days: blobDays },
        containerDeleteRetentionPolicy: { days: containerDays },
      },
      tags,
    });
    this.accountId = this.resource.id;
    this.accountName = this.resource.name;

    if (props.privateEndpointSubnetId !== undefined) {
      this.privateEndpoint = newPrivateEndpoint(this, 'private-endpoint', {
        name: `${props.name}-blob`,
        resourceGroupName: props.resourceGroupName,
        location: props.location,
        subnetId: props.privateEndpointSubnetId,
        targetResourceId: this.resource.id,
        subresourceName: 'blob',
        dnsZoneGroupName: 'blob',
        privateDnsZoneId: props.privateDnsZoneId,
        tags,
      });
    }

    const made: Record<string, StorageContainer> = {};
    for (const name of containers) {
      made[name] = new StorageContainer(this, `container-${name}`, {
        name,
        storageAccountId: this.resource.id,
        containerAccessType: 'private',
      });
    }
    this.containers = made;

    if (rules.length > 0) {
      new StorageManagementPolicy(this, 'lifecycle', {
        storageAccountId: this.resource.id,
        rule: rules.map((r) => ({
          name: r.name,
          enabled: true,
          filters: { blobTypes: ['blockBlob'], prefixMatch: r.prefixes ? [...r.prefixes] : undefined },
          actions: {
            baseBlob: {
              tierToCoolAfterDaysSinceModificationGreaterThan: r.tierToCoolAfterDays,
              tierToColdAfterDaysSinceModificationGreaterThan: r.tierToColdAfterDays,
              tierToArchiveAfterDaysSinceModificationGreaterThan: r.tierToArchiveAfterDays,
              deleteAfterDaysSinceModificationGreaterThan: r.deleteAfterDays,
            },
          },
        })),
      });
    }

    for (const [role, grants] of [
      ['Storage Blob Data Reader', props.blobReaders ?? {}],
      ['Storage Blob Data Contributor', props.blobContributors ?? {}],
    ] as const) {
      const slug = role === 'Storage Blob Data Reader' ? 'blob-reader' : 'blob-contributor';
      for (const [who, principalId] of Object.entries(grants)) {
        new RoleAssignment(this, `${slug}-${idFromKey(who)}`, {
          scope: this.resource.id,
          roleDefinitionName: role,
          principalId,
          principalType: 'ServicePrincipal',
          description: `${who}: ${role} on storage account ${props.name}`,
        });
      }
    }
  }

  private validate(
    props: StorageAccountProps,
    replication: StorageReplicationType,
    trusted: boolean,
    blobDays: number,
    containerDays: number,
    containers: readonly string[],
    rules: readonly StorageLifecycleRule[],
  ): void {
    if (known(props.name)) {
      const problem = storageAccountNameProblem(props.name);
      if (problem) throw new ValidationError(this, 'name', props.name, problem);
    }
    if (!(STORAGE_REPLICATION_TYPES as readonly string[]).includes(replication)) {
      throw new ValidationError(this, 'replication', replication, `is not a replication type; use one of ${STORAGE_REPLICATION_TYPES.join(', ')}`);
    }
    if (!trusted && props.privateEndpointSubnetId === undefined) {
      throw new ValidationError(this, 'privateEndpointSubnetId', undefined, 'is required: without a public endpoint the account is reached through its private endpoint only (or set allowTrustedAzureServices)');
    }
    for (const [field, days] of [['blobSoftDeleteDays', blobDays], ['containerSoftDeleteDays', containerDays]] as const) {
      const problem = known(days) ? storageSoftDeleteDaysProblem(days) : undefined;
      if (problem) throw new ValidationError(this, field, days, problem);
    }
    containers.forEach((name, i) => {
      const problem = known(name) ? storageContainerNameProblem(name) : undefined;
      if (problem) throw new ValidationError(this, `containers[${i}]`, name, problem);
      if (containers.indexOf(name) !== i) throw new ValidationError(this, `containers[${i}]`, name, 'is listed twice; list each container once');
    });
    rules.forEach((rule, i) => {
      const [problem] = storageLifecycleRuleProblems(rule, replication);
      if (problem) throw new ValidationError(this, `lifecycleRules[${i}].${problem[0]}`, (rule as any)[problem[0]], problem[1]);
      if (rules.findIndex((r) => r.name === rule.name) !== i) throw new ValidationError(this, `lifecycleRules[${i}].name`, rule.name, 'is used twice; name each rule once');
    });
  }
}
