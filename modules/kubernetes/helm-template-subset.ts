import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';
import { contentCached, isPlainJson } from '../core/content-cache';

/**
 * A renderer for the small subset of Helm's Go templates that the project's local charts use, so
 * the charts are checked offline (there is no helm binary here):
 *
 * - `{{ .Values.a.b }}`, `{{ .Release.Name }}`, `{{ .Release.Namespace }}`, `{{ .Release.Service }}`,
 *   `{{ .Chart.Name }}`, `{{ .Chart.Version }}`: a scalar value;
 * - `| quote`: the value as a double-quoted string;
 * - `toYaml <value> | nindent N` (and `indent N`): a map or list as YAML, indented;
 * - `{{ if <value> }}`, `{{ if not <value> }}`, `{{ end }}`: Go truthiness (false, 0, "", empty
 *   map or list, missing are false);
 * - `{{-` and `-}}` trim the whitespace before and after, as in Go templates.
 *
 * Anything else (`include`, `define`, `range`, `with`, `default`, other functions) throws, naming
 * the action, so a chart that leaves the subset fails its test instead of being half-checked.
 *
 * @see https://helm.sh/docs/chart_template_guide/
 */

/** What a template can read. */
export interface TemplateContext {
  readonly Values: Record<string, unknown>;
  readonly Release: { readonly Name: string; readonly Namespace: string; readonly Service?: string };
  readonly Chart: { readonly Name: string; readonly Version: string };
}

type Node = { text: string } | { expr: string } | { if: { expr: string; negate: boolean }; body: Node[] };

/** Splits a template into text and actions, applying `{{-`/`-}}` trimming. */
function tokenize(template: string): ({ text: string } | { action: string })[] {
  const tokens: ({ text: string } | { action: string })[] = [];
  const re = /\{\{(-?)\s*([\s\S]*?)\s*(-?)\}\}/g;
  let last = 0;
  let trimNext = false;
  for (let m = re.exec(template); m; m = re.exec(template)) {
    let text = template.slice(last, m.index);
    if (trimNext) text = text.replace(/^\s+/, '');
    if (m[1] === '-') text = text.replace(/\s+$/, '');
    tokens.push({ text });
    tokens.push({ action: m[2]! });
    trimNext = m[3] === '-';
    last = re.lastIndex;
  }
  let rest = template.slice(last);
  if (trimNext) rest = rest.replace(/^\s+/, '');
  tokens.push({ text: rest });
  return tokens;
}

function parseNodes(tokens: ({ text: string } | { action: string })[], file: string): Node[] {
  const root: Node[] = [];
  const stack: Node[][] = [root];
  for (const token of tokens) {
    const top = stack[stack.length - 1]!;
    if ('text' in token) {
      if (token.text) top.push({ text: token.text });
      continue;
    }
    const action = token.action;
    if (action.startsWith('/*')) continue;
    const ifMatch = /^if\s+(not\s+)?(\S+)$/.exec(action);
    if (ifMatch) {
      const node: Node = { if: { expr: ifMatch[2]!, negate: ifMatch[1] !== undefined }, body: [] };
      top.push(node);
      stack.push(node.body);
    } else if (action === 'end') {
      if (stack.length === 1) throw new Error(`${file}: {{ end }} without {{ if }}`);
      stack.pop();
    } else top.push({ expr: action });
  }
  if (stack.length !== 1) throw new Error(`${file}: {{ if }} without {{ end }}`);
  return root;
}

function lookup(path: string, ctx: TemplateContext, file: string): unknown {
  if (!path.startsWith('.')) throw new Error(`${file}: "${path}" is outside the template subset (only .Values, .Release, .Chart paths)`);
  const parts = path.slice(1).split('.');
  if (!['Values', 'Release', 'Chart'].includes(parts[0]!)) throw new Error(`${file}: "${path}" is outside the template subset`);
  let value: unknown = ctx;
  for (const part of parts) value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
  if (value === undefined && parts[0] === 'Release' && parts[1] === 'Service') return 'Helm';
  return value;
}

function truthy(value: unknown): boolean {
  if (value === undefined || value === null || value === false || value === 0 || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return true;
}

function indent(text: string, n: number): string {
  return text
    .split('\n')
    .map((line) => (line ? ' '.repeat(n) + line : line))
    .join('\n');
}

function evaluate(expr: string, ctx: TemplateContext, file: string): string {
  const stages = expr.split('|').map((s) => s.trim());
  const head = stages[0]!;
  let value: unknown;
  let isYaml = false;
  const toYaml = /^toYaml\s+(\S+)$/.exec(head);
  if (toYaml) {
    const v = lookup(toYaml[1]!, ctx, file);
    value = v === undefined ? '' : stringify(v, { lineWidth: 0 }).replace(/\n$/, '');
    isYaml = true;
  } else if (/^\.\S+$/.test(head)) value = lookup(head, ctx, file);
  else throw new Error(`${file}: action "{{ ${expr} }}" is outside the template subset`);

  for (const stage of stages.slice(1)) {
    const n = /^(n?indent)\s+([0-9]+)$/.exec(stage);
    if (stage === 'quote') value = JSON.stringify(value === undefined ? '' : String(value));
    else if (n && isYaml) value = (n[1] === 'nindent' ? '\n' : '') + indent(String(value), Number(n[2]));
    else throw new Error(`${file}: pipeline stage "${stage}" in "{{ ${expr} }}" is outside the template subset`);
  }
  if (value !== null && typeof value === 'object') throw new Error(`${file}: "{{ ${expr} }}" prints a map or list; use toYaml ... | nindent N`);
  return value === undefined || value === null ? '' : String(value);
}

function renderNodes(nodes: Node[], ctx: TemplateContext, file: string): string {
  let out = '';
  for (const node of nodes) {
    if ('text' in node) out += node.text;
    else if ('expr' in node) out += evaluate(node.expr, ctx, file);
    else {
      const v = truthy(lookup(node.if.expr, ctx, file));
      if (v !== node.if.negate) out += renderNodes(node.body, ctx, file);
    }
  }
  return out;
}

/** Renders one template of the subset. */
export function renderTemplate(template: string, ctx: TemplateContext, file = 'template'): string {
  return renderNodes(parseNodes(tokenize(template), file), ctx, file);
}

/** Deep-merges `over` onto `base` as Helm merges values (maps merge, everything else replaces). */
export function mergeValues(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = out[k];
    const isMap = (x: unknown): x is Record<string, unknown> => x !== null && typeof x === 'object' && !Array.isArray(x);
    out[k] = isMap(v) && isMap(b) ? mergeValues(b, v) : v;
  }
  return out;
}

