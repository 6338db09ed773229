import * as fs from 'node:fs';
import * as path from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type YAMLError } from 'yaml';
import { z } from 'zod';
import { contentCached, isPlainJson } from '../content-cache';

import { ConfigError, type ConfigProblem, formatPath, problemsFromZod, show } from './errors';
import type { ConfigSection, EnvironmentCheck, ParsedEnvironment, ReportProblem } from './section';

// Each schema parses a handful of documents per run: compiling a fast path for it (zod's JIT,
// `new Function` per object schema) costs more than it saves (config loading: 250 ms with it,
// 170 ms without, median of interleaved runs).
z.config({ jitless: true });

/** A validated environment and the file it came from. */
export interface LoadedEnvironment<Core extends EnvironmentCore = EnvironmentCore> {
  readonly file: string;
  readonly config: Environment<Core>;
}

/** What every environment's core has: a name. */
export interface EnvironmentCore {
  readonly name: string;
}

/**
 * What the loader checks: the core fields, every capability's section, the checks across
 * sections, and the checks across files. The app passes the one registry (stacks/registry.ts);
 * this file knows no capability.
 */
export interface ConfigRegistry<Core extends EnvironmentCore = EnvironmentCore> {
  /** The core fields (a strict object); the sections' keys are added to it as placeholders. */
  readonly core: z.ZodType<Core>;
  /** Every capability's section. */
  readonly sections: readonly ConfigSection[];
  /** Checks across sections (the address plan...), run on the sections that parsed. */
  readonly checks: readonly EnvironmentCheck[];
  /** Checks across environment files (unique names, shared state buckets...). */
  readonly crossChecks?: readonly ((envs: readonly LoadedEnvironment<Core>[]) => ConfigProblem[])[];
}

/** A parsed environment: its core fields and every section's value. */
export class Environment<Core extends EnvironmentCore = EnvironmentCore> implements ParsedEnvironment<Core> {
  constructor(
    public readonly file: string,
    public readonly core: Core,
    private readonly values: ReadonlyMap<ConfigSection, unknown>,
    private readonly problemPaths: ReadonlySet<string> = new Set(),
  ) {}

  public hasProblem(path: string): boolean {
    return this.problemPaths.has(path);
  }

  /** The environment's name. */
  public get name(): string {
    return this.core.name;
  }

  public get<S extends z.ZodType>(section: ConfigSection<S>): z.output<S> | undefined {
    return this.values.get(section) as z.output<S> | undefined;
  }

  /** The section's value; throws when the section is not registered (a programming error). */
  public section<S extends z.ZodType>(section: ConfigSection<S>): z.output<S> {
    if (!this.values.has(section)) throw new Error(`config section ${section.path} is not registered`);
    return this.values.get(section) as z.output<S>;
  }
}

/** The folder environment files are read from: `$INFRA_CONFIG_DIR`, else `config/`. */
export function configDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.INFRA_CONFIG_DIR && env.INFRA_CONFIG_DIR.trim() !== '' ? env.INFRA_CONFIG_DIR : 'config';
}

function display(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith('..') ? rel : file;
}

type AnyObject = z.ZodObject<any, any>;
const coreSchemas = new WeakMap<object, AnyObject>();

/**
 * The core schema with a placeholder for every section's key, so `aws.bogus` is still an unknown
 * field while `aws.network` is left to its section. Cached per registry.
 */
function coreWithPlaceholders(registry: ConfigRegistry<any>): AnyObject {
  const cached = coreSchemas.get(registry);
  if (cached) return cached;
  const add = (schema: AnyObject, segments: string[]): AnyObject => {
    const [first, ...rest] = segments as [string, ...string[]];
    if (rest.length === 0) return schema.extend({ [first]: z.unknown().optional() }); // the section decides
    const existing = schema.shape[first] as AnyObject | undefined;
    const inner = existing && 'shape' in existing ? existing : z.strictObject({});
    return schema.extend({ [first]: add(inner, rest) });
  };
  let schema = registry.core as unknown as AnyObject;
  for (const section of registry.sections) schema = add(schema, section.path.split('.'));
  coreSchemas.set(registry, schema);
  return schema;
}

function valueAtPath(input: unknown, segments: readonly string[]): unknown {
  let v: unknown = input;
  for (const seg of segments) {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return undefined;
    v = (v as Record<string, unknown>)[seg];
  }
  return v;
}

