import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { stringify } from 'yaml';
import { ConfigError } from '../../../../modules/core/config/errors';
import { decodeEnvironmentFile } from '../../../../modules/core/config/load';
import { closest, didYouMean } from '../../../../modules/core/config/suggest';
import { baseEnvironmentInput, environmentProblems, loadEnvironments, merge, parseEnvironmentText } from '../../../helpers/environment';

const FILE = 'config/test.yaml';
const problems = (text: string) => parseEnvironmentText(FILE, text).problems.map((p) => `${p.path}|${p.message}`);

describe('input the YAML parser refuses', () => {
  it('reports tabs once, with every line that has one', () => {
    expect(problems('name: dev\naws:\n\taccountId: "123456789012"\n\tregion: eu-west-1\n')).toEqual([
      '|is not valid YAML: indentation uses tabs (lines 3, 4); YAML indents with spaces only',
    ]);
  });

  it('points at the line that is indented wrongly and says "indentation"', () => {
    expect(problems('name: dev\naws:\n  accountId: "123456789012"\n   region: eu-west-1\n')).toEqual([
      '|is not valid YAML: wrong indentation at line 4 (All mapping items must start at the same column); indent the keys of one mapping by the same number of spaces',
    ]);
  });

  it('refuses an alias bomb without expanding it', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (const [n, prev] of [['b', 'a'], ['c', 'b'], ['d', 'c'], ['e', 'd']]) bomb.push(`${n}: &${n} [${Array(10).fill(`*${prev}`).join(', ')}]`);
    expect(problems(`${bomb.join('\n')}\nname: dev\n`)).toEqual([
      '|is not accepted: its YAML aliases (*name) expand to more than 100 nodes, which looks like an alias bomb; write the values out instead of aliasing them',
    ]);
  });

  it('says where a file stops being UTF-8', () => {
    expect(decodeEnvironmentFile(Buffer.from([0x6e, 0x3a, 0x0a, 0x20, 0xc3, 0x28, 0x0a]))).toEqual({
      problem: 'is not valid UTF-8 (first invalid byte at line 2, column 2); save the file as UTF-8',
    });
    expect(decodeEnvironmentFile(Buffer.from('name: dé\n'))).toEqual({ text: 'name: dé\n' });
  });

  it('reports a non-UTF-8 file as a config problem of that file, with nothing else read', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'envs-'));
    fs.writeFileSync(path.join(dir, 'bad.yaml'), Buffer.concat([Buffer.from('name: dev\nowner: '), Buffer.from([0xff, 0xfe]), Buffer.from('\n')]));
    expect(() => loadEnvironments(dir)).toThrow(ConfigError);
    expect(() => loadEnvironments(dir)).toThrow(/bad\.yaml: is not valid UTF-8 \(first invalid byte at line 2, column 8\); save the file as UTF-8/);
  });
});

describe('messages that help', () => {
  it('tells to quote an account id YAML read as a number', () => {
    expect(environmentProblems({ aws: { accountId: 12345678901 } })).toEqual([
      'config/test.yaml: aws.accountId 12345678901 has the wrong type: expected string, got number; quote it in YAML ("..."), or leading zeros are lost',
    ]);
  });

  it('suggests the closest region, location and field name', () => {
    expect(environmentProblems({ aws: { region: 'eu-west-9' } })[0]).toMatch(/aws\.region "eu-west-9" is not a known AWS region \(did you mean "eu-west-1"\?\)/);
    expect(environmentProblems({ azure: { location: 'west-europe' } })[0]).toMatch(/azure\.location "west-europe" is not a known Azure location \(did you mean "westeurope"\?\)/);
    const [unknown, ...rest] = environmentProblems({ aws: { netwrok: {} } });
    expect(rest).toEqual([]);
    expect(unknown).toMatch(/^config\/test\.yaml: aws\.netwrok is not a known field \(did you mean "network"\?\); allowed fields here: accountId, region, network, database\b/);
  });

  it('suggests nothing when nothing is close', () => {
    expect(closest('zzzzzz', ['eu-west-1', 'us-east-1'])).toBeUndefined();
    expect(didYouMean('zzzzzz', ['eu-west-1'])).toBe('');
    expect(closest('euwest1', ['eu-west-1', 'us-east-1'])).toBe('eu-west-1');
  });

  it('reports a CIDR with host bits once', () => {
    expect(environmentProblems({ aws: { network: { cidr: '10.0.0.1/16' } } })).toEqual([
      'config/test.yaml: aws.network.cidr "10.0.0.1/16" has host bits set; the network address is 10.0.0.0/16',
    ]);
  });

  it('reports the root cause of an oversized range, not the overlaps derived from it', () => {
    expect(environmentProblems({ aws: { network: { cidr: '10.0.0.0/8' } } })).toEqual([
      'config/test.yaml: aws.network.cidr "10.0.0.0/8" is not a valid VPC size; AWS allows /16 to /28',
    ]);
  });

  it('reports an overlapping address space once, not once per subnet carved from it', () => {
    expect(environmentProblems({ azure: { network: { addressSpace: '10.0.0.0/16' } } })).toEqual([
      'config/test.yaml: azure.network.addressSpace "10.0.0.0/16" overlaps aws.network.cidr "10.0.0.0/16"; every range of the address plan (AWS, GCP, Azure, reserved) must be distinct',
    ]);
  });

  it('says "dr.enabled is true but" without repeating the value', () => {
    expect(environmentProblems({ dr: { enabled: true } })).toContain(
      'config/test.yaml: dr.enabled is true but aws.database.enabled is false (RDS is the replication source); set aws.database.enabled: true or dr.enabled: false',
    );
  });

  it('reports a section given as null as null, not as false', () => {
    expect(environmentProblems({ aws: { database: null } })).toEqual(['config/test.yaml: aws.database null has the wrong type: expected object, got null']);
  });
});

