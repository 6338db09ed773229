import type { NoOutputs } from '../contracts';
import { defineFamily } from '../family';
import { stateSection } from './config';
import { StateBackendStack } from './state-backend-stack';

/** `<env>-state-backend`: the bootstrap stack that creates the state bucket, its key and the lock table. */
export const stateBackendFamily = defineFamily({
  id: 'state-backend',
  description: 'the state bucket, its KMS key, access-log bucket and lock table (bootstrap)',
  section: stateSection,
  enabledWhen: '`state.createBackend`',
  backend: 'local file (S3 once `state.bootstrapStateInBucket`)',
  enabled: (state) => state.createBackend,
  dependsOn: [],
  build: (ctx) => ({
    stack: new StateBackendStack(ctx.scope, ctx.name, { environment: ctx.environment }),
    outputs: {} as NoOutputs,
  }),
});
