/**
 * The GitHub Actions variables (repository variables, not secrets: none of them is a credential)
 * the workflow reads for one environment, keyed by what they hold. The `ci-identity` stack
 * outputs the same values.
 */
export function ciVariableNames(env: string): {
  awsPlanRole: string;
  awsApplyRole: string;
  gcpProvider: string;
  gcpPlanServiceAccount: string;
  gcpApplyServiceAccount: string;
  azureTenantId: string;
  azurePlanClientId: string;
  azureApplyClientId: string;
} {
  const p = env.toUpperCase();
  return {
    awsPlanRole: `${p}_AWS_PLAN_ROLE_ARN`,
    awsApplyRole: `${p}_AWS_APPLY_ROLE_ARN`,
    gcpProvider: `${p}_GCP_WORKLOAD_IDENTITY_PROVIDER`,
    gcpPlanServiceAccount: `${p}_GCP_PLAN_SERVICE_ACCOUNT`,
    gcpApplyServiceAccount: `${p}_GCP_APPLY_SERVICE_ACCOUNT`,
    azureTenantId: `${p}_AZURE_TENANT_ID`,
    azurePlanClientId: `${p}_AZURE_PLAN_CLIENT_ID`,
    azureApplyClientId: `${p}_AZURE_APPLY_CLIENT_ID`,
  };
}
