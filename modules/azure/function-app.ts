import { ApplicationInsights } from '@cdktf/provider-azurerm/lib/application-insights';
import { FunctionAppFlexConsumption } from '@cdktf/provider-azurerm/lib/function-app-flex-consumption';
import { LinuxFunctionApp } from '@cdktf/provider-azurerm/lib/linux-function-app';
import { PrivateEndpoint } from '@cdktf/provider-azurerm/lib/private-endpoint';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { ServicePlan } from '@cdktf/provider-azurerm/lib/service-plan';
import { StorageAccount } from '@cdktf/provider-azurerm/lib/storage-account';
import { StorageBlob } from '@cdktf/provider-azurerm/lib/storage-blob';
import { StorageContainer } from '@cdktf/provider-azurerm/lib/storage-container';
import { StorageManagementPolicy } from '@cdktf/provider-azurerm/lib/storage-management-policy';
import { StorageShare } from '@cdktf/provider-azurerm/lib/storage-share';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { Construct } from 'constructs';
import { isPrivate, parseCidr, prefixOf } from '../core/cidr';
import { writeZipAsset } from '../core/deterministic-zip';
import { HIDDEN, ValidationError } from '../core/validation-error';
import { idFromKey, keyVaultSecretIdProblem, known, literalSecretProblem, ROLES } from './private/compute-rules';
import { newPrivateEndpoint } from './private/private-endpoint';

/** Hosting plans {@link FunctionApp} supports: Flex Consumption (`FC1`) or Elastic Premium. */
export type FunctionAppPlan = 'flex' | 'premium';

/** Python versions of the Functions v4 runtime the construct accepts. */
export const FUNCTION_PYTHON_VERSIONS = ['3.12', '3.13'] as const;
/** A Python version of {@link FUNCTION_PYTHON_VERSIONS}. */
export type FunctionPythonVersion = (typeof FUNCTION_PYTHON_VERSIONS)[number];

/** Elastic Premium plan SKUs (1, 2 or 4 vCPU). @see https://learn.microsoft.com/azure/azure-functions/functions-premium-plan#available-instance-skus */
export const FUNCTION_PREMIUM_SKUS = ['EP1', 'EP2', 'EP3'] as const;
/** An Elastic Premium SKU. */
export type FunctionPremiumSku = (typeof FUNCTION_PREMIUM_SKUS)[number];

/**
 * Instance memory sizes the Flex Consumption plan accepts, in MB (the provider does not check them;
 * the service refuses others at apply).
 *
 * @see https://learn.microsoft.com/azure/azure-functions/flex-consumption-plan#instance-memory
 */
export const FUNCTION_FLEX_INSTANCE_MEMORY_MB = [512, 2048, 4096] as const;

/** Limits of {@link FunctionApp}. */
export const FUNCTION_APP_LIMITS = {
  /**
   * Flex Consumption `maximum_instance_count`: the provider accepts 1-1000, the service refuses
   * fewer than 40 at apply.
   *
   * @see https://learn.microsoft.com/azure/azure-functions/flex-consumption-how-to#set-instance-limits
   */
  flexMaximumInstanceCount: { min: 40, max: 1000 },
  /** Elastic Premium `maximum_elastic_worker_count`. */
  premiumMaximumElasticWorkers: { min: 1, max: 100 },
} as const;

/** Defaults of {@link FunctionApp}. */
export const FUNCTION_APP_DEFAULTS = {
  plan: 'flex' as FunctionAppPlan,
  pythonVersion: '3.12' as FunctionPythonVersion,
  premiumSku: 'EP1' as FunctionPremiumSku,
  flexInstanceMemoryMb: 2048,
  flexMaximumInstanceCount: 100,
  premiumMaximumElasticWorkers: 20,
  /** Functions host major version. */
  functionsExtensionVersion: '~4',
  minimumTlsVersion: '1.2',
  public: false,
  /** Premium deployment: run from the package blob read with the managed identity (no basic auth). */
  premiumDeployment: 'package-url' as 'package-url' | 'zip-deploy',
  /** Blob container holding the code package. */
  packageContainerName: 'app-package',
  /** Paths of the code folder left out of the package (tests, local secrets, virtualenvs). */
  packageExclude: ['tests', 'local.settings.json', '.venv', '.funcignore'] as readonly string[],
  /** Days a deleted blob or container of the app's storage account can be restored (soft delete). */
  storageSoftDeleteDays: 7,
  /**
   * Days after a blob version was written that lifecycle management deletes it once it is a
   * previous version: the host overwrites small blobs (timer status, host keys) on every run, and
   * Microsoft advises fewer than 1,000 versions per blob.
   *
   * @see https://learn.microsoft.com/azure/storage/blobs/versioning-overview#how-blob-versioning-works
   */
  storagePreviousVersionDays: 7,
} as const;

