import { z } from 'zod';

/**
 * A schema that also runs one of a construct's exported rule functions (`...Problem(value)`), so
 * a limit is written once, in the construct, and a config value breaking it is reported with its
 * file and field before any stack exists.
 */
export function ruled<T extends z.ZodType>(schema: T, problem: (value: z.output<T>) => string | undefined) {
  return schema.superRefine((value, ctx) => {
    const message = problem(value as z.output<T>);
    if (message) ctx.addIssue({ code: 'custom', message, input: value });
  });
}

/** YAML reads `3.12` and `1` as numbers; versions and zones are strings to azurerm. */
export const numberAsString = (v: unknown): unknown => (typeof v === 'number' ? String(v) : v);
