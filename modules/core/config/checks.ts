import type { z } from 'zod';
import { isPrivate, overlaps, parseCidr } from '../cidr';
import { checkAwsDatabase } from './aws-database';
import { awsNetworkRanges, checkAwsNetwork } from './aws-network';
import { checkAzureDatabase } from './azure-database';
import { azureNetworkRanges, checkAzureNetwork } from './azure-network';
import { checkDr } from './dr';
import { checkGcpDatabase } from './gcp-database';
import { checkGcpNetwork, gcpNetworkRanges } from './gcp-network';
import type { PlanRange } from './plan-range';

/** Path segments of a dotted source such as `gcp.network.subnets.main.cidr`. */
function pathOf(source: string): string[] {
  return source.split('.');
}

/** Every range of the cross-cloud address plan, with its source field. */
export function planRanges(env: any): PlanRange[] {
  const ranges: PlanRange[] = [];
  ranges.push(...awsNetworkRanges(env.aws.network));
  ranges.push(...gcpNetworkRanges(env.gcp.network));
  ranges.push(...azureNetworkRanges(env.azure.network));
  for (const [name, cidr] of Object.entries(env.addressPlan?.reserved ?? {})) {
    ranges.push({ cidr: cidr as string, source: `addressPlan.reserved.${name}` });
  }
  return ranges;
}

/**
 * Whole-environment checks that a field schema cannot make: the address plan as a whole.
 *
 * Sections add their own checks here; each issue names the field it is about.
 */
export function checkEnvironment(env: any, ctx: z.RefinementCtx): void {
  for (const check of ENVIRONMENT_CHECKS) check(env, ctx);
}

/**
 * Every whole-environment check. Each may also be called on raw, partly invalid input (to report
 * every problem of a file in one run): read fields defensively; a throw is caught and ignored.
 */
export const ENVIRONMENT_CHECKS: readonly ((env: any, ctx: z.RefinementCtx) => void)[] = [
  (env, ctx) => checkAddressPlan(env, ctx),
  (env, ctx) => checkAwsNetwork(env, ctx),
  (env, ctx) => checkGcpNetwork(env, ctx),
  (env, ctx) => checkAzureNetwork(env, ctx),
  (env, ctx) => checkAwsDatabase(env, ctx),
  (env, ctx) => checkGcpDatabase(env, ctx),
  (env, ctx) => checkAzureDatabase(env, ctx),
  (env, ctx) => checkDr(env, ctx),
];

/** The cross-cloud address plan: every range private, no two overlapping. */
export function checkAddressPlan(env: any, ctx: z.RefinementCtx): void {
  const ranges = planRanges(env).filter((r) => typeof r.cidr === 'string' && !parseCidr(r.cidr).error);
  for (const r of ranges) {
    if (!isPrivate(r.cidr)) {
      ctx.addIssue({
        code: 'custom',
        path: pathOf(r.source),
        input: r.cidr,
        message:
          'is not a private range; use RFC 1918 (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16) or RFC 6598 (100.64.0.0/10) space',
      });
    }
  }
  for (let i = 0; i < ranges.length; i++) {
    for (let j = i + 1; j < ranges.length; j++) {
      const a = ranges[i]!;
      const b = ranges[j]!;
      if (a.parent === b.source || b.parent === a.source) continue;
      if (overlaps(a.cidr, b.cidr)) {
        ctx.addIssue({
          code: 'custom',
          path: pathOf(b.source),
          input: b.cidr,
          message: `overlaps ${a.source} "${a.cidr}"; every range of the address plan (AWS, GCP, Azure, reserved) must be distinct`,
        });
      }
    }
  }
}
