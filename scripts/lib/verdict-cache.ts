import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import writeFileAtomic from 'write-file-atomic';

/**
 * A content-addressed cache of Terraform verdicts, so a warm `npm test` does not run Terraform
 * again on inputs it has already judged.
 *
 * The key is a SHA-256 over everything the verdict depends on: every file of the folder Terraform
 * runs in (relative path and bytes, symlinks followed, `.terraform/` excluded), the commands and
 * their arguments, the Terraform version, the providers of the mirror (namespace, name, version
 * and the names and sizes of their packages), the CLI config, and the caller's extra key parts
 * (for a scenario test: the sources of the scripts it drives). Any change to any of them is a
 * different key, so Terraform runs again; nothing is ever looked up by name or age.
 *
 * Entries live in `.cache/terraform-verdicts/` (never committed). CI starts from a fresh clone,
 * so its cache is always empty; `TERRAFORM_VERDICT_CACHE=off` disables reads and writes.
 * Every use prints one line (`terraform verdict: <label>: from cache <key>` or `ran in N s`), so
 * the test output says which verdicts came from the cache.
 */

const ROOT = path.resolve(__dirname, '..', '..');

/** Where entries are kept. */
export const VERDICT_CACHE_DIR = path.join(ROOT, '.cache', 'terraform-verdicts');

/** One recorded command: what Terraform printed and how it exited. */
export interface RecordedRun {
  readonly args: readonly string[];
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /**
   * Stopped once its test file had run, before Terraform's teardown of the mocked state; `status`
   * then says whether a run failed (see {@link MockedTestFiles}).
   */
  readonly stoppedAtTeardown?: boolean;
}

/**
 * `terraform test <args> -filter=<file>` for each file, all at once, each process stopped as soon
 * as its file has run: when Terraform prints `<file>... tearing down`, every run of the file has
 * printed its result and its errors. Only for files whose providers are all mocked
 * (`mock_provider`): their state lives in Terraform's memory and nothing exists to destroy, yet
 * Terraform 1.11 plans and applies the destroy of all of it (about 40 % of the shipped modules'
 * mocked apply). Each file's output is one stream (standard error merged into `stdout`) that
 * ends with the `tearing down` line, whatever the teardown printed before the stop landed. See
 * scripts/lib/terraform-tests-at-once.js.
 */
export interface MockedTestFiles {
  /** Test files, relative to the folder (`tests/x.tftest.hcl`). */
  readonly mockedTestFiles: readonly string[];
  /** Arguments after `test`. */
  readonly args: readonly string[];
}

/** A step of a verdict: `terraform <args>`, or mocked test files run at once. */
export type VerdictStep = readonly string[] | MockedTestFiles;

const TESTS_AT_ONCE = path.join(__dirname, 'terraform-tests-at-once.js');

/** Runs the files of `step` at once in `dir` (one process each); one recorded run per file, in order. */
function runMockedTestFiles(step: MockedTestFiles, dir: string, env: NodeJS.ProcessEnv): RecordedRun[] {
  const argLists = step.mockedTestFiles.map((file) => ['test', ...step.args, `-filter=${file}`]);
  const r = spawnSync(process.execPath, [TESTS_AT_ONCE], { cwd: dir, env, input: JSON.stringify(argLists), encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024 });
  if (r.status === 0) return JSON.parse(r.stdout) as RecordedRun[];
  const failure = `${r.stderr ?? ''}${r.error ? String(r.error) : ''}`;
  return argLists.map((args) => ({ args, status: r.status, stdout: '', stderr: failure }));
}

/** The runs of one verdict, and whether they came from the cache. */
export interface Verdict {
  readonly runs: RecordedRun[];
  readonly cached: boolean;
  readonly key: string;
}

/** Whether the cache is in use (`TERRAFORM_VERDICT_CACHE=off` turns it off). */
export function verdictCacheEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return !/^(off|0|false|no)$/i.test(env.TERRAFORM_VERDICT_CACHE ?? '');
}

let versionMemo: string | undefined;

/** `terraform version` output (the binary on PATH), once per process. */
export function terraformVersionText(): string {
  if (versionMemo === undefined) {
    const r = spawnSync('terraform', ['version', '-json'], { encoding: 'utf8', env: { ...process.env, CHECKPOINT_DISABLE: '1' } });
    versionMemo = r.status === 0 ? JSON.parse(r.stdout).terraform_version : `unknown:${r.status}`;
  }
  return versionMemo!;
}

