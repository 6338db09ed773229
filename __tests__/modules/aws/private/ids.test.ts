import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { idFor, keyedEntries } from '../../../../modules/aws/private/ids';
import { ValidationError } from '../../../../modules/core/validation-error';

describe('idFor', () => {
  it.each([
    ['ops@example.com', 'ops-example-com'],
    ['10.0.0.0/16', '10-0-0-0-16'],
    ['sg-0ABC123', 'sg-0abc123'],
    ['  Private A  ', 'private-a'],
  ])('turns %p into %p', (value, id) => {
    expect(idFor(value)).toBe(id);
  });
});

describe('keyedEntries', () => {
  const scope = () => new Construct(new TerraformStack(Testing.app(), 'stack'), 'scope');

  it('keys a list by value and a record by name', () => {
    expect(keyedEntries(scope(), 'cidrs', ['10.1.0.0/16', '10.2.0.0/16'])).toEqual([
      ['10-1-0-0-16', '10.1.0.0/16'],
      ['10-2-0-0-16', '10.2.0.0/16'],
    ]);
    expect(keyedEntries(scope(), 'groups', { App: 'sg-1', worker: 'sg-2' })).toEqual([
      ['app', 'sg-1'],
      ['worker', 'sg-2'],
    ]);
    expect(keyedEntries(scope(), 'none', undefined)).toEqual([]);
  });

  it('refuses a token in a list, which has no stable value to key by', () => {
    const s = scope();
    const token = new TerraformVariable(s, 'v', { type: 'string' }).stringValue;
    expect(() => keyedEntries(s, 'groups', ['sg-1', token])).toThrow(ValidationError);
    expect(() => keyedEntries(s, 'groups', ['sg-1', token])).toThrow(/prop groups\[1\] .* is a token, .*pass a record keyed by a stable name/);
  });

  it.each([
    [['a.b', 'a-b'], /prop items\[1\] "a-b" is listed twice \(same key "a-b" as entry 0\); list each entry once/],
    [['..'], /prop items\[0\] "\.\." has no letter or digit to key its resource by/],
  ])('refuses %p', (items, message) => {
    expect(() => keyedEntries(scope(), 'items', items)).toThrow(message);
  });
});
