import { DataAzurermClientConfig } from '@cdktf/provider-azurerm/lib/data-azurerm-client-config';
import { KeyVaultSecret } from '@cdktf/provider-azurerm/lib/key-vault-secret';
import { PostgresqlFlexibleServer } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server';
import { PostgresqlFlexibleServerActiveDirectoryAdministrator } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server-active-directory-administrator';
import { PostgresqlFlexibleServerConfiguration } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server-configuration';
import { PostgresqlFlexibleServerDatabase } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server-database';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { EphemeralResource } from '../core/ephemeral-resource';
import { ValidationError } from '../core/validation-error';
import { KeyVault } from './key-vault';
import {
  AZURE_POSTGRES_DEFAULTS,
  AZURE_POSTGRES_LIMITS,
  AZURE_ZONES,
  type PostgresHaMode,
  administratorLoginProblem,
  backupRetentionProblem,
  databaseNameProblem,
  haProblem,
  postgresVersionProblem,
  serverNameProblem,
  skuProblem,
  storageMbProblem,
} from './postgres-rules';

/** A PostgreSQL administrator from Entra ID (Azure AD). */
export interface PostgresEntraAdmin {
  /** Object id (GUID) of the user, group or service principal. */
  readonly objectId: string;
  /** Its name as PostgreSQL shows it (UPN, group or application name). */
  readonly principalName: string;
  /** `User`, `Group` or `ServicePrincipal`. @default Group */
  readonly principalType?: 'User' | 'Group' | 'ServicePrincipal';
}

/** Custom maintenance window, in UTC. */
export interface PostgresMaintenanceWindow {
  /** 0 = Sunday ... 6 = Saturday. */
  readonly dayOfWeek: number;
  /** 0-23. */
  readonly startHour: number;
  /** 0-59. */
  readonly startMinute: number;
}

/** Props of {@link PostgresFlexibleServer}. */
export interface PostgresFlexibleServerProps {
  /** Server name: 3-63 lowercase letters, digits and `-`, no edge `-`; a global DNS label. */
  readonly name: string;
  /** Resource group of the server and its Key Vault. */
  readonly resourceGroupName: string;
  /** Azure location. */
  readonly location: string;
  /** Subnet delegated to `Microsoft.DBforPostgreSQL/flexibleServers`, holding nothing else. */
  readonly delegatedSubnetId: string;
  /** Private DNS zone (`*.postgres.database.azure.com`) linked to the VNet. */
  readonly privateDnsZoneId: string;
  /** Name of the Key Vault created to keep the administrator password (global). */
  readonly keyVaultName: string;
  /** PostgreSQL major version. @default "18" */
  readonly version?: string;
  /** Compute SKU `<B|GP|MO>_Standard_<size>`. @default "GP_Standard_D2ds_v5" */
  readonly skuName?: string;
  /** Storage in MiB, one of the enumerated sizes. @default 32768 */
  readonly storageMb?: number;
  /** Grow storage automatically. @default true */
  readonly enableAutoGrow?: boolean;
  /** `ZoneRedundant`, `SameZone` or `Disabled` (not on Burstable SKUs). @default ZoneRedundant */
  readonly highAvailability?: PostgresHaMode;
  /** Zone of the primary, `1`-`3`. @default - Azure picks one */
  readonly zone?: string;
  /** Zone of the zone-redundant standby. @default - Azure picks one */
  readonly standbyZone?: string;
  /** Days of backups to keep, 7-35. @default 14 */
  readonly backupRetentionDays?: number;
  /** Geo-redundant backups (changing this recreates the server). @default true */
  readonly enableGeoRedundantBackup?: boolean;
  /** The application database to create. @default "app" */
  readonly databaseName?: string;
  /** Administrator login for password auth. @default "pgadmin" */
  readonly administratorLogin?: string;
  /** Bump to generate and send a new administrator password. @default 1 */
  readonly administratorPasswordVersion?: number;
  /** Expiry of the password secret, `YYYY-MM-DD` (UTC). @default - no expiry */
  readonly administratorPasswordExpiresOn?: string;
  /** Custom maintenance window (UTC). @default - system-managed */
  readonly maintenanceWindow?: PostgresMaintenanceWindow;
  /** `log_min_duration_statement` in ms (-1 off, 0 all). @default 1000 */
  readonly logMinDurationStatementMs?: number;
  /** Entra principals to make PostgreSQL administrators. @default - none */
  readonly entraAdmins?: PostgresEntraAdmin[];
  /**
   * Subnet of the Key Vault's private endpoint: not the delegated `data` subnet (a subnet
   * delegated to flexible servers cannot hold private endpoints), e.g. the `app` subnet.
   */
  readonly keyVaultPrivateEndpointSubnetId: string;
  /**
   * VNet the Key Vault's new `privatelink.vaultcore.azure.net` zone is linked to; required
   * unless `keyVaultPrivateDnsZoneId` is given.
   *
   * @default - none
   */
  readonly keyVaultVirtualNetworkId?: string;
  /** An existing `privatelink.vaultcore.azure.net` zone for the Key Vault's endpoint. @default - a new zone linked to `keyVaultVirtualNetworkId` */
  readonly keyVaultPrivateDnsZoneId?: string;
  /** Keep the Key Vault's public endpoint on (behind its firewall). @default false */
  readonly keyVaultEnablePublicNetworkAccess?: boolean;
  /** Public IPs/CIDRs (/24 or narrower) allowed through the Key Vault firewall; only with `keyVaultEnablePublicNetworkAccess`. @default - none */
  readonly keyVaultAllowedIpRanges?: string[];
  /**
   * Terraform `prevent_destroy` on the server and the database: a plan that would delete or
   * replace them fails. Turn off to tear an environment down.
   *
   * @default true
   */
  readonly enableDeletionProtection?: boolean;
  /** Tags merged onto every taggable resource. @default - none */
  readonly tags?: Record<string, string>;
}

