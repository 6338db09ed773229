import { z } from 'zod';
import { ipv4Cidr } from './primitives';
import type { PlanRange } from './plan-range';

/**
 * `aws.network`: the VPC of the `<env>-aws-network` stack.
 */
export const AwsNetworkConfigSchema = z.strictObject({
  /** Create the `<env>-aws-network` stack. */
  enabled: z.boolean().default(true),
  /** The VPC's IPv4 block, e.g. `10.10.0.0/16`. */
  cidr: ipv4Cidr,
});

export type AwsNetworkConfig = z.infer<typeof AwsNetworkConfigSchema>;

/** The ranges this section adds to the cross-cloud address plan. */
export function awsNetworkRanges(network: AwsNetworkConfig): PlanRange[] {
  return [{ cidr: network.cidr, source: 'aws.network.cidr' }];
}

/**
 * Checks of this section that need the whole environment (called from checks.ts).
 * Add issues with ctx.addIssue({ code: 'custom', path: [...], input, message }).
 */
export function checkAwsNetwork(_env: any, _ctx: import('zod').RefinementCtx): void {}
