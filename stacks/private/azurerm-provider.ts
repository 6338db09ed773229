import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import type { Construct } from 'constructs';
import type { EnvironmentContext } from '../environment/config';

/** Options of {@link azurermProvider}. */
export interface AzurermProviderOptions {
  /**
   * `storage_use_azuread`: reach storage data planes (blobs, containers) with the deployer's Entra
   * identity instead of the account key. Needed by stacks that upload to a storage account whose
   * shared key access is off (the Flex Consumption function apps' package blob).
   *
   * @default false
   * @see https://registry.terraform.io/providers/hashicorp/azurerm/4.55.0/docs#storage_use_azuread
   */
  readonly storageUseAzuread?: boolean;
}

/**
 * azurerm provider for the environment's subscription.
 *
 * Configured in stacks only; every Azure stack of an environment calls this once. azurerm has
 * no provider-level default tags: constructs put `azureTags(environment)` (stacks/private/providers.ts)
 * on every taggable resource through their `tags` prop.
 *
 * @see https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs#argument-reference
 */
export function azurermProvider(
  scope: Construct,
  env: EnvironmentContext,
  id = 'azurerm',
  options: AzurermProviderOptions = {},
): AzurermProvider {
  return new AzurermProvider(scope, id, {
    // The `features {}` block is required by azurerm even when empty.
    features: [{}],
    subscriptionId: env.azure.subscriptionId,
    ...(options.storageUseAzuread ? { storageUseAzuread: true } : {}),
  });
}
