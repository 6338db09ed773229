import { planRanges } from './config/checks';
import type { EnvironmentConfig } from './config/schema';

/**
 * The cross-cloud address plan of some environments as a Markdown table: every range of the
 * plan (AWS VPC, GCP subnets, secondary and private-services ranges, Azure VNet and subnets,
 * reserved ranges), one row per range, with the config field it comes from.
 */
export function addressPlanMarkdown(envs: readonly EnvironmentConfig[]): string {
  const rows = ['| environment | range | config field |', '|---|---|---|'];
  for (const env of envs) {
    for (const r of planRanges(env)) rows.push(`| ${env.name} | \`${r.cidr}\` | \`${r.source}\` |`);
  }
  return rows.join('\n');
}
