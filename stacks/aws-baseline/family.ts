import { awsAlertsFamily } from '../aws-alerts/family';
import { awsAlertsSection } from '../aws-alerts/config';
import { defineFamily } from '../family';
import { AwsBaselineStack } from './aws-baseline-stack';
import { awsBaselineSection, guardDutyFeatures } from './config';

/**
 * `<env>-aws-baseline`: the account security baseline.
 *
 * GuardDuty findings go to the environment's alert topic when it has one (`aws.alerts.enabled`),
 * else to a findings topic of the baseline stack itself: so the alerts stack is a conditional dependency.
 */
export const awsBaselineFamily = defineFamily({
  id: 'aws-baseline',
  description: 'account security baseline: CloudTrail (KMS, Object Lock bucket), AWS Config and rules, GuardDuty, Security Hub, Access Analyzer, account hardening',
  section: awsBaselineSection,
  enabledWhen: '`aws.baseline.enabled`',
  enabled: (baseline) => baseline.enabled,
  dependsOn: [],
  conditionalDependsOn: [
    { family: awsAlertsFamily, when: (_baseline, env) => env.section(awsAlertsSection).enabled, description: 'the environment has an alert topic (aws.alerts.enabled)' },
  ],
  build: (ctx, config) => {
    const alertsOn = ctx.env.section(awsAlertsSection).enabled;
    const stack = new AwsBaselineStack(ctx.scope, ctx.name, {
      environment: ctx.environment,
      config,
      guardDutyFeatures: guardDutyFeatures(config, ctx.env),
      ...(alertsOn ? { alerts: ctx.use(awsAlertsFamily) } : {}),
    });
    return { stack, outputs: stack.outputs };
  },
});
