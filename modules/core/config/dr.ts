import { z } from 'zod';

/**
 * `dr`: the AWS-to-GCP disaster-recovery link (VPN, DMS replication, failover DNS).
 */
export const DrConfigSchema = z.strictObject({
  /** Create the DR link stacks. */
  enabled: z.boolean().default(false),
});

export type DrConfig = z.infer<typeof DrConfigSchema>;

/**
 * Checks of this section that need the whole environment (called from checks.ts).
 * Add issues with ctx.addIssue({ code: 'custom', path: [...], input, message }).
 */
export function checkDr(_env: any, _ctx: import('zod').RefinementCtx): void {}
