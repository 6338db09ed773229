import { parse } from 'yaml';
import { z } from 'zod';
import { environmentStackGraph, loadAppEnvironments } from '../../../stacks';
import { renderCiFiles } from '../../../stacks/ci';
import { ATLANTIS_SYNTH_STEP, atlantisRepoConfig } from '../../../stacks/ci/atlantis';

/**
 * The repo-level atlantis.yaml as documented (version 3): only documented fields, with their types.
 *
 * @see https://www.runatlantis.io/docs/repo-level-atlantis-yaml.html
 * @see https://www.runatlantis.io/docs/custom-workflows.html
 */
const Requirement = z.enum(['approved', 'mergeable', 'undiverged']);
const Step = z.union([
  z.enum(['init', 'plan', 'apply', 'show', 'policy_check', 'import', 'state_rm']),
  z.strictObject({ run: z.union([z.string(), z.strictObject({ command: z.string(), output: z.enum(['show', 'hide', 'strip_refreshing']).optional(), shell: z.string().optional(), shellArgs: z.union([z.string(), z.array(z.string())]).optional() })]) }),
  z.strictObject({ init: z.strictObject({ extra_args: z.array(z.string()) }) }),
  z.strictObject({ plan: z.strictObject({ extra_args: z.array(z.string()) }) }),
  z.strictObject({ apply: z.strictObject({ extra_args: z.array(z.string()) }) }),
  z.strictObject({ env: z.strictObject({ name: z.string(), value: z.string().optional(), command: z.string().optional() }) }),
  z.strictObject({ multienv: z.string() }),
]);
const Stage = z.strictObject({ steps: z.array(Step) });
const AtlantisRepoConfig = z.strictObject({
  version: z.literal(3),
  automerge: z.boolean().optional(),
  autodiscover: z.strictObject({ mode: z.enum(['auto', 'enabled', 'disabled']), ignore_paths: z.array(z.string()).optional() }).optional(),
  delete_source_branch_on_merge: z.boolean().optional(),
  parallel_plan: z.boolean().optional(),
  parallel_apply: z.boolean().optional(),
  abort_on_execution_order_fail: z.boolean().optional(),
  allowed_regexp_prefixes: z.array(z.string()).optional(),
  projects: z.array(
    z.strictObject({
      name: z.string().regex(/^[\w.-]+$/).optional(),
      branch: z.string().optional(),
      dir: z.string(),
      workspace: z.string().optional(),
      execution_order_group: z.number().int().optional(),
      delete_source_branch_on_merge: z.boolean().optional(),
      repo_locking: z.boolean().optional(),
      repo_locks: z.strictObject({ mode: z.enum(['disabled', 'on_plan', 'on_apply']) }).optional(),
      custom_policy_check: z.boolean().optional(),
      autoplan: z.strictObject({ enabled: z.boolean(), when_modified: z.array(z.string()) }).optional(),
      plan_requirements: z.array(Requirement).optional(),
      apply_requirements: z.array(Requirement).optional(),
      import_requirements: z.array(Requirement).optional(),
      silence_pr_comments: z.array(z.enum(['plan', 'apply'])).optional(),
      terraform_version: z.string().optional(),
      depends_on: z.array(z.string()).optional(),
      workflow: z.string().optional(),
    }),
  ),
  workflows: z
    .record(
      z.string(),
      z.strictObject({ plan: Stage.optional(), apply: Stage.optional(), policy_check: Stage.optional(), import: Stage.optional(), state_rm: Stage.optional() }),
    )
    .optional(),
});
type AtlantisRepoConfig = z.infer<typeof AtlantisRepoConfig>;

const ROOT = `${__dirname}/../../..`;
/** The bootstrap families CI leaves to a laptop (literal: docs/ci.md). */
const BOOTSTRAP = ['state-backend', 'ci-identity'];
const envs = loadAppEnvironments().map((e) => e.config);
const text = renderCiFiles(envs, ROOT).get('atlantis.yaml')!;
const config = parse(text) as AtlantisRepoConfig;

describe('the generated atlantis.yaml', () => {
  it('has only the documented repo-level fields, with their documented types', () => {
    const result = AtlantisRepoConfig.safeParse(parse(text));
    expect(result.success ? [] : result.error.issues).toEqual([]);
  });

  it('is refused by that schema when a field is misspelt (the check can fail)', () => {
    expect(AtlantisRepoConfig.safeParse(parse(text.replace('depends_on:', 'dependson:'))).success).toBe(false);
  });

  it('has one project per stack of every environment but the bootstrap ones, each in its synthesized folder', () => {
    const expected = envs.flatMap((e) => environmentStackGraph(e).filter((n) => !BOOTSTRAP.includes(n.family.id)).map((n) => n.name));
    const names = config.projects.map((p) => p.name!);
    expect([...names].sort()).toEqual([...expected].sort());
    expect(new Set(names).size).toBe(names.length);
    for (const p of config.projects) expect(p.dir).toBe(`cdktf.out/stacks/${p.name}`);
  });

  it('depends on exactly the stacks the registry says, and runs in a later order group than each of them', () => {
    const group = new Map(config.projects.map((p) => [p.name!, p.execution_order_group!]));
    for (const env of envs) {
      for (const n of environmentStackGraph(env)) {
        const project = config.projects.find((p) => p.name === n.name);
        if (!project) continue;
        const deps = n.dependsOn.filter((d) => !BOOTSTRAP.some((b) => d.endsWith(`-${b}`)));
        expect({ project: n.name, depends_on: project.depends_on ?? [] }).toEqual({ project: n.name, depends_on: deps });
        for (const d of deps) expect(group.get(d)! < project.execution_order_group!).toBe(true);
      }
    }
  });

  it("autoplans a stack when its family's sources, its environment file or the shared files change", () => {
    const db = config.projects.find((p) => p.name === 'prod-aws-database')!;
    expect(db.autoplan!.enabled).toBe(true);
    expect(db.autoplan!.when_modified).toEqual(
      expect.arrayContaining(['../../../stacks/aws-database/*.ts', '../../../modules/aws/*.ts', '../../../config/prod.yaml', '../../../package-lock.json']),
    );
    expect(db.autoplan!.when_modified).not.toContain('../../../config/dev.yaml');
  });

  it('plans every project with the cdktf workflow, which synthesizes before init and plan', () => {
    for (const p of config.projects) expect(p.workflow).toBe('cdktf');
    expect(config.workflows!.cdktf!.plan!.steps).toEqual([{ run: ATLANTIS_SYNTH_STEP }, 'init', 'plan']);
    expect(ATLANTIS_SYNTH_STEP).toContain('npm run synth');
    expect(ATLANTIS_SYNTH_STEP).toContain('flock');
  });

  it('refuses a stack whose family has no known source files', () => {
    const stacks = [{ name: 'x-aws-thing', family: 'aws-thing', dependsOn: [], clouds: { gcp: false, azure: false } }];
    expect(() => atlantisRepoConfig([{ name: 'x', awsRegion: 'eu-west-1', azureSubscriptionId: '0', stacks }], new Map())).toThrow(
      'no source files known for stack family "aws-thing" (stack x-aws-thing)',
    );
  });
});
