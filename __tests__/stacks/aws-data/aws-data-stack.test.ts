import { ElasticacheReplicationGroup } from '@cdktf/provider-aws/lib/elasticache-replication-group';
import { CloudfrontDistribution } from '@cdktf/provider-aws/lib/cloudfront-distribution';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Wafv2WebAcl } from '@cdktf/provider-aws/lib/wafv2-web-acl';
import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { Wafv2WebAclLoggingConfiguration } from '@cdktf/provider-aws/lib/wafv2-web-acl-logging-configuration';
import { Testing } from 'cdktf';
import type { AwsDataStack } from '../../../stacks/aws-data/aws-data-stack';
import { awsDataFamily } from '../../../stacks/aws-data/family';
import { awsNetworkFamily } from '../../../stacks/aws-network/family';
import { familyDependencies } from '../../../stacks/family';
import { environmentProblems, familyStack, testEnvironment } from '../../helpers/environment';
import { AWS_NETWORK } from '../../helpers/outputs';
import { validateStacks } from '../../helpers/terraform';

const DATA = {
  enabled: true,
  buckets: { 'api-data': { lifecycleRules: [{ id: 'default', transitions: [{ days: 30, storageClass: 'INTELLIGENT_TIERING' }], noncurrentExpirationDays: 30 }] } },
  tables: { items: { partitionKey: { name: 'pk' }, sortKey: { name: 'sk' }, ttlAttribute: 'expiresAt', globalSecondaryIndexes: { 'by-owner': { partitionKey: { name: 'owner' } } } } },
};

