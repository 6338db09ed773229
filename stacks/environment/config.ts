import { z } from 'zod';
import {
  awsAccountId,
  awsRegion,
  azureLocation,
  azureSubscriptionId,
  gcpProjectId,
  gcpRegion,
  ipv4Cidr,
  labelValue,
} from '../../modules/core/config/primitives';
import type { StateConfig } from '../state-backend/config';

/**
 * The core of every environment file: its name, the account, project and subscription it
 * deploys into, its tags and reserved address ranges.
 *
 * Everything else is a capability's own section (`aws.network`, `dr`, `state`...), declared
 * beside its stack and registered in stacks/registry.ts; the loader adds each section's key here.
 */

const TagsSchema = z.strictObject({
  /** Team that owns the environment (tag `Owner`, label `owner`). */
  owner: labelValue,
  /** Cost centre to bill (tag `CostCentre`, label `cost-centre`). */
  costCentre: labelValue,
  /**
   * Further tags merged onto every taggable resource (AWS and Azure tags, GCP labels). Keys: 1-63
   * lowercase letters, digits, `_` and `-`, starting with a letter; not a default tag, not a
   * prefix a cloud reserves. At most 46, so that with the 4 default tags AWS's 50 are not exceeded.
   */
  extra: z
    .record(z.string(), labelValue)
    .superRefine((extra, ctx) => {
      for (const key of Object.keys(extra)) {
        const problem = tagKeyProblem(key);
        if (problem) ctx.addIssue({ code: 'custom', path: [key], input: key, message: problem });
      }
      const count = Object.keys(extra).length;
      if (count > MAX_EXTRA_TAGS) {
        ctx.addIssue({
          code: 'custom',
          input: count,
          message: `is too many tags; AWS allows 50 tags per resource and the environment adds ${DEFAULT_TAG_COUNT} (Environment, Owner, CostCentre, ManagedBy): use at most ${MAX_EXTRA_TAGS}`,
        });
      }
    })
    .default({}),
});

/** Tags every resource gets from the environment (see modules/core/tags.ts). */
const DEFAULT_TAG_COUNT = 4;
/** AWS allows 50 tags per resource (GCP 64 labels, Azure 50 tags). */
const MAX_EXTRA_TAGS = 50 - DEFAULT_TAG_COUNT;
/** Label keys the environment sets itself (GCP labels; AWS/Azure tags are the TitleCase forms). */
const DEFAULT_LABEL_KEYS = ['environment', 'owner', 'cost-centre', 'managed-by'];
/** Key prefixes a cloud reserves: AWS `aws:`, GCP `goog`, Azure `microsoft`, `azure`, `windows`. */
const RESERVED_TAG_PREFIXES = ['aws', 'goog', 'microsoft', 'azure', 'windows'];

/** Why a `tags.extra` key is not allowed, or `undefined` when it is. */
export function tagKeyProblem(key: string): string | undefined {
  const form = 'use 1-63 lowercase letters, digits, "_" and "-", starting with a letter (a GCP label key; AWS and Azure take it as is)';
  const reserved = RESERVED_TAG_PREFIXES.find((p) => key.toLowerCase().startsWith(p));
  if (reserved) return `starts with "${reserved}", a prefix reserved by ${reserved === 'aws' ? 'AWS' : reserved === 'goog' ? 'GCP' : 'Azure'}; ${form}`;
  if (!/^[a-z][a-z0-9_-]{0,62}$/.test(key)) return `is not a valid tag key; ${form}`;
  if (DEFAULT_LABEL_KEYS.includes(key)) return 'is a tag every resource already gets from the environment; remove it (set tags.owner / tags.costCentre instead)';
  return undefined;
}

const AddressPlanSchema = z.strictObject({
  /** Ranges reserved for other uses (Kubernetes pods/services, the VPN link...), keyed by name. */
  reserved: z.record(z.string(), ipv4Cidr).default({}),
});

export const EnvironmentCoreSchema = z.strictObject({
  /** Environment name, used in every stack name (`<name>-aws-network`) and state key. */
  name: z.string().regex(/^[a-z][a-z0-9]{1,11}$/, {
    message: 'is not a valid environment name; use 2-12 lowercase letters and digits, starting with a letter',
  }),
  aws: z.strictObject({
    /** The AWS account the environment deploys into (12 digits). */
    accountId: awsAccountId,
    /** The AWS region of every AWS stack. */
    region: awsRegion,
  }),
  gcp: z.strictObject({
    /** The GCP project id. */
    projectId: gcpProjectId,
    /** The GCP region of every GCP stack. */
    region: gcpRegion,
  }),
  azure: z.strictObject({
    /** The Azure subscription id (a GUID). */
    subscriptionId: azureSubscriptionId,
    /** The Azure location of every Azure stack. */
    location: azureLocation,
  }),
  tags: TagsSchema,
  addressPlan: AddressPlanSchema.prefault({}),
  /**
   * The environment's networks never connect to the other environments' (no peering, VPN or
   * transit gateway between them), so its address plan may overlap theirs in other accounts.
   * @default false - every environment's ranges are distinct from every other's
   */
  isolated: z.boolean().default(false),
});

/** The core fields of a validated environment. */
export type EnvironmentCore = z.infer<typeof EnvironmentCoreSchema>;

/**
 * What every stack of an environment is given besides its own section: who and where it
 * deploys (name, accounts, regions, tags) and where its state lives.
 */
export interface EnvironmentContext {
  readonly name: string;
  readonly aws: EnvironmentCore['aws'];
  readonly gcp: EnvironmentCore['gcp'];
  readonly azure: EnvironmentCore['azure'];
  readonly tags: EnvironmentCore['tags'];
  readonly state: StateConfig;
}