const providerMemo = new Map<string, string>();

/** The mirror's providers: `ns/name/version/package:size` lines, sorted. */
export function mirrorFingerprint(mirror: string): string {
  const memo = providerMemo.get(mirror);
  if (memo !== undefined) return memo;
  const base = path.join(mirror, 'registry.terraform.io');
  const lines: string[] = [];
  const walk = (dir: string, rel: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      const r = rel ? `${rel}/${entry.name}` : entry.name;
      const stat = fs.statSync(full);
      if (stat.isDirectory()) walk(full, r);
      else lines.push(`${r}:${stat.size}`);
    }
  };
  if (fs.existsSync(base)) walk(base, '');
  const text = lines.sort().join('\n');
  providerMemo.set(mirror, text);
  return text;
}

/** Adds every file under `dir` (relative path and bytes, sorted, symlinks followed) to `hash`. */
export function hashTree(hash: crypto.Hash, dir: string): void {
  const files: string[] = [];
  const walk = (d: string, rel: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      if (entry.name === '.terraform' || entry.name === '.terraform.lock.hcl') continue;
      const full = path.join(d, entry.name);
      const r = rel ? `${rel}/${entry.name}` : entry.name;
      if (fs.statSync(full).isDirectory()) walk(full, r);
      else files.push(r);
    }
  };
  walk(dir, '');
  for (const rel of files.sort()) {
    hash.update(`\0file\0${rel}\0`);
    hash.update(fs.readFileSync(path.join(dir, rel)));
  }
}

/** What a verdict's key is made of, besides the folder. */
export interface VerdictKeyParts {
  /** The provider mirror the runs use. */
  readonly mirror: string;
  /** The CLI config file the runs use (its content is part of the key). */
  readonly cliConfig?: string;
  /** Anything else the verdict depends on (script sources, scenario names). */
  readonly extra?: readonly string[];
}

/** The key of a verdict over `dir` and `commands`. */
export function verdictKey(dir: string, commands: readonly VerdictStep[], parts: VerdictKeyParts): string {
  const hash = crypto.createHash('sha256');
  hash.update('terraform-verdict/v1\0');
  hash.update(`terraform ${terraformVersionText()}\0`);
  hash.update(`providers\0${mirrorFingerprint(parts.mirror)}\0`);
  if (parts.cliConfig && fs.existsSync(parts.cliConfig)) hash.update(fs.readFileSync(parts.cliConfig));
  hash.update(`\0commands\0${JSON.stringify(commands)}\0`);
  // How mocked test files are run and stopped is part of their verdict.
  if (commands.some((c) => 'mockedTestFiles' in c)) hash.update(fs.readFileSync(TESTS_AT_ONCE));
  for (const e of parts.extra ?? []) hash.update(`\0extra\0${e}`);
  hashTree(hash, dir);
  return hash.digest('hex');
}

/**
 * Runs each step in `dir` (`terraform <args>`, or mocked test files at once), stopping at the
 * first that fails, unless the cache holds the runs of the same key; then returns those instead.
 *
 * @param label what the verdict is about, for the line it prints
 */
