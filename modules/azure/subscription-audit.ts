import { MonitorDiagnosticSetting } from '@cdktf/provider-azurerm/lib/monitor-diagnostic-setting';
import { StorageAccount } from '@cdktf/provider-azurerm/lib/storage-account';
import { StorageContainer } from '@cdktf/provider-azurerm/lib/storage-container';
import { StorageContainerImmutabilityPolicy } from '@cdktf/provider-azurerm/lib/storage-container-immutability-policy';
import { StorageManagementPolicy } from '@cdktf/provider-azurerm/lib/storage-management-policy';
import { Construct } from 'constructs';
import { ValidationError } from '../core/validation-error';
import { LOG_ANALYTICS_DEFAULTS, LogAnalyticsWorkspace, logAnalyticsRetentionProblem } from './log-analytics-workspace';
import { known } from './private/compute-rules';

/**
 * Categories of the subscription activity log.
 *
 * @see https://learn.microsoft.com/azure/azure-monitor/essentials/activity-log-schema#categories
 */
export const ACTIVITY_LOG_CATEGORIES = [
  'Administrative',
  'Security',
  'ServiceHealth',
  'Alert',
  'Recommendation',
  'Policy',
  'Autoscale',
  'ResourceHealth',
] as const;
export type ActivityLogCategory = (typeof ACTIVITY_LOG_CATEGORIES)[number];

/** Defaults of {@link SubscriptionActivityLog}. */
export const SUBSCRIPTION_AUDIT_DEFAULTS = {
  /** Every category of the activity log. */
  categories: ACTIVITY_LOG_CATEGORIES as readonly ActivityLogCategory[],
  /** Days each blob of the archive is immutable, then deleted (PCI DSS v4 10.5.1 asks for 12 months). */
  retentionDays: 365,
  /** Days the Log Analytics workspace keeps the log for queries. */
  workspaceRetentionDays: LOG_ANALYTICS_DEFAULTS.retentionDays,
  /** Lock the container's time-based retention policy (irreversible: the period can then only grow). */
  lockImmutability: true,
  /**
   * The container Azure Monitor writes the activity log to: its name is fixed by the service, so
   * it is created here first to carry the immutability policy.
   */
  containerName: 'insights-activity-logs',
  /** Replication of the archive account (geo-redundant: the evidence survives a region). */
  replicationType: 'GRS',
  /** Soft-delete window of blobs and containers, in days. */
  softDeleteDays: 7,
} as const;

/**
 * Limits of {@link SubscriptionActivityLog}: a container's time-based retention runs from 1 to
 * 146,000 days.
 *
 * @see https://learn.microsoft.com/azure/storage/blobs/immutable-time-based-retention-policy-overview
 */
export const SUBSCRIPTION_AUDIT_LIMITS = { minRetentionDays: 1, maxRetentionDays: 146_000 } as const;

/** Why an archive retention is refused, or `undefined` when Azure accepts it. */
export function activityLogRetentionProblem(days: number): string | undefined {
  const { minRetentionDays: min, maxRetentionDays: max } = SUBSCRIPTION_AUDIT_LIMITS;
  return Number.isInteger(days) && days >= min && days <= max
    ? undefined
    : `is not allowed; use a whole number of days from ${min} to ${max} (an immutability policy's range)`;
}

/** Why a storage account name is refused, or `undefined` when it is valid. */
export function auditStorageAccountNameProblem(name: string): string | undefined {
  return /^[a-z0-9]{3,24}$/.test(name) ? undefined : 'is not a storage account name; use 3-24 lowercase letters and digits';
}

