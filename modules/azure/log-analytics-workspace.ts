import { ApplicationInsights } from '@cdktf/provider-azurerm/lib/application-insights';
import { LogAnalyticsWorkspace as AzurermLogAnalyticsWorkspace } from '@cdktf/provider-azurerm/lib/log-analytics-workspace';
import { Construct } from 'constructs';
import { ValidationError } from '../core/validation-error';
import { known } from './private/compute-rules';

/** Defaults of {@link LogAnalyticsWorkspace}. */
export const LOG_ANALYTICS_DEFAULTS = {
  /** Days logs are kept (interactive retention). */
  retentionDays: 90,
  /** The pay-as-you-go SKU, the only one new workspaces should use. */
  sku: 'PerGB2018',
} as const;

/**
 * Retention the `PerGB2018` SKU accepts: 30 to 730 days.
 *
 * @see https://registry.terraform.io/providers/hashicorp/azurerm/4.55.0/docs/resources/log_analytics_workspace#retention_in_days
 */
export const LOG_ANALYTICS_RETENTION_LIMITS = { min: 30, max: 730 } as const;

/** Why a retention is refused, or `undefined` when it is allowed. */
export function logAnalyticsRetentionProblem(days: number): string | undefined {
  return Number.isInteger(days) && days >= LOG_ANALYTICS_RETENTION_LIMITS.min && days <= LOG_ANALYTICS_RETENTION_LIMITS.max
    ? undefined
    : `is not allowed; use a whole number of days from ${LOG_ANALYTICS_RETENTION_LIMITS.min} to ${LOG_ANALYTICS_RETENTION_LIMITS.max}`;
}

/** Props of {@link LogAnalyticsWorkspace}. */
export interface LogAnalyticsWorkspaceProps {
  /** Workspace name (4-63 letters, digits and `-`). */
  readonly name: string;
  /** Resource group of the workspace. */
  readonly resourceGroupName: string;
  /** Azure location. */
  readonly location: string;
  /** Days logs are kept, 30-730. @default 90 */
  readonly retentionDays?: number;
  /** Daily ingestion cap in GB; ingestion stops for the day when reached. @default - no cap */
  readonly dailyQuotaGb?: number;
  /**
   * Also create a workspace-based Application Insights component (type `web`) with this name.
   *
   * @default - none
   */
  readonly applicationInsightsName?: string;
  /** Tags on every resource. @default - none */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * A Log Analytics workspace (the sink of Container Insights, Container Apps and Functions logs),
 * optionally with a workspace-based Application Insights component.
 *
 * Local (shared key) authentication is disabled on both: agents and SDKs authenticate with
 * Microsoft Entra ID (AKS `msi_auth_for_monitoring_enabled`, Functions
 * `APPLICATIONINSIGHTS_AUTHENTICATION_STRING`). Classic (non-workspace) Application Insights is
 * retired, so the component always stores its data in this workspace.
 *
 * @see https://learn.microsoft.com/azure/azure-monitor/logs/azure-ad-authentication-logs
 * @see https://registry.terraform.io/providers/hashicorp/azurerm/4.55.0/docs/resources/application_insights
 */
export class LogAnalyticsWorkspace extends Construct {
  /** The workspace. */
  public readonly resource: AzurermLogAnalyticsWorkspace;
  /** The Application Insights component, when `applicationInsightsName` is given. */
  public readonly applicationInsights?: ApplicationInsights;
  /** Resource id of the workspace (for `log_analytics_workspace_id` arguments). */
  public readonly workspaceId: string;

  constructor(scope: Construct, id: string, props: LogAnalyticsWorkspaceProps) {
    super(scope, id);
    const retentionDays = props.retentionDays ?? LOG_ANALYTICS_DEFAULTS.retentionDays;
    if (known(retentionDays)) {
      const problem = logAnalyticsRetentionProblem(retentionDays);
      if (problem) throw new ValidationError(this, 'retentionDays', retentionDays, problem);
    }
    if (known(props.dailyQuotaGb) && !(props.dailyQuotaGb > 0)) {
      throw new ValidationError(this, 'dailyQuotaGb', props.dailyQuotaGb, 'is not allowed; use a positive number of GB, or leave it out for no cap');
    }
    const tags = props.tags ? { ...props.tags } : undefined;

    this.resource = new AzurermLogAnalyticsWorkspace(this, 'resource', {
      name: props.name,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      sku: LOG_ANALYTICS_DEFAULTS.sku,
      retentionInDays: retentionDays,
      dailyQuotaGb: props.dailyQuotaGb,
      localAuthenticationEnabled: false,
      tags,
    });
    this.workspaceId = this.resource.id;

    if (props.applicationInsightsName !== undefined) {
      this.applicationInsights = new ApplicationInsights(this, 'application-insights', {
        name: props.applicationInsightsName,
        resourceGroupName: props.resourceGroupName,
        location: props.location,
        applicationType: 'web',
        workspaceId: this.resource.id,
        localAuthenticationDisabled: true,
        tags,
      });
    }
  }
}
