import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse as parseYaml, stringify } from 'yaml';
import { parseEnvironment as parseEnvironmentWith } from '../../../../modules/core/config/load';
import { ConfigError } from '../../../../modules/core/config/errors';
import { CONFIG_REGISTRY } from '../../../../stacks/registry';
import { stateSection } from '../../../../stacks/state-backend/config';
import {
  baseEnvironmentInput,
  environmentProblems,
  loadEnvironments,
  merge,
  parseEnvironmentText as parseEnvironment,
} from '../../../helpers/environment';

const FILE = 'config/test.yaml';

/** Problems reported for an environment file built from the base input with `patch` merged in. */
const problemsOf = environmentProblems;

/**
 * The base input of another environment with an address plan of its own (10.64.0.0/12 instead of
 * 10.0.0.0/12), so it may sit beside the base one, with `patch` merged in.
 */
function elsewhere(name: string, patch: Record<string, any> = {}): Record<string, any> {
  const own = {
    aws: { network: { cidr: '10.64.0.0/16' } },
    gcp: {
      network: {
        subnets: { main: { cidr: '10.65.0.0/20', secondaryRanges: { pods: '10.68.0.0/14', services: '10.65.16.0/20' } } },
        privateServiceAccessCidr: '10.66.0.0/16',
      },
    },
    azure: { network: { addressSpace: '10.67.0.0/16' } },
  };
  return merge(merge(baseEnvironmentInput(name), own), patch);
}

function tempDir(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'envs-'));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

