import { SecretManagerSecret } from '@cdktf/provider-google/lib/secret-manager-secret';
import { SecretManagerSecretVersion } from '@cdktf/provider-google/lib/secret-manager-secret-version';
import { SqlUser } from '@cdktf/provider-google/lib/sql-user';
import { Password } from '@cdktf/provider-random/lib/password';
import { Testing, TerraformOutput } from 'cdktf';
import { ValidationError } from '../../../modules/core/validation-error';
import { CloudSqlUser, type CloudSqlUserProps } from '../../../modules/gcp/cloud-sql-user';

const WITH_SECRET: CloudSqlUserProps = {
  instanceName: 'test-postgres',
  userName: 'app',
  secret: { secretId: 'test-postgres-app-password', region: 'europe-west1' },
};

const DMS: CloudSqlUserProps = { instanceName: 'test-postgres', userName: 'dms_replication' };

function synth(props: CloudSqlUserProps, id = 'app-user'): string {
  return Testing.synthScope((scope) => {
    new CloudSqlUser(scope, id, props);
  });
}

/** The one resource of a type in synthesized JSON, with its logical id. */
function only(json: string, type: string): [string, any] {
  const entries = Object.entries(JSON.parse(json).resource?.[type] ?? {});
  expect(entries).toHaveLength(1);
  return entries[0] as [string, any];
}

