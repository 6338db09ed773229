import { stringify } from 'yaml';
import type { ConfigSection, ParsedEnvironment } from '../../../modules/core/config/section';
import { presharedKeyProblem, tunnelInsideAddresses } from '../../../modules/dr/vpn-limits';
import { awsDatabaseSection } from '../../../stacks/aws-database/config';
import {
  DrConfigSchema,
  type DrDatabaseFacts,
  checkDr,
  cloudSqlReadinessIssues,
  drDatabaseFacts,
  drSection,
  drZoneName,
  rdsReadinessIssues,
} from '../../../stacks/dr/config';
import type { EnvironmentCore } from '../../../stacks/environment/config';
import { gcpDatabaseSection } from '../../../stacks/gcp-database/config';
import {
  baseEnvironmentInput,
  environmentProblems,
  merge,
  parseEnvironmentText as parseEnvironment,
  testEnvironment,
} from '../../helpers/environment';

/** An environment with the DR link and both databases on, with `patch` merged in. */
function drInput(patch: Record<string, any> = {}): Record<string, any> {
  return merge(
    merge(baseEnvironmentInput(), {
      aws: { database: { enabled: true } },
      gcp: { database: { enabled: true } },
      dr: { enabled: true },
    }),
    patch,
  );
}

/** Every problem of the input, as `<path> <message>` lines. */
function problems(patch: Record<string, any>): string[] {
  return parseEnvironment('config/test.yaml', stringify(drInput(patch))).problems.map((p) => `${p.path} ${p.message}`);
}

/** The one problem found at `path` (fails if there is none). */
function problemAt(patch: Record<string, any>, path: string): string {
  const found = problems(patch).filter((p) => p.startsWith(`${path} `));
  expect(found).toHaveLength(1);
  return found[0]!;
}

