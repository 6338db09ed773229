import { azureContainersSection } from '../../../stacks/azure-containers/config';
import { environmentProblems, testEnvironment } from '../../helpers/environment';

const SECRET_ID = 'https://kv-test-1466f4.vault.azure.net/secrets/api-token';

/** Problems of an environment file whose `azure.containers.apps.api` is `app` (merged over a valid app). */
function appProblems(app: Record<string, any>, section: Record<string, any> = {}): string[] {
  return environmentProblems({ azure: { containers: { enabled: true, ...section, apps: { api: { image: 'api:1.0.0', targetPort: 8080, ...app } } } } });
}

describe('azure.containers config', () => {
  it('parses from nothing: disabled, Premium registry, internal zone-redundant environment, no apps', () => {
    expect(testEnvironment().section(azureContainersSection)).toEqual({
      enabled: false,
      logRetentionDays: 90,
      registry: { sku: 'Premium' },
      environment: { internal: true, zoneRedundant: true, workloadProfiles: {} },
      apps: {},
    });
  });

  it('gives an app the defaults of modules/azure/container-app.ts: private ingress, one revision, 1-10 replicas', () => {
    const config = testEnvironment({ azure: { containers: { enabled: true, apps: { api: { image: 'api:1.0.0' } } } } }).section(azureContainersSection);
    expect(config.apps.api).toEqual({
      image: 'api:1.0.0',
      cpu: 0.5,
      memory: '1Gi',
      workloadProfile: 'Consumption',
      minReplicas: 1,
      maxReplicas: 10,
      httpConcurrentRequests: 50,
      public: false,
      revisionMode: 'Single',
      env: {},
      keyVaultSecrets: {},
    });
  });

  it('accepts every field, with a dedicated workload profile and a traffic split', () => {
    expect(
      appProblems(
        {
          cpu: 3,
          memory: '7Gi',
          workloadProfile: 'general',
          minReplicas: 0,
          maxReplicas: 30,
          transport: 'http2',
          public: true,
          revisionMode: 'Multiple',
          trafficWeights: [
            { latestRevision: true, percentage: 80 },
            { revisionSuffix: 'v1', percentage: 20, label: 'previous' },
          ],
          env: { LOG_LEVEL: 'info' },
          keyVaultSecrets: { API_TOKEN: { secretId: SECRET_ID } },
          keyVaultId: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv-test-1466f4',
          healthCheckPath: '/healthz',
        },
        { environment: { workloadProfiles: { general: { type: 'D4', maximumCount: 4 } } }, registry: { sku: 'Standard' } },
      ),
    ).toEqual([]);
  });

  it.each([
    [
      'cpu/memory pair',
      { cpu: 0.5, memory: '2Gi' },
      'azure.containers.apps.api.cpu "0.5/2Gi" is not an allowed cpu/memory pair on the Consumption profile; use one of 0.25/0.5Gi, 0.5/1Gi, 0.75/1.5Gi',
    ],
    ['replica range', { minReplicas: 5, maxReplicas: 2 }, 'azure.containers.apps.api.minReplicas 5 is greater than maxReplicas 2; use minReplicas <= maxReplicas'],
    ['maxReplicas 0', { minReplicas: 0, maxReplicas: 0 }, 'azure.containers.apps.api.maxReplicas 0 is not allowed; use 1 or more (minReplicas 0 scales to zero)'],
    ['maxReplicas above the limit', { maxReplicas: 1001 }, 'azure.containers.apps.api.maxReplicas 1001 is out of range; allowed: a value <= 1000'],
    ['revisionMode', { revisionMode: 'Blue' }, 'azure.containers.apps.api.revisionMode "Blue" is not allowed; allowed values: "Single", "Multiple"'],
    ['transport', { transport: 'grpc' }, 'azure.containers.apps.api.transport "grpc" is not allowed; allowed values: "auto", "http", "http2", "tcp"'],
    [
      'traffic weights that do not sum to 100',
      { revisionMode: 'Multiple', trafficWeights: [{ latestRevision: true, percentage: 60 }, { revisionSuffix: 'v1', percentage: 30 }] },
      'azure.containers.apps.api.trafficWeights [60,30] sum to 90; the percentages must sum to 100',
    ],
    [
      'a traffic split in Single mode',
      { trafficWeights: [{ latestRevision: true, percentage: 50 }, { revisionSuffix: 'v1', percentage: 50 }] },
      'azure.containers.apps.api.trafficWeights splits traffic, which needs revisionMode Multiple; in Single mode the latest revision takes 100',
    ],
    [
      'a weight naming no revision',
      { revisionMode: 'Multiple', trafficWeights: [{ percentage: 100 }] },
      'azure.containers.apps.api.trafficWeights[0] names no revision; set latestRevision: true or a revisionSuffix',
    ],
    ['ingress without a port', { targetPort: undefined, public: true }, 'azure.containers.apps.api.public true configures ingress, which needs targetPort; set targetPort or leave this out'],
    ['healthCheckPath', { healthCheckPath: 'healthz' }, 'azure.containers.apps.api.healthCheckPath "healthz" is not an HTTP path; start it with "/", e.g. "/healthz"'],
    ['workloadProfile', { workloadProfile: 'gpu' }, 'azure.containers.apps.api.workloadProfile "gpu" is not a workload profile of the environment; use Consumption'],
    [
      'Key Vault secret without a grant scope',
      { keyVaultSecrets: { API_TOKEN: { secretId: SECRET_ID } } },
      'azure.containers.apps.api.keyVaultSecrets.API_TOKEN.resourceId is required when the app has no keyVaultId',
    ],
    [
      'Key Vault secret id',
      { keyVaultSecrets: { API_TOKEN: { secretId: 'api-token', resourceId: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv-test/secrets/api-token' } } },
      'azure.containers.apps.api.keyVaultSecrets.API_TOKEN.secretId "api-token" is not a Key Vault secret id',
    ],
  ])('refuses a bad %s, naming the file, field, value and what is allowed', (_what, app, message) => {
    const problems = appProblems(app);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(`config/test.yaml: ${message}`);
  });

  it('refuses a literal secret in an environment variable without echoing it', () => {
    const problems = appProblems({ env: { API_TOKEN: 's3cr3t-value' } });
    expect(problems).toEqual([
      'config/test.yaml: azure.containers.apps.api.env.API_TOKEN looks like a secret (its name matches /(password|secret|token|key|connectionstring)/i) but has a literal value; pass it as a Key Vault secret id in keyVaultSecrets instead',
    ]);
    expect(problems.join()).not.toContain('s3cr3t');
  });

  it.each([
    ['registry SKU that does not exist', { registry: { sku: 'Ultra' } }, 'azure.containers.registry.sku "Ultra" is not an ACR SKU; use one of Basic, Standard, Premium'],
    ['retention on a non-Premium registry', { registry: { sku: 'Basic', untaggedRetentionDays: 7 } }, 'azure.containers.registry.untaggedRetentionDays 7 needs sku Premium (retention is a Premium feature); sku is Basic'],
    [
      'workload profile type that does not exist',
      { environment: { workloadProfiles: { big: { type: 'D5' } } } },
      'azure.containers.environment.workloadProfiles.big.type "D5" is not allowed; allowed values: "D4", "D8", "D16", "D32", "E4", "E8", "E16", "E32"',
    ],
    [
      'workload profile counts',
      { environment: { workloadProfiles: { big: { type: 'D4', minimumCount: 4, maximumCount: 2 } } } },
      'azure.containers.environment.workloadProfiles.big.minimumCount 4 is greater than maximumCount 2; use minimumCount <= maximumCount',
    ],
    ['log retention', { logRetentionDays: 731 }, 'azure.containers.logRetentionDays 731 is not allowed; use a whole number of days from 30 to 730'],
  ])('refuses a bad %s', (_what, section, message) => {
    const problems = appProblems({}, section);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(`config/test.yaml: ${message}`);
  });

  it('refuses an app name Container Apps does not accept, and an enabled section without apps', () => {
    expect(environmentProblems({ azure: { containers: { apps: { My_Api: { image: 'api:1' } } } } })).toEqual([
      'config/test.yaml: azure.containers.apps.My_Api is not a container app name; use 2-32 lower-case letters, digits and "-", starting with a letter, not ending with "-", no "--"',
    ]);
    expect(environmentProblems({ azure: { containers: { enabled: true } } })).toEqual([
      'config/test.yaml: azure.containers.apps is empty while azure.containers.enabled is true; add an app or set enabled: false',
    ]);
  });
});

describe('azure.containers.apps.<name>.image', () => {
  it('refuses an image with the moving tag latest, or with no tag or digest', () => {
    expect(appProblems({ image: 'mcr.microsoft.com/k8se/quickstart:latest' })).toEqual([
      'config/test.yaml: azure.containers.apps.api.image "mcr.microsoft.com/k8se/quickstart:latest" uses the moving tag "latest"; pin it by tag or digest, e.g. "registry.example.com/app:1.4.2" or "registry.example.com/app@sha256:<64 hex digits>"',
    ]);
    expect(appProblems({ image: 'api' })[0]).toMatch(/azure\.containers\.apps\.api\.image "api" has no tag or digest; pin it by tag or digest/);
    expect(appProblems({ image: 'api:1.0.0' })).toEqual([]);
  });
});