/** Where parsed environment files are kept, by content ({@link readYaml}). */
const YAML_CACHE = { kind: 'config-yaml', offSwitch: 'INFRA_CONFIG_CACHE' } as const;

/**
 * The value of an environment file's YAML text, or its YAML problems.
 *
 * With `keep`, a file that parses without an error or a warning, into plain JSON values, is
 * remembered by its text ({@link contentCached}: `.cache/config-yaml/`, keyed by the text, the
 * yaml package's version and the alias limit; `INFRA_CONFIG_CACHE=off` turns it off): parsing the
 * shipped files is about half of loading them, and they rarely change between two synths.
 * Everything after the YAML (schemas and checks) runs every time.
 */
function readYaml(file: string, text: string, keep: boolean): { input: unknown } | { problems: ConfigProblem[] } {
  let problems: ConfigProblem[] | undefined;
  let parsed: { value: unknown } | undefined;
  const parse = () => {
    const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
    if (doc.errors.length > 0) {
      problems = yamlProblems(text, doc.errors).map((p) => ({ ...p, file }));
      return undefined;
    }
    // A tag the parser does not know (`!Ref`, from CloudFormation) would silently be dropped.
    const tags = doc.warnings.filter((w) => w.code === 'TAG_RESOLVE_FAILED');
    if (tags.length > 0) {
      problems = tags.map((w) => ({
        file,
        path: '',
        message: `is not valid here: ${w.message.split('\n')[0]!.replace(/:$/, '').replace(/^Unresolved tag/, 'unknown YAML tag')}; environment files use plain values, remove the tag`,
      }));
      return undefined;
    }
    let value: unknown;
    try {
      // The parser's alias limit stops alias bombs (a few lines that expand to gigabytes).
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (err) {
      const message =
        err instanceof ReferenceError
          ? `is not accepted: its YAML aliases (*name) expand to more than ${MAX_ALIAS_COUNT} nodes, which looks like an alias bomb; write the values out instead of aliasing them`
          : `is not valid YAML: ${String((err as Error).message ?? err)}`;
      problems = [{ file, path: '', message }];
      return undefined;
    }
    parsed = { value };
    // Kept only without warnings of any kind and when JSON gives back exactly this value.
    return doc.warnings.length === 0 && isPlainJson(value) ? parsed : undefined;
  };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const kept = keep ? contentCached(YAML_CACHE, `yaml@${(require('yaml/package.json') as { version: string }).version}\0${MAX_ALIAS_COUNT}\0${text}`, parse) : parse();
  if (problems) return { problems };
  return { input: (parsed ?? kept)!.value };
}

/** How {@link parseEnvironment} reads a file. */
export interface ParseEnvironmentOptions {
  /**
   * Keep the parsed YAML of a valid file in `.cache/config-yaml/` and reuse it while the text is
   * the same (the app's loader does; a test parsing thousands of variants should not).
   *
   * @default false
   */
  readonly keepParsedYaml?: boolean;
}

/**
 * Parses and validates one environment file's text.
 *
 * The core fields and every section are parsed on their own, so each problem is reported once
 * and a problem in one section never hides another's. Section checks and checks across sections
 * then run on the typed values of the sections that parsed.
 *
 * @returns the environment, or every problem found in the file
 */
export function parseEnvironment<Core extends EnvironmentCore>(
  file: string,
  text: string,
  registry: ConfigRegistry<Core>,
  options: ParseEnvironmentOptions = {},
): { config?: Environment<Core>; name?: string; problems: ConfigProblem[] } {
  const parsed = readYaml(file, text, options.keepParsedYaml ?? false);
  if ('problems' in parsed) return { problems: parsed.problems };
  const input = parsed.input;
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return {
      problems: [{ file, path: '', message: 'must hold a YAML mapping of environment fields (name, aws, gcp, azure, tags, state...)' }],
    };
  }
  const rawName = (input as { name?: unknown }).name;
  const name = typeof rawName === 'string' ? rawName : undefined;
  const problems: ConfigProblem[] = [];

  const coreSchema = coreWithPlaceholders(registry);
  const core = coreSchema.safeParse(input, { reportInput: true });
  if (!core.success) problems.push(...problemsFromZod(file, coreSchema, input, core.error.issues));

  const values = new Map<ConfigSection, unknown>();
  const partial = new Map<ConfigSection, unknown>();
  for (const section of registry.sections) {
    const segments = section.path.split('.');
    let raw = valueAtPath(input, segments);
    // Under a core field that is missing or not a mapping (`gcp`): reported once, by the core.
    const parents = segments.slice(0, -1).map((_, i) => formatPath(segments.slice(0, i + 1)));
    if (raw === undefined && problems.some((p) => parents.includes(p.path))) continue;
    if (raw === undefined && section.optional) raw = {};
    const parsed = section.schema.safeParse(raw, { reportInput: true });
    if (parsed.success) {
      values.set(section, parsed.data);
    } else {
      const issues = parsed.error.issues.map((i) => ({ ...i, path: [...segments, ...i.path] }));
      const found = problemsFromZod(file, section.schema, input, issues, segments);
      problems.push(...found.filter((p) => !problems.some((q) => q.path === p.path && q.message === p.message)));
      partial.set(section, partialParse(section.schema, raw));
    }
  }

  // Checks run even when some fields are invalid, so one run reports every problem of the file:
  // on the fields that parsed (an invalid field is left out, its problem already reported). A
  // check that needs a field that is not there gives up quietly.
  const schemaProblems = new Set(problems.map((p) => p.path));
  const reported = new Set(schemaProblems);
  const coreValue = (core.success ? core.data : partialParse(coreSchema, input)) as Core;
  const env = new Environment(file, coreValue, values, reported);
  const report: ReportProblem = (p, value, message) => {
    const at = formatPath(p);
    if (schemaProblems.has(at)) return; // a field already reported by its schema
    reported.add(at);
    problems.push({ file, path: at, message: value === undefined ? message : `${show(value)} ${message}` });
  };
  const attempt = (check: () => void) => {
    try {
      check();
    } catch (err) {
      if (core.success && partial.size === 0) throw err; // a bug in a check, not missing input
    }
  };
  for (const section of registry.sections) {
    const value = values.get(section) ?? partial.get(section);
    if (value !== undefined && section.check) attempt(() => section.check!(value as never, env, report));
  }
  for (const check of registry.checks) attempt(() => check(env, report));
  if (core.success && problems.length === 0) return { config: env, name, problems };
  return { name, problems };
}

