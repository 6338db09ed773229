import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { Testing } from 'cdktf';
import { VpcEndpoints, type VpcEndpointsProps } from '../../../modules/aws/vpc-endpoints';

const PROPS: VpcEndpointsProps = {
  vpcId: 'vpc-1',
  vpcCidr: '10.0.0.0/16',
  region: 'eu-west-1',
  name: 'test',
  subnetIds: ['subnet-a', 'subnet-b'],
  routeTableIds: ['rtb-a'],
};

describe('VpcEndpoints', () => {
  it('keeps secrets, keys, logs, STS and ECR traffic private by default', () => {
    const json = JSON.parse(Testing.synthScope((scope) => new VpcEndpoints(scope, 'endpoints', PROPS)));
    const names = Object.values<any>(json.resource.aws_vpc_endpoint).map((e) => `${e.vpc_endpoint_type}:${e.service_name}`);
    expect(names.sort()).toEqual(
      [
        'Gateway:com.amazonaws.eu-west-1.dynamodb',
        'Gateway:com.amazonaws.eu-west-1.s3',
        'Interface:com.amazonaws.eu-west-1.ecr.api',
        'Interface:com.amazonaws.eu-west-1.ecr.dkr',
        'Interface:com.amazonaws.eu-west-1.kms',
        'Interface:com.amazonaws.eu-west-1.logs',
        'Interface:com.amazonaws.eu-west-1.secretsmanager',
        'Interface:com.amazonaws.eu-west-1.sts',
      ].sort(),
    );
  });

  it('creates no endpoint for empty lists', () => {
    const text = Testing.synthScope(
      (scope) => new VpcEndpoints(scope, 'endpoints', { ...PROPS, interfaceServices: [], gatewayServices: [] }),
    );
    expect(text).not.toHaveResource(VpcEndpoint);
  });
});