describe('environment files', () => {
  it('accepts the base environment and fills in defaults', () => {
    const { config, problems } = parseEnvironment(FILE, stringify(baseEnvironmentInput()));
    expect(problems).toEqual([]);
    const state = config!.section(stateSection);
    expect(state.locking).toBe('lockfile');
    expect(state.createBackend).toBe(true);
    expect(state.noncurrentVersionExpirationDays).toBe(90);
  });

  it('loads every shipped environment', () => {
    const envs = loadEnvironments('config');
    expect(envs.map((e) => e.config.name).sort()).toEqual(['dev', 'prod', 'staging']);
  });

  it('reports invalid YAML with the file and the position', () => {
    const { problems } = parseEnvironment(FILE, 'name: dev\naws: [1, 2\n');
    expect(problems).toHaveLength(1);
    expect(problems[0]!.file).toBe(FILE);
    // The position, and what is wrong: a flow sequence left open (no "]"), not an indentation problem.
    expect(problems[0]!.message).toMatch(/^is not valid YAML: .*line 3\b.*end with a \]/);
    expect(problems[0]!.message).not.toMatch(/indent the keys of one mapping/);
  });

  it('reports a key given twice with its field path and line', () => {
    const { problems } = parseEnvironment(FILE, 'name: dev\naws:\n  network:\n    cidr: 10.0.0.0/16\n    cidr: 10.1.0.0/16\n');
    expect(problems).toEqual([
      {
        file: FILE,
        path: 'aws.network.cidr',
        message: 'is given twice (again on line 5); each key may appear once in a mapping',
      },
    ]);
  });

  it('reports a file that is not a mapping', () => {
    const { problems } = parseEnvironment(FILE, '- a\n- b\n');
    expect(problems[0]!.message).toMatch(/must hold a YAML mapping/);
  });

  it.each([
    ['an unknown field', { state: { bogus: 1 } }, /config\/test.yaml: state.bogus is not a known field; allowed fields here: bucket, region, lockTable/],
    ['an unknown top-level field', { colour: 'blue' }, /config\/test.yaml: colour is not a known field; allowed fields here: name, aws, gcp, azure/],
    ['a wrong type', { state: { noncurrentVersionExpirationDays: 'ninety' } }, /state.noncurrentVersionExpirationDays "ninety" has the wrong type: expected number, got string/],
    ['a malformed AWS account id', { aws: { accountId: '12345' } }, /aws.accountId "12345" is not an AWS account id; expected exactly 12 digits/],
    ['an account id given as a number', { aws: { accountId: 123456789012 } }, /aws.accountId 123456789012 has the wrong type: expected string, got number/],
    ['a malformed GCP project id', { gcp: { projectId: 'Acme_Prod' } }, /gcp.projectId "Acme_Prod" is not a GCP project id; expected 6-30 characters/],
    ['a malformed Azure subscription id', { azure: { subscriptionId: 'not-a-guid' } }, /azure.subscriptionId "not-a-guid" is not an Azure subscription id; expected a lowercase GUID/],
    ['an unknown AWS region', { aws: { region: 'eu-west-9' } }, /^config\/test\.yaml: aws\.region "eu-west-9" is not a known AWS region \(did you mean "eu-west-1"\?\); expected one of /],
    ['an unknown GCP region', { gcp: { region: 'europe-west99' } }, /gcp.region "europe-west99" is not a known GCP region/],
    ['an unknown Azure location', { azure: { location: 'westeurope2' } }, /azure.location "westeurope2" is not a known Azure location/],
    ['a malformed CIDR', { aws: { network: { cidr: '10.0.0/16' } } }, /aws.network.cidr "10.0.0\/16" is not an IPv4 CIDR block; expected "a.b.c.d\/n"/],
    ['a CIDR with host bits', { aws: { network: { cidr: '10.0.0.1/16' } } }, /aws.network.cidr "10.0.0.1\/16" has host bits set; the network address is 10.0.0.0\/16/],
    ['an unknown locking mode', { state: { locking: 'consul' } }, /state.locking "consul" is not allowed; allowed values: "lockfile", "dynamodb", "both"$/],
    ['a bad bucket name', { state: { bucket: 'Acme_State' } }, /state.bucket "Acme_State" is not a valid S3 bucket name/],
    ['an IP-shaped bucket name', { state: { bucket: '192.168.1.1' } }, /state.bucket "192.168.1.1" is not a valid S3 bucket name/],
    ['a bad lock table name', { state: { lockTable: 'x' } }, /state.lockTable "x" is not a valid DynamoDB table name/],
    ['a bad role ARN', { state: { roleArn: 'role/ci' } }, /state.roleArn "role\/ci" is not an IAM role ARN/],
    ['a bad environment name', { name: 'Prod-1' }, /name "Prod-1" is not a valid environment name/],
    ['a tag that is not label-safe', { tags: { owner: 'Platform Team' } }, /tags.owner "Platform Team" is not label-safe/],
    ['an expiry out of range', { state: { noncurrentVersionExpirationDays: 0 } }, /state.noncurrentVersionExpirationDays 0 is out of range; allowed: a value >= 1/],
  ])('reports %s with the field path, the value and what is allowed', (_what, patch, pattern) => {
    const problems = problemsOf(patch);
    expect(problems.some((p) => pattern.test(p))).toBe(true);
  });

  it('reports a missing required field', () => {
    const problems = problemsOf({}, (input) => delete input.state.bucket);
    expect(problems).toContain('config/test.yaml: state.bucket is missing; it is required (string)');
  });

  it('reports a missing section once, at the outermost missing field', () => {
    expect(problemsOf({}, (input) => delete input.gcp)).toEqual(['config/test.yaml: gcp is missing; it is required (object)']);
    expect(problemsOf({}, (input) => (input.aws = 'x'))).toEqual([
      'config/test.yaml: aws "x" has the wrong type: expected object, got string',
    ]);
    expect(problemsOf({}, (input) => delete input.state)).toEqual(['config/test.yaml: state is missing; it is required (object)']);
    expect(problemsOf({}, (input) => delete input.aws.network)).toEqual([
      'config/test.yaml: aws.network is missing; it is required (object)',
    ]);
  });

  it('reports overlapping ranges across clouds, naming both', () => {
    const problems = problemsOf({ azure: { network: { addressSpace: '10.0.128.0/17' } } });
    expect(problems).toContain(
      'config/test.yaml: azure.network.addressSpace "10.0.128.0/17" overlaps aws.network.cidr "10.0.0.0/16"; every range of the address plan (AWS, GCP, Azure, reserved) must be distinct',
    );
  });

  it('reports a public range', () => {
    const problems = problemsOf({ addressPlan: { reserved: { vpn: '8.8.8.0/24' } } });
    expect(problems.some((p) => /addressPlan.reserved.vpn "8.8.8.0\/24" is not a private range; use RFC 1918/.test(p))).toBe(
      true,
    );
  });

  it('reports every problem of a file in one run, whole-file checks included', () => {
    const problems = problemsOf({
      aws: { accountId: '1' },
      gcp: { region: 'nowhere1' },
      state: { locking: 'none', bogus: true },
      azure: { network: { addressSpace: '10.0.0.0/16' } },
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/aws.accountId "1"/),
        expect.stringMatching(/gcp.region "nowhere1"/),
        expect.stringMatching(/state.locking "none"/),
        expect.stringMatching(/state.bogus is not a known field/),
        expect.stringMatching(/azure.network.addressSpace "10.0.0.0\/16" overlaps aws.network.cidr/),
      ]),
    );
  });

  it('reports problems of every file and duplicate names across files, in one error', () => {
    const dev = stringify(baseEnvironmentInput('dev'));
    const devAgain = stringify(elsewhere('dev', { state: { bucket: 'other-bucket' } }));
    const broken = stringify(elsewhere('qa', { aws: { region: 'mars-1' } }));
    const dir = tempDir({ 'a.yaml': dev, 'b.yml': devAgain, 'c.yaml': broken, 'notes.txt': 'ignored' });
    let error: unknown;
    try {
      loadEnvironments(dir);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const text = (error as ConfigError).message;
    expect(text).toMatch(/b.yml: name "dev" is already the name of the environment in .*a.yaml; environment names must be unique/);
    expect(text).toMatch(/c.yaml: aws.region "mars-1" is not a known AWS region/);
    expect((error as ConfigError).problems).toHaveLength(2);
  });

  it('allows environments to share a bucket when only one creates it', () => {
    const shared = { state: { bucket: 'acme-tfstate-shared' } };
    const dir = tempDir({
      'dev.yaml': stringify(merge(baseEnvironmentInput('dev'), shared)),
      'qa.yaml': stringify(elsewhere('qa', { state: { ...shared.state, createBackend: false } })),
    });
    expect(loadEnvironments(dir).map((e) => e.config.section(stateSection).createBackend)).toEqual([true, false]);
  });

  it('refuses two creators of one shared bucket, and a shared bucket with different lock tables', () => {
    const shared = { state: { bucket: 'acme-tfstate-shared' } };
    const dir = tempDir({
      'dev.yaml': stringify(merge(baseEnvironmentInput('dev'), shared)),
      'qa.yaml': stringify(elsewhere('qa', { state: { ...shared.state, lockTable: 'other-locks' } })),
    });
    expect(() => loadEnvironments(dir)).toThrow(
      /qa.yaml: state.createBackend true is not allowed: bucket "acme-tfstate-shared" is shared with .*dev.yaml, which already creates it; set createBackend: false here/,
    );
    expect(() => loadEnvironments(dir)).toThrow(/qa.yaml: state.lockTable "other-locks" differs from "acme-tfstate-locks"/);
  });

  it('reads the folder named by INFRA_CONFIG_DIR and reports an empty or missing one', () => {
    expect(() => loadEnvironments(tempDir({}))).toThrow(/holds no environment file \(\*.yaml or \*.yml\)/);
    expect(() => loadEnvironments('/nonexistent/envs')).toThrow(/\/nonexistent\/envs: is not a folder; set INFRA_CONFIG_DIR/);
  });
});

