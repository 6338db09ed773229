import { createHash } from 'node:crypto';
import { PrivateDnsARecord } from '@cdktf/provider-azurerm/lib/private-dns-a-record';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { TerraformOutput, Token } from 'cdktf';
import type { Construct } from 'constructs';
import { ContainerApp } from '../../modules/azure/container-app';
import { ContainerAppEnvironment } from '../../modules/azure/container-app-environment';
import { CONTAINER_REGISTRY_DEFAULTS, ContainerRegistry, type ContainerRegistrySku } from '../../modules/azure/container-registry';
import { LogAnalyticsWorkspace } from '../../modules/azure/log-analytics-workspace';
import { ValidationError } from '../../modules/core/validation-error';
import type { AzureContainersOutputs, AzureNetworkOutputs } from '../contracts';
import { EnvironmentStack, type EnvironmentStackProps } from '../environment-stack';
import { azurermProvider } from '../private/azurerm-provider';
import { linkedPrivateDnsZone } from '../private/private-dns-zone';
import { azureTags } from '../private/providers';
import type { AzureContainersConfig } from './config';

/** Props of {@link AzureContainersStack}. */
export interface AzureContainersStackProps extends EnvironmentStackProps {
  /** The `azure.containers` section. */
  readonly config: AzureContainersConfig;
  /** Outputs of `<env>-azure-network`: the `apps` subnet (environment), the `app` subnet (registry endpoint), the VNet. */
  readonly network: AzureNetworkOutputs;
}

/** Default global name of the environment's registry: `cr<env><8 hex of the subscription and env>`. */
export function defaultContainerRegistryName(env: { readonly name: string; readonly azure: { readonly subscriptionId: string } }): string {
  return `cr${env.name}${createHash('sha256').update(`${env.azure.subscriptionId}/${env.name}`).digest('hex').slice(0, 8)}`;
}

/** Whether an image reference names its registry (`mcr.microsoft.com/x:1`), rather than a repository of ours (`api:1`). */
function hasRegistryHost(image: string): boolean {
  const first = image.split('/')[0]!;
  return image.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
}

/**
 * `<env>-azure-containers`: the environment's Azure Container Registry, Container Apps managed
 * environment and apps, from `azure.containers`.
 *
 * The registry is Premium and private by default: its private endpoint sits in the `app` subnet
 * and registers in `privatelink.azurecr.io`. The environment runs in the delegated `apps` subnet,
 * internal by default: a private DNS zone named after its default domain resolves every app
 * (`*`) to its static private IP inside the VNet. Each app pulls with its own identity (`AcrPull`).
 */
export class AzureContainersStack extends EnvironmentStack {
  public readonly outputs: AzureContainersOutputs;
  public readonly registry: ContainerRegistry;
  public readonly appEnvironment: ContainerAppEnvironment;
  /** The apps, keyed by name. */
  public readonly apps: Readonly<Record<string, ContainerApp>>;

