import { ConfigError } from './modules/core/config/errors';
import { loadEnvironments } from './modules/core/config/load';
import { synthAtomically } from './modules/core/synth';
import { addEnvironmentStacks } from './stacks';

/**
 * The cdktf app: every stack of every environment in `$INFRA_CONFIG_DIR` (default `config/`).
 */
try {
  const environments = loadEnvironments();
  synthAtomically((app) => {
    for (const { config } of environments) addEnvironmentStacks(app, config);
  });
} catch (err) {
  if (err instanceof ConfigError) {
    process.stderr.write(`${err.message}\nNothing was synthesized.\n`);
    process.exit(1);
  }
  throw err;
}
