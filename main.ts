// First: turns off cdktf's per-token stack traces before any token exists.
import './modules/core/token-traces';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ConfigError } from './modules/core/config/errors';
import { phase } from './modules/core/phase-timer';
import { writeCostInventory } from './modules/core/cost-inventory';
import { synthAtomically } from './modules/core/synth';
import { ValidationError } from './modules/core/validation-error';
import { assertPolicy, PolicyError, type PolicyReport, runPolicyPack, summarizePolicyReport, writePolicyReport } from './modules/policy';
import { type ComplianceResource, complianceReport, resourceInventory, writeComplianceReport } from './modules/policy/compliance';
import { addEnvironmentStacks, buildErrorProblem, loadAppEnvironments, selectEnvironments } from './stacks';
import { awsBaselineSection } from './stacks/aws-baseline/config';
import { AWS_BASELINE_CONTROLS } from './stacks/aws-baseline/controls';
import { azureBaselineSection } from './stacks/azure-baseline/config';
import { AZURE_BASELINE_CONTROLS } from './stacks/azure-baseline/controls';
import { gcpBaselineSection } from './stacks/gcp-baseline/config';
import { GCP_BASELINE_CONTROLS } from './stacks/gcp-baseline/controls';
import { policySection, unusedSuppressionProblems } from './stacks/environment/policy';

/**
 * The cdktf app: every stack of every environment in `$INFRA_CONFIG_DIR` (default `config/`), or
 * of the environments named on the command line (`npm run synth -- prod`) or in
 * `$INFRA_ENVIRONMENTS` (comma-separated).
 *
 * Bad input, in a file or in a value a construct refuses, is reported as config problems (file,
 * field, value, what is allowed), and a breach of the policy pack as policy errors: never a stack
 * trace, and nothing is written.
 */
const started = Date.now();
const outdir = process.env.CDKTF_OUTDIR ?? 'cdktf.out';
let environments: ReturnType<typeof loadAppEnvironments> = [];
let report: PolicyReport | undefined;
let resources: ComplianceResource[] = [];
try {
  environments = phase('load the environment files', () => selectEnvironments(loadAppEnvironments(), [...process.argv.slice(2), ...(process.env.INFRA_ENVIRONMENTS ?? '').split(',')]));
  synthAtomically(
    (app) => {
      for (const { config } of environments) addEnvironmentStacks(app, config);
    },
    outdir,
    {},
    {
      beforeSynth: (app) => {
        if (process.env.BENCH_SKIP_POLICY_PACK === '1') {
          // Only for `npm run bench` (the pack's share of synth time): says so loudly.
          process.stderr.write('BENCH_SKIP_POLICY_PACK=1: the policy pack was NOT run\n');
          return;
        }
        const suppressions = Object.fromEntries(environments.map(({ config }) => [config.name, config.section(policySection).suppressions]));
        report = runPolicyPack(app, { environmentSuppressions: suppressions });
        const stale = unusedSuppressionProblems(report.unusedSuppressions, environments);
        if (stale.length > 0) throw new ConfigError(stale);
        assertPolicy(report);
        resources = resourceInventory(app);
      },
      afterSynth: (staging, stacks) => {
        writeCostInventory(staging, stacks());
        if (!report) return;
        writePolicyReport(report, staging);
        // The compliance map: which framework controls the policy pack and the baselines evidence.
        writeComplianceReport(
          complianceReport(
            report,
            [
              { stack: 'aws-baseline', cisBenchmark: 'AWS', controls: AWS_BASELINE_CONTROLS },
              { stack: 'gcp-baseline', cisBenchmark: 'GCP', controls: GCP_BASELINE_CONTROLS },
              { stack: 'azure-baseline', cisBenchmark: 'Azure', controls: AZURE_BASELINE_CONTROLS },
            ],
            environments.map(({ file, config }) => ({
              name: config.name,
              source: file,
              frameworks: [
                ...config.section(awsBaselineSection).complianceFrameworks,
                ...config.section(gcpBaselineSection).complianceFrameworks,
                ...config.section(azureBaselineSection).complianceFrameworks,
              ],
            })),
            resources,
          ),
          staging,
        );
      },
    },
  );
} catch (err) {
  const problems =
    err instanceof ConfigError || err instanceof PolicyError
      ? err
      : err instanceof ValidationError
        ? new ConfigError([buildErrorProblem(err, environments)])
        : undefined;
  if (!problems) throw err;
  process.stderr.write(`${problems.message}\nNothing was synthesized.\n`);
  process.exit(1);
}

// What was written, per environment (stacks, resources, policy), and where.
phase('summary', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8')) as { stacks: Record<string, { synthesizedStackPath: string }> };
  const policy = new Map(summarizePolicyReport(report ?? { findings: [] } as unknown as PolicyReport).map((line) => [line.split(':')[0], line.slice(line.indexOf(':') + 2)]));
  for (const { config } of environments) {
    const stacks = Object.entries(manifest.stacks).filter(([name]) => name.startsWith(`${config.name}-`));
    // Resources are counted in the inventory the compliance map was built from, else in the JSON
    // output (`cdktf synth --hcl` writes HCL instead).
    const json = stacks.every(([, st]) => st.synthesizedStackPath.endsWith('.json'));
    const inventoried = resources.length > 0 ? resources.filter((r) => r.stack.startsWith(`${config.name}-`)).length : undefined;
    const counted = inventoried ?? (json
      ? stacks.reduce((n, [, st]) => {
          const stack = JSON.parse(fs.readFileSync(path.join(outdir, st.synthesizedStackPath), 'utf8')) as { resource?: Record<string, Record<string, unknown>> };
          return n + Object.values(stack.resource ?? {}).reduce((m, r) => m + Object.keys(r).length, 0);
        }, 0)
      : undefined);
    console.log(
      `${config.name}: ${stacks.length} stacks${counted === undefined ? '' : `, ${counted} resources`}; policy: ${policy.get(config.name) ?? 'no findings'}`,
    );
  }
  console.log(
    `wrote ${outdir}/ (stacks/, modules/, environments/, policy/report.json, compliance/report.json, cost/inventory.json) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
});