export function terraformVerdict(
  label: string,
  dir: string,
  commands: readonly VerdictStep[],
  env: NodeJS.ProcessEnv,
  parts: VerdictKeyParts,
): Verdict {
  const enabled = verdictCacheEnabled(env);
  const key = verdictKey(dir, commands, { ...parts, cliConfig: parts.cliConfig ?? env.TF_CLI_CONFIG_FILE });
  const file = path.join(VERDICT_CACHE_DIR, `${key}.json`);
  if (enabled && fs.existsSync(file)) {
    try {
      const runs = JSON.parse(fs.readFileSync(file, 'utf8')) as RecordedRun[];
      console.log(`terraform verdict: ${label}: from cache ${key.slice(0, 12)}`);
      return { runs, cached: true, key };
    } catch {
      // an unreadable entry is ignored and replaced
    }
  }
  const started = Date.now();
  const runs: RecordedRun[] = [];
  for (const step of commands) {
    if ('mockedTestFiles' in step) {
      const done = runMockedTestFiles(step, dir, env);
      runs.push(...done);
      if (done.some((r) => r.status !== 0)) break;
      continue;
    }
    const r: SpawnSyncReturns<string> = spawnSync('terraform', [...step], { cwd: dir, env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    runs.push({ args: step, status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? String(r.error ?? '') });
    if (r.status !== 0) break;
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  // Only a verdict on the inputs is kept: not a run killed by a signal (status null), nor one that
  // failed because Terraform could not start or reach a provider (a stopped shared provider, a
  // missing plugin): the same inputs may pass on the next run.
  const why = runs.some((r) => r.status === null) ? 'interrupted' : runs.some((r) => r.status !== 0 && environmentFailure(`${r.stdout}\n${r.stderr}`)) ? 'provider not available' : undefined;
  if (enabled && !why) {
    fs.mkdirSync(VERDICT_CACHE_DIR, { recursive: true });
    writeFileAtomic.sync(file, JSON.stringify(runs), { fsync: false });
  }
  console.log(`terraform verdict: ${label}: ran in ${seconds} s${enabled ? (why ? `, not cached (${why})` : `, cached as ${key.slice(0, 12)}`) : ' (cache off)'}`);
  return { runs, cached: false, key };
}

/**
 * Terraform's messages for a failure of its environment rather than of the configuration: a
 * provider it could not start, reach or install, or whose schema it could not load.
 */
const ENVIRONMENT_FAILURES = [
  /Failed to load plugin schemas/,
  /failed to instantiate provider/,
  /Reattachment process not found/,
  /plugin exited before we could connect/,
  /Failed to query available provider packages/,
  /Failed to install provider/,
  /Could not load plugin/,
];

/** Whether Terraform's output tells of a failure of its environment (see {@link ENVIRONMENT_FAILURES}). */
export function environmentFailure(output: string): boolean {
  return ENVIRONMENT_FAILURES.some((re) => re.test(output));
}

/**
 * The facts an end-to-end scenario observed (exit codes, output, state read back), from the
 * cache when the same scenario ran before: keyed like {@link terraformVerdict}, over the bytes of
 * `files` (the test, the scripts it drives, package-lock.json for the tools' versions), the
 * Terraform version, the mirror's providers and `extra`. The facts must be plain JSON.
 */
export async function scenarioVerdict<T>(label: string, files: readonly string[], parts: VerdictKeyParts, run: () => Promise<T>): Promise<{ facts: T; cached: boolean }> {
  const hash = crypto.createHash('sha256');
  hash.update('scenario-verdict/v1\0');
  hash.update(`terraform ${terraformVersionText()}\0providers\0${mirrorFingerprint(parts.mirror)}\0`);
  for (const e of parts.extra ?? []) hash.update(`\0extra\0${e}`);
  for (const f of [...files].sort()) {
    hash.update(`\0file\0${path.relative(ROOT, f)}\0`);
    hash.update(fs.readFileSync(f));
  }
  const key = hash.digest('hex');
  const file = path.join(VERDICT_CACHE_DIR, `${key}.scenario.json`);
  const enabled = verdictCacheEnabled();
  if (enabled && fs.existsSync(file)) {
    console.log(`terraform verdict: ${label}: from cache ${key.slice(0, 12)}`);
    return { facts: JSON.parse(fs.readFileSync(file, 'utf8')) as T, cached: true };
  }
  const started = Date.now();
  const facts = await run();
  // As for a verdict: facts that tell of a provider Terraform could not start or reach are not kept.
  const text = JSON.stringify(facts);
  const keep = !environmentFailure(text);
  if (enabled && keep) {
    fs.mkdirSync(VERDICT_CACHE_DIR, { recursive: true });
    writeFileAtomic.sync(file, text, { fsync: false });
  }
  console.log(`terraform verdict: ${label}: ran in ${((Date.now() - started) / 1000).toFixed(1)} s${enabled ? (keep ? `, cached as ${key.slice(0, 12)}` : ', not cached (provider not available)') : ' (cache off)'}`);
  return { facts, cached: false };
}

/**
 * A source file and every project file it imports by a relative path, transitively (for the key
 * of a scenario that runs a script).
 */
export function sourceClosure(entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:from\s+|require\(\s*|import\s+)['"](\.{1,2}\/[^'"]+)['"]/g)) {
      const base = path.resolve(path.dirname(file), m[1]!);
      const found = [base, `${base}.ts`, `${base}.js`, path.join(base, 'index.ts')].find((c) => fs.existsSync(c) && fs.statSync(c).isFile());
      if (found) visit(found);
    }
  };
  visit(path.resolve(entry));
  return [...seen].sort();
}
