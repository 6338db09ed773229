import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';
import { TerraformStack, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { ValidationError } from '../../../modules/core/validation-error';
import { findSuppression, matchesResource, suppress } from '../../../modules/policy/suppressions';

describe('suppress', () => {
  it('applies to the construct and everything under it, with its reason', () => {
    const stack = new TerraformStack(Testing.app(), 'dev-aws-database');
    const group = new Construct(stack, 'postgres');
    const db = new DbInstance(group, 'primary', { instanceClass: 'db.t4g.micro' });
    const other = new DbInstance(stack, 'other', { instanceClass: 'db.t4g.micro' });
    suppress(group, 'AWS-RDS-3', '  single-AZ in dev  ');
    expect(findSuppression(db, 'AWS-RDS-3')).toEqual({ reason: 'single-AZ in dev', source: 'code' });
    expect(findSuppression(db, 'AWS-RDS-4')).toBeUndefined();
    expect(findSuppression(other, 'AWS-RDS-3')).toBeUndefined();
  });

  it('lets the nearest suppression win', () => {
    const stack = new TerraformStack(Testing.app(), 'dev-aws-database');
    const db = new DbInstance(stack, 'primary', { instanceClass: 'db.t4g.micro' });
    suppress(stack, 'AWS-RDS-3', 'stack-wide');
    suppress(db, 'AWS-RDS-3', 'this instance');
    expect(findSuppression(db, 'AWS-RDS-3')?.reason).toBe('this instance');
  });

  it.each(['', '   '])('refuses an empty reason (%j) with a ValidationError naming the rule', (reason) => {
    const stack = new TerraformStack(Testing.app(), 'dev-aws-database');
    expect(() => suppress(stack, 'AWS-RDS-3', reason)).toThrow(ValidationError);
    expect(() => suppress(stack, 'AWS-RDS-3', reason)).toThrow(
      /suppress\.reason .* is required: say why AWS-RDS-3 is accepted/
    );
  });

  it('refuses a malformed rule id', () => {
    const stack = new TerraformStack(Testing.app(), 'dev-aws-database');
    expect(() => suppress(stack, 'multi az', 'why')).toThrow(
      /suppress\.rule "multi az" is not a policy rule id; use an id such as "AWS-RDS-3"/
    );
  });
});

describe('matchesResource', () => {
  it.each([
    [undefined, true],
    ['dev-aws-database/postgres/primary', true],
    ['postgres/primary', true],
    ['postgres', true],
    ['postgres/prim*', true],
    ['dev-aws-database/*', true],
    ['postgres/replica', false],
    ['postgres/prim', false],
    ['other*', false],
  ])('pattern %j on dev-aws-database/postgres/primary -> %s', (pattern, expected) => {
    expect(matchesResource(pattern, 'dev-aws-database/postgres/primary', 'dev-aws-database')).toBe(expected);
  });
});
