import { awsAlertsFamily } from '../aws-alerts/family';
import { awsDataFamily } from '../aws-data/family';
import { awsDatabaseFamily } from '../aws-database/family';
import { awsNetworkFamily } from '../aws-network/family';
import { defineFamily } from '../family';
import { AwsFunctionsStack } from './aws-functions-stack';
import { awsFunctionsSection, functionsNeedData, functionsNeedDatabase, functionsNeedNetwork } from './config';

/**
 * `<env>-aws-functions`: Lambda functions and their HTTP API.
 *
 * The network and the database are needed only by functions placed in the VPC or granted the
 * database, so they are conditional dependencies: an environment of plain functions needs neither.
 */
export const awsFunctionsFamily = defineFamily({
  id: 'aws-functions',
  description: 'Lambda functions and their HTTP API (API Gateway v2)',
  section: awsFunctionsSection,
  enabledWhen: '`aws.functions.enabled`',
  enabled: (functions) => functions.enabled,
  dependsOn: [awsAlertsFamily],
  conditionalDependsOn: [
    { family: awsNetworkFamily, when: functionsNeedNetwork, description: 'a function has vpc: true, a database grant or cache: true' },
    { family: awsDatabaseFamily, when: functionsNeedDatabase, description: 'a function has database: read-write' },
    { family: awsDataFamily, when: functionsNeedData, description: 'a function has a table grant, a table in environmentFrom or cache: true' },
  ],
  build: (ctx, config) => {
    const stack = new AwsFunctionsStack(ctx.scope, ctx.name, {
      environment: ctx.environment,
      config,
      alerts: ctx.use(awsAlertsFamily),
      ...(functionsNeedNetwork(config) ? { network: ctx.use(awsNetworkFamily) } : {}),
      ...(functionsNeedDatabase(config) ? { database: ctx.use(awsDatabaseFamily) } : {}),
      ...(functionsNeedData(config) ? { data: ctx.use(awsDataFamily) } : {}),
    });
    return { stack, outputs: stack.outputs };
  },
});