/**
 * The fields of `value` that are valid by `schema`, each parsed on its own (objects field by field,
 * with their defaults); an invalid field is left out. Used to run checks on a partly invalid file.
 */
function partialParse(schema: z.ZodType, value: unknown): unknown {
  const whole = schema.safeParse(value);
  if (whole.success) return whole.data;
  const def = (schema as { def?: { type?: string; shape?: Record<string, z.ZodType>; innerType?: z.ZodType } }).def;
  if ((def?.type === 'default' || def?.type === 'prefault' || def?.type === 'optional') && def.innerType) {
    return partialParse(def.innerType, value ?? {});
  }
  if (def?.type !== 'object' || !def.shape || value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(def.shape)) {
    const v = partialParse(field, (value as Record<string, unknown>)[key]);
    if (v !== undefined) out[key] = v;
  }
  return out;
}

/** Most alias expansions one environment file may use (the yaml package's default is 100). */
export const MAX_ALIAS_COUNT = 100;

/**
 * One problem per kind of YAML syntax error, each with where it is and what to do: tabs (one
 * problem listing the lines), indentation, keys given twice (with their field path), and the rest.
 */
function yamlProblems(text: string, errors: readonly YAMLError[]): Omit<ConfigProblem, 'file'>[] {
  const out: Omit<ConfigProblem, 'file'>[] = [];
  const duplicates = duplicateKeys(text);
  const line = (e: YAMLError) => e.linePos?.[0]?.line;
  const tabs = errors.filter((e) => e.code === 'TAB_AS_INDENT');
  if (tabs.length > 0) {
    const lines = [...new Set(tabs.map(line).filter((l) => l !== undefined))];
    out.push({
      path: '',
      message: `is not valid YAML: indentation uses tabs (line${lines.length === 1 ? '' : 's'} ${lines.join(', ')}); YAML indents with spaces only`,
    });
  }
  // Errors after the first tab are the parser losing its way because of it: one problem, not eight.
  const firstTab = Math.min(...tabs.map((e) => line(e) ?? Infinity));
  // A key indented deeper than its siblings shows as two errors on the line before; report it once, on its own line.
  const deeper = new Set(errors.filter((e) => e.code === 'MULTILINE_IMPLICIT_KEY').map((e) => line(e)));
  for (const e of errors) {
    if (e.code === 'TAB_AS_INDENT') continue;
    if ((line(e) ?? 0) >= firstTab) continue;
    if (e.code === 'BLOCK_AS_IMPLICIT_KEY' && deeper.has(line(e))) continue;
    if (e.code === 'MULTIPLE_DOCS') {
      out.push({
        path: '',
        message: `is not valid YAML: it holds more than one document (a "---" at line ${line(e) ?? '?'} starts another); keep one environment per file and remove the "---"`,
      });
      continue;
    }
    if (e.code === 'MULTILINE_IMPLICIT_KEY') {
      const at = e.linePos?.[1]?.line;
      out.push({
        path: '',
        message: `is not valid YAML: wrong indentation at line ${at ?? '?'} (its key is indented deeper than the key on line ${line(e) ?? '?'}, which holds a value); indent the keys of one mapping by the same number of spaces`,
      });
      continue;
    }
    if (e.code === 'DUPLICATE_KEY' && duplicates.length > 0) {
      out.push(duplicates.shift()!);
    } else if (/^Flow (sequence|mapping)/.test(e.message)) {
      const at = line(e);
      out.push({
        path: '',
        message: `is not valid YAML: a flow ${/^Flow sequence/.test(e.message) ? 'sequence [' : 'mapping {'} is not closed before line ${at ?? '?'} (${e.message.split('\n')[0]!.replace(/:$/, '')}); end it with ${/^Flow sequence/.test(e.message) ? ']' : '}'}`,
      });
    } else if (e.code === 'BAD_INDENT' || /indent|same column/i.test(e.message)) {
      const at = line(e);
      out.push({
        path: '',
        message: `is not valid YAML: wrong indentation${at ? ` at line ${at}` : ''} (${e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}); indent the keys of one mapping by the same number of spaces`,
      });
    } else {
      out.push({ path: '', message: `is not valid YAML: ${e.message.split('\n')[0]!.replace(/:$/, '')}` });
    }
  }
  return out;
}