/** Why a Python version is refused, or `undefined` when it is allowed. */
export function functionPythonVersionProblem(version: string): string | undefined {
  return (FUNCTION_PYTHON_VERSIONS as readonly string[]).includes(version)
    ? undefined
    : `is not a supported Python version; use one of ${FUNCTION_PYTHON_VERSIONS.join(', ')}`;
}

/** Storage account names: 3-24 lower-case letters and digits, globally unique. */
const STORAGE_ACCOUNT_NAME = /^[a-z0-9]{3,24}$/;
/** Function app names: 2-60 letters, digits and `-`, not starting or ending with `-` (32 or fewer avoids host-id collisions). */
const FUNCTION_APP_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,58}[A-Za-z0-9])?$/;

/**
 * Why a storage account name is refused, or `undefined` when Azure accepts it.
 *
 * @see https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules#microsoftstorage
 */
export function storageAccountNameProblem(name: string): string | undefined {
  return STORAGE_ACCOUNT_NAME.test(name)
    ? undefined
    : `is not a storage account name; use 3-24 lower-case letters and digits, no "-" (this one has ${name.length} characters)`;
}

/** Why a function app name is refused, or `undefined` when Azure accepts it. */
export function functionAppNameProblem(name: string): string | undefined {
  return FUNCTION_APP_NAME.test(name)
    ? undefined
    : `is not a function app name; use 2-60 letters, digits and "-", not starting or ending with "-" (this one has ${name.length} characters)`;
}

/**
 * Why an entry of the storage firewall's IP rules is refused, or `undefined` when it is a public
 * address or a public block from /24 to /30 (storage takes /31 and /32 only as plain addresses, and
 * never private ranges, which reach it through the VNet instead; wider than /24 is refused as for
 * the Key Vault firewall: the list is for the deployer's egress, not for networks).
 *
 * @see https://learn.microsoft.com/azure/storage/common/storage-network-security#grant-access-from-an-internet-ip-range
 */
export function storageIpRuleProblem(range: string): string | undefined {
  const form = 'use the public IPv4 address of the deployer ("203.0.113.7") or a public block from /24 to /30 ("203.0.113.0/28")';
  if (range === '*' || range.startsWith('0.0.0.0')) return `opens the storage firewall to everyone; ${form}`;
  const text = range.includes('/') ? range : `${range}/32`;
  const { error } = parseCidr(text);
  if (error) return `${error}; ${form}`;
  const prefix = prefixOf(text);
  if (range.includes('/') && prefix > 30) return `is a /${prefix}, which the storage firewall does not take as a range; ${form}`;
  if (prefix < 24) return `is wider than /24; ${form}`;
  if (isPrivate(text) || text.startsWith('127.')) return `is not a public address (private ranges reach storage through the VNet); ${form}`;
  return undefined;
}

/** A Key Vault secret an app setting refers to. */
export interface FunctionAppKeyVaultSecret {
  /** Versionless secret id (`azurerm_key_vault_secret.versionless_id`), so rotations are picked up. */
  readonly secretId: string;
  /**
   * ARM resource id of the secret (`azurerm_key_vault_secret.resource_versionless_id`), the scope of
   * its `Key Vault Secrets User` grant when `keyVaultId` is not given.
   *
   * @default - required unless `keyVaultId` is given
   */
  readonly resourceId?: string;
}