/** A local chart read from disk: its Chart.yaml, default values and templates. */
export interface LocalChart {
  readonly dir: string;
  readonly name: string;
  readonly version: string;
  readonly values: Record<string, unknown>;
  /** Template file (relative to `templates/`) -> text. */
  readonly templates: Record<string, string>;
}

/**
 * Where the parsed YAML of charts is kept, by content: `.cache/chart-yaml/`, keyed by the text and
 * the yaml package's version; `INFRA_CHART_CACHE=off` turns it off. Parsing the rendered templates
 * was most of a chart's check in a synth (every environment renders other text, and the texts
 * rarely change between two synths). Only a text that parses without an error or a warning into
 * plain JSON values is kept; rendering and the checks of the objects run every time.
 */
const CHART_YAML_CACHE = { kind: 'chart-yaml', offSwitch: 'INFRA_CHART_CACHE' } as const;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const YAML_VERSION = (require('yaml/package.json') as { version: string }).version;

/**
 * The values of every document of a YAML text (empty documents left out); throws on invalid YAML,
 * naming `what` (`templates/x.yaml: rendered YAML`).
 */
function yamlDocuments(text: string, what: string): unknown[] {
  let values: unknown[] | undefined;
  const kept = contentCached(CHART_YAML_CACHE, `yaml@${YAML_VERSION}\0documents\0${text}`, () => {
    const docs = parseAllDocuments(text);
    values = [];
    let warnings = 0;
    for (const doc of docs) {
      if (doc.errors.length > 0) throw new Error(`${what} is invalid: ${doc.errors[0]!.message}`);
      warnings += doc.warnings.length;
      const value: unknown = doc.toJS();
      if (value !== null && value !== undefined) values.push(value);
    }
    return warnings === 0 && isPlainJson(values) ? values : undefined;
  });
  return (values ?? kept)!;
}

/** The one document of a chart's Chart.yaml or values.yaml (undefined when empty). */
function chartFile(dir: string, name: string): unknown {
  const file = join(dir, name);
  const docs = yamlDocuments(readFileSync(file, 'utf8'), `${file}: YAML`);
  if (docs.length > 1) throw new Error(`${file}: holds ${docs.length} YAML documents; Helm reads one`);
  return docs[0];
}

/** Reads a local chart folder. */
export function readLocalChart(dir: string): LocalChart {
  const chart = chartFile(dir, 'Chart.yaml') as { name: string; version: string };
  const values = (chartFile(dir, 'values.yaml') ?? {}) as Record<string, unknown>;
  const templates: Record<string, string> = {};
  for (const file of readdirSync(join(dir, 'templates')).sort()) {
    if (file.endsWith('.yaml') || file.endsWith('.yml')) templates[file] = readFileSync(join(dir, 'templates', file), 'utf8');
  }
  return { dir, name: chart.name, version: chart.version, values, templates };
}

/**
 * Renders every template of a local chart with its values merged with `values`, as Helm would for
 * a release `releaseName` in `namespace`: the Kubernetes objects, keyed by template file.
 */
export function renderLocalChart(chart: LocalChart, releaseName: string, namespace: string, values: Record<string, unknown> = {}): Record<string, Record<string, any>[]> {
  const ctx: TemplateContext = {
    Values: mergeValues(chart.values, values),
    Release: { Name: releaseName, Namespace: namespace, Service: 'Helm' },
    Chart: { Name: chart.name, Version: chart.version },
  };
  const out: Record<string, Record<string, any>[]> = {};
  for (const [file, text] of Object.entries(chart.templates)) {
    const rendered = renderTemplate(text, ctx, `templates/${file}`);
    out[file] = yamlDocuments(rendered, `templates/${file}: rendered YAML`) as Record<string, any>[];
  }
  return out;
}

/**
 * SHA-256 of a chart folder: every file's path and content, in path order. Put in the release's
 * values, a change to any file of the chart changes the release, so Terraform upgrades it.
 */
export function chartChecksum(dir: string): string {
  const hash = createHash('sha256');
  const walk = (d: string): string[] =>
    readdirSync(d)
      .sort()
      .flatMap((f) => (statSync(join(d, f)).isDirectory() ? walk(join(d, f)) : [join(d, f)]));
  for (const file of walk(dir)) {
    hash.update(relative(dir, file).split(sep).join('/'));
    hash.update('\0');
    hash.update(readFileSync(file));
    hash.update('\0');
  }
  return hash.digest('hex');
}
