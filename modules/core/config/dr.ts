import { z } from 'zod';

const privateAsn = z
  .number()
  .int()
  .refine((n) => (n >= 64512 && n <= 65534) || (n >= 4200000000 && n <= 4294967294), {
    message: 'is not a private BGP ASN; use 64512-65534 or 4200000000-4294967294',
  });

const DrVpnSchema = z.strictObject({
  /** BGP ASN of the GCP Cloud Router of the HA VPN gateway (also the AWS customer gateways' ASN). */
  gcpRouterAsn: privateAsn.default(65010),
  /** Amazon-side BGP ASN of the virtual private gateway / transit gateway. */
  awsAsn: privateAsn.default(64512),
});

/**
 * `dr`: the AWS-to-GCP disaster-recovery link (VPN, DMS replication, failover DNS).
 */
export const DrConfigSchema = z.strictObject({
  /** Create the DR link: the HA VPN gateway in `<env>-gcp-network`, and the `dr` stacks. */
  enabled: z.boolean().default(false),
  /** The private HA VPN between the AWS VPC and the GCP network. */
  vpn: DrVpnSchema.prefault({}),
});

export type DrConfig = z.infer<typeof DrConfigSchema>;

/**
 * Checks of this section that need the whole environment (called from checks.ts).
 * Add issues with ctx.addIssue({ code: 'custom', path: [...], input, message }).
 */
export function checkDr(_env: any, _ctx: import('zod').RefinementCtx): void {}
