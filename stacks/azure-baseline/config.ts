import { z } from 'zod';
import { defineSection, type ReportProblem } from '../../modules/core/config/section';
import {
  DEFENDER_DEFAULTS,
  DEFENDER_PLAN_NAMES,
  type DefenderPlan,
  type DefenderPlanSetting,
  defenderPlanProblem,
  defenderSubplanProblem,
} from '../../modules/azure/defender';
import { logAnalyticsRetentionProblem } from '../../modules/azure/log-analytics-workspace';
import {
  BUILTIN_INITIATIVES,
  POLICY_ASSIGNMENT_DEFAULTS,
  POLICY_EXEMPTION_CATEGORIES,
  exemptionReasonProblem,
  policyNameProblem,
} from '../../modules/azure/policy-assignments';
import {
  ACTIVITY_LOG_CATEGORIES,
  SUBSCRIPTION_AUDIT_DEFAULTS,
  activityLogRetentionProblem,
  auditStorageAccountNameProblem,
} from '../../modules/azure/subscription-audit';
// The framework minimums are the frameworks', not a cloud's: one table for the three clouds.
import { auditRetentionProblem } from '../../modules/aws/audit-trail';
import { COMPLIANCE_FRAMEWORKS } from '../aws-baseline/config';
import { ruled } from '../private/ruled';

const ActivityLogSchema = z.strictObject({
  /** Activity log categories exported. @default - all eight */
  categories: z.array(z.enum(ACTIVITY_LOG_CATEGORIES)).min(1).default([...SUBSCRIPTION_AUDIT_DEFAULTS.categories]),
  /** Days each archived blob is immutable, then deleted. @default 365 */
  retentionDays: ruled(z.number(), activityLogRetentionProblem).default(SUBSCRIPTION_AUDIT_DEFAULTS.retentionDays),
  /** Days Log Analytics keeps the log for queries (30-730). @default 90 */
  workspaceRetentionDays: ruled(z.number(), logAnalyticsRetentionProblem).default(SUBSCRIPTION_AUDIT_DEFAULTS.workspaceRetentionDays),
  /** Lock the container's immutability policy (irreversible). @default true */
  lockImmutability: z.boolean().default(SUBSCRIPTION_AUDIT_DEFAULTS.lockImmutability),
  /** Archive storage account name (global). @default - `audit<env><6 hex of the subscription and env>` */
  storageAccountName: ruled(z.string(), auditStorageAccountNameProblem).optional(),
});

const PlanSchema = z.strictObject({
  /** The plan's sub-plan, where it offers several (e.g. VirtualMachines `P1`/`P2`). @default - the plan's default */
  subplan: z.string().optional(),
});

const ExemptionSchema = z.strictObject({
  /** Why the subscription is exempt (10-512 characters): the exemption's description. */
  reason: ruled(z.string(), exemptionReasonProblem),
  /** `Waiver` or `Mitigated`. @default Waiver */
  category: z.enum(POLICY_EXEMPTION_CATEGORIES).default(POLICY_ASSIGNMENT_DEFAULTS.exemptionCategory),
  /** Policy definition reference ids of the initiative exempted. @default - the whole initiative */
  policyDefinitionReferenceIds: z.array(z.string().min(1)).min(1).optional(),
  /** When the exemption ends (RFC 3339). @default - never */
  expiresOn: z.iso.datetime({ message: 'is not a time; use RFC 3339 UTC, e.g. "2027-01-01T00:00:00Z"' }).optional(),
});

const PolicySchema = z.strictObject({
  /** Assign the Microsoft cloud security benchmark initiative to the subscription. @default true */
  enabled: z.boolean().default(true),
  /** Enforcement mode `Default` (true) or `DoNotEnforce` (false). @default true */
  enforce: z.boolean().default(POLICY_ASSIGNMENT_DEFAULTS.enforce),
  /** Exemptions keyed by name, each with its reason. @default {} */
  exemptions: z.record(z.string(), ExemptionSchema).default({}),
});

