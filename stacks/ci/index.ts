import * as path from 'node:path';
import { stringify } from 'yaml';
import type { Environment } from '../../modules/core/config/load';
import type { EnvironmentCore } from '../environment/config';
import { environmentStackGraph } from '..';
import { annotatePins } from './actions';
import { atlantisRepoConfig } from './atlantis';
import { type CiEnvironment, githubActionsWorkflow, type GithubWorkflowOptions } from './github-actions';
import { familySources } from './sources';
import { ciStacks } from './waves';

/** The files `npm run ci:generate` writes, relative to the repository root. */
export const CI_FILES = {
  githubWorkflow: '.github/workflows/infrastructure.yml',
  atlantis: 'atlantis.yaml',
} as const;

/** The command that regenerates the CI files. */
export const CI_GENERATE_COMMAND = 'npm run ci:generate';

const HEADER = `# Generated from the stack registry by \`${CI_GENERATE_COMMAND}\` (stacks/ci/): do not edit.\n# docs/ci.md explains it.\n`;

/** One environment as CI sees it: its name, AWS region, Azure subscription and CI stacks. */
export function ciEnvironment(env: Environment<EnvironmentCore>): CiEnvironment {
  return {
    name: env.name,
    awsRegion: env.core.aws.region,
    azureSubscriptionId: env.core.azure.subscriptionId,
    stacks: ciStacks(environmentStackGraph(env)),
  };
}

/** Renders a workflow or repo config object as YAML (no line folding, so shell scripts stay as written). */
export function renderYaml(doc: unknown): string {
  return stringify(doc, { lineWidth: 0, minContentWidth: 0, aliasDuplicateObjects: false });
}

/**
 * The CI files for the given environments, keyed by their path relative to `root`: the GitHub
 * Actions workflow (actions annotated with their versions) and `atlantis.yaml`.
 */
export function renderCiFiles(envs: readonly Environment<EnvironmentCore>[], root: string, options: GithubWorkflowOptions = {}): Map<string, string> {
  const ci = envs.map(ciEnvironment);
  return new Map([
    [CI_FILES.githubWorkflow, HEADER + annotatePins(renderYaml(githubActionsWorkflow(ci, options)))],
    [CI_FILES.atlantis, HEADER + renderYaml(atlantisRepoConfig(ci, familySources(path.resolve(root))))],
  ]);
}