  constructor(scope: Construct, name: string, props: AzureContainersStackProps) {
    super(scope, name, props);
    const { environment: env, config, network } = props;
    const premium = config.registry.sku === 'Premium';
    for (const role of premium ? ['apps', 'app'] : ['apps']) {
      if (network.subnetIds[role] === undefined && !Token.isUnresolved(network.subnetIds)) {
        throw new ValidationError(this, 'network.subnetIds', Object.keys(network.subnetIds), `has no "${role}" subnet; the Container Apps stack needs the ${role} subnet of the Azure network stack`);
      }
    }

    azurermProvider(this, env);
    const tags = azureTags(env);
    const location = network.location;
    const rg = new ResourceGroup(this, 'resource-group', { name: config.resourceGroupName ?? `rg-${env.name}-containers`, location, tags });

    const workspace = new LogAnalyticsWorkspace(this, 'logs', {
      name: `log-${env.name}-containers`,
      resourceGroupName: rg.name,
      location,
      retentionDays: config.logRetentionDays,
      tags,
    });

    const registryZone = premium
      ? linkedPrivateDnsZone(this, 'registry-private-dns', {
          name: CONTAINER_REGISTRY_DEFAULTS.privateDnsZoneName,
          resourceGroupName: rg.name,
          vnetId: network.vnetId,
          linkName: `link-vnet-${env.name}`,
          tags,
        })
      : undefined;
    this.registry = new ContainerRegistry(this, 'registry', {
      name: config.registry.name ?? defaultContainerRegistryName(env),
      resourceGroupName: rg.name,
      location,
      sku: config.registry.sku as ContainerRegistrySku,
      privateEndpointSubnetId: premium ? network.subnetIds.app : undefined,
      privateDnsZoneId: registryZone?.id,
      untaggedRetentionDays: config.registry.untaggedRetentionDays,
      tags,
    });

    this.appEnvironment = new ContainerAppEnvironment(this, 'environment', {
      name: `cae-${env.name}`,
      resourceGroupName: rg.name,
      location,
      infrastructureSubnetId: network.subnetIds.apps!,
      logAnalyticsWorkspaceId: workspace.workspaceId,
      internal: config.environment.internal,
      zoneRedundant: config.environment.zoneRedundant,
      workloadProfiles: config.environment.workloadProfiles,
      tags,
    });

    if (config.environment.internal) {
      // An internal environment has no public DNS: resolve its apps inside the VNet.
      // @see https://learn.microsoft.com/azure/container-apps/private-endpoints-with-dns
      const zone = linkedPrivateDnsZone(this, 'environment-private-dns', {
        name: this.appEnvironment.defaultDomain,
        resourceGroupName: rg.name,
        vnetId: network.vnetId,
        linkName: `link-vnet-${env.name}`,
        tags,
      });
      new PrivateDnsARecord(this, 'environment-wildcard', {
        name: '*',
        zoneName: zone.name,
        resourceGroupName: rg.name,
        ttl: 300,
        records: [this.appEnvironment.staticIpAddress],
        tags,
      });
    }

    const apps: Record<string, ContainerApp> = {};
    for (const key of Object.keys(config.apps).sort()) {
      const app = config.apps[key]!;
      apps[key] = new ContainerApp(this, `app-${key}`, {
        name: key,
        resourceGroupName: rg.name,
        location,
        environmentId: this.appEnvironment.environmentId,
        registryId: this.registry.registryId,
        registryLoginServer: this.registry.loginServer,
        image: hasRegistryHost(app.image) ? app.image : `${this.registry.loginServer}/${app.image}`,
        cpu: app.cpu,
        memory: app.memory,
        workloadProfileName: app.workloadProfile,
        minReplicas: app.minReplicas,
        maxReplicas: app.maxReplicas,
        httpConcurrentRequests: app.httpConcurrentRequests,
        targetPort: app.targetPort,
        transport: app.transport,
        public: app.public,
        revisionMode: app.revisionMode,
        trafficWeights: app.trafficWeights,
        env: app.env,
        keyVaultSecrets: app.keyVaultSecrets,
        keyVaultId: app.keyVaultId,
        healthCheckPath: app.healthCheckPath,
        tags,
      });
    }
    this.apps = apps;

    const pick = (f: (a: ContainerApp) => string) => Object.fromEntries(Object.entries(apps).map(([k, a]) => [k, f(a)]));
    this.outputs = {
      resourceGroupName: rg.name,
      logAnalyticsWorkspaceId: workspace.workspaceId,
      registryId: this.registry.registryId,
      registryLoginServer: this.registry.loginServer,
      environmentId: this.appEnvironment.environmentId,
      environmentDefaultDomain: this.appEnvironment.defaultDomain,
      environmentStaticIp: this.appEnvironment.staticIpAddress,
      appIds: pick((a) => a.appId),
      appFqdns: pick((a) => a.latestRevisionFqdn),
      principalIds: pick((a) => a.principalId),
    };
    new TerraformOutput(this, 'resource_group_name', { value: this.outputs.resourceGroupName });
    new TerraformOutput(this, 'registry_login_server', { value: this.outputs.registryLoginServer, description: 'Where to push images' });
    new TerraformOutput(this, 'registry_id', { value: this.outputs.registryId });
    new TerraformOutput(this, 'environment_id', { value: this.outputs.environmentId });
    new TerraformOutput(this, 'environment_default_domain', { value: this.outputs.environmentDefaultDomain });
    new TerraformOutput(this, 'environment_static_ip', {
      value: this.outputs.environmentStaticIp,
      description: 'Static IP of the environment (private when internal)',
    });
    new TerraformOutput(this, 'app_fqdns', { value: this.outputs.appFqdns, description: 'FQDN of the latest revision by app' });
    new TerraformOutput(this, 'principal_ids', { value: this.outputs.principalIds, description: 'Principal ids of the app identities' });
  }
}
