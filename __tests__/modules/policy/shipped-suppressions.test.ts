import * as fs from 'node:fs';
import * as path from 'node:path';
import { App, Testing } from 'cdktf';
import { runPolicyPack, suppressionTableMarkdown } from '../../../modules/policy';
import { addEnvironmentStacks } from '../../../stacks';
import { policySection, unusedSuppressionProblems } from '../../../stacks/environment/policy';
import { loadEnvironments } from '../../helpers/environment';

/**
 * The shipped environments pass the policy pack with no unsuppressed error, and every
 * suppression they rely on is listed, with its reason, in docs/policy.md.
 */
describe('the policy pack on the shipped environments', () => {
  const envs = loadEnvironments('config');
  const app = new App({ outdir: Testing.app().outdir });
  for (const { config } of envs) addEnvironmentStacks(app, config);
  const report = runPolicyPack(app, {
    environmentSuppressions: Object.fromEntries(envs.map(({ config }) => [config.name, config.section(policySection).suppressions])),
  });

  it('has no unsuppressed error', () => {
    const errors = report.findings.filter((f) => f.status === 'non-compliant' && f.level === 'error');
    expect(errors.map((f) => `${f.stack} ${f.path} ${f.rule}`)).toEqual([]);
  });

  it('uses every suppression the environment files declare', () => {
    expect(report.unusedSuppressions).toEqual([]);
  });

  it('lists every suppression with its reason in docs/policy.md (paste the printed table when this fails)', () => {
    const table = suppressionTableMarkdown(report);
    expect(table.split('\n').length).toBeGreaterThan(2);
    const doc = fs.readFileSync(path.join(__dirname, '../../../docs/policy.md'), 'utf8');
    if (!doc.includes(table)) throw new Error(`docs/policy.md "Suppressions in the shipped environments" is out of date; paste:\n\n${table}\n`);
  });
});

describe('a stale environment suppression', () => {
  it('is a config problem naming the entry, so it cannot silently accept a later breach', () => {
    const { config } = loadEnvironments('config').find((e) => e.config.name === 'dev')!;
    const envs = [{ file: 'config/dev.yaml', config }];
    const app = new App({ outdir: Testing.app().outdir });
    addEnvironmentStacks(app, config);
    const suppressions = [...config.section(policySection).suppressions, { rule: 'AWS-RDS-3', resource: 'postgres/primry', reason: 'a typo in the resource path' }];
    const report = runPolicyPack(app, { environmentSuppressions: { dev: suppressions } });
    expect(unusedSuppressionProblems(report.unusedSuppressions, [{ ...envs[0]!, config: { name: 'dev', section: () => ({ suppressions }) } }])).toEqual([
      {
        file: 'config/dev.yaml',
        path: `policy.suppressions[${suppressions.length - 1}]`,
        message:
          '(AWS-RDS-3 on postgres/primry) matches no finding of the policy pack; fix the resource path (a construct path inside the stack, e.g. "postgres/primary") or remove the entry',
      },
    ]);
  });
});
