import { ApplicationInsights } from '@cdktf/provider-azurerm/lib/application-insights';
import { FunctionAppFlexConsumption } from '@cdktf/provider-azurerm/lib/function-app-flex-consumption';
import { LinuxFunctionApp } from '@cdktf/provider-azurerm/lib/linux-function-app';
import { PrivateEndpoint } from '@cdktf/provider-azurerm/lib/private-endpoint';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { ServicePlan } from '@cdktf/provider-azurerm/lib/service-plan';
import { StorageAccount } from '@cdktf/provider-azurerm/lib/storage-account';
import { StorageBlob } from '@cdktf/provider-azurerm/lib/storage-blob';
import { StorageManagementPolicy } from '@cdktf/provider-azurerm/lib/storage-management-policy';
import { StorageShare } from '@cdktf/provider-azurerm/lib/storage-share';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { Testing } from 'cdktf';
import * as path from 'path';
import {
  FUNCTION_APP_DEFAULTS,
  FUNCTION_PYTHON_VERSIONS,
  FunctionApp,
  functionPythonVersionProblem,
  type FunctionAppProps,
} from '../../../modules/azure/function-app';

const CODE = path.join(__dirname, '../../../apps/azure-function');
const SUBNET = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/functions';
const SECRET = 'https://kv-test.vault.azure.net/secrets/db-password';

const BASE: FunctionAppProps = {
  name: 'func-test',
  resourceGroupName: 'rg-test',
  location: 'westeurope',
  storageAccountName: 'stfunctest',
  codeFolder: CODE,
  subnetId: SUBNET,
  logAnalyticsWorkspaceId: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/log',
};

function synth(patch: Partial<FunctionAppProps> = {}): string {
  return Testing.synthScope((scope) => {
    new FunctionApp(scope, 'fn', { ...BASE, ...patch });
  });
}

function resources(out: string, type: string): Record<string, Record<string, unknown>> {
  return (JSON.parse(out) as { resource: Record<string, Record<string, Record<string, unknown>>> }).resource[type] ?? {};
}

