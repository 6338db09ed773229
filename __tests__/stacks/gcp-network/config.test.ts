import { stringify } from 'yaml';
import { gcpNetworkRanges, gcpNetworkSection } from '../../../stacks/gcp-network/config';
import {
  baseEnvironmentInput,
  environmentProblems,
  parseEnvironmentText as parseEnvironment,
  testEnvironment,
} from '../../helpers/environment';

const FILE = 'config/test.yaml';

/** Problems of an environment file: the base input with `patch` merged in, then `edit` applied. */
function problemsOf(patch: Record<string, any>, edit?: (input: Record<string, any>) => void): string[] {
  return environmentProblems(patch, edit);
}

function network(patch: Record<string, any>): Record<string, any> {
  return { gcp: { network: patch } };
}

describe('gcp.network config', () => {
  it('fills in secure defaults', () => {
    const config = testEnvironment().section(gcpNetworkSection);
    expect(config.routingMode).toBe('GLOBAL');
    expect(config.iapSshEnabled).toBe(false);
    expect(config.healthCheckTargetTags).toEqual(['allow-health-checks']);
    expect(config.firewallLogging).toBe(true);
    expect(config.nat).toEqual({ enabled: true, logFilter: 'ERRORS_ONLY', minPortsPerVm: 64 });
    expect(config.subnets.main!.gke).toBe(false);
    expect(config.subnets.main!.flowLogs).toEqual({
      enabled: true,
      aggregationInterval: 'INTERVAL_5_SEC',
      flowSampling: 0.5,
      metadata: 'INCLUDE_ALL_METADATA',
    });
  });

  it('accepts a GKE subnet with pods and services ranges', () => {
    expect(problemsOf(network({ subnets: { main: { gke: true } } }))).toEqual([]);
  });

  it('rejects gke: true without the services range, naming the field and the ranges needed', () => {
    const problems = problemsOf({}, (input) => {
      input.gcp.network.subnets.main = { cidr: '10.1.0.0/20', gke: true, secondaryRanges: { pods: '10.4.0.0/14' } };
    });
    expect(problems).toEqual([
      expect.stringMatching(
        /^config\/test\.yaml: gcp\.network\.subnets\.main\.secondaryRanges .*is not enough for gke: true \(missing "services"\); use secondary ranges named "pods" and "services", or set gke: false$/
      ),
    ]);
  });

  it('rejects gke: true with no secondary ranges at all, listing both missing ranges', () => {
    const problems = problemsOf({}, (input) => {
      input.gcp.network.subnets.main = { cidr: '10.1.0.0/20', gke: true };
    });
    expect(problems).toEqual([
      expect.stringMatching(/gcp\.network\.subnets\.main\.secondaryRanges .*missing "pods" and "services"/),
    ]);
  });

  it.each([
    ['10.2.0.0/25', 25],
    ['10.2.0.0/28', 28],
    ['8.0.0.0/7', 7],
  ])('rejects the private services access range %s (prefix /%d) and says /8 to /24 is allowed', (cidr, prefix) => {
    const problems = problemsOf(network({ privateServiceAccessCidr: cidr }));
    expect(problems).toContainEqual(
      `${FILE}: gcp.network.privateServiceAccessCidr "${cidr}" is not a usable private services access range (prefix /${prefix}); use a prefix length from /8 to /24 (Google reserves /24 blocks per service; /16 is recommended)`
    );
  });

  it('accepts private services access ranges of /24 and /16', () => {
    expect(problemsOf(network({ privateServiceAccessCidr: '10.2.0.0/24' }))).toEqual([]);
    expect(problemsOf(network({ privateServiceAccessCidr: '10.2.0.0/16' }))).toEqual([]);
  });

  it('still reports a malformed private services access range as a CIDR problem', () => {
    const problems = problemsOf(network({ privateServiceAccessCidr: '10.2.0.0' }));
    expect(problems).toEqual([
      expect.stringMatching(/gcp\.network\.privateServiceAccessCidr "10\.2\.0\.0" is not an IPv4 CIDR block/),
    ]);
  });

  it.each([1.5, -0.1])('rejects flow log sampling %d and says 0.0 to 1.0 is allowed', (flowSampling) => {
    const problems = problemsOf(network({ subnets: { main: { flowLogs: { flowSampling } } } }));
    expect(problems).toEqual([
      `${FILE}: gcp.network.subnets.main.flowLogs.flowSampling ${flowSampling} is not a sampling rate; use a number from 0.0 (no flows) to 1.0 (every flow), e.g. 0.5`,
    ]);
  });

  it('accepts flow log sampling at both ends of the range', () => {
    expect(problemsOf(network({ subnets: { main: { flowLogs: { flowSampling: 0 } } } }))).toEqual([]);
    expect(problemsOf(network({ subnets: { main: { flowLogs: { flowSampling: 1 } } } }))).toEqual([]);
  });

  it('rejects an unknown routing mode and lists the allowed ones', () => {
    expect(problemsOf(network({ routingMode: 'WORLDWIDE' }))).toEqual([
      `${FILE}: gcp.network.routingMode "WORLDWIDE" is not allowed; allowed values: "REGIONAL", "GLOBAL"`,
    ]);
  });

  it('rejects an unknown flow log interval and NAT log filter, listing the allowed values', () => {
    const problems = problemsOf(
      network({
        subnets: { main: { flowLogs: { aggregationInterval: 'INTERVAL_1_SEC' } } },
        nat: { logFilter: 'NONE' },
      })
    );
    expect(problems).toEqual([
      expect.stringMatching(
        /gcp\.network\.subnets\.main\.flowLogs\.aggregationInterval "INTERVAL_1_SEC" is not allowed; allowed values: "INTERVAL_5_SEC", /
      ),
      `${FILE}: gcp.network.nat.logFilter "NONE" is not allowed; allowed values: "ERRORS_ONLY", "TRANSLATIONS_ONLY", "ALL"`,
    ]);
  });

  it('rejects an empty list of health-check target tags and a malformed tag', () => {
    expect(problemsOf(network({ healthCheckTargetTags: [] }))).toEqual([
      `${FILE}: gcp.network.healthCheckTargetTags [] is empty; use at least one network tag (an empty list would open health-check ranges to every instance)`,
    ]);
    expect(problemsOf(network({ healthCheckTargetTags: ['Web_Servers'] }))).toEqual([
      `${FILE}: gcp.network.healthCheckTargetTags[0] "Web_Servers" is not a GCP network tag; use 1-63 lowercase letters, digits and "-", starting with a letter`,
    ]);
  });

  it('rejects secondary range names that differ only by case (and are not valid GCP names)', () => {
    const problems = problemsOf({}, (input) => {
      input.gcp.network.subnets.main.secondaryRanges = { pods: '10.4.0.0/14', Pods: '10.1.16.0/20' };
    });
    expect(problems).toContainEqual(
      `${FILE}: gcp.network.subnets.main.secondaryRanges.Pods "Pods" is not unique within the subnet; use a distinct name for each secondary range`
    );
    expect(problems).toContainEqual(
      `${FILE}: gcp.network.subnets.main.secondaryRanges.Pods "Pods" is not a valid secondary range name ("Pods"); use 1-42 lowercase letters, digits and "-", starting with a letter and not ending with "-"`
    );
  });

  it('rejects a duplicate secondary range name written twice in YAML', () => {
    const yaml = stringify(baseEnvironmentInput()).replace(
      /( +)services: 10\.1\.16\.0\/20\n/,
      (line, indent: string) => `${line}${indent}services: 10.1.32.0/20\n`
    );
    const { problems } = parseEnvironment(FILE, yaml);
    expect(problems).toEqual([
      expect.objectContaining({
        path: 'gcp.network.subnets.main.secondaryRanges.services',
        message: expect.stringMatching(/^is given twice \(again on line \d+\); each key may appear once in a mapping$/),
      }),
    ]);
  });

  it('rejects a subnet name that is not a valid GCP name', () => {
    const problems = problemsOf({}, (input) => {
      input.gcp.network.subnets = { Main_Subnet: { cidr: '10.1.0.0/20' } };
    });
    expect(problems).toEqual([
      `${FILE}: gcp.network.subnets.Main_Subnet "Main_Subnet" is not a valid subnet name ("Main_Subnet"); use 1-42 lowercase letters, digits and "-", starting with a letter and not ending with "-"`,
    ]);
  });

  it('rejects an enabled network without subnets, but not a disabled one', () => {
    const empty = (input: Record<string, any>) => {
      input.gcp.network.subnets = {};
    };
    expect(problemsOf({}, empty)).toEqual([
      `${FILE}: gcp.network.subnets {} is empty; use at least one subnet, e.g. main: { cidr: 10.1.0.0/20 }`,
    ]);
    expect(problemsOf(network({ enabled: false }), empty)).toEqual([]);
  });

  it('reports a GCP problem together with an unrelated field problem in one run', () => {
    const problems = problemsOf({ aws: { accountId: '12' } }, (input) => {
      input.gcp.network.subnets.main.gke = true;
      delete input.gcp.network.subnets.main.secondaryRanges.services;
    });
    expect(problems).toContainEqual(expect.stringMatching(/^config\/test\.yaml: aws\.accountId /));
    expect(problems).toContainEqual(
      expect.stringMatching(/gcp\.network\.subnets\.main\.secondaryRanges .*missing "services"/)
    );
  });

  it('rejects unknown fields of a subnet and of flowLogs, listing the allowed ones', () => {
    const problems = problemsOf(
      network({ subnets: { main: { privateGoogleAccess: false, flowLogs: { filter: 'x' } } } })
    );
    expect(problems).toContainEqual(
      `${FILE}: gcp.network.subnets.main.privateGoogleAccess is not a known field; allowed fields here: cidr, secondaryRanges, gke, flowLogs`
    );
    expect(problems).toContainEqual(
      `${FILE}: gcp.network.subnets.main.flowLogs.filter is not a known field; allowed fields here: enabled, aggregationInterval, flowSampling, metadata`
    );
  });

  it('puts every subnet, secondary and private services range in the address plan', () => {
    const env = testEnvironment();
    expect(gcpNetworkRanges(env.section(gcpNetworkSection))).toEqual([
      { cidr: '10.1.0.0/20', source: 'gcp.network.subnets.main.cidr' },
      { cidr: '10.4.0.0/14', source: 'gcp.network.subnets.main.secondaryRanges.pods' },
      { cidr: '10.1.16.0/20', source: 'gcp.network.subnets.main.secondaryRanges.services' },
      { cidr: '10.2.0.0/16', source: 'gcp.network.privateServiceAccessCidr' },
    ]);
  });

  it('reports a secondary range that overlaps another cloud through the address plan check', () => {
    expect(problemsOf(network({ subnets: { main: { secondaryRanges: { pods: '10.0.64.0/18' } } } }))).toEqual([
      `${FILE}: gcp.network.subnets.main.secondaryRanges.pods "10.0.64.0/18" overlaps aws.network.cidr "10.0.0.0/16"; every range of the address plan (AWS, GCP, Azure, reserved) must be distinct`,
    ]);
  });
});
