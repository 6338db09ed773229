import { z } from 'zod';
import {
  FUNCTION_APP_DEFAULTS,
  FUNCTION_APP_LIMITS,
  FUNCTION_FLEX_INSTANCE_MEMORY_MB,
  FUNCTION_PREMIUM_SKUS,
  functionAppNameProblem,
  functionPythonVersionProblem,
  storageAccountNameProblem,
  storageIpRuleProblem,
} from '../../modules/azure/function-app';
import { LOG_ANALYTICS_DEFAULTS, logAnalyticsRetentionProblem } from '../../modules/azure/log-analytics-workspace';
import { keyVaultArmIdProblem, keyVaultSecretIdProblem, literalSecretProblem } from '../../modules/azure/private/compute-rules';
import { repositoryFolderProblem } from '../../modules/core/config/primitives';
import { defineSection, type ReportProblem } from '../../modules/core/config/section';
import { numberAsString, ruled } from '../private/ruled';

/** Keys of `azure.functions.apps`: they name the app's resources, so they are short and DNS-safe. */
export const AZURE_FUNCTION_APP_KEY = /^[a-z][a-z0-9-]{0,18}[a-z0-9]$/;

/** A Key Vault secret referenced by an app setting (`@Microsoft.KeyVault(SecretUri=...)`). */
const KeyVaultSecretSchema = z.strictObject({
  /** Versionless secret id, `https://<vault>.vault.azure.net/secrets/<name>` (rotations are picked up). */
  secretId: ruled(z.string(), keyVaultSecretIdProblem),
  /** ARM id of the secret, the scope of its `Key Vault Secrets User` grant. @default - required unless the app's `keyVaultId` is given */
  resourceId: ruled(z.string(), (id) => keyVaultArmIdProblem(id, 'secret')).optional(),
});

const FunctionAppSchema = z.strictObject({
  /** Folder of the app (`function_app.py`, `host.json`, `requirements.txt`), relative to the repository root; zipped deterministically. */
  codeFolder: z.string().min(1),
  /** `flex` (Flex Consumption, FC1) or `premium` (Elastic Premium). @default flex */
  plan: z.enum(['flex', 'premium']).default(FUNCTION_APP_DEFAULTS.plan),
  /** Elastic Premium SKU, `premium` only. @default - EP1 on premium */
  premiumSku: z.enum(FUNCTION_PREMIUM_SKUS).optional(),
  /** Python version of the Functions v4 runtime. @default "3.12" */
  pythonVersion: z.preprocess(numberAsString, ruled(z.string(), functionPythonVersionProblem)).default(FUNCTION_APP_DEFAULTS.pythonVersion),
  /** Flex only: instance memory in MB (512, 2048 or 4096). @default - 2048 on flex */
  instanceMemoryMb: z.number().optional(),
  /** Flex: most instances (40-1000); Premium: most elastic workers (1-100). @default - 100 on flex, 20 on premium */
  maximumInstances: z.number().int().optional(),
  /** Plain app settings; a secret-looking name with a literal value is refused (use keyVaultSecrets). @default {} */
  appSettings: z.record(z.string(), z.string()).default({}),
  /** App settings resolved from Key Vault, keyed by setting name. @default {} */
  keyVaultSecrets: z.record(z.string(), KeyVaultSecretSchema).default({}),
  /** Key Vault of the secrets: one `Key Vault Secrets User` grant on the vault instead of one per secret. @default - a grant per secret */
  keyVaultId: ruled(z.string(), (id) => keyVaultArmIdProblem(id, 'vault')).optional(),
  /** Reachable from the internet. When false the app gets a private endpoint in the `app` subnet. @default false */
  public: z.boolean().default(FUNCTION_APP_DEFAULTS.public),
  /** Public IPv4 addresses/ranges allowed through the app's storage firewall (the deploying runner, which uploads the package). @default [] */
  storageAllowedIpRanges: z.array(ruled(z.string(), storageIpRuleProblem)).default([]),
  /** Function app name (global DNS label). @default - `func-<env>-<key>-<6 hex of subscription, env and key>` */
  name: ruled(z.string(), functionAppNameProblem).optional(),
  /** Storage account name (global, 3-24 lower-case letters and digits). @default - `st<env><8 hex of subscription, env and key>` */
  storageAccountName: ruled(z.string(), storageAccountNameProblem).optional(),
});

export type AzureFunctionAppConfig = z.infer<typeof FunctionAppSchema>;

