import { awsAlertsFamily } from '../aws-alerts/family';
import { awsDataFamily } from '../aws-data/family';
import { awsDatabaseFamily } from '../aws-database/family';
import { awsNetworkFamily } from '../aws-network/family';
import { defineFamily } from '../family';
import { AwsServicesStack } from './aws-services-stack';
import { awsServicesSection, servicesNeedCache, servicesNeedDatabase } from './config';

/** `<env>-aws-services`: ECS on Fargate behind Application Load Balancers. */
export const awsServicesFamily = defineFamily({
  id: 'aws-services',
  description: 'ECS on Fargate services with ECR repositories and Application Load Balancers',
  section: awsServicesSection,
  enabledWhen: '`aws.services.enabled`',
  enabled: (services) => services.enabled,
  dependsOn: [awsNetworkFamily, awsAlertsFamily],
  conditionalDependsOn: [
    { family: awsDatabaseFamily, when: servicesNeedDatabase, description: 'a service has database: read-write' },
    { family: awsDataFamily, when: servicesNeedCache, description: 'a service has cache: true' },
  ],
  build: (ctx, config) => {
    const stack = new AwsServicesStack(ctx.scope, ctx.name, {
      environment: ctx.environment,
      config,
      network: ctx.use(awsNetworkFamily),
      alerts: ctx.use(awsAlertsFamily),
      ...(servicesNeedDatabase(config) ? { database: ctx.use(awsDatabaseFamily) } : {}),
      ...(servicesNeedCache(config) ? { cache: ctx.use(awsDataFamily).cache } : {}),
    });
    return { stack, outputs: stack.outputs };
  },
});
