import * as fs from 'node:fs';
import * as path from 'node:path';
import { type App, Testing, type TerraformStack } from 'cdktf';
import { stringify } from 'yaml';
import type { Environment } from '../../modules/core/config/load';
import { parseEnvironment } from '../../modules/core/config/load';
import { environmentContext, loadAppEnvironments } from '../../stacks';
import type { EnvironmentContext, EnvironmentCore } from '../../stacks/environment/config';
import type { BuildContext, StackFamily } from '../../stacks/family';
import { CONFIG_REGISTRY } from '../../stacks/registry';

/** A complete, valid environment file as a plain object (what YAML parsing yields). */
export function baseEnvironmentInput(name = 'test'): Record<string, any> {
  return {
    name,
    aws: { accountId: '123456789012', region: 'eu-west-1', network: { cidr: '10.0.0.0/16' } },
    gcp: {
      projectId: 'acme-test-1',
      region: 'europe-west1',
      network: {
        subnets: { main: { cidr: '10.1.0.0/20', secondaryRanges: { pods: '10.4.0.0/14', services: '10.1.16.0/20' } } },
        privateServiceAccessCidr: '10.2.0.0/16',
      },
    },
    azure: {
      subscriptionId: '00000000-0000-0000-0000-000000000000',
      location: 'westeurope',
      network: { addressSpace: '10.3.0.0/16' },
    },
    tags: { owner: 'platform-team', costCentre: 'cc-1' },
    state: { bucket: 'acme-tfstate-test', region: 'eu-west-1', lockTable: 'acme-tfstate-locks' },
  };
}

function isObject(v: unknown): v is Record<string, any> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Deep-merges `patch` into `base` (objects merge, everything else replaces). */
export function merge(base: Record<string, any>, patch: Record<string, any>): Record<string, any> {
  // A fresh tree: test files share modules (one worker runs many), so an edit of the result must
  // never reach a constant it was made from.
  const out: Record<string, any> = structuredClone(base);
  for (const [k, v] of Object.entries(patch)) out[k] = isObject(v) && isObject(out[k]) ? merge(out[k], v) : structuredClone(v);
  return out;
}

/** The file name environment problems are reported against in tests. */
export const TEST_FILE = 'config/test.yaml';

/** Parses an environment file's content as the app does (every registered section). */
export function parseTestEnvironment(input: Record<string, any>, file = TEST_FILE) {
  // Many tests build the same environment; its parse depends only on the file name and content.
  const key = `${file}\0${JSON.stringify(input)}`;
  let parsed = parsedEnvironments.get(key);
  if (!parsed) {
    parsed = parseEnvironmentText(file, stringify(input));
    parsedEnvironments.set(key, parsed);
  }
  return parsed;
}

const parsedEnvironments = new Map<string, ReturnType<typeof parseEnvironmentText>>();

/** A validated environment: the base input with `patch` merged in. Throws on invalid input. */
export function testEnvironment(patch: Record<string, any> = {}, name = 'test'): Environment<EnvironmentCore> {
  const { config, problems } = parseTestEnvironment(merge(baseEnvironmentInput(name), patch));
  if (!config) throw new Error(`test environment is invalid:\n${problems.map((p) => `${p.path} ${p.message}`).join('\n')}`);
  return config;
}

/** The context every stack of a test environment is given. */
export function testContext(patch: Record<string, any> = {}, name = 'test'): EnvironmentContext {
  return environmentContext(testEnvironment(patch, name));
}

/**
 * Builds one family's stack of a test environment the way the app does (the family's own
 * `build`), on literal outputs of the families it depends on (see helpers/outputs.ts).
 *
 * @param upstream outputs of the families it depends on, keyed by family id
 */
export function familyStack<T extends TerraformStack = TerraformStack>(
  family: StackFamily<any, any>,
  env: Environment<EnvironmentCore> = testEnvironment(),
  upstream: Record<string, unknown> = {},
  options: { app?: App; name?: string } = {},
): T {
  const ctx: BuildContext = {
    scope: options.app ?? Testing.app(),
    name: options.name ?? `${env.name}-${family.id}`,
    environment: environmentContext(env),
    env,
    use: <O>(dep: StackFamily<any, O>): O => {
      if (!(dep.id in upstream)) throw new Error(`test gives no outputs of "${dep.id}", which ${family.id} uses`);
      return upstream[dep.id] as O;
    },
  };
  return family.build(ctx, env.section(family.section)).stack as T;
}

/**
 * Problems reported for an environment file made of the base input with `patch` merged in (then
 * `edit` applied), each as `config/test.yaml: <field path> <message>`.
 */
export function environmentProblems(patch: Record<string, any>, edit?: (input: Record<string, any>) => void): string[] {
  const input = merge(baseEnvironmentInput(), patch);
  edit?.(input);
  return parseTestEnvironment(input).problems.map((p) => `${p.file}: ${p.path} ${p.message}`);
}

/** `parseEnvironment` of the app: a file's text against every registered section. */
export function parseEnvironmentText(file: string, text: string) {
  return parseEnvironment(file, text, CONFIG_REGISTRY);
}

/**
 * `loadEnvironments` of the app (every registered section). The shipped folder (config/) is read
 * once per worker while its files stay the same; any other folder every time.
 */
export function loadEnvironments(dir?: string): ReturnType<typeof loadAppEnvironments> {
  const shipped = path.resolve('config');
  if (dir !== undefined && path.resolve(dir) !== shipped) return loadAppEnvironments(dir);
  if (dir === undefined && process.env.INFRA_CONFIG_DIR && path.resolve(process.env.INFRA_CONFIG_DIR) !== shipped) return loadAppEnvironments();
  const key = fs.readdirSync(shipped).sort().map((f) => `${f}\0${fs.readFileSync(path.join(shipped, f), 'utf8')}`).join('\0');
  if (shippedMemo?.key !== key) shippedMemo = { key, envs: loadAppEnvironments(dir) };
  return shippedMemo.envs;
}

let shippedMemo: { key: string; envs: ReturnType<typeof loadAppEnvironments> } | undefined;