describe('CloudSqlUser', () => {
  const json = synth(WITH_SECRET);

  it('generates a 32-character password with every character class, ephemeral when it goes to a secret', () => {
    const parsed = JSON.parse(json);
    expect(parsed.resource.random_password).toBeUndefined();
    expect(Object.values(parsed.ephemeral.random_password)).toEqual([
      { length: 32, special: true, override_special: '!#%*()-_=[]{}<>?', min_lower: 1, min_upper: 1, min_numeric: 1, min_special: 1 },
    ]);
    // Without a secret (the DMS user, whose password crosses to AWS) it is a random_password.
    expect(synth(DMS, 'dms-user')).toHaveResourceWithProperties(Password, {
      length: 32,
      special: true,
      override_special: '!#%*()-_=[]{}<>?',
      min_lower: 1,
      min_upper: 1,
      min_numeric: 1,
      min_special: 1,
    });
  });

  it('generates only special characters AWS DMS accepts and URLs and shells keep intact', () => {
    // Read from the synthesized resource, so a change of the construct's character set is caught.
    const [, password] = only(synth(DMS, 'dms-user'), 'random_password');
    expect(password.override_special.length).toBeGreaterThan(0);
    for (const forbidden of [';', '.', ':', '+', '@', '/', '"', "'", '\\', '$', '&', ' ']) {
      expect(password.override_special).not.toContain(forbidden);
    }
  });

  it('stores the password in a regional, deletion-protected secret, write-only (never in state)', () => {
    const [passwordId] = Object.keys(JSON.parse(json).ephemeral.random_password);
    const [secretId] = only(json, 'google_secret_manager_secret');
    expect(json).toHaveResourceWithProperties(SecretManagerSecret, {
      secret_id: 'test-postgres-app-password',
      deletion_protection: true,
      replication: { user_managed: { replicas: [{ location: 'europe-west1' }] } },
    });
    expect(json).toHaveResourceWithProperties(SecretManagerSecretVersion, {
      secret: `\${google_secret_manager_secret.${secretId}.id}`,
      secret_data_wo: `\${ephemeral.random_password.${passwordId}.result}`,
      secret_data_wo_version: 1,
    });
    expect(only(json, 'google_secret_manager_secret_version')[1]).not.toHaveProperty('secret_data');
  });

  it('creates a built-in user with the generated password write-only, abandoned (not dropped) on destroy', () => {
    const [passwordId] = Object.keys(JSON.parse(json).ephemeral.random_password);
    expect(json).toHaveResourceWithProperties(SqlUser, {
      instance: 'test-postgres',
      name: 'app',
      type: 'BUILT_IN',
      password_wo: `\${ephemeral.random_password.${passwordId}.result}`,
      password_wo_version: 1,
      deletion_policy: 'ABANDON',
    });
    expect(only(json, 'google_sql_user')[1]).not.toHaveProperty('password');
    expect(synth({ ...WITH_SECRET, passwordVersion: 3 })).toHaveResourceWithProperties(SqlUser, { password_wo_version: 3 });
  });

  it('creates no secret without secret props (the DMS user), exposing the password as a token only', () => {
    const text = Testing.synthScope((scope) => {
      const user = new CloudSqlUser(scope, 'dms-user', DMS);
      expect(user.secret).toBeUndefined();
      expect(user.secretResourceId).toBeUndefined();
      new TerraformOutput(scope, 'password', { value: user.password, sensitive: true });
      new TerraformOutput(scope, 'user_name', { value: user.userName });
    });
    expect(text).not.toHaveResource(SecretManagerSecret);
    expect(text).not.toHaveResource(SecretManagerSecretVersion);
    expect(text).toHaveResourceWithProperties(SqlUser, {
      name: 'dms_replication',
      type: 'BUILT_IN',
      deletion_policy: 'ABANDON',
    });
    const outputs = JSON.parse(text).output;
    expect(outputs.password.value).toMatch(/^\$\{random_password\.dms-user_password_[0-9A-F]{8}\.result\}$/);
    expect(outputs.password.sensitive).toBe(true);
    expect(outputs.user_name.value).toBe('${google_sql_user.dms-user_D546F42D.name}');
  });

  it('keeps the Terraform addresses of the former CloudSqlUserSecret and CloudSqlDmsUser', () => {
    // Literal addresses the two former constructs produced under the same construct ids (the app
    // user's random_password became an ephemeral block: removed from state on the next apply).
    const addresses = (text: string) =>
      Object.entries(JSON.parse(text).resource as Record<string, object>)
        .flatMap(([type, byId]) => Object.keys(byId).map((id) => `${type}.${id}`))
        .sort();
    expect(addresses(json)).toEqual([
      'google_secret_manager_secret.app-user_secret_D53779BD',
      'google_secret_manager_secret_version.app-user_version_A537C48E',
      'google_sql_user.app-user_B362C5EA',
    ]);
    expect(addresses(synth(DMS, 'dms-user'))).toEqual([
      'google_sql_user.dms-user_D546F42D',
      'random_password.dms-user_password_35AC952D',
    ]);
  });

  it('takes the password length, secret labels and deletion protection from props', () => {
    const text = synth({
      ...WITH_SECRET,
      passwordLength: 64,
      secret: { ...WITH_SECRET.secret!, labels: { env: 'test' }, deletionProtection: false },
    });
    expect(Object.values<any>(JSON.parse(text).ephemeral.random_password)[0].length).toBe(64);
    expect(text).toHaveResourceWithProperties(SecretManagerSecret, {
      labels: { env: 'test' },
      deletion_protection: false,
    });
  });

  it.each<[string, Partial<CloudSqlUserProps>, RegExp]>([
    [
      'a user name that is not an identifier',
      { userName: 'DMS-User' },
      /app-user: prop userName "DMS-User" is not a plain PostgreSQL identifier; use 1-63 lowercase letters, digits and "_"/,
    ],
    [
      'a reserved user name',
      { userName: 'cloudsqladmin' },
      /app-user: prop userName "cloudsqladmin" is reserved by PostgreSQL or Cloud SQL/,
    ],
    [
      'a secret id with a slash',
      { secret: { secretId: 'a/b', region: 'europe-west1' } },
      /app-user: prop secret\.secretId "a\/b" is not a Secret Manager secret id; use 1-255 letters, digits, "_" and "-"/,
    ],
    [
      'a short password',
      { passwordLength: 12 },
      /app-user: prop passwordLength 12 is not allowed; use a whole number from 16 to 128/,
    ],
    [
      'a long password',
      { passwordLength: 129 },
      /app-user: prop passwordLength 129 is not allowed; use a whole number from 16 to 128/,
    ],
    [
      'a fractional length',
      { passwordLength: 20.5 },
      /app-user: prop passwordLength 20\.5 is not allowed; use a whole number from 16 to 128/,
    ],
  ])('rejects %s', (_case, patch, pattern) => {
    expect(() => synth({ ...WITH_SECRET, ...patch })).toThrow(ValidationError);
    expect(() => synth({ ...WITH_SECRET, ...patch })).toThrow(pattern);
  });
});
