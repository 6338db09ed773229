import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { Fn, TerraformStack, TerraformVariable, Testing } from 'cdktf';
import {
  get,
  isRef,
  jsonDocument,
  mustBeAtLeast,
  mustBeOneOf,
  pointsAt,
  portRangeIncludes,
} from '../../../../modules/policy/private/attrs';

describe('policy attribute helpers', () => {
  const stack = new TerraformStack(Testing.app(), 'test');
  const bucket = new S3Bucket(stack, 'bucket', { bucket: 'state' });
  const variable = new TerraformVariable(stack, 'days', { type: 'number' });

  it('tells references from literals', () => {
    expect(isRef(bucket.arn)).toBe(true);
    expect(isRef(variable.numberValue)).toBe(true);
    expect(isRef(variable.listValue)).toBe(true);
    expect(isRef('${var.x}')).toBe(true);
    expect(isRef('arn:aws:kms:eu-west-1:123456789012:key/x')).toBe(false);
    expect(isRef(30)).toBe(false);
    expect(isRef(undefined)).toBe(false);
  });

  it('treats a reference as compliant in every check', () => {
    expect(mustBeAtLeast(variable.numberValue, 365)).toBe('compliant');
    expect(mustBeOneOf(bucket.arn, ['REGIONAL'])).toBe('compliant');
    expect(mustBeAtLeast(30, 365)).toBe('non-compliant');
  });

  it('descends into blocks given as objects or lists', () => {
    expect(
      get({ settings: [{ ip_configuration: { ipv4_enabled: false } }] }, 'settings.ip_configuration.ipv4_enabled')
    ).toBe(false);
    expect(get({ settings: undefined }, 'settings.tier')).toBeUndefined();
  });

  it('finds the resource a reference points at, without resolving it', () => {
    expect(pointsAt(bucket.id, `aws_s3_bucket.${bucket.friendlyUniqueId}`)).toBe(true);
    expect(pointsAt(bucket.id, 'aws_s3_bucket.other')).toBe(false);
    expect(pointsAt('state', 'aws_s3_bucket.x', ['state'])).toBe(true);
  });

  it('reads a policy document from a literal string or from inside Fn.jsonencode', () => {
    expect(jsonDocument('{"Statement":[]}')).toEqual({ Statement: [] });
    expect(jsonDocument(Fn.jsonencode({ Statement: [{ Action: '*' }] }))).toEqual({ Statement: [{ Action: '*' }] });
    expect(jsonDocument(bucket.policy)).toBeUndefined();
  });

  it.each([
    ['22', 22, true],
    ['20-30', 22, true],
    ['*', 3389, true],
    ['443', 22, false],
    ['1000-2000', 22, false],
  ])('port range %s includes %d: %s', (range, port, expected) => {
    expect(portRangeIncludes(range, port)).toBe(expected);
  });
});
