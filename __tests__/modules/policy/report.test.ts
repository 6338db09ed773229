import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';
import { App, TerraformStack, Testing } from 'cdktf';
import { ValidationError } from '../../../modules/core/validation-error';
import type { PolicyPackOptions } from '../../../modules/policy/report';
import {
  assertPolicy,
  PolicyError,
  policyErrors,
  runPolicyPack,
  summarizePolicyReport,
  writePolicyReport,
} from '../../../modules/policy/report';
import { RdsIamAuthentication, RdsMultiAz } from '../../../modules/policy/rules';
import { suppress } from '../../../modules/policy/suppressions';

const RULES = [new RdsMultiAz(), new RdsIamAuthentication()];

/** dev and prod database stacks: dev single-AZ (an error), no IAM auth anywhere (a warning). */
function app(): App {
  const a = Testing.app();
  for (const env of ['dev', 'prod']) {
    const stack = new TerraformStack(a, `${env}-aws-database`);
    new DbInstance(stack, 'db', { instanceClass: 'db.t4g.micro', multiAz: env === 'prod' });
  }
  return a;
}

const run = (options: Omit<PolicyPackOptions, 'rules'> = {}, a = app()) =>
  runPolicyPack(a, { ...options, rules: RULES });

describe('runPolicyPack', () => {
  it('records one finding per rule and resource, with address, path, stack and status', () => {
    expect(run().findings).toEqual([
      {
        rule: 'AWS-RDS-3',
        level: 'error',
        resource: 'aws_db_instance.db',
        path: 'dev-aws-database/db',
        stack: 'dev-aws-database',
        status: 'non-compliant',
      },
      {
        rule: 'AWS-RDS-8',
        level: 'warning',
        resource: 'aws_db_instance.db',
        path: 'dev-aws-database/db',
        stack: 'dev-aws-database',
        status: 'non-compliant',
      },
      {
        rule: 'AWS-RDS-3',
        level: 'error',
        resource: 'aws_db_instance.db',
        path: 'prod-aws-database/db',
        stack: 'prod-aws-database',
        status: 'compliant',
      },
      {
        rule: 'AWS-RDS-8',
        level: 'warning',
        resource: 'aws_db_instance.db',
        path: 'prod-aws-database/db',
        stack: 'prod-aws-database',
        status: 'non-compliant',
      },
    ]);
  });

  it('applies environment suppressions by environment name, with a path pattern, and prints the reason', () => {
    const report = run({
      environmentSuppressions: { dev: [{ rule: 'AWS-RDS-3', resource: 'd*', reason: 'dev runs one instance' }] },
    });
    expect(report.findings[0]).toMatchObject({
      status: 'suppressed',
      reason: 'dev runs one instance',
      suppressedBy: 'environment',
    });
    expect(report.unusedSuppressions).toEqual([]);
  });

  it('applies environment suppressions given by stack name, and reports the ones that matched nothing', () => {
    const report = run({
      environmentSuppressions: {
        'dev-aws-database': [{ rule: 'AWS-RDS-3', reason: 'single-AZ dev' }],
        prod: [{ rule: 'AWS-RDS-3', reason: 'not needed any more' }],
      },
    });
    expect(report.findings[0]).toMatchObject({ status: 'suppressed', reason: 'single-AZ dev' });
    expect(report.unusedSuppressions).toEqual([{ rule: 'AWS-RDS-3', reason: 'not needed any more', scope: 'prod' }]);
  });

  it('does not apply an environment suppression whose path does not match', () => {
    const report = run({ environmentSuppressions: { dev: [{ rule: 'AWS-RDS-3', resource: 'replica', reason: 'x' }] } });
    expect(report.findings[0]?.status).toBe('non-compliant');
  });

  it('honours suppress() in code', () => {
    const a = app();
    suppress(a.node.findChild('dev-aws-database'), 'AWS-RDS-3', 'dev is rebuilt nightly');
    expect(run({}, a).findings[0]).toMatchObject({
      status: 'suppressed',
      reason: 'dev is rebuilt nightly',
      suppressedBy: 'code',
    });
  });

  it('refuses an environment suppression without a reason', () => {
    expect(() => run({ environmentSuppressions: { dev: [{ rule: 'AWS-RDS-3', reason: '' }] } })).toThrow(
      ValidationError
    );
    expect(() => run({ environmentSuppressions: { dev: [{ rule: 'AWS-RDS-3', reason: ' ' }] } })).toThrow(
      /policy suppressions of dev: prop \[0\]\.reason " " is required: say why AWS-RDS-3 is accepted here/
    );
  });

  it('refuses an environment suppression of an unknown rule', () => {
    expect(() => run({ environmentSuppressions: { dev: [{ rule: 'AWS-RDS-99', reason: 'x' }] } })).toThrow(
      /\[0\]\.rule "AWS-RDS-99" is not a rule of the policy pack/
    );
  });

  it('writes nothing: the report exists only in memory until writePolicyReport', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-'));
    const a = new App({ outdir });
    new DbInstance(new TerraformStack(a, 'dev-aws-database'), 'db', { instanceClass: 'db.t4g.micro' });
    const before = fs.readdirSync(outdir, { recursive: true });
    runPolicyPack(a, { rules: RULES });
    expect(fs.readdirSync(outdir, { recursive: true })).toEqual(before);
    expect(fs.existsSync(path.join(outdir, 'stacks', 'dev-aws-database'))).toBe(false);
  });
});

