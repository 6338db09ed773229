import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { policyResourceOf } from '../../../modules/policy/rule';
import { ALL_RULES, RdsCustomerKey, RdsMultiAz, RdsStorageEncrypted } from '../../../modules/policy/rules';
import { suppress } from '../../../modules/policy/suppressions';

function stack(): TerraformStack {
  return new TerraformStack(Testing.app(), 'prod-aws-database');
}

describe('PolicyRule', () => {
  it('reads the synthesized attributes with snake_case keys', () => {
    const db = new DbInstance(stack(), 'db', { instanceClass: 'db.t4g.micro', storageEncrypted: true, multiAz: false });
    const resource = policyResourceOf(db);
    expect(resource.type).toBe('aws_db_instance');
    expect(resource.address).toBe(`aws_db_instance.${db.friendlyUniqueId}`);
    expect(resource.path).toBe('prod-aws-database/db');
    expect(resource.stack).toBe('prod-aws-database');
    expect(resource.attrs.storage_encrypted).toBe(true);
    expect(resource.attrs.multi_az).toBe(false);
  });

  it('honours addOverride in both directions', () => {
    const s = stack();
    const fixed = new DbInstance(s, 'fixed', { instanceClass: 'db.t4g.micro', multiAz: false });
    fixed.addOverride('multi_az', true);
    const broken = new DbInstance(s, 'broken', { instanceClass: 'db.t4g.micro', storageEncrypted: true });
    broken.addOverride('storage_encrypted', false);
    expect(new RdsMultiAz().evaluate(policyResourceOf(fixed))).toBe('compliant');
    expect(new RdsStorageEncrypted().evaluate(policyResourceOf(broken))).toBe('non-compliant');
  });

  it('treats unresolved references as compliant (a key reference, a variable)', () => {
    const s = stack();
    const key = new KmsKey(s, 'key');
    const flag = new TerraformVariable(s, 'encrypted', { type: 'bool' });
    const db = new DbInstance(s, 'db', {
      instanceClass: 'db.t4g.micro',
      kmsKeyId: key.arn,
      storageEncrypted: flag.booleanValue,
    });
    expect(new RdsCustomerKey().evaluate(policyResourceOf(db))).toBe('compliant');
    expect(new RdsStorageEncrypted().evaluate(policyResourceOf(db))).toBe('compliant');
  });

  it('reads a resource once, however many rules check it', () => {
    const db = new DbInstance(stack(), 'db', { instanceClass: 'db.t4g.micro' });
    const spy = jest.spyOn(db, 'toTerraform');
    policyResourceOf(db);
    policyResourceOf(db);
    expect(spy).toHaveBeenCalledTimes(1);
  });

  it('works as a standalone aspect: annotates an unsuppressed breach at its level', () => {
    const s = stack();
    const single = new DbInstance(s, 'single', { instanceClass: 'db.t4g.micro', multiAz: false });
    const accepted = new DbInstance(s, 'accepted', { instanceClass: 'db.t4g.micro', multiAz: false });
    suppress(accepted, 'AWS-RDS-3', 'dev runs one instance');
    const errors = (c: DbInstance) => c.node.metadata.filter((m) => m.type === '@cdktf/error').map((m) => m.data);
    new RdsMultiAz().visit(single);
    new RdsMultiAz().visit(accepted);
    expect(errors(single)).toEqual([expect.stringContaining('[AWS-RDS-3] RDS instances are Multi-AZ')]);
    expect(errors(accepted)).toEqual([]);
  });
});

describe('ALL_RULES', () => {
  it('has at least 80 rules, with unique well-formed ids', () => {
    const ids = ALL_RULES.map((r) => r.id);
    expect(ids.length).toBeGreaterThanOrEqual(80);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((id) => !/^(AWS|GCP|AZ|K8S)-[A-Z0-9]+-\d+$/.test(id))).toEqual([]);
  });

  it('gives every rule a one-line summary, an explanation, a fix and resource types', () => {
    const incomplete = ALL_RULES.filter(
      (r) =>
        !r.summary ||
        r.summary.includes('\n') ||
        r.summary.endsWith('.') ||
        !r.explanation ||
        !r.fix ||
        r.resourceTypes.length === 0 ||
        !['error', 'warning'].includes(r.level)
    ).map((r) => r.id);
    expect(incomplete).toEqual([]);
  });

  it('covers AWS, GCP, Azure and Kubernetes', () => {
    const count = (prefix: string) => ALL_RULES.filter((r) => r.id.startsWith(prefix)).length;
    expect(count('AWS-')).toBeGreaterThanOrEqual(40);
    expect(count('GCP-')).toBeGreaterThanOrEqual(20);
    expect(count('AZ-')).toBeGreaterThanOrEqual(15);
    expect(count('K8S-')).toBeGreaterThanOrEqual(10);
  });
});
