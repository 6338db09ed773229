import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { Testing } from 'cdktf';
import { DatabaseGrant, type DatabaseGrantProps } from '../../../modules/aws/database-access';

const BASE: DatabaseGrantProps = { name: 'orders', sourceSecurityGroupId: 'sg-app', databaseSecurityGroupId: 'sg-db', resourceId: 'db-ABCDEF123', dbUser: 'orders_app' };

describe('DatabaseGrant', () => {
  it('opens the database port from the source group and to the database group', () => {
    let grant!: DatabaseGrant;
    const json = Testing.synthScope((s) => {
      grant = new DatabaseGrant(s, 'grant', { ...BASE, port: 6432, secretArn: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbC' });
    });
    expect(json).toHaveResourceWithProperties(VpcSecurityGroupIngressRule, { security_group_id: 'sg-db', referenced_security_group_id: 'sg-app', from_port: 6432, to_port: 6432, ip_protocol: 'tcp' });
    expect(json).toHaveResourceWithProperties(VpcSecurityGroupEgressRule, { security_group_id: 'sg-app', referenced_security_group_id: 'sg-db', from_port: 6432, to_port: 6432 });
    expect(grant.statements[0]!.actions).toEqual(['rds-db:connect']);
    expect(grant.statements[0]!.sid).toBe('ConnectToorders');
    expect(grant.statements[1]).toMatchObject({ actions: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'], resources: ['arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbC'] });
  });

  it('builds the rds-db:connect ARN of the user', () => {
    let arn = '';
    Testing.synthScope((s) => {
      arn = new DatabaseGrant(s, 'grant', BASE).dbUserArn;
    });
    expect(arn).toMatch(/:rds-db:\$\{TfToken\[TOKEN\.\d+\]\}:\$\{TfToken\[TOKEN\.\d+\]\}:dbuser:db-ABCDEF123\/orders_app$/);
  });

  it.each([
    [{ port: 70000 }, /prop port 70000 is not a port; use an integer from 1 to 65535/],
    [{ resourceId: 'orders-db' }, /prop resourceId "orders-db" is not an RDS resource id/],
    [{ dbUser: 'bad user' }, /prop dbUser "bad user" is not a database user name/],
    [{ secretArn: 'arn:aws:ssm:eu-west-1:123456789012:parameter/x' }, /prop secretArn ".*" is not a Secrets Manager ARN/],
  ])('rejects %j', (props, pattern) => expect(() => Testing.synthScope((s) => new DatabaseGrant(s, 'g', { ...BASE, ...props }))).toThrow(pattern));
});
