import { z } from 'zod';
import { ipv4Cidr } from './primitives';
import type { PlanRange } from './plan-range';

const GcpSubnetSchema = z.strictObject({
  /** Primary IPv4 range of the subnet. */
  cidr: ipv4Cidr,
  /** Named secondary ranges (GKE pods and services), keyed by range name. */
  secondaryRanges: z.record(z.string(), ipv4Cidr).default({}),
});

/**
 * `gcp.network`: the custom-mode VPC of the `<env>-gcp-network` stack.
 */
export const GcpNetworkConfigSchema = z.strictObject({
  /** Create the `<env>-gcp-network` stack. */
  enabled: z.boolean().default(true),
  /** Regional subnets keyed by name. */
  subnets: z.record(z.string(), GcpSubnetSchema),
  /** Private services access range (Cloud SQL private IP), e.g. `10.21.0.0/16`. */
  privateServiceAccessCidr: ipv4Cidr,
});

export type GcpNetworkConfig = z.infer<typeof GcpNetworkConfigSchema>;

/** The ranges this section adds to the cross-cloud address plan. */
export function gcpNetworkRanges(network: GcpNetworkConfig): PlanRange[] {
  const out: PlanRange[] = [];
  for (const [name, subnet] of Object.entries(network.subnets ?? {})) {
    out.push({ cidr: subnet.cidr, source: `gcp.network.subnets.${name}.cidr` });
    for (const [rangeName, cidr] of Object.entries(subnet.secondaryRanges ?? {})) {
      out.push({ cidr, source: `gcp.network.subnets.${name}.secondaryRanges.${rangeName}` });
    }
  }
  out.push({ cidr: network.privateServiceAccessCidr, source: 'gcp.network.privateServiceAccessCidr' });
  return out;
}

/**
 * Checks of this section that need the whole environment (called from checks.ts).
 * Add issues with ctx.addIssue({ code: 'custom', path: [...], input, message }).
 */
export function checkGcpNetwork(_env: any, _ctx: import('zod').RefinementCtx): void {}
