import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { TerraformOutput, Testing } from 'cdktf';
import type { Environment } from '../../../modules/core/config/load';
import type { AwsNetworkStack } from '../../../stacks/aws-network/aws-network-stack';
import { awsNetworkFamily } from '../../../stacks/aws-network/family';
import type { EnvironmentCore } from '../../../stacks/environment/config';
import { familyStack, testEnvironment } from '../../helpers/environment';

function stackFor(env: Environment<EnvironmentCore> = testEnvironment()): AwsNetworkStack {
  return familyStack<AwsNetworkStack>(awsNetworkFamily, env);
}

describe('AwsNetworkStack', () => {
  it('configures the AWS provider for the environment account and region', () => {
    expect(Testing.synth(stackFor())).toHaveProviderWithProperties(AwsProvider, {
      region: 'eu-west-1',
      allowed_account_ids: ['123456789012'],
    });
  });

  it('keeps its state in the environment bucket under its own key', () => {
    const json = JSON.parse(Testing.synth(stackFor()));
    expect(json.terraform.backend.s3).toMatchObject({
      bucket: 'acme-tfstate-test',
      key: 'test/test-aws-network.tfstate',
      encrypt: true,
      // The state key's alias, by naming: no stack waits for the bootstrap stack's outputs.
      kms_key_id: 'arn:aws:kms:eu-west-1:123456789012:alias/acme-tfstate-test',
    });
  });

  it('builds the VPC from aws.network', () => {
    expect(Testing.synth(stackFor(testEnvironment({ aws: { network: { cidr: '10.0.0.0/20' } } })))).toHaveResourceWithProperties(
      Vpc,
      { cidr_block: '10.0.0.0/20', enable_dns_hostnames: true },
    );
  });

  it('passes the flow-log, NAT, zone and endpoint settings to the network', () => {
    const env = testEnvironment({
      aws: {
        network: {
          availabilityZones: 2,
          natGateways: 'single',
          flowLogs: { retentionDays: 14 },
          interfaceEndpoints: ['secretsmanager'],
          gatewayEndpoints: ['s3'],
          ipv6: true,
        },
      },
    });
    const json = JSON.parse(Testing.synth(stackFor(env)));
    expect(Object.keys(json.resource.aws_subnet)).toHaveLength(6);
    expect(Object.keys(json.resource.aws_nat_gateway)).toHaveLength(1);
    expect(Object.values<any>(json.resource.aws_cloudwatch_log_group)[0].retention_in_days).toBe(14);
    expect(Object.values<any>(json.resource.aws_vpc_endpoint).map((e) => e.service_name).sort()).toEqual([
      'com.amazonaws.eu-west-1.s3',
      'com.amazonaws.eu-west-1.secretsmanager',
    ]);
    expect(Object.values<any>(json.resource.aws_vpc)[0].assign_generated_ipv6_cidr_block).toBe(true);
    const trust = Object.values<any>(json.data.aws_iam_policy_document).find((d) =>
      JSON.stringify(d).includes('vpc-flow-logs.amazonaws.com'),
    );
    expect(trust.statement[0].condition[0].values).toEqual(['123456789012']);
  });

  it('encrypts the flow-log group with its own customer key by default', () => {
    const json = JSON.parse(Testing.synth(stackFor()));
    const groups = Object.values<any>(json.resource.aws_cloudwatch_log_group);
    expect(groups).toHaveLength(1);
    expect(groups[0].kms_key_id).toMatch(/^\$\{aws_kms_key\.[^.]+\.arn\}$/);
    expect(Object.values<any>(json.resource.aws_kms_key)[0].enable_key_rotation).toBe(true);
  });

  it('records no flow logs when flowLogs.enabled is false', () => {
    const json = JSON.parse(Testing.synth(stackFor(testEnvironment({ aws: { network: { flowLogs: { enabled: false } } } }))));
    expect(json.resource.aws_flow_log).toBeUndefined();
  });

  it('publishes the AwsNetworkOutputs contract', () => {
    const stack = stackFor();
    const o = stack.outputs;
    expect(o.availabilityZones).toEqual(['eu-west-1a', 'eu-west-1b', 'eu-west-1c']);
    for (const list of [o.publicSubnetIds, o.privateSubnetIds, o.databaseSubnetIds, o.privateRouteTableIds, o.databaseRouteTableIds]) {
      expect(list).toHaveLength(3);
    }
    expect(new Set([...o.publicSubnetIds, ...o.privateSubnetIds, ...o.databaseSubnetIds]).size).toBe(9);
    const refs = {
      vpcId: o.vpcId,
      vpcCidr: o.vpcCidr,
      dbSubnetGroupName: o.dbSubnetGroupName,
      endpointSecurityGroupId: o.endpointSecurityGroupId,
      secretsManagerEndpointDnsName: o.secretsManagerEndpointDnsName,
    };
    const json = JSON.parse(Testing.synth(stack));
    const out = json.output;
    expect(out.vpc_id.value).toMatch(/^\$\{aws_vpc\.network_vpc_[0-9A-F]{8}\.id\}$/);
    expect(out.vpc_cidr.value).toMatch(/^\$\{aws_vpc\.network_vpc_[0-9A-F]{8}\.cidr_block\}$/);
    expect(out.db_subnet_group_name.value).toMatch(/aws_db_subnet_group\..*\.name/);
    expect(out.endpoint_security_group_id.value).toMatch(/aws_security_group\.network_endpoints_security-group_.*\.id/);
    expect(out.secrets_manager_endpoint_dns_name.value).toMatch(
      /^\$\{aws_vpc_endpoint\.network_endpoints_interface_secretsmanager_[0-9A-F]{8}\.dns_entry\[0\]\.dns_name\}$/,
    );
    expect(Object.values(refs).every((v) => typeof v === 'string' && v.length > 0)).toBe(true);
  });

  it('publishes the private and database route tables keyed by tier and zone letter', () => {
    const stack = stackFor(testEnvironment({ aws: { network: { natGateways: 'single' } } }));
    new TerraformOutput(stack, 'probe', { value: stack.outputs.keyedRouteTableIds });
    const keyed = JSON.parse(Testing.synth(stack)).output.probe.value;
    const table = (tier: string, zone: string) =>
      expect.stringMatching(new RegExp(`^\\$\\{aws_route_table\\.network_${tier}_eu-west-1${zone}_route-table_[0-9A-F]{8}\\.id\\}$`));
    expect(keyed).toEqual({
      'private-a': table('private', 'a'),
      'private-b': table('private', 'b'),
      'private-c': table('private', 'c'),
      'database-a': table('database', 'a'),
      'database-b': table('database', 'b'),
      'database-c': table('database', 'c'),
    });
  });

  it('outputs the ids per tier, the zones and the computed address layout', () => {
    const out = JSON.parse(Testing.synth(stackFor())).output;
    expect(Object.keys(out).sort()).toEqual([
      'availability_zones',
      'db_subnet_group_name',
      'endpoint_security_group_id',
      'route_table_ids',
      'secrets_manager_endpoint_dns_name',
      'subnet_ids',
      'subnet_layout',
      'vpc_cidr',
      'vpc_id',
    ]);
    expect(out.availability_zones.value).toEqual(['eu-west-1a', 'eu-west-1b', 'eu-west-1c']);
    expect(Object.keys(out.subnet_ids.value).sort()).toEqual(['database', 'private', 'public']);
    expect(out.route_table_ids.value.public).toHaveLength(1);
    expect(out.route_table_ids.value.private).toHaveLength(3);
    expect(out.subnet_layout.value).toEqual({
      public: { 'eu-west-1a': '10.0.128.0/22', 'eu-west-1b': '10.0.132.0/22', 'eu-west-1c': '10.0.136.0/22' },
      private: { 'eu-west-1a': '10.0.0.0/20', 'eu-west-1b': '10.0.16.0/20', 'eu-west-1c': '10.0.32.0/20' },
      database: { 'eu-west-1a': '10.0.160.0/22', 'eu-west-1b': '10.0.164.0/22', 'eu-west-1c': '10.0.168.0/22' },
    });
  });

});
