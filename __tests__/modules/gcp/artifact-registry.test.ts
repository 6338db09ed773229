import { ArtifactRegistryRepository as RepositoryResource } from '@cdktf/provider-google/lib/artifact-registry-repository';
import { ArtifactRegistryRepositoryIamMember } from '@cdktf/provider-google/lib/artifact-registry-repository-iam-member';
import { ProjectService } from '@cdktf/provider-google/lib/project-service';
import { Testing } from 'cdktf';
import {
  ArtifactRegistryRepository,
  type ArtifactRegistryRepositoryProps,
} from '../../../modules/gcp/artifact-registry';

const BASE: ArtifactRegistryRepositoryProps = {
  project: 'acme-test-1',
  location: 'europe-west1',
  repositoryId: 'apps',
};

function synth(
  patch: Partial<ArtifactRegistryRepositoryProps> = {},
  use?: (r: ArtifactRegistryRepository) => void
): string {
  return Testing.synthScope((scope) => {
    const repo = new ArtifactRegistryRepository(scope, 'registry', { ...BASE, ...patch });
    use?.(repo);
  });
}

function repository(json: string): any {
  const all = Object.values(JSON.parse(json).resource.google_artifact_registry_repository);
  expect(all).toHaveLength(1);
  return all[0];
}

describe('ArtifactRegistryRepository', () => {
  describe('secure defaults', () => {
    const json = synth();
    const r = repository(json);

    it('is a standard Docker repository with immutable tags', () => {
      expect(json).toHaveResourceWithProperties(RepositoryResource, {
        repository_id: 'apps',
        location: 'europe-west1',
        format: 'DOCKER',
        mode: 'STANDARD_REPOSITORY',
        docker_config: { immutable_tags: true },
      });
    });

    it('scans for vulnerabilities, with the Container Scanning API enabled first', () => {
      expect(r.vulnerability_scanning_config).toEqual({ enablement_config: 'INHERITED' });
      expect(json).toHaveResourceWithProperties(ProjectService, {
        service: 'containerscanning.googleapis.com',
        disable_on_destroy: false,
      });
      expect(r.depends_on).toEqual([expect.stringMatching(/^google_project_service\.registry_container-scanning_/)]);
    });

    it('keeps the 10 most recent versions and deletes untagged ones after 7 days, for real', () => {
      expect(r.cleanup_policy_dry_run).toBe(false);
      expect(r.cleanup_policies).toEqual([
        { id: 'keep-recent', action: 'KEEP', most_recent_versions: { keep_count: 10 } },
        { id: 'delete-untagged', action: 'DELETE', condition: { tag_state: 'UNTAGGED', older_than: '604800s' } },
      ]);
    });

    it('uses Google-managed encryption unless a key is given', () => {
      expect(r.kms_key_name).toBeUndefined();
      expect(
        repository(synth({ kmsKeyName: 'projects/p/locations/europe-west1/keyRings/r/cryptoKeys/k' })).kms_key_name
      ).toBe('projects/p/locations/europe-west1/keyRings/r/cryptoKeys/k');
    });
  });

  it('deletes old tagged versions when asked, still keeping the most recent', () => {
    const r = repository(synth({ deleteTaggedAfterDays: 90, keepRecentCount: 5 }));
    expect(r.cleanup_policies).toEqual([
      { id: 'keep-recent', action: 'KEEP', most_recent_versions: { keep_count: 5 } },
      { id: 'delete-untagged', action: 'DELETE', condition: { tag_state: 'UNTAGGED', older_than: '604800s' } },
      { id: 'delete-old-tagged', action: 'DELETE', condition: { tag_state: 'TAGGED', older_than: '7776000s' } },
    ]);
  });

  it('grants readers on the repository only, keyed by member', () => {
    const json = synth({ readers: ['serviceAccount:nodes@acme-test-1.iam.gserviceaccount.com'] });
    expect(json).toHaveResourceWithProperties(ArtifactRegistryRepositoryIamMember, {
      role: 'roles/artifactregistry.reader',
      member: 'serviceAccount:nodes@acme-test-1.iam.gserviceaccount.com',
    });
    expect(Object.keys(JSON.parse(json).resource.google_artifact_registry_repository_iam_member)[0]).toContain(
      'reader-serviceaccount-nodes-acme-test-1-iam-gserviceaccount-com'
    );
  });

  it('builds image references by tag or digest', () => {
    let tag = '';
    let digest = '';
    synth({}, (repo) => {
      tag = repo.imageUri('api', '1.0.0');
      digest = repo.imageUri('api', `sha256:${'a'.repeat(64)}`);
    });
    expect(tag).toBe('europe-west1-docker.pkg.dev/acme-test-1/apps/api:1.0.0');
    expect(digest).toBe(`europe-west1-docker.pkg.dev/acme-test-1/apps/api@sha256:${'a'.repeat(64)}`);
  });

  describe('rejects bad input', () => {
    it.each<[string, Partial<ArtifactRegistryRepositoryProps>, RegExp]>([
      ['an upper-case id', { repositoryId: 'Apps' }, /prop repositoryId "Apps" .*lower-case letters/],
      ['keeping no versions', { keepRecentCount: 0 }, /prop keepRecentCount 0 .*use 1-1000/],
      [
        'a zero-day untagged expiry',
        { deleteUntaggedAfterDays: 0 },
        /prop deleteUntaggedAfterDays 0 .*use 1-3650 days/,
      ],
      [
        'a fractional tagged expiry',
        { deleteTaggedAfterDays: 1.5 },
        /prop deleteTaggedAfterDays 1.5 .*use 1-3650 days/,
      ],
      [
        'a reader that is not a member',
        { readers: ['nodes@example.com'] },
        /prop readers "nodes@example.com" .*serviceAccount:/,
      ],
    ])('rejects %s', (_name, patch, pattern) => {
      expect(() => synth(patch)).toThrow(pattern);
    });
  });
});
