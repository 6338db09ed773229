import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { ValidationError } from '../core/validation-error';
import { ALARM_EMAIL_PATTERN } from './postgres-alarms';
import { AwsContext, CustomerKey } from './private/customer-key';
import { keyedEntries } from './private/ids';
import { denyInsecureTransport } from './private/deny-insecure-transport';


/** Props of {@link AlertTopic}. */
export interface AlertTopicProps {
  /** Topic name (1-256 letters, digits, - and _); also names the key alias. */
  readonly name: string;
  /** E-mail addresses subscribed (each confirms once); each subscription is keyed by its address. @default - none */
  readonly emails?: string[];
  /** Tags. @default - none */
  readonly tags?: Record<string, string>;
}

/**
 * An environment's alert topic: an SNS topic encrypted with its own rotating customer key, which this
 * account's CloudWatch alarms and EventBridge rules (and nothing else outside the account) may publish to,
 * over TLS only, with e-mail subscriptions.
 *
 * @see https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services
 */
export class AlertTopic extends Construct {
  public readonly topic: SnsTopic;
  public readonly topicArn: string;
  public readonly kmsKeyArn: string;

  constructor(scope: Construct, id: string, props: AlertTopicProps) {
    super(scope, id);
    if (!Token.isUnresolved(props.name) && !/^[A-Za-z0-9_-]{1,256}$/.test(props.name)) {
      throw new ValidationError(this, 'name', props.name, 'is not a topic name; use 1 to 256 letters, digits, - and _');
    }
    const emails = keyedEntries(this, 'emails', props.emails);
    emails.forEach(([, email], i) => {
      if (!Token.isUnresolved(email) && !ALARM_EMAIL_PATTERN.test(email)) {
        throw new ValidationError(this, `emails[${i}]`, email, 'is not an e-mail address; use e.g. "ops@example.com"');
      }
    });
    const tags = props.tags ?? {};
    const aws = new AwsContext(this, 'context');
    const sameAccount = { test: 'StringEquals', variable: 'aws:SourceAccount', values: [aws.accountId] };

    // CloudWatch and EventBridge encrypt what they publish with the topic's key: they need it, for this account only.
    const key = new CustomerKey(this, 'key', {
      description: `Encrypts the alert topic ${props.name}`,
      alias: `sns/${props.name}`,
      extraStatements: [
        {
          sid: 'AllowAlarmsAndEventsOfThisAccount',
          effect: 'Allow',
          principals: [{ type: 'Service', identifiers: ['cloudwatch.amazonaws.com', 'events.amazonaws.com', 'budgets.amazonaws.com'] }],
          actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
          resources: ['*'],
          condition: [sameAccount],
        },
      ],
      tags,
    });
    this.kmsKeyArn = key.arn;

    this.topic = new SnsTopic(this, 'topic', { name: props.name, kmsMasterKeyId: key.arn, tags });
    this.topicArn = this.topic.arn;
    const policy = new DataAwsIamPolicyDocument(this, 'topic-policy-document', {
      statement: [
        {
          sid: 'AllowCloudWatchAlarmsOfThisAccount',
          effect: 'Allow',
          principals: [{ type: 'Service', identifiers: ['cloudwatch.amazonaws.com'] }],
          actions: ['sns:Publish'],
          resources: [this.topic.arn],
          condition: [sameAccount, { test: 'ArnLike', variable: 'aws:SourceArn', values: [aws.arn('cloudwatch', 'alarm:*')] }],
        },
        {
          sid: 'AllowEventBridgeRulesOfThisAccount',
          effect: 'Allow',
          principals: [{ type: 'Service', identifiers: ['events.amazonaws.com'] }],
          actions: ['sns:Publish'],
          resources: [this.topic.arn],
          condition: [sameAccount, { test: 'ArnLike', variable: 'aws:SourceArn', values: [aws.arn('events', 'rule/*')] }],
        },
        {
          sid: 'AllowBudgetsOfThisAccount',
          effect: 'Allow',
          principals: [{ type: 'Service', identifiers: ['budgets.amazonaws.com'] }],
          actions: ['sns:Publish'],
          resources: [this.topic.arn],
          // @see https://docs.aws.amazon.com/cost-management/latest/userguide/budgets-sns-policy.html
          condition: [sameAccount, { test: 'ArnLike', variable: 'aws:SourceArn', values: [`arn:${aws.partition}:budgets::${aws.accountId}:*`] }],
        },
        {
          sid: 'AllowAccountToManageAndSubscribe',
          effect: 'Allow',
          principals: [{ type: 'AWS', identifiers: [`arn:${aws.partition}:iam::${aws.accountId}:root`] }],
          actions: ['sns:GetTopicAttributes', 'sns:SetTopicAttributes', 'sns:Subscribe', 'sns:ListSubscriptionsByTopic', 'sns:Publish'],
          resources: [this.topic.arn],
        },
        denyInsecureTransport(['sns:Publish', 'sns:Subscribe'], [this.topic.arn]),
      ],
    });
    new SnsTopicPolicy(this, 'topic-policy', { arn: this.topic.arn, policy: policy.json });
    for (const [key, email] of emails) {
      new SnsTopicSubscription(this, `email-${key}`, { topicArn: this.topic.arn, protocol: 'email', endpoint: email });
    }
  }
}
