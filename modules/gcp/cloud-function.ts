import * as path from 'path';
import {
  Cloudfunctions2Function,
  type Cloudfunctions2FunctionEventTrigger,
} from '@cdktf/provider-google/lib/cloudfunctions2-function';
import { CloudRunV2ServiceIamMember } from '@cdktf/provider-google/lib/cloud-run-v2-service-iam-member';
import { StorageBucket } from '@cdktf/provider-google/lib/storage-bucket';
import { StorageBucketIamMember } from '@cdktf/provider-google/lib/storage-bucket-iam-member';
import { StorageBucketObject } from '@cdktf/provider-google/lib/storage-bucket-object';
import { type ITerraformDependable, Token } from 'cdktf';
import { Construct } from 'constructs';
import { writeZipAsset } from '../core/deterministic-zip';
import { ValidationError } from '../core/validation-error';
import { cloudRunCpuMemoryProblem } from './cloud-run-service';
import {
  ENV_NAME,
  type SecretEnvRef,
  SERVICE_ACCOUNT_ID,
  idFromValue,
  invokerMemberProblem,
  secretRefProblem,
  serviceAccountIdFor,
  splitSecretId,
  workloadRoleProblem,
} from './private/serverless';
import { WorkloadServiceAccount } from './private/workload-service-account';

/**
 * Runtimes a 2nd-gen function may use here (supported, not deprecated).
 *
 * @see https://cloud.google.com/functions/docs/runtime-support
 */
export const CLOUD_FUNCTION_RUNTIMES = [
  'python313',
  'python312',
  'python311',
  'nodejs22',
  'nodejs20',
  'go124',
  'go123',
  'java21',
  'java17',
] as const;
export type CloudFunctionRuntime = (typeof CLOUD_FUNCTION_RUNTIMES)[number];

/** Ingress settings of a function. */
export const CLOUD_FUNCTION_INGRESS = ['ALLOW_INTERNAL_ONLY', 'ALLOW_INTERNAL_AND_GCLB', 'ALLOW_ALL'] as const;
export type CloudFunctionIngress = (typeof CLOUD_FUNCTION_INGRESS)[number];

/** Egress settings through a Serverless VPC Access connector. */
export const CLOUD_FUNCTION_VPC_EGRESS = ['PRIVATE_RANGES_ONLY', 'ALL_TRAFFIC'] as const;
export type CloudFunctionVpcEgress = (typeof CLOUD_FUNCTION_VPC_EGRESS)[number];

/**
 * Memory tiers of 2nd-gen functions and the vCPU each gets when no CPU is given.
 *
 * @see https://cloud.google.com/functions/docs/configuring/memory
 */
export const CLOUD_FUNCTION_MEMORY_TIERS: Readonly<Record<string, number>> = {
  '128Mi': 0.083,
  '256Mi': 0.167,
  '512Mi': 0.333,
  '1Gi': 0.583,
  '2Gi': 1,
  '4Gi': 2,
  '8Gi': 2,
  '16Gi': 4,
  '32Gi': 8,
};

/**
 * Project roles of the build account the construct creates (plus object reader on the source bucket).
 *
 * @see https://cloud.google.com/functions/docs/securing/build-custom-sa
 */
export const CLOUD_FUNCTION_BUILD_ROLES = ['roles/logging.logWriter', 'roles/artifactregistry.writer'] as const;

/** Defaults of {@link CloudFunction}, for the config layer. */
export const CLOUD_FUNCTION_DEFAULTS = {
  runtime: 'python313',
  entryPoint: 'handler',
  memory: '256Mi',
  timeoutSeconds: 60,
  minInstances: 0,
  maxInstances: 10,
  concurrency: 1,
  ingress: 'ALLOW_INTERNAL_ONLY',
  vpcEgress: 'PRIVATE_RANGES_ONLY',
  sourceNoncurrentDays: 30,
  retryEvents: true,
  public: false,
} as const;

/**
 * Limits of 2nd-gen functions.
 *
 * @see https://cloud.google.com/functions/docs/configuring/timeout
 * @see https://cloud.google.com/functions/quotas
 */
