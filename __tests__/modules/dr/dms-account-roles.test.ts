import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { Testing } from 'cdktf';
import { DmsAccountRoles } from '../../../modules/dr/dms-account-roles';

function synth(accountId = '123456789012'): string {
  return Testing.synthScope((scope) => {
    new DmsAccountRoles(scope, 'roles', { accountId, region: 'eu-west-1' });
  });
}

describe('DmsAccountRoles', () => {
  it('creates dms-vpc-role and dms-cloudwatch-logs-role by exact name with their managed policies', () => {
    const text = synth();
    expect(text).toHaveResourceWithProperties(IamRole, { name: 'dms-vpc-role' });
    expect(text).toHaveResourceWithProperties(IamRole, { name: 'dms-cloudwatch-logs-role' });
    expect(text).toHaveResourceWithProperties(IamRolePolicyAttachment, {
      policy_arn: 'arn:aws:iam::aws:policy/service-role/AmazonDMSVPCManagementRole',
    });
    expect(text).toHaveResourceWithProperties(IamRolePolicyAttachment, {
      policy_arn: 'arn:aws:iam::aws:policy/service-role/AmazonDMSCloudWatchLogsRole',
    });
  });

  it('trusts DMS of this account only (confused-deputy conditions)', () => {
    const roles = Object.values(JSON.parse(synth()).resource.aws_iam_role) as any[];
    for (const role of roles) {
      const statement = JSON.parse(role.assume_role_policy).Statement[0];
      expect(statement.Principal).toEqual({ Service: 'dms.amazonaws.com' });
      expect(statement.Condition).toEqual({
        StringEquals: { 'aws:SourceAccount': '123456789012' },
        ArnLike: { 'aws:SourceArn': 'arn:aws:dms:eu-west-1:123456789012:*' },
      });
    }
  });

  it('rejects an account id that is not 12 digits', () => {
    expect(() => synth('1234')).toThrow(/accountId "1234" is not an AWS account id/);
  });
});