describe('dr config', () => {
  it('parses from {} with the link off and secure defaults', () => {
    const dr = DrConfigSchema.parse({});
    expect(dr.enabled).toBe(false);
    expect(dr.mode).toBe('replicating');
    expect(dr.vpn).toMatchObject({
      gcpRouterAsn: 65010,
      awsAsn: 64512,
      gatewayType: 'vgw',
      tunnelInsideCidrs: ['169.254.21.0/30', '169.254.21.4/30', '169.254.22.0/30', '169.254.22.4/30'],
    });
    expect(dr.vpn.phase1).toEqual({ encryption: 'AES256', integrity: 'SHA2-256', dhGroup: 20 });
    expect(dr.vpn.phase2).toEqual({ encryption: 'AES256', integrity: 'SHA2-256', dhGroup: 20 });
    expect(dr.vpn.presharedKeySecretArn).toBeUndefined();
    expect(dr.dms).toMatchObject({
      engineVersion: '3.6.1',
      createAccountRoles: true,
      schemas: ['public'],
      heartbeatTable: { schema: 'dr', table: 'heartbeat' },
      rpoTargetSeconds: 60,
      lagAlarmThresholdSeconds: 45,
      heartbeatFrequencyMinutes: 1,
    });
    expect(dr.failover).toMatchObject({ recordName: 'postgres', ttlSeconds: 30 });
  });

  it('accepts a complete DR environment', () => {
    expect(problems({})).toEqual([]);
    const env = testEnvironment({
      aws: { database: { enabled: true } },
      gcp: { database: { enabled: true } },
      dr: { enabled: true },
    });
    expect(drZoneName('test', env.section(drSection))).toBe('test.db.internal');
    expect(drZoneName('prod', { failover: { ...env.section(drSection).failover, zoneName: 'db.example.internal' } })).toBe(
      'db.example.internal',
    );
  });

  it('gives AWS and GCP the two addresses of each /30', () => {
    expect(tunnelInsideAddresses('169.254.21.4/30')).toEqual({
      cidr: '169.254.21.4/30',
      awsAddress: '169.254.21.5',
      gcpAddress: '169.254.21.6',
    });
  });

  describe('rejects', () => {
    it.each([
      [
        'aws.database.enabled',
        { aws: { database: { enabled: false } } },
        'dr.enabled is true but aws.database.enabled is false (RDS is the replication source); set aws.database.enabled: true or dr.enabled: false',
      ],
      [
        'gcp.database.enabled',
        { gcp: { database: { enabled: false } } },
        'dr.enabled is true but gcp.database.enabled is false (Cloud SQL is the replication target); set gcp.database.enabled: true or dr.enabled: false',
      ],
      [
        'aws.network.enabled',
        { aws: { network: { enabled: false } } },
        'dr.enabled is true but aws.network.enabled is false (the VPN terminates in the AWS VPC); set aws.network.enabled: true or dr.enabled: false',
      ],
      [
        'gcp.network.enabled',
        { gcp: { network: { enabled: false } } },
        'dr.enabled is true but gcp.network.enabled is false (the HA VPN gateway and Cloud Router live in the GCP network); set gcp.network.enabled: true or dr.enabled: false',
      ],
    ])('the link enabled while %s is false', (_field, patch, message) => {
      expect(problems(patch).filter((p) => p.startsWith('dr.enabled '))).toEqual([message]);
    });

    it('the link enabled while a database is off by default', () => {
      const input = merge(baseEnvironmentInput(), { gcp: { database: { enabled: true } }, dr: { enabled: true } });
      const found = parseEnvironment('config/test.yaml', stringify(input)).problems.map((p) => `${p.path} ${p.message}`);
      expect(found).toEqual([
        'dr.enabled is true but aws.database.enabled is false (RDS is the replication source); set aws.database.enabled: true or dr.enabled: false',
      ]);
    });

    it('nothing more about a database section that has its own problem (reported once, by its schema)', () => {
      expect(problems({ aws: { database: { engineVersion: '16.4' } } })).toEqual([
        'aws.database.engineVersion "16.4" is not an RDS for PostgreSQL 17 version new instances can use; use one of 17.5, 17.6, 17.7, 17.8, 17.9, 17.10',
      ]);
    });

    it('different PostgreSQL majors on the two sides', () => {
      const p = problemAt({ gcp: { database: { databaseVersion: 'POSTGRES_16' } } }, 'gcp.database.databaseVersion');
      expect(p).toMatch(
        /PostgreSQL 16 but RDS \(aws\.database\.engineVersion\) is PostgreSQL 17; the DR link needs the same major/,
      );
    });

    it('a DMS engine too old for the PostgreSQL major', () => {
      const p = problemAt({ dr: { dms: { engineVersion: '3.5.4' } } }, 'dr.dms.engineVersion');
      expect(p).toContain('is too old for PostgreSQL 17 as a source; use "3.6.1" or later');
    });

    it('a PostgreSQL major DMS is not known to support as a source', () => {
      // The aws.database schema only takes 17.x today; checkDr still guards an older major.
      const env = testEnvironment({ aws: { database: { enabled: true } }, gcp: { database: { enabled: true } }, dr: { enabled: true } });
      const overrides = new Map<ConfigSection, unknown>([
        [awsDatabaseSection, { ...env.section(awsDatabaseSection), engineVersion: '15.4' }],
        [gcpDatabaseSection, { ...env.section(gcpDatabaseSection), databaseVersion: 'POSTGRES_15' }],
      ]);
      const parsed: ParsedEnvironment<EnvironmentCore> = {
        file: env.file,
        core: env.core,
        get: ((section: ConfigSection) => (overrides.has(section) ? overrides.get(section) : env.get(section))) as never,
        hasProblem: () => false,
      };
      const found: string[] = [];
      checkDr(env.section(drSection), parsed, (path, input, message) => found.push(`${path.join('.')} ${JSON.stringify(input)} ${message}`));
      expect(found).toEqual([
        'dr.dms.engineVersion "3.6.1" has no known support for PostgreSQL 15 as a source; use PostgreSQL 16, 17 on RDS',
      ]);
    });

    it('a malformed DMS engine version', () => {
      expect(problemAt({ dr: { dms: { engineVersion: '3.6' } } }, 'dr.dms.engineVersion')).toContain(
        'expected "major.minor.patch"',
      );
    });

    it('a lag alarm threshold above the RPO target', () => {
      const p = problemAt(
        { dr: { dms: { rpoTargetSeconds: 60, lagAlarmThresholdSeconds: 90 } } },
        'dr.dms.lagAlarmThresholdSeconds',
      );
      expect(p).toContain('is above dr.dms.rpoTargetSeconds (60)');
      expect(p).toContain('use a value <= 60');
    });

    it('overlapping tunnel inside ranges', () => {
      const cidrs = ['169.254.21.0/30', '169.254.21.4/30', '169.254.21.0/30', '169.254.22.4/30'];
      const p = problemAt({ dr: { vpn: { tunnelInsideCidrs: cidrs } } }, 'dr.vpn.tunnelInsideCidrs[2]');
      expect(p).toContain('overlaps dr.vpn.tunnelInsideCidrs[0] "169.254.21.0/30"; the four tunnels need four distinct /30s');
    });

    it.each(['169.254.0.0/30', '169.254.5.0/30', '169.254.169.252/30'])('the reserved inside range %s', (cidr) => {
      const cidrs = [cidr, '169.254.21.4/30', '169.254.22.0/30', '169.254.22.4/30'];
      const p = problemAt({ dr: { vpn: { tunnelInsideCidrs: cidrs } } }, 'dr.vpn.tunnelInsideCidrs[0]');
      expect(p).toContain('is reserved by AWS; use a /30 in 169.254.0.0/16 other than 169.254.0.0/30');
    });

    it.each(['169.254.21.0/29', '10.0.0.0/30'])('the inside range %s that is not a link-local /30', (cidr) => {
      const cidrs = ['169.254.21.0/30', cidr, '169.254.22.0/30', '169.254.22.4/30'];
      expect(problemAt({ dr: { vpn: { tunnelInsideCidrs: cidrs } } }, 'dr.vpn.tunnelInsideCidrs[1]')).toContain(
        'is not a /30 inside 169.254.0.0/16',
      );
    });

    it('fewer than four inside ranges', () => {
      const p = problemAt({ dr: { vpn: { tunnelInsideCidrs: ['169.254.21.0/30'] } } }, 'dr.vpn.tunnelInsideCidrs');
      expect(p).toContain('a list of');
    });

    it('equal ASNs on both sides', () => {
      const p = problemAt({ dr: { vpn: { awsAsn: 65010, gcpRouterAsn: 65010 } } }, 'dr.vpn.awsAsn');
      expect(p).toContain('equals dr.vpn.gcpRouterAsn; the Amazon side and the Cloud Router need different private ASNs');
    });

    it.each([
      ['dr.vpn.awsAsn', { awsAsn: 16509 }],
      ['dr.vpn.gcpRouterAsn', { gcpRouterAsn: 15169 }],
    ])('a public ASN in %s', (path, vpn) => {
      expect(problemAt({ dr: { vpn } }, path)).toContain('is not a private BGP ASN; use 64512-65534 or 4200000000-4294967294');
    });

    it('phase proposals outside the allowed set', () => {
      expect(problemAt({ dr: { vpn: { phase1: { encryption: '3DES' } } } }, 'dr.vpn.phase1.encryption')).toContain(
        'allowed values: "AES256"',
      );
      expect(problemAt({ dr: { vpn: { phase2: { integrity: 'SHA1' } } } }, 'dr.vpn.phase2.integrity')).toContain('"SHA2-256"');
      expect(problemAt({ dr: { vpn: { phase1: { dhGroup: 2 } } } }, 'dr.vpn.phase1.dhGroup')).toContain(
        'use one of 14, 15, 16, 19, 20, 21',
      );
    });

    it('a pre-shared key secret that is not a secret ARN, or of another account', () => {
      expect(problemAt({ dr: { vpn: { presharedKeySecretArn: 'my-keys' } } }, 'dr.vpn.presharedKeySecretArn')).toContain(
        'is not a Secrets Manager secret ARN',
      );
      const other = 'arn:aws:secretsmanager:eu-west-1:999999999999:secret:dr-psk-AbCdEf';
      expect(problemAt({ dr: { vpn: { presharedKeySecretArn: other } } }, 'dr.vpn.presharedKeySecretArn')).toContain(
        'is not in aws.accountId "123456789012" / aws.region "eu-west-1"',
      );
      const own = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:dr-psk-AbCdEf';
      expect(problems({ dr: { vpn: { presharedKeySecretArn: own } } })).toEqual([]);
    });

    it('a failover TTL above 60 seconds', () => {
      expect(problemAt({ dr: { failover: { ttlSeconds: 300 } } }, 'dr.failover.ttlSeconds')).toContain('a value <= 60');
    });

    it('an unknown mode', () => {
      expect(problemAt({ dr: { mode: 'promoted' } }, 'dr.mode')).toContain('allowed values: "replicating", "failed-over"');
    });

    it('too few replication slots on RDS', () => {
      const p = problemAt(
        { aws: { database: { parameters: { max_replication_slots: 1 } } } },
        'aws.database.parameters.max_replication_slots',
      );
      expect(p).toContain('is too low for the DR link (one CDC task plus one spare); use 2 or more');
    });

    it('too few WAL senders on RDS', () => {
      const p = problemAt(
        { aws: { database: { parameters: { max_wal_senders: 1 } } } },
        'aws.database.parameters.max_wal_senders',
      );
      expect(p).toContain('use 2 or more');
    });

    it('logical decoding off on Cloud SQL', () => {
      const p = problemAt(
        { gcp: { database: { flags: { 'cloudsql.logical_decoding': 'off' } } } },
        'gcp.database.flags.cloudsql.logical_decoding',
      );
      expect(p).toContain('set cloudsql.logical_decoding to "on"');
    });

    it('a Secrets Manager endpoint missing from the AWS network', () => {
      const p = problemAt({ aws: { network: { interfaceEndpoints: ['kms', 'logs'] } } }, 'aws.network.interfaceEndpoints');
      expect(p).toContain('add "secretsmanager"');
    });

    it('reports rds.logical_replication off once', () => {
      const found = problems({ aws: { database: { parameters: { 'rds.logical_replication': 0 } } } });
      expect(found.filter((p) => p.startsWith('aws.database.parameters.rds.logical_replication '))).toHaveLength(1);
    });
  });

  it('checks nothing while the link is off', () => {
    expect(
      problems({
        dr: { enabled: false, dms: { rpoTargetSeconds: 60, lagAlarmThresholdSeconds: 90 } },
        aws: { database: { enabled: false } },
      }),
    ).toEqual([]);
  });

  describe('source readiness', () => {
    const ready: DrDatabaseFacts = {
      rdsMajor: 17,
      rdsParameters: {
        'rds.logical_replication': '1',
        wal_sender_timeout: '60000',
        max_replication_slots: '10',
        max_wal_senders: '10',
      },
      cloudSqlMajor: 17,
      cloudSqlFlags: { 'cloudsql.logical_decoding': 'on' },
      cloudSqlSslMode: 'ENCRYPTED_ONLY',
    };

    it('finds nothing on a ready pair', () => {
      expect(rdsReadinessIssues(ready)).toEqual([]);
      expect(cloudSqlReadinessIssues(ready)).toEqual([]);
    });

    it('reads the effective values of the shipped database sections', () => {
      const env = testEnvironment({ aws: { database: { enabled: true } }, gcp: { database: { enabled: true } } });
      const facts = drDatabaseFacts(env.section(awsDatabaseSection), env.section(gcpDatabaseSection));
      expect(facts).toMatchObject({ rdsMajor: 17, cloudSqlMajor: 17, cloudSqlSslMode: 'ENCRYPTED_ONLY' });
      expect(facts.rdsParameters['rds.logical_replication']).toBe('1');
      expect(facts.cloudSqlFlags['cloudsql.logical_decoding']).toBe('on');
    });

    it('has no facts about a database section that did not parse', () => {
      expect(drDatabaseFacts(undefined, undefined)).toEqual({ rdsParameters: {}, cloudSqlFlags: {} });
    });

    it.each([
      ['rds.logical_replication', '0', 'set rds.logical_replication to "1"'],
      ['wal_sender_timeout', '5000', 'use 0 or 10000-300000 (ms)'],
      ['max_replication_slots', '1', 'use 2 or more'],
      ['max_wal_senders', '0', 'use 2 or more'],
    ])('names aws.database.parameters.%s when it is %s', (name, value, fix) => {
      const issues = rdsReadinessIssues({ ...ready, rdsParameters: { ...ready.rdsParameters, [name]: value } });
      expect(issues).toHaveLength(1);
      expect(issues[0]!.path).toEqual(['aws', 'database', 'parameters', name]);
      expect(issues[0]!.message).toContain(fix);
    });

    it('accepts wal_sender_timeout 0 and falls back to the RDS defaults for unset parameters', () => {
      expect(
        rdsReadinessIssues({ ...ready, rdsParameters: { 'rds.logical_replication': '1', wal_sender_timeout: '0' } }),
      ).toEqual([]);
      expect(rdsReadinessIssues({ ...ready, rdsParameters: {} }).map((i) => i.path.at(-1))).toEqual(['rds.logical_replication']);
    });

    it('names the Cloud SQL setting to change', () => {
      const issues = cloudSqlReadinessIssues({
        ...ready,
        cloudSqlFlags: {},
        cloudSqlSslMode: 'ALLOW_UNENCRYPTED_AND_ENCRYPTED',
      });
      expect(issues.map((i) => i.path.join('.'))).toEqual([
        'gcp.database.flags.cloudsql.logical_decoding',
        'gcp.database.sslMode',
      ]);
      expect(issues[1]!.message).toContain('use "ENCRYPTED_ONLY"');
    });
  });

  describe('presharedKeyProblem', () => {
    it.each([
      ['short', 'is 5 characters long; use 8-64 characters'],
      ['a'.repeat(65), 'is 65 characters long'],
      ['0abcdefgh', 'starts with "0"'],
      ['abc-defgh', 'other than letters, digits, "." and "_"'],
    ])('rejects %s', (key, message) => {
      expect(presharedKeyProblem(key)).toContain(message);
    });

    it('accepts letters, digits, "." and "_"', () => {
      expect(presharedKeyProblem('Ab1._xyz9')).toBeUndefined();
    });
  });
});

