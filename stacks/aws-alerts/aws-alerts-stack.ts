import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import { AlertTopic } from '../../modules/aws/alert-topic';
import type { AwsAlertsOutputs } from '../contracts';
import { EnvironmentStack, type EnvironmentStackProps } from '../environment-stack';
import { awsProvider } from '../private/providers';
import { type AwsAlertsConfig, alertTopicName } from './config';

/** Props of {@link AwsAlertsStack}. */
export interface AwsAlertsStackProps extends EnvironmentStackProps {
  /** The `aws.alerts` section. */
  readonly config: AwsAlertsConfig;
}

/** `<env>-aws-alerts`: the environment's KMS-encrypted alert topic and its e-mail subscriptions (see docs/aws-compute.md). */
export class AwsAlertsStack extends EnvironmentStack {
  public readonly alerts: AlertTopic;
  public readonly outputs: AwsAlertsOutputs;

  constructor(scope: Construct, name: string, props: AwsAlertsStackProps) {
    super(scope, name, props);
    const { environment: env, config } = props;
    awsProvider(this, env);
    this.alerts = new AlertTopic(this, 'alerts', { name: alertTopicName(env.name), emails: config.emails });
    this.outputs = { topicArn: this.alerts.topicArn, kmsKeyArn: this.alerts.kmsKeyArn };
    new TerraformOutput(this, 'topic_arn', { value: this.outputs.topicArn, description: 'SNS topic the alarms notify' });
    new TerraformOutput(this, 'kms_key_arn', { value: this.outputs.kmsKeyArn, description: 'KMS key of the topic' });
  }
}