/** Props of {@link SubscriptionActivityLog}. */
export interface SubscriptionActivityLogProps {
  /** The subscription id (a GUID) whose activity log is exported. */
  readonly subscriptionId: string;
  /** Resource group of the workspace and the archive account. */
  readonly resourceGroupName: string;
  /** Azure location of both. */
  readonly location: string;
  /** Name of the archive storage account (global, 3-24 lowercase letters and digits). */
  readonly storageAccountName: string;
  /** Name of the Log Analytics workspace. */
  readonly workspaceName: string;
  /** Name of the diagnostic setting (one of at most five on the subscription). @default 'activity-log-audit' */
  readonly diagnosticSettingName?: string;
  /** Activity log categories exported. @default - all eight */
  readonly categories?: readonly ActivityLogCategory[];
  /** Days each archived blob stays immutable, then is deleted. @default 365 */
  readonly retentionDays?: number;
  /** Days the workspace keeps the log (30-730). @default 90 */
  readonly workspaceRetentionDays?: number;
  /** Lock the immutability policy (cannot be undone). @default true */
  readonly lockImmutability?: boolean;
  /** Tags on every resource. @default - none */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * The subscription's activity log (who changed what, policy and security events) exported by an
 * Azure Monitor diagnostic setting to a Log Analytics workspace, for queries, and to a storage
 * account whose `insights-activity-logs` container has a time-based immutability policy (WORM),
 * for evidence.
 *
 * Azure Monitor appends to hourly append blobs, so the policy allows protected append writes
 * (`protected_append_writes_enabled`): blocks may be added, never changed or deleted. The account
 * also keeps blob versions and soft-deletes blobs and containers for 7 days. It takes no
 * shared keys and denies public networks; Azure Monitor writes as a trusted Microsoft
 * service (`bypass = ["AzureServices"]`), and Terraform manages the container through Resource
 * Manager (`storage_account_id`), not the data plane.
 *
 * @see https://learn.microsoft.com/azure/azure-monitor/essentials/diagnostic-settings#destination-limitations
 * @see https://registry.terraform.io/providers/hashicorp/azurerm/4.55.0/docs/resources/monitor_diagnostic_setting
 * @see https://registry.terraform.io/providers/hashicorp/azurerm/4.55.0/docs/resources/storage_container_immutability_policy
 */
export class SubscriptionActivityLog extends Construct {
  /** The workspace the log is queried in. */
  public readonly workspace: LogAnalyticsWorkspace;
  /** The archive account. */
  public readonly storageAccount: StorageAccount;
  /** The container Azure Monitor writes to. */
  public readonly container: StorageContainer;
  /** Its immutability policy. */
  public readonly immutabilityPolicy: StorageContainerImmutabilityPolicy;
  /** The subscription's diagnostic setting. */
  public readonly diagnosticSetting: MonitorDiagnosticSetting;

