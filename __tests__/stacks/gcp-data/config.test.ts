import { gcpDataNeedsFunctions, gcpDataNeedsRun, gcpDataSection } from '../../../stacks/gcp-data/config';
import { gcpEnvironment, gcpProblems } from '../gcp-events/gcp-test-env';

const B = 'config/test.yaml: gcp.data.buckets.items';
const bucket = (b: Record<string, any> = {}) => ({ gcp: { data: { buckets: { items: b } } } });
const firestore = (f: Record<string, any> = {}) => ({ gcp: { data: { firestore: f } } });

describe('gcp.data config', () => {
  it('parses from nothing with no bucket or database (the stack is off)', () => {
    expect(gcpEnvironment().section(gcpDataSection)).toEqual({ buckets: {} });
  });

  it('gives a bucket safe defaults: versioned, old versions kept 30 days, 7 days soft delete, kept on destroy', () => {
    expect(gcpEnvironment(bucket()).section(gcpDataSection).buckets.items).toEqual({
      versioning: true,
      transitions: [],
      noncurrentDeleteAfterDays: 30,
      softDeleteRetentionDays: 7,
      forceDestroy: false,
      grants: {},
    });
  });

  it('gives Firestore delete protection and point-in-time recovery by default', () => {
    expect(gcpEnvironment(firestore()).section(gcpDataSection).firestore).toEqual({ name: 'main', deleteProtection: true, pointInTimeRecovery: true, grants: {} });
  });

  it('accepts a bucket with usage logs when the baseline is off', () => {
    expect(gcpProblems({ gcp: { baseline: { enabled: false }, data: { buckets: { items: { accessLogBucket: 'acme-test-1-test-access-logs' } } } } })).toEqual([]);
  });

  it('depends on gcp-run and gcp-functions only when a grant names one of theirs', () => {
    const env = gcpEnvironment({ gcp: { data: { buckets: { items: { grants: { api: 'read-write' } } }, firestore: { grants: { worker: 'read' } } } } });
    const data = env.section(gcpDataSection);
    expect([gcpDataNeedsRun(data, env), gcpDataNeedsFunctions(data, env)]).toEqual([true, true]);
    const none = gcpEnvironment(bucket());
    expect([gcpDataNeedsRun(none.section(gcpDataSection), none), gcpDataNeedsFunctions(none.section(gcpDataSection), none)]).toEqual([false, false]);
  });

  it.each<[string, Record<string, any>, string[]]>([
    ['a grant to an unknown workload', bucket({ grants: { web: 'read' } }), [`${B}.grants.web "web" is not a service of gcp.run.services or a function of gcp.functions.functions; use one of "api", "worker"`]],
    ['an access that is not read or read-write', bucket({ grants: { api: 'admin' } }), [`${B}.grants.api "admin" is not allowed; allowed values: "read", "read-write"`]],
    ['a transition after expiry', bucket({ transitions: [{ storageClass: 'COLDLINE', afterDays: 90 }], expireAfterDays: 60 }), [`${B}.transitions[0].afterDays 90 is not before expireAfterDays (60); a transition after expiry never happens, move objects before they are deleted`]],
    ['a warmer class after a colder one', bucket({ transitions: [{ storageClass: 'COLDLINE', afterDays: 30 }, { storageClass: 'NEARLINE', afterDays: 60 }] }), [
      `${B}.transitions[1] {"storageClass":"NEARLINE","afterDays":60} does not follow COLDLINE after 30 days; list colder classes (NEARLINE < COLDLINE < ARCHIVE) at later days, each once`,
    ]],
    ['a class that cannot be moved to', bucket({ transitions: [{ storageClass: 'STANDARD', afterDays: 30 }] }), [`${B}.transitions[0].storageClass "STANDARD" is not allowed; allowed values: "NEARLINE", "COLDLINE", "ARCHIVE"`]],
    ['a soft delete of 5 days', bucket({ softDeleteRetentionDays: 5 }), [`${B}.softDeleteRetentionDays 5 is not allowed; use 0 (off) or 7-90 days`]],
    ['retention with versioning', bucket({ retention: { days: 30 } }), [`${B}.versioning true cannot be on with a retention policy (Cloud Storage refuses both); set versioning: false, or drop retention`]],
    ['a bucket name too long once prefixed', { gcp: { data: { buckets: { ['x'.repeat(50)]: {} } } } }, [
      `config/test.yaml: gcp.data.buckets.${'x'.repeat(50)} "${'x'.repeat(50)}" makes the bucket name "acme-test-1-test-${'x'.repeat(50)}", which is not a bucket name; use 3-63 lower-case letters, digits, "-", "_" or ".", starting and ending with a letter or digit`,
    ]],
    ['a bucket without usage logs when the baseline is off', { gcp: { baseline: { enabled: false }, data: { buckets: { items: {} } } } }, [
      `${B}.accessLogBucket is missing, and gcp.baseline does not turn on Data Access audit logs (DATA_READ and DATA_WRITE) for storage.googleapis.com, so nothing would record access; give a log bucket or enable gcp.baseline with those logs`,
    ]],
    ['a bucket without usage logs when the baseline leaves storage out', { gcp: { baseline: { auditLogs: { services: ['cloudsql.googleapis.com'] } }, data: { buckets: { items: {} } } } }, [
      `${B}.accessLogBucket is missing, and gcp.baseline does not turn on Data Access audit logs (DATA_READ and DATA_WRITE) for storage.googleapis.com, so nothing would record access; give a log bucket or enable gcp.baseline with those logs`,
    ]],
    ['a Firestore multi-region without CMEK', firestore({ location: 'nam7' }), [
      'config/test.yaml: gcp.data.firestore.location "nam7" is not a location that takes a customer key; use a region (e.g. "europe-west1") or nam5, eur3 (a customer key must be in the database\'s location)',
    ]],
    ['a Firestore grant to an unknown workload', firestore({ grants: { web: 'read-write' } }), [
      'config/test.yaml: gcp.data.firestore.grants.web "web" is not a service of gcp.run.services or a function of gcp.functions.functions; use one of "api", "worker"',
    ]],
    ['a database name with upper case', firestore({ name: 'Main' }), [
      'config/test.yaml: gcp.data.firestore.name "Main" makes the database id "test-Main", which is not a Firestore database id; use 4-63 lower-case letters, digits and "-", starting with a letter, not ending with "-" (or "(default)")',
    ]],
  ])('rejects %s', (_, patch, expected) => {
    expect(gcpProblems(patch)).toEqual(expected);
  });
});
