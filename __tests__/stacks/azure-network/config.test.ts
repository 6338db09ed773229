import { stringify } from 'yaml';
import {
  AZURE_SUBNET_ROLES,
  type AzureSubnetRole,
  azureNetworkRanges,
  azureNetworkResourceGroupName,
  azureNetworkSection,
  azureSubnetCidrs,
  azureSubnetLayout,
} from '../../../stacks/azure-network/config';
import { planRanges } from '../../../stacks/environment/checks';
import { CONFIG_SECTIONS } from '../../../stacks/registry';
import {
  baseEnvironmentInput,
  environmentProblems,
  merge,
  parseEnvironmentText as parseEnvironment,
  testEnvironment,
} from '../../helpers/environment';

const FILE = 'config/test.yaml';

/** Problems of an environment file: the base input (azure.network.addressSpace 10.3.0.0/16) with `network` merged in. */
function problemsOf(network: Record<string, any>): string[] {
  return environmentProblems({ azure: { network } });
}

describe('azure.network config', () => {
  it('fills in secure defaults: every role at its default block, NAT gateway on with a 4-minute idle timeout', () => {
    const network = testEnvironment().section(azureNetworkSection);
    expect(network.enabled).toBe(true);
    expect(network.subnets).toEqual({ app: {}, data: {}, aks: {}, apps: {}, functions: {}, 'functions-premium': {} });
    expect(network.natGateway).toEqual({ enabled: true, idleTimeoutMinutes: 4 });
    expect(network.resourceGroupName).toBeUndefined();
    expect(azureNetworkResourceGroupName('test', network)).toBe('rg-test-network');
    expect(azureSubnetCidrs(network)).toEqual({
      app: '10.3.0.0/22',
      data: '10.3.4.0/24',
      aks: '10.3.16.0/20',
      apps: '10.3.8.0/23',
      functions: '10.3.6.0/24',
      'functions-premium': '10.3.7.0/24',
    });
  });

  it('takes an explicit cidr and a resource group name override', () => {
    const network = testEnvironment({
      azure: { network: { resourceGroupName: 'rg-shared.net(1)', subnets: { aks: { cidr: '10.3.128.0/18' } } } },
    }).section(azureNetworkSection);
    expect(azureNetworkResourceGroupName('test', network)).toBe('rg-shared.net(1)');
    expect(azureSubnetCidrs(network)).toEqual({
      app: '10.3.0.0/22',
      data: '10.3.4.0/24',
      aks: '10.3.128.0/18',
      apps: '10.3.8.0/23',
      functions: '10.3.6.0/24',
      'functions-premium': '10.3.7.0/24',
    });
  });

  it('lists exactly the roles of the role table in the schema', () => {
    expect(Object.keys(testEnvironment().section(azureNetworkSection).subnets)).toEqual(Object.keys(AZURE_SUBNET_ROLES));
  });

  it('accepts the shipped layout at the smallest address space the defaults need (/19)', () => {
    expect(problemsOf({ addressSpace: '10.3.0.0/19' })).toEqual([]);
  });
});

