import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { CustomerGateway } from '@cdktf/provider-aws/lib/customer-gateway';
import { Ec2TransitGateway } from '@cdktf/provider-aws/lib/ec2-transit-gateway';
import { Route } from '@cdktf/provider-aws/lib/route';
import { VpnConnection } from '@cdktf/provider-aws/lib/vpn-connection';
import { VpnGateway } from '@cdktf/provider-aws/lib/vpn-gateway';
import { VpnGatewayRoutePropagation } from '@cdktf/provider-aws/lib/vpn-gateway-route-propagation';
import { TerraformVariable, Testing } from 'cdktf';
import type { Construct } from 'constructs';
import { ValidationError } from '../../../modules/core/validation-error';
import { AwsDrVpn, type AwsDrVpnProps } from '../../../modules/dr/aws-dr-vpn';

/** Tunnel inside ranges of the tests, as literals (not the code's defaults). */
const INSIDE = ['169.254.21.0/30', '169.254.21.4/30', '169.254.22.0/30', '169.254.22.4/30'];

const PROPOSAL = { encryption: 'AES256', integrity: 'SHA2-256', dhGroup: 20 } as const;

const PROPS: AwsDrVpnProps = {
  namePrefix: 'test-dr',
  vpcId: 'vpc-123',
  routeTableIds: ['rtb-private-a', 'rtb-private-b', 'rtb-database'],
  customerGatewayIps: ['203.0.113.10', '203.0.113.11'],
  customerGatewayAsn: 65010,
  amazonSideAsn: 64512,
  tunnelInsideCidrs: INSIDE,
  phase1: PROPOSAL,
  phase2: { ...PROPOSAL, dhGroup: 21 },
};

function synth(
  props: Partial<AwsDrVpnProps> = {},
  more: (scope: Construct) => Partial<AwsDrVpnProps> = () => ({}),
): { text: string; json: any; vpn: AwsDrVpn } {
  let vpn!: AwsDrVpn;
  const text = Testing.synthScope((scope) => {
    vpn = new AwsDrVpn(scope, 'vpn', { ...PROPS, ...props, ...more(scope) });
  });
  return { text, json: JSON.parse(text), vpn };
}

/** Every resource address (`type.name`) of a synthesized scope. */
function addresses(json: any): string[] {
  return Object.entries<any>(json.resource).flatMap(([type, rs]) => Object.keys(rs).map((n) => `${type}.${n}`));
}

function resources(json: any, type: string): any[] {
  return Object.values(json.resource?.[type] ?? {});
}

