/**
 * The third-party actions the generated workflow uses, each pinned to the full commit SHA of a
 * release tag (a tag can be moved; a commit cannot). The version is written beside each `uses:` as
 * a comment so Dependabot/Renovate can update both together.
 *
 * Each SHA was read from the action's own repository (`git rev-parse <tag>^{commit}`), except
 * azure/login's, which is taken from many independent public workflows that pin v2.3.0 to it.
 */
export const PINNED_ACTIONS = {
  checkout: { uses: 'actions/checkout', sha: '3d3c42e5aac5ba805825da76410c181273ba90b1', version: 'v7.0.1' },
  setupNode: { uses: 'actions/setup-node', sha: '820762786026740c76f36085b0efc47a31fe5020', version: 'v7.0.0' },
  uploadArtifact: { uses: 'actions/upload-artifact', sha: 'bbbca2ddaa5d8feaa63e36b76fdaad77386f024f', version: 'v7.0.0' },
  downloadArtifact: { uses: 'actions/download-artifact', sha: '3e5f45b2cfb9172054b4087a40e8e0b5a5461e7c', version: 'v8.0.1' },
  cache: { uses: 'actions/cache', sha: '27d5ce7f107fe9357f9df03efb73ab90386fccae', version: 'v5.0.5' },
  cacheRestore: { uses: 'actions/cache/restore', sha: '27d5ce7f107fe9357f9df03efb73ab90386fccae', version: 'v5.0.5' },
  setupTerraform: { uses: 'hashicorp/setup-terraform', sha: 'dfe3c3f87815947d99a8997f908cb6525fc44e9e', version: 'v4.0.1' },
  awsCredentials: { uses: 'aws-actions/configure-aws-credentials', sha: 'e6de054238d6b7531b4efff3b6587d9aade6a06c', version: 'v6.2.3' },
  gcpAuth: { uses: 'google-github-actions/auth', sha: '7c6bc770dae815cd3e89ee6cdf493a5fab2cc093', version: 'v3.0.0' },
  azureLogin: { uses: 'azure/login', sha: 'a457da9ea143d694b1b9c7c869ebb04ebe844ef5', version: 'v2.3.0' },
} as const;

/** A pinned action: `owner/repo[/path]@<sha>` and the release it is. */
export interface PinnedAction {
  readonly uses: string;
  readonly sha: string;
  readonly version: string;
}

/** The `uses:` value of a pinned action. */
export function uses(action: PinnedAction): string {
  return `${action.uses}@${action.sha}`;
}

/** Appends ` # <version>` to every `uses: <action>@<sha>` line of a rendered workflow. */
export function annotatePins(yamlText: string, actions: readonly PinnedAction[] = Object.values(PINNED_ACTIONS)): string {
  const versions = new Map(actions.map((a) => [uses(a), a.version]));
  return yamlText.replace(/^(\s*(?:- )?uses: )(\S+)$/gm, (line, prefix: string, ref: string) => {
    const version = versions.get(ref);
    return version ? `${prefix}${ref} # ${version}` : line;
  });
}
