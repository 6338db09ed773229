import { readFileSync } from 'node:fs';
import { parse, stringify } from 'yaml';
import { layoutMarkdown, subnetLayout } from '../../../modules/core/subnet-layout';
import { awsNetworkSection, awsNetworkZones } from '../../../stacks/aws-network/config';
import {
  baseEnvironmentInput,
  environmentProblems,
  loadEnvironments,
  parseEnvironmentText as parseEnvironment,
  testEnvironment,
} from '../../helpers/environment';

const FILE = 'config/test.yaml';

/** Problems of an environment file: the base input with `network` merged into aws.network. */
function problemsOf(network: Record<string, any>, aws: Record<string, any> = {}): string[] {
  return environmentProblems({ aws: { ...aws, network } });
}

describe('aws.network config', () => {
  it('fills in secure defaults', () => {
    const config = testEnvironment().section(awsNetworkSection);
    expect(config).toMatchObject({
      enabled: true,
      cidr: '10.0.0.0/16',
      tiers: {},
      natGateways: 'per-az',
      flowLogs: { enabled: true, destination: 'cloudwatch', retentionDays: 365, trafficType: 'ALL' },
      interfaceEndpoints: ['secretsmanager', 'kms', 'logs', 'sts', 'ecr.api', 'ecr.dkr'],
      gatewayEndpoints: ['s3', 'dynamodb'],
      ipv6: false,
    });
    expect(awsNetworkZones(config, 'eu-west-1')).toEqual(['eu-west-1a', 'eu-west-1b', 'eu-west-1c']);
  });

  it('takes the first zones of the region by letter, or the listed ones', () => {
    expect(awsNetworkZones({ availabilityZones: 2 }, 'ap-northeast-1')).toEqual(['ap-northeast-1a', 'ap-northeast-1c']);
    expect(awsNetworkZones({ zones: ['eu-west-1b', 'eu-west-1c'] }, 'eu-west-1')).toEqual(['eu-west-1b', 'eu-west-1c']);
  });

  it('accepts a full configuration', () => {
    expect(
      problemsOf({
        availabilityZones: 2,
        tiers: { cache: { type: 'isolated', cidr: '10.0.192.0/19' }, public: { subnetPrefix: 24 } },
        natGateways: 'single',
        flowLogs: { destination: 's3', s3BucketArn: 'arn:aws:s3:::acme-flow-logs/vpc', trafficType: 'REJECT' },
        interfaceEndpoints: ['secretsmanager', 'ssm'],
        gatewayEndpoints: ['s3'],
        ipv6: true,
      }),
    ).toEqual([]);
  });

  it('accepts every shipped environment', () => {
    const names = loadEnvironments('config').map((e) => e.config.name);
    expect(names).toEqual(expect.arrayContaining(['dev', 'staging', 'prod']));
  });

  it.each([
    [
      'a range too small for the zones and tiers',
      { cidr: '10.0.0.0/24' },
      {},
      /^config\/test\.yaml: aws\.network\.cidr "10\.0\.0\.0\/24" is too small for 3 availability zones x 3 tiers: .*; use \/22 or larger$/,
    ],
    [
      'a range larger than AWS allows',
      { cidr: '172.16.0.0/12' },
      {},
      /^config\/test\.yaml: aws\.network\.cidr "172\.16\.0\.0\/12" is not a valid VPC size; AWS allows \/16 to \/28$/,
    ],
    [
      'more than 6 availability zones',
      { availabilityZones: 7 },
      {},
      /^config\/test\.yaml: aws\.network\.availabilityZones 7 is out of range; allowed: a value <= 6$/,
    ],
    [
      'fewer than 2 availability zones',
      { availabilityZones: 1 },
      {},
      /^config\/test\.yaml: aws\.network\.availabilityZones 1 is out of range; allowed: a value >= 2$/,
    ],
    [
      'more availability zones than the region has',
      { availabilityZones: 4 },
      {},
      /^config\/test\.yaml: aws\.network\.availabilityZones 4 is more than the 3 availability zones of eu-west-1 \(eu-west-1a, eu-west-1b, eu-west-1c\); use 2-3$/,
    ],
    [
      'a zone of another region',
      { zones: ['eu-west-1a', 'us-east-1b'] },
      {},
      /^config\/test\.yaml: aws\.network\.zones\[1\] "us-east-1b" is not an availability zone of eu-west-1; use one of eu-west-1a, eu-west-1b, eu-west-1c$/,
    ],
    [
      'a zone letter the region lacks',
      { zones: ['ap-northeast-1a', 'ap-northeast-1b'] },
      { region: 'ap-northeast-1' },
      /^config\/test\.yaml: aws\.network\.zones\[1\] "ap-northeast-1b" is not an availability zone of ap-northeast-1; use one of ap-northeast-1a, ap-northeast-1c, ap-northeast-1d$/,
    ],
    [
      'a zone listed twice',
      { zones: ['eu-west-1a', 'eu-west-1a'] },
      {},
      /^config\/test\.yaml: aws\.network\.zones\[1\] "eu-west-1a" is listed twice; list each availability zone once$/,
    ],
    [
      'a zone count that contradicts the zone list',
      { zones: ['eu-west-1a', 'eu-west-1b'], availabilityZones: 3 },
      {},
      /^config\/test\.yaml: aws\.network\.availabilityZones 3 does not match the 2 zones listed in aws\.network\.zones; set only one of the two$/,
    ],
    [
      'overlapping tier blocks',
      { tiers: { cache: { type: 'isolated', cidr: '10.0.128.0/20' } } },
      {},
      /^config\/test\.yaml: aws\.network\.tiers\.cache\.cidr "10\.0\.128\.0\/20" overlaps the block "10\.0\.128\.0\/19" of tier "public"; tier blocks must not overlap/,
    ],
    [
      'two further tiers sharing a block',
      {
        tiers: {
          cache: { type: 'isolated', cidr: '10.0.192.0/19' },
          queue: { type: 'private', cidr: '10.0.192.0/20' },
        },
      },
      {},
      /^config\/test\.yaml: aws\.network\.tiers\.queue\.cidr "10\.0\.192\.0\/20" overlaps the block "10\.0\.192\.0\/19" of tier "cache"/,
    ],
    [
      'a tier block outside the VPC',
      { tiers: { cache: { type: 'isolated', cidr: '10.9.0.0/20' } } },
      {},
      /^config\/test\.yaml: aws\.network\.tiers\.cache\.cidr "10\.9\.0\.0\/20" is not inside aws\.network\.cidr "10\.0\.0\.0\/16"; use a block inside the VPC range$/,
    ],
    [
      'an invalid tier name',
      { tiers: { Cache: { type: 'isolated', cidr: '10.0.192.0/19' } } },
      {},
      /^config\/test\.yaml: aws\.network\.tiers\.Cache "Cache" is not a valid tier name; use 2-16 lowercase letters, digits and "-"/,
    ],
    [
      'an unknown NAT mode',
      { natGateways: 'two' },
      {},
      /^config\/test\.yaml: aws\.network\.natGateways "two" is not allowed; allowed values: "none", "single", "per-az"$/,
    ],
    [
      'a retention CloudWatch does not offer',
      { flowLogs: { retentionDays: 10 } },
      {},
      /^config\/test\.yaml: aws\.network\.flowLogs\.retentionDays 10 is not a CloudWatch Logs retention period; use one of 1, 3, 5, 7, 14, /,
    ],
    [
      'S3 flow logs without a bucket',
      { flowLogs: { destination: 's3' } },
      {},
      /^config\/test\.yaml: aws\.network\.flowLogs .* has no s3BucketArn; destination "s3" needs the ARN of the bucket/,
    ],
    [
      'a KMS key with S3 flow logs',
      {
        flowLogs: {
          destination: 's3',
          s3BucketArn: 'arn:aws:s3:::acme-flow-logs',
          kmsKeyArn: 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
        },
      },
      {},
      /^config\/test\.yaml: aws\.network\.flowLogs\.kmsKeyArn ".*" only applies to destination "cloudwatch"/,
    ],
    [
      'a malformed KMS key ARN',
      { flowLogs: { kmsKeyArn: 'alias/flow-logs' } },
      {},
      /^config\/test\.yaml: aws\.network\.flowLogs\.kmsKeyArn "alias\/flow-logs" is not a KMS key ARN; expected "arn:aws:kms:/,
    ],
    [
      'an unknown gateway endpoint',
      { gatewayEndpoints: ['s3', 'sqs'] },
      {},
      /^config\/test\.yaml: aws\.network\.gatewayEndpoints\[1\] "sqs" is not allowed; allowed values: "s3", "dynamodb"$/,
    ],
    [
      'a malformed interface endpoint',
      { interfaceEndpoints: ['Secrets Manager'] },
      {},
      /^config\/test\.yaml: aws\.network\.interfaceEndpoints\[0\] "Secrets Manager" is not an AWS service endpoint suffix; use e\.g\. "secretsmanager" or "ecr\.api"$/,
    ],
  ])('rejects %s, naming the field and what is allowed', (_case, network, aws, message) => {
    expect(problemsOf(network, aws)).toEqual([expect.stringMatching(message)]);
  });

  it('rejects a tier name given twice, naming the field path and the line', () => {
    const text = stringify(baseEnvironmentInput()).replace(
      '    cidr: 10.0.0.0/16\n',
      '    cidr: 10.0.0.0/16\n    tiers:\n      cache: { type: isolated, cidr: 10.0.192.0/19 }\n      cache: { type: isolated, cidr: 10.0.224.0/19 }\n',
    );
    expect(parseEnvironment(FILE, text).problems.map((p) => `${p.path} ${p.message}`)).toEqual([
      'aws.network.tiers.cache is given twice (again on line 9); each key may appear once in a mapping',
    ]);
  });

  it('skips the network checks when the stack is disabled', () => {
    expect(problemsOf({ enabled: false, cidr: '10.0.0.0/24', availabilityZones: 4 })).toEqual([]);
  });
});

describe('docs/aws-network.md', () => {
  const doc = readFileSync('docs/aws-network.md', 'utf8');

  it.each(loadEnvironments('config').map((e) => [e.config.name, e.config] as const))(
    'shows the current address layout of %s',
    (_name, env) => {
      const n = env.section(awsNetworkSection);
      const layout = subnetLayout({ cidr: n.cidr, zones: awsNetworkZones(n, env.core.aws.region), tiers: n.tiers });
      expect(doc).toContain(layoutMarkdown(layout));
    },
  );

  it('has an example configuration that loads', () => {
    const example = /```yaml\n([\s\S]*?)```/.exec(doc)![1]!;
    const network = (parse(example) as any).aws.network;
    expect(problemsOf(network)).toEqual([]);
  });
});
