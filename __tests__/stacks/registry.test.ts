import * as fs from 'node:fs';
import * as path from 'node:path';
import { TerraformOutput, TerraformStack, Testing } from 'cdktf';
import { z } from 'zod';
import { ConfigError } from '../../modules/core/config/errors';
import { parseEnvironment } from '../../modules/core/config/load';
import { defineSection } from '../../modules/core/config/section';
import { ValidationError } from '../../modules/core/validation-error';
import { addEnvironmentStacks, buildErrorProblem, environmentStackGraph } from '../../stacks';
import { awsNetworkFamily } from '../../stacks/aws-network/family';
import { defineFamily, type StackFamily } from '../../stacks/family';
import { familyGraphNodes, stackGraphMermaid, stackTableMarkdown } from '../../stacks/graph';
import { checkRegistryOrder, CONFIG_REGISTRY, STACK_FAMILIES } from '../../stacks/registry';
import { baseEnvironmentInput, merge, testEnvironment } from '../helpers/environment';
import { stringify } from 'yaml';

const README = fs.readFileSync(path.join(__dirname, '../../README.md'), 'utf8');

describe('the stack registry', () => {
  it('lists every family once, each after the families it depends on', () => {
    expect(() => checkRegistryOrder(STACK_FAMILIES)).not.toThrow();
    expect(STACK_FAMILIES.map((f) => f.id)).toEqual([
      'state-backend',
      'ci-identity',
      'gcp-baseline',
      'azure-baseline',
      'aws-network',
      'gcp-network',
      'azure-network',
      'aws-database',
      'gcp-database',
      'azure-database',
      'aws-dr-vpn',
      'gcp-dr-vpn',
      'aws-dr-replication',
      'aws-alerts',
      'aws-baseline',
      'aws-data',
      'aws-cost',
      'aws-functions',
      'aws-services',
      'aws-events',
      'aws-eks',
      'aws-eks-addons',
      'aws-eks-workloads',
      'aws-dashboard',
      'gcp-run',
      'gcp-events',
      'gcp-functions',
      'gcp-data',
      'gcp-cost',
      'gcp-gke',
      'gcp-gke-workloads',
      'azure-functions',
      'azure-containers',
      'azure-data',
      'azure-events',
      'azure-cost',
      'azure-aks',
      'azure-aks-workloads',
    ]);
  });

  it('refuses a family listed before one it depends on, and a family listed twice', () => {
    const byId = (id: string) => STACK_FAMILIES.find((f) => f.id === id) as StackFamily<any, any>;
    const [state, awsNetwork, awsDatabase] = [byId('state-backend'), byId('aws-network'), byId('aws-database')];
    expect(() => checkRegistryOrder([state!, awsDatabase!, awsNetwork!])).toThrow(
      'stack family "aws-database" is listed before "aws-network", which it depends on; reorder stacks/registry.ts',
    );
    expect(() => checkRegistryOrder([awsNetwork!, awsNetwork!])).toThrow('stack family "aws-network" is registered twice');
  });

  it('refuses a family id that is not kebab-case', () => {
    expect(() => defineFamily({ ...awsNetworkFamily, id: 'AWS_network' })).toThrow('stack family id "AWS_network" is not kebab-case');
  });

  it('is the stack table README.md shows (paste the printed table when this fails)', () => {
    const table = stackTableMarkdown(STACK_FAMILIES);
    if (!README.includes(table)) throw new Error(`README.md "Stacks" table is out of date; paste (npm run graph prints it):\n\n${table}\n`);
  });

  it('is the stack graph README.md shows (paste the printed graph when this fails)', () => {
    const graph = stackGraphMermaid(familyGraphNodes(STACK_FAMILIES));
    if (!README.includes(graph)) throw new Error(`README.md stack graph is out of date; paste (npm run graph prints it):\n\n${graph}\n`);
  });

  it("gives an environment only the stacks it enables, with each stack's dependencies", () => {
    const env = testEnvironment({ aws: { database: { enabled: true } } });
    const graph = environmentStackGraph(env).map((n) => [n.name, n.dependsOn]);
    expect(graph).toEqual([
      ['test-state-backend', []],
      ['test-aws-network', []],
      ['test-gcp-network', []],
      ['test-azure-network', []],
      ['test-aws-database', ['test-aws-network']],
    ]);
  });

  it('reports an enabled stack whose dependency is off as a config problem naming the field', () => {
    const env = testEnvironment({ azure: { network: { enabled: false }, database: { enabled: true } } });
    expect(() => environmentStackGraph(env)).toThrow(ConfigError);
    expect(() => environmentStackGraph(env)).toThrow(
      'config/test.yaml: azure.database.enabled is true, but the test-azure-database stack needs test-azure-network, which is off (azure.network.enabled); turn it on or this off',
    );
  });

  it('records every declared dependency on the stacks (cdktf deploy order)', () => {
    const app = Testing.app();
    const stacks = addEnvironmentStacks(app, testEnvironment({ aws: { database: { enabled: true } } }));
    const db = stacks.get('aws-database')!;
    expect(db.dependencies.map((d) => (d as TerraformStack).node.id)).toContain('test-aws-network');
  });
});

