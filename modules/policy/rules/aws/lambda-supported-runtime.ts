import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { check, isRef } from '../../private/attrs';

/**
 * Lambda runtimes past their deprecation date.
 * @see https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html#runtimes-deprecated
 */
export const DEPRECATED_RUNTIMES: readonly string[] = [
  'nodejs',
  'nodejs4.3',
  'nodejs4.3-edge',
  'nodejs6.10',
  'nodejs8.10',
  'nodejs10.x',
  'nodejs12.x',
  'nodejs14.x',
  'nodejs16.x',
  'python2.7',
  'python3.6',
  'python3.7',
  'python3.8',
  'ruby2.5',
  'ruby2.7',
  'java8',
  'dotnetcore1.0',
  'dotnetcore2.0',
  'dotnetcore2.1',
  'dotnetcore3.1',
  'dotnet5.0',
  'dotnet6',
  'dotnet7',
  'go1.x',
  'provided',
];

/**
 * Lambda functions use a supported runtime.
 *
 * Deprecated runtimes get no security patches and soon cannot be updated.
 */
export class LambdaSupportedRuntime extends PolicyRule {
  public readonly id = 'AWS-LAMBDA-6';
  public readonly level: PolicyLevel = 'error';
  public readonly summary = 'Lambda functions use a supported runtime';
  public readonly explanation = 'Deprecated runtimes get no security patches and soon cannot be updated.';
  public readonly fix = 'Use a current runtime (nodejs20.x or later, python3.11 or later, java21, ...).';
  public readonly resourceTypes = ['aws_lambda_function'];
  public readonly checkov = 'CKV_AWS_363';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    const runtime = a.runtime;
    if (runtime === undefined || isRef(runtime)) return a.package_type === 'Image' ? 'not-applicable' : 'compliant';
    return check(!DEPRECATED_RUNTIMES.includes(String(runtime)));
  }
}
