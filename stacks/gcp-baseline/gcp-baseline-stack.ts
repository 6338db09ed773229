import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import { ProjectOrgPolicies } from '../../modules/gcp/org-policies';
import { ProjectAudit } from '../../modules/gcp/project-audit';
import type { NoOutputs } from '../contracts';
import { EnvironmentStack, type EnvironmentStackProps } from '../environment-stack';
import { googleProvider } from '../private/google-provider';
import { gcpLabels } from '../private/providers';
import { type GcpBaselineConfig, auditBucketName, enforcedConstraints } from './config';

/** Props of {@link GcpBaselineStack}. */
export interface GcpBaselineStackProps extends EnvironmentStackProps {
  /** The `gcp.baseline` section. */
  readonly config: GcpBaselineConfig;
}

/**
 * `<env>-gcp-baseline`: the project's security baseline, deployed before any workload: Data
 * Access audit logs for the services used, every audit log archived to a locked, customer-key
 * encrypted bucket, and project-level organization policy constraints.
 */
export class GcpBaselineStack extends EnvironmentStack {
  public readonly outputs: NoOutputs = {};
  /** The audit trail construct. */
  public readonly audit: ProjectAudit;
  /** The organization policies, when `organizationPolicies.enabled`. */
  public readonly orgPolicies?: ProjectOrgPolicies;

  constructor(scope: Construct, name: string, props: GcpBaselineStackProps) {
    super(scope, name, props);
    const { environment: env, config } = props;
    googleProvider(this, env);
    const project = env.gcp.projectId;

    this.audit = new ProjectAudit(this, 'audit', {
      project,
      region: env.gcp.region,
      bucketName: auditBucketName(project, env.name, config),
      sinkName: `${env.name}-audit-archive`,
      keyRingName: `${env.name}-audit`,
      services: config.auditLogs.services,
      logTypes: config.auditLogs.logTypes,
      retentionDays: config.auditLogs.retentionDays,
      lockRetention: config.auditLogs.lockRetention,
      kmsKeyRotationDays: config.auditLogs.kmsKeyRotationDays,
      labels: { ...gcpLabels(env), role: 'audit' },
    });

    if (config.organizationPolicies.enabled) {
      this.orgPolicies = new ProjectOrgPolicies(this, 'org-policies', { project, enforced: enforcedConstraints(config) });
    }

    new TerraformOutput(this, 'audit_bucket', { value: this.audit.bucket.name, description: 'Bucket that archives the audit logs' });
    new TerraformOutput(this, 'audit_sink_writer', {
      value: this.audit.sink.writerIdentity,
      description: 'Service account the audit log sink writes as',
    });
  }
}
