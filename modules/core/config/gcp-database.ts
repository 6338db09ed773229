import { z } from 'zod';

/**
 * `gcp.database`: the PostgreSQL server of the `<env>-gcp-database` stack.
 */
export const GcpDatabaseConfigSchema = z.strictObject({
  /** Create the `<env>-gcp-database` stack. */
  enabled: z.boolean().default(false),
});

export type GcpDatabaseConfig = z.infer<typeof GcpDatabaseConfigSchema>;

/**
 * Checks of this section that need the whole environment (called from checks.ts).
 * Add issues with ctx.addIssue({ code: 'custom', path: [...], input, message }).
 */
export function checkGcpDatabase(_env: any, _ctx: import('zod').RefinementCtx): void {}