/** Server parameters set on every server (values are strings to the API). */
function serverParameters(logMinDurationStatementMs: number): Record<string, string> {
  return {
    // Refuse unencrypted connections (the service default, pinned so nobody turns it off quietly).
    require_secure_transport: 'on',
    log_connections: 'on',
    log_disconnections: 'on',
    log_checkpoints: 'on',
    log_min_duration_statement: String(logMinDurationStatementMs),
    // Temporarily blocks an IP after repeated failed logins.
    'connection_throttle.enable': 'on',
  };
}

/**
 * Azure Database for PostgreSQL flexible server, private and highly available by default.
 *
 * Creates the server in a delegated subnet with a private DNS zone (no public endpoint),
 * zone-redundant HA, auto-growing storage, geo-redundant backups, TLS-only connections and
 * connection logging; Entra and password authentication. The administrator password comes from
 * `random_password`, is sent to the server through the write-only `administrator_password_wo`
 * and kept in a new Key Vault through the write-only `value_wo`, so neither the server nor the
 * secret holds it in state (the `random_password` resource still does: guard the state).
 * Bump `administratorPasswordVersion` to rotate it.
 *
 * @see https://registry.terraform.io/providers/hashicorp/azurerm/4.55.0/docs/resources/postgresql_flexible_server
 */
export class PostgresFlexibleServer extends Construct {
  /** The server. */
  public readonly server: PostgresqlFlexibleServer;
  /** The application database. */
  public readonly database: PostgresqlFlexibleServerDatabase;
  /** The Key Vault holding the administrator password. */
  public readonly keyVault: KeyVault;
  /** The Key Vault secret of the administrator password. */
  public readonly passwordSecret: KeyVaultSecret;
  /** Server parameters, keyed by parameter name. */
  public readonly configurations: Record<string, PostgresqlFlexibleServerConfiguration>;
  /** Entra administrators, keyed by object id. */
  public readonly entraAdmins: Record<string, PostgresqlFlexibleServerActiveDirectoryAdministrator>;
  /** The administrator login. */
  public readonly administratorLogin: string;
  /** The application database's name. */
  public readonly databaseName: string;

