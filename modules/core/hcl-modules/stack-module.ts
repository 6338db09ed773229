/**
 * Turns a synthesized cdktf stack (`cdk.tf.json`) into a reusable Terraform child module.
 *
 * Pure functions over JSON: the stack classes and constructs are not written twice, the module
 * is the stack's own synthesized configuration with the parts a child module must not carry
 * taken out (backend, provider configuration) and each cross-stack read
 * (`data.terraform_remote_state.cross-stack-reference-input-<producer>.outputs.<output>`) turned
 * into a typed input variable.
 *
 * @see https://developer.hashicorp.com/terraform/language/modules/develop/providers
 * @see https://developer.hashicorp.com/terraform/language/syntax/json
 */

/** Prefix cdktf gives the remote-state data source that reads another stack. */
export const REMOTE_STATE_PREFIX = 'cross-stack-reference-input-';
/** Prefix cdktf gives the outputs it adds for other stacks to read. */
export const CROSS_STACK_OUTPUT_PREFIX = 'cross-stack-output-';

/** A synthesized stack: its name and its `cdk.tf.json` content. */
export interface SynthesizedStack {
  /** Stack name, as in `cdktf.out/stacks/<name>`. */
  readonly name: string;
  /** Parsed `cdk.tf.json`. */
  readonly json: TerraformJson;
  /** Stacks this one depends on (from the cdktf manifest), read through remote state or not. */
  readonly dependencies?: readonly string[];
}

/** Terraform JSON configuration, loosely typed: only the blocks the transform touches are named. */
export interface TerraformJson {
  terraform?: { backend?: Record<string, unknown>; required_providers?: Record<string, RequiredProviderJson>; [k: string]: unknown };
  provider?: Record<string, Record<string, unknown>[]>;
  variable?: Record<string, Record<string, unknown>>;
  output?: Record<string, OutputJson>;
  data?: Record<string, Record<string, unknown>>;
  resource?: Record<string, Record<string, unknown>>;
  [k: string]: unknown;
}

/** One `required_providers` entry. */
export interface RequiredProviderJson {
  source?: string;
  version?: string;
  configuration_aliases?: string[];
}

/** One output block. */
export interface OutputJson {
  value: unknown;
  description?: string;
  sensitive?: boolean;
  [k: string]: unknown;
}

/** An input variable of a generated module: one value another stack produces. */
export interface ModuleInput {
  /** Variable name in the module. */
  readonly name: string;
  /** Terraform type constraint, such as `string` or `number`. */
  readonly type: string;
  /** What the value is and where it comes from. */
  readonly description: string;
  /** True when the value is a secret (a password, a key: sensitive in the producer and secret by name). */
  readonly sensitive: boolean;
  /** Stack that produces the value. */
  readonly producer: string;
  /** Output of the producer that holds the value. */
  readonly producerOutput: string;
}

/** An output of a generated module. */
export interface ModuleOutput {
  readonly name: string;
  readonly description: string;
  readonly sensitive: boolean;
  /** True for the outputs cdktf adds for other stacks (`cross-stack-output-...`). */
  readonly crossStack: boolean;
}

/** A provider a module requires. */
export interface ModuleProvider {
  /** Local name, such as `aws`. */
  readonly name: string;
  /** Source address, such as `hashicorp/aws`. */
  readonly source: string;
  readonly version?: string;
  /** Aliased configurations the caller must pass (`aws.secondary`). */
  readonly aliases: readonly string[];
}

/** A stack turned into a child module. */
export interface StackModule {
  /** The stack (and module folder) name. */
  readonly stack: string;
  /** The module's Terraform JSON (`main.tf.json`). */
  readonly json: TerraformJson;
  readonly inputs: readonly ModuleInput[];
  readonly outputs: readonly ModuleOutput[];
  readonly providers: readonly ModuleProvider[];
  /** The stack's provider blocks, by provider name: the composed root configures them. */
  readonly providerConfigs: Readonly<Record<string, readonly Record<string, unknown>[]>>;
  /** Resource (and data source) blocks by type, with how many of each. */
  readonly resources: readonly { readonly kind: 'resource' | 'data'; readonly type: string; readonly count: number; readonly repeated: number }[];
  /** Stacks it depends on without reading a value of theirs (wired with `depends_on` when composed). */
  readonly orderOnlyDependencies: readonly string[];
}

