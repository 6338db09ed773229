import { type ModuleInput, type OutputJson, type RequiredProviderJson, type StackModule, type TerraformJson, snakeName, stackKind } from './stack-module';

/**
 * Composes one environment's generated modules into a single Terraform root.
 *
 * Each module is called once; each of its inputs is wired to the producer module's output,
 * exactly as the stacks are wired through remote state. The providers are configured here,
 * copied from the stacks' own provider blocks: the composed root is where provider
 * configuration lives. No backend: the user adds one (see the generated README).
 *
 * @see https://developer.hashicorp.com/terraform/language/modules/develop/composition
 */

/** A module call in a composed root. */
export interface ComposedCall {
  /** Module block name (the stack's kind, snake_case: `aws_network`). */
  readonly name: string;
  readonly stack: string;
  /** Provider configurations passed explicitly (`{ aws: 'aws.prod_aws_dr_vpn' }`), when not the defaults. */
  readonly providers: Readonly<Record<string, string>>;
}

/** An input of a composed root: a value a module reads from a module left out of the composition. */
export interface RootInput extends ModuleInput {
  /** Module call that consumes it. */
  readonly consumer: string;
}

/** A composed environment root. */
export interface ComposedRoot {
  /** Folder name under `environments/`: `prod`, `prod-aws`. */
  readonly name: string;
  readonly environment: string;
  readonly json: TerraformJson;
  readonly calls: readonly ComposedCall[];
  /** Values read from stacks that are not part of this composition: root variables. */
  readonly inputs: readonly RootInput[];
  /** Stacks of the environment left out of this composition. */
  readonly excluded: readonly string[];
}

/** Options for {@link composeEnvironment}. */
export interface ComposeOptions {
  /** Folder name of the root. @default - the environment name */
  readonly name?: string;
  /** Which modules to include. @default - all of them */
  readonly include?: (m: StackModule) => boolean;
  /** Path from the root folder to the modules folder. @default '../../modules' */
  readonly modulesPath?: string;
}

/**
 * Builds the composed root of one environment.
 *
 * @param environment the environment name (the stack name prefix)
 * @param modules the environment's modules
 */
export function composeEnvironment(environment: string, modules: readonly StackModule[], options: ComposeOptions = {}): ComposedRoot {
  const included = modules.filter(options.include ?? (() => true));
  const excluded = modules.filter((m) => !included.includes(m)).map((m) => m.stack);
  const callName = new Map(included.map((m) => [m.stack, snakeName(stackKind(m.stack, environment))]));
  const modulesPath = options.modulesPath ?? '../../modules';

  // Provider configurations: identical ones are shared; a stack whose configuration of a
  // provider differs from the first one seen gets its own alias, passed to its module.
  const providerBlocks: Record<string, Record<string, unknown>[]> = {};
  const required: Record<string, RequiredProviderJson> = {};
  const calls: ComposedCall[] = [];
  for (const m of included) {
    const passed: Record<string, string> = {};
    for (const p of m.providers) {
      required[p.name] ??= { source: p.source, ...(p.version ? { version: p.version } : {}) };
    }
    for (const [provider, configs] of Object.entries(m.providerConfigs)) {
      const blocks = (providerBlocks[provider] ??= []);
      for (const config of configs) {
        const { alias, ...settings } = config as { alias?: string } & Record<string, unknown>;
        const sameAlias = blocks.find((b) => b.alias === alias);
        const same = blocks.find((b) => b.alias === alias && JSON.stringify(withoutAlias(b)) === JSON.stringify(settings));
        if (same) continue;
        if (!sameAlias) {
          blocks.push(config);
          continue;
        }
        // Same provider and alias, other settings: give this stack's configuration its own alias.
        const own = snakeName(`${callName.get(m.stack)}_${alias ?? 'default'}`);
        if (!blocks.some((b) => b.alias === own)) blocks.push({ ...settings, alias: own });
        passed[alias ? `${provider}.${alias}` : provider] = `${provider}.${own}`;
      }
    }
    // A module that uses aliased configurations must be passed all of its provider's configurations.
    // and a `providers` argument replaces inheritance entirely, so once set it names every one.
    if (Object.keys(passed).length > 0 || m.providers.some((p) => p.aliases.length > 0)) {
      for (const p of m.providers) {
        passed[p.name] ??= p.name;
        for (const a of p.aliases) passed[a] ??= a;
      }
    }
    calls.push({ name: callName.get(m.stack)!, stack: m.stack, providers: passed });
  }

  const inputs: RootInput[] = [];
  const moduleBlocks: Record<string, Record<string, unknown>> = {};
  for (const call of calls) {
    const m = included.find((x) => x.stack === call.stack)!;
    const block: Record<string, unknown> = { source: `${modulesPath}/${m.stack}` };
    for (const input of m.inputs) {
      const producer = callName.get(input.producer);
      if (producer) {
        block[input.name] = `\${module.${producer}.${input.producerOutput}}`;
      } else {
        const name = snakeName(`${call.name}_${input.name}`);
        inputs.push({ ...input, name, consumer: call.name });
        block[input.name] = `\${var.${name}}`;
      }
    }
    const order = m.orderOnlyDependencies.map((d) => callName.get(d)).filter((d): d is string => d !== undefined);
    if (order.length > 0) block.depends_on = order.map((d) => `module.${d}`);
    if (Object.keys(call.providers).length > 0) block.providers = { ...call.providers };
    moduleBlocks[call.name] = block;
  }

  const outputs: Record<string, OutputJson> = {};
  for (const call of calls) {
    const m = included.find((x) => x.stack === call.stack)!;
    for (const o of m.outputs.filter((x) => !x.crossStack)) {
      outputs[snakeName(`${call.name}_${o.name}`)] = {
        value: `\${module.${call.name}.${o.name}}`,
        description: `${o.description} (module ${call.name})`,
        ...(o.sensitive ? { sensitive: true } : {}),
      };
    }
  }

  const json: TerraformJson = { terraform: { required_providers: required } };
  if (Object.keys(providerBlocks).length > 0) {
    // A provider configured from another stack's outputs (Kubernetes and Helm from a cluster's
    // endpoint and CA) reads them from that stack's module here, not through remote state.
    const text = JSON.stringify(providerBlocks).replace(
      /data\.terraform_remote_state\.cross-stack-reference-input-([A-Za-z0-9_-]+?)\.outputs\.([A-Za-z0-9_-]+)/g,
      (whole, producer: string, output: string) => {
        const call = callName.get(producer);
        return call ? `module.${call}.${output}` : whole;
      },
    );
    json.provider = JSON.parse(text) as typeof providerBlocks;
  }
  if (inputs.length > 0) {
    json.variable = Object.fromEntries(
      inputs.map((i) => [
        i.name,
        {
          type: i.type,
          description: `${i.description} Stack ${i.producer} is not part of this composition: pass its value.`,
          nullable: false,
          ...(i.sensitive ? { sensitive: true } : {}),
        },
      ]),
    );
  }
  json.module = moduleBlocks;
  if (Object.keys(outputs).length > 0) json.output = outputs;
  return { name: options.name ?? environment, environment, json, calls, inputs, excluded };
}

function withoutAlias(block: Record<string, unknown>): Record<string, unknown> {
  const { alias: _alias, ...rest } = block;
  return rest;
}
