import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import type { Construct } from 'constructs';
import type { EnvironmentConfig } from '../../modules/core/config/schema';

/**
 * azurerm provider for the environment's subscription.
 *
 * Configured in stacks only; every Azure stack of an environment calls this once. azurerm has
 * no provider-level default tags: constructs put `azureTags(env)` (stacks/private/providers.ts)
 * on every taggable resource through their `tags` prop.
 *
 * @see https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs#argument-reference
 */
export function azurermProvider(scope: Construct, env: EnvironmentConfig, id = 'azurerm'): AzurermProvider {
  return new AzurermProvider(scope, id, {
    // The `features {}` block is required by azurerm even when empty.
    features: [{}],
    subscriptionId: env.azure.subscriptionId,
  });
}
