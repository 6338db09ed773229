import { CloudwatchDashboard } from '@cdktf/provider-aws/lib/cloudwatch-dashboard';
import { Fn } from 'cdktf';
import { Construct } from 'constructs';
import { ValidationError } from '../core/validation-error';
import { AwsContext } from './private/customer-key';

/** Props of {@link EnvironmentDashboard}: what the environment contains, each list by deployed name. */
export interface EnvironmentDashboardProps {
  /** Dashboard name. */
  readonly dashboardName: string;
  /** Lambda function names. @default - none */
  readonly functionNames?: string[];
  /** SQS queue names (their dead-letter queues are `<name>-dlq`). @default - none */
  readonly queueNames?: string[];
  /** State machine ARNs, by display name. @default - none */
  readonly stateMachineArns?: Record<string, string>;
  /** SNS topic names. @default - none */
  readonly topicNames?: string[];
  /** EventBridge bus name. @default - none */
  readonly eventBusName?: string;
}

/** Widget width in the 24-column grid; CloudWatch places widgets without x/y itself. */
const WIDTH = 12;

/**
 * A CloudWatch dashboard made from what the environment contains: one widget per concern (function
 * errors and duration, queue age and dead letters, executions, topic deliveries, bus invocations).
 *
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/CloudWatch-Dashboard-Body-Structure.html
 */
export class EnvironmentDashboard extends Construct {
  public readonly resource: CloudwatchDashboard;

  constructor(scope: Construct, id: string, props: EnvironmentDashboardProps) {
    super(scope, id);
    if (!/^[A-Za-z0-9_-]{1,255}$/.test(props.dashboardName)) {
      throw new ValidationError(this, 'dashboardName', props.dashboardName, 'is not allowed; use letters, digits, "-" and "_", at most 255 characters');
    }
    const region = new AwsContext(this, 'context').region;
    const widget = (title: string, metrics: unknown[][], stat = 'Sum') => ({ type: 'metric', width: WIDTH, height: 6, properties: { title, region, stat, period: 300, view: 'timeSeries', metrics } });
    const widgets: unknown[] = [];
    const functions = props.functionNames ?? [];
    if (functions.length) {
      widgets.push(widget('Lambda errors and throttles', functions.flatMap((f) => [['AWS/Lambda', 'Errors', 'FunctionName', f], ['AWS/Lambda', 'Throttles', 'FunctionName', f]])));
      widgets.push(widget('Lambda duration (p99)', functions.map((f) => ['AWS/Lambda', 'Duration', 'FunctionName', f]), 'p99'));
    }
    const queues = props.queueNames ?? [];
    if (queues.length) {
      widgets.push(widget('Queue oldest message age (s)', queues.map((q) => ['AWS/SQS', 'ApproximateAgeOfOldestMessage', 'QueueName', q]), 'Maximum'));
      widgets.push(widget('Dead-letter queue depth', queues.map((q) => ['AWS/SQS', 'ApproximateNumberOfMessagesVisible', 'QueueName', `${q}-dlq`]), 'Maximum'));
    }
    const machines = Object.entries(props.stateMachineArns ?? {});
    if (machines.length) {
      widgets.push(widget('State machine executions', machines.flatMap(([, arn]) => [['AWS/States', 'ExecutionsSucceeded', 'StateMachineArn', arn], ['AWS/States', 'ExecutionsFailed', 'StateMachineArn', arn]])));
    }
    const topics = props.topicNames ?? [];
    if (topics.length) {
      widgets.push(widget('Topic deliveries', topics.flatMap((t) => [['AWS/SNS', 'NumberOfMessagesPublished', 'TopicName', t], ['AWS/SNS', 'NumberOfNotificationsFailed', 'TopicName', t]])));
    }
    if (props.eventBusName) {
      widgets.push(widget('Event bus', [['AWS/Events', 'MatchedEvents', 'EventBusName', props.eventBusName], ['AWS/Events', 'FailedInvocations', 'EventBusName', props.eventBusName]]));
    }
    if (widgets.length === 0) {
      throw new ValidationError(this, 'functionNames', [], 'and every other list are empty; a dashboard needs something to show');
    }
    this.resource = new CloudwatchDashboard(this, 'dashboard', { dashboardName: props.dashboardName, dashboardBody: Fn.jsonencode({ widgets }) });
  }
}
