import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { UsageError, cdktfArgs, cliEnv, dependencyProblems, outputsRead, parseArgs } from '../../scripts/deploy';

describe('scripts/deploy.ts', () => {
  describe('parseArgs', () => {
    it('takes one stack and passes the other arguments to cdktf', () => {
      expect(parseArgs(['deploy', 'prod-aws-database', '--auto-approve', '--var', 'x=1'], {})).toEqual({
        command: 'deploy',
        stack: 'prod-aws-database',
        offline: false,
        dependencyCheck: true,
        passThrough: ['--auto-approve', '--var', 'x=1'],
      });
    });

    it('is offline with --offline or INFRA_OFFLINE=1', () => {
      expect(parseArgs(['diff', 's', '--offline'], {}).offline).toBe(true);
      expect(parseArgs(['diff', 's'], { INFRA_OFFLINE: '1' }).offline).toBe(true);
    });

    it.each([[['deploy']], [['deploy', 'a', 'b']], [['apply', 'a']]])('refuses %j', (argv) => {
      expect(() => parseArgs(argv, {})).toThrow(UsageError);
      expect(() => parseArgs(argv, {})).toThrow(/exactly one stack|use deploy or diff/);
    });
  });

  it('runs cdktf for the stack alone, without the dependency check, the provider lock offline', () => {
    expect(cdktfArgs(parseArgs(['deploy', 'prod-aws-database', '--offline', '--auto-approve'], {}))).toEqual([
      'deploy',
      'prod-aws-database',
      '--skip-synth',
      '--ignore-missing-stack-dependencies',
      '--skip-provider-lock',
      '--auto-approve',
    ]);
    expect(cdktfArgs(parseArgs(['diff', 'prod-aws-database'], {}))).toEqual(['diff', 'prod-aws-database', '--skip-synth']);
  });

  it('disables the checkpoint call, and offline points Terraform at the mirror config', () => {
    expect(cliEnv(parseArgs(['diff', 's'], {}), {}).CHECKPOINT_DISABLE).toBe('1');
    expect(cliEnv(parseArgs(['diff', 's'], {}), {}).TF_CLI_CONFIG_FILE).toBeUndefined();
    expect(cliEnv(parseArgs(['diff', 's', '--offline'], {}), { TF_PROVIDER_MIRROR: '/opt/tf-plugins' }).TF_CLI_CONFIG_FILE).toMatch(/terraform\.rc$/);
  });

  describe('dependencyProblems', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-test-'));
    const read = (o: string) => `\${data.terraform_remote_state.cross-stack-reference-input-p-net.outputs.${o}}`;
    beforeAll(() => {
      fs.mkdirSync(path.join(outdir, 'stacks', 'p-db'), { recursive: true });
      fs.writeFileSync(path.join(outdir, 'manifest.json'), JSON.stringify({ stacks: { 'p-db': { dependencies: ['p-net'] }, 'p-net': { dependencies: [] } } }));
      fs.writeFileSync(path.join(outdir, 'stacks', 'p-db', 'cdk.tf.json'), JSON.stringify({ resource: { x: { y: { a: read('vpc'), b: read('subnet'), c: read('vpc') } } } }));
    });
    afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));
    const hint = (d: string) => `npm run deploy -- ${d}`;

    it('lists the outputs a stack reads from a producer', () => {
      expect(outputsRead(fs.readFileSync(path.join(outdir, 'stacks', 'p-db', 'cdk.tf.json'), 'utf8'), 'p-net')).toEqual(['subnet', 'vpc']);
    });

    it('refuses when a dependency has no state, naming the command to run first', () => {
      expect(dependencyProblems(outdir, 'p-db', () => undefined, hint)).toEqual([
        'p-net has no state yet; p-db reads 2 of its outputs. Deploy it first: npm run deploy -- p-net',
      ]);
    });

    it('refuses when the state lacks an output the stack reads', () => {
      expect(dependencyProblems(outdir, 'p-db', () => ({ outputs: { vpc: {} } }), hint)).toEqual([
        "p-net's state lacks outputs p-db reads (subnet); deploy it again: npm run deploy -- p-net",
      ]);
    });

    it('passes when every output read is in the state', () => {
      expect(dependencyProblems(outdir, 'p-db', () => ({ outputs: { vpc: {}, subnet: {} } }), hint)).toEqual([]);
    });

    it('names the stacks when the target is unknown', () => {
      expect(() => dependencyProblems(outdir, 'nope', () => undefined, hint)).toThrow(/no stack "nope" .*stacks: p-db, p-net/);
    });
  });
});