describe('azure.network subnet layout', () => {
  const roles: Record<string, AzureSubnetRole> = AZURE_SUBNET_ROLES;

  it('places the default blocks of every role inside a /16 without overlaps', () => {
    const layout = azureSubnetLayout({ addressSpace: '10.200.0.0/16' });
    expect(layout.problems).toEqual([]);
    expect(layout.cidrs).toEqual({
      app: '10.200.0.0/22',
      data: '10.200.4.0/24',
      aks: '10.200.16.0/20',
      apps: '10.200.8.0/23',
      functions: '10.200.6.0/24',
      'functions-premium': '10.200.7.0/24',
    });
    expect(layout.explicit).toEqual({ app: false, data: false, aks: false, apps: false, functions: false, 'functions-premium': false });
  });

  it('keys positions by role: adding a role or reordering the table moves no existing subnet', () => {
    const before = azureSubnetLayout({ addressSpace: '10.3.0.0/16' }).cidrs;
    const gateway: AzureSubnetRole = {
      purpose: 'VPN gateway',
      defaultPrefixLength: 27,
      defaultIndex: 40, // 10.3.5.0/27, in the free rest of the first /20
      maxPrefixLength: 27,
      minimumReason: 'test',
      natGateway: false,
    };
    const added = azureSubnetLayout({ addressSpace: '10.3.0.0/16' }, { gateway, ...roles });
    expect(added.problems).toEqual([]);
    expect(added.cidrs).toEqual({ gateway: '10.3.5.0/27', ...before });
    const reversed = Object.fromEntries(Object.entries(roles).reverse());
    expect(azureSubnetLayout({ addressSpace: '10.3.0.0/16' }, reversed).cidrs).toEqual(before);
    // An explicit cidr on one role moves no other role either.
    const moved = azureSubnetLayout({ addressSpace: '10.3.0.0/16', subnets: { app: { cidr: '10.3.64.0/22' } } });
    expect(moved.cidrs).toEqual({ ...before, app: '10.3.64.0/22' });
  });

  it('reports a new role whose default overlaps another role instead of moving either', () => {
    const clash: AzureSubnetRole = {
      purpose: 'test',
      defaultPrefixLength: 24,
      defaultIndex: 16, // 10.3.16.0/24, inside the aks /20
      maxPrefixLength: 28,
      minimumReason: 'test',
      natGateway: false,
    };
    const layout = azureSubnetLayout({ addressSpace: '10.3.0.0/16' }, { ...roles, clash });
    expect(layout.cidrs.aks).toBe('10.3.16.0/20');
    expect(layout.problems).toEqual([
      expect.objectContaining({
        path: ['azure', 'network', 'addressSpace'],
        message: expect.stringMatching(/overlapping default blocks to subnets\.aks and subnets\.clash/),
      }),
    ]);
  });

  it('gives the minimum size of each role a reason', () => {
    for (const [name, role] of Object.entries(roles)) {
      expect(role.defaultPrefixLength).toBeLessThanOrEqual(role.maxPrefixLength);
      expect(`${name}: ${role.minimumReason}`).toMatch(new RegExp(`/${role.maxPrefixLength} or larger`));
    }
  });
});

describe('azure.network ranges in the address plan', () => {
  it('adds the address space and each subnet as its child, so the plan check does not call them overlaps', () => {
    const network = testEnvironment().section(azureNetworkSection);
    expect(azureNetworkRanges(network)).toEqual([
      { cidr: '10.3.0.0/16', source: 'azure.network.addressSpace' },
      { cidr: '10.3.0.0/22', source: 'azure.network.subnets.app.cidr', parent: 'azure.network.addressSpace' },
      { cidr: '10.3.4.0/24', source: 'azure.network.subnets.data.cidr', parent: 'azure.network.addressSpace' },
      { cidr: '10.3.16.0/20', source: 'azure.network.subnets.aks.cidr', parent: 'azure.network.addressSpace' },
      { cidr: '10.3.8.0/23', source: 'azure.network.subnets.apps.cidr', parent: 'azure.network.addressSpace' },
      { cidr: '10.3.6.0/24', source: 'azure.network.subnets.functions.cidr', parent: 'azure.network.addressSpace' },
      { cidr: '10.3.7.0/24', source: 'azure.network.subnets.functions-premium.cidr', parent: 'azure.network.addressSpace' },
    ]);
    expect(planRanges(testEnvironment(), CONFIG_SECTIONS).filter((r) => r.source.startsWith('azure.'))).toHaveLength(7);
    expect(problemsOf({})).toEqual([]);
  });

  it('leaves the subnets out of the plan while the layout has a problem (reported once, on the field at fault)', () => {
    const raw = { addressSpace: '10.3.0.0/16', subnets: { data: { cidr: '10.3.0.0/24' } } };
    expect(azureNetworkRanges(raw as any)).toEqual([{ cidr: '10.3.0.0/16', source: 'azure.network.addressSpace' }]);
  });

  it('still reports a subnet block that overlaps another cloud when the address space does too', () => {
    // 10.4.0.0/14 is gcp pods in the base environment.
    const problems = problemsOf({ addressSpace: '10.4.0.0/16' });
    expect(problems).toContainEqual(expect.stringMatching(/^config\/test\.yaml: azure\.network\.addressSpace "10\.4\.0\.0\/16" overlaps/));
  });
});

