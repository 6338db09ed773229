import { defineFamily } from '../family';
import { gcpFunctionsFamily } from '../gcp-functions/family';
import { gcpRunFamily } from '../gcp-run/family';
import { gcpDataNeedsFunctions, gcpDataNeedsRun, gcpDataSection } from './config';
import { GcpDataStack } from './gcp-data-stack';

/**
 * `<env>-gcp-data`: data buckets and a Firestore database with customer keys, and grants to the
 * Cloud Run services and functions the config names (their accounts must exist first, so the
 * stacks that create them are conditional dependencies).
 */
export const gcpDataFamily = defineFamily({
  id: 'gcp-data',
  description: 'Cloud Storage data buckets and a Firestore database (customer keys, versioning/PITR, delete protection), grants to services and functions',
  section: gcpDataSection,
  enabledWhen: '`gcp.data.buckets` lists a bucket or `gcp.data.firestore` is set',
  enabled: (data) => Object.keys(data.buckets).length > 0 || data.firestore !== undefined,
  dependsOn: [],
  conditionalDependsOn: [
    { family: gcpRunFamily, when: gcpDataNeedsRun, description: 'a grant names a `gcp.run` service' },
    { family: gcpFunctionsFamily, when: gcpDataNeedsFunctions, description: 'a grant names a `gcp.functions` function' },
  ],
  build: (ctx, config) => {
    const stack = new GcpDataStack(ctx.scope, ctx.name, {
      environment: ctx.environment,
      config,
      ...(gcpDataNeedsRun(config, ctx.env) ? { run: ctx.use(gcpRunFamily) } : {}),
      ...(gcpDataNeedsFunctions(config, ctx.env) ? { functions: ctx.use(gcpFunctionsFamily) } : {}),
    });
    return { stack, outputs: stack.outputs };
  },
});