  constructor(scope: Construct, id: string, props: PostgresFlexibleServerProps) {
    super(scope, id);
    const D = AZURE_POSTGRES_DEFAULTS;
    const version = props.version ?? D.version;
    const skuName = props.skuName ?? D.skuName;
    const storageMb = props.storageMb ?? D.storageMb;
    const highAvailability = props.highAvailability ?? D.highAvailability;
    const backupRetentionDays = props.backupRetentionDays ?? D.backupRetentionDays;
    const databaseName = props.databaseName ?? D.databaseName;
    const administratorLogin = props.administratorLogin ?? D.administratorLogin;
    const passwordVersion = props.administratorPasswordVersion ?? D.administratorPasswordVersion;
    const logMinDurationStatementMs = props.logMinDurationStatementMs ?? D.logMinDurationStatementMs;
    const preventDestroy = props.enableDeletionProtection ?? D.enableDeletionProtection;
    this.validate({
      name: [props.name, serverNameProblem],
      version: [version, postgresVersionProblem],
      skuName: [skuName, skuProblem],
      storageMb: [storageMb, storageMbProblem],
      backupRetentionDays: [backupRetentionDays, backupRetentionProblem],
      databaseName: [databaseName, databaseNameProblem],
      administratorLogin: [administratorLogin, administratorLoginProblem],
    });
    this.validateHa(highAvailability, skuName, props.zone, props.standbyZone);
    const { minAdministratorPasswordVersion } = AZURE_POSTGRES_LIMITS;
    if (
      !Token.isUnresolved(passwordVersion) &&
      (!Number.isInteger(passwordVersion) || passwordVersion < minAdministratorPasswordVersion)
    ) {
      throw new ValidationError(this, 'administratorPasswordVersion', passwordVersion, 'is not allowed; use a whole number from 1 up (bump it to rotate)');
    }
    if (props.administratorPasswordExpiresOn !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(props.administratorPasswordExpiresOn)) {
      throw new ValidationError(this, 'administratorPasswordExpiresOn', props.administratorPasswordExpiresOn, 'is not a date; use YYYY-MM-DD');
    }
    this.administratorLogin = administratorLogin;
    this.databaseName = databaseName;

    const client = new DataAzurermClientConfig(this, 'client');

    // First, so the vault's own prop checks run before any resource of this construct exists.
    this.keyVault = new KeyVault(this, 'key-vault', {
      name: props.keyVaultName,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      tenantId: client.tenantId,
      secretsOfficerPrincipalId: client.objectId,
      privateEndpointSubnetId: props.keyVaultPrivateEndpointSubnetId,
      virtualNetworkId: props.keyVaultVirtualNetworkId,
      privateDnsZoneId: props.keyVaultPrivateDnsZoneId,
      enablePublicNetworkAccess: props.keyVaultEnablePublicNetworkAccess ?? D.keyVaultEnablePublicNetworkAccess,
      allowedIpRanges: props.keyVaultAllowedIpRanges,
      tags: props.tags,
    });

    // An ephemeral random_password (random >= 3.7): opened at plan and apply, never stored in the
    // plan or the state. The server and the Key Vault secret get it through write-only arguments;
    // the version number tells azurerm when to send a new one (bump it to rotate).
    // @see https://registry.terraform.io/providers/hashicorp/random/latest/docs/ephemeral-resources/password
    const password = new EphemeralResource(this, 'administrator-password', {
      type: 'random_password',
      config: {
        length: D.passwordLength,
        min_lower: 2,
        min_upper: 2,
        min_numeric: 2,
        min_special: 2,
        override_special: D.passwordSpecials,
      },
    });
    const passwordValue = password.getStringAttribute('result');

    this.passwordSecret = new KeyVaultSecret(this, 'administrator-password-secret', {
      name: 'postgres-administrator-password',
      keyVaultId: this.keyVault.resource.id,
      valueWo: passwordValue,
      valueWoVersion: passwordVersion,
      contentType: 'text/plain; postgres administrator password',
      expirationDate: props.administratorPasswordExpiresOn ? `${props.administratorPasswordExpiresOn}T00:00:00Z` : undefined,
      tags: { ...props.tags, 'postgres-server': props.name, 'postgres-login': administratorLogin },
      // RBAC: the deploying identity can write secrets only once its role assignment exists.
      dependsOn: this.keyVault.secretsOfficer ? [this.keyVault.secretsOfficer] : undefined,
    });

    this.server = new PostgresqlFlexibleServer(this, 'server', {
      name: props.name,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      version,
      skuName,
      storageMb,
      autoGrowEnabled: props.enableAutoGrow ?? D.enableAutoGrow,
      delegatedSubnetId: props.delegatedSubnetId,
      privateDnsZoneId: props.privateDnsZoneId,
      publicNetworkAccessEnabled: false,
      zone: props.zone,
      highAvailability:
        highAvailability === 'Disabled' ? undefined : { mode: highAvailability, standbyAvailabilityZone: props.standbyZone },
      backupRetentionDays,
      geoRedundantBackupEnabled: props.enableGeoRedundantBackup ?? D.enableGeoRedundantBackup,
      authentication: { activeDirectoryAuthEnabled: true, passwordAuthEnabled: true, tenantId: client.tenantId },
      administratorLogin,
      // Write-only (Terraform >= 1.11): sent to Azure, never stored in plan or state.
      administratorPasswordWo: passwordValue,
      administratorPasswordWoVersion: passwordVersion,
      maintenanceWindow: props.maintenanceWindow,
      tags: props.tags,
      lifecycle: {
        preventDestroy,
        // An HA failover swaps primary and standby zones; without this Terraform would fail back.
        ignoreChanges: ['zone', 'high_availability[0].standby_availability_zone'],
      },
    });

    this.configurations = {};
    for (const [name, value] of Object.entries(serverParameters(logMinDurationStatementMs))) {
      this.configurations[name] = new PostgresqlFlexibleServerConfiguration(this, `parameter-${name.replace(/[._]/g, '-')}`, {
        serverId: this.server.id,
        name,
        value,
      });
    }

    this.database = new PostgresqlFlexibleServerDatabase(this, 'database', {
      serverId: this.server.id,
      name: databaseName,
      charset: 'UTF8',
      collation: 'en_US.utf8',
      lifecycle: { preventDestroy },
    });

    this.entraAdmins = {};
    for (const admin of props.entraAdmins ?? []) {
      this.entraAdmins[admin.objectId] = new PostgresqlFlexibleServerActiveDirectoryAdministrator(
        this,
        `entra-admin-${admin.objectId.toLowerCase()}`,
        {
          serverName: this.server.name,
          resourceGroupName: props.resourceGroupName,
          tenantId: client.tenantId,
          objectId: admin.objectId,
          principalName: admin.principalName,
          principalType: admin.principalType ?? D.entraAdminPrincipalType,
        },
      );
    }
  }

