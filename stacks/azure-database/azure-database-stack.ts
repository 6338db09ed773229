import { createHash } from 'node:crypto';
import { RandomProvider } from '@cdktf/provider-random/lib/provider';
import { TerraformOutput, Token } from 'cdktf';
import type { Construct } from 'constructs';
import { PostgresFlexibleServer } from '../../modules/azure/postgres-flexible-server';
import { ValidationError } from '../../modules/core/validation-error';
import type { AzureDatabaseOutputs, AzureNetworkOutputs } from '../contracts';
import { EnvironmentStack, type EnvironmentStackProps } from '../environment-stack';
import { azurermProvider } from '../private/azurerm-provider';
import { azureTags } from '../private/providers';
import type { AzureDatabaseConfig } from './config';

/** Props of {@link AzureDatabaseStack}. */
export interface AzureDatabaseStackProps extends EnvironmentStackProps {
  /** The `azure.database` section. */
  readonly config: AzureDatabaseConfig;
  /** Outputs of `<env>-azure-network`: resource group, location, `data` subnet, private DNS zone. */
  readonly network: AzureNetworkOutputs;
}

/**
 * Default global names of the environment's server and Key Vault.
 *
 * Both names are global (the server's is a DNS label), so a short hash of the subscription and
 * environment keeps two subscriptions with a `prod` environment apart while staying stable.
 */
export function defaultAzureDatabaseNames(env: {
  readonly name: string;
  readonly azure: { readonly subscriptionId: string };
}): { serverName: string; keyVaultName: string } {
  const suffix = createHash('sha256').update(`${env.azure.subscriptionId}/${env.name}`).digest('hex').slice(0, 6);
  return { serverName: `psql-${env.name}-${suffix}`, keyVaultName: `kv-${env.name}-${suffix}` };
}

/**
 * `<env>-azure-database`: the environment's PostgreSQL flexible server, in the network stack's
 * delegated `data` subnet, with its administrator password in a Key Vault.
 */
export class AzureDatabaseStack extends EnvironmentStack {
  public readonly outputs: AzureDatabaseOutputs;
  /** The server construct (for stacks that need more than the outputs). */
  public readonly postgres: PostgresFlexibleServer;

  constructor(scope: Construct, name: string, props: AzureDatabaseStackProps) {
    super(scope, name, props);
    const { environment: env, config, network } = props;
    const dataSubnetId = network.subnetIds.data;
    const appSubnetId = network.subnetIds.app;
    for (const [role, id, why] of [
      ['data', dataSubnetId, 'the server needs the delegated data subnet of the Azure network stack'],
      ['app', appSubnetId, "the Key Vault's private endpoint goes in the app subnet (a delegated subnet cannot hold one)"],
    ] as const) {
      if (id === undefined && !Token.isUnresolved(network.subnetIds)) {
        throw new ValidationError(this, 'network.subnetIds', Object.keys(network.subnetIds), `has no "${role}" subnet; ${why}`);
      }
    }

    azurermProvider(this, env);
    new RandomProvider(this, 'random');

    const names = defaultAzureDatabaseNames(env);
    this.postgres = new PostgresFlexibleServer(this, 'postgres', {
      name: config.serverName ?? names.serverName,
      keyVaultName: config.keyVaultName ?? names.keyVaultName,
      resourceGroupName: network.resourceGroupName,
      location: network.location,
      delegatedSubnetId: dataSubnetId!,
      privateDnsZoneId: network.postgresPrivateDnsZoneId,
      version: config.version,
      skuName: config.skuName,
      storageMb: config.storageMb,
      enableAutoGrow: config.autoGrow,
      highAvailability: config.highAvailability,
      zone: config.zone,
      standbyZone: config.standbyZone,
      backupRetentionDays: config.backupRetentionDays,
      enableGeoRedundantBackup: config.geoRedundantBackup,
      databaseName: config.databaseName,
      administratorLogin: config.administratorLogin,
      administratorPasswordVersion: config.administratorPasswordVersion,
      administratorPasswordExpiresOn: config.administratorPasswordExpiresOn,
      maintenanceWindow: config.maintenanceWindow,
      logMinDurationStatementMs: config.logMinDurationStatementMs,
      entraAdmins: config.entraAdmins,
      // The vault's private endpoint sits in the app subnet (the data subnet is delegated to the server).
      keyVaultPrivateEndpointSubnetId: appSubnetId!,
      keyVaultVirtualNetworkId: network.vnetId,
      // Listing runner addresses is the explicit opt-in to the vault's public endpoint (behind its firewall).
      keyVaultEnablePublicNetworkAccess: config.keyVaultAllowedIpRanges.length > 0,
      keyVaultAllowedIpRanges: config.keyVaultAllowedIpRanges,
      enableDeletionProtection: config.deletionProtection,
      tags: azureTags(env),
    });

    this.outputs = {
      serverId: this.postgres.serverId,
      fqdn: this.postgres.fqdn,
      databaseName: this.postgres.databaseName,
      keyVaultSecretId: this.postgres.passwordSecretId,
    };

    new TerraformOutput(this, 'server-id', { value: this.outputs.serverId, description: 'Resource id of the flexible server' });
    new TerraformOutput(this, 'server-fqdn', {
      value: this.outputs.fqdn,
      description: 'Private FQDN of the server (resolves inside the VNet only)',
    });
    new TerraformOutput(this, 'database-name', { value: this.outputs.databaseName, description: 'The application database' });
    new TerraformOutput(this, 'administrator-login', {
      value: this.postgres.administratorLogin,
      description: 'Administrator login for password authentication',
    });
    new TerraformOutput(this, 'administrator-password-secret-id', {
      value: this.outputs.keyVaultSecretId,
      description: 'Versionless Key Vault secret id of the administrator password (the id, not the password)',
    });
    new TerraformOutput(this, 'key-vault-id', {
      value: this.postgres.keyVault.resource.id,
      description: 'Key Vault that holds the administrator password',
    });
  }
}
