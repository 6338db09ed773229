/**
 * `npm run deploy -- <stack>` / `npm run diff -- <stack>`: the real cdktf CLI, for one stack.
 *
 * `cdktf deploy <stack>` alone refuses a stack whose dependencies are not deployed in the same
 * run, prints `getaddrinfo ENOTFOUND checkpoint-api...` on every command, and fails offline at
 * `terraform providers lock`. This wrapper:
 *
 * 1. synthesizes once (the app command of cdktf.json, into its `output` folder);
 * 2. checks that every stack the target depends on has a state with the outputs the target
 *    reads (a scratch folder holding only the dependency's backend block: `terraform init`, then
 *    `terraform state pull`; no providers needed), and refuses with the command to run first;
 * 3. runs `cdktf deploy|diff <stack> --skip-synth --ignore-missing-stack-dependencies` with
 *    `CHECKPOINT_DISABLE=1`, and offline (`--offline` or `INFRA_OFFLINE=1`) with
 *    `TF_CLI_CONFIG_FILE` set to the repository's terraform.rc and `--skip-provider-lock`.
 *
 * Other arguments (`--auto-approve`, `--var`...) are passed to cdktf. `--no-dependency-check`
 * skips step 2.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cliConfigFor, findMirror } from './lib/offline-terraform';

const ROOT = path.resolve(__dirname, '..');

/** Parsed command line. */
export interface DeployArgs {
  readonly command: 'deploy' | 'diff';
  readonly stack: string;
  readonly offline: boolean;
  readonly dependencyCheck: boolean;
  /** Arguments passed on to cdktf. */
  readonly passThrough: readonly string[];
}

/** Parses `deploy|diff <stack> [--offline] [--no-dependency-check] [cdktf args]`. */
export function parseArgs(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): DeployArgs {
  const [command, ...rest] = argv;
  if (command !== 'deploy' && command !== 'diff') throw new UsageError(`unknown command "${command ?? ''}": use deploy or diff`);
  const stacks = rest.filter((a, i) => !a.startsWith('-') && !(i > 0 && /^--(var|var-file|outputs-file|parallelism|terraform-parallelism)$/.test(rest[i - 1]!)));
  if (stacks.length !== 1) {
    throw new UsageError(
      `give exactly one stack (got ${stacks.length === 0 ? 'none' : stacks.join(', ')}): npm run ${command} -- <stack>; list them with npx cdktf list`,
    );
  }
  return {
    command,
    stack: stacks[0]!,
    offline: rest.includes('--offline') || env.INFRA_OFFLINE === '1',
    dependencyCheck: !rest.includes('--no-dependency-check'),
    passThrough: rest.filter((a) => a !== stacks[0] && a !== '--offline' && a !== '--no-dependency-check'),
  };
}

/** A wrong command line. */
export class UsageError extends Error {}

/** cdktf.json of the app in `cwd`: its app command and output folder. */
function appConfig(cwd: string): { app: string; output: string } {
  const file = path.join(cwd, 'cdktf.json');
  if (!fs.existsSync(file)) throw new UsageError(`no cdktf.json in ${cwd}: run from the project folder`);
  const json = JSON.parse(fs.readFileSync(file, 'utf8'));
  return { app: json.app, output: json.output ?? 'cdktf.out' };
}

/** The outputs of `producer` that `consumerJson` reads through cdktf's remote-state references. */
export function outputsRead(consumerJson: string, producer: string): string[] {
  const re = new RegExp(`data\\.terraform_remote_state\\.cross-stack-reference-input-${producer.replace(/[-/\\^$*+?.()|[\]{}]/g, '\\$&')}\\.outputs\\.([A-Za-z0-9_-]+)`, 'g');
  return [...new Set([...consumerJson.matchAll(re)].map((m) => m[1]!))].sort();
}

/**
 * What is missing before `stack` can be planned: one sentence per dependency whose state is
 * absent or lacks an output the stack reads.
 *
 * @param pullState returns a dependency's state (`terraform state pull`), or undefined when there is none
 */
