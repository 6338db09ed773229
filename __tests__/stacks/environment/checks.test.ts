import type { ConfigSection, ParsedEnvironment } from '../../../modules/core/config/section';
import { awsNetworkSection } from '../../../stacks/aws-network/config';
import { azureNetworkSection } from '../../../stacks/azure-network/config';
import { addressPlanCheck, arnPartitionCheck, crossEnvironmentPlanProblems, planRanges } from '../../../stacks/environment/checks';
import type { EnvironmentCore } from '../../../stacks/environment/config';
import { gcpNetworkSection } from '../../../stacks/gcp-network/config';
import { CONFIG_SECTIONS } from '../../../stacks/registry';
import { environmentProblems, merge, testEnvironment } from '../../helpers/environment';

const FILE = 'config/test.yaml';
const DISTINCT = 'every range of the address plan (AWS, GCP, Azure, reserved) must be distinct';

/** The environment as a check sees it, with the given sections left out (as when they failed to parse). */
function without(env: ParsedEnvironment<EnvironmentCore>, ...missing: ConfigSection[]): ParsedEnvironment<EnvironmentCore> {
  return {
    file: env.file,
    core: env.core,
    get: ((section: ConfigSection) => (missing.includes(section) ? undefined : env.get(section))) as never,
    hasProblem: (path) => env.hasProblem(path),
  };
}

/** What the address plan check reports, as `<path> <input> <message>` lines. */
function planProblems(env: ParsedEnvironment<EnvironmentCore>, sections: readonly ConfigSection[] = CONFIG_SECTIONS): string[] {
  const found: string[] = [];
  addressPlanCheck(sections)(env, (path, input, message) => found.push(`${path.join('.')} ${JSON.stringify(input)} ${message}`));
  return found;
}

describe('planRanges', () => {
  it('lists the ranges of every registered section in registry order, then the reserved ranges', () => {
    const env = testEnvironment({ addressPlan: { reserved: { vpn: '10.9.0.0/24' } } });
    expect(planRanges(env, CONFIG_SECTIONS)).toEqual([
      { cidr: '10.0.0.0/16', source: 'aws.network.cidr' },
      { cidr: '10.1.0.0/20', source: 'gcp.network.subnets.main.cidr' },
      { cidr: '10.4.0.0/14', source: 'gcp.network.subnets.main.secondaryRanges.pods' },
      { cidr: '10.1.16.0/20', source: 'gcp.network.subnets.main.secondaryRanges.services' },
      { cidr: '10.2.0.0/16', source: 'gcp.network.privateServiceAccessCidr' },
      { cidr: '10.3.0.0/16', source: 'azure.network.addressSpace' },
      { cidr: '10.3.0.0/22', source: 'azure.network.subnets.app.cidr', parent: 'azure.network.addressSpace' },
      { cidr: '10.3.4.0/24', source: 'azure.network.subnets.data.cidr', parent: 'azure.network.addressSpace' },
      { cidr: '10.3.16.0/20', source: 'azure.network.subnets.aks.cidr', parent: 'azure.network.addressSpace' },
      { cidr: '10.3.8.0/23', source: 'azure.network.subnets.apps.cidr', parent: 'azure.network.addressSpace' },
      { cidr: '10.3.6.0/24', source: 'azure.network.subnets.functions.cidr', parent: 'azure.network.addressSpace' },
      { cidr: '10.3.7.0/24', source: 'azure.network.subnets.functions-premium.cidr', parent: 'azure.network.addressSpace' },
      { cidr: '10.9.0.0/24', source: 'addressPlan.reserved.vpn' },
    ]);
  });

  it('takes only the sections it is given', () => {
    expect(planRanges(testEnvironment(), [awsNetworkSection])).toEqual([{ cidr: '10.0.0.0/16', source: 'aws.network.cidr' }]);
  });

  it('leaves out a section that did not parse (its problems are already reported)', () => {
    const env = without(testEnvironment(), gcpNetworkSection, azureNetworkSection);
    expect(planRanges(env, CONFIG_SECTIONS)).toEqual([{ cidr: '10.0.0.0/16', source: 'aws.network.cidr' }]);
  });
});

