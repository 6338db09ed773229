import { z } from 'zod';
import type { ConfigProblem } from '../../modules/core/config/errors';
import type { LoadedEnvironment } from '../../modules/core/config/load';
import { awsRegion } from '../../modules/core/config/primitives';
import { defineSection } from '../../modules/core/config/section';
import { ruled } from '../private/ruled';
import { S3_BACKEND_KMS_KEY, STATE_DEFAULTS, STATE_LIMITS, STATE_LOCKING_MODES } from '../../modules/state/s3-state-backend';
import { appendTo } from '../../modules/core/multimap';

/**
 * `state`: where every stack of the environment keeps its Terraform state, and whether this
 * environment's `<env>-state-backend` stack creates the bucket and lock table.
 */

const S3_BUCKET = /^(?!\d+\.\d+\.\d+\.\d+$)(?!xn--|sthree-|amzn-s3-demo-)(?!.*(?:-s3alias|--ol-s3|\.mrap|--x-s3)$)(?!.*\.\.)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** What an endpoint URL must look like, for messages. */
const ENDPOINT_FORM =
  'use "http://" or "https://", a host and an optional port, with no user, path, query or fragment, e.g. "https://s3.eu-west-1.amazonaws.com" or "http://127.0.0.1:9000"';

/**
 * Checks a service endpoint the S3 backend is pointed at: an http(s) URL of a host and an optional
 * port, nothing else (a path, query or credentials would be sent verbatim with every request).
 */
export function endpointUrlProblem(value: string): string | undefined {
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(value)?.[1];
  if (scheme === undefined) return `has no scheme; ${ENDPOINT_FORM}`;
  if (scheme !== 'http' && scheme !== 'https') return `has scheme "${scheme}", not http or https; ${ENDPOINT_FORM}`;
  if (/\s/.test(value)) return `holds white space; ${ENDPOINT_FORM}`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `is not a URL; ${ENDPOINT_FORM}`;
  }
  if (url.hostname === '' || value.slice(scheme.length + 3).startsWith('/')) return `has no host; ${ENDPOINT_FORM}`;
  if (url.username !== '' || url.password !== '') return `holds credentials; ${ENDPOINT_FORM}`;
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '' || /[?#]/.test(value)) {
    return `has a path, query or fragment; ${ENDPOINT_FORM}`;
  }
  return undefined;
}

const endpointUrl = ruled(z.string(), endpointUrlProblem);

const EndpointsSchema = z.strictObject({
  /** S3 endpoint URL of an S3-compatible store. */
  s3: endpointUrl.optional(),
  /** DynamoDB endpoint URL (for the lock table). */
  dynamodb: endpointUrl.optional(),
  /** STS endpoint URL. */
  sts: endpointUrl.optional(),
  /** IAM endpoint URL. */
  iam: endpointUrl.optional(),
});

