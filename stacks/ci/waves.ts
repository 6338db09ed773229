import type { StackNode } from '..';

/**
 * Families CI never plans or applies: bootstrap stacks a person applies once from a laptop,
 * before CI can run (`state-backend` creates the bucket every other stack keeps its state in, and
 * keeps its own state in a local file until `state.bootstrapStateInBucket`).
 */
export const CI_BOOTSTRAP_FAMILIES: readonly string[] = ['state-backend', 'ci-identity'];

/** The clouds a stack's plan and apply sign in to, besides AWS (every stack's state is in S3). */
export interface StackClouds {
  readonly gcp: boolean;
  readonly azure: boolean;
}

/** One stack as CI sees it: its name, family, what it needs first and the clouds it talks to. */
export interface CiStack {
  readonly name: string;
  readonly family: string;
  readonly dependsOn: readonly string[];
  readonly clouds: StackClouds;
}

/**
 * The clouds a family's stacks talk to, read from its id (`gcp-*` -> GCP, `azure-*` -> Azure).
 *
 * Family ids are `<cloud>-<concern>` (stacks/family.ts); a test synthesizes every stack and checks
 * that no provider appears that this function did not predict.
 */
export function familyClouds(familyId: string): StackClouds {
  return { gcp: familyId.startsWith('gcp-'), azure: familyId.startsWith('azure-') };
}

/**
 * The stacks of one environment that CI plans and applies: every stack of the graph but the
 * bootstrap ones, whose dependencies are dropped (they exist before CI runs).
 */
export function ciStacks(nodes: readonly Pick<StackNode, 'name' | 'family' | 'dependsOn'>[], bootstrap: readonly string[] = CI_BOOTSTRAP_FAMILIES): CiStack[] {
  const skipped = new Set(nodes.filter((n) => bootstrap.includes(n.family.id)).map((n) => n.name));
  return nodes
    .filter((n) => !skipped.has(n.name))
    .map((n) => ({ name: n.name, family: n.family.id, dependsOn: n.dependsOn.filter((d) => !skipped.has(d)), clouds: familyClouds(n.family.id) }));
}

/**
 * Splits stacks into dependency waves: wave 0 needs nothing, wave n holds the stacks whose
 * deepest dependency is in wave n - 1. Every stack of a wave can run in parallel once the waves
 * before it are done. Order within a wave is the input order (the registry's).
 *
 * @throws Error when a stack depends on one that is not in the list, or on itself through a cycle
 */
export function dependencyWaves<T extends Pick<CiStack, 'name' | 'dependsOn'>>(stacks: readonly T[]): T[][] {
  const byName = new Map(stacks.map((s) => [s.name, s]));
  const depth = new Map<string, number>();
  const visiting = new Set<string>();
  const waveOf = (stack: T): number => {
    const known = depth.get(stack.name);
    if (known !== undefined) return known;
    if (visiting.has(stack.name)) throw new Error(`stack "${stack.name}" depends on itself through ${[...visiting].join(' -> ')}`);
    visiting.add(stack.name);
    let wave = 0;
    for (const dep of stack.dependsOn) {
      const found = byName.get(dep);
      if (!found) throw new Error(`stack "${stack.name}" depends on "${dep}", which is not in the pipeline`);
      wave = Math.max(wave, waveOf(found) + 1);
    }
    visiting.delete(stack.name);
    depth.set(stack.name, wave);
    return wave;
  };
  const waves: T[][] = [];
  for (const stack of stacks) (waves[waveOf(stack)] ??= []).push(stack);
  return waves;
}