describe('AwsDataStack', () => {
  const json = Testing.synth(familyStack(awsDataFamily, testEnvironment({ aws: { data: DATA } })));

  it('makes each bucket as <env>-<name>-, with its lifecycle rules from config', () => {
    expect(json).toHaveResourceWithProperties(S3Bucket, { bucket_prefix: 'test-api-data-', force_destroy: false });
    expect(json).toHaveResourceWithProperties(S3BucketLifecycleConfiguration, {
      rule: [expect.objectContaining({ id: 'default', transition: [{ days: 30, storage_class: 'INTELLIGENT_TIERING' }], abort_incomplete_multipart_upload: [{ days_after_initiation: 7 }] })],
    });
  });

  it('makes each table as <env>-<name>: on-demand, deletion-protected, 35 days of PITR, strings by default', () => {
    expect(json).toHaveResourceWithProperties(DynamodbTable, {
      name: 'test-items',
      billing_mode: 'PAY_PER_REQUEST',
      deletion_protection_enabled: true,
      point_in_time_recovery: { enabled: true, recovery_period_in_days: 35 },
      attribute: [{ name: 'pk', type: 'S' }, { name: 'sk', type: 'S' }, { name: 'owner', type: 'S' }],
      global_secondary_index: [expect.objectContaining({ name: 'by-owner', hash_key: 'owner' })],
    });
  });

  it('has no cache and no network dependency unless aws.data.cache is set', () => {
    expect(json).not.toHaveResource(ElasticacheReplicationGroup);
    const env = testEnvironment({ aws: { data: DATA } });
    expect(familyDependencies(awsDataFamily, env.section(awsDataFamily.section), env)).toEqual([]);
  });

  it('puts the cache <env>-cache in the private subnets of the network when set', () => {
    const env = testEnvironment({ aws: { data: { ...DATA, cache: { nodeType: 'cache.r7g.large', allowedSecurityGroups: { services: 'sg-0123456789abcdef0' } } } } });
    expect(familyDependencies(awsDataFamily, env.section(awsDataFamily.section), env)).toEqual([awsNetworkFamily]);
    const out = Testing.synth(familyStack(awsDataFamily, env, { 'aws-network': AWS_NETWORK }));
    expect(out).toHaveResourceWithProperties(ElasticacheReplicationGroup, { replication_group_id: 'test-cache', node_type: 'cache.r7g.large', multi_az_enabled: true });
  });

  it('puts CloudFront with a us-east-1 WAF web ACL in front of the chosen bucket', () => {
    const env = testEnvironment({ aws: { data: { ...DATA, cdn: { bucket: 'api-data', priceClass: 'PriceClass_200', waf: { rateLimitPer5Minutes: 1000 } } } } });
    const out = Testing.synth(familyStack(awsDataFamily, env));
    expect(out).toHaveProviderWithProperties(AwsProvider, { alias: 'us_east_1', region: 'us-east-1' });
    expect(out).toHaveResourceWithProperties(Wafv2WebAcl, { name: 'test-cdn', scope: 'CLOUDFRONT', provider: 'aws.us_east_1' });
    expect(out).toHaveResourceWithProperties(CloudfrontDistribution, { price_class: 'PriceClass_200', web_acl_id: expect.stringContaining('aws_wafv2_web_acl') });
  });

  it('turns on a table stream of the configured view type and publishes its ARN by table key', () => {
    const env = testEnvironment({ aws: { data: { ...DATA, tables: { ...DATA.tables, plain: { partitionKey: { name: 'id' } }, items: { ...DATA.tables.items, stream: 'NEW_AND_OLD_IMAGES' } } } } });
    const stack = familyStack<AwsDataStack>(awsDataFamily, env);
    const out = Testing.synth(stack);
    expect(out).toHaveResourceWithProperties(DynamodbTable, { name: 'test-items', stream_enabled: true, stream_view_type: 'NEW_AND_OLD_IMAGES' });
    const plain = Object.values<any>(JSON.parse(out).resource.aws_dynamodb_table).find((t) => t.name === 'test-plain');
    expect(plain.stream_enabled).toBeUndefined();
    expect(Object.keys(stack.outputs.tableStreamArns)).toEqual(['items']);
    expect(stack.outputs.tableStreamArns.items).toMatch(/TfToken/);
    expect(JSON.parse(out).output.table_stream_arns.value).toEqual({ items: expect.stringContaining('aws_dynamodb_table.table-items_table_') });
  });

  it('publishes no stream ARNs when no table has a stream', () => {
    expect(familyStack<AwsDataStack>(awsDataFamily, testEnvironment({ aws: { data: DATA } })).outputs.tableStreamArns).toEqual({});
  });

  it('publishes the cache with the customer key of its secret', () => {
    const env = testEnvironment({ aws: { data: { ...DATA, cache: {} } } });
    const stack = familyStack<AwsDataStack>(awsDataFamily, env, { 'aws-network': AWS_NETWORK });
    expect(Object.keys(stack.outputs.cache!).sort()).toEqual(['kmsKeyArn', 'port', 'primaryEndpoint', 'readerEndpoint', 'secretArn', 'securityGroupId']);
    expect(stack.outputs.cache!.port).toBe(6379);
  });

  it('logs the CDN web ACL to a KMS-encrypted aws-waf-logs- group in us-east-1, with the key there too', () => {
    const env = testEnvironment({ aws: { data: { ...DATA, cdn: { bucket: 'api-data', waf: { logRetentionDays: 400 } } } } });
    const out = Testing.synth(familyStack(awsDataFamily, env));
    expect(out).toHaveResourceWithProperties(CloudwatchLogGroup, { name: 'aws-waf-logs-test-cdn', retention_in_days: 400, provider: 'aws.us_east_1', kms_key_id: expect.stringContaining('aws_kms_key.') });
    expect(out).toHaveResourceWithProperties(KmsKey, { provider: 'aws.us_east_1', enable_key_rotation: true });
    expect(out).toHaveResourceWithProperties(Wafv2WebAclLoggingConfiguration, { provider: 'aws.us_east_1', redacted_fields: [{ single_header: { name: 'authorization' } }, { single_header: { name: 'cookie' } }] });
    const regions = Object.values<any>(JSON.parse(out).data.aws_region).map((r) => r.provider);
    expect(regions).toContain('aws.us_east_1');
  });

  it('is not built unless enabled', () => {
    expect(awsDataFamily.enabled(testEnvironment().section(awsDataFamily.section), testEnvironment())).toBe(false);
  });
});

describe('AwsDataStack with terraform', () => {
  it('passes terraform validate with buckets, Object Lock, tables, the cache, the CDN and its us-east-1 web ACL', () => {
    const env = testEnvironment({
      aws: {
        data: {
          ...DATA,
          buckets: { ...DATA.buckets, audit: { objectLock: { mode: 'GOVERNANCE', days: 30 } } },
          tables: { items: { ...DATA.tables.items, stream: 'NEW_AND_OLD_IMAGES' } },
          cache: { allowedSecurityGroups: { services: 'sg-0123456789abcdef0' } },
          cdn: { bucket: 'api-data', apiDomainName: 'api.example.com', waf: {} },
        },
      },
    });
    const [result] = validateStacks([familyStack(awsDataFamily, env, { 'aws-network': AWS_NETWORK })]);
    expect(result).toMatchObject({ status: 'valid' });
  });
});