export const CLOUD_FUNCTION_LIMITS = {
  minTimeoutSeconds: 1,
  maxHttpTimeoutSeconds: 3600,
  maxEventTimeoutSeconds: 540,
  maxInstances: 1000,
  maxConcurrency: 1000,
  maxNameLength: 63,
  maxBucketNameLength: 63,
} as const;

/** Why a function timeout is not allowed for its trigger, or undefined. */
export function cloudFunctionTimeoutProblem(seconds: number, trigger: 'http' | 'pubsub'): string | undefined {
  const L = CLOUD_FUNCTION_LIMITS;
  const max = trigger === 'http' ? L.maxHttpTimeoutSeconds : L.maxEventTimeoutSeconds;
  if (!Number.isInteger(seconds) || seconds < L.minTimeoutSeconds || seconds > max) {
    return `is out of range; use ${L.minTimeoutSeconds}-${max} seconds for ${
      trigger === 'http' ? 'HTTP' : 'event-driven'
    } functions`;
  }
  return undefined;
}

/** Why a memory size is not a 2nd-gen tier, or undefined. */
export function cloudFunctionMemoryProblem(memory: string): string | undefined {
  if (memory in CLOUD_FUNCTION_MEMORY_TIERS) return undefined;
  return `is not a memory tier; use one of ${Object.keys(CLOUD_FUNCTION_MEMORY_TIERS).join(', ')}`;
}

/** What starts the function. */
export type CloudFunctionTrigger =
  | { readonly type: 'http' }
  | {
      readonly type: 'pubsub';
      /** Topic id, `projects/<project>/topics/<topic>`. */
      readonly topic: string;
      /** Retry failed events (the handler must be idempotent). @default true */
      readonly retry?: boolean;
    };

/** Props of {@link CloudFunction}. */
export interface CloudFunctionProps {
  /** Project of the function. */
  readonly project: string;
  /** Region of the function and of the source bucket. */
  readonly region: string;
  /** Function name (lower-case letters, digits, `-`; starts with a letter; <= 63). */
  readonly functionName: string;
  /** Folder of the source (e.g. `apps/gcp-function`), zipped reproducibly at synth. */
  readonly sourceFolder: string;
  /** Top-level files or folders of `sourceFolder` left out of the zip (e.g. `tests`). @default [] */
  readonly sourceExcludes?: string[];
  /** Function in the source that handles requests. @default 'handler' */
  readonly entryPoint?: string;
  /** Runtime. @default 'python313' */
  readonly runtime?: CloudFunctionRuntime;
  /** HTTP, or a Pub/Sub topic through Eventarc. @default { type: 'http' } */
  readonly trigger?: CloudFunctionTrigger;
  /** Existing bucket for the source zip (not created or changed here). @default - a bucket is created */
  readonly existingSourceBucket?: string;
  /** Name of the source bucket created. @default `<project>-gcf-source-<functionName>` */
  readonly sourceBucketName?: string;
  /** Days old source versions are kept in the created bucket. @default 30 */
  readonly sourceNoncurrentDays?: number;
  /** Id of the service account created for the function. @default - `<functionName>-fn`, cut to 30 characters */
  readonly serviceAccountId?: string;
  /** Project roles of the function's account (no basic roles). @default [] */
  readonly projectRoles?: string[];
  /**
   * Existing build service account, `projects/<p>/serviceAccounts/<email>`.
   * @default - a build account is created: logs writer, Artifact Registry writer, reader of the source bucket
   */
  readonly buildServiceAccount?: string;
  /** Where requests may come from. `ALLOW_ALL` needs `public: true`. @default 'ALLOW_INTERNAL_ONLY' */
  readonly ingress?: CloudFunctionIngress;
  /** Let anyone invoke the (HTTP) function. @default false */
  readonly public?: boolean;
  /** IAM members that get `roles/run.invoker` on the function. @default [] */
  readonly invokers?: string[];
  /** Serverless VPC Access connector id, `projects/<p>/locations/<region>/connectors/<name>`. @default - no VPC egress */
  readonly vpcConnector?: string;
  /** Traffic sent through the connector. @default 'PRIVATE_RANGES_ONLY' */
  readonly vpcEgress?: CloudFunctionVpcEgress;
  /** Memory tier. @default '256Mi' */
  readonly memory?: string;
  /** vCPUs (valid for the memory). @default - the tier's CPU */
  readonly cpu?: string;
  /** Timeout: 1-3600 s (HTTP) or 1-540 s (events). @default 60 */
  readonly timeoutSeconds?: number;
  /** Minimum instances. @default 0 */
  readonly minInstances?: number;
  /** Maximum instances (>= minInstances). @default 10 */
  readonly maxInstances?: number;
  /** Concurrent requests per instance (> 1 needs at least 1 vCPU). @default 1 */
  readonly concurrency?: number;
  /** Plain environment variables (never secrets). @default {} */
  readonly env?: Record<string, string>;
  /** Environment variables from Secret Manager; the account gets `secretAccessor` on exactly these. @default {} */
  readonly secretEnv?: Record<string, SecretEnvRef>;
  /** Cloud KMS key for the function's resources (CMEK). @default - Google-managed */
  readonly kmsKeyName?: string;
  /** Labels of the function and the bucket. @default {} */
  readonly labels?: Record<string, string>;
}