describe('FunctionApp', () => {
  it('exports the limits the config layer reuses', () => {
    expect(FUNCTION_PYTHON_VERSIONS).toEqual(['3.12', '3.13']);
    expect(FUNCTION_APP_DEFAULTS.plan).toBe('flex');
    expect(functionPythonVersionProblem('3.11')).toMatch(/use one of 3.12, 3.13/);
    expect(functionPythonVersionProblem('3.13')).toBeUndefined();
  });

  describe('on Flex Consumption (default)', () => {
    const out = synth();

    it('runs Python 3.12 on an FC1 plan, HTTPS only, private, without basic-auth publishing', () => {
      expect(out).toHaveResourceWithProperties(ServicePlan, { sku_name: 'FC1', os_type: 'Linux' });
      expect(out).toHaveResourceWithProperties(FunctionAppFlexConsumption, {
        runtime_name: 'python',
        runtime_version: '3.12',
        https_only: true,
        public_network_access_enabled: false,
        webdeploy_publish_basic_authentication_enabled: false,
        virtual_network_subnet_id: SUBNET,
        instance_memory_in_mb: 2048,
        maximum_instance_count: 100,
        site_config: expect.objectContaining({ minimum_tls_version: '1.2', scm_minimum_tls_version: '1.2', remote_debugging_enabled: false }),
      });
    });

    it('reaches storage with the user-assigned identity only: no shared keys', () => {
      expect(out).toHaveResourceWithProperties(FunctionAppFlexConsumption, {
        storage_authentication_type: 'UserAssignedIdentity',
        storage_user_assigned_identity_id: '${azurerm_user_assigned_identity.fn_identity_8630432A.id}',
        identity: { type: 'UserAssigned', identity_ids: ['${azurerm_user_assigned_identity.fn_identity_8630432A.id}'] },
        app_settings: expect.objectContaining({
          AzureWebJobsStorage__credential: 'managedidentity',
          AzureWebJobsStorage__clientId: '${azurerm_user_assigned_identity.fn_identity_8630432A.client_id}',
        }),
      });
      const app = Object.values(resources(out, 'azurerm_function_app_flex_consumption'))[0];
      expect(app.storage_access_key).toBeUndefined();
      expect(out).toHaveResourceWithProperties(RoleAssignment, {
        role_definition_name: 'Storage Blob Data Owner',
        scope: '${azurerm_storage_account.fn_storage_94D03801.id}',
        principal_id: '${azurerm_user_assigned_identity.fn_identity_8630432A.principal_id}',
      });
    });

    it('locks the storage account down', () => {
      expect(out).toHaveResourceWithProperties(StorageAccount, {
        name: 'stfunctest',
        https_traffic_only_enabled: true,
        min_tls_version: 'TLS1_2',
        allow_nested_items_to_be_public: false,
        shared_access_key_enabled: false,
        network_rules: { default_action: 'Deny', bypass: ['AzureServices'], virtual_network_subnet_ids: [SUBNET], ip_rules: [] },
      });
      expect(out).not.toHaveResource(StorageShare);
    });

    it('encrypts the storage account twice (infrastructure encryption, fixed at creation)', () => {
      expect(out).toHaveResourceWithProperties(StorageAccount, { name: 'stfunctest', infrastructure_encryption_enabled: true, account_kind: 'StorageV2' });
    });

    it('keeps blob versions and soft-deletes blobs and containers for 7 days', () => {
      expect(FUNCTION_APP_DEFAULTS.storageSoftDeleteDays).toBe(7);
      const account = Object.values(resources(out, 'azurerm_storage_account'))[0];
      expect(account.blob_properties).toEqual({
        versioning_enabled: true,
        delete_retention_policy: { days: 7 },
        container_delete_retention_policy: { days: 7 },
      });
    });

    it('deletes previous blob versions 7 days after they were written, through Resource Manager', () => {
      expect(FUNCTION_APP_DEFAULTS.storagePreviousVersionDays).toBe(7);
      expect(out).toHaveResourceWithProperties(StorageManagementPolicy, {
        storage_account_id: '${azurerm_storage_account.fn_storage_94D03801.id}',
        rule: [
          {
            name: 'expire-previous-versions',
            enabled: true,
            filters: { blob_types: ['blockBlob'] },
            actions: { version: { delete_after_days_since_creation: 7 } },
          },
        ],
      });
    });

    it('logs to a workspace-based Application Insights with Entra auth only', () => {
      expect(out).toHaveResourceWithProperties(ApplicationInsights, {
        workspace_id: BASE.logAnalyticsWorkspaceId,
        local_authentication_disabled: true,
      });
      expect(out).toHaveResourceWithProperties(FunctionAppFlexConsumption, {
        app_settings: expect.objectContaining({
          APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${azurerm_user_assigned_identity.fn_identity_8630432A.client_id};Authorization=AAD',
        }),
      });
      expect(out).toHaveResourceWithProperties(RoleAssignment, { role_definition_name: 'Monitoring Metrics Publisher' });
    });

    it('uploads the deterministic package to the deployment container, without tests', () => {
      const blob = Object.values(resources(out, 'azurerm_storage_blob'))[0];
      expect(blob.name).toBe('released-package.zip');
      const app = Object.values(resources(out, 'azurerm_function_app_flex_consumption'))[0] as { app_settings: Record<string, string> };
      expect(String(blob.source)).toContain(app.app_settings.APP_PACKAGE_SHA256);
      expect(app.app_settings.APP_PACKAGE_SHA256).toMatch(/^[0-9a-f]{64}$/);
      expect(blob.type).toBe('Block');
      expect(String(blob.source)).toMatch(/^assets\/.*\/[0-9a-f]{64}\.zip$/);
      expect(out).toHaveResourceWithProperties(StorageBlob, { storage_container_name: '${azurerm_storage_container.fn_package-container_B4592F7F.name}' });
      // Same folder, same hash: a second synth does not change the package.
      expect(Object.values(resources(synth(), 'azurerm_storage_blob'))[0].source).toBe(blob.source);
    });

    it('can use the system-assigned identity instead (no user identity, no client id setting)', () => {
      const sys = synth({ identity: 'system' });
      expect(sys).not.toHaveResource(UserAssignedIdentity);
      expect(sys).toHaveResourceWithProperties(FunctionAppFlexConsumption, {
        storage_authentication_type: 'SystemAssignedIdentity',
        identity: { type: 'SystemAssigned' },
        app_settings: expect.objectContaining({ APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=AAD' }),
      });
      const app = Object.values(resources(sys, 'azurerm_function_app_flex_consumption'))[0] as { app_settings: Record<string, string> };
      expect(app.app_settings.AzureWebJobsStorage__clientId).toBeUndefined();
      expect(sys).toHaveResourceWithProperties(RoleAssignment, {
        role_definition_name: 'Storage Blob Data Owner',
        principal_id: '${azurerm_function_app_flex_consumption.fn_app_0D2AC600.identity[0].principal_id}',
      });
    });

    it('adds an inbound private endpoint for the sites sub-resource when asked, none by default', () => {
      expect(out).not.toHaveResource(PrivateEndpoint);
      expect(synth({ privateEndpointSubnetId: '/subnets/pe', privateDnsZoneId: '/zones/privatelink.azurewebsites.net' })).toHaveResourceWithProperties(PrivateEndpoint, {
        subnet_id: '/subnets/pe',
        private_service_connection: expect.objectContaining({ subresource_names: ['sites'], is_manual_connection: false }),
        private_dns_zone_group: { name: 'sites', private_dns_zone_ids: ['/zones/privatelink.azurewebsites.net'] },
      });
    });

    it('turns public network access on only when public is set', () => {
      expect(synth({ public: true })).toHaveResourceWithProperties(FunctionAppFlexConsumption, { public_network_access_enabled: true });
    });
  });

  describe('Key Vault references', () => {
    it('writes Key Vault references, never values, and grants Secrets User on exactly those secrets', () => {
      const out = synth({
        keyVaultSecrets: { DB_PASSWORD: { secretId: SECRET, resourceId: '/subscriptions/s/kv/secrets/db-password' } },
      });
      expect(out).toHaveResourceWithProperties(FunctionAppFlexConsumption, {
        app_settings: expect.objectContaining({ DB_PASSWORD: `@Microsoft.KeyVault(SecretUri=${SECRET})` }),
        identity: expect.objectContaining({ type: 'SystemAssigned, UserAssigned' }),
      });
      expect(out).toHaveResourceWithProperties(RoleAssignment, {
        role_definition_name: 'Key Vault Secrets User',
        scope: '/subscriptions/s/kv/secrets/db-password',
        principal_id: '${azurerm_function_app_flex_consumption.fn_app_0D2AC600.identity[0].principal_id}',
      });
    });

    it('grants on the vault when keyVaultId is given', () => {
      const out = synth({ keyVaultSecrets: { API_TOKEN: { secretId: SECRET } }, keyVaultId: '/subscriptions/s/kv' });
      expect(out).toHaveResourceWithProperties(RoleAssignment, { role_definition_name: 'Key Vault Secrets User', scope: '/subscriptions/s/kv' });
    });

    it('grants no Key Vault role without secrets', () => {
      const roles = Object.values(resources(synth(), 'azurerm_role_assignment')).map((r) => r.role_definition_name);
      expect(roles).not.toContain('Key Vault Secrets User');
    });
  });

  describe('on Elastic Premium', () => {
    const out = synth({ plan: 'premium', premiumSku: 'EP2', pythonVersion: '3.13', keyVaultSecrets: { API_KEY: { secretId: SECRET }}, keyVaultId: '/kv' });

    it('runs Functions v4 on the EP plan with FTPS off and TLS 1.2', () => {
      expect(out).toHaveResourceWithProperties(ServicePlan, { sku_name: 'EP2', os_type: 'Linux', maximum_elastic_worker_count: 20 });
      expect(out).toHaveResourceWithProperties(LinuxFunctionApp, {
        functions_extension_version: '~4',
        https_only: true,
        public_network_access_enabled: false,
        ftp_publish_basic_authentication_enabled: false,
        webdeploy_publish_basic_authentication_enabled: false,
        virtual_network_subnet_id: SUBNET,
        key_vault_reference_identity_id: '${azurerm_user_assigned_identity.fn_identity_8630432A.id}',
        site_config: expect.objectContaining({
          ftps_state: 'Disabled',
          minimum_tls_version: '1.2',
          vnet_route_all_enabled: true,
          application_stack: { python_version: '3.13' },
        }),
      });
    });

    it('runs from the package blob read with the identity', () => {
      expect(out).toHaveResourceWithProperties(LinuxFunctionApp, {
        app_settings: expect.objectContaining({
          WEBSITE_RUN_FROM_PACKAGE_BLOB_MI_RESOURCE_ID: '${azurerm_user_assigned_identity.fn_identity_8630432A.id}',
          WEBSITE_RUN_FROM_PACKAGE: '${azurerm_storage_account.fn_storage_94D03801.primary_blob_endpoint}${azurerm_storage_container.fn_package-container_B4592F7F.name}/${azurerm_storage_blob.fn_package-blob_0E668F8B.name}',
        }),
      });
      const app = Object.values(resources(out, 'azurerm_linux_function_app'))[0];
      expect(app.zip_deploy_file).toBeUndefined();
    });

    it('keeps shared keys for the Azure Files content share (no identity option there), reached over the VNet', () => {
      expect(out).toHaveResourceWithProperties(StorageAccount, { shared_access_key_enabled: true, allow_nested_items_to_be_public: false });
      expect(out).toHaveResourceWithProperties(LinuxFunctionApp, {
        app_settings: expect.objectContaining({ WEBSITE_CONTENTOVERVNET: '1', WEBSITE_CONTENTSHARE: '${azurerm_storage_share.fn_content-share_7601FE71.name}' }),
      });
    });

    it('protects its storage account as on Flex: infrastructure encryption, versions, soft delete, version expiry', () => {
      expect(out).toHaveResourceWithProperties(StorageAccount, {
        infrastructure_encryption_enabled: true,
        blob_properties: { versioning_enabled: true, delete_retention_policy: { days: 7 }, container_delete_retention_policy: { days: 7 } },
      });
      expect(out).toHaveResourceWithProperties(StorageManagementPolicy, {
        rule: [expect.objectContaining({ actions: { version: { delete_after_days_since_creation: 7 } } })],
      });
    });

    it('uses zip_deploy_file with WEBSITE_RUN_FROM_PACKAGE=1 when zip-deploy is chosen', () => {
      expect(synth({ plan: 'premium', premiumDeployment: 'zip-deploy' })).toHaveResourceWithProperties(LinuxFunctionApp, {
        zip_deploy_file: expect.stringMatching(/\.zip$/),
        webdeploy_publish_basic_authentication_enabled: true,
        app_settings: expect.objectContaining({ WEBSITE_RUN_FROM_PACKAGE: '1' }),
      });
    });
  });

  describe('refuses bad input', () => {
    it.each([
      [{ pythonVersion: '3.11' as never }, /prop pythonVersion "3.11" is not a supported Python version; use one of 3.12, 3.13/],
      [{ plan: 'premium' as const, premiumSku: 'EP4' as never }, /prop premiumSku "EP4" is not an Elastic Premium SKU; use one of EP1, EP2, EP3/],
      [{ plan: 'consumption' as never }, /prop plan "consumption" is not a supported plan; use flex or premium/],
      [{ premiumSku: 'EP1' as const }, /prop premiumSku "EP1" applies to the premium plan only/],
      [{ instanceMemoryMb: 1024 }, /prop instanceMemoryMb 1024 is not a Flex Consumption instance size; use one of 512, 2048, 4096/],
      [{ maximumInstances: 10 }, /prop maximumInstances 10 is not allowed on the flex plan; use 40 to 1000/],
      [{ plan: 'premium' as const, maximumInstances: 101 }, /prop maximumInstances 101 is not allowed on the premium plan; use 1 to 100/],
      [{ storageAccountName: 'St-Func' }, /prop storageAccountName "St-Func" is not a storage account name; use 3-24 lower-case letters and digits/],
      [{ name: '-bad' }, /prop name "-bad" is not a function app name/],
      [{ privateDnsZoneId: '/zones/z' }, /prop privateDnsZoneId "\/zones\/z" needs privateEndpointSubnetId/],
      [{ storageAllowedIpRanges: ['0.0.0.0/0'] }, /prop storageAllowedIpRanges "0.0.0.0\/0" opens the storage firewall to everyone/],
    ])('%p', (patch, pattern) => {
      expect(() => synth(patch)).toThrow(pattern);
    });

    it.each(['DB_PASSWORD', 'ApiToken', 'clientSecret', 'STORAGE_KEY', 'MyConnectionString'])(
      'refuses a literal value for the secret-looking setting %s, without showing it',
      (name) => {
        let message = '';
        try {
          synth({ appSettings: { [name]: 'hunter2' } });
        } catch (e) {
          message = (e as Error).message;
        }
        expect(message).toMatch(new RegExp(`prop appSettings.${name} \\(value hidden\\) looks like a secret .* pass it as a Key Vault secret id in keyVaultSecrets`));
        expect(message).not.toContain('hunter2');
      },
    );

    it('accepts plain settings and Key Vault reference literals', () => {
      expect(() =>
        synth({ appSettings: { LOG_LEVEL: 'info', DB_PASSWORD: `@Microsoft.KeyVault(SecretUri=${SECRET})` } }),
      ).not.toThrow();
    });

    it('refuses a secret id that is not a Key Vault secret URI', () => {
      expect(() => synth({ keyVaultSecrets: { X: { secretId: 'hunter2' } }, keyVaultId: '/kv' })).toThrow(
        /prop keyVaultSecrets.X.secretId "hunter2" is not a Key Vault secret id; expected "https:\/\/<vault>.vault.azure.net\/secrets\/<name>"/,
      );
    });

    it('refuses a secret without a grant scope', () => {
      expect(() => synth({ keyVaultSecrets: { X: { secretId: SECRET } } })).toThrow(
        /prop keyVaultSecrets.X.resourceId \(missing\) is required when keyVaultId is not given/,
      );
    });
  });
});
