import { z } from 'zod';
import { CACHE_CLUSTER_DEFAULTS, CACHE_CLUSTER_LIMITS, CACHE_ENGINES, cacheNodeTypeProblem } from '../../modules/aws/cache-cluster';
import { CDN_DEFAULTS, CDN_PRICE_CLASSES } from '../../modules/aws/cdn';
import { WEB_ACL_DEFAULTS, WEB_ACL_LIMITS, wafRuleGroupProblem } from '../../modules/aws/web-acl';
import { DATA_BUCKET_DEFAULTS, DATA_BUCKET_LIMITS, DATA_BUCKET_STORAGE_CLASSES, lifecycleRuleProblems, OBJECT_LOCK_MODES } from '../../modules/aws/data-bucket';
import { DYNAMO_BILLING_MODES, DYNAMO_KEY_TYPES, DYNAMO_PROJECTIONS, DYNAMO_STREAM_VIEW_TYPES, DYNAMO_TABLE_DEFAULTS, DYNAMO_TABLE_LIMITS } from '../../modules/aws/dynamo-table';
import { defineSection, type ParsedEnvironment, type ReportProblem } from '../../modules/core/config/section';
import { awsNetworkSection } from '../aws-network/config';
import type { EnvironmentCore } from '../environment/config';
import { keyedByName, retentionDays, wholeNumberIn } from '../private/workload-config';

const days = wholeNumberIn([DATA_BUCKET_LIMITS.days.min, DATA_BUCKET_LIMITS.days.max]);

const LifecycleRuleSchema = z.strictObject({
  /** Rule id, unique in the bucket. */
  id: z.string().regex(/^[A-Za-z0-9._-]{1,255}$/, { message: 'is not a rule id; use letters, digits, . _ and -' }),
  /** Key prefix the rule applies to. @default - every object */
  prefix: z.string().optional(),
  /** Moves of current versions to cheaper storage, by age in days. @default [] */
  transitions: z.array(z.strictObject({ days, storageClass: z.enum(DATA_BUCKET_STORAGE_CLASSES) })).default([]),
  /** Days after which current versions expire. @default - never */
  expirationDays: days.optional(),
  /** Days after which noncurrent versions are deleted. @default - kept */
  noncurrentExpirationDays: days.optional(),
  /** Days after which incomplete multipart uploads are aborted. @default 7 */
  abortIncompleteUploadDays: days.default(DATA_BUCKET_DEFAULTS.abortIncompleteUploadDays),
});

const BucketSchema = z.strictObject({
  /** Lifecycle rules. @default - abort incomplete uploads after 7 days, delete noncurrent versions after 90 */
  lifecycleRules: z.array(LifecycleRuleSchema).optional(),
  /** Object Lock default retention (only when the bucket is created). @default - none */
  objectLock: z.strictObject({ mode: z.enum(OBJECT_LOCK_MODES), days: wholeNumberIn([DATA_BUCKET_LIMITS.objectLockDays.min, DATA_BUCKET_LIMITS.objectLockDays.max]) }).optional(),
  /** Days the access logs are kept. @default 365 */
  accessLogExpiryDays: days.default(DATA_BUCKET_DEFAULTS.accessLogExpiryDays),
  /** Let destroy delete a non-empty bucket (dev only). @default false */
  forceDestroy: z.boolean().default(DATA_BUCKET_DEFAULTS.forceDestroy),
});

const KeySchema = z.strictObject({
  /** Attribute name. */
  name: z.string().regex(/^[A-Za-z0-9_.-]{1,255}$/, { message: 'is not an attribute name; use 1 to 255 letters, digits, _ - and .' }),
  /** S (string), N (number) or B (binary). @default "S" */
  type: z.enum(DYNAMO_KEY_TYPES).default('S'),
});