/**
 * A Cloud Run function (2nd gen) built from a source folder zipped reproducibly.
 *
 * The zip's SHA-256 is in the object name, so a code change is a new object and a new build, and
 * an unchanged folder plans no change on any machine. Secure by default: a dedicated service
 * account (others for the build and the event trigger), internal ingress only, no public invoker, secrets
 * as Secret Manager references, a source bucket with uniform access, public access prevention,
 * versioning and a lifecycle.
 *
 * VPC egress: the google provider 6.x (these bindings: 6.50) has only the Serverless VPC Access
 * connector for 2nd-gen functions, so `vpcConnector` is used. Direct VPC egress
 * (`service_config.direct_vpc_network_interface` + `direct_vpc_egress`, exclusive with
 * `vpc_connector`) reached the GA provider in 7.x (February 2026); move to it with the provider.
 * @see https://github.com/hashicorp/terraform-provider-google/issues/20503
 *
 * @see https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources/cloudfunctions2_function
 * @see https://cloud.google.com/functions/docs/networking/connecting-vpc
 */
export class CloudFunction extends Construct {
  /** The function. */
  public readonly function: Cloudfunctions2Function;
  /** The function's own account. */
  public readonly serviceAccount: WorkloadServiceAccount;
  /** The build account, when created here. */
  public readonly buildServiceAccount?: WorkloadServiceAccount;
  /** Email of the function's account. */
  public readonly serviceAccountEmail: string;
  /** The source bucket, when created here. */
  public readonly sourceBucket?: StorageBucket;
  /** Name of the bucket holding the source. */
  public readonly sourceBucketName: string;
  /** Object name of the source zip (carries the hash). */
  public readonly sourceObjectName: string;
  /** Hex SHA-256 of the source zip. */
  public readonly sourceSha256: string;
  /** Function name. */
  public readonly functionName: string;
  /** HTTPS URL of the function. */
  public readonly url: string;
  /** Name of the Cloud Run service behind the function. */
  public readonly cloudRunServiceName: string;