/** Matches one cross-stack read inside a Terraform expression string. */
const REMOTE_READ = /data\.terraform_remote_state\.cross-stack-reference-input-([A-Za-z0-9_-]+?)\.outputs\.([A-Za-z0-9_-]+)/g;
const LEFTOVER_READ = /data\.terraform_remote_state\.cross-stack-reference-input-[A-Za-z0-9_-]+/;

/**
 * Attributes that hold numbers, for typing inputs from the producer's value expression.
 *
 * Everything else read across stacks in this project is a string (ids, names, ARNs, addresses).
 */
const NUMBER_ATTRIBUTE = /^(port|.*_port|.*_count|.*_days|.*_seconds|.*_minutes|allocated_storage|max_allocated_storage|priority|asn|.*_asn|size|.*_size|.*_gb)$/;
const BOOL_ATTRIBUTE = /^(enabled|.*_enabled|multi_az|publicly_accessible|.*_protection)$/;
const LIST_ATTRIBUTE = /^(.*_ids|.*_arns|.*_names|names|cidr_blocks|.*_cidr_blocks|availability_zones|ipv6_cidr_blocks)$/;

/** Turns an id into a Terraform-friendly snake_case name. */
export function snakeName(id: string): string {
  const s = id
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toLowerCase();
  return /^[0-9]/.test(s) ? `v_${s}` : s || 'value';
}

/** The stack's kind within its environment: `prod-aws-network` in `prod` -> `aws-network`. */
export function stackKind(stack: string, environment: string): string {
  return stack.startsWith(`${environment}-`) ? stack.slice(environment.length + 1) : stack;
}

/**
 * Infers a Terraform type constraint from the expression an output holds.
 *
 * Literal values give their own type; a reference is typed by its last attribute name (a port
 * is a number, `*_ids` a list of strings), and is a string otherwise.
 */
