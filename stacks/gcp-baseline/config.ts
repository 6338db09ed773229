import { z } from 'zod';
import { defineSection, type ReportProblem } from '../../modules/core/config/section';
import {
  GCP_BOOLEAN_CONSTRAINT_NAMES,
  ORG_POLICIES_DEFAULTS,
  orgPolicyConstraintProblem,
} from '../../modules/gcp/org-policies';
import { auditRetentionProblem } from '../../modules/aws/audit-trail';
import {
  GCP_AUDIT_LOG_TYPES,
  GCP_AUDITABLE_SERVICES,
  PROJECT_AUDIT_DEFAULTS,
  PROJECT_AUDIT_LIMITS,
  auditBucketNameProblem,
  auditRetentionDaysProblem,
} from '../../modules/gcp/project-audit';
import { COMPLIANCE_FRAMEWORKS } from '../aws-baseline/config';
import { ruled } from '../private/ruled';

const reason = ruled(z.string(), (r) =>
  r.trim().length >= 10 ? undefined : 'is too short a reason; say why this environment turns the constraint off (at least 10 characters)',
);

const ConstraintSchema = z.strictObject({
  /** Enforce the constraint on the project (false: not managed, the parent's policy applies). */
  enforce: z.boolean(),
  /** Why: required when a constraint enforced by default is turned off. @default - none */
  reason: reason.optional(),
});

const AuditLogsSchema = z.strictObject({
  /** Services whose Data Access audit logs are on. @default cloudsql, container, secretmanager, cloudkms, storage */
  services: z.array(z.enum(GCP_AUDITABLE_SERVICES)).min(1).default([...PROJECT_AUDIT_DEFAULTS.services]),
  /** Log types turned on for each service. @default ADMIN_READ, DATA_READ, DATA_WRITE */
  logTypes: z.array(z.enum(GCP_AUDIT_LOG_TYPES)).min(1).default([...PROJECT_AUDIT_DEFAULTS.logTypes]),
  /** Days the archive bucket keeps every audit log entry (retention policy). @default 365 */
  retentionDays: ruled(z.number(), auditRetentionDaysProblem).default(PROJECT_AUDIT_DEFAULTS.retentionDays),
  /** Lock the bucket's retention policy (irreversible). @default true */
  lockRetention: z.boolean().default(PROJECT_AUDIT_DEFAULTS.lockRetention),
  /** Rotation of the bucket's customer key, in days. @default 90 */
  kmsKeyRotationDays: z
    .number()
    .int()
    .min(PROJECT_AUDIT_LIMITS.minKmsKeyRotationDays)
    .max(PROJECT_AUDIT_LIMITS.maxKmsKeyRotationDays)
    .default(PROJECT_AUDIT_DEFAULTS.kmsKeyRotationDays),
  /** Archive bucket name (global). @default - `<project>-<env>-audit-logs` */
  bucketName: ruled(z.string(), auditBucketNameProblem).optional(),
});

const OrganizationPoliciesSchema = z.strictObject({
  /** Set organization policies on the project (needs an organization and `roles/orgpolicy.policyAdmin`). @default true */
  enabled: z.boolean().default(true),
  /**
   * Boolean constraints switched from their default, keyed by constraint name. Enforced by default:
   * see `ORG_POLICIES_DEFAULTS` (docs/baseline.md); turning one off needs a `reason`.
   * @default {}
   */
  constraints: z.record(z.string(), ConstraintSchema).default({}),
});

/**
 * `gcp.baseline`: the project's security baseline (`<env>-gcp-baseline`): Data Access audit logs,
 * their archive in a locked bucket, and project-level organization policies.
 */
export const GcpBaselineConfigSchema = z.strictObject({
  /** Create the `<env>-gcp-baseline` stack. @default false */
  enabled: z.boolean().default(false),
  /**
   * Compliance frameworks the environment claims (as in `aws.baseline`); their audit retention
   * minimums are checked (pci-dss: 365 days). @default []
   */
  complianceFrameworks: z.array(z.enum(COMPLIANCE_FRAMEWORKS)).default([]),
  /** Audit logs and their archive. */
  auditLogs: AuditLogsSchema.prefault({}),
  /** Project-level organization policies. */
  organizationPolicies: OrganizationPoliciesSchema.prefault({}),
});

export type GcpBaselineConfig = z.infer<typeof GcpBaselineConfigSchema>;

/** The constraints enforced on the project: the defaults, with `constraints` switched on or off. */
export function enforcedConstraints(config: Pick<GcpBaselineConfig, 'organizationPolicies'>): string[] {
  const switched = config.organizationPolicies.constraints;
  const enforced = new Set<string>(ORG_POLICIES_DEFAULTS.enforced);
  for (const [name, c] of Object.entries(switched)) {
    if (c.enforce) enforced.add(name);
    else enforced.delete(name);
  }
  return GCP_BOOLEAN_CONSTRAINT_NAMES.filter((n) => enforced.has(n));
}

/** The archive bucket of an environment: `gcp.baseline.auditLogs.bucketName`, else `<project>-<env>-audit-logs`. */
export function auditBucketName(projectId: string, envName: string, config: Pick<GcpBaselineConfig, 'auditLogs'>): string {
  return config.auditLogs.bucketName ?? `${projectId}-${envName}-audit-logs`;
}

const PATH = ['gcp', 'baseline'] as const;

/** Checks across the fields of `gcp.baseline`: constraint names, reasons, framework retention. */
export function checkGcpBaseline(config: GcpBaselineConfig, _env: unknown, report: ReportProblem): void {
  for (const [name, c] of Object.entries(config.organizationPolicies.constraints)) {
    const at = [...PATH, 'organizationPolicies', 'constraints', name];
    const problem = orgPolicyConstraintProblem(name);
    if (problem) {
      report(at, name, problem);
      continue;
    }
    if (!c.enforce && (ORG_POLICIES_DEFAULTS.enforced as readonly string[]).includes(name) && c.reason === undefined) {
      report([...at, 'enforce'], false, `turns off a constraint the baseline enforces by default; add a reason (why this environment needs ${name} off)`);
    }
  }
  // One table of framework minimums for the three clouds (modules/aws/audit-trail.ts).
  const problem = auditRetentionProblem('retentionDays', config.auditLogs.retentionDays, config.complianceFrameworks);
  if (problem) report([...PATH, 'auditLogs', 'retentionDays'], config.auditLogs.retentionDays, problem);
}

/** `gcp.baseline`, owned by the `gcp-baseline` stack family. */
export const gcpBaselineSection = defineSection({
  path: 'gcp.baseline',
  schema: GcpBaselineConfigSchema,
  optional: true,
  check: checkGcpBaseline,
});
