import { validateWorkflow } from '@action-validator/core';
import { parse } from 'yaml';
import { environmentStackGraph, loadAppEnvironments } from '../../../stacks';
import { ciEnvironment, renderCiFiles, renderYaml } from '../../../stacks/ci';
import { annotatePins, PINNED_ACTIONS } from '../../../stacks/ci/actions';
import { githubActionsWorkflow } from '../../../stacks/ci/github-actions';
import { ciVariableNames } from '../../../stacks/ci/variables';

const ROOT = `${__dirname}/../../..`;
/** The bootstrap families CI leaves to a laptop (literal: docs/ci.md). */
const BOOTSTRAP = ['state-backend', 'ci-identity'];
const envs = loadAppEnvironments().map((e) => e.config);
const text = renderCiFiles(envs, ROOT).get('.github/workflows/infrastructure.yml')!;
const workflow = parse(text) as { on: any; permissions: any; env: Record<string, string>; jobs: Record<string, any> };
const jobs = workflow.jobs;

/** Every job a job waits for, directly or not. */
function allNeeds(id: string, seen = new Set<string>()): Set<string> {
  for (const need of [jobs[id].needs ?? []].flat() as string[]) {
    if (!seen.has(need)) {
      seen.add(need);
      allNeeds(need, seen);
    }
  }
  return seen;
}

/** The job ids (`<kind>-<env>-*`) whose matrix holds each stack, keyed by stack. */
function jobsByStack(kind: 'plan' | 'apply'): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const [id, job] of Object.entries(jobs)) {
    if (!id.startsWith(`${kind}-`) || id === 'plan-comment') continue;
    for (const entry of job.strategy.matrix.include as { stack: string }[]) found.set(entry.stack, [...(found.get(entry.stack) ?? []), id]);
  }
  return found;
}