/**
 * `azure.functions`: the Function Apps of the `<env>-azure-functions` stack.
 *
 * Secure defaults: Flex Consumption, private (public network access off, private endpoint), VNet
 * integration, storage reached with the managed identity only, settings from Key Vault.
 */
export const AzureFunctionsConfigSchema = z.strictObject({
  /** Create the `<env>-azure-functions` stack (needs `azure.network`). @default false */
  enabled: z.boolean().default(false),
  /** Resource group of the apps, their storage and monitoring. @default - `rg-<env>-functions` */
  resourceGroupName: z.string().regex(/^[-\w.()]{0,89}[-\w()]$/, { message: 'is not a valid resource group name; use 1-90 letters, digits, "_", "-", "." or "()", not ending with "."' }).optional(),
  /** Days the Log Analytics workspace (behind Application Insights) keeps logs, 30-730. @default 90 */
  logRetentionDays: ruled(z.number(), logAnalyticsRetentionProblem).default(LOG_ANALYTICS_DEFAULTS.retentionDays),
  /** Function apps keyed by a short name (2-20 lower-case letters, digits and "-"). @default {} */
  apps: z.record(z.string(), FunctionAppSchema).default({}),
});

export type AzureFunctionsConfig = z.infer<typeof AzureFunctionsConfigSchema>;

/** Checks across the fields of `azure.functions`, with the limits of modules/azure/function-app.ts. */
export function checkAzureFunctions(config: AzureFunctionsConfig, _env: unknown, report: ReportProblem): void {
  const base = ['azure', 'functions', 'apps'];
  if (config.enabled && Object.keys(config.apps).length === 0) {
    report(['azure', 'functions', 'apps'], undefined, 'is empty while azure.functions.enabled is true; add an app (e.g. hello: { codeFolder: apps/azure-function }) or set enabled: false');
  }
  for (const [key, app] of Object.entries(config.apps)) {
    const at = (...field: (string | number)[]) => [...base, key, ...field];
    if (!AZURE_FUNCTION_APP_KEY.test(key)) {
      report(at(), undefined, 'is not a valid app key; use 2-20 lower-case letters, digits and "-", starting with a letter, not ending with "-"');
    }
    const codeProblem = repositoryFolderProblem(app.codeFolder, 'apps/azure-function');
    if (codeProblem) report(at('codeFolder'), app.codeFolder, codeProblem);
    if (app.plan === 'flex') {
      if (app.premiumSku !== undefined) report(at('premiumSku'), app.premiumSku, 'applies to plan premium only; leave it out with plan flex');
      if (app.instanceMemoryMb !== undefined && !(FUNCTION_FLEX_INSTANCE_MEMORY_MB as readonly number[]).includes(app.instanceMemoryMb)) {
        report(at('instanceMemoryMb'), app.instanceMemoryMb, `is not a Flex Consumption instance size; use one of ${FUNCTION_FLEX_INSTANCE_MEMORY_MB.join(', ')}`);
      }
    } else if (app.instanceMemoryMb !== undefined) {
      report(at('instanceMemoryMb'), app.instanceMemoryMb, 'applies to plan flex only; on premium the SKU sets the memory');
    }
    if (app.maximumInstances !== undefined) {
      const limits = app.plan === 'flex' ? FUNCTION_APP_LIMITS.flexMaximumInstanceCount : FUNCTION_APP_LIMITS.premiumMaximumElasticWorkers;
      if (app.maximumInstances < limits.min || app.maximumInstances > limits.max) {
        report(at('maximumInstances'), app.maximumInstances, `is not allowed on plan ${app.plan}; use ${limits.min} to ${limits.max}`);
      }
    }
    for (const [name, value] of Object.entries(app.appSettings)) {
      const problem = literalSecretProblem(name, value);
      // The value is never echoed: it may be the secret.
      if (problem) report(at('appSettings', name), undefined, problem);
      if (app.keyVaultSecrets[name] !== undefined) report(at('appSettings', name), undefined, 'is also in keyVaultSecrets; give each setting once');
    }
    if (app.keyVaultId === undefined) {
      for (const [name, secret] of Object.entries(app.keyVaultSecrets)) {
        if (secret.resourceId === undefined) {
          report(at('keyVaultSecrets', name, 'resourceId'), undefined, 'is required when the app has no keyVaultId: the Key Vault Secrets User grant is scoped to exactly this secret');
        }
      }
    }
  }
}

/** `azure.functions`, owned by the `azure-functions` stack family. */
export const azureFunctionsSection = defineSection({
  path: 'azure.functions',
  schema: AzureFunctionsConfigSchema,
  optional: true,
  check: checkAzureFunctions,
});
