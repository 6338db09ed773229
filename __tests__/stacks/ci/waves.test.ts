import { environmentStackGraph, loadAppEnvironments } from '../../../stacks';
import { CI_BOOTSTRAP_FAMILIES, ciStacks, dependencyWaves, familyClouds } from '../../../stacks/ci/waves';
import { stateBackendFamily } from '../../../stacks/state-backend/family';
import { awsNetworkFamily } from '../../../stacks/aws-network/family';
import { awsDatabaseFamily } from '../../../stacks/aws-database/family';

const node = (name: string, dependsOn: string[] = []) => ({ name, dependsOn });

describe('dependencyWaves', () => {
  it('puts each stack one wave after its deepest dependency, keeping the input order within a wave', () => {
    const waves = dependencyWaves([
      node('net'),
      node('gnet'),
      node('db', ['net']),
      node('vpn', ['net', 'gnet']),
      node('repl', ['db', 'vpn']),
      node('alerts'),
    ]);
    expect(waves.map((w) => w.map((s) => s.name))).toEqual([['net', 'gnet', 'alerts'], ['db', 'vpn'], ['repl']]);
  });

  it('refuses a dependency that is not in the pipeline', () => {
    expect(() => dependencyWaves([node('db', ['net'])])).toThrow('stack "db" depends on "net", which is not in the pipeline');
  });

  it('refuses a dependency cycle', () => {
    expect(() => dependencyWaves([node('a', ['b']), node('b', ['a'])])).toThrow(/stack "a" depends on itself/);
  });
});

describe('familyClouds', () => {
  it.each([
    ['aws-network', { gcp: false, azure: false }],
    ['gcp-dr-vpn', { gcp: true, azure: false }],
    ['azure-database', { gcp: false, azure: true }],
    ['state-backend', { gcp: false, azure: false }],
  ])('reads the clouds of %s from its id', (id, clouds) => {
    expect(familyClouds(id)).toEqual(clouds);
  });
});

describe('ciStacks', () => {
  it('leaves out the bootstrap stacks and the dependencies on them', () => {
    expect(CI_BOOTSTRAP_FAMILIES).toEqual(['state-backend', 'ci-identity']);
    const stacks = ciStacks([
      { name: 'p-state-backend', family: stateBackendFamily, dependsOn: [] },
      { name: 'p-aws-network', family: awsNetworkFamily, dependsOn: ['p-state-backend'] },
      { name: 'p-aws-database', family: awsDatabaseFamily, dependsOn: ['p-aws-network'] },
    ]);
    expect(stacks).toEqual([
      { name: 'p-aws-network', family: 'aws-network', dependsOn: [], clouds: { gcp: false, azure: false } },
      { name: 'p-aws-database', family: 'aws-database', dependsOn: ['p-aws-network'], clouds: { gcp: false, azure: false } },
    ]);
  });
});

describe('the waves of every shipped environment', () => {
  const envs = loadAppEnvironments().map((e) => e.config);

  it('ships environments to check', () => {
    expect(envs.map((e) => e.name).sort()).toEqual(['dev', 'prod', 'staging']);
  });

  it.each(envs.map((e) => [e.name, e] as const))('hold every stack of %s but the bootstrap ones exactly once, each after every stack it reads from', (_, env) => {
    // The truth is the registry's graph, not the CI code under test.
    const graph = environmentStackGraph(env);
    const expected = graph.filter((n) => !['state-backend', 'ci-identity'].includes(n.family.id)).map((n) => n.name);
    const waves = dependencyWaves(ciStacks(graph));
    const listed = waves.flat().map((s) => s.name);
    expect([...listed].sort()).toEqual([...expected].sort());
    expect(new Set(listed).size).toBe(listed.length);
    const waveOf = new Map(waves.flatMap((w, i) => w.map((s) => [s.name, i] as const)));
    for (const n of graph) {
      if (!waveOf.has(n.name)) continue;
      for (const dep of n.dependsOn) {
        if (!waveOf.has(dep)) {
          expect(graph.find((g) => g.name === dep)!.family.id).toBe('state-backend');
          continue;
        }
        expect({ stack: n.name, dep, after: waveOf.get(n.name)! > waveOf.get(dep)! }).toEqual({ stack: n.name, dep, after: true });
      }
    }
  });
});
