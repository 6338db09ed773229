import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { offlineTerraformEnv } from './offline-terraform';

/**
 * Mock values for `terraform test` with `mock_provider`, generated from the provider schema.
 *
 * A mocked provider invents a random string for every computed attribute it is not told about.
 * Where the provider's own validation (or an index into a computed block) needs more than that,
 * the value is generated from the attribute's name and type, for every resource type alike,
 * never written by hand per resource: `arn`/`*_arn` get a syntactically valid ARN (ids stay
 * random: unique per instance), IP addresses an address, `secret_string` a JSON credential,
 * `*_json`/`policy` the JSON `{}`, lists one element so `x[0].y` works.
 *
 * @see https://developer.hashicorp.com/terraform/language/tests/mocking
 */

const ROOT = path.resolve(__dirname, '..', '..');
const ACCOUNT = '123456789012';
const REGION = 'eu-west-1';

/** A Terraform schema type: `"string"`, `["list", T]`, `["object", {..}]`, ... */
export type SchemaType = string | [string, SchemaType | Record<string, SchemaType>];

/** A block of a provider schema (resource, data source or nested block). */
export interface SchemaBlock {
  attributes?: Record<string, { type?: SchemaType; computed?: boolean; optional?: boolean; required?: boolean; nested_type?: unknown }>;
  block_types?: Record<string, { nesting_mode: string; block: SchemaBlock; min_items?: number; max_items?: number }>;
}

/** The parts of `terraform providers schema -json` the mocks use, for one provider. */
export interface ProviderSchema {
  resource_schemas: Record<string, { block: SchemaBlock }>;
  data_source_schemas: Record<string, { block: SchemaBlock }>;
}

/**
 * The provider's schema, from `terraform providers schema -json`, cached in `.cache/` by version.
 *
 * @param source such as `hashicorp/aws`
 * @param version an exact version in the mirror, such as `5.100.0`
 */
export function providerSchema(source: string, version: string, mirror: string): ProviderSchema {
  const cacheDir = path.join(ROOT, '.cache', 'provider-schema');
  const file = path.join(cacheDir, `${source.replace('/', '-')}-${version}.json`);
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8'));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tf-schema-'));
  try {
    const name = source.split('/').pop()!;
    fs.writeFileSync(
      path.join(dir, 'main.tf.json'),
      JSON.stringify({ terraform: { required_providers: { [name]: { source, version } } } }),
    );
    const env = offlineTerraformEnv(mirror);
    const init = spawnSync('terraform', ['init', '-backend=false', '-input=false', '-no-color'], { cwd: dir, env, encoding: 'utf8' });
    if (init.status !== 0) throw new Error(`terraform init for the ${source} schema failed: ${init.stderr || init.stdout}`);
    const out = spawnSync('terraform', ['providers', 'schema', '-json'], { cwd: dir, env, encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024 });
    if (out.status !== 0) throw new Error(`terraform providers schema failed: ${out.stderr}`);
    const all = JSON.parse(out.stdout).provider_schemas as Record<string, ProviderSchema>;
    const schema = Object.entries(all).find(([k]) => k.endsWith(`/${source}`))?.[1];
    if (!schema) throw new Error(`no schema for ${source} in terraform providers schema output`);
    const slim: ProviderSchema = { resource_schemas: schema.resource_schemas, data_source_schemas: schema.data_source_schemas };
    fs.mkdirSync(cacheDir, { recursive: true });
    fs.writeFileSync(file, JSON.stringify(slim));
    return slim;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Mock ids of the resource types whose ids other resources' arguments validate. */
const ID_FORMS: Readonly<Record<string, string>> = {
  aws_launch_template: 'lt-0123456789abcdef0',
};

/** The AWS service of a resource type for its mock ARN: `aws_sns_topic` -> `sns`. */
function service(type: string): string {
  return type.replace(/^aws_/, '').split('_')[0] ?? 'mock';
}

/** A mock value for one attribute, by name and type. */
export function mockValue(type: SchemaType, attribute: string, resourceType: string): unknown {
  if (typeof type === 'string') {
    if (type === 'number') return 1;
    if (type === 'bool') return false;
    if (type !== 'string') return null;
    if (attribute === 'arn' || attribute.endsWith('_arn')) {
      return `arn:aws:${service(resourceType)}:${REGION}:${ACCOUNT}:${resourceType.replace(/^aws_/, '')}/mock`;
    }
    // Ids the provider checks the form of (a node group's launch template id must start "lt-").
    if (attribute === 'id' && ID_FORMS[resourceType]) return ID_FORMS[resourceType];
    // `id` keeps the mock provider's random string: a fixed default would give every instance
    // of a type the same id, and a set of three subnet ids would collapse to one.
    if (attribute === 'secret_string') return JSON.stringify({ username: 'mock-username', password: 'mock-password' });
    if (attribute === 'policy' || attribute.endsWith('_json') || attribute === 'json') return '{}';
    if (attribute === 'account_id' || attribute.endsWith('_account_id') || attribute === 'owner_id') return ACCOUNT;
    if (attribute === 'region') return REGION;
    // data.aws_region's `name` is the region too (ARNs and service names are built from it).
    if (resourceType === 'aws_region' && attribute === 'name') return REGION;
    if (attribute === 'partition') return 'aws';
    // URLs the provider parses (an EKS cluster's OIDC issuer feeds aws_iam_openid_connect_provider.url).
    if (attribute === 'issuer' || attribute === 'url' || attribute.endsWith('_url') || attribute === 'endpoint') {
      return 'https://mock.example.com/id/MOCK';
    }
    if (attribute.endsWith('cidr_block')) return '10.0.0.0/16';
    if (/(^|_)(ip|ip_address|public_ip|private_ip|address)$/.test(attribute)) return '10.0.0.10';
    return undefined; // the mock provider's random string is fine
  }
  const [kind, inner] = type;
  if (kind === 'list' || kind === 'set') {
    const v = mockValue(inner as SchemaType, attribute, resourceType);
    return v === undefined ? undefined : [v];
  }
  if (kind === 'map') return {};
  if (kind === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, t] of Object.entries(inner as Record<string, SchemaType>)) {
      const v = mockValue(t, k, resourceType);
      out[k] = v === undefined ? (t === 'string' ? `mock-${k}` : null) : v;
    }
    return out;
  }
  return undefined;
}