  constructor(scope: Construct, id: string, props: CloudFunctionProps) {
    super(scope, id);
    const D = CLOUD_FUNCTION_DEFAULTS;
    const L = CLOUD_FUNCTION_LIMITS;
    const runtime = props.runtime ?? D.runtime;
    const trigger: CloudFunctionTrigger = props.trigger ?? { type: 'http' };
    const memory = props.memory ?? D.memory;
    const timeoutSeconds = props.timeoutSeconds ?? D.timeoutSeconds;
    const minInstances = props.minInstances ?? D.minInstances;
    const maxInstances = props.maxInstances ?? D.maxInstances;
    const concurrency = props.concurrency ?? D.concurrency;
    const ingress = props.ingress ?? D.ingress;
    const vpcEgress = props.vpcEgress ?? D.vpcEgress;
    const isPublic = props.public ?? D.public;
    const accountId = props.serviceAccountId ?? serviceAccountIdFor(props.functionName, 'fn');
    const bucketName =
      props.existingSourceBucket ?? props.sourceBucketName ?? `${props.project}-gcf-source-${props.functionName}`;
    const noncurrentDays = props.sourceNoncurrentDays ?? D.sourceNoncurrentDays;
    const env = props.env ?? {};
    const secretEnv = props.secretEnv ?? {};

    const fail = (prop: string, value: unknown, allowed: string): never => {
      throw new ValidationError(this, prop, value, allowed);
    };
    if (
      !Token.isUnresolved(props.functionName) &&
      (props.functionName.length > L.maxNameLength || !/^[a-z]([a-z0-9-]*[a-z0-9])?$/.test(props.functionName))
    ) {
      fail(
        'functionName',
        props.functionName,
        `is not a function name; use lower-case letters, digits and "-", starting with a letter, at most ${L.maxNameLength} characters`
      );
    }
    if (!(CLOUD_FUNCTION_RUNTIMES as readonly string[]).includes(runtime)) {
      fail('runtime', runtime, `is not supported; use one of ${CLOUD_FUNCTION_RUNTIMES.join(', ')}`);
    }
    if (trigger.type !== 'http' && trigger.type !== 'pubsub') {
      fail('trigger.type', (trigger as { type: unknown }).type, 'is not a trigger; use "http" or "pubsub"');
    }
    if (
      trigger.type === 'pubsub' &&
      !Token.isUnresolved(trigger.topic) &&
      !/^projects\/[^/]+\/topics\/[^/]+$/.test(trigger.topic)
    ) {
      fail('trigger.topic', trigger.topic, 'is not a topic id; use "projects/<project>/topics/<topic>"');
    }
    if (trigger.type === 'pubsub' && (isPublic || props.invokers?.length)) {
      fail(
        isPublic ? 'public' : 'invokers',
        isPublic || props.invokers,
        'applies to HTTP functions only; a Pub/Sub function is invoked by its trigger'
      );
    }
    if (!Token.isUnresolved(accountId) && !SERVICE_ACCOUNT_ID.test(accountId)) {
      fail(
        'serviceAccountId',
        accountId,
        'is not a service account id; use 6-30 lower-case letters, digits and "-", starting with a letter'
      );
    }
    if (
      !props.existingSourceBucket &&
      !Token.isUnresolved(bucketName) &&
      (bucketName.length > L.maxBucketNameLength ||
        !/^[a-z0-9][a-z0-9_-]*[a-z0-9]$/.test(bucketName) ||
        bucketName.includes('goog'))
    ) {
      fail(
        'sourceBucketName',
        bucketName,
        `is not a bucket name; give 3-${L.maxBucketNameLength} lower-case letters, digits, "-" or "_" (no "goog")`
      );
    }
    if (!Number.isInteger(noncurrentDays) || noncurrentDays < 1)
      fail('sourceNoncurrentDays', noncurrentDays, 'is out of range; use 1 or more days');
    for (const role of props.projectRoles ?? []) {
      const problem = workloadRoleProblem(role);
      if (problem) fail('projectRoles', role, problem);
    }
    if (!(CLOUD_FUNCTION_INGRESS as readonly string[]).includes(ingress)) {
      fail('ingress', ingress, `is not an ingress setting; use one of ${CLOUD_FUNCTION_INGRESS.join(', ')}`);
    }
    if (ingress === 'ALLOW_ALL' && !isPublic) {
      fail(
        'ingress',
        ingress,
        'opens the function to the internet; set public: true as well, or use ALLOW_INTERNAL_ONLY or ALLOW_INTERNAL_AND_GCLB'
      );
    }
    for (const member of props.invokers ?? []) {
      const problem = invokerMemberProblem(member);
      if (problem) fail('invokers', member, problem);
    }
    if (!(CLOUD_FUNCTION_VPC_EGRESS as readonly string[]).includes(vpcEgress)) {
      fail('vpcEgress', vpcEgress, `is not an egress setting; use one of ${CLOUD_FUNCTION_VPC_EGRESS.join(', ')}`);
    }
    if (props.vpcEgress && !props.vpcConnector) fail('vpcConnector', undefined, 'is required when vpcEgress is set');
    if (
      props.vpcConnector &&
      !Token.isUnresolved(props.vpcConnector) &&
      !/^projects\/[^/]+\/locations\/[^/]+\/connectors\/[^/]+$/.test(props.vpcConnector)
    ) {
      fail(
        'vpcConnector',
        props.vpcConnector,
        'is not a connector id; use "projects/<project>/locations/<region>/connectors/<name>"'
      );
    }
    const memoryProblem = cloudFunctionMemoryProblem(memory);
    if (memoryProblem) fail('memory', memory, memoryProblem);
    if (props.cpu !== undefined) {
      const problem = cloudRunCpuMemoryProblem(props.cpu, memory, 'EXECUTION_ENVIRONMENT_GEN1');
      if (problem) fail('cpu', { cpu: props.cpu, memory }, `is not allowed: ${problem}`);
    }
    const cpu = props.cpu !== undefined ? Number(props.cpu) : CLOUD_FUNCTION_MEMORY_TIERS[memory];
    const timeoutProblem = cloudFunctionTimeoutProblem(timeoutSeconds, trigger.type);
    if (timeoutProblem) fail('timeoutSeconds', timeoutSeconds, timeoutProblem);
    if (!Number.isInteger(minInstances) || minInstances < 0 || minInstances > L.maxInstances) {
      fail('minInstances', minInstances, `is out of range; use 0-${L.maxInstances}`);
    }
    if (!Number.isInteger(maxInstances) || maxInstances < 1 || maxInstances > L.maxInstances) {
      fail('maxInstances', maxInstances, `is out of range; use 1-${L.maxInstances}`);
    }
    if (minInstances > maxInstances) {
      fail('minInstances', { minInstances, maxInstances }, 'is more than maxInstances; use min <= max');
    }
    if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > L.maxConcurrency) {
      fail('concurrency', concurrency, `is out of range; use 1-${L.maxConcurrency}`);
    }
    if (concurrency > 1 && cpu < 1) {
      // @see https://cloud.google.com/functions/docs/configuring/concurrency
      fail(
        'concurrency',
        concurrency,
        `needs at least 1 vCPU (memory ${memory} gives ${cpu}); set cpu "1" or memory 2Gi or more, or use concurrency 1`
      );
    }
    for (const name of [...Object.keys(env), ...Object.keys(secretEnv)]) {
      if (!ENV_NAME.test(name))
        fail(
          `env.${name}`,
          name,
          'is not an environment variable name; use letters, digits and "_", not starting with a digit'
        );
      if (name in env && name in secretEnv) fail(`secretEnv.${name}`, name, 'is also in env; give each variable once');
    }
    for (const [name, ref] of Object.entries(secretEnv)) {
      const problem = secretRefProblem(ref);
      if (problem) fail(`secretEnv.${name}`, ref, problem);
    }

