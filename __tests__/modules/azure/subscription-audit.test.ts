import { LogAnalyticsWorkspace } from '@cdktf/provider-azurerm/lib/log-analytics-workspace';
import { MonitorDiagnosticSetting } from '@cdktf/provider-azurerm/lib/monitor-diagnostic-setting';
import { StorageAccount } from '@cdktf/provider-azurerm/lib/storage-account';
import { StorageContainer } from '@cdktf/provider-azurerm/lib/storage-container';
import { StorageContainerImmutabilityPolicy } from '@cdktf/provider-azurerm/lib/storage-container-immutability-policy';
import { StorageManagementPolicy } from '@cdktf/provider-azurerm/lib/storage-management-policy';
import { TerraformStack, Testing } from 'cdktf';
import {
  ACTIVITY_LOG_CATEGORIES,
  SUBSCRIPTION_AUDIT_DEFAULTS,
  SUBSCRIPTION_AUDIT_LIMITS,
  SubscriptionActivityLog,
  type SubscriptionActivityLogProps,
  activityLogRetentionProblem,
} from '../../../modules/azure/subscription-audit';
import { onlyResource as only } from '../../helpers/resources';

const BASE: SubscriptionActivityLogProps = {
  subscriptionId: '00000000-0000-0000-0000-000000000000',
  resourceGroupName: 'rg-test-baseline',
  location: 'westeurope',
  storageAccountName: 'audittestabc123',
  workspaceName: 'log-test-audit',
};

function build(patch: Partial<SubscriptionActivityLogProps> = {}) {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'test');
  new SubscriptionActivityLog(stack, 'activity-log', { ...BASE, ...patch });
  const text = Testing.synth(stack);
  return { text, json: JSON.parse(text) };
}


