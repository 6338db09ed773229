import { DataAwsIamPolicyDocument, type DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { IamOpenidConnectProvider } from '@cdktf/provider-aws/lib/iam-openid-connect-provider';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { GITHUB_OIDC_AWS_AUDIENCE, GITHUB_OIDC_ISSUER, githubRepositoryProblem, githubSubjects, subjectPartProblem } from '../core/ci/github-oidc';
import { ValidationError } from '../core/validation-error';

export const CI_OIDC_ROLES_DEFAULTS = {
  defaultBranch: 'main',
  createOidcProvider: true,
  /** AWS managed policy of the plan role, read-only everywhere: what `terraform plan` needs to refresh every resource. */
  planManagedPolicyName: 'ReadOnlyAccess',
  /** AWS managed policy of the apply role: everything but IAM, Organizations and account settings; IAM is granted below, by name prefix. */
  applyManagedPolicyName: 'PowerUserAccess',
  partition: 'aws',
  maxSessionDurationSeconds: 3600,
} as const;

/** Props of {@link CiOidcRoles}. */
export interface CiOidcRolesProps {
  /** The GitHub repository whose workflows may sign in, `owner/name`. */
  readonly repository: string;
  /** The GitHub environment whose jobs may apply (the deployment environment's name). */
  readonly githubEnvironment: string;
  /** Name of the plan role. */
  readonly planRoleName: string;
  /** Name of the apply role. */
  readonly applyRoleName: string;
  /** ARN of the Terraform state bucket (both roles read it; plans write only lock files). */
  readonly stateBucketArn: string;
  /** The state's KMS key: a key ARN, or an alias ARN (`arn:aws:kms:<region>:<account>:alias/<name>`). @default - the bucket uses an AWS managed key */
  readonly stateKmsKeyArn?: string;
  /** ARN of the DynamoDB lock table, when the state uses one. @default - S3 native lock files only */
  readonly stateLockTableArn?: string;
  /** Names of the IAM roles, policies and instance profiles the apply role may manage start with this (e.g. `prod-`). */
  readonly iamNamePrefix: string;
  /** The branch whose pushes plan before applying. @default 'main' */
  readonly defaultBranch?: string;
  /** Create the account's GitHub OIDC provider (an account has one per issuer). @default true */
  readonly createOidcProvider?: boolean;
  /** ARN of the existing provider, when `createOidcProvider` is false. @default - required then */
  readonly oidcProviderArn?: string;
  /** Managed policies of the plan role. @default ['arn:<partition>:iam::aws:policy/ReadOnlyAccess'] */
  readonly planManagedPolicyArns?: readonly string[];
  /** Managed policies of the apply role. @default ['arn:<partition>:iam::aws:policy/PowerUserAccess'] */
  readonly applyManagedPolicyArns?: readonly string[];
  /** The AWS partition of the account (`aws`, `aws-cn`, `aws-us-gov`...: `awsPartition(region)`), which every ARN names. @default 'aws' */
  readonly partition?: string;
  /** Longest session of either role, in seconds (3600-43200). @default 3600 */
  readonly maxSessionDurationSeconds?: number;
  /** Tags. @default - none */
  readonly tags?: Record<string, string>;
}

/**
 * The AWS side of CI sign-in: the account's OIDC provider for GitHub Actions, a read-only plan
 * role and a scoped apply role.
 *
 * Both roles trust only tokens of the one repository with the STS audience: the plan role its
 * pull requests and its default branch, the apply role only jobs of the GitHub environment
 * (`repo:<repo>:environment:<env>`), which carries the approval rules. The apply role may manage
 * IAM only under its name prefix, and neither role may change the CI identities themselves.
 *
 * @see https://docs.github.com/en/actions/how-tos/secure-your-work/security-harden-deployments/oidc-in-aws
 * @see https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs/resources/iam_openid_connect_provider
 */
export class CiOidcRoles extends Construct {
  public readonly planRole: IamRole;
  public readonly applyRole: IamRole;
  /** ARN of the GitHub OIDC provider the roles trust. */
  public readonly oidcProviderArn: string;

  constructor(scope: Construct, id: string, props: CiOidcRolesProps) {
    super(scope, id);
    const d = CI_OIDC_ROLES_DEFAULTS;
    const defaultBranch = props.defaultBranch ?? d.defaultBranch;
    const createProvider = props.createOidcProvider ?? d.createOidcProvider;
    const maxSession = props.maxSessionDurationSeconds ?? d.maxSessionDurationSeconds;
    const repoProblem = Token.isUnresolved(props.repository) ? undefined : githubRepositoryProblem(props.repository);
    if (repoProblem) throw new ValidationError(this, 'repository', props.repository, repoProblem);
    for (const [prop, value] of [
      ['githubEnvironment', props.githubEnvironment],
      ['defaultBranch', defaultBranch],
    ] as const) {
      const problem = Token.isUnresolved(value) ? undefined : subjectPartProblem(value);
      if (problem) throw new ValidationError(this, prop, value, problem);
    }
    if (!createProvider && !props.oidcProviderArn) {
      throw new ValidationError(this, 'oidcProviderArn', props.oidcProviderArn, 'is required when createOidcProvider is false; give the ARN of the account\'s token.actions.githubusercontent.com provider');
    }
    if (!Token.isUnresolved(props.iamNamePrefix) && !/^[A-Za-z0-9+=,.@_-]{2,32}$/.test(props.iamNamePrefix)) {
      throw new ValidationError(this, 'iamNamePrefix', props.iamNamePrefix, 'is not an IAM name prefix; use 2-32 of letters, digits and +=,.@_- (e.g. "prod-")');
    }
    if (!Token.isUnresolved(maxSession) && (!Number.isInteger(maxSession) || maxSession < 3600 || maxSession > 43200)) {
      throw new ValidationError(this, 'maxSessionDurationSeconds', maxSession, 'is not allowed; use a whole number of seconds from 3600 to 43200');
    }

    const issuerHost = GITHUB_OIDC_ISSUER.replace('https://', '');
    // AWS trusts GitHub's certificate through its own CA library; the thumbprint is not used.
    const provider = createProvider
      ? new IamOpenidConnectProvider(this, 'github', { url: GITHUB_OIDC_ISSUER, clientIdList: [GITHUB_OIDC_AWS_AUDIENCE], tags: props.tags })
      : undefined;
    this.oidcProviderArn = provider?.arn ?? props.oidcProviderArn!;
    const subjects = githubSubjects(props.repository, defaultBranch, props.githubEnvironment);
    const trust = (role: 'plan' | 'apply') =>
      new DataAwsIamPolicyDocument(this, `${role}-trust`, {
        statement: [
          {
            effect: 'Allow',
            principals: [{ type: 'Federated', identifiers: [this.oidcProviderArn] }],
            actions: ['sts:AssumeRoleWithWebIdentity'],
            condition: [
              { test: 'StringEquals', variable: `${issuerHost}:aud`, values: [GITHUB_OIDC_AWS_AUDIENCE] },
              { test: 'StringEquals', variable: `${issuerHost}:sub`, values: subjects[role] },
            ],
          },
        ],
      });

    this.planRole = new IamRole(this, 'plan', {
      name: props.planRoleName,
      description: `Terraform plan from GitHub Actions of ${props.repository} (read-only)`,
      assumeRolePolicy: trust('plan').json,
      maxSessionDuration: maxSession,
      tags: props.tags,
    });
    this.applyRole = new IamRole(this, 'apply', {
      name: props.applyRoleName,
      description: `Terraform apply from the GitHub environment ${props.githubEnvironment} of ${props.repository}`,
      assumeRolePolicy: trust('apply').json,
      maxSessionDuration: maxSession,
      tags: props.tags,
    });

    const attach = (role: IamRole, kind: string, arns: readonly string[]) => {
      for (const arn of arns) new IamRolePolicyAttachment(this, `${kind}-${arn.split('/').pop()!.toLowerCase()}`, { role: role.name, policyArn: arn });
    };
    const partition = props.partition ?? d.partition;
    attach(this.planRole, 'plan', props.planManagedPolicyArns ?? [`arn:${partition}:iam::aws:policy/${d.planManagedPolicyName}`]);
    attach(this.applyRole, 'apply', props.applyManagedPolicyArns ?? [`arn:${partition}:iam::aws:policy/${d.applyManagedPolicyName}`]);

    const kms = props.stateKmsKeyArn ? [stateKeyStatement(props.stateKmsKeyArn)] : [];
    const lockTable = props.stateLockTableArn
      ? [{ effect: 'Allow', actions: ['dynamodb:DescribeTable', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:DeleteItem'], resources: [props.stateLockTableArn] }]
      : [];
    const ciIdentities = [this.planRole.arn, this.applyRole.arn, this.oidcProviderArn];
    const statements: Record<'plan' | 'apply', DataAwsIamPolicyDocumentStatement[]> = {
      plan: [
        { effect: 'Allow', actions: ['s3:ListBucket'], resources: [props.stateBucketArn] },
        { effect: 'Allow', actions: ['s3:GetObject'], resources: [`${props.stateBucketArn}/*`] },
        // `terraform plan` takes the state lock: S3 native lock files only.
        { effect: 'Allow', actions: ['s3:PutObject', 's3:DeleteObject'], resources: [`${props.stateBucketArn}/*.tflock`] },
        ...kms,
        ...lockTable,
      ],
      apply: [
        { effect: 'Allow', actions: ['s3:ListBucket'], resources: [props.stateBucketArn] },
        { effect: 'Allow', actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'], resources: [`${props.stateBucketArn}/*`] },
        ...kms,
        ...lockTable,
        {
          sid: 'IamUnderPrefix',
          effect: 'Allow',
          actions: ['iam:*'],
          resources: ['role', 'policy', 'instance-profile'].map((t) => `arn:${partition}:iam::*:${t}/${props.iamNamePrefix}*`),
        },
        { sid: 'IamRead', effect: 'Allow', actions: ['iam:Get*', 'iam:List*', 'iam:CreateServiceLinkedRole'], resources: ['*'] },
        // Never its own trust or rights: those change only through the bootstrap stack.
        { sid: 'NotTheCiIdentities', effect: 'Deny', notActions: ['iam:Get*', 'iam:List*'], resources: ciIdentities },
      ],
    };
    for (const [role, kind] of [
      [this.planRole, 'plan'],
      [this.applyRole, 'apply'],
    ] as const) {
      new IamRolePolicy(this, `${kind}-state`, {
        name: 'terraform',
        role: role.name,
        policy: new DataAwsIamPolicyDocument(this, `${kind}-policy`, { statement: statements[kind] }).json,
      });
    }
  }
}

/**
 * Use of the state's KMS key. An alias ARN cannot be an IAM resource for encryption calls, so a
 * key given by alias is matched by its alias instead (`kms:ResourceAliases`).
 *
 * @see https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-resource-aliases
 */
export function stateKeyStatement(keyOrAliasArn: string): DataAwsIamPolicyDocumentStatement {
  const actions = ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey'];
  const alias = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(alias\/.+)$/.exec(keyOrAliasArn);
  if (!alias) return { effect: 'Allow', actions, resources: [keyOrAliasArn] };
  return { effect: 'Allow', actions, resources: ['*'], condition: [{ test: 'ForAnyValue:StringEquals', variable: 'kms:ResourceAliases', values: [alias[1]!] }] };
}