    // Source: reproducible zip, its hash in the object name.
    const excludes = (props.sourceExcludes ?? []).map((e) => e.replace(/\/+$/, ''));
    const zip = writeZipAsset(this, 'source-zip', path.resolve(props.sourceFolder), {
      exclude: (rel) => excludes.some((e) => rel === e || rel.startsWith(`${e}/`)),
    });
    if (!props.existingSourceBucket) {
      this.sourceBucket = new StorageBucket(this, 'source-bucket', {
        project: props.project,
        name: bucketName,
        location: props.region,
        uniformBucketLevelAccess: true,
        publicAccessPrevention: 'enforced',
        versioning: { enabled: true },
        forceDestroy: false,
        labels: props.labels,
        lifecycleRule: [
          { action: { type: 'Delete' }, condition: { daysSinceNoncurrentTime: noncurrentDays, withState: 'ARCHIVED' } },
          { action: { type: 'AbortIncompleteMultipartUpload' }, condition: { age: 1 } },
        ],
      });
    }
    this.sourceBucketName = this.sourceBucket ? this.sourceBucket.name : bucketName;
    this.sourceSha256 = zip.sha256;
    this.sourceObjectName = `${props.functionName}/source-${zip.sha256}.zip`;
    const object = new StorageBucketObject(this, 'source-object', {
      bucket: this.sourceBucketName,
      name: this.sourceObjectName,
      source: zip.asset.path,
      contentType: 'application/zip',
    });

    this.serviceAccount = new WorkloadServiceAccount(this, 'service-account', {
      project: props.project,
      accountId,
      displayName: `Cloud Run function ${props.functionName}`,
      projectRoles: props.projectRoles,
      secrets: Object.values(secretEnv).map((ref) => ref.secret),
    });