describe('tags', () => {
  it('refuse keys a cloud reserves, keys that are not label-safe and keys the environment sets', () => {
    expect(environmentProblems({ tags: { extra: { 'aws:team': 'x', Team: 'y', owner: 'z', ok: 'fine' } } })).toEqual([
      'config/test.yaml: tags.extra.aws:team "aws:team" starts with "aws", a prefix reserved by AWS; use 1-63 lowercase letters, digits, "_" and "-", starting with a letter (a GCP label key; AWS and Azure take it as is)',
      'config/test.yaml: tags.extra.Team "Team" is not a valid tag key; use 1-63 lowercase letters, digits, "_" and "-", starting with a letter (a GCP label key; AWS and Azure take it as is)',
      'config/test.yaml: tags.extra.owner "owner" is a tag every resource already gets from the environment; remove it (set tags.owner / tags.costCentre instead)',
    ]);
    expect(environmentProblems({ tags: { extra: { 'microsoft-x': 'v' } } })[0]).toMatch(/reserved by Azure/);
    expect(environmentProblems({ tags: { extra: { googlish: 'v' } } })[0]).toMatch(/reserved by GCP/);
  });

  it('refuse more tags than AWS allows once the 4 default tags are added', () => {
    const extra = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, 'v']));
    expect(environmentProblems({ tags: { extra: extra(46) } })).toEqual([]);
    expect(environmentProblems({ tags: { extra: extra(47) } })).toEqual([
      'config/test.yaml: tags.extra 47 is too many tags; AWS allows 50 tags per resource and the environment adds 4 (Environment, Owner, CostCentre, ManagedBy): use at most 46',
    ]);
  });
});

describe('checks across environment files', () => {
  function load(files: Record<string, Record<string, any>>) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'envs-'));
    for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, `${name}.yaml`), stringify(content));
    try {
      loadEnvironments(dir);
      return [];
    } catch (err) {
      return (err as ConfigError).problems.map((p) => `${path.basename(p.file)}: ${p.path} ${p.message}`);
    }
  }
  const other = (patch: Record<string, any> = {}) =>
    merge(baseEnvironmentInput('other'), {
      aws: { accountId: '210987654321' },
      gcp: { projectId: 'acme-other-1' },
      azure: { subscriptionId: '11111111-1111-1111-1111-111111111111' },
      state: { bucket: 'acme-tfstate-other' },
      ...patch,
    });

  it('refuses two environments whose address plans overlap, naming both files', () => {
    const found = load({ a: baseEnvironmentInput('alpha'), b: other() });
    expect(found[0]).toMatch(
      /^b\.yaml: aws\.network\.cidr "10\.0\.0\.0\/16" overlaps aws\.network\.cidr "10\.0\.0\.0\/16" of \S*a\.yaml; environments must not share address space \(or set isolated: true on one whose networks never connect to the others\)$/,
    );
    // One problem per overlapping range of the second file (GCP and Azure ranges too), none derived from a parent.
    expect(found.map((f) => f.split(' ')[1])).toEqual([
      'aws.network.cidr',
      'gcp.network.subnets.main.cidr',
      'gcp.network.subnets.main.secondaryRanges.pods',
      'gcp.network.subnets.main.secondaryRanges.services',
      'gcp.network.privateServiceAccessCidr',
      'azure.network.addressSpace',
    ]);
  });

  it('allows the overlap when one environment is isolated in other accounts, never in the same account', () => {
    expect(load({ a: baseEnvironmentInput('alpha'), b: other({ isolated: true }) })).toEqual([]);
    const sameAccount = load({ a: baseEnvironmentInput('alpha'), b: other({ isolated: true, aws: { accountId: '123456789012' } }) });
    expect(sameAccount).toHaveLength(1);
    expect(sameAccount[0]).toMatch(/^b\.yaml: aws\.network\.cidr "10\.0\.0\.0\/16" overlaps aws\.network\.cidr "10\.0\.0\.0\/16" of .*a\.yaml, in the same account\/project\/subscription; environments must not share address space$/);
  });

  it('accepts the shipped environments', () => {
    expect(() => loadEnvironments('config')).not.toThrow();
  });
});
