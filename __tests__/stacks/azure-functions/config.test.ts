import { azureFunctionsSection } from '../../../stacks/azure-functions/config';
import { environmentProblems, testEnvironment } from '../../helpers/environment';

const SECRET_ID = 'https://kv-test-1466f4.vault.azure.net/secrets/db-password';
const SECRET_RESOURCE_ID =
  '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-test-data/providers/Microsoft.KeyVault/vaults/kv-test-1466f4/secrets/db-password';

/** Problems of an environment file whose `azure.functions.apps.hello` is `app` (merged over a valid app). */
function appProblems(app: Record<string, any>): string[] {
  return environmentProblems({ azure: { functions: { enabled: true, apps: { hello: { codeFolder: 'apps/azure-function', ...app } } } } });
}

describe('azure.functions config', () => {
  it('parses from nothing: disabled, no apps, 90 days of logs', () => {
    expect(testEnvironment().section(azureFunctionsSection)).toEqual({ enabled: false, logRetentionDays: 90, apps: {} });
  });

  it('gives an app the secure defaults of modules/azure/function-app.ts', () => {
    const config = testEnvironment({ azure: { functions: { enabled: true, apps: { hello: { codeFolder: 'apps/azure-function' } } } } }).section(
      azureFunctionsSection,
    );
    expect(config.apps.hello).toEqual({
      codeFolder: 'apps/azure-function',
      plan: 'flex',
      pythonVersion: '3.12',
      appSettings: {},
      keyVaultSecrets: {},
      public: false,
      storageAllowedIpRanges: [],
    });
  });

  it('accepts a full Premium app, reading a YAML number as the Python version', () => {
    const config = testEnvironment({
      azure: {
        functions: {
          enabled: true,
          resourceGroupName: 'rg-apps',
          logRetentionDays: 365,
          apps: {
            orders: {
              codeFolder: 'apps/azure-function',
              plan: 'premium',
              premiumSku: 'EP2',
              pythonVersion: 3.13,
              maximumInstances: 30,
              appSettings: { LOG_LEVEL: 'info' },
              keyVaultSecrets: { DB_PASSWORD: { secretId: SECRET_ID, resourceId: SECRET_RESOURCE_ID } },
              public: true,
              storageAllowedIpRanges: ['203.0.113.7'],
            },
          },
        },
      },
    }).section(azureFunctionsSection);
    expect(config.apps.orders).toMatchObject({ plan: 'premium', premiumSku: 'EP2', pythonVersion: '3.13', maximumInstances: 30, public: true });
  });

  it.each([
    ['pythonVersion', { pythonVersion: '3.11' }, 'azure.functions.apps.hello.pythonVersion "3.11" is not a supported Python version; use one of 3.12, 3.13'],
    ['pythonVersion (YAML number)', { pythonVersion: 3.9 }, 'azure.functions.apps.hello.pythonVersion "3.9" is not a supported Python version; use one of 3.12, 3.13'],
    ['plan', { plan: 'consumption' }, 'azure.functions.apps.hello.plan "consumption" is not allowed; allowed values: "flex", "premium"'],
    ['instanceMemoryMb', { instanceMemoryMb: 1024 }, 'azure.functions.apps.hello.instanceMemoryMb 1024 is not a Flex Consumption instance size; use one of 512, 2048, 4096'],
    ['maximumInstances (flex)', { maximumInstances: 10 }, 'azure.functions.apps.hello.maximumInstances 10 is not allowed on plan flex; use 40 to 1000'],
    ['maximumInstances (premium)', { plan: 'premium', maximumInstances: 101 }, 'azure.functions.apps.hello.maximumInstances 101 is not allowed on plan premium; use 1 to 100'],
    ['premiumSku (SKU that does not exist)', { plan: 'premium', premiumSku: 'EP4' }, 'azure.functions.apps.hello.premiumSku "EP4" is not allowed; allowed values: "EP1", "EP2", "EP3"'],
    ['premiumSku on flex', { premiumSku: 'EP1' }, 'azure.functions.apps.hello.premiumSku "EP1" applies to plan premium only; leave it out with plan flex'],
    ['instanceMemoryMb on premium', { plan: 'premium', instanceMemoryMb: 2048 }, 'azure.functions.apps.hello.instanceMemoryMb 2048 applies to plan flex only; on premium the SKU sets the memory'],
    [
      'keyVaultSecrets secretId',
      { keyVaultSecrets: { DB_PASSWORD: { secretId: 'db-password', resourceId: SECRET_RESOURCE_ID } } },
      'azure.functions.apps.hello.keyVaultSecrets.DB_PASSWORD.secretId "db-password" is not a Key Vault secret id; expected "https://<vault>.vault.azure.net/secrets/<name>"',
    ],
    [
      'keyVaultSecrets without a grant scope',
      { keyVaultSecrets: { DB_PASSWORD: { secretId: SECRET_ID } } },
      'azure.functions.apps.hello.keyVaultSecrets.DB_PASSWORD.resourceId is required when the app has no keyVaultId: the Key Vault Secrets User grant is scoped to exactly this secret',
    ],
    ['keyVaultId', { keyVaultId: 'kv-test' }, 'azure.functions.apps.hello.keyVaultId "kv-test" is not the ARM id of a Key Vault; expected "/subscriptions/<subscription id>/resourceGroups/<group>/providers/Microsoft.KeyVault/vaults/<vault>"'],
    ['unknown field', { runtime: 'node' }, 'azure.functions.apps.hello.runtime is not a known field; allowed fields here: codeFolder, plan, premiumSku'],
  ])('refuses a bad %s, naming the file, field, value and what is allowed', (_what, app, message) => {
    const problems = appProblems(app);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(`config/test.yaml: ${message}`);
  });

  it('refuses a literal secret in an app setting without echoing it', () => {
    const problems = appProblems({ appSettings: { DB_PASSWORD: 'hunter2' } });
    expect(problems).toEqual([
      'config/test.yaml: azure.functions.apps.hello.appSettings.DB_PASSWORD looks like a secret (its name matches /(password|secret|token|key|connectionstring)/i) but has a literal value; pass it as a Key Vault secret id in keyVaultSecrets instead',
    ]);
    expect(problems[0]).not.toContain('hunter2');
  });

  it('refuses a setting given both plainly and from Key Vault', () => {
    expect(
      appProblems({ appSettings: { DB_HOST: 'x' }, keyVaultSecrets: { DB_HOST: { secretId: SECRET_ID, resourceId: SECRET_RESOURCE_ID } } }),
    ).toEqual(['config/test.yaml: azure.functions.apps.hello.appSettings.DB_HOST is also in keyVaultSecrets; give each setting once']);
  });

  it('refuses an app key that cannot name its resources', () => {
    expect(environmentProblems({ azure: { functions: { apps: { Hello_App: { codeFolder: 'apps/azure-function' } } } } })).toEqual([
      'config/test.yaml: azure.functions.apps.Hello_App is not a valid app key; use 2-20 lower-case letters, digits and "-", starting with a letter, not ending with "-"',
    ]);
  });

  it('refuses an enabled section without apps, and a log retention out of range', () => {
    expect(environmentProblems({ azure: { functions: { enabled: true, logRetentionDays: 10, apps: { hello: { codeFolder: 'apps/azure-function' } } } } })).toEqual([
      'config/test.yaml: azure.functions.logRetentionDays 10 is not allowed; use a whole number of days from 30 to 730',
    ]);
    expect(environmentProblems({ azure: { functions: { enabled: true } } })).toEqual([
      'config/test.yaml: azure.functions.apps is empty while azure.functions.enabled is true; add an app (e.g. hello: { codeFolder: apps/azure-function }) or set enabled: false',
    ]);
  });
});
