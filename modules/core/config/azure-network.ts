import { z } from 'zod';
import { ipv4Cidr } from './primitives';
import type { PlanRange } from './plan-range';

/**
 * `azure.network`: the VNet of the `<env>-azure-network` stack.
 */
export const AzureNetworkConfigSchema = z.strictObject({
  /** Create the `<env>-azure-network` stack. */
  enabled: z.boolean().default(true),
  /** The VNet's address space, e.g. `10.30.0.0/16`. */
  addressSpace: ipv4Cidr,
});

export type AzureNetworkConfig = z.infer<typeof AzureNetworkConfigSchema>;

/** The ranges this section adds to the cross-cloud address plan. */
export function azureNetworkRanges(network: AzureNetworkConfig): PlanRange[] {
  return [{ cidr: network.addressSpace, source: 'azure.network.addressSpace' }];
}

/**
 * Checks of this section that need the whole environment (called from checks.ts).
 * Add issues with ctx.addIssue({ code: 'custom', path: [...], input, message }).
 */
export function checkAzureNetwork(_env: any, _ctx: import('zod').RefinementCtx): void {}
