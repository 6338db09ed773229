import { awsNetworkFamily } from '../aws-network/family';
import { defineFamily } from '../family';
import { AwsDatabaseStack } from './aws-database-stack';
import { awsDatabaseSection } from './config';

/** `<env>-aws-database`: RDS for PostgreSQL. */
export const awsDatabaseFamily = defineFamily({
  id: 'aws-database',
  description: 'RDS for PostgreSQL 17',
  section: awsDatabaseSection,
  enabledWhen: '`aws.database.enabled`',
  enabled: (db) => db.enabled,
  dependsOn: [awsNetworkFamily],
  build: (ctx, config) => {
    const stack = new AwsDatabaseStack(ctx.scope, ctx.name, {
      environment: ctx.environment,
      config,
      network: ctx.use(awsNetworkFamily),
    });
    return { stack, outputs: stack.outputs };
  },
});
