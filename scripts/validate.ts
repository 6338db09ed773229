/**
 * `npm run validate`: synthesize every environment, then check each stack with real Terraform.
 *
 * Stacks whose providers are all in the local mirror get `terraform init -backend=false` and
 * `terraform validate` (offline, through the repository's terraform.rc). The others are listed as
 * "not checkable" with the missing providers: never skipped silently. Exits non-zero when a stack
 * is invalid, or when terraform or the mirror is missing.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ConfigError } from '../modules/core/config/errors';
import { loadEnvironments } from '../modules/core/config/load';
import { synthAtomically } from '../modules/core/synth';
import { addEnvironmentStacks } from '../stacks';
import { checkStackDirAsync, findMirror, mirroredProviders, type StackCheck, terraformVersion } from './lib/offline-terraform';

const CONCURRENCY = Number(process.env.VALIDATE_CONCURRENCY ?? 2);

async function main(): Promise<number> {
  const version = terraformVersion();
  if (!version) {
    console.error('terraform is not on PATH: install Terraform >= 1.10 (this project is tested with 1.11.4).');
    return 2;
  }
  const mirror = findMirror();
  if (!mirror) {
    console.error(
      'No provider mirror found (a folder holding registry.terraform.io/...): set TF_PROVIDER_MIRROR to its parent folder.',
    );
    return 2;
  }
  const outdir = process.env.CDKTF_OUTDIR ?? 'cdktf.out';
  try {
    const envs = loadEnvironments();
    synthAtomically((app) => envs.forEach((e) => addEnvironmentStacks(app, e.config)), outdir);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      return 1;
    }
    throw err;
  }
  const stacksDir = path.join(outdir, 'stacks');
  const stacks = fs.readdirSync(stacksDir).sort();
  console.log(`terraform ${version}; provider mirror ${mirror}: ${mirroredProviders(mirror).join(', ')}`);
  console.log(`checking ${stacks.length} stacks, ${CONCURRENCY} at a time...\n`);

  const results: StackCheck[] = new Array(stacks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < stacks.length) {
        const i = next++;
        results[i] = await checkStackDirAsync(path.join(stacksDir, stacks[i]!), mirror);
      }
    }),
  );

  const rows = results.map((r) => [r.stack, r.providers.join(', '), r.status, r.detail]);
  const header = ['stack', 'providers', 'result', 'detail'];
  const widths = header.map((h, i) => Math.min(60, Math.max(h.length, ...rows.map((r) => r[i]!.length))));
  const line = (cells: string[]) => cells.map((c, i) => (i < 3 ? c.padEnd(widths[i]!) : c)).join('  ');
  console.log(line(header));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  rows.forEach((r) => console.log(line(r)));

  const count = (s: StackCheck['status']) => results.filter((r) => r.status === s).length;
  console.log(
    `\n${count('valid')} valid, ${count('invalid')} invalid, ${count('not checkable')} not checkable (providers missing from the mirror; checked by types and jest matchers instead)`,
  );
  return count('invalid') > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
