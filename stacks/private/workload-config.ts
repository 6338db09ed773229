import { z } from 'zod';
import { CLOUDWATCH_RETENTION_DAYS } from '../../modules/aws/log-retention';
import { SECRET_LIKE_NAME, SECRET_REFERENCE_ALLOWED, secretReferenceKind } from '../../modules/aws/private/secret-refs';
import type { DatabaseAccess } from '../../modules/aws/database-access';
import type { ParsedEnvironment, ReportProblem } from '../../modules/core/config/section';
import { awsDatabaseSection } from '../aws-database/config';
import type { AwsDatabaseOutputs } from '../contracts';

/**
 * Config pieces the compute sections share (`aws.functions`, `aws.services`, `aws.eks`): environment
 * variables, secret references, the database grant. Limits and rules come from the constructs.
 */

/** A number field checked by a construct's rule function (e.g. `lambdaMemoryProblem`). */
export function checkedNumber(problem: (v: number) => string | undefined) {
  return z.number().superRefine((v, ctx) => {
    const message = problem(v);
    if (message) ctx.addIssue({ code: 'custom', input: v, message });
  });
}

/** A string field checked by a construct's rule function (e.g. `eksVersionProblem`). */
export function checkedString(problem: (v: string) => string | undefined) {
  return z.string().superRefine((v, ctx) => {
    const message = problem(v);
    if (message) ctx.addIssue({ code: 'custom', input: v, message });
  });
}

/** A whole number in a construct's `[min, max]` limit. */
export function wholeNumberIn([min, max]: readonly [number, number]) {
  return z.number().superRefine((v, ctx) => {
    if (!Number.isInteger(v) || v < min || v > max) ctx.addIssue({ code: 'custom', input: v, message: `is not allowed; use a whole number from ${min} to ${max}` });
  });
}

/** What a workload's name (a key of `functions`, `services`, `nodeGroups`) looks like. */
export const WORKLOAD_NAME = /^[a-z]([a-z0-9-]*[a-z0-9])?$/;

/** A map keyed by workload name: keys are lower-case words joined by `-` (they name AWS resources and construct ids). */
export function keyedByName<S extends z.ZodType>(what: string, schema: S) {
  return z.record(z.string(), schema).superRefine((record, ctx) => {
    for (const key of Object.keys(record)) {
      if (!WORKLOAD_NAME.test(key)) {
        ctx.addIssue({ code: 'custom', path: [key], input: key, message: `is not a ${what} name; use lower-case letters, digits and "-", starting with a letter` });
      }
    }
  });
}

/** A CloudWatch Logs retention period in days. */
export const retentionDays = z.number().refine((v) => (CLOUDWATCH_RETENTION_DAYS as readonly number[]).includes(v), {
  message: `is not a CloudWatch Logs retention period; use one of ${CLOUDWATCH_RETENTION_DAYS.join(', ')}`,
});

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Environment variable names -> values (plain) or references (secrets). */
export const envVars = z.record(
  z.string().regex(ENV_NAME, { message: 'is not an environment variable name; use letters, digits and _, not starting with a digit' }),
  z.string(),
);

/** What a workload may do with the environment's RDS database. */
export const DATABASE_GRANTS = ['none', 'read-write'] as const;

/** The database grant of a workload: `database` and the IAM database user it connects as. */
export const databaseGrantFields = {
  /**
   * `read-write`: an ingress rule on the database's security group from the workload's group, and
   * `rds-db:connect` as `databaseUser` (IAM database authentication). Needs `aws.database.enabled`.
   * @default "none"
   */
  database: z.enum(DATABASE_GRANTS).default('none'),
  /** Database user the workload connects as with IAM authentication (create it with `GRANT rds_iam`). @default - the workload's name, "-" as "_" */
  databaseUser: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]{0,62}$/, { message: 'is not a database user name; use letters, digits and _ (at most 63), not starting with a digit' })
    .optional(),
};

/** The IAM database user of a workload: `databaseUser`, else its name with `-` as `_`. */
export function databaseUserOf(name: string, workload: { databaseUser?: string | undefined }): string {
  return workload.databaseUser ?? name.replace(/-/g, '_');
}

/**
 * Reports secrets given as literals: a plain variable whose name looks secret (`DB_PASSWORD`) that does
 * not hold a reference ARN, and a `secrets` entry that is not a Secrets Manager or SSM parameter ARN. The
 * value is never shown.
 */
export function checkSecrets(
  at: readonly (string | number)[],
  workload: { environment?: Record<string, string>; secrets?: Record<string, string> },
  report: ReportProblem,
): void {
  for (const [name, value] of Object.entries(workload.environment ?? {})) {
    if (SECRET_LIKE_NAME.test(name) && secretReferenceKind(value) === undefined) {
      report([...at, 'environment', name], undefined, `(value hidden) looks like a secret given as a literal; move it to "secrets" as a reference and ${SECRET_REFERENCE_ALLOWED}`);
    }
  }
  for (const [name, value] of Object.entries(workload.secrets ?? {})) {
    if (secretReferenceKind(value) === undefined) {
      report([...at, 'secrets', name], undefined, `(value hidden) is not a secret reference; ${SECRET_REFERENCE_ALLOWED}`);
    }
  }
}

/** Reports a database grant in an environment without `aws.database.enabled`. */
export function checkDatabaseGrant(
  at: readonly (string | number)[],
  workload: { database: (typeof DATABASE_GRANTS)[number] },
  env: ParsedEnvironment<any>,
  report: ReportProblem,
): void {
  // A database section with problems is not parsed (undefined): its own problems are the root cause.
  const db = env.get(awsDatabaseSection);
  if (workload.database !== 'none' && db !== undefined && db.enabled !== true) {
    report([...at, 'database'], workload.database, 'needs the environment database, but aws.database.enabled is not true; turn the database on or use "none"');
  }
}

/** The construct-level access of a workload to the environment database (from the aws-database contract). */
export function databaseAccessOf(name: string, workload: { database: string; databaseUser?: string | undefined }, db: AwsDatabaseOutputs | undefined): DatabaseAccess[] {
  if (workload.database === 'none' || !db) return [];
  return [
    {
      name: db.databaseName,
      databaseSecurityGroupId: db.securityGroupId,
      port: db.port,
      resourceId: db.resourceId,
      dbUser: databaseUserOf(name, workload),
    },
  ];
}
