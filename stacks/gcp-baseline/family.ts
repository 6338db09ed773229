import { defineFamily } from '../family';
import { gcpBaselineSection } from './config';
import { GcpBaselineStack } from './gcp-baseline-stack';

/** `<env>-gcp-baseline`: the project's audit trail and organization policies (deployed first). */
export const gcpBaselineFamily = defineFamily({
  id: 'gcp-baseline',
  description: 'project security baseline: Data Access audit logs, audit log archive in a locked CMEK bucket, organization policy constraints',
  section: gcpBaselineSection,
  enabledWhen: '`gcp.baseline.enabled`',
  enabled: (config) => config.enabled,
  dependsOn: [],
  build: (ctx, config) => {
    const stack = new GcpBaselineStack(ctx.scope, ctx.name, { environment: ctx.environment, config });
    return { stack, outputs: stack.outputs };
  },
});