describe('azure.network bad input', () => {
  it('rejects a subnet outside the address space, naming the field and the allowed range', () => {
    expect(problemsOf({ subnets: { aks: { cidr: '10.9.0.0/20' } } })).toEqual([
      'config/test.yaml: azure.network.subnets.aks.cidr "10.9.0.0/20" is not inside azure.network.addressSpace "10.3.0.0/16"; use a block of the address space, e.g. the default 10.3.16.0/20',
    ]);
  });

  it('rejects a subnet outside the address space once, even when it lands on another cloud range', () => {
    // 10.4.0.0/14 is gcp pods: the subnet is reported once, by the layout check.
    expect(problemsOf({ subnets: { app: { cidr: '10.5.0.0/22' } } })).toEqual([
      expect.stringMatching(/^config\/test\.yaml: azure\.network\.subnets\.app\.cidr "10\.5\.0\.0\/22" is not inside azure\.network\.addressSpace/),
    ]);
  });

  it('rejects two explicit subnets that overlap, naming both fields', () => {
    expect(problemsOf({ subnets: { app: { cidr: '10.3.64.0/22' }, aks: { cidr: '10.3.64.0/20' } } })).toEqual([
      'config/test.yaml: azure.network.subnets.aks.cidr "10.3.64.0/20" overlaps azure.network.subnets.app.cidr "10.3.64.0/22"; subnets must not overlap: use a free block of azure.network.addressSpace "10.3.0.0/16"',
    ]);
  });

  it('rejects an explicit subnet that overlaps the default block of another role, saying how to move either', () => {
    expect(problemsOf({ subnets: { data: { cidr: '10.3.0.0/24' } } })).toEqual([
      'config/test.yaml: azure.network.subnets.data.cidr "10.3.0.0/24" overlaps the default block of azure.network.subnets.app "10.3.0.0/22"; subnets must not overlap: use a free block of azure.network.addressSpace "10.3.0.0/16" or set azure.network.subnets.app.cidr',
    ]);
  });

  it.each([
    ['aks', '10.3.64.0/25', 24, /AKS nodes/],
    ['app', '10.3.64.0/28', 27, /Container Apps/],
    ['data', '10.3.64.0/29', 28, /PostgreSQL flexible server/],
  ])('rejects a %s subnet that is too small (%s), with the minimum and why', (role, cidr, min, why) => {
    const problems = problemsOf({ subnets: { [role]: { cidr } } });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      new RegExp(`^config/test\\.yaml: azure\\.network\\.subnets\\.${role}\\.cidr "${cidr.replace(/\./g, '\\.')}" is too small for the ${role} subnet: `),
    );
    expect(problems[0]).toMatch(why);
    expect(problems[0]).toMatch(new RegExp(`use a /${min} or larger \\(prefix length ${min} or less\\)$`));
  });

  it('accepts each role at exactly its minimum size', () => {
    expect(
      problemsOf({ subnets: { app: { cidr: '10.3.64.0/27' }, data: { cidr: '10.3.65.0/28' }, aks: { cidr: '10.3.66.0/24' } } }),
    ).toEqual([]);
  });

  it('rejects an address space too small for a default block, naming the role and the fix', () => {
    expect(problemsOf({ addressSpace: '10.3.0.0/20' })).toEqual([
      'config/test.yaml: azure.network.addressSpace "10.3.0.0/20" is too small for the default block of subnets.aks (the 2nd /20 of the address space); use a /19 or larger address space, or set azure.network.subnets.aks.cidr',
    ]);
  });

  it('rejects an unknown role, listing the allowed roles', () => {
    expect(problemsOf({ subnets: { web: { cidr: '10.3.32.0/24' } } })).toEqual([
      'config/test.yaml: azure.network.subnets.web is not a known field; allowed fields here: app, data, aks, apps, functions, functions-premium',
    ]);
  });

  it('rejects an unknown field of a role, listing the allowed fields', () => {
    expect(problemsOf({ subnets: { data: { size: 24 } } })).toEqual([
      'config/test.yaml: azure.network.subnets.data.size is not a known field; allowed fields here: cidr',
    ]);
  });

  it('rejects a subnet cidr that is not a CIDR block', () => {
    expect(problemsOf({ subnets: { app: { cidr: '10.3.0.1/22' } } })).toEqual([
      expect.stringMatching(/^config\/test\.yaml: azure\.network\.subnets\.app\.cidr "10\.3\.0\.1\/22" has host bits set; the network address is 10\.3\.0\.0\/22$/),
    ]);
  });

  it('rejects a public (non-RFC 1918) address space, naming the field and the private ranges', () => {
    expect(problemsOf({ addressSpace: '20.3.0.0/16' })).toEqual([
      'config/test.yaml: azure.network.addressSpace "20.3.0.0/16" is not a private range; use RFC 1918 (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16) or RFC 6598 (100.64.0.0/10) space',
    ]);
  });

  it.each([
    [{ natGateway: { idleTimeoutMinutes: 3 } }, /azure\.network\.natGateway\.idleTimeoutMinutes 3 is out of range; allowed: a value >= 4/],
    [{ natGateway: { idleTimeoutMinutes: 121 } }, /azure\.network\.natGateway\.idleTimeoutMinutes 121 is out of range; allowed: a value <= 120/],
    [{ natGateway: { zones: ['1'] } }, /azure\.network\.natGateway\.zones is not a known field; allowed fields here: enabled, idleTimeoutMinutes/],
    [{ resourceGroupName: 'rg-bad.' }, /azure\.network\.resourceGroupName "rg-bad\." is not a valid resource group name; use 1-90 letters/],
    [{ resourceGroupName: 'rg with space' }, /azure\.network\.resourceGroupName "rg with space" is not a valid resource group name/],
  ])('rejects %j', (network, message) => {
    expect(problemsOf(network)).toEqual([expect.stringMatching(message)]);
  });

  it('skips the layout checks when the network is disabled', () => {
    expect(problemsOf({ enabled: false, subnets: { aks: { cidr: '10.9.0.0/20' } } })).toEqual([]);
  });

  it('reports layout problems together with unrelated field problems of the same file', () => {
    const input = merge(baseEnvironmentInput(), { azure: { network: { subnets: { aks: { cidr: '10.9.0.0/20' } } } } });
    input.aws.accountId = 'nope';
    const paths = parseEnvironment(FILE, stringify(input)).problems.map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(['aws.accountId', 'azure.network.subnets.aks.cidr']));
  });
});