describe('aws.data config', () => {
  it('rejects a lifecycle transition after the expiry with file, field path, value and what is allowed', () => {
    expect(environmentProblems({ aws: { data: { enabled: true, buckets: { logs: { lifecycleRules: [{ id: 'r', transitions: [{ days: 400, storageClass: 'GLACIER' }], expirationDays: 365 }] } } } } })).toEqual([
      'config/test.yaml: aws.data.buckets.logs.lifecycleRules[0].transitions[0].days 400 is not before expirationDays (365); a transition must come before the expiry, use fewer days or drop the transition',
    ]);
  });

  it('rejects an unknown storage class and a bucket name that makes too long a prefix', () => {
    const problems = environmentProblems({ aws: { data: { buckets: { logs: { lifecycleRules: [{ id: 'r', transitions: [{ days: 4, storageClass: 'COLD' }] }] } } } } });
    expect(problems).toEqual([expect.stringMatching(/^config\/test\.yaml: aws\.data\.buckets\.logs\.lifecycleRules\[0\]\.transitions\[0\]\.storageClass "COLD" is not allowed; allowed values: .*STANDARD_IA.*INTELLIGENT_TIERING.*GLACIER/)]);
    expect(environmentProblems({ aws: { data: { buckets: { 'a-very-long-bucket-name-for-the-data-lake': {} } } } })).toEqual([
      expect.stringMatching(/aws\.data\.buckets\.a-very-long-bucket-name-for-the-data-lake "a-very-long-bucket-name-for-the-data-lake" makes the bucket prefix "test-a-very-long-bucket-name-for-the-data-lake" 46 characters long; S3 allows 37/),
    ]);
  });

  it('rejects a cache node type that does not exist, with what is allowed', () => {
    expect(environmentProblems({ aws: { data: { enabled: true, cache: { nodeType: 'cache.t4g.huge' } } } })).toEqual([
      'config/test.yaml: aws.data.cache.nodeType "cache.t4g.huge" is not a size of cache.t4g; use one of cache.t4g.micro, cache.t4g.small, cache.t4g.medium',
    ]);
  });

  it('rejects an unknown WAF managed rule group and a CDN bucket that is not configured', () => {
    expect(environmentProblems({ aws: { data: { enabled: true, buckets: { site: {} }, cdn: { bucket: 'site', waf: { managedRuleGroups: ['AWSManagedRulesCommonRuleSet', 'AWSManagedRulesMadeUp'] } } } } })).toEqual([
      expect.stringMatching(/^config\/test\.yaml: aws\.data\.cdn\.waf\.managedRuleGroups\[1\] "AWSManagedRulesMadeUp" is not an AWS managed rule group this project offers; use one of AWSManagedRulesCommonRuleSet, /),
    ]);
    expect(environmentProblems({ aws: { data: { enabled: true, buckets: { site: {} }, cdn: { bucket: 'web' } } } })).toEqual([
      'config/test.yaml: aws.data.cdn.bucket "web" is not a bucket of aws.data.buckets; use one of site',
    ]);
  });

  it('rejects a stream view type that does not exist, with what is allowed', () => {
    expect(environmentProblems({ aws: { data: { tables: { t: { partitionKey: { name: 'pk' }, stream: 'ALL_IMAGES' } } } } })).toEqual([
      expect.stringMatching(/^config\/test\.yaml: aws\.data\.tables\.t\.stream "ALL_IMAGES" is not allowed; allowed values: .*KEYS_ONLY.*NEW_IMAGE.*OLD_IMAGE.*NEW_AND_OLD_IMAGES/),
    ]);
  });

  it('rejects capacity without PROVISIONED, and one attribute with two types', () => {
    expect(environmentProblems({ aws: { data: { tables: { t: { partitionKey: { name: 'pk' }, readCapacity: 5 } } } } })).toEqual([
      'config/test.yaml: aws.data.tables.t.readCapacity 5 is set with billingMode PAY_PER_REQUEST (on-demand); remove it or use PROVISIONED',
    ]);
    expect(environmentProblems({ aws: { data: { tables: { t: { partitionKey: { name: 'pk' }, globalSecondaryIndexes: { 'by-pk': { partitionKey: { name: 'pk', type: 'N' } } } } } } } })).toEqual([
      'config/test.yaml: aws.data.tables.t.globalSecondaryIndexes.by-pk.partitionKey.type "N" differs from the type S of attribute "pk" elsewhere in the table; give one attribute one type',
    ]);
  });
});