export function dependencyProblems(
  outdir: string,
  stack: string,
  pullState: (dependency: string) => { outputs?: Record<string, unknown> } | undefined,
  runHint: (dependency: string) => string,
): string[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8'));
  const entry = manifest.stacks?.[stack];
  if (!entry) throw new UsageError(`no stack "${stack}" in ${outdir}; stacks: ${Object.keys(manifest.stacks ?? {}).sort().join(', ')}`);
  const consumer = fs.readFileSync(path.join(outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8');
  const problems: string[] = [];
  for (const dep of (entry.dependencies ?? []) as string[]) {
    const state = pullState(dep);
    const read = outputsRead(consumer, dep);
    if (!state) {
      problems.push(`${dep} has no state yet; ${stack} reads ${read.length} of its outputs. Deploy it first: ${runHint(dep)}`);
      continue;
    }
    const missing = read.filter((o) => !(o in (state.outputs ?? {})));
    if (missing.length > 0) {
      problems.push(`${dep}'s state lacks outputs ${stack} reads (${missing.join(', ')}); deploy it again: ${runHint(dep)}`);
    }
  }
  return problems;
}

/**
 * Reads a stack's state through its own backend, without its providers: a scratch folder
 * holding only the backend block, `terraform init`, `terraform state pull`.
 */
export function pullStateWithBackend(outdir: string, stack: string, env: NodeJS.ProcessEnv): { outputs?: Record<string, unknown> } | undefined {
  const json = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8'));
  const backend = { ...(json.terraform?.backend ?? { local: {} }) };
  if (backend.local) {
    // A local state path is relative to the stack folder, as cdktf runs Terraform there.
    const p = backend.local.path ?? 'terraform.tfstate';
    backend.local = { ...backend.local, path: path.resolve(outdir, 'stacks', stack, p) };
    if (!fs.existsSync(backend.local.path)) return undefined;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `state-of-${stack}-`));
  try {
    fs.writeFileSync(path.join(dir, 'main.tf.json'), JSON.stringify({ terraform: { backend } }));
    const init = spawnSync('terraform', ['init', '-input=false', '-no-color'], { cwd: dir, env, encoding: 'utf8' });
    if (init.status !== 0) throw new Error(`cannot read the state of ${stack}: terraform init failed:\n${init.stderr || init.stdout}`);
    const pull = spawnSync('terraform', ['state', 'pull'], { cwd: dir, env, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
    if (pull.status !== 0) throw new Error(`cannot read the state of ${stack}: terraform state pull failed:\n${pull.stderr}`);
    const text = pull.stdout.trim();
    if (text === '') return undefined;
    const state = JSON.parse(text);
    // An empty state (every resource destroyed) has neither resources nor outputs.
    if ((state.resources ?? []).length === 0 && Object.keys(state.outputs ?? {}).length === 0) return undefined;
    return state;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Environment for the cdktf CLI and Terraform. */
export function cliEnv(args: DeployArgs, env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = { ...env, CHECKPOINT_DISABLE: '1' };
  if (args.offline && !env.TF_CLI_CONFIG_FILE) {
    const mirror = findMirror(env);
    if (!mirror) throw new UsageError('--offline: no provider mirror found; set TF_PROVIDER_MIRROR');
    out.TF_CLI_CONFIG_FILE = cliConfigFor(mirror);
  }
  return out;
}

/** The cdktf command line for the target stack. */
export function cdktfArgs(args: DeployArgs): string[] {
  return [
    args.command,
    args.stack,
    '--skip-synth',
    ...(args.command === 'deploy' ? ['--ignore-missing-stack-dependencies'] : []),
    ...(args.offline ? ['--skip-provider-lock'] : []),
    ...args.passThrough,
  ];
}

function main(argv: string[]): number {
  const args = parseArgs(argv);
  const cwd = process.cwd();
  const env = cliEnv(args);
  const { app, output } = appConfig(cwd);
  const outdir = path.resolve(cwd, output);
  const synth = spawnSync(app, { cwd, env: { ...env, CDKTF_OUTDIR: outdir }, shell: true, stdio: 'inherit' });
  if (synth.status !== 0) return synth.status ?? 1;
  if (args.dependencyCheck) {
    const problems = dependencyProblems(outdir, args.stack, (dep) => pullStateWithBackend(outdir, dep, env), (dep) => `npm run ${args.command === 'diff' ? 'deploy' : args.command} -- ${dep}`);
    if (problems.length > 0) {
      process.stderr.write(`Refusing to ${args.command} ${args.stack}: it reads values from stacks that are not deployed.\n${problems.map((p) => `  - ${p}`).join('\n')}\n(--no-dependency-check skips this check.)\n`);
      return 3;
    }
  }
  const cdktf = path.join(ROOT, 'node_modules', '.bin', 'cdktf');
  const run = spawnSync(cdktf, [...cdktfArgs(args), '--output', output], { cwd, env, stdio: 'inherit' });
  return run.status ?? 1;
}

if (require.main === module) {
  try {
    process.exit(main(process.argv.slice(2)));
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
}
