import { execFileSync, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { sharedProviderEnv } from './shared-provider';
import { terraformVerdict } from './verdict-cache';

/**
 * Real `terraform init -backend=false && terraform validate`, offline, from the local provider mirror.
 *
 * Shared by `npm run validate` and the jest tests, so both check stacks the same way.
 */

const ROOT = path.resolve(__dirname, '..', '..');
const DEFAULT_MIRROR = '/opt/tf-plugins';

/** Where providers come from: `$TF_PROVIDER_MIRROR`, else a `registry.terraform.io` folder found on disk. */
export function findMirror(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const candidates: string[] = [];
  if (env.TF_PROVIDER_MIRROR) candidates.push(env.TF_PROVIDER_MIRROR);
  candidates.push(DEFAULT_MIRROR);
  for (const c of candidates) {
    if (fs.existsSync(path.join(c, 'registry.terraform.io'))) return c;
    if (path.basename(c) === 'registry.terraform.io' && fs.existsSync(c)) return path.dirname(c);
  }
  if (env.TF_PROVIDER_MIRROR) return undefined;
  const found = spawnSync('find', ['/', '-maxdepth', '4', '-type', 'd', '-name', 'registry.terraform.io'], {
    encoding: 'utf8',
  });
  const first = (found.stdout ?? '').split('\n').find((l) => l.trim() !== '' && !l.includes('/.terraform/'));
  return first ? path.dirname(first.trim()) : undefined;
}

/** Providers in the mirror, as `hashicorp/aws@5.100.0`. */
export function mirroredProviders(mirror: string): string[] {
  const base = path.join(mirror, 'registry.terraform.io');
  const out: string[] = [];
  for (const ns of fs.readdirSync(base)) {
    for (const name of fs.readdirSync(path.join(base, ns))) {
      for (const version of fs.readdirSync(path.join(base, ns, name))) out.push(`${ns}/${name}@${version}`);
    }
  }
  return out;
}

/** The Terraform version on PATH, or undefined when there is none. */
export function terraformVersion(): string | undefined {
  const r = spawnSync('terraform', ['version', '-json'], { encoding: 'utf8' });
  if (r.status !== 0) return undefined;
  try {
    return JSON.parse(r.stdout).terraform_version as string;
  } catch {
    return undefined;
  }
}

/**
 * The repository's CLI config (`terraform.rc`), rendered for the mirror's real location.
 *
 * @returns the path to pass as `TF_CLI_CONFIG_FILE`
 */
export function cliConfigFor(mirror: string): string {
  const template = fs.readFileSync(path.join(ROOT, 'terraform.rc'), 'utf8');
  if (path.resolve(mirror) === DEFAULT_MIRROR) return path.join(ROOT, 'terraform.rc');
  const dir = path.join(ROOT, '.cache');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'terraform.rc');
  fs.writeFileSync(file, template.replace(`"${DEFAULT_MIRROR}"`, JSON.stringify(path.resolve(mirror))));
  return file;
}

