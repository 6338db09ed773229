import { LambdaEventSourceMapping } from '@cdktf/provider-aws/lib/lambda-event-source-mapping';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { ValidationError } from '../core/validation-error';

/** Limits of an SQS event source. @see https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-parameters.html */
export const SQS_EVENT_SOURCE_LIMITS = {
  /** Records per batch (standard queues; above 10 needs a batching window). */
  batchSize: [1, 10000],
  maximumBatchingWindowSeconds: [0, 300],
  /** Concurrent invocations the source may start. */
  maximumConcurrency: [2, 1000],
} as const;

/** Defaults of {@link SqsEventSource}. */
export const SQS_EVENT_SOURCE_DEFAULTS = {
  batchSize: 10,
  maximumBatchingWindowSeconds: 0,
  maximumConcurrency: 10,
  /** Report the failed messages of a batch instead of failing (and retrying) the whole batch. */
  reportBatchItemFailures: true,
} as const;

/** Problem with an SQS event source's batch settings, keyed by prop, or an empty list. */
export function sqsEventSourceProblems(batchSize: number, windowSeconds: number, maximumConcurrency: number): { prop: string; value: number; problem: string }[] {
  const problems: { prop: string; value: number; problem: string }[] = [];
  const range = (prop: string, value: number, [min, max]: readonly [number, number]) => {
    if (!Number.isInteger(value) || value < min || value > max) problems.push({ prop, value, problem: `is not allowed; use ${min} to ${max}` });
  };
  range('batchSize', batchSize, SQS_EVENT_SOURCE_LIMITS.batchSize);
  range('maximumBatchingWindowSeconds', windowSeconds, SQS_EVENT_SOURCE_LIMITS.maximumBatchingWindowSeconds);
  range('maximumConcurrency', maximumConcurrency, SQS_EVENT_SOURCE_LIMITS.maximumConcurrency);
  if (batchSize > 10 && windowSeconds < 1) {
    problems.push({ prop: 'batchSize', value: batchSize, problem: 'is above 10, which needs maximumBatchingWindowSeconds of at least 1; set a batching window or use at most 10' });
  }
  return problems;
}

/** Props of {@link SqsEventSource}. */
export interface SqsEventSourceProps {
  /** ARN of the queue. */
  readonly queueArn: string;
  /** Function (or alias) ARN or name that consumes the queue; its role must be allowed to receive (Queue consumerRoleArns). */
  readonly functionName: string;
  /** Records per batch. @default 10 */
  readonly batchSize?: number;
  /** How long to gather records before invoking, seconds. @default 0 */
  readonly maximumBatchingWindowSeconds?: number;
  /** Concurrent invocations the source may start. @default 10 */
  readonly maximumConcurrency?: number;
  /** Let the function report the failed messages of a batch (`batchItemFailures`). @default true */
  readonly reportBatchItemFailures?: boolean;
}

/** A Lambda event source mapping from an SQS queue: batches, a batching window, partial batch responses and a concurrency cap. */
export class SqsEventSource extends Construct {
  public readonly resource: LambdaEventSourceMapping;

  constructor(scope: Construct, id: string, props: SqsEventSourceProps) {
    super(scope, id);
    const batchSize = props.batchSize ?? SQS_EVENT_SOURCE_DEFAULTS.batchSize;
    const window = props.maximumBatchingWindowSeconds ?? SQS_EVENT_SOURCE_DEFAULTS.maximumBatchingWindowSeconds;
    const concurrency = props.maximumConcurrency ?? SQS_EVENT_SOURCE_DEFAULTS.maximumConcurrency;
    if (![batchSize, window, concurrency].some((v) => Token.isUnresolved(v))) {
      const [first] = sqsEventSourceProblems(batchSize, window, concurrency);
      if (first) throw new ValidationError(this, first.prop, first.value, first.problem);
    }
    this.resource = new LambdaEventSourceMapping(this, 'mapping', {
      eventSourceArn: props.queueArn,
      functionName: props.functionName,
      batchSize,
      maximumBatchingWindowInSeconds: window,
      scalingConfig: { maximumConcurrency: concurrency },
      functionResponseTypes: (props.reportBatchItemFailures ?? SQS_EVENT_SOURCE_DEFAULTS.reportBatchItemFailures) ? ['ReportBatchItemFailures'] : [],
    });
  }
}
