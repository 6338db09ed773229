import { z } from 'zod';

/**
 * `azure.database`: the PostgreSQL server of the `<env>-azure-database` stack.
 */
export const AzureDatabaseConfigSchema = z.strictObject({
  /** Create the `<env>-azure-database` stack. */
  enabled: z.boolean().default(false),
});

export type AzureDatabaseConfig = z.infer<typeof AzureDatabaseConfigSchema>;

/**
 * Checks of this section that need the whole environment (called from checks.ts).
 * Add issues with ctx.addIssue({ code: 'custom', path: [...], input, message }).
 */
export function checkAzureDatabase(_env: any, _ctx: import('zod').RefinementCtx): void {}
