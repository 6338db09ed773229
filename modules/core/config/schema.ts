import { z } from 'zod';
import { AwsDatabaseConfigSchema } from './aws-database';
import { AwsNetworkConfigSchema } from './aws-network';
import { AzureDatabaseConfigSchema } from './azure-database';
import { AzureNetworkConfigSchema } from './azure-network';
import { DrConfigSchema } from './dr';
import { GcpDatabaseConfigSchema } from './gcp-database';
import { GcpNetworkConfigSchema } from './gcp-network';
import {
  awsAccountId,
  awsRegion,
  azureLocation,
  azureSubscriptionId,
  gcpProjectId,
  gcpRegion,
  ipv4Cidr,
  labelValue,
} from './primitives';
import { checkEnvironment } from './checks';

/**
 * The schema of one environment file (`config/<env>.yaml`).
 *
 * One schema for the whole product: each section lives in its own file beside this one
 * and is documented field by field in README.md ("Environment files").
 */

const S3_BUCKET = /^(?!\d+\.\d+\.\d+\.\d+$)(?!xn--|sthree-|amzn-s3-demo-)(?!.*(?:-s3alias|--ol-s3|\.mrap|--x-s3)$)(?!.*\.\.)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

const TagsSchema = z.strictObject({
  /** Team that owns the environment (tag `Owner`, label `owner`). */
  owner: labelValue,
  /** Cost centre to bill (tag `CostCentre`, label `cost-centre`). */
  costCentre: labelValue,
  /** Further tags merged onto every taggable resource. Keys and values must be label-safe. */
  extra: z.record(labelValue, labelValue).default({}),
});

const EndpointsSchema = z.strictObject({
  /** S3 endpoint URL of an S3-compatible store. */
  s3: z.url().optional(),
  /** DynamoDB endpoint URL (for the lock table). */
  dynamodb: z.url().optional(),
  /** STS endpoint URL. */
  sts: z.url().optional(),
  /** IAM endpoint URL. */
  iam: z.url().optional(),
});

const StateSchema = z.strictObject({
  /** Name of the S3 bucket that holds the Terraform state of every stack of the environment. */
  bucket: z.string().regex(S3_BUCKET, {
    message:
      'is not a valid S3 bucket name; use 3-63 lowercase letters, digits, "." and "-", starting and ending with a letter or digit (see AWS bucket naming rules)',
  }),
  /** AWS region of the bucket and lock table. */
  region: awsRegion,
  /** DynamoDB table used for state locking (`LockID` hash key). */
  lockTable: z.string().regex(/^[A-Za-z0-9_.-]{3,255}$/, {
    message: 'is not a valid DynamoDB table name; use 3-255 letters, digits, "_", "." or "-"',
  }),
  /** KMS key id, ARN or alias the backend encrypts state with. @default - the bucket's default encryption key */
  kmsKeyId: z.string().min(1).optional(),
  /** `dynamodb` (lock table), `lockfile` (S3 native `use_lockfile`, Terraform >= 1.10) or `both`. */
  locking: z.enum(['dynamodb', 'lockfile', 'both']).default('dynamodb'),
  /** Whether this environment's `<env>-state-backend` stack creates the bucket and table. Set false on every environment but one when several share a bucket. */
  createBackend: z.boolean().default(true),
  /** Keep the bootstrap stack's own state in the bucket it created (set after the first deploy, then `cdktf deploy <env>-state-backend --migrate-state`). */
  bootstrapStateInBucket: z.boolean().default(false),
  /** Days after which noncurrent state versions expire. */
  noncurrentVersionExpirationDays: z.number().int().min(1).max(3650).default(90),
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

const AwsSchema = z.strictObject({
  /** The AWS account the environment deploys into (12 digits). */
  accountId: awsAccountId,
  /** The AWS region of every AWS stack. */
  region: awsRegion,
  network: AwsNetworkConfigSchema,
  database: AwsDatabaseConfigSchema.prefault({}),
});

const GcpSchema = z.strictObject({
  /** The GCP project id. */
  projectId: gcpProjectId,
  /** The GCP region of every GCP stack. */
  region: gcpRegion,
  network: GcpNetworkConfigSchema,
  database: GcpDatabaseConfigSchema.prefault({}),
});

const AzureSchema = z.strictObject({
  /** The Azure subscription id (a GUID). */
  subscriptionId: azureSubscriptionId,
  /** The Azure location of every Azure stack. */
  location: azureLocation,
  network: AzureNetworkConfigSchema,
  database: AzureDatabaseConfigSchema.prefault({}),
});

const AddressPlanSchema = z.strictObject({
  /** Ranges reserved for other uses (Kubernetes pods/services, the VPN link...), keyed by name. */
  reserved: z.record(z.string(), ipv4Cidr).default({}),
});

export const EnvironmentConfigSchema = z
  .strictObject({
    /** Environment name, used in every stack name (`<name>-aws-network`) and state key. */
    name: z.string().regex(/^[a-z][a-z0-9]{1,11}$/, {
      message: 'is not a valid environment name; use 2-12 lowercase letters and digits, starting with a letter',
    }),
    aws: AwsSchema,
    gcp: GcpSchema,
    azure: AzureSchema,
    tags: TagsSchema,
    state: StateSchema,
    addressPlan: AddressPlanSchema.prefault({}),
    dr: DrConfigSchema.prefault({}),
  })
  .superRefine(checkEnvironment);

/** A validated environment, with every default filled in. */
export type EnvironmentConfig = z.infer<typeof EnvironmentConfigSchema>;
