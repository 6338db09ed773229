import { DbSubnetGroup } from '@cdktf/provider-aws/lib/db-subnet-group';
import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { EgressOnlyInternetGateway } from '@cdktf/provider-aws/lib/egress-only-internet-gateway';
import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway';
import { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { TerraformStack, Testing } from 'cdktf';
import { AwsNetwork, type AwsNetworkProps } from '../../../modules/aws/network';
import { ValidationError } from '../../../modules/core/validation-error';

const Z3 = ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'];
const BASE: AwsNetworkProps = { name: 'test', region: 'eu-west-1', cidr: '10.0.0.0/16', zones: Z3 };

const synthesized = new Map<string, string>();

/** The network synthesized with `props` (memoized: many tests read the same output). */
function synth(props: Partial<AwsNetworkProps> = {}): string {
  const key = JSON.stringify(props);
  let json = synthesized.get(key);
  if (json === undefined) {
    const stack = new TerraformStack(Testing.app(), 'test');
    new AwsNetwork(stack, 'network', { ...BASE, ...props });
    json = Testing.synth(stack);
    synthesized.set(key, json);
  }
  return json;
}

/** Construct path below the network (`private/eu-west-1a/subnet`) of a synthesized resource name. */
function pathOf(name: string): string {
  return name.replace(/^network_/, '').replace(/_[0-9A-F]{8}$/, '').replace(/_/g, '/');
}

/** Resources of one type keyed by construct path below the network (`private/eu-west-1a/subnet`), sorted. */
function resources(json: string, type: string): Record<string, any> {
  const out: Record<string, any> = {};
  for (const [name, r] of Object.entries<any>(JSON.parse(json).resource?.[type] ?? {})) out[pathOf(name)] = r;
  return out;
}

/** Data sources of one type keyed the same way. */
function dataSources(json: string, type: string): Record<string, any> {
  const out: Record<string, any> = {};
  for (const [name, r] of Object.entries<any>(JSON.parse(json).data?.[type] ?? {})) out[pathOf(name)] = r;
  return out;
}

/** The Terraform reference `${type.name.attr}` of the resource at `path`. */
function ref(json: string, type: string, path: string, attr = 'id'): string {
  const name = Object.keys(JSON.parse(json).resource?.[type] ?? {}).find((k) => pathOf(k) === path);
  if (!name) throw new Error(`no ${type} at ${path}`);
  return `\${${type}.${name}.${attr}}`;
}

describe('AwsNetwork', () => {
  describe('VPC and subnets', () => {
    it('creates a VPC with DNS support and hostnames and a Name tag', () => {
      expect(synth()).toHaveResourceWithProperties(Vpc, {
        cidr_block: '10.0.0.0/16',
        enable_dns_support: true,
        enable_dns_hostnames: true,
        tags: { Name: 'test-vpc' },
      });
    });

    it('creates one subnet per tier and zone at the computed address, keyed by tier and zone', () => {
      const subnets = resources(synth(), 'aws_subnet');
      expect(Object.fromEntries(Object.entries(subnets).map(([p, s]) => [p, [s.availability_zone, s.cidr_block]]))).toEqual({
        'public/eu-west-1a/subnet': ['eu-west-1a', '10.0.128.0/22'],
        'public/eu-west-1b/subnet': ['eu-west-1b', '10.0.132.0/22'],
        'public/eu-west-1c/subnet': ['eu-west-1c', '10.0.136.0/22'],
        'private/eu-west-1a/subnet': ['eu-west-1a', '10.0.0.0/20'],
        'private/eu-west-1b/subnet': ['eu-west-1b', '10.0.16.0/20'],
        'private/eu-west-1c/subnet': ['eu-west-1c', '10.0.32.0/20'],
        'database/eu-west-1a/subnet': ['eu-west-1a', '10.0.160.0/22'],
        'database/eu-west-1b/subnet': ['eu-west-1b', '10.0.164.0/22'],
        'database/eu-west-1c/subnet': ['eu-west-1c', '10.0.168.0/22'],
      });
    });

    it('keeps the Terraform address of existing subnets when a zone or a tier is added', () => {
      const before = resources(synth({ zones: Z3.slice(0, 2) }), 'aws_subnet');
      const after = resources(
        synth({ tiers: { cache: { type: 'isolated', cidr: '10.0.192.0/19' } } }),
        'aws_subnet',
      );
      const beforeNames = Object.keys(JSON.parse(synth({ zones: Z3.slice(0, 2) })).resource.aws_subnet);
      const afterNames = Object.keys(JSON.parse(synth({ tiers: { cache: { type: 'isolated', cidr: '10.0.192.0/19' } } })).resource.aws_subnet);
      expect(afterNames).toEqual(expect.arrayContaining(beforeNames));
      for (const [path, subnet] of Object.entries(before)) expect(after[path].cidr_block).toBe(subnet.cidr_block);
      expect(after['cache/eu-west-1c/subnet'].cidr_block).toBe('10.0.200.0/22');
    });

    it('does not give public addresses on launch and tags each subnet with its tier', () => {
      const json = synth();
      expect(json).toHaveResourceWithProperties(Subnet, {
        map_public_ip_on_launch: false,
        tags: { Name: 'test-public-eu-west-1a', Tier: 'public' },
      });
      expect(Object.values(resources(json, 'aws_subnet')).every((s) => s.map_public_ip_on_launch === false)).toBe(true);
    });

    it('merges the tags prop onto taggable resources', () => {
      expect(synth({ tags: { Team: 'net' } })).toHaveResourceWithProperties(Vpc, { tags: { Name: 'test-vpc', Team: 'net' } });
    });
  });

  describe('routing', () => {
    it('routes the public tier through the internet gateway from one shared route table', () => {
      const json = synth();
      expect(json).toHaveResourceWithProperties(InternetGateway, { vpc_id: ref(json, 'aws_vpc', 'vpc') });
      const tables = resources(json, 'aws_route_table');
      expect(Object.keys(tables).filter((p) => p.startsWith('public/'))).toEqual(['public/route-table']);
      const route = resources(json, 'aws_route')['public/default-route'];
      expect(route).toMatchObject({
        destination_cidr_block: '0.0.0.0/0',
        gateway_id: ref(json, 'aws_internet_gateway', 'internet-gateway'),
        route_table_id: ref(json, 'aws_route_table', 'public/route-table'),
      });
      const assoc = resources(json, 'aws_route_table_association');
      for (const z of ['a', 'b', 'c']) {
        expect(assoc[`public/eu-west-1${z}/route-table-association`].route_table_id).toBe(ref(json, 'aws_route_table', 'public/route-table'));
      }
    });

    it('puts one NAT gateway with an Elastic IP in each zone by default and routes each private table to its own', () => {
      const json = synth();
      const nats = resources(json, 'aws_nat_gateway');
      expect(Object.keys(nats).sort()).toEqual(['public/eu-west-1a/nat-gateway', 'public/eu-west-1b/nat-gateway', 'public/eu-west-1c/nat-gateway']);
      expect(Object.keys(resources(json, 'aws_eip'))).toHaveLength(3);
      expect(json).toHaveResourceWithProperties(NatGateway, {
        subnet_id: ref(json, 'aws_subnet', 'public/eu-west-1b/subnet'),
        allocation_id: ref(json, 'aws_eip', 'public/eu-west-1b/nat-eip', 'allocation_id'),
        connectivity_type: 'public',
      });
      const routes = resources(json, 'aws_route');
      for (const z of ['a', 'b', 'c']) {
        expect(routes[`private/eu-west-1${z}/default-route`]).toMatchObject({
          destination_cidr_block: '0.0.0.0/0',
          nat_gateway_id: ref(json, 'aws_nat_gateway', `public/eu-west-1${z}/nat-gateway`),
          route_table_id: ref(json, 'aws_route_table', `private/eu-west-1${z}/route-table`),
        });
      }
    });

    it('with natGateways single, keeps only the first zone NAT gateway and routes every private table to it', () => {
      const json = synth({ natGateways: 'single' });
      expect(Object.keys(resources(json, 'aws_nat_gateway'))).toEqual(['public/eu-west-1a/nat-gateway']);
      expect(Object.keys(resources(json, 'aws_eip'))).toEqual(['public/eu-west-1a/nat-eip']);
      const routes = resources(json, 'aws_route');
      for (const z of ['a', 'b', 'c']) {
        expect(routes[`private/eu-west-1${z}/default-route`].nat_gateway_id).toBe(ref(json, 'aws_nat_gateway', 'public/eu-west-1a/nat-gateway'));
      }
    });

    it('with natGateways none, creates no NAT gateway and gives the private tier no default route', () => {
      const json = synth({ natGateways: 'none' });
      expect(json).not.toHaveResource(NatGateway);
      expect(Object.keys(resources(json, 'aws_route'))).toEqual(['public/default-route']);
    });

    it('gives the isolated database tier a route table per zone with no route out', () => {
      const json = synth();
      const tables = Object.keys(resources(json, 'aws_route_table'));
      expect(tables).toEqual(expect.arrayContaining(['database/eu-west-1a/route-table', 'database/eu-west-1b/route-table', 'database/eu-west-1c/route-table']));
      expect(Object.keys(resources(json, 'aws_route')).filter((p) => p.startsWith('database/'))).toEqual([]);
      expect(resources(json, 'aws_route_table_association')['database/eu-west-1b/route-table-association']).toMatchObject({
        subnet_id: ref(json, 'aws_subnet', 'database/eu-west-1b/subnet'),
        route_table_id: ref(json, 'aws_route_table', 'database/eu-west-1b/route-table'),
      });
    });

    it('routes a further private tier through NAT and a further public tier through the internet gateway', () => {
      const json = synth({
        tiers: { app: { type: 'private', cidr: '10.0.192.0/19' }, edge: { type: 'public', cidr: '10.0.224.0/19' } },
      });
      const routes = resources(json, 'aws_route');
      expect(routes['app/eu-west-1a/default-route'].nat_gateway_id).toBe(ref(json, 'aws_nat_gateway', 'public/eu-west-1a/nat-gateway'));
      expect(routes['edge/default-route'].gateway_id).toBe(ref(json, 'aws_internet_gateway', 'internet-gateway'));
    });
  });

  describe('lock-down', () => {
    it('adopts the default security group and strips every rule', () => {
      const json = synth();
      expect(json).toHaveResourceWithProperties(DefaultSecurityGroup, {
        vpc_id: ref(json, 'aws_vpc', 'vpc'),
        ingress: [],
        egress: [],
      });
    });
  });

  describe('flow logs', () => {
    it('sends ALL traffic to a CloudWatch log group kept 365 days by default, through a least-privilege role', () => {
      const json = synth({ accountId: '123456789012' });
      expect(resources(json, 'aws_cloudwatch_log_group')['flow-log/log-group']).toMatchObject({
        name: '/aws/vpc-flow-logs/test',
        retention_in_days: 365,
      });
      expect(resources(json, 'aws_flow_log')['flow-log/resource']).toMatchObject({
        vpc_id: ref(json, 'aws_vpc', 'vpc'),
        traffic_type: 'ALL',
        log_destination_type: 'cloud-watch-logs',
        log_destination: ref(json, 'aws_cloudwatch_log_group', 'flow-log/log-group', 'arn'),
        iam_role_arn: ref(json, 'aws_iam_role', 'flow-log/role', 'arn'),
      });
      const docs = dataSources(json, 'aws_iam_policy_document');
      const byPath = (p: string): any => docs[p];
      expect(byPath('flow-log/trust').statement).toEqual([
        expect.objectContaining({
          actions: ['sts:AssumeRole'],
          principals: [{ type: 'Service', identifiers: ['vpc-flow-logs.amazonaws.com'] }],
          condition: [
            { test: 'StringEquals', variable: 'aws:SourceAccount', values: ['123456789012'] },
            {
              test: 'ArnLike',
              variable: 'aws:SourceArn',
              values: [expect.stringMatching(/^arn:\$\{data\.aws_partition\..*\}:ec2:\$\{data\.aws_region\..*\}:123456789012:vpc-flow-log\/\*$/)],
            },
          ],
        }),
      ]);
      const logGroupArn = ref(json, 'aws_cloudwatch_log_group', 'flow-log/log-group', 'arn');
      expect(byPath('flow-log/write').statement).toEqual([
        expect.objectContaining({
          effect: 'Allow',
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
          resources: [logGroupArn, `${logGroupArn}:*`],
        }),
      ]);
      expect(resources(json, 'aws_iam_role_policy')['flow-log/role-policy'].role).toBe(ref(json, 'aws_iam_role', 'flow-log/role'));
    });

    it('encrypts the log group with its own rotated customer key that CloudWatch Logs may use for this group only', () => {
      const json = synth({ accountId: '123456789012' });
      const key = resources(json, 'aws_kms_key')['flow-log/key'];
      expect(key).toMatchObject({ enable_key_rotation: true, deletion_window_in_days: 30 });
      expect(resources(json, 'aws_cloudwatch_log_group')['flow-log/log-group'].kms_key_id).toBe(
        ref(json, 'aws_kms_key', 'flow-log/key', 'arn'),
      );
      const policy = dataSources(json, 'aws_iam_policy_document')['flow-log/key-policy'];
      const logs = policy.statement.find((st: any) => st.sid === 'AllowCloudWatchLogsForTheFlowLogs');
      expect(logs.principals[0].identifiers[0]).toMatch(/^logs\.\$\{data\.aws_region\..*\.name\}\.amazonaws\.com$/);
      expect(logs.condition).toEqual([
        {
          test: 'ArnEquals',
          variable: 'kms:EncryptionContext:aws:logs:arn',
          values: [expect.stringMatching(/:logs:.*:123456789012:log-group:\/aws\/vpc-flow-logs\/test$/)],
        },
      ]);
    });

    it('scopes the flow-logs trust policy to the caller account when no accountId is given', () => {
      const trust = dataSources(synth(), 'aws_iam_policy_document')['flow-log/trust'];
      expect(trust.statement[0].condition[0]).toEqual({
        test: 'StringEquals',
        variable: 'aws:SourceAccount',
        values: [expect.stringMatching(/^\$\{data\.aws_caller_identity\..*\.account_id\}$/)],
      });
    });

    it('encrypts the log group with the given KMS key and keeps the given retention and traffic type', () => {
      const kmsKeyArn = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
      const json = synth({ flowLogs: { retentionDays: 14, kmsKeyArn, trafficType: 'REJECT' } });
      expect(resources(json, 'aws_cloudwatch_log_group')['flow-log/log-group']).toMatchObject({
        retention_in_days: 14,
        kms_key_id: kmsKeyArn,
      });
      expect(resources(json, 'aws_flow_log')['flow-log/resource'].traffic_type).toBe('REJECT');
      expect(resources(json, 'aws_kms_key')).toEqual({});
    });

    it('sends flow logs to an S3 bucket without a log group or role', () => {
      const json = synth({ flowLogs: { destination: 's3', s3BucketArn: 'arn:aws:s3:::acme-flow-logs' } });
      expect(resources(json, 'aws_flow_log')['flow-log/resource']).toMatchObject({
        log_destination_type: 's3',
        log_destination: 'arn:aws:s3:::acme-flow-logs',
      });
      expect(resources(json, 'aws_cloudwatch_log_group')).toEqual({});
      expect(resources(json, 'aws_iam_role')).toEqual({});
    });

    it('records no flow logs when flowLogs is false', () => {
      expect(resources(synth({ flowLogs: false }), 'aws_flow_log')).toEqual({});
    });
  });

  describe('endpoints', () => {
    it('keys interface endpoints by service: removing a middle one renames no other resource', () => {
      const addresses = (json: string) =>
        Object.entries<any>(JSON.parse(json).resource).flatMap(([type, rs]) => Object.keys(rs).map((n) => `${type}.${n}`));
      const before = addresses(synth({ interfaceEndpoints: ['secretsmanager', 'kms', 'logs'] }));
      const after = addresses(synth({ interfaceEndpoints: ['secretsmanager', 'logs'] }));
      expect(before.filter((a) => !after.includes(a))).toEqual([expect.stringMatching(/^aws_vpc_endpoint\.network_endpoints_interface_kms_/)]);
      expect(after.filter((a) => !before.includes(a))).toEqual([]);
    });

    it('adds S3 and DynamoDB gateway endpoints to the private and database route tables only', () => {
      const json = synth();
      const expected = ['private', 'database'].flatMap((t) =>
        ['a', 'b', 'c'].map((z) => ref(json, 'aws_route_table', `${t}/eu-west-1${z}/route-table`)),
      );
      for (const service of ['s3', 'dynamodb']) {
        expect(json).toHaveResourceWithProperties(VpcEndpoint, {
          service_name: `com.amazonaws.eu-west-1.${service}`,
          vpc_endpoint_type: 'Gateway',
          route_table_ids: expected,
        });
      }
    });

    it('creates the default interface endpoints in the private subnets with private DNS and the endpoint security group', () => {
      const json = synth();
      const endpoints = Object.values(resources(json, 'aws_vpc_endpoint')).filter((e) => e.vpc_endpoint_type === 'Interface');
      expect(endpoints.map((e) => e.service_name).sort()).toEqual(
        ['ecr.api', 'ecr.dkr', 'kms', 'logs', 'secretsmanager', 'sts'].map((s) => `com.amazonaws.eu-west-1.${s}`),
      );
      const privateSubnets = ['a', 'b', 'c'].map((z) => ref(json, 'aws_subnet', `private/eu-west-1${z}/subnet`));
      for (const e of endpoints) {
        expect(e).toMatchObject({
          private_dns_enabled: true,
          subnet_ids: privateSubnets,
          security_group_ids: [ref(json, 'aws_security_group', 'endpoints/security-group')],
        });
      }
    });

    it('lets only HTTPS from the VPC range reach the interface endpoints', () => {
      const json = synth();
      const rules = resources(json, 'aws_vpc_security_group_ingress_rule');
      expect(Object.values(rules)).toEqual([
        expect.objectContaining({
          security_group_id: ref(json, 'aws_security_group', 'endpoints/security-group'),
          ip_protocol: 'tcp',
          from_port: 443,
          to_port: 443,
          cidr_ipv4: ref(json, 'aws_vpc', 'vpc', 'cidr_block'),
        }),
      ]);
      expect(resources(json, 'aws_vpc_security_group_egress_rule')).toEqual({});
      const sg = resources(json, 'aws_security_group')['endpoints/security-group'];
      expect(sg.ingress).toBeUndefined();
      expect(sg.egress).toBeUndefined();
    });

    it('creates exactly the listed endpoints', () => {
      const json = synth({ interfaceEndpoints: ['secretsmanager', 's3'], gatewayEndpoints: ['s3'] });
      const endpoints = Object.keys(resources(json, 'aws_vpc_endpoint'));
      expect(endpoints.sort()).toEqual(['endpoints/gateway/s3', 'endpoints/interface/s3', 'endpoints/interface/secretsmanager']);
    });
  });

  it('creates a DB subnet group over the database subnets', () => {
    const json = synth();
    expect(json).toHaveResourceWithProperties(DbSubnetGroup, {
      name: 'test-database',
      subnet_ids: ['a', 'b', 'c'].map((z) => ref(json, 'aws_subnet', `database/eu-west-1${z}/subnet`)),
    });
  });

  describe('IPv6', () => {
    it('is off by default', () => {
      const json = synth();
      expect(json).not.toHaveResource(EgressOnlyInternetGateway);
      expect(Object.values(resources(json, 'aws_subnet')).some((s) => 'ipv6_cidr_block' in s)).toBe(false);
    });

    it('asks for an Amazon-provided /56 and gives each subnet a distinct /64 with IPv6 default routes', () => {
      const json = synth({ enableIpv6: true });
      expect(json).toHaveResourceWithProperties(Vpc, { assign_generated_ipv6_cidr_block: true });
      expect(json).toHaveResource(EgressOnlyInternetGateway);
      const subnets = resources(json, 'aws_subnet');
      const vpcIpv6 = ref(json, 'aws_vpc', 'vpc', 'ipv6_cidr_block').slice(2, -1);
      expect(subnets['private/eu-west-1b/subnet'].ipv6_cidr_block).toBe(`\${cidrsubnet(${vpcIpv6}, 8, 16)}`);
      expect(new Set(Object.values(subnets).map((s) => s.ipv6_cidr_block)).size).toBe(9);
      const routes = resources(json, 'aws_route');
      expect(routes['public/default-route-ipv6']).toMatchObject({
        destination_ipv6_cidr_block: '::/0',
        gateway_id: ref(json, 'aws_internet_gateway', 'internet-gateway'),
      });
      expect(routes['private/eu-west-1a/default-route-ipv6']).toMatchObject({
        destination_ipv6_cidr_block: '::/0',
        egress_only_gateway_id: ref(json, 'aws_egress_only_internet_gateway', 'egress-only-internet-gateway'),
      });
      expect(routes['database/eu-west-1a/default-route-ipv6']).toBeUndefined();
      expect(Object.keys(resources(json, 'aws_vpc_security_group_ingress_rule')).sort()).toEqual([
        'endpoints/https-from-vpc',
        'endpoints/https-from-vpc-ipv6',
      ]);
    });
  });

  describe('validation', () => {
    it.each([
      [{ zones: ['eu-west-1a'] }, /prop zones \["eu-west-1a"\] has 1 zones; use 2 to 6 availability zones/],
      [{ zones: ['eu-west-1a', 'us-east-1b'] }, /prop zones\[1\] "us-east-1b" is not an availability zone of eu-west-1/],
      [{ zones: ['eu-west-1a', 'eu-west-1a'] }, /prop zones .* lists a zone twice/],
      [{ cidr: '10.0.0.0/24' }, /prop cidr "10\.0\.0\.0\/24" is too small for 3 availability zones x 3 tiers: .*use \/22 or larger/],
      [
        { tiers: { cache: { type: 'isolated', cidr: '10.1.0.0/20' } } },
        /prop tiers\.cache\.cidr "10\.1\.0\.0\/20" is not inside aws\.network\.cidr/,
      ],
      [{ natGateways: 'two' as any }, /prop natGateways "two" is not allowed; use "none", "single" or "per-az"/],
      [{ name: 'Test' }, /prop name "Test" is not allowed; use 1-40 lowercase letters/],
      [{ interfaceEndpoints: ['Secrets Manager'] }, /endpoints: prop interfaceServices\[0\] "Secrets Manager" is not an AWS service endpoint suffix; use e\.g\./],
      [{ interfaceEndpoints: ['kms', 'kms'] }, /endpoints: prop interfaceServices\[1\] "kms" is listed twice; list each service once/],
      [{ gatewayEndpoints: ['sqs' as any] }, /endpoints: prop gatewayServices\[0\] "sqs" is not allowed; use "s3" or "dynamodb"/],
      [{ flowLogs: { retentionDays: 10 } }, /flow-log: prop retentionDays 10 is not a CloudWatch Logs retention period; use one of 1, 3/],
      [{ flowLogs: { destination: 's3' as const } }, /flow-log: prop s3BucketArn \(missing\) is needed by destination "s3"; give the ARN/],
      [{ flowLogs: { trafficType: 'SOME' as any } }, /flow-log: prop trafficType "SOME" is not allowed; use "ALL", "ACCEPT" or "REJECT"/],
    ])('rejects %j before creating anything', (props, message) => {
      expect(() => synth(props as Partial<AwsNetworkProps>)).toThrow(ValidationError);
      expect(() => synth(props as Partial<AwsNetworkProps>)).toThrow(message);
    });

    it('names the construct path in every error', () => {
      expect(() => synth({ name: 'Test' })).toThrow(/^test\/network: prop name/);
    });
  });
});

describe('AwsNetwork tierTags', () => {
  const tierTags = { public: { 'kubernetes.io/role/elb': '1' }, private: { 'kubernetes.io/role/internal-elb': '1' } };

  it("adds each tier's tags to that tier's subnets only, beside Name and Tier", () => {
    const subnets = resources(synth({ tierTags }), 'aws_subnet');
    expect(subnets['public/eu-west-1a/subnet'].tags).toEqual({ Name: 'test-public-eu-west-1a', Tier: 'public', 'kubernetes.io/role/elb': '1' });
    expect(subnets['private/eu-west-1c/subnet'].tags).toEqual({ Name: 'test-private-eu-west-1c', Tier: 'private', 'kubernetes.io/role/internal-elb': '1' });
    expect(subnets['database/eu-west-1b/subnet'].tags).toEqual({ Name: 'test-database-eu-west-1b', Tier: 'database' });
  });

  it('adds nothing by default', () => {
    const subnets = resources(synth(), 'aws_subnet');
    expect(subnets['public/eu-west-1a/subnet'].tags).toEqual({ Name: 'test-public-eu-west-1a', Tier: 'public' });
  });

  it('rejects tags for a tier the network does not have', () => {
    expect(() => synth({ tierTags: { pubic: { a: 'b' } } })).toThrow(/prop tierTags\.pubic "pubic" is not a tier of this network; use one of /);
  });
});