describe('the parsed YAML of a valid environment file, kept by content (keepParsedYaml)', () => {
  const cacheDir = path.resolve('.cache', 'config-yaml');
  /** Kept files whose text holds `marker` (other test files may add files of their own meanwhile). */
  const keptWith = (marker: string) =>
    (fs.existsSync(cacheDir) ? fs.readdirSync(cacheDir) : []).filter((f) => fs.readFileSync(path.join(cacheDir, f), 'utf8').includes(marker));
  const unique = () => `marker-${crypto.randomUUID()}`;
  const withMarker = (marker: string, patch: Record<string, any> = {}) => stringify(merge(merge(baseEnvironmentInput(), { tags: { extra: { marker } } }), patch));

  it('keeps the value of a valid file, and a second read (kept) gives the same environment as a fresh parse', () => {
    const marker = unique();
    const text = withMarker(marker);
    const fresh = parseEnvironmentWith(FILE, text, CONFIG_REGISTRY);
    const first = parseEnvironmentWith(FILE, text, CONFIG_REGISTRY, { keepParsedYaml: true });
    const kept = keptWith(marker);
    expect(kept).toHaveLength(1);
    expect(JSON.parse(fs.readFileSync(path.join(cacheDir, kept[0]!), 'utf8'))).toEqual({ value: parseYaml(text) });
    const second = parseEnvironmentWith(FILE, text, CONFIG_REGISTRY, { keepParsedYaml: true });
    for (const r of [first, second]) {
      expect(r.problems).toEqual([]);
      expect(r.name).toBe(fresh.name);
      expect(CONFIG_REGISTRY.sections.map((s) => r.config!.section(s))).toEqual(CONFIG_REGISTRY.sections.map((s) => fresh.config!.section(s)));
    }
  });

  it('keeps nothing by default (a test parsing thousands of variants)', () => {
    const marker = unique();
    expect(parseEnvironmentWith(FILE, withMarker(marker), CONFIG_REGISTRY).problems).toEqual([]);
    expect(keptWith(marker)).toEqual([]);
  });

  it.each([
    ['invalid YAML', (m: string) => `name: dev\ntags: { extra: { marker: ${m} }\n`],
    ['an unknown tag', (m: string) => `${withMarker(m)}extra: !Ref ${m}\n`],
    ['a value JSON cannot hold (.nan)', (m: string) => withMarker(m, { aws: { network: { natGateways: '__NAN__' } } }).replace("'__NAN__'", '.nan').replace('__NAN__', '.nan')],
  ])('keeps nothing for a file with %s, and reports the same problems every time', (_name, textOf) => {
    const marker = unique();
    const text = textOf(marker);
    const fresh = parseEnvironmentWith(FILE, text, CONFIG_REGISTRY);
    expect(fresh.problems.length).toBeGreaterThan(0);
    for (let i = 0; i < 2; i++) expect(parseEnvironmentWith(FILE, text, CONFIG_REGISTRY, { keepParsedYaml: true }).problems).toEqual(fresh.problems);
    expect(keptWith(marker)).toEqual([]);
  });
});
