import { createHash } from 'node:crypto';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { TerraformOutput, Token } from 'cdktf';
import type { Construct } from 'constructs';
import { COSMOS_DB_DEFAULTS, CosmosDbAccount } from '../../modules/azure/cosmos-db-account';
import { STORAGE_ACCOUNT_DEFAULTS, StorageAccount } from '../../modules/azure/storage-account';
import { ValidationError } from '../../modules/core/validation-error';
import type { AzureContainersOutputs, AzureFunctionsOutputs, AzureNetworkOutputs, AzureDataOutputs } from '../contracts';
import { EnvironmentStack, type EnvironmentStackProps } from '../environment-stack';
import { azurermProvider } from '../private/azurerm-provider';
import { linkedPrivateDnsZone } from '../private/private-dns-zone';
import { azureTags } from '../private/providers';
import { resolveAppIdentities } from './app-identities';
import type { AzureDataConfig } from './config';


/** Props of {@link AzureDataStack}. */
export interface AzureDataStackProps extends EnvironmentStackProps {
  /** The `azure.data` section. */
  readonly config: AzureDataConfig;
  /** Outputs of `<env>-azure-network`: the `app` subnet (private endpoints) and the VNet. */
  readonly network: AzureNetworkOutputs;
  /** Outputs of `<env>-azure-functions`, when a grant names a function app. @default - none */
  readonly functions?: Pick<AzureFunctionsOutputs, 'principalIds'>;
  /** Outputs of `<env>-azure-containers`, when a grant names a container app. @default - none */
  readonly containers?: Pick<AzureContainersOutputs, 'principalIds'>;
}

/** Default global names of the environment's data accounts (a hash of subscription and environment keeps them unique and stable). */
export function defaultAzureDataNames(env: { readonly name: string; readonly azure: { readonly subscriptionId: string } }): { storageAccountName: string; cosmosAccountName: string } {
  const hash = createHash('sha256').update(`${env.azure.subscriptionId}/${env.name}/data`).digest('hex');
  return { storageAccountName: `st${env.name.replace(/[^a-z0-9]/g, '')}${hash.slice(0, 8)}`, cosmosAccountName: `cosmos-${env.name}-${hash.slice(0, 6)}` };
}

/**
 * `<env>-azure-data`: the environment's application data, from `azure.data`: a private StorageV2
 * account and a private Cosmos DB for NoSQL account, their private endpoints in the `app` subnet
 * with their private DNS zones, and Entra data roles for the apps' identities.
 *
 * The provider uses Entra for storage data-plane calls (`storage_use_azuread`): the account has
 * shared keys off. Containers and lifecycle rules go through ARM, so no network path to the
 * account is needed to apply.
 */
export class AzureDataStack extends EnvironmentStack {
  public readonly outputs: AzureDataOutputs;
  public readonly storage?: StorageAccount;
  public readonly cosmos?: CosmosDbAccount;

  constructor(scope: Construct, name: string, props: AzureDataStackProps) {
    super(scope, name, props);
    const { environment: env, config, network } = props;
    if (network.subnetIds.app === undefined && !Token.isUnresolved(network.subnetIds)) {
      throw new ValidationError(this, 'network.subnetIds', Object.keys(network.subnetIds), 'has no "app" subnet; the private endpoints of the data accounts go in the app subnet of the Azure network stack');
    }
    const sources = { functions: props.functions, containers: props.containers };

    azurermProvider(this, env, 'azurerm', { storageUseAzuread: true });
    const tags = azureTags(env);
    const location = network.location;
    const rg = new ResourceGroup(this, 'resource-group', { name: config.resourceGroupName ?? `rg-${env.name}-data`, location, tags });
    const names = defaultAzureDataNames(env);
    const zone = (id: string, zoneName: string) =>
      linkedPrivateDnsZone(this, id, { name: zoneName, resourceGroupName: rg.name, vnetId: network.vnetId, linkName: `link-vnet-${env.name}`, tags });

    let blobZoneId: string | undefined;
    if (config.storage) {
      const s = config.storage;
      blobZoneId = zone('blob-private-dns', STORAGE_ACCOUNT_DEFAULTS.blobPrivateDnsZoneName).id;
      this.storage = new StorageAccount(this, 'storage', {
        name: s.name ?? names.storageAccountName,
        resourceGroupName: rg.name,
        location,
        replication: s.replication,
        privateEndpointSubnetId: network.subnetIds.app,
        privateDnsZoneId: blobZoneId,
        blobSoftDeleteDays: s.blobSoftDeleteDays,
        containerSoftDeleteDays: s.containerSoftDeleteDays,
        containers: s.containers,
        lifecycleRules: s.lifecycle,
        blobReaders: resolveAppIdentities(this, 'config.storage.readers', s.readers, sources),
        blobContributors: resolveAppIdentities(this, 'config.storage.contributors', s.contributors, sources),
        tags,
      });
    }

    if (config.cosmos) {
      const c = config.cosmos;
      this.cosmos = new CosmosDbAccount(this, 'cosmos', {
        name: c.name ?? names.cosmosAccountName,
        resourceGroupName: rg.name,
        location,
        privateEndpointSubnetId: network.subnetIds.app!,
        privateDnsZoneId: zone('cosmos-private-dns', COSMOS_DB_DEFAULTS.privateDnsZoneName).id,
        consistency: c.consistency,
        backupTier: c.backupTier,
        zoneRedundant: c.zoneRedundant,
        serverless: c.serverless,
        databases: c.databases,
        dataReaders: resolveAppIdentities(this, 'config.cosmos.readers', c.readers, sources),
        dataContributors: resolveAppIdentities(this, 'config.cosmos.contributors', c.contributors, sources),
        tags,
      });
    }

    this.outputs = {
      resourceGroupName: rg.name,
      location,
      storageAccountId: this.storage?.accountId,
      storageAccountName: this.storage?.accountName,
      blobPrivateDnsZoneId: blobZoneId,
      cosmosAccountId: this.cosmos?.accountId,
      cosmosEndpoint: this.cosmos?.endpoint,
    };
    new TerraformOutput(this, 'resource_group_name', { value: rg.name });
    if (this.storage) {
      new TerraformOutput(this, 'storage_account_name', { value: this.storage.accountName, description: 'Data storage account (Entra ID only, private endpoint)' });
      new TerraformOutput(this, 'storage_blob_endpoint', { value: this.storage.resource.primaryBlobEndpoint, description: 'Blob endpoint (resolves to the private endpoint inside the VNet)' });
    }
    if (this.cosmos) {
      new TerraformOutput(this, 'cosmos_endpoint', { value: this.cosmos.endpoint, description: 'Cosmos DB document endpoint (Entra ID only, private endpoint)' });
    }
  }
}
