import { TerraformStack, Testing, Token } from 'cdktf';
import {
  ARTIFACT_REGISTRY_IMAGE,
  idFromValue,
  memberId,
  invokerMemberProblem,
  memoryMiB,
  secretRefProblem,
  serviceAccountIdFor,
  splitSecretId,
  workloadRoleProblem,
} from '../../../../modules/gcp/private/serverless';

describe('serverless rules', () => {
  it('derives lower-case construct ids from values', () => {
    expect(idFromValue('user:Ops@Example.com')).toBe('user-ops-example-com');
    expect(idFromValue('roles/cloudsql.client')).toBe('roles-cloudsql-client');
    expect(idFromValue('***')).toBe('x');
  });

  it('cuts the name, never the suffix, of a service account id', () => {
    expect(serviceAccountIdFor('api', 'run')).toBe('api-run');
    expect(serviceAccountIdFor('a-very-long-service-name-for-testing', 'run')).toBe('a-very-long-service-name-f-run');
    expect(serviceAccountIdFor('a-very-long-service-name-for-testing', 'run')).toHaveLength(30);
    expect(serviceAccountIdFor('abcdefghijklmnopqrstuvw-xyz', 'nodes')).toBe('abcdefghijklmnopqrstuvw-nodes');
  });

  it.each([
    ['512Mi', 512],
    ['1Gi', 1024],
    ['2G', 1907.3486328125],
    ['256M', 244.140625],
    ['1.5Gi', 1536],
  ])('reads %s as %d MiB', (text, mib) => {
    expect(memoryMiB(text)).toBeCloseTo(mib, 6);
  });

  it.each(['512', '1 Gi', '1GB', 'Mi'])('does not read %s as a size', (text) => {
    expect(memoryMiB(text)).toBeUndefined();
  });

  it('checks secret references', () => {
    expect(secretRefProblem({ secret: 'projects/p-1/secrets/db_password', version: '12' })).toBeUndefined();
    expect(secretRefProblem({ secret: 'api-key', version: 'latest' })).toBeUndefined();
    expect(secretRefProblem({ secret: 'projects/p-1/secrets/a/versions/1', version: '1' })).toMatch(/bad secret id/);
    expect(secretRefProblem({ secret: 'a', version: '0' })).toMatch(/bad version/);
    expect(splitSecretId('projects/p-1/secrets/db')).toEqual({ project: 'p-1', name: 'db' });
    expect(splitSecretId('db')).toEqual({ name: 'db' });
  });

  it('checks invoker members and workload roles', () => {
    expect(invokerMemberProblem('serviceAccount:a@p.iam.gserviceaccount.com')).toBeUndefined();
    expect(invokerMemberProblem('allAuthenticatedUsers')).toMatch(/public: true/);
    expect(workloadRoleProblem('roles/pubsub.publisher')).toBeUndefined();
    expect(workloadRoleProblem('projects/p-1/roles/custom.reader')).toBeUndefined();
    expect(workloadRoleProblem('roles/owner')).toMatch(/basic role/);
    expect(workloadRoleProblem('pubsub.publisher')).toMatch(/not a role/);
  });

  it('accepts Artifact Registry images only', () => {
    expect(ARTIFACT_REGISTRY_IMAGE.test('europe-west1-docker.pkg.dev/p-1/apps/api:1.2.3')).toBe(true);
    expect(ARTIFACT_REGISTRY_IMAGE.test(`us-docker.pkg.dev/p-1/apps/team/api@sha256:${'0'.repeat(64)}`)).toBe(true);
    expect(ARTIFACT_REGISTRY_IMAGE.test('gcr.io/p-1/api:1')).toBe(false);
    expect(ARTIFACT_REGISTRY_IMAGE.test('docker.io/library/nginx:latest')).toBe(false);
  });
});

describe('memberId: grant ids from members', () => {
  const scope = new TerraformStack(Testing.app(), 'ids');
  const reference = Token.asString({ resolve: () => 'x' });

  it('uses the literal member, or the key of a keyed one', () => {
    expect(memberId(scope, 'readers', 'serviceAccount:run@p.iam.gserviceaccount.com')).toBe('serviceaccount-run-p-iam-gserviceaccount-com');
    expect(memberId(scope, 'readers', { key: 'api', member: `serviceAccount:${reference}` })).toBe('api');
  });

  it('refuses a reference without a key, naming the prop', () => {
    expect(() => memberId(scope, 'readers', `serviceAccount:${reference}`)).toThrow(/readers .* is a reference \(known only at apply\); pass \{ key, member \} with a stable key/);
    expect(() => idFromValue(reference)).toThrow(/cannot be made from a reference/);
  });
});
