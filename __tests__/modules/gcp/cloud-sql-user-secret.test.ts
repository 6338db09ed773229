import { SecretManagerSecret } from '@cdktf/provider-google/lib/secret-manager-secret';
import { SecretManagerSecretVersion } from '@cdktf/provider-google/lib/secret-manager-secret-version';
import { SqlUser } from '@cdktf/provider-google/lib/sql-user';
import { Password } from '@cdktf/provider-random/lib/password';
import { Testing } from 'cdktf';
import {
  CloudSqlUserSecret,
  type CloudSqlUserSecretProps,
  PASSWORD_SPECIALS,
} from '../../../modules/gcp/cloud-sql-user-secret';

const BASE: CloudSqlUserSecretProps = {
  instanceName: 'test-postgres',
  userName: 'app',
  secretId: 'test-postgres-app-password',
  region: 'europe-west1',
};

function synth(patch: Partial<CloudSqlUserSecretProps> = {}): string {
  return Testing.synthScope((scope) => {
    new CloudSqlUserSecret(scope, 'app-user', { ...BASE, ...patch });
  });
}

describe('CloudSqlUserSecret', () => {
  const json = synth();

  it('generates a 32-character password with every character class and DMS-safe specials', () => {
    expect(json).toHaveResourceWithProperties(Password, {
      length: 32,
      special: true,
      override_special: PASSWORD_SPECIALS,
      min_lower: 1,
      min_upper: 1,
      min_numeric: 1,
      min_special: 1,
    });
    for (const forbidden of [';', '.', ':', '+', '@', '/', '"', "'", '\\', '$', '&']) {
      expect(PASSWORD_SPECIALS).not.toContain(forbidden);
    }
  });

  it('stores the password in a regional, deletion-protected secret, only by reference', () => {
    const resources = JSON.parse(json).resource;
    const [passwordId] = Object.keys(resources.random_password);
    const [secretId] = Object.keys(resources.google_secret_manager_secret);
    expect(json).toHaveResourceWithProperties(SecretManagerSecret, {
      secret_id: 'test-postgres-app-password',
      deletion_protection: true,
      replication: { user_managed: { replicas: [{ location: 'europe-west1' }] } },
    });
    expect(json).toHaveResourceWithProperties(SecretManagerSecretVersion, {
      secret: `\${google_secret_manager_secret.${secretId}.id}`,
      secret_data: `\${random_password.${passwordId}.result}`,
    });
    expect(json).toHaveResourceWithProperties(SqlUser, {
      instance: 'test-postgres',
      name: 'app',
      type: 'BUILT_IN',
      password: `\${random_password.${passwordId}.result}`,
      deletion_policy: 'ABANDON',
    });
  });

  it.each<[string, Partial<CloudSqlUserSecretProps>, RegExp]>([
    ['user name', { userName: 'Bad Name' }, /app-user: userName "Bad Name" is not a plain PostgreSQL identifier/],
    [
      'secret id',
      { secretId: 'a/b' },
      /app-user: secretId "a\/b" is not a Secret Manager secret id; use 1-255 letters, digits, "_" and "-"/,
    ],
    ['password length', { passwordLength: 8 }, /app-user: passwordLength 8 is not allowed; use 16-128/],
  ])('rejects a bad %s', (_name, patch, pattern) => {
    expect(() => synth(patch)).toThrow(pattern);
  });
});
