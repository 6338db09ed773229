import * as fs from 'node:fs';
import * as path from 'node:path';
import { type ComposedRoot, composeEnvironment } from './compose';
import { moduleReadme, rootReadme } from './readme';
import { type StackModule, type SynthesizedStack, stackToModule } from './stack-module';

export * from './compose';
export * from './readme';
export * from './stack-module';

/** Options for {@link buildHclModules}. */
export interface HclModulesOptions {
  /**
   * The environment a stack belongs to.
   *
   * @default - the stack name up to its first `-` (`prod-aws-network` -> `prod`)
   */
  readonly environmentOf?: (stack: string) => string;
}

/** The generated files, as paths relative to the output folder mapped to their content. */
export interface HclModulesResult {
  readonly modules: readonly StackModule[];
  readonly roots: readonly ComposedRoot[];
  readonly files: ReadonlyMap<string, string>;
}

/** The default environment of a stack: its name up to the first `-`. */
export function defaultEnvironmentOf(stack: string): string {
  const i = stack.indexOf('-');
  return i > 0 ? stack.slice(0, i) : stack;
}

/** True when every provider the module needs is `hashicorp/aws`. */
export function isAwsOnly(m: StackModule): boolean {
  return m.providers.length > 0 && m.providers.every((p) => p.source === 'hashicorp/aws');
}

/** A backend example for a composed root, from the environment's S3 stack backends. */
function backendExample(stacks: readonly SynthesizedStack[], root: string): string | undefined {
  const s3 = stacks.map((s) => (s.json.terraform?.backend as any)?.s3).find((b) => b && b.bucket);
  if (!s3) return undefined;
  const lines = [
    `    bucket       = ${JSON.stringify(s3.bucket)}`,
    `    key          = ${JSON.stringify(`${root}/composed.tfstate`)}`,
    `    region       = ${JSON.stringify(s3.region)}`,
    '    encrypt      = true',
    '    use_lockfile = true',
  ];
  return `terraform {\n  backend "s3" {\n${lines.join('\n')}\n  }\n}`;
}

/**
 * Builds every module and composed root from synthesized stacks (pure: no file access).
 *
 * Writes `modules/<stack>/{main.tf.json,README.md}` for each stack, and for each environment
 * `environments/<env>/` (all its stacks) and `environments/<env>-aws/` (only the modules that
 * need nothing but the AWS provider: what the offline mirror can check).
 */
export function buildHclModules(stacks: readonly SynthesizedStack[], options: HclModulesOptions = {}): HclModulesResult {
  const envOf = options.environmentOf ?? defaultEnvironmentOf;
  const byName = new Map(stacks.map((s) => [s.name, s]));
  const files = new Map<string, string>();
  const modules = stacks.map((s) => stackToModule(s, byName, envOf(s.name)));
  for (const m of modules) {
    files.set(`modules/${m.stack}/main.tf.json`, `${JSON.stringify(m.json, null, 2)}\n`);
    files.set(`modules/${m.stack}/README.md`, moduleReadme(m));
  }
  const roots: ComposedRoot[] = [];
  const envs = [...new Set(stacks.map((s) => envOf(s.name)))].sort();
  for (const env of envs) {
    const own = modules.filter((m) => envOf(m.stack) === env);
    const ownStacks = stacks.filter((s) => envOf(s.name) === env);
    roots.push(composeEnvironment(env, own));
    if (own.some(isAwsOnly)) roots.push(composeEnvironment(env, own, { name: `${env}-aws`, include: isAwsOnly }));
    for (const root of roots.filter((r) => r.environment === env)) {
      files.set(`environments/${root.name}/main.tf.json`, `${JSON.stringify(root.json, null, 2)}\n`);
      files.set(`environments/${root.name}/README.md`, rootReadme(root, backendExample(ownStacks, root.name)));
    }
  }
  return { modules, roots, files };
}

/**
 * The JSON stacks of an output folder (`<outdir>/stacks/<name>/cdk.tf.json`, in name order), with
 * their dependencies from the cdktf manifest. Stacks synthesized as HCL (`cdktf synth --hcl`, no
 * `cdk.tf.json`) are left out. Callers share what it returns: they must not modify it.
 */
export function readSynthesizedStacks(outdir: string): SynthesizedStack[] {
  const stacksDir = path.join(outdir, 'stacks');
  if (!fs.existsSync(stacksDir)) return [];
  const manifestFile = path.join(outdir, 'manifest.json');
  const manifest = fs.existsSync(manifestFile) ? JSON.parse(fs.readFileSync(manifestFile, 'utf8')) : undefined;
  const stacks: SynthesizedStack[] = [];
  for (const name of fs.readdirSync(stacksDir).sort()) {
    const file = path.join(stacksDir, name, 'cdk.tf.json');
    if (!fs.existsSync(file)) continue;
    stacks.push({ name, json: JSON.parse(fs.readFileSync(file, 'utf8')), dependencies: manifest?.stacks?.[name]?.dependencies ?? [] });
  }
  return stacks;
}

/**
 * Writes the modules and composed roots of an output folder's synthesized stacks beside them
 * (`<outdir>/modules/`, `<outdir>/environments/`).
 *
 * Stacks synthesized as HCL (`cdktf synth --hcl`, no `cdk.tf.json`) are skipped: the modules are
 * built from JSON.
 *
 * @param stacks the folder's stacks, when the caller has read them already
 * @default stacks - read from `<outdir>/stacks` ({@link readSynthesizedStacks})
 * @returns what was built, or undefined when there was no JSON stack
 */
export function writeHclModules(outdir: string, options: HclModulesOptions = {}, stacks: readonly SynthesizedStack[] = readSynthesizedStacks(outdir)): HclModulesResult | undefined {
  if (stacks.length === 0) return undefined;
  const result = buildHclModules(stacks, options);
  for (const [rel, content] of result.files) {
    const file = path.join(outdir, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
  return result;
}
