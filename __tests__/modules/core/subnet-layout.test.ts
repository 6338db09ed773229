import {
  SubnetLayoutError,
  layoutTable,
  subnetLayout,
  subnetLayoutProblems,
  zoneSlot,
} from '../../../modules/core/subnet-layout';

const Z2 = ['eu-west-1a', 'eu-west-1b'];
const Z3 = ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'];

/** Every (tier, zone, cidr) of a layout table, to compare a layout with a grown one. */
function entries(table: Record<string, Record<string, string>>): [string, string, string][] {
  return Object.entries(table).flatMap(([tier, zones]) => Object.entries(zones).map(([z, c]): [string, string, string] => [tier, z, c]));
}

describe('subnetLayout', () => {
  it('lays out the three well-known tiers of a /16 at fixed blocks, one slot per zone letter', () => {
    expect(layoutTable(subnetLayout({ cidr: '10.0.0.0/16', zones: Z3 }))).toEqual({
      public: { 'eu-west-1a': '10.0.128.0/22', 'eu-west-1b': '10.0.132.0/22', 'eu-west-1c': '10.0.136.0/22' },
      private: { 'eu-west-1a': '10.0.0.0/20', 'eu-west-1b': '10.0.16.0/20', 'eu-west-1c': '10.0.32.0/20' },
      database: { 'eu-west-1a': '10.0.160.0/22', 'eu-west-1b': '10.0.164.0/22', 'eu-west-1c': '10.0.168.0/22' },
    });
  });

  it('gives each tier its block and type', () => {
    const layout = subnetLayout({ cidr: '10.32.0.0/16', zones: Z2 });
    expect(Object.values(layout.tiers).map((t) => [t.name, t.type, t.cidr, t.subnetPrefix])).toEqual([
      ['public', 'public', '10.32.128.0/19', 22],
      ['private', 'private', '10.32.0.0/17', 20],
      ['database', 'isolated', '10.32.160.0/19', 22],
    ]);
  });

  it('does not move any existing subnet when an availability zone is added', () => {
    const before = entries(layoutTable(subnetLayout({ cidr: '10.0.0.0/16', zones: Z2 })));
    const after = layoutTable(subnetLayout({ cidr: '10.0.0.0/16', zones: [...Z2, 'eu-west-1c'] }));
    for (const [tier, zone, cidr] of before) expect(after[tier]![zone]).toBe(cidr);
    expect(after.private!['eu-west-1c']).toBe('10.0.32.0/20');
  });

  it('does not move any existing subnet when a tier is added', () => {
    const before = entries(layoutTable(subnetLayout({ cidr: '10.0.0.0/16', zones: Z3 })));
    const after = layoutTable(
      subnetLayout({ cidr: '10.0.0.0/16', zones: Z3, tiers: { cache: { type: 'isolated', cidr: '10.0.192.0/19' } } }),
    );
    for (const [tier, zone, cidr] of before) expect(after[tier]![zone]).toBe(cidr);
    expect(after.cache).toEqual({
      'eu-west-1a': '10.0.192.0/22',
      'eu-west-1b': '10.0.196.0/22',
      'eu-west-1c': '10.0.200.0/22',
    });
  });

  it('places a subnet by its zone letter, not its position in the list', () => {
    const table = layoutTable(subnetLayout({ cidr: '10.0.0.0/16', zones: ['eu-west-1c', 'eu-west-1a'] }));
    expect(table.private).toEqual({ 'eu-west-1a': '10.0.0.0/20', 'eu-west-1c': '10.0.32.0/20' });
    expect(zoneSlot('us-east-1f')).toBe(5);
  });

  it('honours an explicit block and subnet size for a well-known tier', () => {
    const table = layoutTable(
      subnetLayout({ cidr: '10.0.0.0/16', zones: Z2, tiers: { public: { cidr: '10.0.224.0/20', subnetPrefix: 24 } } }),
    );
    expect(table.public).toEqual({ 'eu-west-1a': '10.0.224.0/24', 'eu-west-1b': '10.0.225.0/24' });
  });

  it('numbers IPv6 /64s by the subnet position in the VPC, so no two subnets share one', () => {
    const layout = subnetLayout({ cidr: '10.0.0.0/16', zones: Z3, ipv6: true });
    const netnums = Object.values(layout.tiers).flatMap((t) => Object.values(t.subnets).map((s) => s.ipv6Netnum));
    expect(new Set(netnums).size).toBe(9);
    expect(layout.tiers.private!.subnets['eu-west-1b']!.ipv6Netnum).toBe(16);
    expect(netnums.every((n) => n >= 0 && n < 256)).toBe(true);
  });

  it.each([
    [
      'a VPC too small for the tiers',
      { cidr: '10.0.0.0/24', zones: Z3 },
      ['cidr'],
      /is too small for 3 availability zones x 3 tiers: the public tier's subnets would be \/30, smaller than the \/28 AWS allows; use \/22 or larger/,
    ],
    ['a VPC larger than /16', { cidr: '10.0.0.0/15', zones: Z2 }, ['cidr'], /is not a valid VPC size; AWS allows \/16 to \/28/],
    [
      'a tier block outside the VPC',
      { cidr: '10.0.0.0/16', zones: Z2, tiers: { cache: { type: 'isolated', cidr: '10.1.0.0/20' } } },
      ['tiers', 'cache', 'cidr'],
      /is not inside aws\.network\.cidr "10\.0\.0\.0\/16"; use a block inside the VPC range/,
    ],
    [
      'overlapping tier blocks',
      { cidr: '10.0.0.0/16', zones: Z2, tiers: { cache: { type: 'isolated', cidr: '10.0.16.0/20' } } },
      ['tiers', 'cache', 'cidr'],
      /overlaps the block "10\.0\.0\.0\/17" of tier "private"; tier blocks must not overlap \(free by default: "10\.0\.192\.0\/19", "10\.0\.224\.0\/19"\)/,
    ],
    [
      'a further tier with no block',
      { cidr: '10.0.0.0/16', zones: Z2, tiers: { cache: { type: 'isolated' } } },
      ['tiers', 'cache'],
      /has no cidr; .* e\.g\. cidr: "10\.0\.192\.0\/19" or "10\.0\.224\.0\/19"/,
    ],
    [
      'a further tier with no type',
      { cidr: '10.0.0.0/16', zones: Z2, tiers: { cache: { cidr: '10.0.192.0/19' } } },
      ['tiers', 'cache'],
      /has no type; .*public, private or isolated/,
    ],
    [
      'a well-known tier with another type',
      { cidr: '10.0.0.0/16', zones: Z2, tiers: { database: { type: 'private' } } },
      ['tiers', 'database', 'type'],
      /is not allowed for the well-known tier "database"; its type is always "isolated"/,
    ],
    [
      'a subnet size with too few slots for the zone letters',
      { cidr: '10.0.0.0/16', zones: Z3, tiers: { public: { subnetPrefix: 20 } } },
      ['tiers', 'public', 'subnetPrefix'],
      /leaves 2 subnet slots in block "10\.0\.128\.0\/19", but zone eu-west-1c needs slot 2 .*use subnetPrefix 21 or more, up to 28/,
    ],
    [
      'a subnet larger than its block',
      { cidr: '10.0.0.0/16', zones: Z2, tiers: { public: { subnetPrefix: 18 } } },
      ['tiers', 'public', 'subnetPrefix'],
      /is larger than the tier's block "10\.0\.128\.0\/19"; use a prefix from 20 to 28/,
    ],
    [
      'a tier block too small for /28 subnets',
      { cidr: '10.0.0.0/16', zones: Z2, tiers: { cache: { type: 'isolated', cidr: '10.0.192.0/27' } } },
      ['tiers', 'cache', 'cidr'],
      /is too small for 2 availability zones: its subnets would be \/30, smaller than the \/28 AWS allows; use \/25 or larger/,
    ],
    [
      'IPv6 with subnets finer than 1/256 of the VPC',
      { cidr: '10.0.0.0/16', zones: Z2, ipv6: true, tiers: { public: { subnetPrefix: 26 } } },
      ['tiers', 'public', 'subnetPrefix'],
      /is too small a subnet for ipv6: .*use subnetPrefix 24 or less/,
    ],
  ])('reports %s, naming the field and what is allowed', (_case, input, path, message) => {
    const problems = subnetLayoutProblems(input as any);
    expect(problems).toEqual([expect.objectContaining({ path, message: expect.stringMatching(message) })]);
    expect(() => subnetLayout(input as any)).toThrow(SubnetLayoutError);
  });

  it('reports a too-small VPC once, for the tier that needs the most room', () => {
    expect(subnetLayoutProblems({ cidr: '10.0.0.0/26', zones: Z2 })).toHaveLength(1);
  });
});
