import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { Testing } from 'cdktf';
import { ValidationError } from '../../../modules/core/validation-error';
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
    const json = JSON.parse(synth());
    const roles = Object.values(json.resource.aws_iam_role) as any[];
    expect(roles).toHaveLength(2);
    for (const role of roles) {
      expect(role.assume_role_policy).toMatch(/^\$\{data\.aws_iam_policy_document\.roles_trust_[0-9A-F]+\.json\}$/);
    }
    expect(Object.values<any>(json.data.aws_iam_policy_document)[0].statement).toEqual([
      {
        effect: 'Allow',
        principals: [{ type: 'Service', identifiers: ['dms.amazonaws.com'] }],
        actions: ['sts:AssumeRole'],
        condition: [
          { test: 'StringEquals', variable: 'aws:SourceAccount', values: ['123456789012'] },
          { test: 'ArnLike', variable: 'aws:SourceArn', values: ['arn:aws:dms:eu-west-1:123456789012:*'] },
        ],
      },
    ]);
  });

  it('rejects an account id that is not 12 digits', () => {
    expect(() => synth('1234')).toThrow(ValidationError);
    expect(() => synth('1234')).toThrow(/prop accountId "1234" is not an AWS account id; expected 12 digits/);
  });
});