describe('construct errors raised while stacks are built', () => {
  const envs = [{ file: 'config/test.yaml', config: testEnvironment() }];

  it('name the config file and field when the prop came from the stack\'s own section', () => {
    const err = new ValidationError('test-aws-network/network', 'natGateways', 'two', 'is not allowed; use "none", "single" or "per-az"');
    expect(buildErrorProblem(err, envs)).toEqual({
      file: 'config/test.yaml',
      path: 'aws.network.natGateways',
      message: '"two" is not allowed; use "none", "single" or "per-az"',
    });
  });

  it('name the file, stack, construct and prop otherwise', () => {
    const err = new ValidationError('test-aws-network/network/endpoints', 'service', 'x', 'is not allowed; use "s3"');
    expect(buildErrorProblem(err, envs)).toEqual({
      file: 'config/test.yaml',
      path: '',
      message: 'stack test-aws-network, construct network/endpoints: prop service "x" is not allowed; use "s3"',
    });
  });
});

describe('adding a stack family', () => {
  // What a newcomer writes: a section and a family in new files, plus one registry line.
  const toySection = defineSection({
    path: 'toy',
    optional: true,
    schema: z.strictObject({ enabled: z.boolean().default(false), greeting: z.string().default('hello') }),
  });
  const toyFamily = defineFamily({
    id: 'toy',
    description: 'a toy',
    section: toySection,
    enabledWhen: '`toy.enabled`',
    enabled: (toy) => toy.enabled,
    dependsOn: [awsNetworkFamily],
    build: (ctx, toy) => {
      const stack = new TerraformStack(ctx.scope, ctx.name);
      new TerraformOutput(stack, 'greeting', { value: `${toy.greeting} ${ctx.use(awsNetworkFamily).vpcCidr}` });
      return { stack, outputs: {} };
    },
  });
  const families = [...STACK_FAMILIES, toyFamily];
  const registry = { ...CONFIG_REGISTRY, sections: [...CONFIG_REGISTRY.sections, toySection] };

  it('validates its section with the rest of the file, and builds its stack after its dependency', () => {
    const bad = parseEnvironment('config/test.yaml', stringify(merge(baseEnvironmentInput(), { toy: { greting: 'hi' } })), registry);
    expect(bad.problems.map((p) => `${p.path} ${p.message}`)).toEqual([
      'toy.greting is not a known field (did you mean "greeting"?); allowed fields here: enabled, greeting',
    ]);

    const { config } = parseEnvironment('config/test.yaml', stringify(merge(baseEnvironmentInput(), { toy: { enabled: true } })), registry);
    const stacks = addEnvironmentStacks(Testing.app(), config!, families);
    const toy = stacks.get('toy')!;
    expect(toy.node.id).toBe('test-toy');
    expect(toy.dependencies.map((d) => (d as TerraformStack).node.id)).toEqual(['test-aws-network']);
  });
});

