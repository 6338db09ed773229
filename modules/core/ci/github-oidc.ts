/**
 * GitHub Actions OIDC tokens, as the cloud identities of CI trust them: the issuer, and the
 * subjects (`sub` claim) of the jobs allowed to plan and to apply.
 *
 * @see https://docs.github.com/en/actions/reference/security/oidc#example-subject-claims
 */

/** The issuer of GitHub Actions OIDC tokens. */
export const GITHUB_OIDC_ISSUER = 'https://token.actions.githubusercontent.com';

/** The audience AWS STS expects in the token (`configure-aws-credentials` asks for it). */
export const GITHUB_OIDC_AWS_AUDIENCE = 'sts.amazonaws.com';

/** The audience Entra ID expects for a federated credential (`azure/login` asks for it). */
export const GITHUB_OIDC_AZURE_AUDIENCE = 'api://AzureADTokenExchange';

/** A GitHub repository, `owner/name`. */
const REPOSITORY = /^[A-Za-z0-9][A-Za-z0-9-]{0,38}\/[A-Za-z0-9._-]{1,100}$/;

/** Why a repository name is not `owner/name`, or undefined. */
export function githubRepositoryProblem(repository: string): string | undefined {
  return REPOSITORY.test(repository) ? undefined : 'is not a GitHub repository; use "owner/name", e.g. "acme/infrastructure"';
}

/** Why a branch or GitHub environment name cannot appear in a subject claim, or undefined. */
export function subjectPartProblem(value: string): string | undefined {
  return /^[A-Za-z0-9._/-]{1,255}$/.test(value) && !value.includes('..') ? undefined : 'is not a branch or environment name; use letters, digits, ".", "_", "-" and "/"';
}

/**
 * The subjects CI uses: plans run on pull requests and on the default branch, outside any GitHub
 * environment; applies run only in the GitHub environment of the deployment environment (which
 * carries the approval rules).
 */
export function githubSubjects(repository: string, defaultBranch: string, environment: string): { plan: string[]; apply: string[] } {
  return {
    plan: [`repo:${repository}:pull_request`, `repo:${repository}:ref:refs/heads/${defaultBranch}`],
    apply: [`repo:${repository}:environment:${environment}`],
  };
}
