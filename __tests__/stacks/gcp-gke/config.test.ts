import { environmentStackGraph } from '../../../stacks';
import { gcpGkeSection } from '../../../stacks/gcp-gke/config';
import { environmentProblems, loadEnvironments, testEnvironment } from '../../helpers/environment';

/** An enabled `gcp.gke` patch with one default node pool `general`, plus `fields`. */
function gke(fields: Record<string, any> = {}): Record<string, any> {
  return { gcp: { gke: { enabled: true, nodePools: { general: {} }, ...fields } } };
}

describe('gcp.gke config', () => {
  it('parses from nothing, disabled, with the secure defaults of the construct', () => {
    expect(testEnvironment().section(gcpGkeSection)).toEqual({
      enabled: false,
      autopilot: false,
      subnet: 'main',
      podsRange: 'pods',
      servicesRange: 'services',
      privateEndpoint: true,
      masterAuthorizedNetworks: [],
      allowPublicAuthorizedNetworks: false,
      releaseChannel: 'REGULAR',
      maintenance: { startTime: '03:00', durationHours: 6, days: ['SA', 'SU'] },
      keyRotationDays: 90,
      binaryAuthorization: false,
      deletionProtection: true,
      nodePools: {},
    });
    expect(environmentStackGraph(testEnvironment()).map((n) => n.name)).not.toContain('test-gcp-gke');
  });

  it('gives a node pool the defaults of the node pool construct', () => {
    expect(testEnvironment(gke()).section(gcpGkeSection).nodePools.general).toEqual({
      machineType: 'e2-standard-4',
      diskSizeGb: 100,
      diskType: 'pd-balanced',
      minNodesPerZone: 1,
      maxNodesPerZone: 3,
      spot: false,
      labels: {},
      taints: [],
      networkTags: [],
    });
  });

  it('accepts a complete Standard cluster and an Autopilot one, and depends on the network', () => {
    expect(
      environmentProblems(
        gke({
          privateEndpoint: false,
          masterAuthorizedNetworks: [
            { cidr: '10.1.0.0/20', name: 'main-subnet' },
            { cidr: '203.0.113.0/24', name: 'office' },
          ],
          allowPublicAuthorizedNetworks: true,
          releaseChannel: 'STABLE',
          maintenance: { startTime: '22:30', durationHours: 4, days: ['MO', 'TU', 'WE'] },
          keyRotationDays: 30,
          nodePools: {
            general: { machineType: 'n2-standard-8', diskSizeGb: 200, diskType: 'pd-ssd', minNodesPerZone: 0, maxNodesPerZone: 10 },
            batch: {
              spot: true,
              labels: { workload: 'batch', 'example.com/team': 'data' },
              taints: [{ key: 'workload', value: 'batch', effect: 'NO_SCHEDULE' }],
              networkTags: ['batch-nodes'],
            },
          },
        }),
      ),
    ).toEqual([]);
    expect(environmentProblems({ gcp: { gke: { enabled: true, autopilot: true } } })).toEqual([]);
    expect(environmentStackGraph(testEnvironment(gke())).find((n) => n.name === 'test-gcp-gke')?.dependsOn).toEqual(['test-gcp-network']);
  });

  it('does not check a cluster that is off against the network', () => {
    expect(environmentProblems({ gcp: { gke: { subnet: 'elsewhere' } } })).toEqual([]);
  });

  describe('rejects, naming the file, the field, the value and what is allowed', () => {
    const F = 'config/test.yaml: gcp.gke';
    it.each<[string, Record<string, any>, string[]]>([
      ['a subnet the network lacks', { subnet: 'apps' }, [`${F}.subnet "apps" is not a subnet of gcp.network.subnets; use one of "main"`]],
      [
        'a pods range name the subnet lacks',
        { podsRange: 'pod' },
        [`${F}.podsRange "pod" is not a secondary range of gcp.network.subnets.main; use one of "pods", "services"`],
      ],
      [
        'a services range name the subnet lacks',
        { servicesRange: 'svc' },
        [`${F}.servicesRange "svc" is not a secondary range of gcp.network.subnets.main; use one of "pods", "services"`],
      ],
      [
        'the same range for pods and services',
        { servicesRange: 'pods' },
        [`${F}.servicesRange "pods" is the same range as podsRange; pods and services need two different secondary ranges`],
      ],
      [
        'a control plane open to the internet',
        { masterAuthorizedNetworks: [{ cidr: '0.0.0.0/0', name: 'all' }], allowPublicAuthorizedNetworks: true },
        [`${F}.masterAuthorizedNetworks[0].cidr "0.0.0.0/0" opens the control plane to the whole internet; 0.0.0.0/0 is never allowed`],
      ],
      [
        'a public authorized network without allowPublicAuthorizedNetworks',
        { masterAuthorizedNetworks: [{ cidr: '203.0.113.0/24', name: 'office' }] },
        [
          `${F}.masterAuthorizedNetworks[0].cidr "203.0.113.0/24" is a public range; use private (RFC 1918) ranges, or set allowPublicAuthorizedNetworks: true for a named office or CI range`,
        ],
      ],
      [
        'an authorized network listed twice',
        { masterAuthorizedNetworks: [{ cidr: '10.0.0.0/8', name: 'a' }, { cidr: '10.0.0.0/8', name: 'b' }] },
        [`${F}.masterAuthorizedNetworks[1].cidr "10.0.0.0/8" is listed twice; give each range once`],
      ],
      [
        'an authorized network with host bits and no name',
        { masterAuthorizedNetworks: [{ cidr: '10.0.0.1/8', name: '' }] },
        [
          `${F}.masterAuthorizedNetworks[0].cidr "10.0.0.1/8" has host bits set; the network address is 10.0.0.0/8`,
          `${F}.masterAuthorizedNetworks[0].name "" is empty; name each network (who or what it is)`,
        ],
      ],
      ['an unknown release channel', { releaseChannel: 'BETA' }, [`${F}.releaseChannel "BETA" is not allowed; allowed values: "RAPID", "REGULAR", "STABLE", "EXTENDED"`]],
      [
        'a maintenance window too short over 32 days',
        { maintenance: { days: ['SU'], durationHours: 6 } },
        [`${F}.maintenance.durationHours 6 is too short: the window gives 24 hours per 32 days; GKE needs 48 (add days or hours)`],
      ],
      ['a maintenance window under 4 hours', { maintenance: { durationHours: 2 } }, [`${F}.maintenance.durationHours 2 must be 4-24`]],
      ['a maintenance day given twice', { maintenance: { days: ['SA', 'SA'] } }, [`${F}.maintenance.days ["SA","SA"] lists a day twice`]],
      [
        'an unknown maintenance day',
        { maintenance: { days: ['SUN'] } },
        [`${F}.maintenance.days[0] "SUN" is not allowed; allowed values: "MO", "TU", "WE", "TH", "FR", "SA", "SU"`],
      ],
      ['a start time that is not HH:MM', { maintenance: { startTime: '3am' } }, [`${F}.maintenance.startTime "3am" is not a time of day; use HH:MM in 24-hour UTC, e.g. "03:00"`]],
      [
        'node pools on an Autopilot cluster',
        { autopilot: true },
        [`${F}.nodePools ["general"] are managed by GKE on an Autopilot cluster; remove them or set autopilot: false`],
      ],
      [
        'a Standard cluster without node pools',
        { nodePools: {} },
        [`${F}.nodePools is empty; a Standard cluster needs at least one node pool (its default pool is removed), e.g. general: {}`],
      ],
      [
        'a node pool name GKE refuses',
        { nodePools: { General: {} } },
        [`${F}.nodePools.General "General" is not a node pool name; use lower-case letters, digits and "-", starting with a letter, not ending with "-", at most 40 characters`],
      ],
      [
        'a node range upside down',
        { nodePools: { general: { minNodesPerZone: 4, maxNodesPerZone: 2 } } },
        [`${F}.nodePools.general.minNodesPerZone 4 is more than maxNodesPerZone (2); use min <= max`],
      ],
      ['a boot disk below 10 GB', { nodePools: { general: { diskSizeGb: 5 } } }, [`${F}.nodePools.general.diskSizeGb 5 is too small; use 10 to 65536 GB`]],
      [
        'an unknown taint effect',
        { nodePools: { general: { taints: [{ key: 'a', effect: 'NoSchedule' }] } } },
        [`${F}.nodePools.general.taints[0].effect "NoSchedule" is not allowed; allowed values: "NO_SCHEDULE", "PREFER_NO_SCHEDULE", "NO_EXECUTE"`],
      ],
      [
        'a taint key and effect given twice',
        { nodePools: { general: { taints: [{ key: 'b', effect: 'NO_SCHEDULE' }, { key: 'b', value: 'x', effect: 'NO_SCHEDULE' }] } } },
        [`${F}.nodePools.general.taints[1] "b" repeats key "b" with effect NO_SCHEDULE; give each key and effect once`],
      ],
      [
        'a label key Kubernetes refuses',
        { nodePools: { general: { labels: { 'bad key!': 'x' } } } },
        [`${F}.nodePools.general.labels.bad key! "bad key!" is not a Kubernetes label key; use "[prefix/]name", name 1-63 letters, digits, "-", "_", "." starting and ending alphanumeric`],
      ],
    ])('%s', (_, fields, expected) => {
      expect(environmentProblems(gke(fields))).toEqual(expected);
    });

    it('a secondary range the subnet does not have at all', () => {
      expect(environmentProblems(gke(), (input) => (input.gcp.network.subnets.main.secondaryRanges = {}))).toEqual([
        `${F}.podsRange "pods" is not a secondary range of gcp.network.subnets.main; the subnet has none: add it under secondaryRanges`,
        `${F}.servicesRange "services" is not a secondary range of gcp.network.subnets.main; the subnet has none: add it under secondaryRanges`,
      ]);
    });

    it('a cluster without the network', () => {
      expect(environmentProblems(gke({}), (input) => (input.gcp.network.enabled = false))).toContain(
        `${F}.enabled true is not possible with gcp.network.enabled false: the cluster runs on its subnet; enable the network or set enabled: false`,
      );
    });
  });

  it('is used by the shipped environments: Cloud Run and a function in each, GKE in staging and prod', () => {
    const stacks = Object.fromEntries(
      loadEnvironments('config').map(({ config }) => [
        config.name,
        environmentStackGraph(config)
          .map((n) => n.family.id)
          .filter((id) => ['gcp-run', 'gcp-functions', 'gcp-gke'].includes(id)),
      ]),
    );
    expect(stacks).toEqual({
      dev: ['gcp-run', 'gcp-functions'],
      staging: ['gcp-run', 'gcp-functions', 'gcp-gke'],
      prod: ['gcp-run', 'gcp-functions', 'gcp-gke'],
    });
  });
});