describe('AwsDrVpn', () => {
  it('attaches a virtual private gateway with the Amazon-side ASN and propagates into every route table', () => {
    const { text, json } = synth();
    expect(text).toHaveResourceWithProperties(VpnGateway, { vpc_id: 'vpc-123', amazon_side_asn: '64512' });
    const propagations = resources(json, VpnGatewayRoutePropagation.tfResourceType);
    expect(propagations.map((p) => p.route_table_id).sort()).toEqual(['rtb-database', 'rtb-private-a', 'rtb-private-b']);
  });

  it('puts two customer gateways at the HA VPN interfaces with the Cloud Router ASN', () => {
    const { json } = synth();
    const cgws = resources(json, CustomerGateway.tfResourceType);
    expect(cgws).toHaveLength(2);
    expect(cgws.map((c) => [c.ip_address, c.bgp_asn, c.type])).toEqual([
      ['203.0.113.10', '65010', 'ipsec.1'],
      ['203.0.113.11', '65010', 'ipsec.1'],
    ]);
  });

  it('makes two BGP connections (four tunnels), IKEv2 only, one proposal per phase, distinct inside /30s', () => {
    const { json } = synth();
    const conns = resources(json, VpnConnection.tfResourceType);
    expect(conns).toHaveLength(2);
    const inside: string[] = [];
    for (const c of conns) {
      expect(c.static_routes_only).toBe(false);
      expect(c.vpn_gateway_id).toMatch(/aws_vpn_gateway\./);
      for (const t of ['tunnel1', 'tunnel2']) {
        expect(c[`${t}_ike_versions`]).toEqual(['ikev2']);
        expect(c[`${t}_phase1_encryption_algorithms`]).toEqual(['AES256']);
        expect(c[`${t}_phase1_integrity_algorithms`]).toEqual(['SHA2-256']);
        expect(c[`${t}_phase1_dh_group_numbers`]).toEqual([20]);
        expect(c[`${t}_phase2_encryption_algorithms`]).toEqual(['AES256']);
        expect(c[`${t}_phase2_integrity_algorithms`]).toEqual(['SHA2-256']);
        expect(c[`${t}_phase2_dh_group_numbers`]).toEqual([21]);
        inside.push(c[`${t}_inside_cidr`]);
      }
    }
    expect(inside).toEqual(['169.254.21.0/30', '169.254.21.4/30', '169.254.22.0/30', '169.254.22.4/30']);
    // connection A on HA interface 0, B on interface 1
    expect(conns[0].customer_gateway_id).toContain('customer-gateway-0');
    expect(conns[1].customer_gateway_id).toContain('customer-gateway-1');
  });

  it('logs every tunnel to one log group encrypted with its own rotated customer key', () => {
    const { text, json } = synth();
    expect(text).toHaveResourceWithProperties(CloudwatchLogGroup, { name: '/aws/vpn/test-dr', retention_in_days: 365 });
    const [groupName] = Object.keys(json.resource.aws_cloudwatch_log_group);
    const [keyName] = Object.keys(json.resource.aws_kms_key);
    expect(json.resource.aws_kms_key[keyName!]).toMatchObject({ enable_key_rotation: true, deletion_window_in_days: 30 });
    expect(json.resource.aws_cloudwatch_log_group[groupName!].kms_key_id).toBe(`\${aws_kms_key.${keyName}.arn}`);
    for (const c of resources(json, VpnConnection.tfResourceType)) {
      for (const t of ['tunnel1', 'tunnel2']) {
        expect(c[`${t}_log_options`]).toEqual({
          cloudwatch_log_options: {
            log_enabled: true,
            log_group_arn: `\${aws_cloudwatch_log_group.${groupName}.arn}`,
            log_output_format: 'json',
          },
        });
        expect(c[`${t}_dpd_timeout_action`]).toBe('restart');
      }
    }
  });

  it('lets CloudWatch Logs use the log key for the tunnel log group only', () => {
    const { json } = synth();
    const policy = Object.entries<any>(json.data.aws_iam_policy_document).find(([n]) => n.includes('log-key-policy'))![1];
    const logs = policy.statement.find((st: any) => st.sid === 'AllowCloudWatchLogsForTheTunnelLogs');
    expect(logs.principals[0].identifiers[0]).toMatch(/^logs\.\$\{data\.aws_region\..*\.name\}\.amazonaws\.com$/);
    expect(logs.condition).toEqual([
      {
        test: 'ArnEquals',
        variable: 'kms:EncryptionContext:aws:logs:arn',
        values: [expect.stringMatching(/:log-group:\/aws\/vpn\/test-dr$/)],
      },
    ]);
  });

  it('keys route propagations by route table: removing a middle table renames no other resource', () => {
    const before = addresses(synth().json);
    const after = addresses(synth({ routeTableIds: ['rtb-private-a', 'rtb-database'] }).json);
    expect(before.filter((a) => !after.includes(a))).toEqual([
      expect.stringMatching(/^aws_vpn_gateway_route_propagation\.vpn_route-propagation-rtb-private-b_[0-9A-F]+$/),
    ]);
    expect(after.filter((a) => !before.includes(a))).toEqual([]);
  });

  it('keys transit gateway routes by table and range: removing a middle range renames no other resource', () => {
    const tgw = { gatewayType: 'tgw' as const, transitGatewaySubnetIds: ['subnet-a', 'subnet-b'] };
    const before = addresses(synth({ ...tgw, remoteCidrs: ['10.1.0.0/20', '10.2.0.0/16', '10.3.0.0/16'] }).json);
    const after = addresses(synth({ ...tgw, remoteCidrs: ['10.1.0.0/20', '10.3.0.0/16'] }).json);
    expect(before.filter((a) => !after.includes(a)).sort()).toEqual([
      expect.stringMatching(/^aws_route\.vpn_route-rtb-database-10-2-0-0-16_/),
      expect.stringMatching(/^aws_route\.vpn_route-rtb-private-a-10-2-0-0-16_/),
      expect.stringMatching(/^aws_route\.vpn_route-rtb-private-b-10-2-0-0-16_/),
    ]);
    expect(after.filter((a) => !before.includes(a))).toEqual([]);
  });

  it('takes token route table ids keyed by a stable name', () => {
    const { vpn } = synth({}, (scope) => ({
      routeTableIds: { 'private-a': new TerraformVariable(scope, 'rtb', { type: 'string' }).stringValue },
    }));
    expect(vpn.node.tryFindChild('route-propagation-private-a')).toBeDefined();
  });

  it('lets AWS generate the pre-shared keys: none in the JSON', () => {
    const { json, text } = synth();
    for (const c of resources(json, VpnConnection.tfResourceType)) {
      expect(c.tunnel1_preshared_key).toBeUndefined();
      expect(c.tunnel2_preshared_key).toBeUndefined();
    }
    expect(text).not.toMatch(/preshared_key"\s*:/);
  });

  it('exposes the tunnels in external-gateway order with the inside addresses of each /30', () => {
    const { vpn } = synth();
    expect(vpn.tunnels).toHaveLength(4);
    expect(vpn.tunnels.map((t) => [t.insideCidr, t.awsInsideAddress, t.gcpInsideAddress])).toEqual([
      ['169.254.21.0/30', '169.254.21.1', '169.254.21.2'],
      ['169.254.21.4/30', '169.254.21.5', '169.254.21.6'],
      ['169.254.22.0/30', '169.254.22.1', '169.254.22.2'],
      ['169.254.22.4/30', '169.254.22.5', '169.254.22.6'],
    ]);
  });

  it('takes pre-shared keys given as tokens', () => {
    const keys = (scope: Construct) => ({
      presharedKeys: [1, 2, 3, 4].map(
        (n) => new TerraformVariable(scope, `k${n}`, { type: 'string', sensitive: true }).stringValue,
      ),
    });
    const conns = resources(synth({}, keys).json, VpnConnection.tfResourceType);
    expect(conns.map((c) => [c.tunnel1_preshared_key, c.tunnel2_preshared_key])).toEqual([
      ['${var.k1}', '${var.k2}'],
      ['${var.k3}', '${var.k4}'],
    ]);
  });

  it('uses a transit gateway with ECMP and routes the GCP ranges to it in tgw mode', () => {
    const { text, json } = synth({
      gatewayType: 'tgw',
      transitGatewaySubnetIds: ['subnet-a', 'subnet-b'],
      remoteCidrs: ['10.1.0.0/20', '10.2.0.0/16'],
    });
    expect(text).toHaveResourceWithProperties(Ec2TransitGateway, { amazon_side_asn: 64512, vpn_ecmp_support: 'enable' });
    expect(resources(json, Route.tfResourceType)).toHaveLength(6);
    expect(resources(json, VpnGateway.tfResourceType)).toHaveLength(0);
    for (const c of resources(json, VpnConnection.tfResourceType))
      expect(c.transit_gateway_id).toMatch(/aws_ec2_transit_gateway\./);
  });

  describe('rejects', () => {
    it.each([
      [{ tunnelInsideCidrs: INSIDE.slice(0, 3) }, /prop tunnelInsideCidrs .* has 3 ranges; .* give 4 \/30s/],
      [
        { tunnelInsideCidrs: ['169.254.1.0/30', ...INSIDE.slice(1)] },
        /prop tunnelInsideCidrs\[0\] "169.254.1.0\/30" is reserved by AWS; avoid 169.254.0.0\/30/,
      ],
      [{ tunnelInsideCidrs: ['169.254.169.252/30', ...INSIDE.slice(1)] }, /prop tunnelInsideCidrs\[0\] .* is reserved by AWS/],
      [
        { tunnelInsideCidrs: [...INSIDE.slice(0, 3), '169.254.21.0/30'] },
        /prop tunnelInsideCidrs\[3\] "169.254.21.0\/30" overlaps tunnelInsideCidrs\[0\] .*; use four distinct \/30s/,
      ],
      [{ tunnelInsideCidrs: ['10.0.0.0/30', ...INSIDE.slice(1)] }, /prop tunnelInsideCidrs\[0\] "10.0.0.0\/30" is not a \/30 inside 169.254.0.0\/16/],
      [{ amazonSideAsn: 65010 }, /prop amazonSideAsn 65010 equals customerGatewayAsn; eBGP needs two different ASNs/],
      [{ customerGatewayAsn: 15169 }, /prop customerGatewayAsn 15169 is not a private BGP ASN; use 64512-65534/],
      [
        { presharedKeys: ['short', 'validkey1', 'validkey2', 'validkey3'] },
        /prop presharedKeys\[0\] \(value hidden\) is 5 characters long; use 8-64 characters/,
      ],
      [{ presharedKeys: ['validkey0', '0validkey', 'validkey2', 'validkey3'] }, /prop presharedKeys\[1\] \(value hidden\) starts with "0"/],
      [{ presharedKeys: ['validkey0', 'valid-key', 'validkey2', 'validkey3'] }, /prop presharedKeys\[1\] \(value hidden\) holds a character other than letters/],
      [{ gatewayType: 'tgw' as const }, /prop transitGatewaySubnetIds \[\] is empty; a transit gateway attachment needs one subnet per AZ/],
      [{ phase1: { ...PROPOSAL, encryption: '3DES' as any } }, /prop phase1 .* has encryption "3DES"; use one of AES256, AES128/],
      [{ phase2: { ...PROPOSAL, dhGroup: 2 } }, /prop phase2 .* has Diffie-Hellman group 2; use one of 14, 15, 16, 19, 20, 21/],
      [{ tunnelLogRetentionDays: 10 }, /prop tunnelLogRetentionDays 10 is not a CloudWatch Logs retention; use one of 1, 3, 5/],
      [{ routeTableIds: ['rtb-a', 'rtb-a'] }, /prop routeTableIds\[1\] "rtb-a" is listed twice .*; list each entry once/],
    ])('%o', (props, message) => {
      expect(() => synth(props)).toThrow(ValidationError);
      expect(() => synth(props)).toThrow(message);
    });

    it('never echoes a bad key', () => {
      expect(() => synth({ presharedKeys: ['0secretvalue', 'validkey1', 'validkey2', 'validkey3'] })).toThrow(
        /^((?!0secretvalue).)*$/s,
      );
    });
  });
});