export function inferType(value: unknown): string {
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'bool';
  if (Array.isArray(value)) {
    const inner = value.map(inferType);
    return inner.length > 0 && inner.every((t) => t === inner[0]) ? `list(${inner[0]})` : 'list(any)';
  }
  if (value !== null && typeof value === 'object') return 'any';
  if (typeof value !== 'string') return 'any';
  const ref = /^\$\{([A-Za-z0-9_.\-[\]"]+)\}$/.exec(value);
  if (!ref) return value.includes('${') ? 'any' : 'string';
  const attr = ref[1]!.replace(/\[[^\]]*\]/g, '').split('.').pop() ?? '';
  if (NUMBER_ATTRIBUTE.test(attr)) return 'number';
  if (BOOL_ATTRIBUTE.test(attr)) return 'bool';
  if (LIST_ATTRIBUTE.test(attr)) return 'list(string)';
  return 'string';
}

/** `${aws_vpc.network_vpc_4E8F0223.id}` -> `aws_vpc.network_vpc_4E8F0223.id`; undefined when not one plain reference. */
function plainReference(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  return /^\$\{([^${}]+)\}$/.exec(value)?.[1];
}

/**
 * A name from a reference: `aws_subnet.network_private_a_subnet_7A3408B0.id` -> `network_private_a_subnet_id`.
 *
 * The 8-hex-digit suffix cdktf adds to resource names is dropped.
 */
export function referenceName(ref: string | undefined): string | undefined {
  const m = ref ? /^(?:data\.)?[a-z0-9_]+\.([A-Za-z0-9_-]+)\.(.+)$/.exec(ref) : null;
  if (!m) return undefined;
  const resource = m[1]!.replace(/_[0-9A-F]{8}$/, '');
  const attr = m[2]!.replace(/\[(\d+)\]/g, '_$1').replace(/\./g, '_');
  return `${resource.replace(/[^A-Za-z0-9]+/g, '_')}_${attr}`.toLowerCase().replace(/_+/g, '_');
}

/** A readable sentence from an output id: `alerts_topic_arn` -> `Alerts topic ARN`. */
export function describeId(id: string): string {
  const words = snakeName(id)
    .split('_')
    .filter(Boolean)
    .map((w) => (/^(arn|id|ids|dns|ip|url|kms|vpc|az|fqdn|sg|cidr|ipv6|rds|dms|sns|vpn)$/.test(w) ? w.toUpperCase() : w));
  const text = words.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Description of an output that lacks one, from its id and what it holds. */
function describeOutput(id: string, value: unknown): string {
  const ref = plainReference(value);
  if (id.startsWith(CROSS_STACK_OUTPUT_PREFIX)) {
    return ref ? `\`${ref}\`, read by other stacks of the environment` : 'Value read by other stacks of the environment';
  }
  return ref ? `${describeId(id)} (\`${ref}\`)` : describeId(id);
}

/**
 * Replaces every cross-stack read in every string of a JSON value.
 *
 * Copy on write: a subtree in which no string changes is returned as it is (most of a stack's
 * JSON reads nothing from another stack), so the module shares it with the stack's JSON. Nothing
 * modifies either afterwards.
 */
function rewriteStrings(value: unknown, rewrite: (s: string) => string): unknown {
  if (typeof value === 'string') return rewrite(value);
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      const r = rewriteStrings(v, rewrite);
      if (r !== v && !out) out = value.slice(0, i);
      out?.push(r);
    }
    return out ?? value;
  }
  if (value !== null && typeof value === 'object') {
    let out: Record<string, unknown> | undefined;
    const entries = Object.entries(value);
    for (let i = 0; i < entries.length; i++) {
      const [k, v] = entries[i]!;
      const r = rewriteStrings(v, rewrite);
      if (r !== v && !out) out = Object.fromEntries(entries.slice(0, i));
      if (out) out[k] = r;
    }
    return out ?? value;
  }
  return value;
}

/**
 * Names and describes the input for one value read from a producer.
 *
 * When the producer also exports the same expression under a named output (`vpc_id`), the input
 * takes that name and description: `aws_network_vpc_id`. Otherwise the name is derived from the
 * cross-stack output id.
 */
function inputFor(
  producer: SynthesizedStack | undefined,
  producerName: string,
  outputId: string,
  environment: string,
): Omit<ModuleInput, 'name'> & { base: string } {
  const kind = snakeName(stackKind(producerName, environment));
  const out = producer?.json.output?.[outputId];
  const value = out?.value;
  const named = producer
    ? Object.entries(producer.json.output ?? {}).find(
        ([k, o]) => !k.startsWith(CROSS_STACK_OUTPUT_PREFIX) && JSON.stringify(o.value) === JSON.stringify(value),
      )
    : undefined;
  const ref = plainReference(value);
  const base = `${kind}_${named ? snakeName(named[0]) : referenceName(ref) ?? snakeName(outputId.replace(CROSS_STACK_OUTPUT_PREFIX, ''))}`;
  const what = named?.[1].description ?? (ref ? `\`${ref}\`` : describeId(outputId));
  return {
    base,
    type: out ? inferType(value) : 'any',
    description: `${what}. From stack ${producerName} (output \`${named?.[0] ?? outputId}\`).`,
    // cdktf marks every cross-stack output sensitive; as a module input only a secret is (a
    // sensitive input would make every output derived from it sensitive for its callers).
    sensitive: out?.sensitive === true && isSecretValue(value, named?.[1].sensitive === true),
    producer: producerName,
    producerOutput: outputId,
  };
}

/**
 * Transforms a synthesized stack into a child module.
 *
 * @param stack the stack to transform
 * @param stacks every stack of the app, by name (to type and describe the values it reads)
 * @param environment the stack's environment, to name inputs after the producer's kind
 */
export function stackToModule(stack: SynthesizedStack, stacks: ReadonlyMap<string, SynthesizedStack>, environment: string): StackModule {
  const src = stack.json;
  const inputs = new Map<string, ModuleInput>();
  const byRead = new Map<string, string>();
  const used = new Set<string>();

  // A cross-stack read left in a rewritten string (not `outputs.<name>`: the whole remote state).
  let leftover: string | undefined;
  // Most strings read nothing from another stack: a substring test skips the regular expression.
  const rewrite = (s: string): string => {
    if (!s.includes('terraform_remote_state')) return s;
    const rewritten = s.replace(REMOTE_READ, (_m, producer: string, output: string) => {
      const key = `${producer}\u0000${output}`;
      let name = byRead.get(key);
      if (!name) {
        const { base, ...rest } = inputFor(stacks.get(producer), producer, output, environment);
        name = base;
        for (let n = 2; used.has(name); n++) name = `${base}_${n}`;
        used.add(name);
        byRead.set(key, name);
        inputs.set(name, { name, ...rest });
      }
      return `var.${name}`;
    });
    leftover ??= LEFTOVER_READ.exec(rewritten)?.[0];
    return rewritten;
  };

  const json: TerraformJson = {};
  for (const [block, body] of Object.entries(src)) {
    if (block === '//' || block === 'provider') continue;
    if (block === 'terraform') {
      const { backend: _backend, ...rest } = body as NonNullable<TerraformJson['terraform']>;
      json.terraform = rest;
      continue;
    }
    if (block === 'data') {
      const data: Record<string, Record<string, unknown>> = {};
      for (const [type, items] of Object.entries(body as Record<string, Record<string, unknown>>)) {
        const kept = Object.fromEntries(
          Object.entries(items).filter(([name]) => !(type === 'terraform_remote_state' && name.startsWith(REMOTE_STATE_PREFIX))),
        );
        if (Object.keys(kept).length > 0) data[type] = rewriteStrings(kept, rewrite) as Record<string, unknown>;
      }
      if (Object.keys(data).length > 0) json.data = data;
      continue;
    }
    json[block] = rewriteStrings(body, rewrite);
  }

  // A stack that reads remote state it did not name as cross-stack reference keeps it; any
  // leftover cross-stack read would point at a data source that no longer exists. Every string of
  // the module went through `rewrite` except those of the `terraform` block.
  if (json.terraform) leftover ??= LEFTOVER_READ.exec(JSON.stringify(json.terraform))?.[0];
  if (leftover) throw new Error(`stack ${stack.name}: cross-stack read ${leftover} was not turned into a variable`);

  const providerConfigs: Record<string, Record<string, unknown>[]> = {};
  for (const [name, configs] of Object.entries(src.provider ?? {})) providerConfigs[name] = configs;

  const providers: ModuleProvider[] = [];
  const required: Record<string, RequiredProviderJson> = {};
  for (const [name, req] of Object.entries(src.terraform?.required_providers ?? {})) {
    const aliases = (providerConfigs[name] ?? [])
      .map((c) => c.alias)
      .filter((a): a is string => typeof a === 'string')
      .map((a) => `${name}.${a}`);
    required[name] = { ...req, ...(aliases.length > 0 ? { configuration_aliases: aliases } : {}) };
    const source = String(req.source ?? name).replace(/^registry\.terraform\.io\//, '');
    providers.push({ name, source: source.includes('/') ? source : `hashicorp/${source}`, version: req.version, aliases });
  }
  if (json.terraform) json.terraform = { ...json.terraform, required_providers: required };

  const outputs: ModuleOutput[] = [];
  const outputBlocks: Record<string, OutputJson> = {};
  for (const [id, out] of Object.entries((json.output ?? {}) as Record<string, OutputJson>)) {
    const description = out.description ?? describeOutput(id, src.output?.[id]?.value);
    outputBlocks[id] = { ...out, description };
    outputs.push({ name: id, description, sensitive: out.sensitive === true, crossStack: id.startsWith(CROSS_STACK_OUTPUT_PREFIX) });
  }
  if (outputs.length > 0) json.output = outputBlocks;

  const variables: Record<string, Record<string, unknown>> = { ...(json.variable ?? {}) };
  for (const input of [...inputs.values()].sort((a, b) => a.name.localeCompare(b.name))) {
    variables[input.name] = {
      type: input.type,
      description: input.description,
      nullable: false,
      ...(input.sensitive ? { sensitive: true } : {}),
    };
  }
  if (Object.keys(variables).length > 0) json.variable = variables;

  const resources: StackModule['resources'][number][] = [];
  for (const kind of ['resource', 'data'] as const) {
    for (const [type, items] of Object.entries((json[kind] ?? {}) as Record<string, Record<string, Record<string, unknown>>>)) {
      const blocks = Object.values(items);
      resources.push({ kind, type, count: blocks.length, repeated: blocks.filter((b) => 'count' in b || 'for_each' in b).length });
    }
  }

  const readFrom = new Set([...inputs.values()].map((i) => i.producer));
  return {
    stack: stack.name,
    json,
    inputs: [...inputs.values()].sort((a, b) => a.name.localeCompare(b.name)),
    outputs,
    providers,
    providerConfigs,
    resources: resources.sort((a, b) => a.kind.localeCompare(b.kind) || a.type.localeCompare(b.type)),
    orderOnlyDependencies: (stack.dependencies ?? []).filter((d) => !readFrom.has(d)).sort(),
  };
}

/** Attribute names of secrets (passwords, pre-shared keys, private keys, tokens, secret strings). */
const SECRET_ATTRIBUTE = /(password|preshared_key|shared_secret|secret_string|private_key|token|\bresult\b)/i;

/** Whether a cross-stack value is a secret: a named output marked sensitive, or a secret attribute. */
export function isSecretValue(value: unknown, namedSensitive: boolean): boolean {
  if (namedSensitive) return true;
  return typeof value === 'string' && SECRET_ATTRIBUTE.test(value);
}
