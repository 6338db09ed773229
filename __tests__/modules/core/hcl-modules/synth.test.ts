import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { type App, TerraformStack } from 'cdktf';
import { synthAtomically } from '../../../../modules/core/synth';

/** Two stacks of one environment, the second reading the first. */
function build(app: App): void {
  const network = new TerraformStack(app, 'qa-aws-network');
  new AwsProvider(network, 'aws', { region: 'eu-west-1' });
  const vpc = new Vpc(network, 'vpc', { cidrBlock: '10.0.0.0/16' });
  const database = new TerraformStack(app, 'qa-aws-database');
  new AwsProvider(database, 'aws', { region: 'eu-west-1' });
  new Subnet(database, 'subnet', { vpcId: vpc.id, cidrBlock: '10.0.1.0/24' });
}

describe('synthAtomically with generated modules', () => {
  const outdir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'synth-modules-')), 'out');
  afterAll(() => fs.rmSync(path.dirname(outdir), { recursive: true, force: true }));

  it('writes a module per stack and the composed roots in the same swap as the stacks', () => {
    synthAtomically(build, outdir);
    expect(fs.readdirSync(path.join(outdir, 'modules')).sort()).toEqual(['qa-aws-database', 'qa-aws-network']);
    expect(fs.readdirSync(path.join(outdir, 'environments')).sort()).toEqual(['qa', 'qa-aws']);
    const db = JSON.parse(fs.readFileSync(path.join(outdir, 'modules/qa-aws-database/main.tf.json'), 'utf8'));
    expect(db.resource.aws_subnet.subnet.vpc_id).toBe('${var.aws_network_vpc_id}');
    const root = JSON.parse(fs.readFileSync(path.join(outdir, 'environments/qa/main.tf.json'), 'utf8'));
    expect(root.module.aws_database.aws_network_vpc_id).toBe('${module.aws_network.cross-stack-output-aws_vpcvpcid}');
    expect(root.provider).toEqual({ aws: [{ region: 'eu-west-1' }] });
  });

  it("keeps a user's backend.tf and .terraform/ in a composed root across synths", () => {
    fs.writeFileSync(path.join(outdir, 'environments/qa/backend.tf'), 'terraform {\n  backend "local" {}\n}\n');
    fs.mkdirSync(path.join(outdir, 'environments/qa/.terraform'));
    synthAtomically(build, outdir);
    expect(fs.existsSync(path.join(outdir, 'environments/qa/backend.tf'))).toBe(true);
    expect(fs.existsSync(path.join(outdir, 'environments/qa/.terraform'))).toBe(true);
  });

  it('skips the modules when asked', () => {
    synthAtomically(build, outdir, false);
    expect(fs.existsSync(path.join(outdir, 'modules'))).toBe(false);
  });
});
