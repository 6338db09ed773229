import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import type { Construct } from 'constructs';
import type { EnvironmentContext } from '../environment/config';
import { gcpLabels } from './providers';

/**
 * Google provider for the environment's project and region, with its labels as `default_labels`.
 *
 * Configured in stacks only; every GCP stack of an environment calls this once.
 *
 * cdktf 0.21 snake-cases every map key of a provider block (only keys named `tags` or `environment`
 * are spared), which would turn the label `cost-centre` into `cost_centre` and make the provider's
 * labels differ from the ones resources set explicitly. The labels are therefore written with an
 * override, which is merged after that conversion (so `provider.defaultLabels` reads back undefined).
 */
export function googleProvider(scope: Construct, env: EnvironmentContext, id = 'google'): GoogleProvider {
  const labels = gcpLabels(env);
  const provider = new GoogleProvider(scope, id, {
    project: env.gcp.projectId,
    region: env.gcp.region,
  });
  provider.addOverride('default_labels', labels);
  return provider;
}