// Moved from aws-dr-replication-stack.test.ts: the stack no longer reads the CA bundle file; the
// dr section checks it while config is validated, relative to the environment file's folder.
describe('dr.dms.sourceCaBundleFile', () => {
  const field = (p: string[]) => p.filter((line) => line.startsWith('dr.dms.sourceCaBundleFile '));

  it('must exist, looked up relative to the environment file', () => {
    expect(field(problems({ dr: { dms: { sourceCaBundleFile: 'missing-bundle.pem' } } }))).toEqual([
      expect.stringMatching(/^dr\.dms\.sourceCaBundleFile "missing-bundle\.pem" does not exist \(looked for \S*\/config\/missing-bundle\.pem, relative to the environment file's folder\)/),
    ]);
  });

  it('must be a file', () => {
    expect(field(problems({ dr: { dms: { sourceCaBundleFile: '.' } } }))).toEqual([
      expect.stringMatching(/^dr\.dms\.sourceCaBundleFile "\." is not a file \(\S*\/config\); name a PEM file of CA certificates$/),
    ]);
  });

  it('must hold a PEM certificate', () => {
    expect(field(problems({ dr: { dms: { sourceCaBundleFile: '../package.json' } } }))).toEqual([
      'dr.dms.sourceCaBundleFile "../package.json" holds no PEM certificate; use the RDS CA bundle from https://truststore.pki.rds.amazonaws.com',
    ]);
  });
});

describe('dr.dms.instanceClass', () => {
  const DR_ON = { aws: { database: { enabled: true } }, gcp: { database: { enabled: true } }, dr: { enabled: true } };
  const withClass = (instanceClass: unknown) => environmentProblems({ ...DR_ON, dr: { enabled: true, dms: { instanceClass } } });

  it.each(['dms.t3.micro', 'dms.t3.large', 'dms.c5.9xlarge', 'dms.c6i.32xlarge', 'dms.c7i.48xlarge', 'dms.r5.24xlarge', 'dms.r6i.large', 'dms.r7i.2xlarge'])(
    'accepts %s',
    (instanceClass) => {
      expect(withClass(instanceClass)).toEqual([]);
    },
  );

  it.each([
    ['db.r6i.large'],
    ['dms.r6i'],
    ['dms.m5.large'],
    ['dms.t2.micro'],
    ['dms.r6i.large.x'],
    ['DMS.R6I.LARGE'],
    ['r6i.large'],
  ])('rejects %s with the form and the families allowed', (instanceClass) => {
    expect(withClass(instanceClass)).toEqual([
      `config/test.yaml: dr.dms.instanceClass "${instanceClass}" is not a DMS replication instance class; use "dms.<family>.<size>" with family t3, c5, c6i, c7i, r5, r6i, r7i, e.g. "dms.r6i.large"`,
    ]);
  });

  it.each([
    ['dms.r6i.3xlarge', 'r6i', 'large, xlarge, 2xlarge, 4xlarge, 8xlarge, 12xlarge, 16xlarge, 24xlarge, 32xlarge'],
    ['dms.t3.xlarge', 't3', 'micro, small, medium, large'],
    ['dms.c5.8xlarge', 'c5', 'large, xlarge, 2xlarge, 4xlarge, 9xlarge, 12xlarge, 18xlarge, 24xlarge'],
    ['dms.r7i.32xlarge', 'r7i', 'large, xlarge, 2xlarge, 4xlarge, 8xlarge, 12xlarge, 16xlarge, 24xlarge, 48xlarge'],
  ])('rejects %s, a size the family does not come in, naming its sizes', (instanceClass, family, sizes) => {
    expect(withClass(instanceClass)).toEqual([
      `config/test.yaml: dr.dms.instanceClass "${instanceClass}" is not a size DMS offers for dms.${family}; use dms.${family}.<size> with size ${sizes}`,
    ]);
  });
});

describe('dr.dms.schemas', () => {
  it('refuses a schema listed twice, naming both entries', () => {
    expect(environmentProblems({ dr: { dms: { schemas: ['public', 'sales', 'public'] } } })).toContain(
      'config/test.yaml: dr.dms.schemas[2] "public" is listed twice (also dr.dms.schemas[0]); list each schema once',
    );
  });
});
