import type { TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { ConfigError, type ConfigProblem } from '../modules/core/config/errors';
import { type Environment, type LoadedEnvironment, loadEnvironments } from '../modules/core/config/load';
import { didYouMean } from '../modules/core/config/suggest';
import { stackName } from '../modules/core/naming';
import { HIDDEN, showValue, type ValidationError } from '../modules/core/validation-error';
import type { EnvironmentContext, EnvironmentCore } from './environment/config';
import { type BuildContext, familyDependencies, type StackFamily } from './family';
import { CONFIG_REGISTRY, STACK_FAMILIES } from './registry';
import { stateSection } from './state-backend/config';

/** What every stack of the environment is given besides its own section. */
export function environmentContext(env: Environment<EnvironmentCore>): EnvironmentContext {
  const { name, aws, gcp, azure, tags } = env.core;
  return { name, aws, gcp, azure, tags, state: env.section(stateSection) };
}

/** One stack of an environment's graph: its name, family, and the stacks it depends on. */
export interface StackNode {
  readonly name: string;
  readonly family: StackFamily<any, any>;
  readonly dependsOn: readonly string[];
}

/**
 * The environment's stacks in deploy order, with their dependencies: every registered family
 * whose section enables it.
 *
 * @throws ConfigError when an enabled family depends on one the environment turns off
 */
export function environmentStackGraph(
  env: Environment<EnvironmentCore>,
  families: readonly StackFamily<any, any>[] = STACK_FAMILIES,
): StackNode[] {
  const enabled = new Set(families.filter((f) => f.enabled(env.section(f.section), env)));
  const problems: ConfigProblem[] = [];
  const nodes: StackNode[] = [];
  const seen = new Set<StackFamily<any, any>>();
  for (const family of families) {
    seen.add(family);
    if (!enabled.has(family)) continue;
    const deps = familyDependencies(family, env.section(family.section), env);
    for (const dep of deps) {
      if (!seen.has(dep)) throw new Error(`stack family "${family.id}" is listed before "${dep.id}", which it depends on; reorder stacks/registry.ts`);
      if (!enabled.has(dep)) {
        problems.push({
          file: env.file,
          path: `${family.section.path}.enabled`,
          message: `is true, but the ${stackName(env.name, family.id)} stack needs ${stackName(env.name, dep.id)}, which is off (${dep.enabledWhen.replace(/`/g, '')}); turn it on or this off`,
        });
      }
    }
    nodes.push({ name: stackName(env.name, family.id), family, dependsOn: deps.map((d) => stackName(env.name, d.id)) });
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return nodes;
}

/**
 * Adds every stack of one environment to the app, in deploy order: a loop over the registry.
 *
 * Cross-stack values pass through props (see contracts.ts); cdktf turns them into outputs and
 * remote-state reads. Each family's declared dependencies also become `addDependency`, so
 * `cdktf deploy` runs stacks in order even where no value crosses.
 *
 * @returns the stacks, keyed by family id
 */
export function addEnvironmentStacks(
  scope: Construct,
  env: Environment<EnvironmentCore>,
  families: readonly StackFamily<any, any>[] = STACK_FAMILIES,
): Map<string, TerraformStack> {
  const environment = environmentContext(env);
  const built = new Map<StackFamily<any, any>, { stack: TerraformStack; outputs: unknown }>();
  for (const node of environmentStackGraph(env, families)) {
    const family = node.family;
    const ctx: BuildContext = {
      scope,
      name: node.name,
      environment,
      env,
      use: <T>(dep: StackFamily<any, T>): T => {
        const found = built.get(dep);
        if (!found) throw new Error(`stack family "${family.id}" uses "${dep.id}" without depending on it`);
        return found.outputs as T;
      },
    };
    const result = family.build(ctx, env.section(family.section));
    for (const dep of familyDependencies(family, env.section(family.section), env)) result.stack.addDependency(built.get(dep)!.stack);
    built.set(family, result);
  }
  return new Map([...built].map(([f, b]) => [f.id, b.stack]));
}

/**
 * Turns a construct's {@link ValidationError} raised while an environment's stacks were built
 * into a config problem: the environment file, and the config field when the prop came from the
 * stack's own section (same name), else the construct path and prop.
 */
export function buildErrorProblem(
  err: ValidationError,
  envs: readonly { file: string; config: Environment<EnvironmentCore> }[],
  families: readonly StackFamily<any, any>[] = STACK_FAMILIES,
): ConfigProblem {
  const [stack = '', ...rest] = err.constructPath.split('/');
  for (const { file, config } of envs) {
    const family = families.find((f) => stackName(config.name, f.id) === stack);
    if (!family) continue;
    const section = config.get(family.section) as Record<string, unknown> | undefined;
    const first = err.prop.split(/[.[]/)[0]!;
    const value = err.value === HIDDEN ? '(value hidden)' : showValue(err.value);
    if (section && typeof section === 'object' && first in section) {
      return { file, path: `${family.section.path}.${err.prop}`, message: `${value} ${err.allowed}` };
    }
    return { file, path: '', message: `stack ${stack}${rest.length ? `, construct ${rest.join('/')}` : ''}: prop ${err.prop} ${value} ${err.allowed}` };
  }
  return { file: err.constructPath, path: '', message: `prop ${err.prop} ${showValue(err.value)} ${err.allowed}` };
}

/** Reads and validates every environment file of `dir` against the registry's sections. */
export function loadAppEnvironments(dir?: string): LoadedEnvironment<EnvironmentCore>[] {
  return loadEnvironments(CONFIG_REGISTRY, dir);
}

/**
 * The environments to synthesize: all, or those named (unknown names are a config problem).
 *
 * @param names environment names; empty strings are ignored
 */
export function selectEnvironments<T extends { file: string; config: { name: string } }>(all: readonly T[], names: readonly string[]): T[] {
  const wanted = names.map((n) => n.trim()).filter((n) => n !== '');
  if (wanted.length === 0) return [...all];
  const known = all.map((e) => e.config.name);
  const unknown = wanted.filter((n) => !known.includes(n));
  if (unknown.length > 0) {
    throw new ConfigError(
      unknown.map((n) => ({ file: 'command line', path: '', message: `environment "${n}" does not exist${didYouMean(n, known)}; known environments: ${known.join(', ')}` })),
    );
  }
  return all.filter((e) => wanted.includes(e.config.name));
}