const TableSchema = z.strictObject({
  /** Partition key. */
  partitionKey: KeySchema,
  /** Sort key. @default - none */
  sortKey: KeySchema.optional(),
  /** Global secondary indexes, keyed by name. @default {} */
  globalSecondaryIndexes: z.record(z.string().regex(/^[A-Za-z0-9_.-]{3,255}$/, { message: 'is not an index name; use 3 to 255 letters, digits, _ - and .' }), z.strictObject({ partitionKey: KeySchema, sortKey: KeySchema.optional(), projection: z.enum(DYNAMO_PROJECTIONS).default(DYNAMO_TABLE_DEFAULTS.projection) })).default({}),
  /** PAY_PER_REQUEST (on-demand) or PROVISIONED. @default "PAY_PER_REQUEST" */
  billingMode: z.enum(DYNAMO_BILLING_MODES).default(DYNAMO_TABLE_DEFAULTS.billingMode),
  /** Read capacity units (PROVISIONED only). @default - none */
  readCapacity: wholeNumberIn([DYNAMO_TABLE_LIMITS.capacity.min, DYNAMO_TABLE_LIMITS.capacity.max]).optional(),
  /** Write capacity units (PROVISIONED only). @default - none */
  writeCapacity: wholeNumberIn([DYNAMO_TABLE_LIMITS.capacity.min, DYNAMO_TABLE_LIMITS.capacity.max]).optional(),
  /** Attribute with the expiry time (epoch seconds). @default - no TTL */
  ttlAttribute: z.string().min(1).optional(),
  /** Change stream (KEYS_ONLY, NEW_IMAGE, OLD_IMAGE or NEW_AND_OLD_IMAGES), when something consumes it; its ARN is published as `tableStreamArns.<name>`. @default - none */
  stream: z.enum(DYNAMO_STREAM_VIEW_TYPES).optional(),
  /** Refuse API deletion. @default true */
  deletionProtection: z.boolean().default(DYNAMO_TABLE_DEFAULTS.deletionProtection),
  /** Days of point-in-time recovery. @default 35 */
  pointInTimeRecoveryDays: wholeNumberIn([DYNAMO_TABLE_LIMITS.pointInTimeRecoveryDays.min, DYNAMO_TABLE_LIMITS.pointInTimeRecoveryDays.max]).default(DYNAMO_TABLE_DEFAULTS.pointInTimeRecoveryDays),
  /** CloudWatch Contributor Insights. @default false */
  contributorInsights: z.boolean().default(DYNAMO_TABLE_DEFAULTS.contributorInsights),
});

const CacheSchema = z.strictObject({
  /** valkey or redis. @default "valkey" */
  engine: z.enum(CACHE_ENGINES).default(CACHE_CLUSTER_DEFAULTS.engine),
  /** Node type `cache.<family>.<size>`. @default "cache.t4g.small" */
  nodeType: z
    .string()
    .superRefine((v, ctx) => {
      const problem = cacheNodeTypeProblem(v);
      if (problem) ctx.addIssue({ code: 'custom', input: v, message: problem });
    })
    .default(CACHE_CLUSTER_DEFAULTS.nodeType),
  /** Nodes: a primary and replicas in other AZs (2-6). @default 2 */
  nodes: wholeNumberIn([CACHE_CLUSTER_LIMITS.nodes.min, CACHE_CLUSTER_LIMITS.nodes.max]).default(CACHE_CLUSTER_DEFAULTS.nodes),
  /** Days snapshots are kept. @default 7 */
  snapshotRetentionDays: wholeNumberIn([CACHE_CLUSTER_LIMITS.snapshotRetentionDays.min, CACHE_CLUSTER_LIMITS.snapshotRetentionDays.max]).default(CACHE_CLUSTER_DEFAULTS.snapshotRetentionDays),
  /** Security groups of the compute allowed to connect, keyed by a name. @default {} */
  allowedSecurityGroups: z.record(z.string().regex(/^[a-z][a-z0-9-]*$/, { message: 'is not a name; use lower-case letters, digits and -' }), z.string().regex(/^sg-[0-9a-f]{8,17}$/, { message: 'is not a security group id; use sg-<hex>' })).default({}),
});

/**
 * A WAF web ACL in front of something (`aws.data.cdn.waf`, `aws.services.services.<name>.alb.waf`):
 * AWS managed rule groups, a per-IP rate limit, request logs. AWS WAF protects CloudFront, ALBs and
 * API Gateway REST API stages, not HTTP APIs: put the CDN (with its waf) in front of an HTTP API instead.
 * @see https://docs.aws.amazon.com/waf/latest/APIReference/Welcome.html
 */
