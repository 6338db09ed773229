import * as fs from 'node:fs';
import * as path from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import { ConfigError, type ConfigProblem, formatPath, problemsFromZod } from './errors';
import type { z } from 'zod';
import { ENVIRONMENT_CHECKS } from './checks';
import { type EnvironmentConfig, EnvironmentConfigSchema } from './schema';

/** A validated environment and the file it came from. */
export interface LoadedEnvironment {
  readonly file: string;
  readonly config: EnvironmentConfig;
}

/** The folder environment files are read from: `$INFRA_CONFIG_DIR`, else `config/`. */
export function configDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.INFRA_CONFIG_DIR && env.INFRA_CONFIG_DIR.trim() !== '' ? env.INFRA_CONFIG_DIR : 'config';
}

function display(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith('..') ? rel : file;
}

/**
 * Parses and validates one environment file's text.
 *
 * @returns the environment, or every problem found in the file
 */
export function parseEnvironment(
  file: string,
  text: string,
): { config?: EnvironmentConfig; name?: string; problems: ConfigProblem[] } {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const duplicates = duplicateKeys(text);
    const problems = doc.errors.map((e) =>
      e.code === 'DUPLICATE_KEY' && duplicates.length > 0
        ? duplicates.shift()!
        : { path: '', message: `is not valid YAML: ${e.message.split('\n')[0]!.replace(/:$/, '')}` },
    );
    return { problems: problems.map((p) => ({ ...p, file })) };
  }
  const input: unknown = doc.toJS();
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return {
      problems: [{ file, path: '', message: 'must hold a YAML mapping of environment fields (name, aws, gcp, azure, tags, state...)' }],
    };
  }
  const rawName = (input as { name?: unknown }).name;
  const name = typeof rawName === 'string' ? rawName : undefined;
  const result = EnvironmentConfigSchema.safeParse(input, { reportInput: true });
  if (!result.success) {
    const issues = [...result.error.issues, ...wholeFileChecks(input, result.error.issues)];
    return { name, problems: problemsFromZod(file, EnvironmentConfigSchema, input, issues) };
  }
  return { config: result.data, name, problems: [] };
}

/**
 * zod skips whole-object refinements once a field is invalid; run them anyway on the raw
 * input so one run reports every problem of a file (an overlap and a bad account id together).
 * A check that cannot read the raw input gives up quietly; its field problems are reported.
 */
function wholeFileChecks(input: unknown, already: readonly z.core.$ZodIssue[]): z.core.$ZodIssue[] {
  const found: z.core.$ZodIssue[] = [];
  const ctx = {
    addIssue: (issue: any) => found.push({ path: [], ...issue } as z.core.$ZodIssue),
    value: input,
  } as unknown as z.RefinementCtx;
  for (const check of ENVIRONMENT_CHECKS) {
    try {
      check(input, ctx);
    } catch {
      // the fields this check reads are invalid and already reported
    }
  }
  const seen = new Set(already.map((i) => i.path.join('.')));
  return found.filter((i) => !seen.has(i.path.join('.')));
}

/** Keys given twice in one YAML mapping, with their field paths (YAML itself only gives a line). */
function duplicateKeys(text: string): Omit<ConfigProblem, 'file'>[] {
  const lines = new LineCounter();
  const lenient = parseDocument(text, { lineCounter: lines, uniqueKeys: false });
  const found: Omit<ConfigProblem, 'file'>[] = [];
  const walk = (node: unknown, path: (string | number)[]) => {
    if (isMap(node)) {
      const seen = new Set<string>();
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        if (seen.has(key)) {
          const line = isScalar(pair.key) && pair.key.range ? lines.linePos(pair.key.range[0]).line : undefined;
          found.push({
            path: formatPath([...path, key]),
            message: `is given twice${line ? ` (again on line ${line})` : ''}; each key may appear once in a mapping`,
          });
        }
        seen.add(key);
        walk(pair.value, [...path, key]);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => walk(item, [...path, i]));
    }
  };
  walk(lenient.contents, []);
  return found;
}

/** Checks that span files: unique names, and how environments share a state bucket. */
export function crossEnvironmentProblems(
  envs: readonly LoadedEnvironment[],
  names: readonly { file: string; name: string }[] = envs.map((e) => ({ file: e.file, name: e.config.name })),
): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const byName = new Map<string, string>();
  for (const { file, name } of names) {
    const first = byName.get(name);
    if (first) {
      problems.push({
        file,
        path: 'name',
        message: `"${name}" is already the name of the environment in ${first}; environment names must be unique`,
      });
    } else {
      byName.set(name, file);
    }
  }
  const byBucket = new Map<string, LoadedEnvironment[]>();
  for (const e of envs) byBucket.set(e.config.state.bucket, [...(byBucket.get(e.config.state.bucket) ?? []), e]);
  for (const [bucket, sharing] of byBucket) {
    if (sharing.length < 2) continue;
    const creators = sharing.filter((e) => e.config.state.createBackend);
    for (const extra of creators.slice(1)) {
      problems.push({
        file: extra.file,
        path: 'state.createBackend',
        message: `true is not allowed: bucket "${bucket}" is shared with ${creators[0]!.file}, which already creates it; set createBackend: false here`,
      });
    }
    const first = sharing[0]!;
    for (const e of sharing.slice(1)) {
      for (const field of ['region', 'lockTable'] as const) {
        if (e.config.state[field] !== first.config.state[field]) {
          problems.push({
            file: e.file,
            path: `state.${field}`,
            message: `"${e.config.state[field]}" differs from "${first.config.state[field]}" in ${first.file}, which shares bucket "${bucket}"; environments sharing a bucket must use the same ${field}`,
          });
        }
      }
    }
  }
  return problems;
}

/**
 * Reads every `*.yaml` / `*.yml` file in `dir` and validates them together.
 *
 * @throws ConfigError listing every problem of every file, before anything is synthesized
 */
export function loadEnvironments(dir: string = configDir()): LoadedEnvironment[] {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    throw new ConfigError([
      { file: dir, path: '', message: 'is not a folder; set INFRA_CONFIG_DIR to a folder of <env>.yaml files' },
    ]);
  }
  const files = fs
    .readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => path.join(dir, f));
  if (files.length === 0) {
    throw new ConfigError([{ file: display(dir), path: '', message: 'holds no environment file (*.yaml or *.yml)' }]);
  }
  const problems: ConfigProblem[] = [];
  const envs: LoadedEnvironment[] = [];
  const names: { file: string; name: string }[] = [];
  for (const file of files) {
    const shown = display(file);
    const { config, name, problems: found } = parseEnvironment(shown, fs.readFileSync(file, 'utf8'));
    problems.push(...found);
    if (config) envs.push({ file: shown, config });
    if (name) names.push({ file: shown, name });
  }
  problems.push(...crossEnvironmentProblems(envs, names));
  if (problems.length > 0) throw new ConfigError(problems);
  return envs;
}
