import type { BaselineControlSet } from '../../../../modules/policy/compliance/report';
import type { PolicyReport } from '../../../../modules/policy/report';
import { AWS_BASELINE_CONTROLS } from '../../../../stacks/aws-baseline/controls';
import { AZURE_BASELINE_CONTROLS } from '../../../../stacks/azure-baseline/controls';
import { GCP_BASELINE_CONTROLS } from '../../../../stacks/gcp-baseline/controls';

/** The three baseline families' controls, as main.ts passes them. */
export const BASELINE_SETS: readonly BaselineControlSet[] = [
  { stack: 'aws-baseline', cisBenchmark: 'AWS', controls: AWS_BASELINE_CONTROLS },
  { stack: 'gcp-baseline', cisBenchmark: 'GCP', controls: GCP_BASELINE_CONTROLS },
  { stack: 'azure-baseline', cisBenchmark: 'Azure', controls: AZURE_BASELINE_CONTROLS },
];

/**
 * A fake policy report of the `dev` environment: the database instance is encrypted (compliant
 * AWS-RDS-1), publicly accessible (open AWS-RDS-5) and single-AZ, suppressed with a reason (AWS-RDS-3).
 */
export const POLICY_REPORT: PolicyReport = {
  version: 1,
  rules: [
    { id: 'AWS-RDS-1', level: 'error', summary: 'RDS instances encrypt their storage' },
    { id: 'AWS-RDS-3', level: 'error', summary: 'RDS instances are Multi-AZ' },
    { id: 'AWS-RDS-5', level: 'error', summary: 'RDS instances are not publicly accessible' },
  ],
  findings: [
    { rule: 'AWS-RDS-1', level: 'error', resource: 'aws_db_instance.db', path: 'dev-aws-database/db', stack: 'dev-aws-database', status: 'compliant' },
    { rule: 'AWS-RDS-5', level: 'error', resource: 'aws_db_instance.db', path: 'dev-aws-database/db', stack: 'dev-aws-database', status: 'non-compliant' },
    {
      rule: 'AWS-RDS-3',
      level: 'error',
      resource: 'aws_db_instance.db',
      path: 'dev-aws-database/db',
      stack: 'dev-aws-database',
      status: 'suppressed',
      reason: 'dev runs one instance to save cost',
      suppressedBy: 'environment',
    },
  ],
  unusedSuppressions: [],
};

/** A one-control baseline set: a trail (the primary type) and its key. */
export const TRAIL_SET: BaselineControlSet = {
  stack: 'aws-baseline',
  cisBenchmark: 'AWS',
  controls: [
    {
      id: 'AWS-BL-CLOUDTRAIL',
      summary: 'A multi-region trail',
      resourceTypes: ['aws_cloudtrail', 'aws_kms_key'],
      frameworks: { hipaa: ['164.312(b)'], gdpr: ['32'], cis: ['3.1'] },
    },
  ],
};
