import type { Environment } from '../../modules/core/config/load';
import { CONFIG_SECTIONS } from '../registry';
import { planRanges } from './checks';
import type { EnvironmentCore } from './config';

/**
 * The cross-cloud address plan of some environments as a Markdown table: every range of the
 * plan (AWS VPC, GCP subnets, secondary and private-services ranges, Azure VNet and subnets,
 * reserved ranges), one row per range, with the config field it comes from.
 */
export function addressPlanMarkdown(envs: readonly Environment<EnvironmentCore>[]): string {
  const rows = ['| environment | range | config field |', '|---|---|---|'];
  for (const env of envs) {
    for (const r of planRanges(env, CONFIG_SECTIONS)) rows.push(`| ${env.name} | \`${r.cidr}\` | \`${r.source}\` |`);
  }
  return rows.join('\n');
}
