import { z } from 'zod';
import { SECRET_LIKE_NAME } from '../../modules/aws/private/secret-refs';
import type { ReportProblem } from '../../modules/core/config/section';
import {
  ENV_NAME,
  type SecretEnvRef,
  invokerMemberProblem,
  secretRefProblem,
  workloadRoleProblem,
} from '../../modules/gcp/private/serverless';

/**
 * Config pieces the GCP compute sections share (`gcp.run`, `gcp.functions`): environment
 * variables, Secret Manager references, invokers and roles. The rules are the constructs' own
 * (modules/gcp/private/serverless.ts), so a limit is written once.
 */

/** A string field checked by a construct's rule function. */
export function ruledString(problem: (v: string) => string | undefined) {
  return z.string().superRefine((v, ctx) => {
    const message = problem(v);
    if (message) ctx.addIssue({ code: 'custom', input: v, message });
  });
}

/** A whole number in `[min, max]`, with the range in the message. */
export function wholeNumber(min: number, max: number, unit = '') {
  const range = `${min} to ${max}${unit ? ` ${unit}` : ''}`;
  return z
    .number()
    .int({ message: `is not a whole number; use ${range}` })
    .min(min, { message: `is too small; use ${range}` })
    .max(max, { message: `is too large; use ${range}` });
}

/** Plain environment variables, values strings (never secrets); names are checked by {@link checkGcpWorkloadVariables}. */
export const gcpEnvVars = z.record(z.string(), z.string());

/**
 * A Secret Manager reference: the secret's id (`name` or `projects/<project>/secrets/<name>`),
 * read at its latest version, or `{ secret, version }` to pin a version. Never the value.
 */
const secretReference = z
  .union([z.string(), z.strictObject({ secret: z.string(), version: z.union([z.string(), z.number()]).default('latest') })])
  .transform((v): SecretEnvRef => (typeof v === 'string' ? { secret: v, version: 'latest' } : { secret: v.secret, version: String(v.version) }))
  .superRefine((ref, ctx) => {
    const problem = secretRefProblem(ref);
    if (problem) ctx.addIssue({ code: 'custom', input: ref.secret, message: problem });
  });

/** Environment variables read from Secret Manager, keyed by variable name (checked by {@link checkGcpWorkloadVariables}). */
export const gcpSecretEnv = z.record(z.string(), secretReference);

/** IAM members allowed to invoke a workload (`allUsers` only through `public: true`). */
export const gcpInvokers = z.array(ruledString(invokerMemberProblem));

/** Project roles of a workload's own service account (no basic roles). */
export const gcpWorkloadRoles = z.array(ruledString(workloadRoleProblem));

/**
 * Reports what a workload's variables get wrong: a name that is not a C identifier, a plain
 * variable whose name looks secret (`DB_PASSWORD`), which must be a Secret Manager reference
 * instead (its value is never shown), and a variable given both plain and as a secret.
 */
export function checkGcpWorkloadVariables(
  at: readonly (string | number)[],
  workload: { env?: Record<string, string>; secrets?: Record<string, SecretEnvRef> },
  report: ReportProblem,
): void {
  for (const [field, vars] of [
    ['env', workload.env],
    ['secrets', workload.secrets],
  ] as const) {
    for (const name of Object.keys(vars ?? {})) {
      if (!ENV_NAME.test(name)) {
        report([...at, field, name], name, 'is not an environment variable name; use letters, digits and "_", not starting with a digit');
      }
    }
  }
  for (const name of Object.keys(workload.env ?? {})) {
    if (!ENV_NAME.test(name)) continue;
    if (SECRET_LIKE_NAME.test(name)) {
      report(
        [...at, 'env', name],
        undefined,
        '(value hidden) looks like a secret given as a literal; move it to "secrets" as a Secret Manager id ("<name>" or "projects/<project>/secrets/<name>")',
      );
    }
    if (workload.secrets && name in workload.secrets) {
      report([...at, 'secrets', name], name, 'is also in env; give each variable once');
    }
  }
}
