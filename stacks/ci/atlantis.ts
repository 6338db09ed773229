import { SHARED_SOURCES } from './sources';
import type { CiEnvironment } from './github-actions';
import { dependencyWaves } from './waves';

/** The custom workflow every project uses. */
export const ATLANTIS_WORKFLOW = 'cdktf';

/** Where the synthesized stacks are, relative to the repository root. */
const OUT = 'cdktf.out/stacks';

/** From a project's dir (`cdktf.out/stacks/<stack>`) back to the repository root. */
const TO_ROOT = '../../..';

/**
 * Synthesizes the pull request's commit once, whichever project runs first: projects plan in
 * parallel, so the synth runs under a lock and is skipped when `cdktf.out` already holds the
 * commit (Atlantis sets `DIR`, `REPO_REL_DIR` and `HEAD_COMMIT` for `run` steps).
 */
export const ATLANTIS_SYNTH_STEP = [
  'cd "${DIR%/$REPO_REL_DIR}"',
  '&& flock .atlantis-synth.lock sh -c',
  '\'test "$(cat cdktf.out/.atlantis-commit 2>/dev/null)" = "$HEAD_COMMIT"',
  '|| { npm ci --no-audit --no-fund && npm run synth && echo "$HEAD_COMMIT" > cdktf.out/.atlantis-commit; }\'',
].join(' ');

/**
 * The repo-level `atlantis.yaml` (version 3), as a plain object: one project per stack of every
 * environment (`dir: cdktf.out/stacks/<stack>`), `depends_on` and `execution_order_group` (its
 * dependency wave) from the registry, autoplanned when the stack's family sources, its
 * environment file or the shared files change, and the `cdktf` workflow that synthesizes first.
 *
 * @param sources the repository files each family is built from, keyed by family id (stacks/ci/sources.ts)
 */
export function atlantisRepoConfig(envs: readonly CiEnvironment[], sources: ReadonlyMap<string, readonly string[]>): Record<string, unknown> {
  const projects: Record<string, unknown>[] = [];
  for (const env of envs) {
    dependencyWaves(env.stacks).forEach((wave, i) => {
      for (const stack of wave) {
        const files = sources.get(stack.family);
        if (!files || files.length === 0) throw new Error(`no source files known for stack family "${stack.family}" (stack ${stack.name}); is its family.ts under stacks/?`);
        projects.push({
          name: stack.name,
          dir: `${OUT}/${stack.name}`,
          workflow: ATLANTIS_WORKFLOW,
          execution_order_group: i + 1,
          ...(stack.dependsOn.length > 0 ? { depends_on: [...stack.dependsOn] } : {}),
          autoplan: {
            enabled: true,
            // Relative to the project's dir.
            when_modified: [...new Set([...files, `config/${env.name}.yaml`, ...SHARED_SOURCES])].map((f) => `${TO_ROOT}/${f}`),
          },
          plan_requirements: [],
          apply_requirements: ['approved', 'mergeable', 'undiverged'],
        });
      }
    });
  }
  return {
    version: 3,
    automerge: false,
    parallel_plan: true,
    parallel_apply: true,
    abort_on_execution_order_fail: true,
    projects,
    workflows: {
      [ATLANTIS_WORKFLOW]: {
        plan: { steps: [{ run: ATLANTIS_SYNTH_STEP }, 'init', 'plan'] },
        apply: { steps: ['apply'] },
      },
    },
  };
}
