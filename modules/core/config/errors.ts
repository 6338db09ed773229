import type { z } from 'zod';
import { didYouMean } from './suggest';

/** One problem found in one environment file. */
export interface ConfigProblem {
  /** The file the problem is in, relative to the working directory. */
  readonly file: string;
  /** Dotted field path inside the file, such as `aws.network.cidr` (empty for the whole file). */
  readonly path: string;
  /** What is wrong, with the value received and what is allowed. */
  readonly message: string;
}

/**
 * Every problem found in a set of environment files, reported together.
 *
 * Thrown before any construct exists, so a failing synth writes no stack.
 */
export class ConfigError extends Error {
  public readonly problems: readonly ConfigProblem[];

  constructor(problems: readonly ConfigProblem[]) {
    super(
      `${problems.length} problem${problems.length === 1 ? '' : 's'} in environment configuration:\n` +
        problems.map((p) => `  - ${formatProblem(p)}`).join('\n'),
    );
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/** `config/prod.yaml: aws.region "eu-west-9" is not a known AWS region; ...` */
export function formatProblem(p: ConfigProblem): string {
  return p.path ? `${p.file}: ${p.path} ${p.message}` : `${p.file}: ${p.message}`;
}

/** Formats a path such as `['aws', 'network', 'subnets', 0]` as `aws.network.subnets[0]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out ? `.${String(seg)}` : String(seg);
  }
  return out;
}

/** Renders a received value for an error message: strings quoted, long values shortened. */
export function show(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'number' && !Number.isFinite(value)) return Number.isNaN(value) ? '.nan' : value > 0 ? '.inf' : '-.inf';
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  const shown = text.length > 80 ? `${text.slice(0, 77)}...` : text;
  return typeof value === 'string' ? `${shown}${unusualCharacters(value)}` : shown;
}

/**
 * A note naming the characters of `text` that are not printable ASCII (a Cyrillic "а" that looks
 * like "a", a no-break or zero-width space), which a message would otherwise print invisibly; ""
 * when there are none.
 */
export function unusualCharacters(text: string): string {
  const found: string[] = [];
  let position = 0;
  for (const ch of text) {
    position++;
    if (/[\x20-\x7e]/.test(ch)) continue;
    if (found.length < 3) found.push(`U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} at character ${position}`);
    else if (found.length === 3) found.push('...');
  }
  return found.length === 0 ? '' : ` (contains ${found.join(', ')}, not plain ASCII: retype it)`;
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'number' && !Number.isFinite(value)) return Number.isNaN(value) ? '.nan (not a number)' : 'infinity';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'object') return 'mapping';
  return typeof value;
}

type AnySchema = z.ZodType & { def?: { type: string; [k: string]: unknown } };

const WRAPPERS = new Set(['optional', 'default', 'nullable', 'prefault', 'readonly', 'catch', 'nonoptional']);

function unwrap(schema: AnySchema | undefined): AnySchema | undefined {
  let s = schema;
  for (let i = 0; s?.def && i < 20; i++) {
    if (WRAPPERS.has(s.def.type)) s = s.def.innerType as AnySchema;
    else if (s.def.type === 'pipe') s = s.def.in as AnySchema;
    else if (s.def.type === 'lazy') s = (s.def.getter as () => AnySchema)();
    else break;
  }
  return s;
}

/** The schema that describes the field at `path`, used to list the allowed fields of an object. */
export function schemaAt(root: z.ZodType, path: readonly PropertyKey[]): AnySchema | undefined {
  let s: AnySchema | undefined = unwrap(root as AnySchema);
  for (const seg of path) {
    if (!s?.def) return undefined;
    switch (s.def.type) {
      case 'object':
        s = (s.def.shape as Record<string, AnySchema>)[String(seg)];
        break;
      case 'array':
        s = s.def.element as AnySchema;
        break;
      case 'record':
        s = s.def.valueType as AnySchema;
        break;
      default:
        return undefined;
    }
    s = unwrap(s);
  }
  return s;
}

function allowedFields(root: z.ZodType, path: readonly PropertyKey[]): string[] {
  const s = schemaAt(root, path);
  if (s?.def?.type !== 'object') return [];
  return Object.keys(s.def.shape as Record<string, unknown>);
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = input;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[seg as string];
  }
  return v;
}

