import { z } from 'zod';
import { githubRepositoryProblem, subjectPartProblem } from '../../modules/core/ci/github-oidc';
import { defineSection } from '../../modules/core/config/section';

/** A string field checked by one of the github-oidc rule functions. */
function checked(problem: (v: string) => string | undefined) {
  return z.string().superRefine((v, ctx) => {
    const message = problem(v);
    if (message) ctx.addIssue({ code: 'custom', input: v, message });
  });
}

/**
 * `ci`: the cloud identities the generated CI workflow signs in with (docs/ci.md), created by the
 * `<env>-ci-identity` bootstrap stack (applied from a laptop, never by CI itself).
 */
export const CiConfigSchema = z.strictObject({
  /** Create the `<env>-ci-identity` stack. @default false */
  enabled: z.boolean().default(false),
  /** The GitHub repository whose workflows may sign in, `owner/name` (required when enabled). */
  repository: checked(githubRepositoryProblem).optional(),
  /** The branch whose pushes are applied. @default "main" */
  defaultBranch: checked(subjectPartProblem).default('main'),
  /** The GitHub environment whose jobs may apply. @default - the environment's name */
  githubEnvironment: checked(subjectPartProblem).optional(),
  /** AWS: the GitHub OIDC provider and the `<env>-ci-plan` / `<env>-ci-apply` roles. */
  aws: z
    .strictObject({
      /** Create the AWS identities (every stack's state is in S3, so CI always needs them). @default true */
      enabled: z.boolean().default(true),
      /** Create the account's GitHub OIDC provider; false when another environment of the account does. @default true */
      createOidcProvider: z.boolean().default(true),
      /** ARN of the account's existing GitHub OIDC provider (when `createOidcProvider` is false). */
      oidcProviderArn: z.string().regex(/^arn:aws[a-z-]*:iam::\d{12}:oidc-provider\/token\.actions\.githubusercontent\.com$/, {
        message: 'is not the ARN of a GitHub OIDC provider; use "arn:aws:iam::<account>:oidc-provider/token.actions.githubusercontent.com"',
      }).optional(),
      /** IAM roles, policies and instance profiles the apply role may manage have names starting with this. @default "<env>-" */
      iamNamePrefix: z.string().regex(/^[A-Za-z0-9+=,.@_-]{2,32}$/, { message: 'is not an IAM name prefix; use 2-32 of letters, digits and +=,.@_-' }).optional(),
    })
    .prefault({}),
  /** GCP: a workload identity pool `<env>-github` and the `<env>-ci-plan` / `<env>-ci-apply` service accounts. */
  gcp: z.strictObject({ /** Create the GCP identities. @default false */ enabled: z.boolean().default(false) }).prefault({}),
  /** Azure: the `<env>-ci-plan` / `<env>-ci-apply` managed identities with federated credentials, in resource group `<env>-ci`. */
  azure: z.strictObject({ /** Create the Azure identities. @default false */ enabled: z.boolean().default(false) }).prefault({}),
});

export type CiConfig = z.infer<typeof CiConfigSchema>;

/** `ci`, owned by the `ci-identity` stack family. */
export const ciSection = defineSection({
  path: 'ci',
  schema: CiConfigSchema,
  optional: true,
  check: (ci, _env, report) => {
    if (ci.enabled && ci.repository === undefined) report(['ci', 'repository'], undefined, 'is missing; ci.enabled needs the GitHub repository, e.g. "acme/infrastructure"');
    if (!ci.aws.createOidcProvider && ci.aws.oidcProviderArn === undefined) {
      report(['ci', 'aws', 'oidcProviderArn'], undefined, 'is missing; ci.aws.createOidcProvider is false, so give the ARN of the account\'s existing GitHub OIDC provider');
    }
  },
});

/** Names of the CI identities of an environment. */
export function ciIdentityNames(envName: string): { plan: string; apply: string; pool: string; resourceGroup: string } {
  return { plan: `${envName}-ci-plan`, apply: `${envName}-ci-apply`, pool: `${envName}-github`, resourceGroup: `${envName}-ci` };
}