describe('the generated GitHub Actions workflow', () => {
  it('is a valid workflow for the GitHub Actions schema (@action-validator/core)', () => {
    expect(validateWorkflow(text).errors).toEqual([]);
  });

  it('is refused by the same validator when a job is broken (the check can fail)', () => {
    const broken = text.replace('  synth:\n    name: synth\n    runs-on:', '  synth:\n    name: synth\n    runs_on:');
    expect(broken).not.toBe(text);
    expect(validateWorkflow(broken).errors.length).toBeGreaterThan(0);
  });

  it('pins every action to a full commit SHA, with its version in a comment', () => {
    const usesLines = text.split('\n').filter((l) => /^\s*(- )?uses: /.test(l));
    expect(usesLines.length).toBeGreaterThan(10);
    for (const line of usesLines) expect(line).toMatch(/uses: [\w.-]+\/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
    expect(PINNED_ACTIONS.checkout).toEqual({ uses: 'actions/checkout', sha: '3d3c42e5aac5ba805825da76410c181273ba90b1', version: 'v7.0.1' });
  });

  it('leaves a uses line it has no pin for as it is', () => {
    expect(annotatePins('      - uses: someone/else@v1\n')).toBe('      - uses: someone/else@v1\n');
  });

  it('uses no stored secret: read-only by default, an OIDC token only where a cloud is signed in to', () => {
    expect(text).not.toMatch(/secrets\./);
    expect(workflow.permissions).toEqual({ contents: 'read' });
    for (const [id, job] of Object.entries(jobs)) {
      const signsIn = (job.steps as { uses?: string }[]).some((s) => s.uses?.startsWith('aws-actions/configure-aws-credentials@'));
      expect({ id, idToken: job.permissions?.['id-token'] === 'write' }).toEqual({ id, idToken: signsIn });
    }
  });

  it('synthesizes once and shares cdktf.out as an artifact every plan and apply downloads', () => {
    const synthRuns = Object.values(jobs).flatMap((j) => (j.steps as { run?: string }[]).filter((s) => s.run?.includes('npm run synth')));
    expect(synthRuns).toHaveLength(1);
    const upload = jobs.synth.steps.find((s: any) => s.uses?.startsWith('actions/upload-artifact@'));
    expect(upload.with).toMatchObject({ name: 'cdktf-out', path: 'cdktf.out/' });
    for (const [id, job] of Object.entries(jobs)) {
      if (!/^(plan|apply)-/.test(id) || id === 'plan-comment') continue;
      expect(job.steps.find((s: any) => s.uses?.startsWith('actions/download-artifact@')).with).toEqual({ name: 'cdktf-out', path: 'cdktf.out' });
      expect(allNeeds(id).has('synth')).toBe(true);
    }
  });

  it('caches npm and the Terraform plugin cache', () => {
    expect(jobs.synth.steps.find((s: any) => s.uses?.startsWith('actions/setup-node@')).with.cache).toBe('npm');
    expect(workflow.env.TF_PLUGIN_CACHE_DIR).toBe('${{ github.workspace }}/.terraform-plugin-cache');
    const cache = jobs.synth.steps.find((s: any) => s.uses?.startsWith('actions/cache@'));
    expect(cache.with.path).toBe('${{ github.workspace }}/.terraform-plugin-cache');
    expect(jobs['plan-prod-1'].steps.find((s: any) => s.uses?.startsWith('actions/cache/restore@')).with).toEqual(cache.with);
  });

  it.each([
    ['plans', 'plan'],
    ['applies', 'apply'],
  ] as const)('%s every stack of every environment exactly once, after every stack it reads from', (_, kind) => {
    const byStack = jobsByStack(kind);
    for (const env of envs) {
      // The truth is the registry's graph.
      const graph = environmentStackGraph(env).filter((n) => !BOOTSTRAP.includes(n.family.id));
      for (const n of graph) {
        expect({ stack: n.name, jobs: byStack.get(n.name)?.length }).toEqual({ stack: n.name, jobs: 1 });
        const job = byStack.get(n.name)![0]!;
        for (const dep of n.dependsOn.filter((d) => !BOOTSTRAP.some((b) => d.endsWith(`-${b}`)))) {
          const depJob = byStack.get(dep)![0]!;
          expect({ stack: n.name, dep, waitsForIt: allNeeds(job).has(depJob) }).toEqual({ stack: n.name, dep, waitsForIt: true });
        }
      }
    }
    const expected = envs.flatMap((e) => environmentStackGraph(e).filter((n) => !BOOTSTRAP.includes(n.family.id)).map((n) => n.name));
    expect([...byStack.keys()].sort()).toEqual(expected.sort());
  });

  it('applies only on the default branch, after every plan of the environment, in the GitHub environment of the deployment environment', () => {
    for (const env of envs) {
      const planJobs = Object.keys(jobs).filter((id) => id.startsWith(`plan-${env.name}-`));
      const applyJobs = Object.keys(jobs).filter((id) => id.startsWith(`apply-${env.name}-`));
      expect(applyJobs.length).toBe(planJobs.length);
      for (const id of applyJobs) {
        expect(jobs[id].if).toBe("github.event_name != 'pull_request' && github.ref == 'refs/heads/main'");
        expect(jobs[id].environment).toEqual({ name: env.name });
        for (const plan of planJobs) expect(allNeeds(id).has(plan)).toBe(true);
      }
    }
    expect(workflow.on).toEqual({ pull_request: { branches: ['main'] }, push: { branches: ['main'] }, workflow_dispatch: {} });
  });

  it('never runs two applies of one stack at once (a concurrency group per stack that waits, never cancels)', () => {
    for (const [id, job] of Object.entries(jobs)) {
      if (!id.startsWith('apply-')) continue;
      expect(job.concurrency).toEqual({ group: 'apply-${{ matrix.stack }}', 'cancel-in-progress': false });
    }
  });

  it('signs in to AWS with the plan role to plan and the apply role to apply, and to GCP and Azure only for their stacks', () => {
    const names = ciVariableNames('prod');
    expect(names.awsApplyRole).toBe('PROD_AWS_APPLY_ROLE_ARN');
    const step = (job: string, action: string) => jobs[job].steps.find((s: any) => s.uses?.startsWith(action));
    expect(step('plan-prod-1', 'aws-actions/configure-aws-credentials@').with['role-to-assume']).toBe('${{ vars.PROD_AWS_PLAN_ROLE_ARN }}');
    expect(step('apply-prod-1', 'aws-actions/configure-aws-credentials@').with['role-to-assume']).toBe('${{ vars.PROD_AWS_APPLY_ROLE_ARN }}');
    expect(step('apply-prod-1', 'google-github-actions/auth@')).toMatchObject({
      if: 'matrix.gcp',
      with: { workload_identity_provider: '${{ vars.PROD_GCP_WORKLOAD_IDENTITY_PROVIDER }}', service_account: '${{ vars.PROD_GCP_APPLY_SERVICE_ACCOUNT }}' },
    });
    expect(step('plan-prod-1', 'azure/login@')).toMatchObject({
      if: 'matrix.azure',
      with: { 'client-id': '${{ vars.PROD_AZURE_PLAN_CLIENT_ID }}', 'tenant-id': '${{ vars.PROD_AZURE_TENANT_ID }}', 'subscription-id': '33333333-3333-3333-3333-333333333333' },
    });
    const matrix = jobs['plan-prod-1'].strategy.matrix.include as { stack: string; gcp: boolean; azure: boolean }[];
    expect(matrix.find((m) => m.stack === 'prod-gcp-network')).toEqual({ stack: 'prod-gcp-network', gcp: true, azure: false });
    expect(matrix.find((m) => m.stack === 'prod-azure-network')).toEqual({ stack: 'prod-azure-network', gcp: false, azure: true });
    expect(matrix.find((m) => m.stack === 'prod-aws-network')).toEqual({ stack: 'prod-aws-network', gcp: false, azure: false });
  });

  it('writes each plan to the job summary and posts them all as one pull request comment', () => {
    const plan = jobs['plan-prod-1'].steps.find((s: any) => s.name === 'Plan');
    expect(plan.run).toContain('>> "$GITHUB_STEP_SUMMARY"');
    expect(plan.run).toContain('-detailed-exitcode');
    const comment = jobs['plan-comment'];
    expect(comment.permissions).toEqual({ 'pull-requests': 'write' });
    expect(comment.if).toBe("always() && github.event_name == 'pull_request'");
    expect([...comment.needs].sort()).toEqual(Object.keys(jobs).filter((id) => /^plan-.+-\d+$/.test(id)).sort());
    expect(comment.steps[1].run).toContain('gh pr comment "$PR"');
  });

  it('runs a stack with a long dependency chain one wave per link', () => {
    const chain = ['a', 'b', 'c', 'd'].map((n, i, all) => ({ name: `x-${n}`, family: n, dependsOn: i === 0 ? [] : [`x-${all[i - 1]}`], clouds: { gcp: false, azure: false } }));
    const wf = githubActionsWorkflow([{ name: 'x', awsRegion: 'eu-west-1', azureSubscriptionId: '0', stacks: chain }]) as { jobs: Record<string, any> };
    expect(Object.keys(wf.jobs)).toEqual(['synth', 'plan-x-1', 'apply-x-1', 'plan-x-2', 'apply-x-2', 'plan-x-3', 'apply-x-3', 'plan-x-4', 'apply-x-4', 'plan-comment']);
    expect(wf.jobs['apply-x-2'].needs).toEqual(['apply-x-1']);
    expect(wf.jobs['apply-x-1'].needs).toEqual(['plan-x-1', 'plan-x-2', 'plan-x-3', 'plan-x-4']);
    expect(validateWorkflow(renderYaml(wf)).errors).toEqual([]);
  });

  it('describes an environment by its name, AWS region, Azure subscription and CI stacks', () => {
    const prod = ciEnvironment(envs.find((e) => e.name === 'prod')!);
    expect(prod).toMatchObject({ name: 'prod', awsRegion: 'eu-west-1', azureSubscriptionId: '33333333-3333-3333-3333-333333333333' });
    expect(prod.stacks.map((s) => s.name)).not.toContain('prod-state-backend');
  });
});
