import { awsNetworkFamily } from '../aws-network/family';
import { defineFamily } from '../family';
import { AwsDataStack } from './aws-data-stack';
import { awsDataSection, dataNeedsNetwork } from './config';

/** `<env>-aws-data`: S3 data buckets and DynamoDB tables. */
export const awsDataFamily = defineFamily({
  id: 'aws-data',
  description: 'S3 data buckets, DynamoDB tables, an ElastiCache cache, CloudFront with a WAF web ACL',
  section: awsDataSection,
  enabledWhen: '`aws.data.enabled`',
  enabled: (data) => data.enabled,
  dependsOn: [],
  conditionalDependsOn: [{ family: awsNetworkFamily, when: dataNeedsNetwork, description: 'aws.data.cache is set' }],
  build: (ctx, config) => {
    const stack = new AwsDataStack(ctx.scope, ctx.name, { environment: ctx.environment, config, ...(dataNeedsNetwork(config) ? { network: ctx.use(awsNetworkFamily) } : {}) });
    return { stack, outputs: stack.outputs };
  },
});