/** Props of {@link FunctionApp}. */
export interface FunctionAppProps {
  /** App name (2-60 letters, digits and `-`; keep it to 32 to avoid host-id collisions); also names the plan and identity. */
  readonly name: string;
  /** Resource group of every resource. */
  readonly resourceGroupName: string;
  /** Azure location. */
  readonly location: string;
  /** Name of the app's storage account (3-24 lower-case letters and digits, globally unique). */
  readonly storageAccountName: string;
  /** Folder holding the app (`function_app.py`, `host.json`, `requirements.txt`); zipped deterministically. */
  readonly codeFolder: string;
  /**
   * Subnet for outbound VNet integration: delegated to `Microsoft.App/environments` (Flex Consumption)
   * or `Microsoft.Web/serverFarms` (Elastic Premium), with the `Microsoft.Storage` service endpoint so
   * the app reaches its storage account through the account's firewall.
   */
  readonly subnetId: string;
  /** Log Analytics workspace the Application Insights component stores its data in. */
  readonly logAnalyticsWorkspaceId: string;
  /** `flex` (Flex Consumption, FC1) or `premium` (Elastic Premium). @default 'flex' */
  readonly plan?: FunctionAppPlan;
  /** Elastic Premium SKU, `premium` plan only. @default 'EP1' */
  readonly premiumSku?: FunctionPremiumSku;
  /** Python version (Functions runtime v4). @default '3.12' */
  readonly pythonVersion?: FunctionPythonVersion;
  /** Flex: instance memory (512, 2048 or 4096 MB). @default 2048 */
  readonly instanceMemoryMb?: number;
  /** Flex: most instances the app scales out to (40-1000); Premium: most elastic workers (1-100). @default 100 (Flex), 20 (Premium) */
  readonly maximumInstances?: number;
  /**
   * Identity of the app: `user` (a user-assigned identity the construct creates, usable before the
   * app exists, so grants are in place at first start) or `system`.
   *
   * @default 'user'
   */
  readonly identity?: 'user' | 'system';
  /** Plain app settings. A name that looks like a secret with a literal value is refused. @default - none */
  readonly appSettings?: Readonly<Record<string, string>>;
  /** App settings resolved from Key Vault (`@Microsoft.KeyVault(SecretUri=...)`), keyed by setting name. @default - none */
  readonly keyVaultSecrets?: Readonly<Record<string, FunctionAppKeyVaultSecret>>;
  /**
   * Key Vault holding the secrets: when given, one `Key Vault Secrets User` grant on the vault;
   * otherwise one grant per secret (on its `resourceId`).
   *
   * @default - grants per secret
   */
  readonly keyVaultId?: string;
  /** Public IPv4 ranges allowed through the storage account firewall (e.g. the deploying runner's egress, which uploads the package). @default - none */
  readonly storageAllowedIpRanges?: string[];
  /** Reachable from the internet: public network access on the app. @default false */
  readonly public?: boolean;
  /** Subnet of an inbound private endpoint (sub-resource `sites`), so a private app is reachable from the VNet. @default - none (no inbound path while not public) */
  readonly privateEndpointSubnetId?: string;
  /** Private DNS zone `privatelink.azurewebsites.net` for the endpoint's records. @default - no zone group */
  readonly privateDnsZoneId?: string;
  /**
   * Premium only: how the code is deployed. `package-url` runs from the package blob, read with the
   * app identity (`WEBSITE_RUN_FROM_PACKAGE=<blob url>`), basic-auth publishing stays off;
   * `zip-deploy` uses the provider's `zip_deploy_file`, which needs basic-auth publishing (SCM) on.
   *
   * @default 'package-url'
   */
  readonly premiumDeployment?: 'package-url' | 'zip-deploy';
  /** Paths (relative to `codeFolder`, posix) left out of the package. @default ['tests', 'local.settings.json', '.venv', '.funcignore'] */
  readonly packageExclude?: readonly string[];
  /** Tags on every taggable resource. @default - none */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * A Linux Python Function App (Functions v4) on Flex Consumption or Elastic Premium, private by
 * default, with its own locked-down storage account, Application Insights on a Log Analytics
 * workspace, a managed identity, Key Vault-referenced settings and code from a folder.
 *
 * Storage: HTTPS only, TLS 1.2, no public blob access, firewall deny-by-default (the integration
 * subnet and `storageAllowedIpRanges` pass), infrastructure (double) encryption, blob versioning
 * (previous versions deleted 7 days after they were written) and 7-day blob and container soft
 * delete. Flex Consumption connects to storage with the identity
 * only (`AzureWebJobsStorage__credential=managedidentity`, deployment storage `UserAssignedIdentity`
 * or `SystemAssignedIdentity`), so shared key access is off and the identity gets
 * `Storage Blob Data Owner` on the account. Elastic Premium needs an Azure Files content share,
 * which has no identity-based option, so its account keeps shared keys (passed by reference, never
 * as a literal) and the identity still gets `Storage Blob Data Owner` to read the package.
 * With shared keys off, Terraform uploads the package blob with Entra auth: set
 * `storage_use_azuread = true` on the azurerm provider and give the deployer
 * `Storage Blob Data Contributor` on the account.
 *
 * Code: the folder is zipped reproducibly ({@link writeZipAsset}); Flex uploads it to the
 * deployment container as `released-package.zip` (the provider's `zip_deploy_file` is not used on Flex:
 * it needs basic-auth publishing and is reported broken, hashicorp/terraform-provider-azurerm#29630).
 * Premium runs from the package blob URL read with the identity (`WEBSITE_RUN_FROM_PACKAGE` +
 * `WEBSITE_RUN_FROM_PACKAGE_BLOB_MI_RESOURCE_ID`), or with `premiumDeployment: 'zip-deploy'` uses
 * `zip_deploy_file` + `WEBSITE_RUN_FROM_PACKAGE=1` (basic-auth publishing on).
 *
 * Key Vault references: Premium resolves them with the user-assigned identity
 * (`key_vault_reference_identity_id`). The Flex binding (azurerm 4.55) has no such argument, so a
 * Flex app with Key Vault settings also gets a system-assigned identity, which is the one granted
 * `Key Vault Secrets User`.
 *
 * Identity: `user` (default) is created before the app, so its storage, Application Insights and
 * Key Vault grants exist when the app first starts. With `system` the grants can only follow the
 * app, and the first start may fail to read the package until the role assignments propagate.
 *
 * Flex Consumption has no FTP at all (no `ftps_state`); Premium sets `ftps_state = "Disabled"`.
 *
 * Python dependencies: the package runs as built (no remote build), so vendor anything beyond
 * `azure-functions` into `<codeFolder>/.python_packages/lib/site-packages` before synth.
 *
 * @see https://learn.microsoft.com/azure/azure-functions/flex-consumption-plan
 * @see https://learn.microsoft.com/azure/azure-functions/functions-reference#connecting-to-host-storage-with-an-identity
 * @see https://learn.microsoft.com/azure/app-service/app-service-key-vault-references
 * @see https://registry.terraform.io/providers/hashicorp/azurerm/4.55.0/docs/resources/function_app_flex_consumption
 * @see https://registry.terraform.io/providers/hashicorp/azurerm/4.55.0/docs/resources/linux_function_app
 */
export class FunctionApp extends Construct {
  /** The Flex Consumption app, on the `flex` plan. */
  public readonly flexApp?: FunctionAppFlexConsumption;
  /** The Linux Function App, on the `premium` plan. */
  public readonly premiumApp?: LinuxFunctionApp;
  /** The App Service plan (FC1 or EP1-EP3). */
  public readonly servicePlan: ServicePlan;
  /** The app's storage account. */
  public readonly storageAccount: StorageAccount;
  /** The user-assigned identity, unless `identity: 'system'`. */
  public readonly userIdentity?: UserAssignedIdentity;
  /** App resource id. */
  public readonly appId: string;
  /** Default host name (`<name>.azurewebsites.net`). */
  public readonly defaultHostname: string;
  /** Principal id of the identity that reads storage (and Key Vault on Premium). */
  public readonly principalId: string;
  /** Hex SHA-256 of the code package. */
  public readonly packageSha256: string;
  /** Inbound private endpoint, when `privateEndpointSubnetId` is given. */
  public readonly privateEndpoint?: PrivateEndpoint;

  constructor(scope: Construct, id: string, props: FunctionAppProps) {
    super(scope, id);
    const plan = props.plan ?? FUNCTION_APP_DEFAULTS.plan;
    const pythonVersion = props.pythonVersion ?? FUNCTION_APP_DEFAULTS.pythonVersion;
    const premiumSku = props.premiumSku ?? FUNCTION_APP_DEFAULTS.premiumSku;
    const identityKind = props.identity ?? 'user';
    const instanceMemoryMb = props.instanceMemoryMb ?? FUNCTION_APP_DEFAULTS.flexInstanceMemoryMb;
    const maximumInstances =
      props.maximumInstances ??
      (plan === 'flex' ? FUNCTION_APP_DEFAULTS.flexMaximumInstanceCount : FUNCTION_APP_DEFAULTS.premiumMaximumElasticWorkers);
    const premiumDeployment = props.premiumDeployment ?? FUNCTION_APP_DEFAULTS.premiumDeployment;
    const keyVaultSecrets = props.keyVaultSecrets ?? {};
    this.validate(props, { plan, pythonVersion, premiumSku, instanceMemoryMb, maximumInstances, identityKind, keyVaultSecrets });

    const tags = props.tags ? { ...props.tags } : undefined;
    const isPublic = props.public ?? FUNCTION_APP_DEFAULTS.public;
    const flex = plan === 'flex';
    const hasSecrets = Object.keys(keyVaultSecrets).length > 0;

    if (identityKind === 'user') {
      this.userIdentity = new UserAssignedIdentity(this, 'identity', {
        name: `id-${props.name}`,
        resourceGroupName: props.resourceGroupName,
        location: props.location,
        tags,
      });
    }

    this.storageAccount = new StorageAccount(this, 'storage', {
      name: props.storageAccountName,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      accountTier: 'Standard',
      accountReplicationType: 'ZRS',
      accountKind: 'StorageV2',
      httpsTrafficOnlyEnabled: true,
      minTlsVersion: 'TLS1_2',
      allowNestedItemsToBePublic: false,
      // Flex connects with the identity only; Premium's Azure Files content share needs the key.
      sharedAccessKeyEnabled: !flex,
      defaultToOauthAuthentication: true,
      // Infrastructure (double) encryption can only be chosen when the account is created: the
      // provider forces a new account when the value changes, so an account created before this
      // default (without it) is destroyed and recreated on the next apply, with its containers,
      // package blob, host keys and role assignments (Terraform recreates what it manages; the
      // Functions host regenerates its keys).
      // @see https://registry.terraform.io/providers/hashicorp/azurerm/4.55.0/docs/resources/storage_account#infrastructure_encryption_enabled
      infrastructureEncryptionEnabled: true,
      // Versioning keeps the previous state of an overwritten or deleted blob (package, host keys);
      // soft delete keeps a deleted blob or container restorable. The `storage-lifecycle` policy
      // below deletes previous versions, so frequently rewritten host blobs do not pile them up.
      // @see https://learn.microsoft.com/azure/storage/blobs/versioning-overview#recommended-data-protection-configuration
      blobProperties: {
        versioningEnabled: true,
        deleteRetentionPolicy: { days: FUNCTION_APP_DEFAULTS.storageSoftDeleteDays },
        containerDeleteRetentionPolicy: { days: FUNCTION_APP_DEFAULTS.storageSoftDeleteDays },
      },
      publicNetworkAccessEnabled: true,
      networkRules: {
        defaultAction: 'Deny',
        bypass: ['AzureServices'],
        virtualNetworkSubnetIds: [props.subnetId],
        ipRules: [...(props.storageAllowedIpRanges ?? [])],
      },
      tags,
    });
    // Written through Resource Manager: needs no data-plane path through the storage firewall.
    new StorageManagementPolicy(this, 'storage-lifecycle', {
      storageAccountId: this.storageAccount.id,
      rule: [
        {
          name: 'expire-previous-versions',
          enabled: true,
          filters: { blobTypes: ['blockBlob'] },
          actions: { version: { deleteAfterDaysSinceCreation: FUNCTION_APP_DEFAULTS.storagePreviousVersionDays } },
        },
      ],
    });
    const container = new StorageContainer(this, 'package-container', {
      name: FUNCTION_APP_DEFAULTS.packageContainerName,
      storageAccountId: this.storageAccount.id,
      containerAccessType: 'private',
    });

    const excluded = props.packageExclude ?? FUNCTION_APP_DEFAULTS.packageExclude;
    const pkg = writeZipAsset(this, 'package', props.codeFolder, {
      exclude: (relPath) => excluded.some((p) => relPath === p || relPath.startsWith(`${p}/`)),
    });
    this.packageSha256 = pkg.sha256;
    const blob = new StorageBlob(this, 'package-blob', {
      name: flex ? 'released-package.zip' : `${pkg.sha256}.zip`,
      storageAccountName: this.storageAccount.name,
      storageContainerName: container.name,
      type: 'Block',
      source: pkg.asset.path,
      contentType: 'application/zip',
      metadata: { sha256: pkg.sha256 },
    });

    this.servicePlan = new ServicePlan(this, 'plan', {
      name: `asp-${props.name}`,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      osType: 'Linux',
      skuName: flex ? 'FC1' : premiumSku,
      maximumElasticWorkerCount: flex ? undefined : maximumInstances,
      tags,
    });

    const appInsights = new ApplicationInsights(this, 'application-insights', {
      name: `appi-${props.name}`,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      applicationType: 'web',
      workspaceId: props.logAnalyticsWorkspaceId,
      localAuthenticationDisabled: true,
      tags,
    });

    const settings: Record<string, string> = { ...(props.appSettings ?? {}) };
    for (const [name, secret] of Object.entries(keyVaultSecrets)) {
      settings[name] = `@Microsoft.KeyVault(SecretUri=${secret.secretId})`;
    }
    const userIdentityId = this.userIdentity?.id;
    const userClientId = this.userIdentity?.clientId;
    // Entra ID auth to Application Insights (local auth is off on the component).
    settings.APPLICATIONINSIGHTS_AUTHENTICATION_STRING = userClientId
      ? `ClientId=${userClientId};Authorization=AAD`
      : 'Authorization=AAD';

    const identityType = (withSystem: boolean): string =>
      this.userIdentity ? (withSystem ? 'SystemAssigned, UserAssigned' : 'UserAssigned') : 'SystemAssigned';
    const siteCommon = {
      applicationInsightsConnectionString: appInsights.connectionString,
      minimumTlsVersion: FUNCTION_APP_DEFAULTS.minimumTlsVersion,
      scmMinimumTlsVersion: FUNCTION_APP_DEFAULTS.minimumTlsVersion,
      remoteDebuggingEnabled: false,
      http2Enabled: true,
    };

    let storagePrincipalId: string;
    let keyVaultPrincipalId: string;
    if (flex) {
      // AzureWebJobsStorage with the identity, never a connection string.
      settings.AzureWebJobsStorage__accountName = this.storageAccount.name;
      settings.AzureWebJobsStorage__credential = 'managedidentity';
      if (userClientId) settings.AzureWebJobsStorage__clientId = userClientId;
      // The blob keeps its name; a changed setting restarts the app, which then loads the new package.
      settings.APP_PACKAGE_SHA256 = pkg.sha256;
      const withSystem = !this.userIdentity || hasSecrets;
      const app = new FunctionAppFlexConsumption(this, 'app', {
        name: props.name,
        resourceGroupName: props.resourceGroupName,
        location: props.location,
        servicePlanId: this.servicePlan.id,
        runtimeName: 'python',
        runtimeVersion: pythonVersion,
        instanceMemoryInMb: instanceMemoryMb,
        maximumInstanceCount: maximumInstances,
        storageContainerType: 'blobContainer',
        storageContainerEndpoint: `${this.storageAccount.primaryBlobEndpoint}${container.name}`,
        storageAuthenticationType: userIdentityId ? 'UserAssignedIdentity' : 'SystemAssignedIdentity',
        storageUserAssignedIdentityId: userIdentityId,
        httpsOnly: true,
        publicNetworkAccessEnabled: isPublic,
        webdeployPublishBasicAuthenticationEnabled: false,
        virtualNetworkSubnetId: props.subnetId,
        identity: { type: identityType(withSystem), identityIds: userIdentityId ? [userIdentityId] : undefined },
        appSettings: settings,
        siteConfig: { ...siteCommon },
        tags,
        dependsOn: [blob],
      });
      this.flexApp = app;
      this.appId = app.id;
      this.defaultHostname = app.defaultHostname;
      storagePrincipalId = this.userIdentity?.principalId ?? app.identity.principalId;
      keyVaultPrincipalId = app.identity.principalId;
    } else {
      // The storage firewall keeps ARM from creating the content share at app creation: create it
      // here (management plane) and reach it through the VNet.
      // @see https://learn.microsoft.com/azure/azure-functions/configure-networking-how-to#restrict-your-storage-account-to-a-virtual-network
      const share = new StorageShare(this, 'content-share', {
        name: props.name.toLowerCase().slice(0, 63),
        storageAccountId: this.storageAccount.id,
        quota: 100,
      });
      settings.WEBSITE_CONTENTSHARE = share.name;
      settings.WEBSITE_CONTENTOVERVNET = '1';
      const zipDeploy = premiumDeployment === 'zip-deploy';
      if (zipDeploy) {
        settings.WEBSITE_RUN_FROM_PACKAGE = '1';
      } else {
        settings.WEBSITE_RUN_FROM_PACKAGE = `${this.storageAccount.primaryBlobEndpoint}${container.name}/${blob.name}`;
        if (userIdentityId) settings.WEBSITE_RUN_FROM_PACKAGE_BLOB_MI_RESOURCE_ID = userIdentityId;
      }
      const app = new LinuxFunctionApp(this, 'app', {
        name: props.name,
        resourceGroupName: props.resourceGroupName,
        location: props.location,
        servicePlanId: this.servicePlan.id,
        functionsExtensionVersion: FUNCTION_APP_DEFAULTS.functionsExtensionVersion,
        storageAccountName: this.storageAccount.name,
        storageAccountAccessKey: this.storageAccount.primaryAccessKey,
        httpsOnly: true,
        publicNetworkAccessEnabled: isPublic,
        ftpPublishBasicAuthenticationEnabled: false,
        // zip_deploy_file publishes through the SCM site with the default publishing profile.
        webdeployPublishBasicAuthenticationEnabled: zipDeploy,
        zipDeployFile: zipDeploy ? pkg.asset.path : undefined,
        virtualNetworkSubnetId: props.subnetId,
        identity: { type: identityType(false), identityIds: userIdentityId ? [userIdentityId] : undefined },
        keyVaultReferenceIdentityId: userIdentityId,
        appSettings: settings,
        siteConfig: {
          ...siteCommon,
          ftpsState: 'Disabled',
          vnetRouteAllEnabled: true,
          applicationStack: { pythonVersion },
        },
        tags,
        dependsOn: [blob],
      });
      this.premiumApp = app;
      this.appId = app.id;
      this.defaultHostname = app.defaultHostname;
      storagePrincipalId = this.userIdentity?.principalId ?? app.identity.principalId;
      keyVaultPrincipalId = storagePrincipalId;
    }
    this.principalId = storagePrincipalId;

    if (props.privateEndpointSubnetId !== undefined) {
      this.privateEndpoint = newPrivateEndpoint(this, 'private-endpoint', {
        name: props.name,
        resourceGroupName: props.resourceGroupName,
        location: props.location,
        subnetId: props.privateEndpointSubnetId,
        targetResourceId: this.appId,
        subresourceName: 'sites',
        dnsZoneGroupName: 'sites',
        privateDnsZoneId: props.privateDnsZoneId,
        tags,
      });
    }

    new RoleAssignment(this, 'storage-blob-data-owner', {
      scope: this.storageAccount.id,
      roleDefinitionName: ROLES.storageBlobDataOwner,
      principalId: storagePrincipalId,
      principalType: 'ServicePrincipal',
    });
    new RoleAssignment(this, 'monitoring-metrics-publisher', {
      scope: appInsights.id,
      roleDefinitionName: ROLES.monitoringMetricsPublisher,
      principalId: storagePrincipalId,
      principalType: 'ServicePrincipal',
    });
    if (hasSecrets) {
      if (props.keyVaultId !== undefined) {
        new RoleAssignment(this, 'key-vault-secrets-user', {
          scope: props.keyVaultId,
          roleDefinitionName: ROLES.keyVaultSecretsUser,
          principalId: keyVaultPrincipalId,
          principalType: 'ServicePrincipal',
        });
      } else {
        for (const [name, secret] of Object.entries(keyVaultSecrets)) {
          new RoleAssignment(this, `key-vault-secrets-user-${idFromKey(name)}`, {
            scope: secret.resourceId!,
            roleDefinitionName: ROLES.keyVaultSecretsUser,
            principalId: keyVaultPrincipalId,
            principalType: 'ServicePrincipal',
          });
        }
      }
    }
  }

  private validate(
    props: FunctionAppProps,
    v: {
      plan: string;
      pythonVersion: string;
      premiumSku: string;
      instanceMemoryMb: number;
      maximumInstances: number;
      identityKind: string;
      keyVaultSecrets: Readonly<Record<string, FunctionAppKeyVaultSecret>>;
    },
  ): void {
    const nameProblem = known(props.name) ? functionAppNameProblem(props.name) : undefined;
    if (nameProblem) throw new ValidationError(this, 'name', props.name, nameProblem);
    const storageProblem = known(props.storageAccountName) ? storageAccountNameProblem(props.storageAccountName) : undefined;
    if (storageProblem) throw new ValidationError(this, 'storageAccountName', props.storageAccountName, storageProblem);
    if (!['flex', 'premium'].includes(v.plan)) {
      throw new ValidationError(this, 'plan', v.plan, 'is not a supported plan; use flex or premium');
    }
    if (!['user', 'system'].includes(v.identityKind)) {
      throw new ValidationError(this, 'identity', v.identityKind, 'is not allowed; use user or system');
    }
    const pythonProblem = functionPythonVersionProblem(v.pythonVersion);
    if (pythonProblem) throw new ValidationError(this, 'pythonVersion', v.pythonVersion, pythonProblem);
    if (v.plan === 'premium' && !(FUNCTION_PREMIUM_SKUS as readonly string[]).includes(v.premiumSku)) {
      throw new ValidationError(this, 'premiumSku', v.premiumSku, `is not an Elastic Premium SKU; use one of ${FUNCTION_PREMIUM_SKUS.join(', ')}`);
    }
    if (v.plan === 'flex') {
      if (props.premiumSku !== undefined) {
        throw new ValidationError(this, 'premiumSku', props.premiumSku, 'applies to the premium plan only; leave it out with plan flex');
      }
      if (props.premiumDeployment !== undefined) {
        throw new ValidationError(this, 'premiumDeployment', props.premiumDeployment, 'applies to the premium plan only; leave it out with plan flex');
      }
      if (known(v.instanceMemoryMb) && !(FUNCTION_FLEX_INSTANCE_MEMORY_MB as readonly number[]).includes(v.instanceMemoryMb)) {
        throw new ValidationError(this, 'instanceMemoryMb', v.instanceMemoryMb, `is not a Flex Consumption instance size; use one of ${FUNCTION_FLEX_INSTANCE_MEMORY_MB.join(', ')}`);
      }
    } else if (props.instanceMemoryMb !== undefined) {
      throw new ValidationError(this, 'instanceMemoryMb', props.instanceMemoryMb, 'applies to the flex plan only; the premium SKU sets the memory');
    }
    if (known(v.maximumInstances)) {
      const limits = v.plan === 'flex' ? FUNCTION_APP_LIMITS.flexMaximumInstanceCount : FUNCTION_APP_LIMITS.premiumMaximumElasticWorkers;
      if (!Number.isInteger(v.maximumInstances) || v.maximumInstances < limits.min || v.maximumInstances > limits.max) {
        throw new ValidationError(this, 'maximumInstances', v.maximumInstances, `is not allowed on the ${v.plan} plan; use ${limits.min} to ${limits.max}`);
      }
    }
    for (const [name, value] of Object.entries(props.appSettings ?? {})) {
      const problem = literalSecretProblem(name, value);
      if (problem) throw new ValidationError(this, `appSettings.${name}`, HIDDEN, problem);
      if (v.keyVaultSecrets[name] !== undefined) {
        throw new ValidationError(this, `appSettings.${name}`, HIDDEN, 'is also in keyVaultSecrets; give each setting once');
      }
    }
    for (const [name, secret] of Object.entries(v.keyVaultSecrets)) {
      const problem = keyVaultSecretIdProblem(secret.secretId);
      if (problem) throw new ValidationError(this, `keyVaultSecrets.${name}.secretId`, secret.secretId, problem);
      if (props.keyVaultId === undefined && secret.resourceId === undefined) {
        throw new ValidationError(
          this,
          `keyVaultSecrets.${name}.resourceId`,
          undefined,
          'is required when keyVaultId is not given: the Key Vault Secrets User grant is scoped to exactly this secret',
        );
      }
    }
    if (props.privateDnsZoneId !== undefined && props.privateEndpointSubnetId === undefined) {
      throw new ValidationError(this, 'privateDnsZoneId', props.privateDnsZoneId, 'needs privateEndpointSubnetId: the zone holds the private endpoint records');
    }
    for (const range of props.storageAllowedIpRanges ?? []) {
      const problem = known(range) ? storageIpRuleProblem(range) : undefined;
      if (problem) throw new ValidationError(this, 'storageAllowedIpRanges', range, problem);
    }
  }
}
