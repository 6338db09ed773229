import type { App } from 'cdktf';
import type { EnvironmentConfig } from '../modules/core/config/schema';
import { stateBackendStackName } from '../modules/core/naming';
import { StateBackendStack } from './state-backend-stack';

/**
 * Adds every stack of one environment to the app, in deploy order.
 *
 * Cross-stack values pass through props (see contracts.ts); cdktf turns them into outputs and
 * remote-state reads and records the dependency, so `cdktf deploy` runs stacks in order.
 */
export function addEnvironmentStacks(app: App, env: EnvironmentConfig): void {
  if (env.state.createBackend) {
    new StateBackendStack(app, stateBackendStackName(env.name), { env });
  }
  // -- networks (issue 3) --
  // @slot aws-network
  // @slot gcp-network
  // @slot azure-network
  // -- databases (issue 4) --
  // @slot aws-database
  // @slot gcp-database
  // @slot azure-database
  // -- DR link (issue 5) --
  // @slot dr
}
