import { ApplicationInsights } from '@cdktf/provider-azurerm/lib/application-insights';
import { LogAnalyticsWorkspace as AzurermLogAnalyticsWorkspace } from '@cdktf/provider-azurerm/lib/log-analytics-workspace';
import { Testing } from 'cdktf';
import {
  LOG_ANALYTICS_DEFAULTS,
  LogAnalyticsWorkspace,
  logAnalyticsRetentionProblem,
  type LogAnalyticsWorkspaceProps,
} from '../../../modules/azure/log-analytics-workspace';

const BASE: LogAnalyticsWorkspaceProps = { name: 'log-test', resourceGroupName: 'rg-test', location: 'westeurope' };

function synth(patch: Partial<LogAnalyticsWorkspaceProps> = {}): string {
  return Testing.synthScope((scope) => {
    new LogAnalyticsWorkspace(scope, 'log', { ...BASE, ...patch });
  });
}

describe('LogAnalyticsWorkspace', () => {
  it('keeps logs 90 days on PerGB2018 with local (shared key) auth off', () => {
    expect(LOG_ANALYTICS_DEFAULTS).toEqual({ retentionDays: 90, sku: 'PerGB2018' });
    expect(synth()).toHaveResourceWithProperties(AzurermLogAnalyticsWorkspace, {
      name: 'log-test',
      sku: 'PerGB2018',
      retention_in_days: 90,
      local_authentication_enabled: false,
    });
    expect(synth()).not.toHaveResource(ApplicationInsights);
  });

  it('takes the retention and a daily cap from props', () => {
    expect(synth({ retentionDays: 365, dailyQuotaGb: 5 })).toHaveResourceWithProperties(AzurermLogAnalyticsWorkspace, {
      retention_in_days: 365,
      daily_quota_gb: 5,
    });
  });

  it('adds a workspace-based Application Insights with local auth off', () => {
    expect(synth({ applicationInsightsName: 'appi-test' })).toHaveResourceWithProperties(ApplicationInsights, {
      name: 'appi-test',
      application_type: 'web',
      workspace_id: '${azurerm_log_analytics_workspace.log_resource_8339E420.id}',
      local_authentication_disabled: true,
    });
  });

  it.each([29, 731, 90.5])('refuses retentionDays %p', (days) => {
    expect(() => synth({ retentionDays: days })).toThrow(
      new RegExp(`prop retentionDays ${days} is not allowed; use a whole number of days from 30 to 730`),
    );
    expect(logAnalyticsRetentionProblem(days)).toMatch(/30 to 730/);
  });

  it('refuses a non-positive daily cap', () => {
    expect(() => synth({ dailyQuotaGb: 0 })).toThrow(/prop dailyQuotaGb 0 is not allowed; use a positive number of GB/);
  });
});
