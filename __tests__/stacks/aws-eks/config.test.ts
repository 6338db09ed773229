import { awsEksSection, eksNeedsDatabase } from '../../../stacks/aws-eks/config';
import { environmentProblems, loadEnvironments, testEnvironment } from '../../helpers/environment';

const ADMIN = 'arn:aws:iam::123456789012:role/platform-admin';
const EKS = { enabled: true, adminRoleArns: [ADMIN], nodeGroups: { system: {} } };

function problemsOf(eks: Record<string, any>, aws: Record<string, any> = {}): string[] {
  return environmentProblems({ aws: { eks: { ...EKS, ...eks }, ...aws } });
}

describe('aws.eks config', () => {
  it("parses with the constructs' secure defaults: 1.34, private endpoint, Graviton nodes", () => {
    const eks = testEnvironment({ aws: { eks: EKS } }).section(awsEksSection);
    expect(eks).toMatchObject({
      version: '1.34',
      endpoint: { publicAccessCidrs: [] },
      logRetentionDays: 365,
      supportType: 'STANDARD',
      serviceIpv4Cidr: '172.20.0.0/16',
      addonVersions: {},
      karpenter: { enabled: false },
    });
    expect(eks.nodeGroups.system).toMatchObject({
      instanceTypes: ['m7g.large'],
      capacityType: 'ON_DEMAND',
      minSize: 2,
      maxSize: 6,
      desiredSize: 2,
      diskSizeGb: 50,
      metadataHopLimit: 1,
      maxUnavailablePercentage: 33,
      labels: {},
      taints: [],
      database: 'none',
    });
    expect(testEnvironment().section(awsEksSection).enabled).toBe(false);
    expect(eksNeedsDatabase(eks)).toBe(false);
  });

  it('is on in staging and prod only, with an admin role of the same account', () => {
    const byName = Object.fromEntries(loadEnvironments('config').map((e) => [e.config.name, e.config]));
    expect(byName.dev!.section(awsEksSection).enabled).toBe(false);
    for (const env of ['staging', 'prod']) {
      const eks = byName[env]!.section(awsEksSection);
      expect(eks).toMatchObject({ enabled: true, version: '1.34', karpenter: { enabled: true } });
      expect(eks.adminRoleArns).toEqual([`arn:aws:iam::${byName[env]!.core.aws.accountId}:role/platform-admin`]);
    }
  });

  it('accepts a full configuration', () => {
    expect(
      problemsOf({
        version: '1.33',
        endpoint: { publicAccessCidrs: ['203.0.113.0/24'] },
        addonVersions: { 'vpc-cni': 'v1.19.2-eksbuild.1', coredns: 'v1.11.4-eksbuild.2' },
        nodeGroups: {
          system: { instanceTypes: ['m7g.large', 'm6g.large'], minSize: 1, maxSize: 3, desiredSize: 1, labels: { role: 'system' }, taints: [{ key: 'CriticalAddonsOnly', value: 'true', effect: 'NO_SCHEDULE' }] },
          batch: { instanceTypes: ['c7i.xlarge'], capacityType: 'SPOT', minSize: 0, maxSize: 10, desiredSize: 0 },
        },
        karpenter: { enabled: true },
      }),
    ).toEqual([]);
  });

  describe('rejects, with file, field, value and what is allowed', () => {
    const cases: [string, Record<string, any>, string | RegExp][] = [
      ['a version EKS does not offer', { version: '1.29' }, 'config/test.yaml: aws.eks.version "1.29" is not offered by EKS; use one of 1.32, 1.33, 1.34, 1.35'],
      ['0.0.0.0/0 for the API endpoint', { endpoint: { publicAccessCidrs: ['0.0.0.0/0'] } }, 'config/test.yaml: aws.eks.endpoint.publicAccessCidrs[0] "0.0.0.0/0" opens the API endpoint to the whole internet; list the specific CIDRs that may reach it (never 0.0.0.0/0)'],
      ['an unknown instance type', { nodeGroups: { system: { instanceTypes: ['z9x.large'] } } }, /^config\/test\.yaml: aws\.eks\.nodeGroups\.system\.instanceTypes\[0\] "z9x\.large" has an unknown instance family "z9x"; use a Graviton family \(t4g, m6g/],
      ['mixed architectures', { nodeGroups: { system: { instanceTypes: ['m7g.large', 'm7i.large'] } } }, 'config/test.yaml: aws.eks.nodeGroups.system.instanceTypes ["m7g.large","m7i.large"] mixes arm64 and x86_64 families; one node group runs one AMI architecture'],
      ['min above max', { nodeGroups: { system: { minSize: 4, maxSize: 3, desiredSize: 3 } } }, 'config/test.yaml: aws.eks.nodeGroups.system.minSize 4 is above maxSize (3); use a minimum at most the maximum'],
      ['desired outside min-max', { nodeGroups: { system: { desiredSize: 9 } } }, 'config/test.yaml: aws.eks.nodeGroups.system.desiredSize 9 is outside minSize-maxSize (2-6); use a size in that range'],
      ['a root volume too small', { nodeGroups: { system: { diskSizeGb: 10 } } }, 'config/test.yaml: aws.eks.nodeGroups.system.diskSizeGb 10 is not allowed; use a whole number from 20 to 16384'],
      ['an add-on version of the wrong form', { addonVersions: { coredns: '1.11' } }, 'config/test.yaml: aws.eks.addonVersions.coredns "1.11" is not an add-on version; use the form v1.19.2-eksbuild.1 (aws eks describe-addon-versions)'],
      ['no admin role', { adminRoleArns: [] }, 'config/test.yaml: aws.eks.adminRoleArns [] is empty, so nobody could administer the cluster; list at least one IAM role ARN, e.g. arn:aws:iam::<account>:role/platform-admin'],
      ['no node group', { nodeGroups: {} }, 'config/test.yaml: aws.eks.nodeGroups {} is empty; give at least one managed node group (Karpenter and the core add-ons run on it), e.g. system: {}'],
      ['a database grant without the database', { nodeGroups: { system: { database: 'read-write' } } }, 'config/test.yaml: aws.eks.nodeGroups.system.database "read-write" needs the environment database, but aws.database.enabled is not true; turn the database on or use "none"'],
      ['a bad taint effect', { nodeGroups: { system: { taints: [{ key: 'a', effect: 'NoSchedule' }] } } }, /^config\/test\.yaml: aws\.eks\.nodeGroups\.system\.taints\[0\]\.effect "NoSchedule" .*NO_SCHEDULE/],
    ];
    it.each(cases)('%s', (_, eks, expected) => {
      const problems = problemsOf(eks);
      if (typeof expected === 'string') expect(problems).toContain(expected);
      else expect(problems.some((p) => expected.test(p))).toBe(true);
    });

    it('an EKS cluster without the network', () => {
      expect(problemsOf({}, { network: { enabled: false } })).toContain(
        'config/test.yaml: aws.eks.enabled true needs the AWS network (its private subnets); set aws.network.enabled: true or aws.eks.enabled: false',
      );
    });
  });
});