    // Builds run as an account of their own, never the default compute or Cloud Build account.
    let buildAccountName = props.buildServiceAccount;
    const buildGrants: ITerraformDependable[] = [];
    if (!buildAccountName) {
      this.buildServiceAccount = new WorkloadServiceAccount(this, 'build-account', {
        project: props.project,
        accountId: serviceAccountIdFor(props.functionName, 'build'),
        displayName: `Cloud Build of function ${props.functionName}`,
        projectRoles: CLOUD_FUNCTION_BUILD_ROLES,
      });
      buildAccountName = this.buildServiceAccount.account.name;
      buildGrants.push(
        ...this.buildServiceAccount.grants,
        new StorageBucketIamMember(this, 'build-source-reader', {
          bucket: this.sourceBucketName,
          role: 'roles/storage.objectViewer',
          member: this.buildServiceAccount.member,
        })
      );
    }

    let triggerAccount: WorkloadServiceAccount | undefined;
    let eventTrigger: Cloudfunctions2FunctionEventTrigger | undefined;
    if (trigger.type === 'pubsub') {
      triggerAccount = new WorkloadServiceAccount(this, 'trigger-account', {
        project: props.project,
        accountId: serviceAccountIdFor(props.functionName, 'evt'),
        displayName: `Eventarc trigger of ${props.functionName}`,
        projectRoles: ['roles/eventarc.eventReceiver'],
      });
      eventTrigger = {
        triggerRegion: props.region,
        eventType: 'google.cloud.pubsub.topic.v1.messagePublished',
        pubsubTopic: trigger.topic,
        retryPolicy: trigger.retry ?? D.retryEvents ? 'RETRY_POLICY_RETRY' : 'RETRY_POLICY_DO_NOT_RETRY',
        serviceAccountEmail: triggerAccount.email,
      };
    }

    // The function starts (and builds) only once its accounts hold their roles.
    const grants = [...this.serviceAccount.grants, ...buildGrants];
    this.function = new Cloudfunctions2Function(this, 'function', {
      project: props.project,
      location: props.region,
      name: props.functionName,
      kmsKeyName: props.kmsKeyName,
      labels: props.labels,
      buildConfig: {
        runtime,
        entryPoint: props.entryPoint ?? D.entryPoint,
        serviceAccount: buildAccountName,
        source: { storageSource: { bucket: this.sourceBucketName, object: object.name } },
      },
      serviceConfig: {
        serviceAccountEmail: this.serviceAccount.email,
        ingressSettings: ingress,
        allTrafficOnLatestRevision: true,
        availableMemory: memory,
        availableCpu: props.cpu,
        timeoutSeconds,
        minInstanceCount: minInstances,
        maxInstanceCount: maxInstances,
        maxInstanceRequestConcurrency: concurrency,
        vpcConnector: props.vpcConnector,
        vpcConnectorEgressSettings: props.vpcConnector ? vpcEgress : undefined,
        environmentVariables: Object.keys(env).length ? env : undefined,
        secretEnvironmentVariables: Object.entries(secretEnv).map(([key, ref]) => {
          const { project, name } = splitSecretId(ref.secret);
          return { key, projectId: project ?? props.project, secret: name, version: ref.version };
        }),
      },
      eventTrigger,
      dependsOn: grants.length ? grants : undefined,
    });

    // 2nd-gen functions are invoked through their Cloud Run service: run.invoker on it.
    this.cloudRunServiceName = this.function.serviceConfig.service;
    const invoker = (key: string, member: string) =>
      new CloudRunV2ServiceIamMember(this, `invoker-${key}`, {
        project: props.project,
        location: props.region,
        name: this.cloudRunServiceName,
        role: 'roles/run.invoker',
        member,
      });
    if (triggerAccount) invoker('trigger', triggerAccount.member);
    if (isPublic) invoker('allusers', 'allUsers');
    for (const member of new Set(props.invokers ?? [])) invoker(idFromValue(member), member);

    this.serviceAccountEmail = this.serviceAccount.email;
    this.functionName = props.functionName;
    this.url = this.function.url;
  }
}
