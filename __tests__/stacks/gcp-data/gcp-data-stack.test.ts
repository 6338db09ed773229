import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { ProjectService } from '@cdktf/provider-google/lib/project-service';
import { StorageBucketIamMember } from '@cdktf/provider-google/lib/storage-bucket-iam-member';
import { Testing } from 'cdktf';
import { gcpDataFamily } from '../../../stacks/gcp-data/family';
import type { GcpDataStack } from '../../../stacks/gcp-data/gcp-data-stack';
import { familyStack } from '../../helpers/environment';
import { GCP_FUNCTIONS, GCP_RUN, gcpEnvironment } from '../gcp-events/gcp-test-env';
import { onlyResource as only } from '../../helpers/resources';

const DATA = {
  buckets: { items: { transitions: [{ storageClass: 'NEARLINE', afterDays: 30 }], grants: { api: 'read-write', worker: 'read' } } },
  firestore: { grants: { api: 'read-write', worker: 'read' } },
};

function stackFor(data: Record<string, any> = DATA): GcpDataStack {
  return familyStack<GcpDataStack>(gcpDataFamily, gcpEnvironment({ gcp: { data } }), { 'gcp-run': GCP_RUN, 'gcp-functions': GCP_FUNCTIONS });
}

describe('GcpDataStack', () => {
  const stack = stackFor();
  const text = Testing.synth(stack);
  const json = JSON.parse(text);

  it('enables Cloud Storage, Firestore and Cloud KMS, left on when destroyed', () => {
    for (const api of ['storage.googleapis.com', 'firestore.googleapis.com', 'cloudkms.googleapis.com']) {
      expect(text).toHaveResourceWithProperties(ProjectService, { service: api, disable_on_destroy: false });
    }
    expect(json.terraform.backend.s3).toMatchObject({ key: 'test/test-gcp-data.tfstate' });
  });

  it('creates the bucket <project>-<env>-<name> in the region, private, encrypted, versioned', () => {
    expect(only(json, 'google_storage_bucket')).toMatchObject({
      name: 'acme-test-1-test-items',
      location: 'EUROPE-WEST1',
      uniform_bucket_level_access: true,
      public_access_prevention: 'enforced',
      force_destroy: false,
      versioning: { enabled: true },
      encryption: { default_kms_key_name: expect.stringMatching(/google_kms_crypto_key\.bucket-items_cmek_key/) },
    });
  });

  it('grants the api service read-write and the worker function read on the bucket', () => {
    expect(text).toHaveResourceWithProperties(StorageBucketIamMember, { role: 'roles/storage.objectUser', member: 'serviceAccount:api-run@acme-test-1.iam.gserviceaccount.com' });
    expect(text).toHaveResourceWithProperties(StorageBucketIamMember, { role: 'roles/storage.objectViewer', member: 'serviceAccount:worker-fn@acme-test-1.iam.gserviceaccount.com' });
    expect(Object.values(json.resource.google_storage_bucket_iam_member)).toHaveLength(2);
  });

  it('creates the Firestore database <env>-main, protected, with PITR and a customer key in the region', () => {
    expect(only(json, 'google_firestore_database')).toMatchObject({
      name: 'test-main',
      location_id: 'europe-west1',
      type: 'FIRESTORE_NATIVE',
      delete_protection_state: 'DELETE_PROTECTION_ENABLED',
      point_in_time_recovery_enablement: 'POINT_IN_TIME_RECOVERY_ENABLED',
      cmek_config: { kms_key_name: expect.stringMatching(/google_kms_crypto_key\.firestore_cmek_key/) },
    });
  });

  it('grants datastore.user to the api and datastore.viewer to the worker, on that database only', () => {
    const condition = expect.objectContaining({ expression: 'resource.name == "projects/acme-test-1/databases/test-main"' });
    expect(text).toHaveResourceWithProperties(ProjectIamMember, { role: 'roles/datastore.user', member: 'serviceAccount:api-run@acme-test-1.iam.gserviceaccount.com', condition });
    expect(text).toHaveResourceWithProperties(ProjectIamMember, { role: 'roles/datastore.viewer', member: 'serviceAccount:worker-fn@acme-test-1.iam.gserviceaccount.com', condition });
  });

  it('lets dev turn delete protection off', () => {
    const j = JSON.parse(Testing.synth(stackFor({ firestore: { deleteProtection: false } })));
    expect(only(j, 'google_firestore_database')).toMatchObject({ delete_protection_state: 'DELETE_PROTECTION_DISABLED', deletion_policy: 'DELETE' });
  });

  it('publishes the bucket names and the database id', () => {
    expect(stack.outputs).toEqual({ bucketNames: { items: 'acme-test-1-test-items' }, firestoreDatabaseId: 'test-main' });
  });
});
