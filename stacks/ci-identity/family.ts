import type { NoOutputs } from '../contracts';
import { defineFamily } from '../family';
import { CiIdentityStack } from './ci-identity-stack';
import { ciSection } from './config';

/** `<env>-ci-identity`: the identities CI signs in with (bootstrap: applied from a laptop, docs/ci.md). */
export const ciIdentityFamily = defineFamily({
  id: 'ci-identity',
  description: 'CI sign-in by OIDC: AWS provider and plan/apply roles, GCP workload identity pool and service accounts, Azure federated credentials (bootstrap, not run by CI)',
  section: ciSection,
  enabledWhen: '`ci.enabled`',
  enabled: (ci) => ci.enabled,
  dependsOn: [],
  build: (ctx, config) => ({
    stack: new CiIdentityStack(ctx.scope, ctx.name, { environment: ctx.environment, config }),
    outputs: {} as NoOutputs,
  }),
});
