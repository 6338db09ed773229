import { Token } from 'cdktf';

/**
 * Shared checks of the Azure compute constructs (Function App, Container Apps, AKS).
 *
 * Internal: the constructs re-export what the config layer needs.
 */

/** True when a value is given and is not an unresolved token (only such values can be checked at synth). */
export function known<T>(value: T | undefined): value is T {
  return value !== undefined && !Token.isUnresolved(value);
}

/** Names of settings, env vars or secrets that must never carry a literal value. */
export const SECRET_LIKE_NAME = /(password|secret|token|key|connectionstring)/i;

/** The form of a Key Vault reference an App Service / Functions app setting may hold. */
export const KEY_VAULT_REFERENCE = /^@Microsoft\.KeyVault\((SecretUri|VaultName)=/;

/**
 * Why a plain (non-secret) setting is refused, or `undefined` when it is fine.
 *
 * A setting whose name looks like a secret (`DB_PASSWORD`, `API_TOKEN`, `StorageConnectionString`...)
 * must come from Key Vault: a literal value would land in the Terraform state and the synthesized JSON.
 * Unresolved tokens are accepted (they are references to other resources' attributes).
 */
export function literalSecretProblem(name: string, value: string): string | undefined {
  if (Token.isUnresolved(value)) return undefined;
  if (!SECRET_LIKE_NAME.test(name)) return undefined;
  if (KEY_VAULT_REFERENCE.test(value)) return undefined;
  return 'looks like a secret (its name matches /(password|secret|token|key|connectionstring)/i) but has a literal value; pass it as a Key Vault secret id in keyVaultSecrets instead';
}

/** Key Vault secret URI: `https://<vault>.vault.azure.net/secrets/<name>[/<version>]` (any Azure cloud suffix). */
export const KEY_VAULT_SECRET_URI = /^https:\/\/[a-z0-9-]{3,24}\.vault\.[a-z0-9.]+\/secrets\/[A-Za-z0-9-]{1,127}(\/[0-9a-f]{32})?\/?$/;

/** Why a Key Vault secret id is refused, or `undefined` when it is fine. */
export function keyVaultSecretIdProblem(id: string): string | undefined {
  if (Token.isUnresolved(id)) return undefined;
  return KEY_VAULT_SECRET_URI.test(id)
    ? undefined
    : 'is not a Key Vault secret id; expected "https://<vault>.vault.azure.net/secrets/<name>" (optionally "/<version>"), e.g. azurerm_key_vault_secret.versionless_id';
}

/** ARM id of a vault, or of one of its secrets (the scopes of a `Key Vault Secrets User` grant). */
const KEY_VAULT_ARM_ID = /^\/subscriptions\/[0-9a-fA-F-]{36}\/resourceGroups\/[-\w.()]{1,90}\/providers\/Microsoft\.KeyVault\/vaults\/[A-Za-z0-9-]{3,24}$/i;

/**
 * Why the ARM id of a Key Vault (`what: 'vault'`) or of a vault's secret (`'secret'`) is refused,
 * or `undefined`: the id is the scope of a role assignment, which Azure refuses when malformed.
 *
 * @see https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules#microsoftkeyvault
 */
export function keyVaultArmIdProblem(id: string, what: 'vault' | 'secret'): string | undefined {
  if (Token.isUnresolved(id)) return undefined;
  const vault = what === 'secret' ? id.replace(/\/secrets\/[A-Za-z0-9-]{1,127}$/, '') : id;
  if ((what === 'secret' && vault === id) || !KEY_VAULT_ARM_ID.test(vault)) {
    return `is not the ARM id of a Key Vault${what === 'secret' ? ' secret' : ''}; expected "/subscriptions/<subscription id>/resourceGroups/<group>/providers/Microsoft.KeyVault/vaults/<vault>${what === 'secret' ? '/secrets/<name>' : ''}"`;
  }
  return undefined;
}

/** Lower-case, construct-id-safe form of a user-given key (setting name, pool name...). */
export function idFromKey(key: string): string {
  return key
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Built-in role names used by the compute constructs. @see https://learn.microsoft.com/azure/role-based-access-control/built-in-roles */
export const ROLES = {
  keyVaultSecretsUser: 'Key Vault Secrets User',
  storageBlobDataOwner: 'Storage Blob Data Owner',
  acrPull: 'AcrPull',
  monitoringMetricsPublisher: 'Monitoring Metrics Publisher',
} as const;