describe('addressPlanCheck', () => {
  it('finds nothing in the base environment', () => {
    expect(planProblems(testEnvironment())).toEqual([]);
  });

  it('reports an overlap on the later range, naming the earlier one', () => {
    const env = testEnvironment();
    const overlapping: ParsedEnvironment<EnvironmentCore> = {
      ...without(env),
      core: { ...env.core, addressPlan: { reserved: { vpn: '10.0.1.0/24' } } },
    };
    expect(planProblems(overlapping)).toEqual([
      `addressPlan.reserved.vpn "10.0.1.0/24" overlaps aws.network.cidr "10.0.0.0/16"; ${DISTINCT}`,
    ]);
  });

  it('does not call subnets overlaps of the range they are declared inside', () => {
    // The Azure subnets lie inside azure.network.addressSpace (their parent): no problem.
    expect(planProblems(testEnvironment(), [azureNetworkSection])).toEqual([]);
  });

  it('checks no range of a section that did not parse', () => {
    const env = testEnvironment();
    const clash: ParsedEnvironment<EnvironmentCore> = {
      ...without(env, gcpNetworkSection),
      core: { ...env.core, addressPlan: { reserved: { vpn: '10.1.0.0/24' } } },
    };
    expect(planProblems(clash)).toEqual([]);
  });

  it('checks no range that already has a problem (the root cause of any overlap it would show)', () => {
    const env = testEnvironment();
    const reported: ParsedEnvironment<EnvironmentCore> = {
      ...without(env),
      core: { ...env.core, addressPlan: { reserved: { vpn: '10.1.0.0/24' } } },
      hasProblem: (path) => path === 'addressPlan.reserved.vpn',
    };
    expect(planProblems(reported)).toEqual([]);
  });
});

describe('address plan problems of an environment file', () => {
  it('reports a reserved range that overlaps a cloud range', () => {
    expect(environmentProblems({ addressPlan: { reserved: { vpn: '10.0.1.0/24' } } })).toEqual([
      `${FILE}: addressPlan.reserved.vpn "10.0.1.0/24" overlaps aws.network.cidr "10.0.0.0/16"; ${DISTINCT}`,
    ]);
  });

  it('reports two reserved ranges that overlap each other', () => {
    expect(environmentProblems({ addressPlan: { reserved: { pods: '10.8.0.0/16', vpn: '10.8.1.0/24' } } })).toEqual([
      `${FILE}: addressPlan.reserved.vpn "10.8.1.0/24" overlaps addressPlan.reserved.pods "10.8.0.0/16"; ${DISTINCT}`,
    ]);
  });

  it('reports a public reserved range, naming the private ranges allowed', () => {
    expect(environmentProblems({ addressPlan: { reserved: { vpn: '8.8.8.0/24' } } })).toEqual([
      `${FILE}: addressPlan.reserved.vpn "8.8.8.0/24" is not a private range; use RFC 1918 (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16) or RFC 6598 (100.64.0.0/10) space`,
    ]);
  });

  it('reports a malformed reserved range once, by its schema', () => {
    expect(environmentProblems({ addressPlan: { reserved: { vpn: '10.0.1.1/24' } } })).toEqual([
      `${FILE}: addressPlan.reserved.vpn "10.0.1.1/24" has host bits set; the network address is 10.0.1.0/24`,
    ]);
  });

  it('reports no overlap of a range its own section check refused', () => {
    // 10.1.0.0/24 is too small for the AWS network and overlaps gcp.network.subnets.main.cidr: reported once.
    expect(environmentProblems({ aws: { network: { cidr: '10.1.0.0/24' } } })).toEqual([
      expect.stringMatching(/^config\/test\.yaml: aws\.network\.cidr "10\.1\.0\.0\/24" is too small for 3 availability zones x 3 tiers: .*; use \/22 or larger$/),
    ]);
  });

  it('reports no overlap with a network section that has its own problem', () => {
    // aws.network.cidr has host bits: reported once by the section, left out of the plan.
    expect(environmentProblems({ aws: { network: { cidr: '10.1.0.1/16' } } })).toEqual([
      `${FILE}: aws.network.cidr "10.1.0.1/16" has host bits set; the network address is 10.1.0.0/16`,
    ]);
  });
});

