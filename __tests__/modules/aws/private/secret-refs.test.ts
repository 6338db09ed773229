import { baseSecretArn, secretReadStatements, secretReferenceKind } from '../../../../modules/aws/private/secret-refs';

const SECRET = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:orders/db-AbCdEf';
const PARAM = 'arn:aws:ssm:eu-west-1:123456789012:parameter/orders/token';

describe('secret references', () => {
  it.each([
    [SECRET, 'secretsmanager'],
    [`${SECRET}:password::`, 'secretsmanager'],
    [PARAM, 'ssm'],
    ['hunter2', undefined],
    ['arn:aws:s3:::bucket', undefined],
  ])('classifies %s as %s', (value, kind) => expect(secretReferenceKind(value)).toBe(kind));

  it('grants the secret itself for an ECS JSON-key reference', () => {
    expect(baseSecretArn(`${SECRET}:password::`)).toBe(SECRET);
    expect(secretReadStatements([`${SECRET}:password::`, SECRET, PARAM])).toEqual([
      { sid: 'ReadTheseSecrets', effect: 'Allow', actions: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'], resources: [SECRET] },
      { sid: 'ReadTheseParameters', effect: 'Allow', actions: ['ssm:GetParameter', 'ssm:GetParameters'], resources: [PARAM] },
    ]);
  });

  it('grants nothing for no references', () => {
    expect(secretReadStatements([])).toEqual([]);
  });
});
