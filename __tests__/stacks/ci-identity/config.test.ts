import { ciSection } from '../../../stacks/ci-identity/config';
import { environmentProblems, testEnvironment } from '../../helpers/environment';

describe('ci config', () => {
  it('is off by default, with AWS on and GCP and Azure off once enabled', () => {
    expect(testEnvironment().section(ciSection)).toEqual({
      enabled: false,
      defaultBranch: 'main',
      aws: { enabled: true, createOidcProvider: true },
      gcp: { enabled: false },
      azure: { enabled: false },
    });
  });

  it('needs the repository when enabled', () => {
    expect(environmentProblems({ ci: { enabled: true } })).toContain(
      'config/test.yaml: ci.repository is missing; ci.enabled needs the GitHub repository, e.g. "acme/infrastructure"',
    );
  });

  it('needs the existing provider when it does not create one', () => {
    expect(environmentProblems({ ci: { enabled: true, repository: 'acme/infra', aws: { createOidcProvider: false } } })).toContain(
      "config/test.yaml: ci.aws.oidcProviderArn is missing; ci.aws.createOidcProvider is false, so give the ARN of the account's existing GitHub OIDC provider",
    );
  });

  it.each([
    [{ repository: 'acme' }, 'ci.repository'],
    [{ defaultBranch: 'a b' }, 'ci.defaultBranch'],
    [{ aws: { oidcProviderArn: 'arn:aws:iam::123456789012:oidc-provider/example.com' } }, 'ci.aws.oidcProviderArn'],
  ])('refuses %j at its field', (ci, field) => {
    expect(environmentProblems({ ci }).some((p) => p.startsWith(`config/test.yaml: ${field} `))).toBe(true);
  });
});