/**
 * Defaults for one resource or data source type: every computed attribute the name rules cover,
 * and one element for each block list whose attributes are all computed (`master_user_secret`),
 * so `x[0].y` expressions evaluate.
 */
export function mockDefaults(block: SchemaBlock, resourceType: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, attr] of Object.entries(block.attributes ?? {})) {
    if (!attr.computed || !attr.type) continue;
    const v = mockValue(attr.type, name, resourceType);
    if (v !== undefined) out[name] = v;
  }
  return out;
}

/** Value to HCL syntax (objects as `{ "k" = v }`, template sequences escaped). */
export function toHcl(value: unknown, indent = ''): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return JSON.stringify(value).replace(/\$\{/g, '$${').replace(/%\{/g, '%%{');
  if (typeof value !== 'object') return JSON.stringify(value);
  const next = `${indent}  `;
  if (Array.isArray(value)) return `[${value.map((v) => toHcl(v, next)).join(', ')}]`;
  const entries = Object.entries(value);
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([k, v]) => `${next}${JSON.stringify(k)} = ${toHcl(v, next)}`).join('\n')}\n${indent}}`;
}

/**
 * `mock_provider` block with `mock_resource`/`mock_data` defaults for the given types.
 *
 * @param provider local provider name, such as `aws`
 */
export function mockProviderBlock(
  provider: string,
  schema: ProviderSchema,
  types: { resources: readonly string[]; dataSources: readonly string[] },
  alias?: string,
): string {
  const parts: string[] = [`mock_provider "${provider}" {`];
  if (alias) parts.push(`  alias = "${alias}"`);
  for (const [kind, list, schemas] of [
    ['mock_resource', types.resources, schema.resource_schemas],
    ['mock_data', types.dataSources, schema.data_source_schemas],
  ] as const) {
    for (const type of [...new Set(list)].sort()) {
      const s = schemas[type];
      if (!s) continue;
      const defaults = mockDefaults(s.block, type);
      if (Object.keys(defaults).length === 0) continue;
      parts.push(`  ${kind} "${type}" {`, `    defaults = ${toHcl(defaults, '    ')}`, '  }');
    }
  }
  parts.push('}');
  return parts.join('\n');
}
