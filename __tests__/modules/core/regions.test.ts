import { AWS_REGIONS, awsPartition } from '../../../modules/core/regions';

describe('awsPartition', () => {
  it.each([
    ['eu-west-1', 'aws'],
    ['us-east-1', 'aws'],
    ['cn-north-1', 'aws-cn'],
    ['cn-northwest-1', 'aws-cn'],
    ['us-gov-west-1', 'aws-us-gov'],
    ['us-iso-east-1', 'aws-iso'],
    ['us-isob-east-1', 'aws-iso-b'],
    ['eu-isoe-west-1', 'aws-iso-e'],
    ['us-isof-south-1', 'aws-iso-f'],
  ])('%s is in %s', (region, partition) => {
    expect(awsPartition(region)).toBe(partition);
  });

  it('puts every catalogued region in aws, aws-cn or aws-us-gov', () => {
    const partitions = new Set(AWS_REGIONS.map(awsPartition));
    expect([...partitions].sort()).toEqual(expect.arrayContaining(['aws']));
    for (const p of partitions) expect(['aws', 'aws-cn', 'aws-us-gov']).toContain(p);
  });
});
