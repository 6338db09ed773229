import { KmsCryptoKeyIamMember } from '@cdktf/provider-google/lib/kms-crypto-key-iam-member';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { TerraformStack, Testing } from 'cdktf';
import { FirestoreDatabase, type FirestoreDatabaseProps } from '../../../modules/gcp/firestore-database';
import { onlyResource as only } from '../../helpers/resources';

const BASE: FirestoreDatabaseProps = { project: 'acme-test-1', databaseName: 'test-main', locationId: 'europe-west1', projectNumber: '123456789012' };

function build(patch: Partial<FirestoreDatabaseProps> = {}): { json: any; text: string } {
  const stack = new TerraformStack(Testing.app(), 'test');
  new FirestoreDatabase(stack, 'firestore', { ...BASE, ...patch });
  const text = Testing.synth(stack);
  return { json: JSON.parse(text), text };
}

describe('FirestoreDatabase', () => {
  const { json, text } = build();
  const db = only(json, 'google_firestore_database');

  it('is a Native-mode database with optimistic concurrency in its location', () => {
    expect(db).toMatchObject({ name: 'test-main', location_id: 'europe-west1', type: 'FIRESTORE_NATIVE', concurrency_mode: 'OPTIMISTIC' });
  });

  it('has point-in-time recovery', () => {
    expect(db.point_in_time_recovery_enablement).toBe('POINT_IN_TIME_RECOVERY_ENABLED');
  });

  it('is delete-protected and abandoned, not deleted, by terraform destroy', () => {
    expect(db).toMatchObject({ delete_protection_state: 'DELETE_PROTECTION_ENABLED', deletion_policy: 'ABANDON' });
  });

  it('keeps its key on destroy while protected', () => {
    expect(only(json, 'google_kms_crypto_key').lifecycle).toEqual({ prevent_destroy: true });
    expect(only(build({ deleteProtection: false }).json, 'google_kms_crypto_key').lifecycle).toEqual({ prevent_destroy: false });
  });

  it('can be deleted in dev', () => {
    expect(only(build({ deleteProtection: false }).json, 'google_firestore_database')).toMatchObject({
      delete_protection_state: 'DELETE_PROTECTION_DISABLED',
      deletion_policy: 'DELETE',
    });
  });

  it('encrypts with a key in its region that the Firestore service agent may use, granted first', () => {
    expect(db.cmek_config.kms_key_name).toMatch(/^\$\{google_kms_crypto_key\.firestore_cmek_key_[^.]+\.id\}$/);
    expect(only(json, 'google_kms_key_ring')).toMatchObject({ location: 'europe-west1', name: 'test-main' });
    expect(text).toHaveResourceWithProperties(KmsCryptoKeyIamMember, {
      role: 'roles/cloudkms.cryptoKeyEncrypterDecrypter',
      member: 'serviceAccount:service-123456789012@gcp-sa-firestore.iam.gserviceaccount.com',
    });
    expect(db.depends_on).toEqual([expect.stringMatching(/^google_kms_crypto_key_iam_member\./)]);
  });

  it('puts the key of a nam5 database in the us multi-region', () => {
    expect(only(build({ locationId: 'nam5' }).json, 'google_kms_key_ring').location).toBe('us');
  });

  it('grants read or read-write on this database only, through an IAM condition', () => {
    const t = build({ access: { 'serviceAccount:api-run@acme-test-1.iam.gserviceaccount.com': 'read-write', 'serviceAccount:worker-fn@acme-test-1.iam.gserviceaccount.com': 'read' } }).text;
    const condition = { expression: 'resource.name == "projects/acme-test-1/databases/test-main"' };
    expect(t).toHaveResourceWithProperties(ProjectIamMember, { role: 'roles/datastore.user', member: 'serviceAccount:api-run@acme-test-1.iam.gserviceaccount.com', condition: expect.objectContaining(condition) });
    expect(t).toHaveResourceWithProperties(ProjectIamMember, { role: 'roles/datastore.viewer', member: 'serviceAccount:worker-fn@acme-test-1.iam.gserviceaccount.com', condition: expect.objectContaining(condition) });
  });

  describe('rejects', () => {
    const KEY_US = 'projects/acme-test-1/locations/us/keyRings/k/cryptoKeys/firestore';
    it.each<[string, Partial<FirestoreDatabaseProps>, RegExp]>([
      ['a key in another location', { kmsKeyName: KEY_US }, /prop kmsKeyName ".*" is in us, but a database in europe-west1 needs a key in europe-west1/],
      ['a multi-region without CMEK', { locationId: 'nam7' }, /prop locationId "nam7" is not a location that takes a customer key; use a region \(e.g. "europe-west1"\) or nam5, eur3/],
      ['a short database id', { databaseName: 'db' }, /prop databaseName "db" is not a Firestore database id; use 4-63/],
      ['an unknown access', { access: { 'serviceAccount:a@b.iam.gserviceaccount.com': 'admin' as any } }, /prop access.serviceAccount:a@b.iam.gserviceaccount.com "admin" is not an access; use read or read-write/],
    ])('%s', (_, patch, pattern) => {
      expect(() => build(patch)).toThrow(pattern);
    });
  });
});
