import { Cloudtrail } from '@cdktf/provider-aws/lib/cloudtrail';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLoggingA } from '@cdktf/provider-aws/lib/s3-bucket-logging';
import { S3BucketObjectLockConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-object-lock-configuration';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { Testing } from 'cdktf';
import { AUDIT_RETENTION_MINIMUMS, AUDIT_TRAIL_DEFAULTS, AuditTrail, type AuditTrailProps, auditRetentionProblem } from '../../../modules/aws/audit-trail';

function synth(props: Partial<AuditTrailProps> = {}): string {
  return Testing.synthScope((scope) => new AuditTrail(scope, 'audit', { name: 'test-audit', ...props }));
}

function resources(json: string, type: string): any[] {
  return Object.values(JSON.parse(json).resource[type] ?? {});
}

function policyDocument(json: string, id: string): any {
  const docs = JSON.parse(json).data.aws_iam_policy_document as Record<string, any>;
  return Object.entries(docs).find(([k]) => k.includes(id))![1];
}

function statement(json: string, doc: string, sid: string): any {
  return (policyDocument(json, doc).statement as any[]).find((s) => s.sid === sid);
}

describe('AuditTrail', () => {
  it('exports its defaults', () => {
    expect(AUDIT_TRAIL_DEFAULTS).toEqual({
      retentionDays: 365,
      logRetentionDays: 365,
      accessLogRetentionDays: 365,
      enableS3DataEvents: false,
      enableLambdaDataEvents: false,
      enableConfigDelivery: true,
    });
    expect(AUDIT_RETENTION_MINIMUMS['pci-dss']).toMatchObject({ retentionDays: 365, logRetentionDays: 90 });
  });

  it('makes a multi-region trail of management events with log file validation and the customer key', () => {
    const json = synth();
    expect(json).toHaveResourceWithProperties(Cloudtrail, {
      name: 'test-audit',
      is_multi_region_trail: true,
      include_global_service_events: true,
      enable_log_file_validation: true,
      enable_logging: true,
    });
    const trail = resources(json, 'aws_cloudtrail')[0];
    expect(trail.kms_key_id).toMatch(/^\$\{aws_kms_key\.audit_key_[0-9A-F]+\.arn\}$/);
    expect(trail.cloud_watch_logs_group_arn).toMatch(/^\$\{aws_cloudwatch_log_group\..*\.arn\}:\*$/);
    expect(trail.advanced_event_selector).toEqual([{ name: 'Management events', field_selector: [{ field: 'eventCategory', equals: ['Management'] }] }]);
    expect(json).toHaveResourceWithProperties(KmsKey, { enable_key_rotation: true });
  });

  it('records S3 and Lambda data events when asked', () => {
    const trail = resources(synth({ enableS3DataEvents: true, enableLambdaDataEvents: true }), 'aws_cloudtrail')[0];
    expect(trail.advanced_event_selector.map((s: any) => s.name)).toEqual(['Management events', 'S3 data events', 'Lambda data events']);
    expect(trail.advanced_event_selector[1].field_selector).toContainEqual({ field: 'resources.type', equals: ['AWS::S3::Object'] });
    expect(trail.advanced_event_selector[2].field_selector).toContainEqual({ field: 'resources.type', equals: ['AWS::Lambda::Function'] });
  });

  it('limits CloudTrail use of the key to this trail (aws:SourceArn, aws:SourceAccount)', () => {
    const json = synth();
    const encrypt = statement(json, 'audit_key_policy', 'AllowCloudTrailToEncryptForThisTrail');
    expect(encrypt.principals).toEqual([{ type: 'Service', identifiers: ['cloudtrail.amazonaws.com'] }]);
    expect(encrypt.actions).toEqual(['kms:GenerateDataKey*']);
    expect(encrypt.condition.map((c: any) => c.variable)).toEqual(['aws:SourceArn', 'aws:SourceAccount', 'kms:EncryptionContext:aws:cloudtrail:arn']);
    expect(encrypt.condition[0].values[0]).toMatch(/^arn:.*:cloudtrail:.*:trail\/test-audit$/);
    const describe = statement(json, 'audit_key_policy', 'AllowCloudTrailToDescribeTheKey');
    expect(describe.condition.map((c: any) => c.variable)).toEqual(['aws:SourceArn', 'aws:SourceAccount']);
  });

  it('keeps the logs in a versioned, Object Lock (governance) bucket with access logging, KMS and no public access', () => {
    const json = synth({ retentionDays: 400 });
    const buckets = resources(json, 'aws_s3_bucket');
    expect(buckets.map((b) => b.bucket_prefix).sort()).toEqual(['test-audit-access-logs-', 'test-audit-logs-']);
    expect(json).toHaveResourceWithProperties(S3Bucket, { bucket_prefix: 'test-audit-logs-', object_lock_enabled: true, force_destroy: false });
    expect(json).toHaveResourceWithProperties(S3BucketObjectLockConfigurationA, { rule: { default_retention: { mode: 'GOVERNANCE', days: 400 } } });
    expect(resources(json, 'aws_s3_bucket_versioning')).toHaveLength(2);
    expect(json).toHaveResourceWithProperties(S3BucketVersioningA, { versioning_configuration: { status: 'Enabled' } });
    expect(json).toHaveResourceWithProperties(S3BucketLoggingA, { target_prefix: 'audit-bucket/' });
    expect(resources(json, 'aws_s3_bucket_public_access_block')).toHaveLength(2);
    expect(json).toHaveResourceWithProperties(S3BucketPublicAccessBlock, {
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    const sse = resources(json, 'aws_s3_bucket_server_side_encryption_configuration').map((c) => c.rule[0].apply_server_side_encryption_by_default.sse_algorithm);
    expect(sse.sort()).toEqual(['AES256', 'aws:kms']);
  });

  it('keeps access logs 365 days and noncurrent audit versions for the retention by default', () => {
    const rules = resources(synth(), 'aws_s3_bucket_lifecycle_configuration').map((l) => l.rule[0]);
    const byId = Object.fromEntries(rules.map((r) => [r.id, r]));
    expect(byId['expire'].expiration).toEqual([{ days: 365 }]);
    expect(byId['expire-noncurrent-after-retention'].noncurrent_version_expiration).toEqual([{ noncurrent_days: 365 }]);
  });

  it('denies every request without TLS on both buckets', () => {
    const json = synth();
    for (const doc of ['bucket-policy-document', 'access-logs-policy-document']) {
      expect(statement(json, doc, 'DenyInsecureTransport')).toMatchObject({
        effect: 'Deny',
        actions: ['s3:*'],
        condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
      });
    }
  });

  it('admits CloudTrail for this trail and AWS Config for this account in the bucket policy', () => {
    const json = synth();
    const write = statement(json, 'bucket-policy-document', 'AllowCloudTrailWrite');
    expect(write.condition.map((c: any) => c.variable)).toEqual(['aws:SourceArn', 'aws:SourceAccount', 's3:x-amz-acl']);
    expect(statement(json, 'bucket-policy-document', 'AllowConfigWrite').principals[0].identifiers).toEqual(['config.amazonaws.com']);
    expect(statement(json, 'audit_key_policy', 'AllowConfigDeliveryOfThisAccount')).toBeDefined();
  });

  it('leaves AWS Config out of the policies when its delivery is off', () => {
    const json = synth({ enableConfigDelivery: false });
    expect(statement(json, 'bucket-policy-document', 'AllowConfigWrite')).toBeUndefined();
    expect(statement(json, 'audit_key_policy', 'AllowConfigDeliveryOfThisAccount')).toBeUndefined();
  });

  it('delivers to an encrypted log group kept 365 days by default', () => {
    const json = synth();
    expect(json).toHaveResourceWithProperties(CloudwatchLogGroup, { name: '/aws/cloudtrail/test-audit', retention_in_days: 365 });
    expect(resources(json, 'aws_cloudwatch_log_group')[0].kms_key_id).toMatch(/^\$\{aws_kms_key\./);
    expect(synth({ logRetentionDays: 90 })).toHaveResourceWithProperties(CloudwatchLogGroup, { retention_in_days: 90 });
  });

  it.each([
    ['a bad name', { name: 'Bad_Name' }, /prop name "Bad_Name" is not a trail name; use 3 to 24 lower-case letters/],
    ['a retention of 0 days', { retentionDays: 0 }, /prop retentionDays 0 is not an Object Lock retention; use a whole number of days from 1 to 36500/],
    ['a log retention CloudWatch refuses', { logRetentionDays: 100 }, /prop logRetentionDays 100 is not a CloudWatch Logs retention; use one of 1, 3, 5/],
    ['an access log retention of 0', { accessLogRetentionDays: 0 }, /prop accessLogRetentionDays 0 is not a number of days/],
  ])('rejects %s', (_, props, pattern) => {
    expect(() => synth(props)).toThrow(pattern);
  });

  it('says what a claimed framework requires of the retention', () => {
    expect(auditRetentionProblem('retentionDays', 364, ['pci-dss'])).toMatch(/is below the 365 days pci-dss requires.*use 365 or more/);
    expect(auditRetentionProblem('logRetentionDays', 60, ['soc2', 'pci-dss'])).toMatch(/is below the 90 days pci-dss requires/);
    expect(auditRetentionProblem('retentionDays', 365, ['pci-dss'])).toBeUndefined();
    expect(auditRetentionProblem('retentionDays', 30, ['soc2'])).toBeUndefined();
  });
});
