import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { OrgPolicyPolicy } from '@cdktf/provider-google/lib/org-policy-policy';
import { StorageBucket } from '@cdktf/provider-google/lib/storage-bucket';
import { Testing } from 'cdktf';
import { gcpBaselineFamily } from '../../../stacks/gcp-baseline/family';
import type { GcpBaselineStack } from '../../../stacks/gcp-baseline/gcp-baseline-stack';
import { GCP_BASELINE_CONTROLS } from '../../../stacks/gcp-baseline/controls';
import { familyStack, testEnvironment } from '../../helpers/environment';

const stackFor = (patch: Record<string, any> = {}) =>
  familyStack<GcpBaselineStack>(gcpBaselineFamily, testEnvironment({ gcp: { baseline: { enabled: true, ...patch } } }));

describe('GcpBaselineStack', () => {
  const stack = stackFor();
  const text = Testing.synth(stack);
  const json = JSON.parse(text);

  it('configures the google provider for the project and keeps its state in the environment bucket', () => {
    expect(text).toHaveProviderWithProperties(GoogleProvider, { project: 'acme-test-1', region: 'europe-west1' });
    expect(json.terraform.backend.s3).toMatchObject({ bucket: 'acme-tfstate-test', key: 'test/test-gcp-baseline.tfstate', encrypt: true });
  });

  it('archives audit logs to <project>-<env>-audit-logs in the region, labelled as audit', () => {
    expect(text).toHaveResourceWithProperties(StorageBucket, {
      name: 'acme-test-1-test-audit-logs',
      location: 'EUROPE-WEST1',
      retention_policy: { retention_period: 31536000, is_locked: true },
      labels: expect.objectContaining({ environment: 'test', role: 'audit' }),
    });
    const sink: any = Object.values(json.resource.google_logging_project_sink)[0];
    expect(sink.name).toBe('test-audit-archive');
    expect(Object.values<any>(json.resource.google_kms_key_ring)[0].name).toBe('test-audit');
  });

  it('sets the default organization policies, and none when turned off', () => {
    expect(Object.keys(json.resource.google_org_policy_policy)).toHaveLength(10);
    expect(Testing.synth(stackFor({ organizationPolicies: { enabled: false } }))).not.toHaveResource(OrgPolicyPolicy);
  });

  it('takes retention and lock from config', () => {
    expect(Testing.synth(stackFor({ auditLogs: { retentionDays: 30, lockRetention: false } }))).toHaveResourceWithProperties(StorageBucket, {
      retention_policy: { retention_period: 2592000, is_locked: false },
    });
  });

  it('publishes the bucket and the sink writer', () => {
    expect(Object.keys(json.output).sort()).toEqual(['audit_bucket', 'audit_sink_writer']);
  });

  it('exports the controls it implements, each evidenced by a resource type the stack creates', () => {
    expect(GCP_BASELINE_CONTROLS.map((c) => c.id)).toEqual(['GCP-BL-AUDIT-LOGS', 'GCP-BL-AUDIT-ARCHIVE', 'GCP-BL-ORG-POLICIES']);
    for (const control of GCP_BASELINE_CONTROLS) {
      for (const type of control.resourceTypes) expect(Object.keys(json.resource)).toContain(type);
    }
    expect(GCP_BASELINE_CONTROLS.find((c) => c.id === 'GCP-BL-AUDIT-ARCHIVE')!.frameworks.pci).toContain('10.5.1');
  });
});
