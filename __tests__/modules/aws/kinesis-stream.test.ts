import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { KinesisStream as KinesisStreamResource } from '@cdktf/provider-aws/lib/kinesis-stream';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { Testing } from 'cdktf';
import { KinesisStream, type KinesisStreamProps } from '../../../modules/aws/kinesis-stream';

const TOPIC = 'arn:aws:sns:eu-west-1:123456789012:test-alerts';
const synth = (props: Partial<KinesisStreamProps> = {}) => Testing.synthScope((scope) => new KinesisStream(scope, 'stream', { streamName: 'test-clicks', ...props }));

describe('KinesisStream', () => {
  it('is on-demand, kept 24 hours, encrypted with its own rotating customer key, and keeps registered consumers by default', () => {
    const out = synth();
    expect(out).toHaveResourceWithProperties(KinesisStreamResource, {
      name: 'test-clicks',
      retention_period: 24,
      stream_mode_details: { stream_mode: 'ON_DEMAND' },
      encryption_type: 'KMS',
      kms_key_id: expect.stringMatching(/^\$\{aws_kms_key\.stream_key_[A-Z0-9]+\.arn\}$/),
      enforce_consumer_deletion: false,
    });
    expect(Object.values<any>(JSON.parse(out).resource.aws_kinesis_stream)[0].shard_count).toBeUndefined();
    expect(out).toHaveResourceWithProperties(KmsKey, { enable_key_rotation: true });
    expect(Object.values<any>(JSON.parse(out).resource.aws_kms_alias)[0].name).toBe('alias/kinesis/test-clicks');
  });

  it('is provisioned with the given shards, retention and key', () => {
    const out = synth({ shards: 4, retentionHours: 8760, kmsKeyArn: 'arn:aws:kms:eu-west-1:123456789012:key/abc', enforceConsumerDeletion: true });
    expect(out).toHaveResourceWithProperties(KinesisStreamResource, {
      shard_count: 4,
      retention_period: 8760,
      stream_mode_details: { stream_mode: 'PROVISIONED' },
      kms_key_id: 'arn:aws:kms:eu-west-1:123456789012:key/abc',
      enforce_consumer_deletion: true,
    });
    expect(JSON.parse(out).resource.aws_kms_key).toBeUndefined();
  });

  it('alarms when the oldest unread record is older than 15 minutes', () => {
    expect(synth({ alarmTopicArn: TOPIC })).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
      alarm_name: 'test-clicks-iterator-age',
      namespace: 'AWS/Kinesis',
      metric_name: 'GetRecords.IteratorAgeMilliseconds',
      dimensions: { StreamName: 'test-clicks' },
      threshold: 900000,
      alarm_actions: [TOPIC],
    });
  });

  it('grants consumers the polling API and decrypt, producers the puts and encrypt, on this stream and key only', () => {
    Testing.synthScope((scope) => {
      const s = new KinesisStream(scope, 'stream', { streamName: 'test-clicks', kmsKeyArn: 'arn:aws:kms:eu-west-1:123456789012:key/abc' });
      expect(s.consumerStatements()).toEqual([
        { sid: 'StreamRead', effect: 'Allow', actions: ['kinesis:GetRecords', 'kinesis:GetShardIterator', 'kinesis:DescribeStream', 'kinesis:DescribeStreamSummary', 'kinesis:ListShards', 'kinesis:ListStreams'], resources: [s.arn] },
        { sid: 'StreamDecrypt', effect: 'Allow', actions: ['kms:Decrypt'], resources: ['arn:aws:kms:eu-west-1:123456789012:key/abc'] },
      ]);
      expect(s.producerStatements('Clicks')).toEqual([
        { sid: 'ClicksWrite', effect: 'Allow', actions: ['kinesis:PutRecord', 'kinesis:PutRecords', 'kinesis:DescribeStreamSummary'], resources: [s.arn] },
        { sid: 'ClicksEncrypt', effect: 'Allow', actions: ['kms:GenerateDataKey'], resources: ['arn:aws:kms:eu-west-1:123456789012:key/abc'] },
      ]);
    });
  });

  it.each([
    [{ retentionHours: 12 }, /prop retentionHours 12 is not allowed; use 24 to 8760 hours/],
    [{ retentionHours: 8761 }, /prop retentionHours 8761 is not allowed; use 24 to 8760 hours/],
    [{ shards: 0 }, /prop shards 0 is not allowed; use 1 to 500 shards/],
    [{ shards: 1.5 }, /prop shards 1\.5 is not allowed; use 1 to 500 shards/],
    [{ streamName: 'bad name' }, /prop streamName "bad name" is not a stream name; use 1 to 128 letters, digits, "_", "-" and "."/],
    [{ maxIteratorAgeSeconds: 0 }, /prop maxIteratorAgeSeconds 0 is not allowed; use a whole number of seconds, 1 or more/],
  ])('refuses %j', (props, pattern) => {
    expect(() => synth(props)).toThrow(pattern);
  });
});