describe('crossEnvironmentPlanProblems', () => {
  /** A second environment with an address plan of its own (10.64.0.0/12), `patch` merged in. */
  function qa(patch: Record<string, any> = {}) {
    const own = {
      aws: { network: { cidr: '10.64.0.0/16' } },
      gcp: {
        network: {
          subnets: { main: { cidr: '10.65.0.0/20', secondaryRanges: { pods: '10.68.0.0/14', services: '10.65.16.0/20' } } },
          privateServiceAccessCidr: '10.66.0.0/16',
        },
      },
      azure: { network: { addressSpace: '10.67.0.0/16' } },
    };
    return { file: 'config/qa.yaml', config: testEnvironment(merge(own, patch), 'qa') };
  }
  const dev = () => ({ file: 'config/dev.yaml', config: testEnvironment({}, 'dev') });
  const otherAccounts = {
    aws: { accountId: '210987654321' },
    gcp: { projectId: 'acme-qa-1' },
    azure: { subscriptionId: '11111111-1111-1111-1111-111111111111' },
  };

  it('accepts environments with distinct address plans', () => {
    expect(crossEnvironmentPlanProblems(CONFIG_SECTIONS)([dev(), qa()])).toEqual([]);
  });

  it('reports a range of a later file that overlaps an earlier environment, in another account', () => {
    const check = crossEnvironmentPlanProblems([awsNetworkSection]);
    expect(check([dev(), qa({ ...otherAccounts, aws: { ...otherAccounts.aws, network: { cidr: '10.0.0.0/16' } } })])).toEqual([
      {
        file: 'config/qa.yaml',
        path: 'aws.network.cidr',
        message:
          '"10.0.0.0/16" overlaps aws.network.cidr "10.0.0.0/16" of config/dev.yaml; environments must not share address space (or set isolated: true on one whose networks never connect to the others)',
      },
    ]);
  });

  it('lets an isolated environment in other accounts reuse the ranges', () => {
    const check = crossEnvironmentPlanProblems([awsNetworkSection]);
    const isolated = qa({ ...otherAccounts, isolated: true, aws: { ...otherAccounts.aws, network: { cidr: '10.0.0.0/16' } } });
    expect(check([dev(), isolated])).toEqual([]);
  });

  it('refuses an overlap in the same account even when isolated', () => {
    const check = crossEnvironmentPlanProblems([awsNetworkSection]);
    expect(check([dev(), qa({ isolated: true, aws: { network: { cidr: '10.0.0.0/16' } } })])).toEqual([
      {
        file: 'config/qa.yaml',
        path: 'aws.network.cidr',
        message:
          '"10.0.0.0/16" overlaps aws.network.cidr "10.0.0.0/16" of config/dev.yaml, in the same account/project/subscription; environments must not share address space',
      },
    ]);
  });

  it('refuses an overlap in the same project even when the range also overlaps one of another account', () => {
    // qa is isolated, in its own AWS account but dev's GCP project. Its pods range overlaps dev's
    // aws.network.cidr (another account: allowed) and dev's gcp.network.subnets.main.cidr (same project: not).
    const isolated = qa({
      isolated: true,
      aws: { accountId: '210987654321' },
      gcp: { network: { subnets: { main: { secondaryRanges: { pods: '10.0.0.0/14' } } } } },
    });
    expect(crossEnvironmentPlanProblems(CONFIG_SECTIONS)([dev(), isolated])).toEqual([
      {
        file: 'config/qa.yaml',
        path: 'gcp.network.subnets.main.secondaryRanges.pods',
        message:
          '"10.0.0.0/14" overlaps gcp.network.subnets.main.cidr "10.1.0.0/20" of config/dev.yaml, in the same account/project/subscription; environments must not share address space',
      },
    ]);
  });
});

describe('arnPartitionCheck (every ARN in the partition of aws.region)', () => {
  it('rejects an ARN of another partition, naming the field, the value and the partition to use', () => {
    expect(environmentProblems({ state: { roleArn: 'arn:aws-cn:iam::123456789012:role/ci' } })).toEqual([
      `${FILE}: state.roleArn "arn:aws-cn:iam::123456789012:role/ci" is in partition aws-cn, but aws.region eu-west-1 is in partition aws; use an ARN that begins "arn:aws:"`,
    ]);
  });

  it('rejects an ARN whose region is not in its own partition', () => {
    expect(environmentProblems({ state: { kmsKeyId: 'arn:aws:kms:cn-north-1:123456789012:alias/x', region: 'cn-north-1' } })).toEqual([
      `${FILE}: state.kmsKeyId "arn:aws:kms:cn-north-1:123456789012:alias/x" names region cn-north-1, which is not in partition aws; use the region the resource is in`,
    ]);
  });

  it('walks lists and nested fields of every section (a GovCloud layer in a commercial environment)', () => {
    const layer = 'arn:aws-us-gov:lambda:us-gov-west-1:123456789012:layer:x:1';
    const found: string[] = [];
    const env = testEnvironment({});
    const fake = { path: 'aws.fake', schema: undefined as never } as unknown as ConfigSection;
    const withFake: ParsedEnvironment<EnvironmentCore> = {
      file: env.file,
      core: env.core,
      get: ((s: ConfigSection) => (s === fake ? { functions: { api: { layers: [layer] } } } : env.get(s))) as never,
      hasProblem: (p) => env.hasProblem(p),
    };
    arnPartitionCheck([fake])(withFake, (path, input, message) => found.push(`${path.join('.')} ${JSON.stringify(input)} ${message}`));
    expect(found).toEqual([`aws.fake.functions.api.layers.0 "${layer}" is in partition aws-us-gov, but aws.region eu-west-1 is in partition aws; use an ARN that begins "arn:aws:"`]);
  });

  it('accepts the shipped environments and ARNs of the right partition', () => {
    expect(environmentProblems({ state: { roleArn: 'arn:aws:iam::123456789012:role/ci', kmsKeyId: 'arn:aws:kms:eu-west-1:123456789012:alias/x' } })).toEqual([]);
  });
});