/**
 * The text of an environment file, or a problem when it is not UTF-8 (with the line and column
 * of the first byte that is not).
 */
export function decodeEnvironmentFile(bytes: Uint8Array): { text?: string; problem?: string } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    let lo = 0;
    let hi = bytes.length;
    const valid = (n: number) => {
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, n));
        return true;
      } catch {
        return false;
      }
    };
    // The longest valid prefix may end inside a character: step back to find the first bad byte.
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (valid(mid)) lo = mid;
      else hi = mid - 1;
    }
    const before = new TextDecoder('utf-8').decode(bytes.subarray(0, lo));
    const lines = before.split('\n');
    return {
      problem: `is not valid UTF-8 (first invalid byte at line ${lines.length}, column ${lines[lines.length - 1]!.length + 1}); save the file as UTF-8`,
    };
  }
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

/** Environment names must be unique across files. */
export function duplicateNameProblems(names: readonly { file: string; name: string }[]): ConfigProblem[] {
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
  return problems;
}

/**
 * Reads every `*.yaml` / `*.yml` file in `dir` and validates them together.
 *
 * @throws ConfigError listing every problem of every file, before anything is synthesized
 */
export function loadEnvironments<Core extends EnvironmentCore>(
  registry: ConfigRegistry<Core>,
  dir: string = configDir(),
): LoadedEnvironment<Core>[] {
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
  const envs: LoadedEnvironment<Core>[] = [];
  const names: { file: string; name: string }[] = [];
  for (const file of files) {
    const shown = display(file);
    const { text, problem } = decodeEnvironmentFile(fs.readFileSync(file));
    if (problem !== undefined) {
      problems.push({ file: shown, path: '', message: problem });
      continue;
    }
    const { config, name, problems: found } = parseEnvironment(shown, text!, registry, { keepParsedYaml: true });
    problems.push(...found);
    if (config) envs.push({ file: shown, config });
    if (name) names.push({ file: shown, name });
  }
  problems.push(...duplicateNameProblems(names));
  for (const check of registry.crossChecks ?? []) problems.push(...check(envs));
  if (problems.length > 0) throw new ConfigError(problems);
  return envs;
}