export const WafConfigSchema = z.strictObject({
  /** AWS managed rule groups, in priority order. @default - common, known bad inputs, IP reputation */
  managedRuleGroups: z
    .array(
      z.string().superRefine((v, ctx) => {
        const problem = wafRuleGroupProblem(v);
        if (problem) ctx.addIssue({ code: 'custom', input: v, message: problem });
      }),
    )
    .default([...WEB_ACL_DEFAULTS.managedRuleGroups]),
  /** Requests per 5 minutes from one IP before it is blocked. @default 2000 */
  rateLimitPer5Minutes: wholeNumberIn([WEB_ACL_LIMITS.rateLimitPer5Minutes.min, WEB_ACL_LIMITS.rateLimitPer5Minutes.max]).default(WEB_ACL_DEFAULTS.rateLimitPer5Minutes),
  /** Days the request logs (log group `aws-waf-logs-<acl name>`, KMS-encrypted) are kept. @default 365 */
  logRetentionDays: retentionDays.default(WEB_ACL_DEFAULTS.logRetentionDays),
});

export type WafConfig = z.infer<typeof WafConfigSchema>;

const CdnSchema = z.strictObject({
  /** Key of the bucket in `buckets` served at `/` (through Origin Access Control; it stays private). */
  bucket: z.string(),
  /** HTTPS domain of the API or ALB served at apiPathPattern, uncached. @default - none */
  apiDomainName: z.string().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/, { message: 'is not a domain name; use e.g. "abc123.execute-api.eu-west-1.amazonaws.com"' }).optional(),
  /** Path pattern routed to the API. @default "/api/*" */
  apiPathPattern: z.string().regex(/^\/\S*$/, { message: 'is not a path pattern; start with "/"' }).default(CDN_DEFAULTS.apiPathPattern),
  /** Price class. @default "PriceClass_100" */
  priceClass: z.enum(CDN_PRICE_CLASSES).default(CDN_DEFAULTS.priceClass),
  /** ACM certificate ARN in us-east-1 for aliases. @default - the cloudfront.net name */
  certificateArn: z.string().regex(/^arn:aws[a-z-]*:acm:us-east-1:\d{12}:certificate\/[A-Za-z0-9-]+$/, { message: 'is not an ACM certificate ARN in us-east-1 (CloudFront uses only those)' }).optional(),
  /** Alternate domain names (need certificateArn). @default [] */
  aliases: z.array(z.string()).default([]),
  /** A WAF web ACL (CLOUDFRONT scope, us-east-1) in front of the distribution. @default - none */
  waf: WafConfigSchema.optional(),
});

/** `aws.data`: data buckets and DynamoDB tables (`<env>-aws-data`). */
export const AwsDataConfigSchema = z.strictObject({
  /** Create the `<env>-aws-data` stack. @default false */
  enabled: z.boolean().default(false),
  /** S3 data buckets keyed by name; each is `<env>-<name>-<suffix>`. @default {} */
  buckets: keyedByName('bucket', BucketSchema).default({}),
  /** DynamoDB tables keyed by name; each is `<env>-<name>`. @default {} */
  tables: keyedByName('table', TableSchema).default({}),
  /** An ElastiCache replication group `<env>-cache` in the private subnets (needs `aws.network`). @default - none */
  cache: CacheSchema.optional(),
  /** A CloudFront distribution `<env>-cdn` in front of a bucket and optionally the API. @default - none */
  cdn: CdnSchema.optional(),
});

export type AwsDataConfig = z.infer<typeof AwsDataConfigSchema>;

/** The deployed name of a table, or the prefix of a bucket: `<env>-<name>`. */
export function dataResourceName(envName: string, name: string): string {
  return `${envName}-${name}`;
}

