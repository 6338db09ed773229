import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import type { Construct } from 'constructs';
import type { EnvironmentContext } from '../environment/config';
import { environmentLabels, environmentTags } from '../../modules/core/tags';

/**
 * Providers are configured in stacks only, never in reusable constructs.
 *
 * Google and Azure providers are added by their stacks through the helpers in this folder;
 * each is imported from its deep path so a stack loads only the bindings it uses.
 */

/** AWS provider for the environment's account and region, with its default tags. */
export function awsProvider(scope: Construct, env: EnvironmentContext, id = 'aws'): AwsProvider {
  return new AwsProvider(scope, id, {
    region: env.aws.region,
    allowedAccountIds: [env.aws.accountId],
    defaultTags: [{ tags: environmentTags(env) }],
  });
}

/** Labels to put on GCP resources (the google provider's `default_labels` also carries them). */
export function gcpLabels(env: EnvironmentContext): Record<string, string> {
  return environmentLabels(env);
}

/** Tags to put on Azure resources (azurerm has no provider-level default tags). */
export function azureTags(env: EnvironmentContext): Record<string, string> {
  return environmentTags(env);
}
