import { stringify } from 'yaml';
import { parseEnvironment } from '../../modules/core/config/load';
import { type EnvironmentConfig, EnvironmentConfigSchema } from '../../modules/core/config/schema';

/** A complete, valid environment file as a plain object (what YAML parsing yields). */
export function baseEnvironmentInput(name = 'test'): Record<string, any> {
  return {
    name,
    aws: { accountId: '123456789012', region: 'eu-west-1', network: { cidr: '10.0.0.0/16' } },
    gcp: {
      projectId: 'acme-test-1',
      region: 'europe-west1',
      network: {
        subnets: { main: { cidr: '10.1.0.0/20', secondaryRanges: { pods: '10.4.0.0/14', services: '10.1.16.0/20' } } },
        privateServiceAccessCidr: '10.2.0.0/16',
      },
    },
    azure: {
      subscriptionId: '00000000-0000-0000-0000-000000000000',
      location: 'westeurope',
      network: { addressSpace: '10.3.0.0/16' },
    },
    tags: { owner: 'platform-team', costCentre: 'cc-1' },
    state: { bucket: 'acme-tfstate-test', region: 'eu-west-1', lockTable: 'acme-tfstate-locks' },
  };
}

function isObject(v: unknown): v is Record<string, any> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Deep-merges `patch` into `base` (objects merge, everything else replaces). */
export function merge(base: Record<string, any>, patch: Record<string, any>): Record<string, any> {
  const out: Record<string, any> = { ...base };
  for (const [k, v] of Object.entries(patch)) out[k] = isObject(v) && isObject(out[k]) ? merge(out[k], v) : v;
  return out;
}

/** A validated environment: the base input with `patch` merged in. Throws on invalid input. */
export function testEnvironment(patch: Record<string, any> = {}, name = 'test'): EnvironmentConfig {
  return EnvironmentConfigSchema.parse(merge(baseEnvironmentInput(name), patch));
}

/** The file name environment problems are reported against in tests. */
export const TEST_FILE = 'config/test.yaml';

/**
 * Problems reported for an environment file made of the base input with `patch` merged in (then
 * `edit` applied), each as `config/test.yaml: <field path> <message>`.
 */
export function environmentProblems(patch: Record<string, any>, edit?: (input: Record<string, any>) => void): string[] {
  const input = merge(baseEnvironmentInput(), patch);
  edit?.(input);
  return parseEnvironment(TEST_FILE, stringify(input)).problems.map((p) => `${p.file}: ${p.path} ${p.message}`);
}