describe('conditional dependencies (conditionalDependsOn)', () => {
  const JWT = { issuer: 'https://auth.example.com/', audiences: ['app'] };
  const fn = (extra: Record<string, any> = {}) => ({ code: 'apps/aws-api-handler', routes: [{ route: 'GET /health', public: true }], ...extra });
  const functionsEnv = (extra: Record<string, any> = {}, aws: Record<string, any> = {}) =>
    testEnvironment({ aws: { alerts: { enabled: true }, functions: { enabled: true, api: { jwt: JWT }, functions: { api: fn(extra) } }, ...aws } });
  const nodeOf = (env: ReturnType<typeof testEnvironment>, name: string) => environmentStackGraph(env).find((n) => n.name === name)!;

  it('leaves a dependency out when its condition does not hold', () => {
    expect(nodeOf(functionsEnv(), 'test-aws-functions').dependsOn).toEqual(['test-aws-alerts']);
  });

  it('adds the dependency when it holds, to the graph and to the stack (deploy order)', () => {
    const env = functionsEnv({ vpc: true, database: 'read-write' }, { database: { enabled: true } });
    expect(nodeOf(env, 'test-aws-functions').dependsOn).toEqual(['test-aws-alerts', 'test-aws-network', 'test-aws-database']);
    const stacks = addEnvironmentStacks(Testing.app(), env);
    expect(stacks.get('aws-functions')!.dependencies.map((d) => (d as TerraformStack).node.id).sort()).toEqual(['test-aws-alerts', 'test-aws-database', 'test-aws-network']);
  });

  const toySection = defineSection({
    path: 'toy',
    optional: true,
    schema: z.strictObject({ enabled: z.boolean().default(false), needsNetwork: z.boolean().default(false) }),
  });
  const toyFamily = defineFamily({
    id: 'toy',
    description: 'a toy',
    section: toySection,
    enabledWhen: '`toy.enabled`',
    enabled: (toy) => toy.enabled,
    dependsOn: [],
    conditionalDependsOn: [{ family: awsNetworkFamily, when: (toy) => toy.needsNetwork, description: 'toy.needsNetwork' }],
    build: (ctx, toy) => {
      const stack = new TerraformStack(ctx.scope, ctx.name);
      if (toy.needsNetwork) new TerraformOutput(stack, 'cidr', { value: ctx.use(awsNetworkFamily).vpcCidr });
      return { stack, outputs: {} };
    },
  });
  const registry = { ...CONFIG_REGISTRY, sections: [...CONFIG_REGISTRY.sections, toySection] };
  const toyEnv = (patch: Record<string, any>) => parseEnvironment('config/test.yaml', stringify(merge(baseEnvironmentInput(), patch)), registry).config!;

  it('reports a needed dependency that is off as a config problem', () => {
    const env = toyEnv({ aws: { network: { enabled: false } }, toy: { enabled: true, needsNetwork: true } });
    expect(() => environmentStackGraph(env, [...STACK_FAMILIES, toyFamily])).toThrow(
      'config/test.yaml: toy.enabled is true, but the test-toy stack needs test-aws-network, which is off (aws.network.enabled); turn it on or this off',
    );
    expect(() => environmentStackGraph(toyEnv({ aws: { network: { enabled: false } }, toy: { enabled: true } }), [...STACK_FAMILIES, toyFamily])).not.toThrow();
  });

  it('refuses a family listed before a conditional dependency that applies', () => {
    const env = toyEnv({ toy: { enabled: true, needsNetwork: true } });
    expect(() => environmentStackGraph(env, [toyFamily, ...STACK_FAMILIES])).toThrow(
      'stack family "toy" is listed before "aws-network", which it depends on; reorder stacks/registry.ts',
    );
  });
});
