import { githubRepositoryProblem, githubSubjects, subjectPartProblem } from '../../../../modules/core/ci/github-oidc';

describe('GitHub OIDC subjects', () => {
  it('plans from pull requests and the default branch, applies only from the GitHub environment', () => {
    expect(githubSubjects('acme/infra', 'main', 'prod')).toEqual({
      plan: ['repo:acme/infra:pull_request', 'repo:acme/infra:ref:refs/heads/main'],
      apply: ['repo:acme/infra:environment:prod'],
    });
  });

  it.each([
    ['acme/infra', undefined],
    ['acme/my.repo_1', undefined],
    ['acme', 'is not a GitHub repository; use "owner/name", e.g. "acme/infrastructure"'],
    ['acme/infra/x', 'is not a GitHub repository; use "owner/name", e.g. "acme/infrastructure"'],
  ])('checks the repository %s', (repo, problem) => {
    expect(githubRepositoryProblem(repo)).toBe(problem);
  });

  it.each([
    ['main', undefined],
    ['release/v1', undefined],
    ['a b', 'is not a branch or environment name; use letters, digits, ".", "_", "-" and "/"'],
    ['a..b', 'is not a branch or environment name; use letters, digits, ".", "_", "-" and "/"'],
  ])('checks the subject part %s', (value, problem) => {
    expect(subjectPartProblem(value)).toBe(problem);
  });
});
