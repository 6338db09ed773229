import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import { AWS_REGIONS, AZURE_LOCATIONS, GCP_REGIONS } from '../regions';
import { parseCidr } from '../cidr';
import { didYouMean } from './suggest';

/**
 * Small schemas shared by every section of the environment file.
 *
 * Each carries a message that says what is allowed; the loader prefixes it with the
 * file, the field path and the value received.
 */

export const awsAccountId = z
  .string()
  .regex(/^\d{12}$/, { message: 'is not an AWS account id; expected exactly 12 digits, e.g. "123456789012"' });

/** A string that must be one of a list, with the closest entry suggested when it is not. */
function oneOf(list: readonly string[], what: string) {
  return z.string().superRefine((v, ctx) => {
    if (list.includes(v)) return;
    const hint = didYouMean(v, list);
    ctx.addIssue({
      code: 'custom',
      input: v,
      message: `is not a known ${what}${hint}; expected one of ${list.slice(0, 6).join(', ')}, ... (see modules/core/regions.ts)`,
    });
  });
}

export const awsRegion = oneOf(AWS_REGIONS, 'AWS region');

export const gcpProjectId = z
  .string()
  .regex(/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/, {
    message:
      'is not a GCP project id; expected 6-30 characters of lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen',
  });

export const gcpRegion = oneOf(GCP_REGIONS, 'GCP region');

export const azureSubscriptionId = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, {
    message: 'is not an Azure subscription id; expected a lowercase GUID, e.g. "00000000-0000-0000-0000-000000000000"',
  });

export const azureLocation = oneOf(AZURE_LOCATIONS, 'Azure location');

/** An IPv4 CIDR block such as `10.0.0.0/16`, with no host bits set. */
export const ipv4Cidr = z.string().superRefine((v, ctx) => {
  const problem = parseCidr(v).error;
  if (problem) ctx.addIssue({ code: 'custom', message: problem, input: v });
});

/** Lower-case label-safe value (GCP labels allow `[a-z0-9_-]`, at most 63 characters). */
export const labelValue = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, {
    message: 'is not label-safe; use 1-63 lowercase letters, digits, "_" or "-", starting with a letter or digit',
  });

/** Name used inside stack and resource names: short, lowercase, starts with a letter. */
export const resourceName = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,22}[a-z0-9]$/, {
    message: 'is not a valid name; use 2-24 lowercase letters, digits and "-", starting with a letter, not ending with "-"',
  });

/**
 * Why `folder` is not a folder of this repository (relative to the repository root, the working
 * directory of synth), or `undefined` when it is. A path that leaves the repository (`../x`, `/etc`)
 * is refused: its files would be packaged and uploaded.
 */
export function repositoryFolderProblem(folder: string, example: string): string | undefined {
  const root = process.cwd();
  const resolved = path.resolve(root, folder);
  const rel = path.relative(root, resolved);
  if (path.isAbsolute(folder) || rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) {
    return `is not inside the repository; give a folder relative to the repository root, e.g. "${example}"`;
  }
  if (!fs.existsSync(resolved) || !fs.statSync(resolved).isDirectory()) {
    return `is not a folder of this repository; give a folder relative to the repository root, e.g. "${example}"`;
  }
  return undefined;
}