/** Providers a synthesized stack needs, from its `terraform.required_providers` block. */
export function requiredProviders(stackJson: any): { name: string; source: string; version?: string }[] {
  const req = stackJson?.terraform?.required_providers ?? {};
  return Object.entries(req).map(([name, v]: [string, any]) => {
    const source = String(v.source ?? name).replace(/^registry\.terraform\.io\//, '');
    // A bare source such as "aws" means the hashicorp namespace of the public registry.
    return { name, source: source.includes('/') ? source : `hashicorp/${source}`, version: v.version };
  });
}

/** Result of checking one stack. */
export interface StackCheck {
  readonly stack: string;
  readonly providers: string[];
  readonly status: 'valid' | 'invalid' | 'not checkable';
  readonly detail: string;
}

/**
 * Runs `terraform init -backend=false` and `terraform validate` in a synthesized stack folder.
 *
 * A stack whose providers are not all in the mirror is reported `not checkable`, naming the
 * missing ones; it is never silently skipped.
 */
export function checkStackDir(stackDir: string, mirror: string): StackCheck {
  const pre = precheck(stackDir, mirror);
  if ('status' in pre) return pre;
  const { stack, names } = pre;
  const init = spawnSync('terraform', INIT_ARGS, { cwd: stackDir, env: offlineTerraformEnv(mirror), encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (init.status !== 0) return initFailed(stack, names, init.stderr || init.stdout);
  const validate = spawnSync('terraform', VALIDATE_ARGS, { cwd: stackDir, env: offlineTerraformEnv(mirror), encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return validateResult(stack, names, validate.stdout, validate.stderr);
}

/** Reads the stack's providers; returns the `not checkable` result when one is missing from the mirror. */
function precheck(stackDir: string, mirror: string): StackCheck | { stack: string; names: string[] } {
  const stack = path.basename(stackDir);
  const json = JSON.parse(fs.readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8'));
  const providers = requiredProviders(json);
  const have = mirroredProviders(mirror);
  const names = providers.map((p) => `${p.source}${p.version ? `@${p.version}` : ''}`);
  const missing = providers.filter(
    (p) => !have.some((h) => (/^\d+\.\d+\.\d+$/.test(p.version ?? '') ? h === `${p.source}@${p.version}` : h.startsWith(`${p.source}@`))),
  );
  if (missing.length > 0) {
    return {
      stack,
      providers: names,
      status: 'not checkable',
      detail: `not in the mirror: ${missing.map((m) => `${m.source}${m.version ? `@${m.version}` : ''}`).join(', ')}`,
    };
  }
  return { stack, names };
}

/** The same check as {@link checkStackDir}, without blocking (so several stacks run at once). */
export async function checkStackDirAsync(stackDir: string, mirror: string): Promise<StackCheck> {
  const pre = precheck(stackDir, mirror);
  if ('status' in pre) return pre;
  const { stack, names } = pre;
  const init = await runAsync('terraform', INIT_ARGS, stackDir, offlineTerraformEnv(mirror));
  if (init.code !== 0) return initFailed(stack, names, init.stderr || init.stdout);
  const validate = await runAsync('terraform', VALIDATE_ARGS, stackDir, offlineTerraformEnv(mirror));
  return validateResult(stack, names, validate.stdout, validate.stderr);
}

const INIT_ARGS = ['init', '-backend=false', '-input=false', '-no-color'];
const VALIDATE_ARGS = ['validate', '-json', '-no-color'];

/**
 * The environment of an offline run that never configures a provider (init, validate, `terraform
 * test` with mocks, `providers schema`): mirror-only CLI config (Terraform symlinks providers
 * straight from the mirror), the shared provider processes when a run of many started them
 * ({@link sharedProviderEnv}), and Go's garbage collector tuned for short runs
 * ({@link terraformCheckGcEnv}).
 */
export function offlineTerraformEnv(mirror: string): NodeJS.ProcessEnv {
  return { ...process.env, ...terraformCheckGcEnv(), TF_CLI_CONFIG_FILE: cliConfigFor(mirror), TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1', ...sharedProviderEnv() };
}

/**
 * Go garbage-collector settings for the Terraform processes of checks (validate, mocked apply,
 * the loopback runs of the tests), unless the environment sets its own: no collection by growth
 * (`GOGC=off`), only when the heap nears a soft limit of 1.5 GiB (`GOMEMLIMIT`).
 *
 * A mocked apply of every generated AWS module spent about a third of its CPU collecting garbage
 * at Go's default (`GOGC=100`, collect each time the heap doubles); its live heap is about 300 MB,
 * so the limit is never the binding one and two such runs at once stay under 4 GB. Measured on the
 * same folder: 110-134 s of CPU at the default, 83-89 s with this. Never used for a run against a
 * real cloud (scripts/deploy.ts keeps Terraform's defaults).
 */
export function terraformCheckGcEnv(env: NodeJS.ProcessEnv = process.env): { GOGC: string; GOMEMLIMIT: string } {
  return { GOGC: env.GOGC ?? 'off', GOMEMLIMIT: env.GOMEMLIMIT ?? '1536MiB' };
}

function initFailed(stack: string, names: string[], text: string): StackCheck {
  return { stack, providers: names, status: 'invalid', detail: `terraform init failed: ${lastLines(text)}` };
}

function runAsync(
  cmd: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

function validateResult(stack: string, names: string[], stdout: string, stderr: string): StackCheck {
  let result: any;
  try {
    result = JSON.parse(stdout);
  } catch {
    return { stack, providers: names, status: 'invalid', detail: lastLines(stderr || stdout) };
  }
  if (result.valid) {
    const warnings = (result.diagnostics ?? []).filter((d: any) => d.severity === 'warning').length;
    return { stack, providers: names, status: 'valid', detail: warnings ? `${warnings} warning(s)` : '' };
  }
  const errors = (result.diagnostics ?? [])
    .filter((d: any) => d.severity === 'error')
    .map((d: any) => `${d.summary}${d.detail ? `: ${d.detail}` : ''}${d.address ? ` (${d.address})` : ''}`);
  return { stack, providers: names, status: 'invalid', detail: errors.join('; ') };
}

function lastLines(text: string, n = 6): string {
  return text.trim().split('\n').slice(-n).join(' | ');
}

/** Runs a command and returns its trimmed stdout (throws on failure). */
export function run(cmd: string, args: string[], cwd = ROOT): string {
  return execFileSync(cmd, args, { cwd, encoding: 'utf8' }).trim();
}

/**
 * Checks several synthesized stack folders with ONE `terraform init` and ONE `terraform validate`:
 * a scratch HCL root calls each stack as a child module, the way Terraform users consume them.
 * The first stack is called exactly as synthesized (with its own provider and backend blocks,
 * which Terraform accepts in a child module with a warning); the others are copied without
 * them and share the root's default provider, because every provider block would start its own
 * provider process. Used by the jest tests; `npm run validate` checks each stack as its own root
 * module, as `cdktf deploy` and `terraform -chdir` run it, provider configuration included.
 *
 * @returns one result per folder, in order
 */
export function checkStackDirsTogether(stackDirs: string[], mirror: string): StackCheck[] {
  const pre = stackDirs.map((d) => precheck(d, mirror));
  const checkable = pre.map((p, i) => ({ p, i })).filter((x) => !('status' in x.p));
  const results: StackCheck[] = pre.map((p) => ('status' in p ? p : { stack: p.stack, providers: p.names, status: 'valid', detail: '' }));
  if (checkable.length === 0) return results;
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tf-validate-'));
  try {
    const modules = checkable.map(({ i }, n) => {
      const name = `stack${i}`;
      const source = path.resolve(stackDirs[i]!);
      if (n === 0) {
        // A copy rather than a link: the verdict cache keys the folder's bytes, and diagnostics name `stack0/`.
        fs.cpSync(source, path.join(root, name), { recursive: true, dereference: true, filter: (f) => !f.includes(`${path.sep}.terraform`) });
      } else {
        const json = JSON.parse(fs.readFileSync(path.join(source, 'cdk.tf.json'), 'utf8'));
        // A stack with an aliased provider configuration keeps its provider blocks (see hclAsChildModule).
        const aliased = Object.values<any>(json.provider ?? {}).some((configs) => (configs as any[]).some((c) => c.alias));
        if (!aliased) delete json.provider;
        if (json.terraform) delete json.terraform.backend;
        fs.mkdirSync(path.join(root, name));
        fs.writeFileSync(path.join(root, name, 'cdk.tf.json'), JSON.stringify(json, null, 2));
      }
      return `module "${name}" {\n  source = "./${name}"\n}\noutput "${name}" {\n  value = module.${name}\n}\n`;
    });
    fs.writeFileSync(path.join(root, 'main.tf'), modules.join('\n'));
    const [init, validate] = terraformVerdict(`validate of ${checkable.length} stacks`, root, [INIT_ARGS, VALIDATE_ARGS], offlineTerraformEnv(mirror), { mirror }).runs;
    if (init!.status !== 0) {
      for (const { i } of checkable) results[i] = initFailed(results[i]!.stack, results[i]!.providers, init!.stderr || init!.stdout);
      return results;
    }
    let parsed: any;
    try {
      parsed = JSON.parse(validate!.stdout);
    } catch {
      for (const { i } of checkable) results[i] = { ...results[i]!, status: 'invalid', detail: lastLines(validate!.stderr || validate!.stdout) };
      return results;
    }
    // Terraform names a diagnostic's file by the module folder or by its resolved path.
    const owner = (file: string): number | undefined => checkable.find(({ i }) => file.startsWith(`stack${i}/`))?.i;
    const errors = (parsed.diagnostics ?? []).filter((d: any) => d.severity === 'error');
    for (const { i } of checkable) {
      const mine = errors.filter((d: any) => {
        const o = owner(d.range?.filename ?? '');
        return o === i || o === undefined;
      });
      if (mine.length > 0) {
        results[i] = {
          ...results[i]!,
          status: 'invalid',
          detail: mine.map((d: any) => `${d.summary}${d.detail ? `: ${d.detail}` : ''}${d.range ? ` (${path.basename(path.dirname(d.range.filename))}/${path.basename(d.range.filename)}:${d.range.start.line})` : ''}`).join('; '),
        };
      }
    }
    return results;
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

/** Providers a stack synthesized as HCL (`cdk.tf`) requires, from its `required_providers` block. */
export function requiredProvidersHcl(hcl: string): { name: string; source: string; version?: string }[] {
  const start = hcl.indexOf('required_providers {');
  if (start < 0) return [];
  const body = hcl.slice(start, blockEnd(hcl, hcl.indexOf('{', start)) + 1);
  const out: { name: string; source: string; version?: string }[] = [];
  for (const m of body.matchAll(/^\s*([A-Za-z0-9_-]+) = \{([^}]*)\}/gm)) {
    const source = (/source = "([^"]+)"/.exec(m[2]!)?.[1] ?? m[1]!).replace(/^registry\.terraform\.io\//, '');
    out.push({ name: m[1]!, source: source.includes('/') ? source : `hashicorp/${source}`, version: /version = "([^"]+)"/.exec(m[2]!)?.[1] });
  }
  return out;
}

/** Index of the `}` closing the block whose `{` is at `open` (braces of provider and backend blocks are balanced). */
function blockEnd(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i;
  }
  return text.length - 1;
}

/** HCL of a stack without its top-level `provider` blocks and its `backend` block: a child module. */
export function hclAsChildModule(hcl: string): string {
  let out = hcl;
  // A stack with an aliased provider configuration (CloudFront's WAF in us-east-1) keeps its
  // provider blocks: as a child module it needs them (a legacy module, fine for validate).
  const aliased = /^provider "[^"]+" \{[^}]*\balias\s*=/m.test(out);
  for (const re of aliased ? [/^\s*backend "[^"]+" \{/m] : [/^provider "[^"]+" \{/m, /^\s*backend "[^"]+" \{/m]) {
    for (let m = re.exec(out); m; m = re.exec(out)) {
      const open = m.index + m[0].lastIndexOf('{');
      out = out.slice(0, m.index) + out.slice(blockEnd(out, open) + 1);
    }
  }
  return out;
}

/**
 * `terraform init -backend=false && terraform validate` of stacks synthesized as HCL
 * (`cdktf synth --hcl`, `SYNTH_HCL_OUTPUT=true`), batched like {@link checkStackDirsTogether}:
 * one scratch root calls each stack's `cdk.tf`, without its provider and backend blocks, as a
 * child module. Stacks needing providers missing from the mirror are `not checkable`.
 */
export function checkHclStackDirsTogether(stackDirs: string[], mirror: string): StackCheck[] {
  const have = mirroredProviders(mirror);
  const results: StackCheck[] = [];
  const checkable: number[] = [];
  stackDirs.forEach((dir, i) => {
    const stack = path.basename(dir);
    const file = path.join(dir, 'cdk.tf');
    if (!fs.existsSync(file)) {
      results.push({ stack, providers: [], status: 'invalid', detail: 'no cdk.tf: the stack was not synthesized as HCL' });
      return;
    }
    const providers = requiredProvidersHcl(fs.readFileSync(file, 'utf8'));
    const names = providers.map((p) => `${p.source}${p.version ? `@${p.version}` : ''}`);
    const missing = names.filter((n) => !have.includes(n) && !(n.indexOf('@') < 0 && have.some((h) => h.startsWith(`${n}@`))));
    if (missing.length > 0) {
      results.push({ stack, providers: names, status: 'not checkable', detail: `not in the mirror: ${missing.join(', ')}` });
      return;
    }
    results.push({ stack, providers: names, status: 'valid', detail: '' });
    checkable.push(i);
  });
  if (checkable.length === 0) return results;
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tf-validate-hcl-'));
  try {
    const calls = checkable.map((i) => {
      const name = `stack${i}`;
      fs.mkdirSync(path.join(root, name));
      fs.writeFileSync(path.join(root, name, 'main.tf'), hclAsChildModule(fs.readFileSync(path.join(stackDirs[i]!, 'cdk.tf'), 'utf8')));
      return `module "${name}" {\n  source = "./${name}"\n}\n`;
    });
    fs.writeFileSync(path.join(root, 'main.tf'), calls.join('\n'));
    const [init, validate] = terraformVerdict(`validate of ${checkable.length} stacks synthesized as HCL`, root, [INIT_ARGS, VALIDATE_ARGS], offlineTerraformEnv(mirror), { mirror }).runs;
    if (init!.status !== 0) {
      const text = init!.stderr || init!.stdout;
      for (const i of checkable) {
        // Errors while loading the configuration name the file (`stack3/main.tf`).
        const mine = text.includes(`stack${i}/`) || !/stack\d+\//.test(text);
        if (mine) results[i] = initFailed(results[i]!.stack, results[i]!.providers, text);
      }
      return results;
    }
    const parsed = JSON.parse(validate!.stdout);
    const errors = (parsed.diagnostics ?? []).filter((d: any) => d.severity === 'error');
    for (const i of checkable) {
      const mine = errors.filter((d: any) => (d.range?.filename ?? '').startsWith(`stack${i}/`) || !d.range);
      if (mine.length > 0) {
        results[i] = {
          ...results[i]!,
          status: 'invalid',
          detail: mine.map((d: any) => `${d.summary}${d.detail ? `: ${d.detail}` : ''}${d.range ? ` (cdk.tf:${d.range.start.line})` : ''}`).join('; '),
        };
      }
    }
    return results;
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}
