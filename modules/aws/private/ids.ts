import { Token } from 'cdktf';
import type { IConstruct } from 'constructs';
import { ValidationError } from '../../core/validation-error';

/**
 * A lower-case construct id segment for a user value: `ops@example.com` -> `ops-example-com`,
 * `10.0.0.0/16` -> `10-0-0-0-16`, `sg-0abc` -> `sg-0abc`.
 *
 * Ids derived from a user list are keyed by the value, never by its index, so removing a middle
 * entry renames nothing else (terraform-aws-vpc issues 403 and 714).
 */
export function idFor(value: string): string {
  return value
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** A list-valued prop: plain values (keyed by value) or values keyed by a stable name (for tokens). */
export type KeyedList = readonly string[] | Readonly<Record<string, string>>;

/**
 * The `[id, value]` pairs of a list-valued prop, each id derived from the entry's value (a list)
 * or its name (a record).
 *
 * A list entry that is an unresolved token has no value to key by (its placeholder changes with
 * construction order): pass such values as a record keyed by a stable name instead.
 *
 * @throws ValidationError on a token in a list, an empty id or two entries with the same id
 */
export function keyedEntries(scope: IConstruct, prop: string, items: KeyedList | undefined): [string, string][] {
  if (items === undefined) return [];
  const isList = Array.isArray(items);
  const pairs: [string, string][] = isList
    ? (items as readonly string[]).map((value, i) => {
        if (Token.isUnresolved(value)) {
          throw new ValidationError(
            scope,
            `${prop}[${i}]`,
            value,
            'is a token, which cannot key a resource address; pass a record keyed by a stable name, e.g. { "app": <id> }',
          );
        }
        return [idFor(value), value];
      })
    : Object.entries(items as Readonly<Record<string, string>>).map(([name, value]) => [idFor(name), value]);
  const seen = new Map<string, number>();
  pairs.forEach(([id], i) => {
    const label = isList ? `${prop}[${i}]` : `${prop}.${Object.keys(items)[i]}`;
    const shown = isList ? (items as readonly string[])[i] : Object.keys(items)[i];
    if (id === '') {
      throw new ValidationError(scope, label, shown, 'has no letter or digit to key its resource by; use a value with one');
    }
    if (seen.has(id)) {
      throw new ValidationError(scope, label, shown, `is listed twice (same key "${id}" as entry ${seen.get(id)}); list each entry once`);
    }
    seen.set(id, i);
  });
  return pairs;
}