/** Checks across the fields of `aws.data`. */
export function checkAwsData(config: AwsDataConfig, env: ParsedEnvironment<EnvironmentCore>, report: ReportProblem): void {
  if (config.enabled && config.cache && env.get(awsNetworkSection)?.enabled === false) {
    report(['aws', 'data', 'cache'], undefined, 'needs the AWS network (private subnets); set aws.network.enabled: true or remove aws.data.cache');
  }
  if (config.cdn && !(config.cdn.bucket in config.buckets)) {
    const known = Object.keys(config.buckets);
    report(['aws', 'data', 'cdn', 'bucket'], config.cdn.bucket, `is not a bucket of aws.data.buckets; use one of ${known.length ? known.join(', ') : '(none: add a bucket first)'}`);
  }
  if (config.cdn && config.cdn.aliases.length > 0 && !config.cdn.certificateArn) {
    report(['aws', 'data', 'cdn', 'aliases'], config.cdn.aliases, 'need a certificateArn (ACM, us-east-1) covering them');
  }
  for (const [name, bucket] of Object.entries(config.buckets)) {
    const at = ['aws', 'data', 'buckets', name];
    const prefix = dataResourceName(env.core.name, name);
    if (prefix.length > DATA_BUCKET_LIMITS.namePrefixLength) {
      report(at, name, `makes the bucket prefix "${prefix}" ${prefix.length} characters long; S3 allows ${DATA_BUCKET_LIMITS.namePrefixLength} before its suffix, use a shorter name`);
    }
    const ids = new Set<string>();
    (bucket.lifecycleRules ?? []).forEach((rule, i) => {
      if (ids.has(rule.id)) report([...at, 'lifecycleRules', i, 'id'], rule.id, 'is used by another rule of the bucket; give each rule its own id');
      ids.add(rule.id);
      for (const p of lifecycleRuleProblems(rule)) report([...at, 'lifecycleRules', i, ...p.field.split(/[.[\]]+/).filter(Boolean).map((s) => (/^\d+$/.test(s) ? Number(s) : s))], p.value, p.message);
    });
  }
  for (const [name, table] of Object.entries(config.tables)) {
    const at = ['aws', 'data', 'tables', name];
    for (const field of ['readCapacity', 'writeCapacity'] as const) {
      if (table.billingMode === 'PROVISIONED' && table[field] === undefined) report([...at, field], undefined, 'is required with billingMode PROVISIONED; give capacity units or use PAY_PER_REQUEST');
      if (table.billingMode === 'PAY_PER_REQUEST' && table[field] !== undefined) report([...at, field], table[field], 'is set with billingMode PAY_PER_REQUEST (on-demand); remove it or use PROVISIONED');
    }
    const types = new Map<string, string>();
    const keys: [readonly (string | number)[], { name: string; type: string } | undefined][] = [
      [[...at, 'partitionKey'], table.partitionKey],
      [[...at, 'sortKey'], table.sortKey],
      ...Object.entries(table.globalSecondaryIndexes).flatMap(([g, idx]): [readonly (string | number)[], { name: string; type: string } | undefined][] => [
        [[...at, 'globalSecondaryIndexes', g, 'partitionKey'], idx.partitionKey],
        [[...at, 'globalSecondaryIndexes', g, 'sortKey'], idx.sortKey],
      ]),
    ];
    for (const [path, key] of keys) {
      if (!key) continue;
      const known = types.get(key.name);
      if (known && known !== key.type) report([...path, 'type'], key.type, `differs from the type ${known} of attribute "${key.name}" elsewhere in the table; give one attribute one type`);
      types.set(key.name, key.type);
    }
    if (Object.keys(table.globalSecondaryIndexes).length > DYNAMO_TABLE_LIMITS.globalSecondaryIndexes) {
      report([...at, 'globalSecondaryIndexes'], undefined, `has more than the ${DYNAMO_TABLE_LIMITS.globalSecondaryIndexes} indexes a table may have`);
    }
  }
}

/** `aws.data`, owned by the `aws-data` stack family. */
export const awsDataSection = defineSection({ path: 'aws.data', schema: AwsDataConfigSchema, optional: true, check: checkAwsData });

/** Whether the stack has a cache (then it needs the network). */
export function dataNeedsNetwork(config: AwsDataConfig): boolean {
  return config.cache !== undefined;
}

/** The cache's replication group id: `<env>-cache`. */
export function cacheName(envName: string): string {
  return `${envName}-cache`;
}

/** The distribution's name (and its web ACL's): `<env>-cdn`. */
export function cdnName(envName: string): string {
  return `${envName}-cdn`;
}
