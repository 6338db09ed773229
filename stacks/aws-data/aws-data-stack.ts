import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { CacheCluster } from '../../modules/aws/cache-cluster';
import { Cdn } from '../../modules/aws/cdn';
import { DataBucket } from '../../modules/aws/data-bucket';
import { WebAcl } from '../../modules/aws/web-acl';
import { environmentTags } from '../../modules/core/tags';
import { DynamoTable } from '../../modules/aws/dynamo-table';
import type { AwsDataOutputs, AwsNetworkOutputs, AwsDataCacheOutputs } from '../contracts';
import { EnvironmentStack, type EnvironmentStackProps } from '../environment-stack';
import { awsProvider } from '../private/providers';
import { type AwsDataConfig, cacheName, cdnName, dataResourceName } from './config';


/** The region of CloudFront-scope web ACLs (and their log groups and keys), and the alias of its provider. */
export const CLOUDFRONT_PROVIDER = { alias: 'us_east_1', region: 'us-east-1' } as const;

/** Props of {@link AwsDataStack}. */
export interface AwsDataStackProps extends EnvironmentStackProps {
  /** The `aws.data` section. */
  readonly config: AwsDataConfig;
  /** The network (private subnets), when the stack has a cache. @default - none */
  readonly network?: AwsNetworkOutputs;
}

/** `<env>-aws-data`: the application's S3 data buckets and DynamoDB tables (see docs/data.md). */
export class AwsDataStack extends EnvironmentStack {
  public readonly outputs: AwsDataOutputs;

  constructor(scope: Construct, name: string, props: AwsDataStackProps) {
    super(scope, name, props);
    const { environment: env, config } = props;
    awsProvider(this, env);
    const bucketNames: Record<string, string> = {};
    const bucketArns: Record<string, string> = {};
    const tableNames: Record<string, string> = {};
    const tableArns: Record<string, string> = {};
    const tableStreamArns: Record<string, string> = {};
    const buckets: Record<string, DataBucket> = {};
    for (const [key, b] of Object.entries(config.buckets)) {
      const bucket = new DataBucket(this, `bucket-${key}`, {
        namePrefix: dataResourceName(env.name, key),
        lifecycleRules: b.lifecycleRules,
        objectLock: b.objectLock,
        accessLogExpiryDays: b.accessLogExpiryDays,
        forceDestroy: b.forceDestroy,
        cloudFrontReads: config.cdn?.bucket === key,
      });
      buckets[key] = bucket;
      bucketNames[key] = bucket.bucketName;
      bucketArns[key] = bucket.bucketArn;
    }
    for (const [key, t] of Object.entries(config.tables)) {
      const table = new DynamoTable(this, `table-${key}`, {
        name: dataResourceName(env.name, key),
        partitionKey: t.partitionKey,
        sortKey: t.sortKey,
        globalSecondaryIndexes: Object.entries(t.globalSecondaryIndexes).map(([indexName, g]) => ({ name: indexName, ...g })),
        billingMode: t.billingMode,
        readCapacity: t.readCapacity,
        writeCapacity: t.writeCapacity,
        ttlAttribute: t.ttlAttribute,
        streamViewType: t.stream,
        deletionProtection: t.deletionProtection,
        pointInTimeRecoveryDays: t.pointInTimeRecoveryDays,
        contributorInsights: t.contributorInsights,
      });
      tableNames[key] = table.tableName;
      tableArns[key] = table.tableArn;
      if (table.streamArn) tableStreamArns[key] = table.streamArn;
    }
    let cache: AwsDataCacheOutputs | undefined;
    if (config.cache) {
      if (!props.network) throw new Error('aws.data.cache needs the aws-network outputs');
      const c = new CacheCluster(this, 'cache', {
        name: cacheName(env.name),
        vpcId: props.network.vpcId,
        subnetIds: props.network.privateSubnetIds,
        allowedSecurityGroups: config.cache.allowedSecurityGroups,
        engine: config.cache.engine,
        nodeType: config.cache.nodeType,
        nodes: config.cache.nodes,
        snapshotRetentionDays: config.cache.snapshotRetentionDays,
      });
      cache = { primaryEndpoint: c.primaryEndpoint, readerEndpoint: c.readerEndpoint, port: c.port, securityGroupId: c.securityGroupId, secretArn: c.secretArn, kmsKeyArn: c.kmsKeyArn };
      new TerraformOutput(this, 'cache_primary_endpoint', { value: c.primaryEndpoint, description: 'Primary endpoint of the cache (TLS)' });
      new TerraformOutput(this, 'cache_secret_arn', { value: c.secretArn, description: 'Secret with the cache user and password' });
    }
    let cdnDomainName: string | undefined;
    if (config.cdn) {
      let webAclArn: string | undefined;
      if (config.cdn.waf) {
        // CLOUDFRONT-scope web ACLs exist only in us-east-1: a second configuration of the AWS
        // provider, `aws.us_east_1`, for the ACL, its log group and key (same account and tags).
        const usEast1 = new AwsProvider(this, 'aws-us-east-1', { ...CLOUDFRONT_PROVIDER, allowedAccountIds: [env.aws.accountId], defaultTags: [{ tags: environmentTags(env) }] });
        const waf = config.cdn.waf;
        webAclArn = new WebAcl(this, 'cdn-waf', { name: cdnName(env.name), scope: 'CLOUDFRONT', provider: usEast1, managedRuleGroups: waf.managedRuleGroups, rateLimitPer5Minutes: waf.rateLimitPer5Minutes, logRetentionDays: waf.logRetentionDays }).arn;
      }
      const cdn = new Cdn(this, 'cdn', {
        name: cdnName(env.name),
        bucket: buckets[config.cdn.bucket]!,
        apiDomainName: config.cdn.apiDomainName,
        apiPathPattern: config.cdn.apiPathPattern,
        priceClass: config.cdn.priceClass,
        certificateArn: config.cdn.certificateArn,
        aliases: config.cdn.aliases.length ? config.cdn.aliases : undefined,
        webAclArn,
      });
      cdnDomainName = cdn.domainName;
      new TerraformOutput(this, 'cdn_domain_name', { value: cdn.domainName, description: 'Domain name of the CloudFront distribution' });
    }
    this.outputs = { bucketNames, bucketArns, tableNames, tableArns, tableStreamArns, ...(cache ? { cache } : {}), ...(cdnDomainName ? { cdnDomainName } : {}) };
    new TerraformOutput(this, 'bucket_names', { value: bucketNames, description: 'Data bucket names by config key' });
    new TerraformOutput(this, 'table_names', { value: tableNames, description: 'DynamoDB table names by config key' });
    if (Object.keys(tableStreamArns).length) new TerraformOutput(this, 'table_stream_arns', { value: tableStreamArns, description: 'DynamoDB stream ARNs by table config key (tables with a stream)' });
  }
}
