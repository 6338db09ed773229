import { z } from 'zod';

/**
 * `aws.database`: the PostgreSQL server of the `<env>-aws-database` stack.
 */
export const AwsDatabaseConfigSchema = z.strictObject({
  /** Create the `<env>-aws-database` stack. */
  enabled: z.boolean().default(false),
});

export type AwsDatabaseConfig = z.infer<typeof AwsDatabaseConfigSchema>;

/**
 * Checks of this section that need the whole environment (called from checks.ts).
 * Add issues with ctx.addIssue({ code: 'custom', path: [...], input, message }).
 */
export function checkAwsDatabase(_env: any, _ctx: import('zod').RefinementCtx): void {}