/**
 * Turns zod issues into problems that name the field, the value received and what is allowed.
 *
 * @param file the file the input came from
 * @param root the schema the input was checked against (to list allowed fields)
 * @param input the parsed file, to quote the received value
 * @param rootPath where `root` sits in the file (issues carry paths from the file's root)
 */
export function problemsFromZod(
  file: string,
  root: z.ZodType,
  input: unknown,
  issues: readonly z.core.$ZodIssue[],
  rootPath: readonly PropertyKey[] = [],
): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  for (const issue of issues) {
    const path = formatPath(issue.path);
    const value = 'input' in issue && issue.input !== undefined ? issue.input : valueAt(input, issue.path);
    switch (issue.code) {
      case 'unrecognized_keys': {
        const allowed = allowedFields(root, issue.path.slice(rootPath.length));
        for (const key of issue.keys) {
          out.push({
            file,
            path: formatPath([...issue.path, key]),
            message: `is not a known field${unusualCharacters(key)}${key === '<<' ? ' (YAML merge keys are not supported; write the fields out)' : didYouMean(key, allowed)}; allowed fields here: ${allowed.join(', ') || '(none)'}`,
          });
        }
        break;
      }
      case 'invalid_type':
        if (value === undefined) {
          out.push({ file, path, message: `is missing; it is required (${issue.expected})` });
        } else {
          // YAML reads an unquoted 012345678901 as a number (and drops the leading zero).
          const quote =
            issue.expected === 'string' && typeof value === 'number'
              ? '; quote it in YAML ("..."), or leading zeros are lost'
              : issue.expected === 'boolean' && typeof value === 'string'
                ? '; write true or false without quotes (YAML 1.2 reads yes, no, on and off as text)'
                : issue.expected === 'number' && typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value))
                  ? '; write the number without quotes'
                  : '';
          const expected = issue.expected === 'int' ? 'a whole number' : issue.expected;
          out.push({
            file,
            path,
            message: `${show(value)} has the wrong type: expected ${expected}, got ${kindOf(value)}${quote}`,
          });
        }
        break;
      case 'invalid_value':
        out.push({
          file,
          path,
          message: `${show(value)} is not allowed; allowed values: ${issue.values.map((v) => show(v)).join(', ')}`,
        });
        break;
      case 'too_small':
      case 'too_big': {
        // zod's safe-integer bound on a field that has its own, smaller bound repeats the same problem.
        if (issue.code === 'too_big' && issue.maximum === Number.MAX_SAFE_INTEGER && issues.some((i) => i !== issue && i.code === 'too_big' && formatPath(i.path) === path)) break;
        // A schema's own message (`.min(1, { message: 'is empty; ...' })`) says more than the bound.
        if (!/^(Too small|Too big)\b/.test(issue.message)) {
          out.push({ file, path, message: `${show(value)} ${issue.message}` });
          break;
        }
        const bound = issue.code === 'too_small' ? issue.minimum : issue.maximum;
        const cmp = issue.code === 'too_small' ? (issue.inclusive ? '>=' : '>') : issue.inclusive ? '<=' : '<';
        const what =
          issue.origin === 'string'
            ? `a length ${cmp} ${String(bound)}`
            : issue.origin === 'array'
              ? `a list of ${cmp} ${String(bound)} items`
              : `a value ${cmp} ${String(bound)}`;
        out.push({ file, path, message: `${show(value)} is out of range; allowed: ${what}` });
        break;
      }
      case 'invalid_key': {
        // A record key that breaks the key schema: zod nests the key's own issues; report their message.
        const inner = issue.issues.map((i) => i.message).filter((m, i, all) => all.indexOf(m) === i);
        const key = issue.input ?? issue.path[issue.path.length - 1];
        out.push({ file, path, message: `${show(key)} ${inner.length > 0 ? inner.join('; ') : 'is not an allowed key here'}` });
        break;
      }
      default:
        out.push({ file, path, message: value === undefined ? issue.message : `${show(value)} ${issue.message}` });
    }
  }
  return out;
}
