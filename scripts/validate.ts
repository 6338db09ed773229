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
import { synthAtomically } from '../modules/core/synth';
import { addEnvironmentStacks, loadAppEnvironments } from '../stacks';
import { checkStackDirAsync, findMirror, mirroredProviders, type StackCheck, terraformVersion } from './lib/offline-terraform';
import { SHARED_PROVIDERS_ENV, startSharedProviders } from './lib/shared-provider';
import { type TestResult, folderProviders, runMockedApply, validateGenerated } from './lib/terraform-test';

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
    const envs = loadAppEnvironments();
    synthAtomically((app) => envs.forEach((e) => addEnvironmentStacks(app, e.config)), outdir);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      return 1;
    }
    throw err;
  }
  // One AWS provider process for every validate and the mocked apply below (never configured by them).
  if (process.env.INFRA_TF_SHARED_PROVIDERS_OFF !== '1') {
    const shared = await startSharedProviders(mirror);
    process.env[SHARED_PROVIDERS_ENV] = shared.reattach;
    process.once('exit', () => shared.stop());
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
  const modulesFailed = process.env.VALIDATE_MODULES === '0' ? 0 : checkGeneratedModules(outdir, mirror);
  return count('invalid') > 0 || modulesFailed > 0 ? 1 : 0;
}

/**
 * The generated modules (`modules/<stack>`) and composed roots (`environments/<env>`): validate
 * (one init for all AWS-only folders) and `terraform test` with a mocked AWS provider applying
 * every AWS-only module and AWS-only root. Prints a table; returns how many failed.
 */
function checkGeneratedModules(outdir: string, mirror: string): number {
  const folders = ['modules', 'environments'].flatMap((sub) =>
    fs.existsSync(path.join(outdir, sub)) ? fs.readdirSync(path.join(outdir, sub)).sort().map((d) => `${sub}/${d}`) : [],
  );
  if (folders.length === 0) return 0;
  const awsOnly = folders.filter((d) => folderProviders(outdir, d).every((p) => p.source === 'hashicorp/aws'));
  console.log(`\nchecking ${awsOnly.length} AWS-only generated modules and roots of ${folders.length} (validate, then mocked apply)...\n`);
  const started = Date.now();
  const validated = new Map(validateGenerated(outdir, awsOnly, mirror).map((r) => [r.dir, r]));
  const applied = new Map(runMockedApply(outdir, folders.filter((d) => awsOnly.includes(d) || d.startsWith('modules/')).map((dir) => ({ dir })), mirror).map((r) => [r.dir, r]));
  const show = (r: TestResult | undefined) => (r ? r.status : '-');
  const rows = folders.map((d) => {
    const v = validated.get(d);
    const a = applied.get(d);
    const providers = folderProviders(outdir, d).map((p) => `${p.source}@${p.version ?? ''}`).join(', ');
    const detail = [v?.status === 'fail' ? v.detail : '', a && a.status !== 'pass' ? a.detail : '', !v && !a ? 'not runnable offline (providers not in the mirror)' : '']
      .filter(Boolean)
      .join('; ');
    return [d, providers, v ? show(v) : 'not runnable', a ? show(a) : 'not runnable', detail];
  });
  const header = ['module / root', 'providers', 'validate', 'mocked apply', 'detail'];
  const widths = header.map((h, i) => Math.min(60, Math.max(h.length, ...rows.map((r) => r[i]!.length))));
  const line = (cells: string[]) => cells.map((c, i) => (i < 4 ? c.padEnd(widths[i]!) : c)).join('  ');
  console.log(line(header));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  rows.forEach((r) => console.log(line(r)));
  const failed = [...validated.values(), ...applied.values()].filter((r) => r.status === 'fail').length;
  console.log(`\n${failed} failed; generated-module checks took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return failed;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