export const StateSchema = z.strictObject({
  /** Name of the S3 bucket that holds the Terraform state of every stack of the environment. */
  bucket: z.string().regex(S3_BUCKET, {
    message:
      'is not a valid S3 bucket name; use 3-63 lowercase letters, digits, "." and "-", starting and ending with a letter or digit (see AWS bucket naming rules)',
  }),
  /** AWS region of the bucket and lock table. */
  region: awsRegion,
  /** DynamoDB lock table (`LockID` hash key); required with `locking: dynamodb` or `both`. @default - none (S3 lock files) */
  lockTable: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{3,255}$/, {
      message: 'is not a valid DynamoDB table name; use 3-255 letters, digits, "_", "." or "-"',
    })
    .optional(),
  /**
   * KMS key (ARN, alias ARN, key id or `alias/...`) the backend encrypts state objects with.
   * @default - the state key `<env>-state-backend` creates: `arn:aws:kms:<state.region>:<aws.accountId>:alias/<state.bucket>`
   */
  kmsKeyId: z
    .string()
    .regex(S3_BACKEND_KMS_KEY, {
      message:
        'is not a KMS key the S3 backend accepts; use a key ARN, an alias ARN, a key id (UUID) or "alias/<name>", e.g. "arn:aws:kms:eu-west-1:123456789012:alias/tfstate"',
    })
    .optional(),
  /** `dynamodb` (lock table), `lockfile` (S3 native `use_lockfile`, Terraform >= 1.10) or `both`. */
  locking: z.enum(STATE_LOCKING_MODES).default(STATE_DEFAULTS.locking),
  /** Whether this environment's `<env>-state-backend` stack creates the bucket and table. Set false on every environment but one when several share a bucket. */
  createBackend: z.boolean().default(true),
  /** Keep the bootstrap stack's own state in the bucket it created (set after the first deploy, then `cdktf deploy <env>-state-backend --migrate-state`). */
  bootstrapStateInBucket: z.boolean().default(false),
  /** Days after which noncurrent state versions expire. */
  noncurrentVersionExpirationDays: z
    .number()
    .int()
    .min(STATE_LIMITS.noncurrentVersionExpirationDays.min)
    .max(STATE_LIMITS.noncurrentVersionExpirationDays.max)
    .default(STATE_DEFAULTS.noncurrentVersionExpirationDays),
  /** IAM role the backend assumes (for CI). @default - the caller's credentials */
  roleArn: z
    .string()
    .regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,64}$/, {
      message: 'is not an IAM role ARN; expected "arn:aws:iam::<12-digit account>:role/<name>"',
    })
    .optional(),
  /** Endpoints of an S3-compatible store (tests on loopback, MinIO...). @default - AWS endpoints */
  endpoints: EndpointsSchema.optional(),
  /** Path-style S3 addressing (needed by most S3-compatible stores). */
  usePathStyle: z.boolean().default(false),
  /** Skip the AWS-only checks (credentials, account id, region, metadata API) for S3-compatible stores. */
  skipAwsChecks: z.boolean().default(false),
});


/** The validated `state` section. */
export type StateConfig = z.infer<typeof StateSchema>;

export const stateSection = defineSection({
  path: 'state',
  schema: StateSchema,
  check: (state, _env, report) => {
    if (state.locking !== 'lockfile' && state.lockTable === undefined) {
      report(['state', 'lockTable'], undefined, `is missing; locking "${state.locking}" needs a DynamoDB table name (or use locking: lockfile)`);
    }
    // SSE-KMS takes a key of the bucket's own region: S3 refuses PutObject with a key elsewhere.
    const keyRegion = state.kmsKeyId?.match(/^arn:aws[a-z-]*:kms:([a-z0-9-]+):/)?.[1];
    if (keyRegion !== undefined && keyRegion !== state.region) {
      report(
        ['state', 'kmsKeyId'],
        state.kmsKeyId,
        `is a key of region ${keyRegion}, but the bucket is in state.region ${state.region}; S3 encrypts only with a key of the bucket's region: use a key (or multi-Region replica) in ${state.region}`,
      );
    }
    if (state.skipAwsChecks && state.endpoints === undefined) {
      report(
        ['state', 'skipAwsChecks'],
        true,
        'is for S3-compatible stores only, but state.endpoints is not set, so the backend talks to AWS with its credential and region checks off; remove it, or set state.endpoints',
      );
    }
  },
});

/** Environments that share a state bucket: exactly one creates it, all use its region and lock table. */
export function sharedStateBucketProblems(envs: readonly LoadedEnvironment[]): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const byBucket = new Map<string, { file: string; state: StateConfig }[]>();
  for (const e of envs) {
    const state = e.config.section(stateSection);
    appendTo(byBucket, state.bucket, { file: e.file, state });
  }
  for (const [bucket, sharing] of byBucket) {
    if (sharing.length < 2) continue;
    const creators = sharing.filter((e) => e.state.createBackend);
    for (const extra of creators.slice(1)) {
      problems.push({
        file: extra.file,
        path: 'state.createBackend',
        message: `true is not allowed: bucket "${bucket}" is shared with ${creators[0]!.file}, which already creates it; set createBackend: false here`,
      });
    }
    const first = sharing[0]!;
    for (const e of sharing.slice(1)) {
      for (const field of ['region', 'lockTable'] as const) {
        if (e.state[field] !== first.state[field]) {
          problems.push({
            file: e.file,
            path: `state.${field}`,
            message: `"${e.state[field]}" differs from "${first.state[field]}" in ${first.file}, which shares bucket "${bucket}"; environments sharing a bucket must use the same ${field}`,
          });
        }
      }
    }
  }
  return problems;
}
