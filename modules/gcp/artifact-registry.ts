import { ArtifactRegistryRepository as RepositoryResource } from '@cdktf/provider-google/lib/artifact-registry-repository';
import { ArtifactRegistryRepositoryIamMember } from '@cdktf/provider-google/lib/artifact-registry-repository-iam-member';
import { ProjectService } from '@cdktf/provider-google/lib/project-service';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { ValidationError } from '../core/validation-error';
import { IAM_MEMBER, idFromValue } from './private/serverless';

/** Defaults of {@link ArtifactRegistryRepository}, for the config layer. */
export const ARTIFACT_REGISTRY_DEFAULTS = {
  /** Tagged versions kept whatever their age. */
  keepRecentCount: 10,
  /** Untagged versions older than this are deleted. */
  deleteUntaggedAfterDays: 7,
  /** Tags cannot be moved to another image. */
  immutableTags: true,
  /** Cleanup policies only report what they would delete. */
  cleanupDryRun: false,
} as const;

/** Limits of {@link ArtifactRegistryRepository}. */
export const ARTIFACT_REGISTRY_LIMITS = {
  minKeepRecentCount: 1,
  maxKeepRecentCount: 1000,
  minDeleteAfterDays: 1,
  maxDeleteAfterDays: 3650,
  maxRepositoryIdLength: 63,
} as const;

/** Repository ids: lower-case letters, digits and `-`, starting with a letter, not ending with `-`. */
export function repositoryIdProblem(id: string): string | undefined {
  if (Token.isUnresolved(id)) return undefined;
  if (id.length > ARTIFACT_REGISTRY_LIMITS.maxRepositoryIdLength || !/^[a-z]([a-z0-9-]*[a-z0-9])?$/.test(id)) {
    return `is not a repository id; use lower-case letters, digits and "-", starting with a letter, at most ${ARTIFACT_REGISTRY_LIMITS.maxRepositoryIdLength} characters`;
  }
  return undefined;
}

/** Props of {@link ArtifactRegistryRepository}. */
export interface ArtifactRegistryRepositoryProps {
  /** Project of the repository. */
  readonly project: string;
  /** Region (or multi-region, e.g. `europe`) of the repository. */
  readonly location: string;
  /** Repository id (lower-case letters, digits, `-`; <= 63). */
  readonly repositoryId: string;
  /** Description. @default - none */
  readonly description?: string;
  /** Cloud KMS key (`projects/.../cryptoKeys/...`) encrypting the repository; the Artifact Registry service agent needs encrypter/decrypter on it. @default - Google-managed encryption */
  readonly kmsKeyName?: string;
  /** Most recent versions kept by the KEEP policy (1-1000). @default 10 */
  readonly keepRecentCount?: number;
  /** Untagged versions older than this many days are deleted (1-3650). @default 7 */
  readonly deleteUntaggedAfterDays?: number;
  /** Tagged versions older than this many days are deleted, except the `keepRecentCount` most recent. @default - tagged versions are never deleted by age */
  readonly deleteTaggedAfterDays?: number;
  /** Run cleanup policies in dry-run mode (they only log). @default false */
  readonly cleanupDryRun?: boolean;
  /** Tags cannot be overwritten. @default true */
  readonly immutableTags?: boolean;
  /** Enable the Container Scanning API in the project (needed for automatic vulnerability scanning). @default true */
  readonly enableScanningApi?: boolean;
  /** IAM members (`serviceAccount:...`) that may pull (`roles/artifactregistry.reader`). @default [] */
  readonly readers?: string[];
  /** Labels. @default {} */
  readonly labels?: Record<string, string>;
}

/**
 * A Docker repository in Artifact Registry with cleanup policies and vulnerability scanning.
 *
 * Secure by default: immutable tags, automatic vulnerability scanning (`INHERITED` from the
 * project, whose Container Scanning API the construct enables), optional CMEK, readers granted
 * per member on the repository only. Cleanup keeps the N most recent versions and deletes
 * untagged ones after a week.
 *
 * @see https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources/artifact_registry_repository
 * @see https://cloud.google.com/artifact-registry/docs/repositories/cleanup-policy
 */
export class ArtifactRegistryRepository extends Construct {
  /** The repository. */
  public readonly repository: RepositoryResource;
  /** Repository id. */
  public readonly repositoryId: string;
  /** Location of the repository. */
  public readonly location: string;
  /** `<location>-docker.pkg.dev/<project>/<repository>`: prefix of the images. */
  public readonly dockerRepositoryUrl: string;