/**
 * `azure.baseline`: the subscription's security baseline (`<env>-azure-baseline`): activity log
 * export, Defender for Cloud plans, and the Microsoft cloud security benchmark assignment.
 */
export const AzureBaselineConfigSchema = z.strictObject({
  /** Create the `<env>-azure-baseline` stack. @default false */
  enabled: z.boolean().default(false),
  /**
   * Compliance frameworks the environment claims (as in `aws.baseline`); their audit retention
   * minimums are checked (pci-dss: 365 days archived, 90 searchable). @default []
   */
  complianceFrameworks: z.array(z.enum(COMPLIANCE_FRAMEWORKS)).default([]),
  /** Resource group of the baseline's resources. @default - `rg-<env>-baseline` */
  resourceGroupName: z.string().regex(/^[-\w.()]{1,89}[-\w()]$/, { message: 'is not a resource group name; use 1-90 letters, digits, "-", "_", ".", "(" and ")", not ending with "."' }).optional(),
  /** Activity log export. */
  activityLog: ActivityLogSchema.prefault({}),
  /** Defender for Cloud plans turned on, keyed by plan name. @default Containers, OpenSourceRelationalDatabases, KeyVaults, StorageAccounts, Arm, VirtualMachines (P1) */
  defenderPlans: z
    .record(z.string(), PlanSchema)
    .default(Object.fromEntries(DEFENDER_DEFAULTS.plans.map((p) => [p.plan, p.subplan ? { subplan: p.subplan } : {}]))),
  /** The benchmark policy assignment. */
  policy: PolicySchema.prefault({}),
});

export type AzureBaselineConfig = z.infer<typeof AzureBaselineConfigSchema>;

/** The Defender plans of the section, as the construct takes them. */
export function defenderPlanSettings(config: Pick<AzureBaselineConfig, 'defenderPlans'>): DefenderPlanSetting[] {
  return Object.entries(config.defenderPlans).map(([plan, p]) => (p.subplan ? { plan, subplan: p.subplan } : { plan }));
}

const PATH = ['azure', 'baseline'] as const;

/** Checks across the fields of `azure.baseline`: plan names and sub-plans, exemption names, framework retention. */
export function checkAzureBaseline(config: AzureBaselineConfig, _env: unknown, report: ReportProblem): void {
  for (const [plan, p] of Object.entries(config.defenderPlans)) {
    const at = [...PATH, 'defenderPlans', plan];
    const problem = defenderPlanProblem(plan);
    if (problem) {
      report(at, plan, problem);
      continue;
    }
    if (p.subplan !== undefined) {
      const sub = defenderSubplanProblem(plan as DefenderPlan, p.subplan);
      if (sub) report([...at, 'subplan'], p.subplan, sub);
    }
  }
  for (const name of Object.keys(config.policy.exemptions)) {
    const problem = policyNameProblem(name);
    if (problem) report([...PATH, 'policy', 'exemptions', name], name, problem);
  }
  const archived = auditRetentionProblem('retentionDays', config.activityLog.retentionDays, config.complianceFrameworks);
  if (archived) report([...PATH, 'activityLog', 'retentionDays'], config.activityLog.retentionDays, archived);
  // The workspace is the immediately searchable copy (PCI DSS 10.5.1: the last three months).
  const searchable = auditRetentionProblem('logRetentionDays', config.activityLog.workspaceRetentionDays, config.complianceFrameworks);
  if (searchable) report([...PATH, 'activityLog', 'workspaceRetentionDays'], config.activityLog.workspaceRetentionDays, searchable);
}

/** `azure.baseline`, owned by the `azure-baseline` stack family. */
export const azureBaselineSection = defineSection({
  path: 'azure.baseline',
  schema: AzureBaselineConfigSchema,
  optional: true,
  check: checkAzureBaseline,
});

/** Every Defender plan name, for messages and docs. */
export const AZURE_DEFENDER_PLAN_NAMES = DEFENDER_PLAN_NAMES;
/** The benchmark initiative's policy set definition id. */
export const AZURE_BENCHMARK_INITIATIVE_ID = BUILTIN_INITIATIVES['microsoft-cloud-security-benchmark'];
