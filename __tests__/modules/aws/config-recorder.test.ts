import { ConfigConfigRule } from '@cdktf/provider-aws/lib/config-config-rule';
import { ConfigConfigurationRecorder } from '@cdktf/provider-aws/lib/config-configuration-recorder';
import { ConfigConfigurationRecorderStatus } from '@cdktf/provider-aws/lib/config-configuration-recorder-status';
import { ConfigDeliveryChannel } from '@cdktf/provider-aws/lib/config-delivery-channel';
import { Testing } from 'cdktf';
import { CONFIG_MANAGED_RULES, CONFIG_RECORDER_DEFAULTS, ConfigRecorder, type ConfigRecorderProps } from '../../../modules/aws/config-recorder';

function synth(props: Partial<ConfigRecorderProps> = {}): string {
  return Testing.synthScope(
    (scope) => new ConfigRecorder(scope, 'config', { name: 'test-baseline', bucketName: 'audit-bucket', kmsKeyArn: 'arn:aws:kms:eu-west-1:123456789012:key/abc', ...props }),
  );
}

function resources(json: string, type: string): any[] {
  return Object.values(JSON.parse(json).resource[type] ?? {});
}

describe('ConfigRecorder', () => {
  it('exports its defaults: globals recorded, daily snapshots, every rule', () => {
    expect(CONFIG_RECORDER_DEFAULTS.recordGlobalResources).toBe(true);
    expect(CONFIG_RECORDER_DEFAULTS.deliveryFrequency).toBe('TwentyFour_Hours');
    expect(CONFIG_RECORDER_DEFAULTS.rules).toEqual(Object.keys(CONFIG_MANAGED_RULES));
  });

  it('records every supported resource type, global ones included, and turns the recorder on', () => {
    const json = synth();
    expect(json).toHaveResourceWithProperties(ConfigConfigurationRecorder, {
      name: 'test-baseline',
      recording_group: { all_supported: true, include_global_resource_types: true },
    });
    expect(json).toHaveResourceWithProperties(ConfigConfigurationRecorderStatus, { is_enabled: true });
    expect(resources(json, 'aws_iam_role_policy_attachment')[0].policy_arn).toMatch(/:iam::aws:policy\/service-role\/AWS_ConfigRole$/);
  });

  it('leaves global resources to another region when told', () => {
    expect(synth({ recordGlobalResources: false })).toHaveResourceWithProperties(ConfigConfigurationRecorder, {
      recording_group: { all_supported: true, include_global_resource_types: false },
    });
  });

  it('delivers to the bucket, encrypted with the key, daily by default', () => {
    expect(synth()).toHaveResourceWithProperties(ConfigDeliveryChannel, {
      s3_bucket_name: 'audit-bucket',
      s3_kms_key_arn: 'arn:aws:kms:eu-west-1:123456789012:key/abc',
      snapshot_delivery_properties: { delivery_frequency: 'TwentyFour_Hours' },
    });
  });

  it('deploys the managed rules matching the policy pack, each named after the recorder', () => {
    const json = synth();
    const identifiers = resources(json, 'aws_config_config_rule').map((r) => r.source.source_identifier);
    for (const id of ['ENCRYPTED_VOLUMES', 'RDS_STORAGE_ENCRYPTED', 'S3_BUCKET_LEVEL_PUBLIC_ACCESS_PROHIBITED', 'CLOUD_TRAIL_ENABLED', 'ROOT_ACCOUNT_MFA_ENABLED']) {
      expect(identifiers).toContain(id);
    }
    expect(json).toHaveResourceWithProperties(ConfigConfigRule, { name: 'test-baseline-root-account-mfa-enabled', source: { owner: 'AWS', source_identifier: 'ROOT_ACCOUNT_MFA_ENABLED' } });
  });

  it('deploys only the rules listed, keyed by name', () => {
    const json = synth({ rules: ['cloudtrail-enabled', 'encrypted-volumes'] });
    expect(Object.keys(JSON.parse(json).resource.aws_config_config_rule).map((k) => k.replace(/_[0-9A-F]+$/, ''))).toEqual([
      'config_rule-cloudtrail-enabled',
      'config_rule-encrypted-volumes',
    ]);
  });

  it('checks the password policy it is given', () => {
    const json = synth({ rules: ['iam-password-policy'], ruleParameters: { passwordPolicy: { minimumLength: 14, reusePrevention: 24, maxAgeDays: 90 } } });
    const params = JSON.parse(resources(json, 'aws_config_config_rule')[0].input_parameters);
    expect(params).toMatchObject({ MinimumPasswordLength: '14', PasswordReusePrevention: '24', MaxPasswordAge: '90', RequireSymbols: 'true' });
  });

  it.each([
    ['an unknown rule', { rules: ['no-such-rule'] }, /prop rules\[0\] "no-such-rule" is not a known AWS Config managed rule; use one of encrypted-volumes, /],
    ['a rule listed twice', { rules: ['cloudtrail-enabled', 'cloudtrail-enabled'] }, /prop rules\[1\] "cloudtrail-enabled" is listed twice/],
    ['an unknown delivery frequency', { deliveryFrequency: 'Daily' as any }, /prop deliveryFrequency "Daily" is not a delivery frequency; use one of One_Hour, /],
  ])('rejects %s', (_, props, pattern) => {
    expect(() => synth(props)).toThrow(pattern);
  });
});
