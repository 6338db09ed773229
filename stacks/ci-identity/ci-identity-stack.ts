import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import { CiOidcRoles } from '../../modules/aws/ci-oidc-roles';
import { CiFederatedCredential } from '../../modules/azure/ci-federated-credential';
import { CiWorkloadIdentity } from '../../modules/gcp/ci-workload-identity';
import { stateKeyAliasArn } from '../../modules/state/s3-state-backend';
import { ciVariableNames } from '../ci/variables';
import { EnvironmentStack, type EnvironmentStackProps } from '../environment-stack';
import { azurermProvider } from '../private/azurerm-provider';
import { googleProvider } from '../private/google-provider';
import { awsProvider, azureTags } from '../private/providers';
import { type CiConfig, ciIdentityNames } from './config';
import { awsPartition } from '../../modules/core/regions';

/** Props of {@link CiIdentityStack}. */
export interface CiIdentityStackProps extends EnvironmentStackProps {
  /** The `ci` section. */
  readonly config: CiConfig;
}

/** The state's KMS key as an ARN (key or alias ARN), from `state.kmsKeyId` or the state key's alias. */
export function stateKmsKeyArn(env: CiIdentityStackProps['environment']): string {
  const { state, aws } = env;
  const id = state.kmsKeyId;
  const prefix = `arn:${awsPartition(state.region)}:kms:${state.region}:${aws.accountId}`;
  if (id === undefined) return stateKeyAliasArn({ bucket: state.bucket, region: state.region, accountId: aws.accountId });
  if (id.startsWith('arn:')) return id;
  return id.startsWith('alias/') ? `${prefix}:${id}` : `${prefix}:key/${id}`;
}

/**
 * `<env>-ci-identity`: the identities the generated CI workflow signs in with, one per cloud the
 * section turns on (docs/ci.md). A bootstrap stack: applied from a laptop, never by CI. Its
 * outputs are the values of the GitHub variables the workflow reads.
 */
export class CiIdentityStack extends EnvironmentStack {
  constructor(scope: Construct, name: string, props: CiIdentityStackProps) {
    super(scope, name, props);
    const { environment: env, config } = props;
    const repository = config.repository!;
    const githubEnvironment = config.githubEnvironment ?? env.name;
    const names = ciIdentityNames(env.name);
    const vars = ciVariableNames(env.name);
    const output = (id: string, variable: string, value: string) => new TerraformOutput(this, id, { value, description: `GitHub variable ${variable}` });
    awsProvider(this, env);

    if (config.aws.enabled) {
      const roles = new CiOidcRoles(this, 'aws-identity', {
        repository,
        githubEnvironment,
        defaultBranch: config.defaultBranch,
        planRoleName: names.plan,
        applyRoleName: names.apply,
        stateBucketArn: `arn:${awsPartition(env.aws.region)}:s3:::${env.state.bucket}`,
        stateKmsKeyArn: stateKmsKeyArn(env),
        ...(env.state.lockTable && env.state.locking !== 'lockfile'
          ? { stateLockTableArn: `arn:${awsPartition(env.state.region)}:dynamodb:${env.state.region}:${env.aws.accountId}:table/${env.state.lockTable}` }
          : {}),
        iamNamePrefix: config.aws.iamNamePrefix ?? `${env.name}-`,
        partition: awsPartition(env.aws.region),
        createOidcProvider: config.aws.createOidcProvider,
        ...(config.aws.oidcProviderArn ? { oidcProviderArn: config.aws.oidcProviderArn } : {}),
      });
      output('aws_plan_role_arn', vars.awsPlanRole, roles.planRole.arn);
      output('aws_apply_role_arn', vars.awsApplyRole, roles.applyRole.arn);
    }
    if (config.gcp.enabled) {
      googleProvider(this, env);
      const wif = new CiWorkloadIdentity(this, 'gcp-identity', {
        project: env.gcp.projectId,
        repository,
        githubEnvironment,
        defaultBranch: config.defaultBranch,
        poolId: names.pool,
        planAccountId: names.plan,
        applyAccountId: names.apply,
      });
      output('gcp_workload_identity_provider', vars.gcpProvider, wif.provider.name);
      output('gcp_plan_service_account', vars.gcpPlanServiceAccount, wif.planServiceAccount.email);
      output('gcp_apply_service_account', vars.gcpApplyServiceAccount, wif.applyServiceAccount.email);
    }
    if (config.azure.enabled) {
      azurermProvider(this, env);
      const tags = azureTags(env);
      const group = new ResourceGroup(this, 'azure-group', { name: names.resourceGroup, location: env.azure.location, tags });
      const fic = new CiFederatedCredential(this, 'azure-identity', {
        repository,
        githubEnvironment,
        defaultBranch: config.defaultBranch,
        resourceGroupName: group.name,
        location: env.azure.location,
        planIdentityName: names.plan,
        applyIdentityName: names.apply,
        scope: `/subscriptions/${env.azure.subscriptionId}`,
        tags,
      });
      output('azure_tenant_id', vars.azureTenantId, fic.planIdentity.tenantId);
      output('azure_plan_client_id', vars.azurePlanClientId, fic.planIdentity.clientId);
      output('azure_apply_client_id', vars.azureApplyClientId, fic.applyIdentity.clientId);
    }
  }
}
