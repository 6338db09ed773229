import { XrayGroup } from '@cdktf/provider-aws/lib/xray-group';
import { XraySamplingRule } from '@cdktf/provider-aws/lib/xray-sampling-rule';
import { Testing } from 'cdktf';
import { XrayTracing, type XrayTracingProps } from '../../../modules/aws/xray';

const synth = (props: Partial<XrayTracingProps> = {}) =>
  Testing.synthScope((scope) => new XrayTracing(scope, 'xray', { namePrefix: 'test', samplingRules: { default: { priority: 9000, fixedRate: 0.05 } }, groups: { errors: 'fault = true OR error = true' }, ...props }));

describe('XrayTracing', () => {
  it('creates the sampling rules, matching every request unless narrowed', () => {
    expect(synth()).toHaveResourceWithProperties(XraySamplingRule, { rule_name: 'test-default', priority: 9000, fixed_rate: 0.05, reservoir_size: 1, service_name: '*', url_path: '*', http_method: '*', version: 1 });
  });

  it('creates the groups with Insights on', () => {
    expect(synth()).toHaveResourceWithProperties(XrayGroup, { group_name: 'test-errors', filter_expression: 'fault = true OR error = true', insights_configuration: { insights_enabled: true } });
  });

  it.each([
    [{ samplingRules: { r: { priority: 0, fixedRate: 0.1 } } }, /prop samplingRules\.r\.priority 0 is not allowed; use 1 to 9999/],
    [{ samplingRules: { r: { priority: 1, fixedRate: 5 } } }, /prop samplingRules\.r\.fixedRate 5 is not a share; use 0 to 1/],
    [{ samplingRules: { 'a-very-long-rule-name-for-xray': { priority: 1, fixedRate: 0.1 } } }, /prop samplingRules\.a-very-long-rule-name-for-xray "test-a-very-long-rule-name-for-xray" makes a rule name 35 characters long; X-Ray allows 32/],
    [{ groups: { g: ' ' } }, /prop groups\.g " " is empty; give a filter expression/],
  ])('refuses %j', (props, pattern) => {
    expect(() => synth(props as Partial<XrayTracingProps>)).toThrow(pattern);
  });
});
