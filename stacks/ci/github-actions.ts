import { PINNED_ACTIONS, uses } from './actions';
import { ciVariableNames } from './variables';
import { type CiStack, dependencyWaves } from './waves';

/** What the workflow needs to know of one environment. */
export interface CiEnvironment {
  /** Environment name (`prod`): the GitHub environment of its applies and the prefix of its variables. */
  readonly name: string;
  /** The environment's AWS region (the default region of the AWS credentials). */
  readonly awsRegion: string;
  /** The environment's Azure subscription. */
  readonly azureSubscriptionId: string;
  /** Its stacks as CI sees them, in registry order. */
  readonly stacks: readonly CiStack[];
}

/** Options of the generated workflow. */
export interface GithubWorkflowOptions {
  /** The branch whose pushes are applied. @default 'main' */
  readonly defaultBranch?: string;
  /** Terraform CLI version. @default '1.11.4' (the version the project is tested with) */
  readonly terraformVersion?: string;
  /** Node.js version of the synth job. @default '22' */
  readonly nodeVersion?: string;
  /** Runner label of every job (a self-hosted label when clusters have private endpoints). @default 'ubuntu-24.04' */
  readonly runsOn?: string;
}

export const GITHUB_WORKFLOW_DEFAULTS = {
  defaultBranch: 'main',
  terraformVersion: '1.11.4',
  nodeVersion: '22',
  runsOn: 'ubuntu-24.04',
} as const;

/** The artifact that carries `cdktf.out` from the synth job to every plan and apply. */
export const SYNTH_ARTIFACT = 'cdktf-out';

/** Job ids of one environment's wave: `plan-prod-1`, `apply-prod-1` (waves count from 1). */
export function waveJobId(kind: 'plan' | 'apply', env: string, wave: number): string {
  return `${kind}-${env}-${wave + 1}`;
}

const v = (name: string) => `\${{ vars.${name} }}`;
const PLUGIN_CACHE = '${{ github.workspace }}/.terraform-plugin-cache';
const PLUGIN_CACHE_KEY = "terraform-plugins-${{ runner.os }}-${{ env.TERRAFORM_VERSION }}-${{ hashFiles('package-lock.json') }}";

/** Sign-in steps of a plan or apply job: AWS always (state is in S3), GCP and Azure when the stack needs them. */
function signInSteps(env: CiEnvironment, kind: 'plan' | 'apply'): Record<string, unknown>[] {
  const names = ciVariableNames(env.name);
  const plan = kind === 'plan';
  return [
    {
      name: 'Sign in to AWS (OIDC)',
      uses: uses(PINNED_ACTIONS.awsCredentials),
      with: {
        'role-to-assume': v(plan ? names.awsPlanRole : names.awsApplyRole),
        'role-session-name': `${kind}-\${{ matrix.stack }}-\${{ github.run_id }}`,
        'aws-region': env.awsRegion,
      },
    },
    {
      name: 'Sign in to GCP (workload identity federation)',
      if: 'matrix.gcp',
      uses: uses(PINNED_ACTIONS.gcpAuth),
      with: {
        workload_identity_provider: v(names.gcpProvider),
        service_account: v(plan ? names.gcpPlanServiceAccount : names.gcpApplyServiceAccount),
      },
    },
    {
      name: 'Sign in to Azure (federated credential)',
      if: 'matrix.azure',
      uses: uses(PINNED_ACTIONS.azureLogin),
      with: {
        'client-id': v(plan ? names.azurePlanClientId : names.azureApplyClientId),
        'tenant-id': v(names.azureTenantId),
        'subscription-id': env.azureSubscriptionId,
      },
    },
  ];
}

/** The steps every plan and apply job starts with: the synth output, Terraform and its plugin cache. */
function terraformSetupSteps(): Record<string, unknown>[] {
  return [
    { name: 'Check out (for the cache key)', uses: uses(PINNED_ACTIONS.checkout), with: { 'persist-credentials': false } },
    { name: 'Download the synthesized stacks', uses: uses(PINNED_ACTIONS.downloadArtifact), with: { name: SYNTH_ARTIFACT, path: 'cdktf.out' } },
    { name: 'Set up Terraform', uses: uses(PINNED_ACTIONS.setupTerraform), with: { terraform_version: '${{ env.TERRAFORM_VERSION }}', terraform_wrapper: false } },
    { name: 'Restore the Terraform plugin cache', uses: uses(PINNED_ACTIONS.cacheRestore), with: { path: PLUGIN_CACHE, key: PLUGIN_CACHE_KEY } },
    { name: 'Create the plugin cache folder', run: 'mkdir -p "$TF_PLUGIN_CACHE_DIR"' },
  ];
}