describe('SubscriptionActivityLog', () => {
  const { text, json } = build();

  it('exports its defaults and limits', () => {
    expect(SUBSCRIPTION_AUDIT_DEFAULTS).toEqual({
      categories: ['Administrative', 'Security', 'ServiceHealth', 'Alert', 'Recommendation', 'Policy', 'Autoscale', 'ResourceHealth'],
      retentionDays: 365,
      workspaceRetentionDays: 90,
      lockImmutability: true,
      containerName: 'insights-activity-logs',
      replicationType: 'GRS',
      softDeleteDays: 7,
    });
    expect(SUBSCRIPTION_AUDIT_LIMITS).toEqual({ minRetentionDays: 1, maxRetentionDays: 146000 });
  });

  it('exports every activity log category of the subscription to the workspace and the archive account', () => {
    expect(text).toHaveResourceWithProperties(MonitorDiagnosticSetting, { target_resource_id: '/subscriptions/00000000-0000-0000-0000-000000000000' });
    const setting = only(json, 'azurerm_monitor_diagnostic_setting');
    expect(setting).toMatchObject({
      name: 'activity-log-audit',
      target_resource_id: '/subscriptions/00000000-0000-0000-0000-000000000000',
      log_analytics_workspace_id: expect.stringMatching(/^\$\{azurerm_log_analytics_workspace\.[^.]+\.id\}$/),
      storage_account_id: expect.stringMatching(/^\$\{azurerm_storage_account\.[^.]+\.id\}$/),
    });
    expect(setting.enabled_log.map((l: any) => l.category)).toEqual([
      'Administrative',
      'Security',
      'ServiceHealth',
      'Alert',
      'Recommendation',
      'Policy',
      'Autoscale',
      'ResourceHealth',
    ]);
    // Azure Monitor must find the container with its policy already in place.
    expect(setting.depends_on).toEqual([expect.stringMatching(/^azurerm_storage_container_immutability_policy\./)]);
  });

  it('keeps the log 90 days in a workspace without shared-key access', () => {
    expect(text).toHaveResourceWithProperties(LogAnalyticsWorkspace, { name: 'log-test-audit', retention_in_days: 90, local_authentication_enabled: false });
  });

  it('archives to a geo-redundant, TLS 1.2, HTTPS-only account without shared keys, public blobs or public networks', () => {
    expect(text).toHaveResourceWithProperties(StorageAccount, {
      name: 'audittestabc123',
      account_replication_type: 'GRS',
      https_traffic_only_enabled: true,
      min_tls_version: 'TLS1_2',
      allow_nested_items_to_be_public: false,
      shared_access_key_enabled: false,
      infrastructure_encryption_enabled: true,
      network_rules: { default_action: 'Deny', bypass: ['AzureServices'] },
      lifecycle: { prevent_destroy: true },
    });
  });

  it('creates the insights-activity-logs container through Resource Manager, with a locked 365-day policy for append blobs', () => {
    expect(text).toHaveResourceWithProperties(StorageContainer, { name: 'insights-activity-logs', container_access_type: 'private' });
    expect(only(json, 'azurerm_storage_container').storage_account_id).toMatch(/^\$\{azurerm_storage_account\./);
    expect(only(json, 'azurerm_storage_container').storage_account_name).toBeUndefined();
    expect(text).toHaveResourceWithProperties(StorageContainerImmutabilityPolicy, {
      immutability_period_in_days: 365,
      protected_append_writes_enabled: true,
      locked: true,
    });
  });

  it('never sets both protected-append-writes flags, which Azure rejects as mutually exclusive (@see https://learn.microsoft.com/rest/api/storagerp/blob-containers/create-or-update-immutability-policy)', () => {
    const policy = only(json, 'azurerm_storage_container_immutability_policy');
    expect(policy.protected_append_writes_all_enabled).toBeUndefined();
  });

  it('turns on infrastructure encryption only with the StorageV2 kind it requires (@see https://registry.terraform.io/providers/hashicorp/azurerm/4.55.0/docs/resources/storage_account#infrastructure_encryption_enabled)', () => {
    expect(only(json, 'azurerm_storage_account')).toMatchObject({ infrastructure_encryption_enabled: true, account_kind: 'StorageV2', account_tier: 'Standard' });
  });

  it('keeps blob versions and soft-deletes blobs and containers for 7 days', () => {
    expect(only(json, 'azurerm_storage_account').blob_properties).toEqual({
      versioning_enabled: true,
      delete_retention_policy: { days: 7 },
      container_delete_retention_policy: { days: 7 },
    });
  });

  it('deletes archived blobs and their previous versions once their immutability has run out', () => {
    const policy = only(json, 'azurerm_storage_management_policy');
    expect(policy.rule).toEqual([
      {
        name: 'expire-activity-logs',
        enabled: true,
        filters: { blob_types: ['appendBlob'], prefix_match: ['insights-activity-logs/'] },
        actions: {
          base_blob: { delete_after_days_since_creation_greater_than: 365 },
          version: { delete_after_days_since_creation: 365 },
        },
      },
    ]);
    expect(text).toHaveResourceWithProperties(StorageManagementPolicy, { storage_account_id: expect.stringMatching(/^\$\{azurerm_storage_account\./) });
  });

  it('takes a shorter, unlocked retention and fewer categories from props', () => {
    const dev = build({ retentionDays: 30, workspaceRetentionDays: 30, lockImmutability: false, categories: ['Administrative', 'Security'] });
    expect(dev.text).toHaveResourceWithProperties(StorageContainerImmutabilityPolicy, { immutability_period_in_days: 30, locked: false });
    expect(dev.text).toHaveResourceWithProperties(LogAnalyticsWorkspace, { retention_in_days: 30 });
    expect(only(dev.json, 'azurerm_storage_management_policy').rule[0].actions).toEqual({
      base_blob: { delete_after_days_since_creation_greater_than: 30 },
      version: { delete_after_days_since_creation: 30 },
    });
    expect(only(dev.json, 'azurerm_monitor_diagnostic_setting').enabled_log).toEqual([{ category: 'Administrative' }, { category: 'Security' }]);
  });

  describe('rejects', () => {
    it.each<[string, Partial<SubscriptionActivityLogProps>, RegExp]>([
      ['an unknown category', { categories: ['Audit' as any] }, /prop categories\[0\] "Audit" is not an activity log category; use Administrative, Security, .*ResourceHealth$/],
      ['no category', { categories: [] }, /prop categories \[\] must list each of Administrative/],
      ['a retention of 0 days', { retentionDays: 0 }, /prop retentionDays 0 is not allowed; use a whole number of days from 1 to 146000/],
      ['a workspace retention below 30 days', { workspaceRetentionDays: 7 }, /prop workspaceRetentionDays 7 is not allowed; use a whole number of days from 30 to 730/],
      ['a storage account name with "-"', { storageAccountName: 'audit-test' }, /prop storageAccountName "audit-test" is not a storage account name; use 3-24 lowercase letters and digits/],
    ])('%s', (_name, patch, pattern) => {
      expect(() => build(patch)).toThrow(pattern);
    });
  });

  it('exports its rules', () => {
    expect(ACTIVITY_LOG_CATEGORIES).toHaveLength(8);
    expect(activityLogRetentionProblem(146000)).toBeUndefined();
    expect(activityLogRetentionProblem(146001)).toMatch(/from 1 to 146000/);
  });
});
