import { DynamodbContributorInsights } from '@cdktf/provider-aws/lib/dynamodb-contributor-insights';
import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { Testing } from 'cdktf';
import { DynamoTable, type DynamoTableProps } from '../../../modules/aws/dynamo-table';
import { ValidationError } from '../../../modules/core/validation-error';

const BASE: DynamoTableProps = { name: 'test-items', partitionKey: { name: 'pk', type: 'S' } };

function synth(props: Partial<DynamoTableProps> = {}): string {
  return Testing.synthScope((scope) => new DynamoTable(scope, 'table', { ...BASE, ...props }));
}

describe('DynamoTable', () => {
  const json = synth();

  it('is on-demand by default', () => {
    expect(json).toHaveResourceWithProperties(DynamodbTable, { billing_mode: 'PAY_PER_REQUEST', hash_key: 'pk', attribute: [{ name: 'pk', type: 'S' }] });
  });

  it('encrypts with its own rotating customer key', () => {
    expect(json).toHaveResourceWithProperties(KmsKey, { enable_key_rotation: true });
    expect(json).toHaveResourceWithProperties(DynamodbTable, { server_side_encryption: { enabled: true, kms_key_arn: expect.stringContaining('aws_kms_key') } });
  });

  it('keeps 35 days of point-in-time recovery by default', () => {
    expect(json).toHaveResourceWithProperties(DynamodbTable, { point_in_time_recovery: { enabled: true, recovery_period_in_days: 35 } });
  });

  it('is deletion-protected unless told otherwise', () => {
    expect(json).toHaveResourceWithProperties(DynamodbTable, { deletion_protection_enabled: true });
    expect(synth({ deletionProtection: false })).toHaveResourceWithProperties(DynamodbTable, { deletion_protection_enabled: false });
  });

  it('has no TTL, stream or Contributor Insights unless asked', () => {
    const table = Object.values(JSON.parse(json).resource.aws_dynamodb_table)[0] as Record<string, unknown>;
    expect(table.ttl).toBeUndefined();
    expect(table.stream_enabled).toBeUndefined();
    expect(json).not.toHaveResource(DynamodbContributorInsights);
  });

  it('sets TTL, stream, Contributor Insights, sort key and indexes from props', () => {
    const out = synth({
      sortKey: { name: 'sk', type: 'S' },
      ttlAttribute: 'expiresAt',
      streamViewType: 'NEW_AND_OLD_IMAGES',
      contributorInsights: true,
      globalSecondaryIndexes: [{ name: 'by-owner', partitionKey: { name: 'owner', type: 'S' }, sortKey: { name: 'created', type: 'N' } }],
    });
    expect(out).toHaveResourceWithProperties(DynamodbTable, {
      range_key: 'sk',
      ttl: { enabled: true, attribute_name: 'expiresAt' },
      stream_enabled: true,
      stream_view_type: 'NEW_AND_OLD_IMAGES',
      attribute: [{ name: 'pk', type: 'S' }, { name: 'sk', type: 'S' }, { name: 'owner', type: 'S' }, { name: 'created', type: 'N' }],
      global_secondary_index: [{ name: 'by-owner', hash_key: 'owner', range_key: 'created', projection_type: 'ALL' }],
    });
    expect(out).toHaveResource(DynamodbContributorInsights);
  });

  it('sets capacity on the table and its indexes when provisioned', () => {
    const out = synth({ billingMode: 'PROVISIONED', readCapacity: 5, writeCapacity: 2, globalSecondaryIndexes: [{ name: 'by-x', partitionKey: { name: 'x', type: 'S' } }] });
    expect(out).toHaveResourceWithProperties(DynamodbTable, { billing_mode: 'PROVISIONED', read_capacity: 5, write_capacity: 2, global_secondary_index: [expect.objectContaining({ read_capacity: 5, write_capacity: 2 })] });
  });

  it.each([
    [{ name: 'x' }, /name "x" is not a table name; use 3 to 255 letters/],
    [{ billingMode: 'PROVISIONED' as const }, /readCapacity \(missing\) is required with PROVISIONED billing; use 1 to 40000 units/],
    [{ readCapacity: 5 }, /readCapacity 5 is set with PAY_PER_REQUEST billing/],
    [{ pointInTimeRecoveryDays: 36 }, /pointInTimeRecoveryDays 36 is not allowed; use 1 to 35 days/],
    [{ streamViewType: 'ALL' as any }, /streamViewType "ALL" is not a stream view type; use one of KEYS_ONLY, NEW_IMAGE, OLD_IMAGE, NEW_AND_OLD_IMAGES/],
    [{ partitionKey: { name: 'pk', type: 'X' as any } }, /partitionKey\.type "X" is not a key type; use S, N, B/],
    [{ globalSecondaryIndexes: [{ name: 'by-pk', partitionKey: { name: 'pk', type: 'N' as const } }] }, /globalSecondaryIndexes\[0\]\.partitionKey\.type "N" differs from the type S given to attribute "pk"/],
    [{ globalSecondaryIndexes: [{ name: 'idx', partitionKey: { name: 'a', type: 'S' as const } }, { name: 'idx', partitionKey: { name: 'b', type: 'S' as const } }] }, /globalSecondaryIndexes\[1\]\.name "idx" is not a unique index name/],
  ])('rejects %j', (props, pattern) => {
    expect(() => synth(props as Partial<DynamoTableProps>)).toThrow(ValidationError);
    expect(() => synth(props as Partial<DynamoTableProps>)).toThrow(pattern);
  });
});