/** Environment of the Terraform steps: the stack, and Azure's OIDC sign-in for the azurerm provider. */
function terraformEnv(env: CiEnvironment, kind: 'plan' | 'apply'): Record<string, string> {
  const names = ciVariableNames(env.name);
  return {
    STACK: '${{ matrix.stack }}',
    // The azurerm provider signs in with the job's OIDC token itself (ARM_USE_OIDC).
    ARM_USE_OIDC: "${{ matrix.azure && 'true' || 'false' }}",
    ARM_CLIENT_ID: v(kind === 'plan' ? names.azurePlanClientId : names.azureApplyClientId),
    ARM_TENANT_ID: v(names.azureTenantId),
  };
}

const PLAN_SCRIPT = [
  'dir="cdktf.out/stacks/$STACK"',
  'terraform -chdir="$dir" init -input=false -no-color',
  'set +e',
  'terraform -chdir="$dir" plan -input=false -no-color -lock-timeout=10m -detailed-exitcode -out=tfplan > "$RUNNER_TEMP/plan.txt" 2>&1',
  'code=$?',
  'set -e',
  'cat "$RUNNER_TEMP/plan.txt"',
  'case "$code" in 0) result="no changes" ;; 2) result="changes" ;; *) result="FAILED" ;; esac',
  'mkdir -p plan-summary',
  '{',
  '  echo "### \\`$STACK\\`: $result"',
  '  grep -E "^(Plan:|No changes\\.|Error:)" "$RUNNER_TEMP/plan.txt" || true',
  '  echo',
  '  echo "<details><summary>plan output</summary>"',
  '  echo',
  "  echo '```'",
  '  tail -c 20000 "$RUNNER_TEMP/plan.txt"',
  "  echo '```'",
  '  echo "</details>"',
  '} > "plan-summary/$STACK.md"',
  'cat "plan-summary/$STACK.md" >> "$GITHUB_STEP_SUMMARY"',
  'test "$code" -ne 1',
].join('\n');

const APPLY_SCRIPT = [
  'dir="cdktf.out/stacks/$STACK"',
  'terraform -chdir="$dir" init -input=false -no-color',
  '# Planned again here: the stacks of earlier waves have just changed the outputs this one reads.',
  'terraform -chdir="$dir" plan -input=false -no-color -lock-timeout=10m -out=tfplan',
  'terraform -chdir="$dir" apply -input=false -no-color -lock-timeout=10m tfplan | tee "$RUNNER_TEMP/apply.txt"',
  '{',
  '  echo "### \\`$STACK\\` applied"',
  '  grep -E "^Apply complete" "$RUNNER_TEMP/apply.txt" || true',
  '} >> "$GITHUB_STEP_SUMMARY"',
].join('\n');

const COMMENT_SCRIPT = [
  '{',
  '  echo "## Terraform plans (${GITHUB_SHA::7})"',
  '  echo',
  '  cat plan-summary/*.md 2>/dev/null || echo "No plan summaries: see the run ${{ github.server_url }}/${{ github.repository }}/actions/runs/${{ github.run_id }}"',
  '} > comment.md',
  '# A PR comment holds at most 65536 characters.',
  'head -c 60000 comment.md > comment-trimmed.md',
  'gh pr comment "$PR" --repo "$GITHUB_REPOSITORY" --body-file comment-trimmed.md --edit-last --create-if-none',
].join('\n');

/**
 * The GitHub Actions workflow that plans every stack on pull requests and applies them on the
 * default branch, as a plain object (render it with `yaml`).
 *
 * - `synth` synthesizes once (and checks this file is up to date), warms the Terraform plugin
 *   cache, and uploads `cdktf.out` as an artifact;
 * - per environment, `plan-<env>-<n>` plans wave n's stacks as a matrix after wave n - 1;
 * - `plan-comment` posts every plan summary as one pull request comment (each job also writes its
 *   job summary);
 * - on the default branch, `apply-<env>-<n>` applies wave n after every plan of the environment
 *   and the apply of wave n - 1, in the GitHub environment `<env>` (give `prod` required
 *   reviewers), one apply of a stack at a time (concurrency group per stack).
 */
