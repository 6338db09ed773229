import { createHash } from 'node:crypto';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import { DefenderPlans } from '../../modules/azure/defender';
import { BenchmarkPolicyAssignment } from '../../modules/azure/policy-assignments';
import { SubscriptionActivityLog } from '../../modules/azure/subscription-audit';
import type { NoOutputs } from '../contracts';
import { EnvironmentStack, type EnvironmentStackProps } from '../environment-stack';
import { azurermProvider } from '../private/azurerm-provider';
import { azureTags } from '../private/providers';
import { type AzureBaselineConfig, defenderPlanSettings } from './config';

/** Props of {@link AzureBaselineStack}. */
export interface AzureBaselineStackProps extends EnvironmentStackProps {
  /** The `azure.baseline` section. */
  readonly config: AzureBaselineConfig;
}

/**
 * Default name of the archive storage account: `audit<env><6 hex>`, at most 23 characters. The
 * name is global, so a short hash of the subscription and environment keeps two subscriptions
 * with a `prod` environment apart while staying stable.
 */
export function defaultAuditStorageAccountName(env: { readonly name: string; readonly azure: { readonly subscriptionId: string } }): string {
  const suffix = createHash('sha256').update(`${env.azure.subscriptionId}/${env.name}/audit`).digest('hex').slice(0, 6);
  return `audit${env.name}${suffix}`;
}

/**
 * `<env>-azure-baseline`: the subscription's security baseline, deployed before any workload:
 * the activity log to Log Analytics and an immutable archive, Microsoft Defender for Cloud plans,
 * and the Microsoft cloud security benchmark assigned with reasoned exemptions.
 */
export class AzureBaselineStack extends EnvironmentStack {
  public readonly outputs: NoOutputs = {};
  /** The activity log export. */
  public readonly activityLog: SubscriptionActivityLog;
  /** The Defender plans. */
  public readonly defender: DefenderPlans;
  /** The benchmark assignment, when `policy.enabled`. */
  public readonly policy?: BenchmarkPolicyAssignment;

  constructor(scope: Construct, name: string, props: AzureBaselineStackProps) {
    super(scope, name, props);
    const { environment: env, config } = props;
    azurermProvider(this, env);
    const tags = azureTags(env);
    const location = env.azure.location;
    const rg = new ResourceGroup(this, 'resource-group', { name: config.resourceGroupName ?? `rg-${env.name}-baseline`, location, tags });

    this.activityLog = new SubscriptionActivityLog(this, 'activity-log', {
      subscriptionId: env.azure.subscriptionId,
      resourceGroupName: rg.name,
      location,
      storageAccountName: config.activityLog.storageAccountName ?? defaultAuditStorageAccountName(env),
      workspaceName: `log-${env.name}-audit`,
      categories: config.activityLog.categories,
      retentionDays: config.activityLog.retentionDays,
      workspaceRetentionDays: config.activityLog.workspaceRetentionDays,
      lockImmutability: config.activityLog.lockImmutability,
      tags,
    });

    this.defender = new DefenderPlans(this, 'defender', { plans: defenderPlanSettings(config) });

    if (config.policy.enabled) {
      this.policy = new BenchmarkPolicyAssignment(this, 'policy', {
        subscriptionId: env.azure.subscriptionId,
        name: `${env.name}-mcsb`,
        location,
        enforce: config.policy.enforce,
        exemptions: Object.entries(config.policy.exemptions).map(([exemptionName, e]) => ({
          name: exemptionName,
          reason: e.reason,
          category: e.category,
          policyDefinitionReferenceIds: e.policyDefinitionReferenceIds,
          expiresOn: e.expiresOn,
        })),
      });
    }

    new TerraformOutput(this, 'activity-log-workspace-id', { value: this.activityLog.workspace.workspaceId, description: 'Log Analytics workspace of the activity log' });
    new TerraformOutput(this, 'activity-log-archive-account-id', { value: this.activityLog.storageAccount.id, description: 'Storage account of the immutable activity log archive' });
  }
}