describe('azure.network compute roles (issue 13)', () => {
  it('leaves the shipped environments\' app, data and aks subnets where they were', () => {
    // The blocks the three roles had before apps/functions/functions-premium existed (literals).
    for (const [space, expected] of [
      ['10.3.0.0/16', { app: '10.3.0.0/22', data: '10.3.4.0/24', aks: '10.3.16.0/20' }],
      ['10.35.0.0/16', { app: '10.35.0.0/22', data: '10.35.4.0/24', aks: '10.35.16.0/20' }],
      ['10.19.0.0/16', { app: '10.19.0.0/22', data: '10.19.4.0/24', aks: '10.19.16.0/20' }],
    ] as const) {
      const { cidrs, problems } = azureSubnetLayout({ addressSpace: space });
      expect(problems).toEqual([]);
      expect({ app: cidrs.app, data: cidrs.data, aks: cidrs.aks }).toEqual(expected);
    }
  });

  it('places the compute roles in the free rest of the first /20, still fitting a /19', () => {
    expect(azureSubnetLayout({ addressSpace: '10.3.0.0/19' })).toMatchObject({
      problems: [],
      cidrs: { apps: '10.3.8.0/23', functions: '10.3.6.0/24', 'functions-premium': '10.3.7.0/24' },
    });
  });

  it('gives the compute roles their delegations and service endpoints', () => {
    expect(AZURE_SUBNET_ROLES.apps.delegation).toBe('Microsoft.App/environments');
    expect(AZURE_SUBNET_ROLES.functions.delegation).toBe('Microsoft.App/environments');
    expect(AZURE_SUBNET_ROLES.functions.serviceEndpoints).toEqual(['Microsoft.Storage']);
    expect(AZURE_SUBNET_ROLES['functions-premium'].delegation).toBe('Microsoft.Web/serverFarms');
    expect(AZURE_SUBNET_ROLES['functions-premium'].serviceEndpoints).toEqual(['Microsoft.Storage']);
  });

  it.each([
    ['apps', '10.3.64.0/28', 27],
    ['functions', '10.3.64.0/28', 27],
    ['functions-premium', '10.3.64.0/29', 28],
  ])('rejects a %s subnet smaller than its minimum (%s), naming the minimum', (role, cidr, min) => {
    const problems = problemsOf({ subnets: { [role]: { cidr } } });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      new RegExp(`^config/test\\.yaml: azure\\.network\\.subnets\\.${role}\\.cidr "${cidr.replace(/[./]/g, '\\$&')}" is too small for the ${role} subnet: .*use a /${min} or larger`),
    );
  });

  it('accepts each compute role at exactly its minimum size', () => {
    expect(problemsOf({ subnets: { apps: { cidr: '10.3.64.0/27' }, functions: { cidr: '10.3.64.32/27' }, 'functions-premium': { cidr: '10.3.64.64/28' } } })).toEqual([]);
  });
});