  constructor(scope: Construct, id: string, props: ArtifactRegistryRepositoryProps) {
    super(scope, id);
    const keep = props.keepRecentCount ?? ARTIFACT_REGISTRY_DEFAULTS.keepRecentCount;
    const untaggedDays = props.deleteUntaggedAfterDays ?? ARTIFACT_REGISTRY_DEFAULTS.deleteUntaggedAfterDays;
    const L = ARTIFACT_REGISTRY_LIMITS;

    const idProblem = repositoryIdProblem(props.repositoryId);
    if (idProblem) throw new ValidationError(this, 'repositoryId', props.repositoryId, idProblem);
    if (!Number.isInteger(keep) || keep < L.minKeepRecentCount || keep > L.maxKeepRecentCount) {
      throw new ValidationError(
        this,
        'keepRecentCount',
        keep,
        `is out of range; use ${L.minKeepRecentCount}-${L.maxKeepRecentCount}`
      );
    }
    const days = (prop: string, value: number | undefined) => {
      if (
        value !== undefined &&
        (!Number.isInteger(value) || value < L.minDeleteAfterDays || value > L.maxDeleteAfterDays)
      ) {
        throw new ValidationError(
          this,
          prop,
          value,
          `is out of range; use ${L.minDeleteAfterDays}-${L.maxDeleteAfterDays} days`
        );
      }
    };
    days('deleteUntaggedAfterDays', untaggedDays);
    days('deleteTaggedAfterDays', props.deleteTaggedAfterDays);
    for (const member of props.readers ?? []) {
      if (!Token.isUnresolved(member) && !IAM_MEMBER.test(member)) {
        throw new ValidationError(
          this,
          'readers',
          member,
          'is not an IAM member; use "serviceAccount:<email>", "group:<email>"...'
        );
      }
    }

    const scanning =
      props.enableScanningApi ?? true
        ? new ProjectService(this, 'container-scanning', {
            project: props.project,
            service: 'containerscanning.googleapis.com',
            disableOnDestroy: false,
          })
        : undefined;

    const seconds = (d: number) => `${d * 86400}s`;
    this.repository = new RepositoryResource(this, 'repository', {
      project: props.project,
      location: props.location,
      repositoryId: props.repositoryId,
      description: props.description,
      format: 'DOCKER',
      mode: 'STANDARD_REPOSITORY',
      kmsKeyName: props.kmsKeyName,
      labels: props.labels,
      dockerConfig: { immutableTags: props.immutableTags ?? ARTIFACT_REGISTRY_DEFAULTS.immutableTags },
      // INHERITED = scan when the project's Container Scanning API is on; DISABLED is the only other value.
      vulnerabilityScanningConfig: { enablementConfig: 'INHERITED' },
      cleanupPolicyDryRun: props.cleanupDryRun ?? ARTIFACT_REGISTRY_DEFAULTS.cleanupDryRun,
      // KEEP wins over DELETE: the most recent versions survive any delete policy.
      cleanupPolicies: [
        { id: 'keep-recent', action: 'KEEP', mostRecentVersions: { keepCount: keep } },
        {
          id: 'delete-untagged',
          action: 'DELETE',
          condition: { tagState: 'UNTAGGED', olderThan: seconds(untaggedDays) },
        },
        ...(props.deleteTaggedAfterDays === undefined
          ? []
          : [
              {
                id: 'delete-old-tagged',
                action: 'DELETE',
                condition: { tagState: 'TAGGED', olderThan: seconds(props.deleteTaggedAfterDays) },
              },
            ]),
      ],
      dependsOn: scanning ? [scanning] : undefined,
    });

    for (const member of props.readers ?? []) {
      new ArtifactRegistryRepositoryIamMember(this, `reader-${idFromValue(member)}`, {
        project: props.project,
        location: props.location,
        repository: this.repository.name,
        role: 'roles/artifactregistry.reader',
        member,
      });
    }

    this.repositoryId = props.repositoryId;
    this.location = props.location;
    this.dockerRepositoryUrl = `${props.location}-docker.pkg.dev/${props.project}/${props.repositoryId}`;
  }

  /** Full image reference in this repository, e.g. `imageUri('api', 'v1.2.0')` or a `sha256:` digest. */
  public imageUri(image: string, tagOrDigest: string): string {
    const sep = tagOrDigest.startsWith('sha256:') ? '@' : ':';
    return `${this.dockerRepositoryUrl}/${image}${sep}${tagOrDigest}`;
  }
}