describe('policyErrors', () => {
  it('lists unsuppressed errors only, naming stack, resource, path and rule with the fix', () => {
    expect(policyErrors(run(), RULES)).toEqual([
      'dev-aws-database: aws_db_instance.db (dev-aws-database/db) breaks AWS-RDS-3: RDS instances are Multi-AZ; Set multi_az = true (multiAz). (or suppress AWS-RDS-3 with a reason)',
    ]);
  });

  it('is empty when the errors are suppressed (warnings never count)', () => {
    expect(
      policyErrors(run({ environmentSuppressions: { dev: [{ rule: 'AWS-RDS-3', reason: 'dev' }] } }), RULES)
    ).toEqual([]);
  });
});

describe('assertPolicy', () => {
  it('throws a PolicyError listing every unsuppressed error', () => {
    expect(() => assertPolicy(run(), RULES)).toThrow(PolicyError);
    expect(() => assertPolicy(run(), RULES)).toThrow(
      /^1 policy error:\n {2}- dev-aws-database: aws_db_instance\.db \(dev-aws-database\/db\) breaks AWS-RDS-3/
    );
  });

  it('passes when only warnings remain', () => {
    expect(() =>
      assertPolicy(run({ environmentSuppressions: { dev: [{ rule: 'AWS-RDS-3', reason: 'dev' }] } }), RULES)
    ).not.toThrow();
  });
});

describe('summarizePolicyReport', () => {
  it('gives one line per environment', () => {
    expect(
      summarizePolicyReport(
        run({ environmentSuppressions: { prod: [{ rule: 'AWS-RDS-8', reason: 'passwords for now' }] } })
      )
    ).toEqual([
      'dev: 2 checks on 1 resources, 1 error, 1 warning, 0 suppressed',
      'prod: 2 checks on 1 resources, 0 errors, 0 warnings, 1 suppressed',
    ]);
  });
});

describe('writePolicyReport', () => {
  it('writes <outdir>/policy/report.json with the rules and findings', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-'));
    const file = writePolicyReport(run(), outdir);
    expect(file).toBe(path.join(outdir, 'policy', 'report.json'));
    const written = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(written.version).toBe(1);
    expect(written.rules[0]).toEqual({
      id: 'AWS-RDS-3',
      level: 'error',
      summary: 'RDS instances are Multi-AZ',
      checkov: 'CKV_AWS_157',
    });
    expect(written.findings).toHaveLength(4);
    expect(written.findings[0]).toEqual({
      rule: 'AWS-RDS-3',
      level: 'error',
      resource: 'aws_db_instance.db',
      path: 'dev-aws-database/db',
      stack: 'dev-aws-database',
      status: 'non-compliant',
    });
  });
});