export function githubActionsWorkflow(envs: readonly CiEnvironment[], options: GithubWorkflowOptions = {}): Record<string, unknown> {
  const o = { ...GITHUB_WORKFLOW_DEFAULTS, ...options };
  const onDefaultBranch = `github.event_name != 'pull_request' && github.ref == 'refs/heads/${o.defaultBranch}'`;
  const jobs: Record<string, unknown> = {
    synth: {
      name: 'synth',
      'runs-on': o.runsOn,
      'timeout-minutes': 30,
      steps: [
        { name: 'Check out', uses: uses(PINNED_ACTIONS.checkout), with: { 'persist-credentials': false } },
        { name: 'Set up Node.js (npm cache)', uses: uses(PINNED_ACTIONS.setupNode), with: { 'node-version': o.nodeVersion, cache: 'npm' } },
        { name: 'Install', run: 'npm ci --no-audit --no-fund' },
        { name: 'Check the CI files are up to date', run: 'npm run ci:generate -- --check' },
        { name: 'Synthesize every environment', run: 'npm run synth' },
        { name: 'Set up Terraform', uses: uses(PINNED_ACTIONS.setupTerraform), with: { terraform_version: '${{ env.TERRAFORM_VERSION }}', terraform_wrapper: false } },
        { name: 'Cache Terraform plugins', id: 'plugins', uses: uses(PINNED_ACTIONS.cache), with: { path: PLUGIN_CACHE, key: PLUGIN_CACHE_KEY } },
        {
          name: 'Download the providers once (fills the plugin cache)',
          if: "steps.plugins.outputs.cache-hit != 'true'",
          run: [
            'mkdir -p "$TF_PLUGIN_CACHE_DIR"',
            'for dir in cdktf.out/stacks/*/; do',
            '  terraform -chdir="$dir" init -backend=false -input=false -no-color > /dev/null',
            'done',
          ].join('\n'),
        },
        {
          name: 'Share the synthesized stacks',
          uses: uses(PINNED_ACTIONS.uploadArtifact),
          // Hidden files (.terraform/ from the step above) stay out of the artifact.
          with: { name: SYNTH_ARTIFACT, path: 'cdktf.out/', 'if-no-files-found': 'error', 'retention-days': 7, 'include-hidden-files': false },
        },
      ],
    },
  };
  const planJobs: string[] = [];
  for (const env of envs) {
    const waves = dependencyWaves(env.stacks);
    const envPlans = waves.map((_, i) => waveJobId('plan', env.name, i));
    waves.forEach((wave, i) => {
      const matrix = { include: wave.map((s) => ({ stack: s.name, gcp: s.clouds.gcp, azure: s.clouds.azure })) };
      jobs[waveJobId('plan', env.name, i)] = {
        name: `plan ${env.name} wave ${i + 1}`,
        needs: i === 0 ? ['synth'] : [waveJobId('plan', env.name, i - 1)],
        'runs-on': o.runsOn,
        'timeout-minutes': 60,
        permissions: { contents: 'read', 'id-token': 'write' },
        strategy: { 'fail-fast': false, matrix },
        steps: [
          ...terraformSetupSteps(),
          ...signInSteps(env, 'plan'),
          { name: 'Plan', env: terraformEnv(env, 'plan'), run: PLAN_SCRIPT },
          {
            name: 'Keep the plan summary',
            if: 'always()',
            uses: uses(PINNED_ACTIONS.uploadArtifact),
            with: { name: 'plan-${{ matrix.stack }}', path: 'plan-summary/', 'if-no-files-found': 'ignore', 'retention-days': 7 },
          },
        ],
      };
      jobs[waveJobId('apply', env.name, i)] = {
        name: `apply ${env.name} wave ${i + 1}`,
        needs: i === 0 ? envPlans : [waveJobId('apply', env.name, i - 1)],
        if: onDefaultBranch,
        'runs-on': o.runsOn,
        'timeout-minutes': 120,
        environment: { name: env.name },
        permissions: { contents: 'read', 'id-token': 'write' },
        // Two applies of one stack never overlap (besides the state lock): a later run waits.
        concurrency: { group: 'apply-${{ matrix.stack }}', 'cancel-in-progress': false },
        strategy: { 'fail-fast': false, 'max-parallel': 10, matrix },
        steps: [...terraformSetupSteps(), ...signInSteps(env, 'apply'), { name: 'Apply', env: terraformEnv(env, 'apply'), run: APPLY_SCRIPT }],
      };
    });
    planJobs.push(...envPlans);
  }
  jobs['plan-comment'] = {
    name: 'plan summary comment',
    needs: planJobs,
    if: "always() && github.event_name == 'pull_request'",
    'runs-on': o.runsOn,
    'timeout-minutes': 10,
    permissions: { 'pull-requests': 'write' },
    steps: [
      { name: 'Collect the plan summaries', uses: uses(PINNED_ACTIONS.downloadArtifact), with: { pattern: 'plan-*', path: 'plan-summary', 'merge-multiple': true } },
      { name: 'Comment on the pull request', env: { GH_TOKEN: '${{ github.token }}', PR: '${{ github.event.pull_request.number }}' }, run: COMMENT_SCRIPT },
    ],
  };
  return {
    name: 'infrastructure',
    on: {
      pull_request: { branches: [o.defaultBranch] },
      push: { branches: [o.defaultBranch] },
      workflow_dispatch: {},
    },
    permissions: { contents: 'read' },
    // One run per pull request (a new push cancels its plans); runs on the default branch queue.
    concurrency: { group: 'infrastructure-${{ github.event.pull_request.number || github.ref }}', 'cancel-in-progress': "${{ github.event_name == 'pull_request' }}" },
    defaults: { run: { shell: 'bash' } },
    env: {
      TERRAFORM_VERSION: o.terraformVersion,
      TF_PLUGIN_CACHE_DIR: PLUGIN_CACHE,
      TF_IN_AUTOMATION: 'true',
      TF_INPUT: '0',
      CHECKPOINT_DISABLE: '1',
    },
    jobs,
  };
}