  constructor(scope: Construct, id: string, props: SubscriptionActivityLogProps) {
    super(scope, id);
    const categories = props.categories ?? SUBSCRIPTION_AUDIT_DEFAULTS.categories;
    const retentionDays = props.retentionDays ?? SUBSCRIPTION_AUDIT_DEFAULTS.retentionDays;
    const workspaceRetentionDays = props.workspaceRetentionDays ?? SUBSCRIPTION_AUDIT_DEFAULTS.workspaceRetentionDays;
    categories.forEach((c, i) => {
      if (!(ACTIVITY_LOG_CATEGORIES as readonly string[]).includes(c)) {
        throw new ValidationError(this, `categories[${i}]`, c, `is not an activity log category; use ${ACTIVITY_LOG_CATEGORIES.join(', ')}`);
      }
    });
    if (categories.length === 0 || new Set(categories).size !== categories.length) {
      throw new ValidationError(this, 'categories', categories, `must list each of ${ACTIVITY_LOG_CATEGORIES.join(', ')} at most once, and at least one`);
    }
    if (known(retentionDays)) {
      const problem = activityLogRetentionProblem(retentionDays);
      if (problem) throw new ValidationError(this, 'retentionDays', retentionDays, problem);
    }
    if (known(workspaceRetentionDays)) {
      const problem = logAnalyticsRetentionProblem(workspaceRetentionDays);
      if (problem) throw new ValidationError(this, 'workspaceRetentionDays', workspaceRetentionDays, problem);
    }
    if (known(props.storageAccountName)) {
      const problem = auditStorageAccountNameProblem(props.storageAccountName);
      if (problem) throw new ValidationError(this, 'storageAccountName', props.storageAccountName, problem);
    }
    const tags = props.tags ? { ...props.tags } : undefined;

    this.workspace = new LogAnalyticsWorkspace(this, 'workspace', {
      name: props.workspaceName,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      retentionDays: workspaceRetentionDays,
      tags,
    });

    this.storageAccount = new StorageAccount(this, 'archive', {
      name: props.storageAccountName,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      accountTier: 'Standard',
      accountReplicationType: SUBSCRIPTION_AUDIT_DEFAULTS.replicationType,
      accountKind: 'StorageV2',
      httpsTrafficOnlyEnabled: true,
      minTlsVersion: 'TLS1_2',
      allowNestedItemsToBePublic: false,
      sharedAccessKeyEnabled: false,
      defaultToOauthAuthentication: true,
      infrastructureEncryptionEnabled: true,
      publicNetworkAccessEnabled: true,
      networkRules: { defaultAction: 'Deny', bypass: ['AzureServices'] },
      blobProperties: {
        // Versioning sits with the container-level time-based retention policy below: Azure allows
        // account versioning next to container-level WORM (it is even the prerequisite for migrating
        // such a container to version-level WORM). The documented conflict is a container-level
        // legal hold (no versions can be generated under it), and this archive sets none. Azure
        // Monitor's Append Block writes create no version, so the hourly appends add no versions.
        // @see https://learn.microsoft.com/azure/storage/blobs/immutable-version-level-worm-policies#enablement-and-policy-setting
        // @see https://learn.microsoft.com/azure/storage/blobs/versioning-overview#versioning-on-write-operations
        versioningEnabled: true,
        deleteRetentionPolicy: { days: SUBSCRIPTION_AUDIT_DEFAULTS.softDeleteDays },
        containerDeleteRetentionPolicy: { days: SUBSCRIPTION_AUDIT_DEFAULTS.softDeleteDays },
      },
      tags,
      lifecycle: { preventDestroy: true },
    });

    this.container = new StorageContainer(this, 'container', {
      name: SUBSCRIPTION_AUDIT_DEFAULTS.containerName,
      storageAccountId: this.storageAccount.id,
      containerAccessType: 'private',
    });
    this.immutabilityPolicy = new StorageContainerImmutabilityPolicy(this, 'immutability', {
      storageContainerResourceManagerId: this.container.id,
      immutabilityPeriodInDays: retentionDays,
      // Append blobs only: `protected_append_writes_all_enabled` (block blobs too) excludes this one.
      protectedAppendWritesEnabled: true,
      locked: props.lockImmutability ?? SUBSCRIPTION_AUDIT_DEFAULTS.lockImmutability,
    });
    // Blobs are deleted once their immutability has run out (a delete before is refused anyway).
    // With versioning, a deleted blob lives on as a previous version, and lifecycle management
    // deletes no current version while previous ones exist: expire versions on the same schedule
    // (a previous version's age counts from when the blob was written).
    // @see https://learn.microsoft.com/azure/storage/blobs/lifecycle-management-policy-structure#delete-action-on-blobs-that-have-versions-and-snapshots
    new StorageManagementPolicy(this, 'expiry', {
      storageAccountId: this.storageAccount.id,
      rule: [
        {
          name: 'expire-activity-logs',
          enabled: true,
          filters: { blobTypes: ['appendBlob'], prefixMatch: [`${SUBSCRIPTION_AUDIT_DEFAULTS.containerName}/`] },
          actions: {
            baseBlob: { deleteAfterDaysSinceCreationGreaterThan: retentionDays },
            version: { deleteAfterDaysSinceCreation: retentionDays },
          },
        },
      ],
    });

    this.diagnosticSetting = new MonitorDiagnosticSetting(this, 'diagnostic-setting', {
      name: props.diagnosticSettingName ?? 'activity-log-audit',
      targetResourceId: `/subscriptions/${props.subscriptionId}`,
      logAnalyticsWorkspaceId: this.workspace.workspaceId,
      storageAccountId: this.storageAccount.id,
      enabledLog: categories.map((category) => ({ category })),
      // Azure Monitor must find the container with its policy, not create a bare one first.
      dependsOn: [this.immutabilityPolicy],
    });
  }
}
