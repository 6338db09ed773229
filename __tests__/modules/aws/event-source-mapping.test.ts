import { LambdaEventSourceMapping } from '@cdktf/provider-aws/lib/lambda-event-source-mapping';
import { Testing } from 'cdktf';
import { SqsEventSource, type SqsEventSourceProps } from '../../../modules/aws/event-source-mapping';

const QUEUE = 'arn:aws:sqs:eu-west-1:123456789012:test-work';
const FN = 'arn:aws:lambda:eu-west-1:123456789012:function:test-worker:live';
const synth = (props: Partial<SqsEventSourceProps> = {}) => Testing.synthScope((scope) => new SqsEventSource(scope, 'source', { queueArn: QUEUE, functionName: FN, ...props }));

describe('SqsEventSource', () => {
  it('reads batches of 10 with partial batch responses and at most 10 concurrent invocations by default', () => {
    expect(synth()).toHaveResourceWithProperties(LambdaEventSourceMapping, {
      event_source_arn: QUEUE,
      function_name: FN,
      batch_size: 10,
      maximum_batching_window_in_seconds: 0,
      function_response_types: ['ReportBatchItemFailures'],
      scaling_config: { maximum_concurrency: 10 },
    });
  });

  it('takes the batch size, window and concurrency from its props', () => {
    expect(synth({ batchSize: 100, maximumBatchingWindowSeconds: 5, maximumConcurrency: 2 })).toHaveResourceWithProperties(LambdaEventSourceMapping, {
      batch_size: 100,
      maximum_batching_window_in_seconds: 5,
      scaling_config: { maximum_concurrency: 2 },
    });
  });

  it.each([
    [{ batchSize: 0 }, /prop batchSize 0 is not allowed; use 1 to 10000/],
    [{ batchSize: 100 }, /prop batchSize 100 is above 10, which needs maximumBatchingWindowSeconds of at least 1/],
    [{ maximumBatchingWindowSeconds: 301 }, /prop maximumBatchingWindowSeconds 301 is not allowed; use 0 to 300/],
    [{ maximumConcurrency: 1 }, /prop maximumConcurrency 1 is not allowed; use 2 to 1000/],
  ])('refuses %j', (props, pattern) => {
    expect(() => synth(props)).toThrow(pattern);
  });
});
