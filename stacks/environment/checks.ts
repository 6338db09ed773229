import { isPrivate, overlaps, parseCidr } from '../../modules/core/cidr';
import { awsPartition } from '../../modules/core/regions';
import type { ConfigProblem } from '../../modules/core/config/errors';
import type { PlanRange } from '../../modules/core/config/plan-range';
import type { ConfigSection, EnvironmentCheck, ParsedEnvironment } from '../../modules/core/config/section';
import type { EnvironmentCore } from './config';

/** Path segments of a dotted source such as `gcp.network.subnets.main.cidr`. */
function pathOf(source: string): string[] {
  return source.split('.');
}

/**
 * Every range of the cross-cloud address plan, with its source field: what each registered
 * section adds (AWS VPC, GCP subnets, Azure VNet...), then the environment's reserved ranges.
 * Sections that had problems add nothing (their problems are already reported).
 */
export function planRanges(env: ParsedEnvironment<EnvironmentCore>, sections: readonly ConfigSection[]): PlanRange[] {
  const ranges: PlanRange[] = [];
  for (const section of sections) {
    const value = env.get(section);
    if (value !== undefined && section.addressRanges) ranges.push(...section.addressRanges(value));
  }
  for (const [name, cidr] of Object.entries(env.core.addressPlan.reserved)) {
    ranges.push({ cidr, source: `addressPlan.reserved.${name}` });
  }
  return ranges;
}

/** The cross-cloud address plan: every range private, no two overlapping. */
export function addressPlanCheck(sections: readonly ConfigSection[]): EnvironmentCheck {
  return (env, report) => {
    // A range already reported (too large for its VPC, host bits...) is the root cause of any
    // overlap it would show: leave it out rather than report the problems derived from it.
    const ranges = planRanges(env, sections).filter((r) => !parseCidr(r.cidr).error && !env.hasProblem(r.source));
    const privateRanges = ranges.filter((r) => {
      if (isPrivate(r.cidr)) return true;
      // Reported here, and left out of the overlap check: the overlaps would only repeat it.
      report(
        pathOf(r.source),
        r.cidr,
        'is not a private range; use RFC 1918 (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16) or RFC 6598 (100.64.0.0/10) space',
      );
      return false;
    });
    // A range inside one already reported as overlapping would only repeat that root cause; a
    // range overlapping several others is reported once, naming them.
    const overlapping = new Map<string, { cidr: string; others: string[] }>();
    for (let i = 0; i < privateRanges.length; i++) {
      for (let j = i + 1; j < privateRanges.length; j++) {
        const a = privateRanges[i]!;
        const b = privateRanges[j]!;
        if (a.parent === b.source || b.parent === a.source) continue;
        if ((a.parent && overlapping.has(a.parent)) || (b.parent && overlapping.has(b.parent))) continue;
        if (overlaps(a.cidr, b.cidr)) {
          const entry = overlapping.get(b.source) ?? { cidr: b.cidr, others: [] };
          entry.others.push(`${a.source} "${a.cidr}"`);
          overlapping.set(b.source, entry);
        }
      }
    }
    for (const [source, { cidr, others }] of overlapping) {
      const shown = others.length > 3 ? `${others.slice(0, 3).join(', ')} and ${others.length - 3} more` : others.join(', ');
      report(pathOf(source), cidr, `overlaps ${shown}; every range of the address plan (AWS, GCP, Azure, reserved) must be distinct`);
    }
  };
}

/**
 * Every AWS ARN of the environment file in the partition of `aws.region`: an account lives in one
 * partition (`aws`, `aws-cn`, `aws-us-gov`...), so `arn:aws-cn:...` in an eu-west-1 environment
 * (or `arn:aws:...` in cn-north-1) names something the environment can never reach. An ARN that
 * names a region outside its own partition is reported too. Walks every registered section.
 */
export function arnPartitionCheck(sections: readonly ConfigSection[]): EnvironmentCheck {
  return (env, report) => {
    const region: string = env.core.aws.region;
    const expected = awsPartition(region);
    const visit = (value: unknown, path: (string | number)[]): void => {
      if (typeof value === 'string') {
        const m = /^arn:([a-z-]+):[a-z0-9-]*:([a-z0-9-]*):/.exec(value);
        if (!m) return;
        const [, partition, arnRegion] = m;
        if (partition !== expected) {
          report(path, value, `is in partition ${partition}, but aws.region ${region} is in partition ${expected}; use an ARN that begins "arn:${expected}:"`);
        } else if (arnRegion && awsPartition(arnRegion) !== partition) {
          report(path, value, `names region ${arnRegion}, which is not in partition ${partition}; use the region the resource is in`);
        }
      } else if (Array.isArray(value)) {
        value.forEach((v, i) => visit(v, [...path, i]));
      } else if (value !== null && typeof value === 'object') {
        for (const [k, v] of Object.entries(value)) visit(v, [...path, k]);
      }
    };
    for (const section of sections) {
      const value = env.get(section);
      if (value !== undefined) visit(value, section.path.split('.'));
    }
  };
}

/** Which cloud account a range of the plan lives in: `aws:<account>`, `gcp:<project>`, `azure:<subscription>`. */
function accountOf(env: ParsedEnvironment<EnvironmentCore>, source: string): string | undefined {
  if (source.startsWith('aws.')) return `aws:${env.core.aws.accountId}`;
  if (source.startsWith('gcp.')) return `gcp:${env.core.gcp.projectId}`;
  if (source.startsWith('azure.')) return `azure:${env.core.azure.subscriptionId}`;
  return undefined;
}

/**
 * Address plans across environment files: two environments' ranges must not overlap (they may be
 * peered, share a VPN or a transit gateway one day), unless one of them declares `isolated: true`
 * (its networks never connect to the others'). Ranges in the same account, project or
 * subscription never overlap, isolated or not.
 */
export function crossEnvironmentPlanProblems(sections: readonly ConfigSection[]) {
  return (envs: readonly { file: string; config: ParsedEnvironment<EnvironmentCore> }[]): ConfigProblem[] => {
    const problems: ConfigProblem[] = [];
    const plans = envs.map((e) => ({ ...e, ranges: planRanges(e.config, sections).filter((r) => !parseCidr(r.cidr).error) }));
    for (let i = 0; i < plans.length; i++) {
      for (let j = i + 1; j < plans.length; j++) {
        const [a, b] = [plans[i]!, plans[j]!];
        const isolated = a.config.core.isolated || b.config.core.isolated;
        const reported = new Set<string>();
        for (const rb of b.ranges) {
          if (reported.has(rb.source) || (rb.parent && reported.has(rb.parent))) continue;
          const same = (r: PlanRange) => accountOf(a.config, r.source) !== undefined && accountOf(a.config, r.source) === accountOf(b.config, rb.source);
          // Isolation excuses overlaps with other accounts only: look for a same-account overlap first.
          const ra = a.ranges.find((r) => overlaps(r.cidr, rb.cidr) && (!isolated || same(r)));
          if (!ra) continue;
          const sameAccount = same(ra);
          reported.add(rb.source);
          problems.push({
            file: b.file,
            path: rb.source,
            message: `"${rb.cidr}" overlaps ${ra.source} "${ra.cidr}" of ${a.file}${
              sameAccount ? ', in the same account/project/subscription' : ''
            }; environments must not share address space${sameAccount ? '' : ' (or set isolated: true on one whose networks never connect to the others)'}`,
          });
        }
      }
    }
    return problems;
  };
}
