import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { TerraformOutput, Token } from 'cdktf';
import type { Construct } from 'constructs';
import { FunctionApp } from '../../modules/azure/function-app';
import { LogAnalyticsWorkspace } from '../../modules/azure/log-analytics-workspace';
import { ValidationError } from '../../modules/core/validation-error';
import type { AzureFunctionsOutputs, AzureNetworkOutputs } from '../contracts';
import { EnvironmentStack, type EnvironmentStackProps } from '../environment-stack';
import { azurermProvider } from '../private/azurerm-provider';
import { linkedPrivateDnsZone } from '../private/private-dns-zone';
import { azureTags } from '../private/providers';
import type { AzureFunctionsConfig } from './config';

/** The private DNS zone of App Service / Functions private endpoints. */
export const FUNCTIONS_PRIVATE_DNS_ZONE = 'privatelink.azurewebsites.net';

/** Props of {@link AzureFunctionsStack}. */
export interface AzureFunctionsStackProps extends EnvironmentStackProps {
  /** The `azure.functions` section. */
  readonly config: AzureFunctionsConfig;
  /** Outputs of `<env>-azure-network`: the `functions`, `functions-premium` and `app` subnets, the VNet. */
  readonly network: AzureNetworkOutputs;
  /**
   * Folder relative `codeFolder`s are resolved against.
   *
   * @default - the working directory (the repository root, where `npm run synth` runs)
   */
  readonly codeRoot?: string;
}

/**
 * Default global names of one app: the function app (a DNS label under azurewebsites.net) and its
 * storage account, with a short hash of the subscription, environment and app key so two
 * subscriptions with a `prod` environment never collide, while staying stable.
 */
export function defaultFunctionAppNames(
  env: { readonly name: string; readonly azure: { readonly subscriptionId: string } },
  key: string,
): { name: string; storageAccountName: string } {
  const hash = createHash('sha256').update(`${env.azure.subscriptionId}/${env.name}/${key}`).digest('hex');
  return { name: `func-${env.name}-${key}-${hash.slice(0, 6)}`, storageAccountName: `st${env.name}${hash.slice(0, 8)}` };
}

/**
 * `<env>-azure-functions`: the environment's Function Apps (Python, Functions v4), from
 * `azure.functions.apps`, with one Log Analytics workspace behind their Application Insights.
 *
 * Each app: Flex Consumption integrated into the `functions` subnet (or Elastic Premium into
 * `functions-premium`), its own identity-only storage account, a private endpoint in the `app`
 * subnet registered in `privatelink.azurewebsites.net` while not public.
 *
 * The provider uses Entra auth for storage data (`storage_use_azuread`): the Flex apps' storage
 * has shared keys off, and Terraform uploads their package blob. The deployer needs `Storage Blob
 * Data Contributor` on the accounts and a network path to them (`storageAllowedIpRanges`).
 */
export class AzureFunctionsStack extends EnvironmentStack {
  public readonly outputs: AzureFunctionsOutputs;
  /** The apps, keyed by their key in `azure.functions.apps`. */
  public readonly apps: Readonly<Record<string, FunctionApp>>;
  public readonly workspace: LogAnalyticsWorkspace;

  constructor(scope: Construct, name: string, props: AzureFunctionsStackProps) {
    super(scope, name, props);
    const { environment: env, config, network } = props;
    const needs = new Set<string>(Object.values(config.apps).map((a) => (a.plan === 'flex' ? 'functions' : 'functions-premium')));
    if (Object.values(config.apps).some((a) => !a.public)) needs.add('app');
    for (const role of needs) {
      if (network.subnetIds[role] === undefined && !Token.isUnresolved(network.subnetIds)) {
        throw new ValidationError(this, 'network.subnetIds', Object.keys(network.subnetIds), `has no "${role}" subnet; the function apps need the ${role} subnet of the Azure network stack`);
      }
    }

    azurermProvider(this, env, 'azurerm', { storageUseAzuread: true });
    const tags = azureTags(env);
    const rg = new ResourceGroup(this, 'resource-group', {
      name: config.resourceGroupName ?? `rg-${env.name}-functions`,
      location: network.location,
      tags,
    });

    this.workspace = new LogAnalyticsWorkspace(this, 'logs', {
      name: `log-${env.name}-functions`,
      resourceGroupName: rg.name,
      location: network.location,
      retentionDays: config.logRetentionDays,
      tags,
    });

    const anyPrivate = Object.values(config.apps).some((a) => !a.public);
    const zone = anyPrivate
      ? linkedPrivateDnsZone(this, 'sites-private-dns', {
          name: FUNCTIONS_PRIVATE_DNS_ZONE,
          resourceGroupName: rg.name,
          vnetId: network.vnetId,
          linkName: `link-vnet-${env.name}`,
          tags,
        })
      : undefined;

    const apps: Record<string, FunctionApp> = {};
    // Sorted: the output maps do not depend on the order of the file.
    for (const key of Object.keys(config.apps).sort()) {
      const app = config.apps[key]!;
      const names = defaultFunctionAppNames(env, key);
      const flex = app.plan === 'flex';
      apps[key] = new FunctionApp(this, `app-${key}`, {
        name: app.name ?? names.name,
        storageAccountName: app.storageAccountName ?? names.storageAccountName,
        resourceGroupName: rg.name,
        location: network.location,
        codeFolder: path.resolve(props.codeRoot ?? process.cwd(), app.codeFolder),
        subnetId: network.subnetIds[flex ? 'functions' : 'functions-premium']!,
        logAnalyticsWorkspaceId: this.workspace.workspaceId,
        plan: app.plan,
        premiumSku: app.premiumSku,
        pythonVersion: app.pythonVersion as never,
        instanceMemoryMb: app.instanceMemoryMb,
        maximumInstances: app.maximumInstances,
        appSettings: app.appSettings,
        keyVaultSecrets: app.keyVaultSecrets,
        keyVaultId: app.keyVaultId,
        storageAllowedIpRanges: app.storageAllowedIpRanges,
        public: app.public,
        privateEndpointSubnetId: app.public ? undefined : network.subnetIds.app,
        privateDnsZoneId: app.public ? undefined : zone!.id,
        tags,
      });
    }
    this.apps = apps;

    const pick = (f: (a: FunctionApp) => string) => Object.fromEntries(Object.entries(apps).map(([k, a]) => [k, f(a)]));
    this.outputs = {
      resourceGroupName: rg.name,
      logAnalyticsWorkspaceId: this.workspace.workspaceId,
      appIds: pick((a) => a.appId),
      defaultHostnames: pick((a) => a.defaultHostname),
      principalIds: pick((a) => a.principalId),
    };
    new TerraformOutput(this, 'resource_group_name', { value: this.outputs.resourceGroupName });
    new TerraformOutput(this, 'log_analytics_workspace_id', { value: this.outputs.logAnalyticsWorkspaceId });
    new TerraformOutput(this, 'app_ids', { value: this.outputs.appIds, description: 'Function app resource ids by app key' });
    new TerraformOutput(this, 'default_hostnames', {
      value: this.outputs.defaultHostnames,
      description: 'Host names by app key (private apps resolve to their private endpoint inside the VNet)',
    });
    new TerraformOutput(this, 'principal_ids', {
      value: this.outputs.principalIds,
      description: 'Principal ids of the app identities, for further role assignments',
    });
    new TerraformOutput(this, 'package_sha256', {
      value: Object.fromEntries(Object.entries(apps).map(([k, a]) => [k, a.packageSha256])),
      description: 'SHA-256 of each deployed code package',
    });
  }
}