  /** The server's resource id. */
  public get serverId(): string {
    return this.server.id;
  }

  /** The server's private FQDN. */
  public get fqdn(): string {
    return this.server.fqdn;
  }

  /** Versionless id of the password secret (always resolves to the current version). */
  public get passwordSecretId(): string {
    return this.passwordSecret.versionlessId;
  }

  private validate(checks: Record<string, [string | number, (v: any) => string | undefined]>): void {
    for (const [prop, [value, rule]] of Object.entries(checks)) {
      if (Token.isUnresolved(value)) continue;
      const problem = rule(value);
      if (problem) throw new ValidationError(this, prop, value, problem);
    }
  }

  private validateHa(mode: PostgresHaMode, skuName: string, zone?: string, standbyZone?: string): void {
    if (!Token.isUnresolved(skuName)) {
      const problem = haProblem(mode, skuName);
      if (problem) throw new ValidationError(this, 'highAvailability', mode, problem);
    }
    for (const [prop, value] of [['zone', zone], ['standbyZone', standbyZone]] as const) {
      if (value !== undefined && !Token.isUnresolved(value) && !(AZURE_ZONES as readonly string[]).includes(value)) {
        throw new ValidationError(this, prop, value, 'is not an availability zone; use "1", "2" or "3"');
      }
    }
    if (standbyZone !== undefined && mode !== 'ZoneRedundant') {
      throw new ValidationError(this, 'standbyZone', standbyZone, `is not used with highAvailability ${mode}; remove it or use ZoneRedundant`);
    }
    if (standbyZone !== undefined && zone !== undefined && standbyZone === zone) {
      throw new ValidationError(this, 'standbyZone', standbyZone, 'is the same zone as "zone"; use a different zone for a zone-redundant standby');
    }
  }
}
