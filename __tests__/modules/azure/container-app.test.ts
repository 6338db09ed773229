import { ContainerApp as AzurermContainerApp } from '@cdktf/provider-azurerm/lib/container-app';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { Testing } from 'cdktf';
import {
  CONTAINER_APP_CPU_MEMORY,
  ContainerApp,
  containerAppCpuMemoryProblem,
  type ContainerAppProps,
} from '../../../modules/azure/container-app';

const SECRET = 'https://kv-test.vault.azure.net/secrets/db-password';
const BASE: ContainerAppProps = {
  name: 'api',
  resourceGroupName: 'rg-test',
  location: 'westeurope',
  environmentId: '/environments/cae',
  registryId: '/registries/acr',
  registryLoginServer: 'acrtest.azurecr.io',
  image: 'acrtest.azurecr.io/api:1.0.0',
  targetPort: 8080,
};

function synth(patch: Partial<ContainerAppProps> = {}): string {
  return Testing.synthScope((scope) => {
    new ContainerApp(scope, 'app', { ...BASE, ...patch });
  });
}

function app(out: string): Record<string, any> {
  const parsed = JSON.parse(out) as { resource: Record<string, Record<string, Record<string, any>>> };
  return Object.values(parsed.resource.azurerm_container_app)[0];
}

describe('ContainerApp', () => {
  it('exports the Consumption cpu/memory pairs from 0.25/0.5Gi to 4/8Gi', () => {
    expect(CONTAINER_APP_CPU_MEMORY[0]).toEqual({ cpu: 0.25, memory: '0.5Gi' });
    expect(CONTAINER_APP_CPU_MEMORY[CONTAINER_APP_CPU_MEMORY.length - 1]).toEqual({ cpu: 4, memory: '8Gi' });
    expect(CONTAINER_APP_CPU_MEMORY).toHaveLength(16);
    expect(containerAppCpuMemoryProblem(1, '2Gi')).toBeUndefined();
    expect(containerAppCpuMemoryProblem(1, '3Gi')).toMatch(/use one of 0.25\/0.5Gi, 0.5\/1Gi/);
  });

  it('pulls from ACR with its own identity, granted AcrPull before the app exists', () => {
    const out = synth();
    expect(out).toHaveResourceWithProperties(RoleAssignment, {
      role_definition_name: 'AcrPull',
      scope: '/registries/acr',
      principal_id: '${azurerm_user_assigned_identity.app_identity_CB9BBCD2.principal_id}',
    });
    expect(out).toHaveResourceWithProperties(AzurermContainerApp, {
      identity: { type: 'UserAssigned', identity_ids: ['${azurerm_user_assigned_identity.app_identity_CB9BBCD2.id}'] },
      registry: [{ server: 'acrtest.azurecr.io', identity: '${azurerm_user_assigned_identity.app_identity_CB9BBCD2.id}' }],
      depends_on: ['azurerm_role_assignment.app_acr-pull_AF0DD77E'],
    });
  });

  it('keeps ingress internal, HTTPS only, 100% to the latest revision in Single mode', () => {
    expect(synth()).toHaveResourceWithProperties(AzurermContainerApp, {
      revision_mode: 'Single',
      workload_profile_name: 'Consumption',
      ingress: {
        target_port: 8080,
        transport: 'auto',
        external_enabled: false,
        allow_insecure_connections: false,
        traffic_weight: [{ percentage: 100, latest_revision: true }],
      },
    });
  });

  it('opens ingress externally only when public', () => {
    expect(app(synth({ public: true })).ingress.external_enabled).toBe(true);
  });

  it('scales 1-10 replicas on 50 concurrent requests, 0.5 vCPU / 1Gi, with TCP probes on the port', () => {
    const t = app(synth()).template;
    expect(t.min_replicas).toBe(1);
    expect(t.max_replicas).toBe(10);
    expect(t.http_scale_rule).toEqual([{ name: 'http-concurrency', concurrent_requests: '50' }]);
    expect(t.container[0]).toMatchObject({ cpu: 0.5, memory: '1Gi', image: 'acrtest.azurecr.io/api:1.0.0' });
    expect(t.container[0].liveness_probe).toEqual([expect.objectContaining({ transport: 'TCP', port: 8080 })]);
    expect(t.container[0].readiness_probe).toEqual([expect.objectContaining({ transport: 'TCP', port: 8080 })]);
  });

  it('uses HTTP probes on healthCheckPath', () => {
    const c = app(synth({ healthCheckPath: '/healthz' })).template.container[0];
    expect(c.liveness_probe[0]).toMatchObject({ transport: 'HTTP', path: '/healthz', port: 8080 });
    expect(c.readiness_probe[0]).toMatchObject({ transport: 'HTTP', path: '/healthz', port: 8080 });
  });

  it('splits traffic across revisions in Multiple mode', () => {
    const out = synth({
      revisionMode: 'Multiple',
      trafficWeights: [
        { latestRevision: true, percentage: 20, label: 'canary' },
        { revisionSuffix: 'v1', percentage: 80 },
      ],
    });
    expect(app(out).ingress.traffic_weight).toEqual([
      { latest_revision: true, percentage: 20, label: 'canary' },
      { revision_suffix: 'v1', percentage: 80 },
    ]);
  });

  it('reads secrets from Key Vault with the identity and grants Secrets User on exactly those secrets', () => {
    const out = synth({
      env: { LOG_LEVEL: 'info' },
      keyVaultSecrets: { DB_PASSWORD: { secretId: SECRET, resourceId: '/kv/secrets/db-password' } },
    });
    const a = app(out);
    expect(a.secret).toEqual([
      { name: 'db-password', key_vault_secret_id: SECRET, identity: '${azurerm_user_assigned_identity.app_identity_CB9BBCD2.id}' },
    ]);
    expect(a.template.container[0].env).toEqual([
      { name: 'LOG_LEVEL', value: 'info' },
      { name: 'DB_PASSWORD', secret_name: 'db-password' },
    ]);
    expect(out).toHaveResourceWithProperties(RoleAssignment, { role_definition_name: 'Key Vault Secrets User', scope: '/kv/secrets/db-password' });
    expect(JSON.stringify(a)).not.toMatch(/"value":"(?!info)/);
  });

  describe('refuses bad input', () => {
    it.each([
      [{ cpu: 1, memory: '4Gi' }, /prop cpu\/memory "1\/4Gi" is not an allowed cpu\/memory pair on the Consumption profile; use one of 0.25\/0.5Gi/],
      [{ cpu: 4.5, memory: '9Gi' }, /prop cpu\/memory "4.5\/9Gi" is not an allowed cpu\/memory pair/],
      [{ minReplicas: 5, maxReplicas: 2 }, /prop minReplicas .* minReplicas must be <= maxReplicas/],
      [{ maxReplicas: 1001 }, /prop maxReplicas 1001 is not allowed; use a whole number from 0 to 1000/],
      [{ revisionMode: 'Multiple' as const, trafficWeights: [{ latestRevision: true, percentage: 60 }, { revisionSuffix: 'v1', percentage: 30 }] }, /prop trafficWeights .* sums to 90; the percentages must sum to 100/],
      [{ trafficWeights: [{ latestRevision: true, percentage: 50 }, { revisionSuffix: 'v1', percentage: 50 }] }, /prop trafficWeights .* splits traffic, which needs revisionMode Multiple/],
      [{ revisionMode: 'Multiple' as const, trafficWeights: [{ percentage: 100 }] }, /prop trafficWeights .* neither latestRevision nor revisionSuffix/],
      [{ transport: 'grpc' as never }, /prop transport "grpc" is not an ingress transport; use one of auto, http, http2, tcp/],
      [{ targetPort: undefined, public: true }, /prop targetPort \(missing\) is required with public, trafficWeights or transport/],
      [{ name: 'API' }, /prop name "API" is not a container app name/],
      [{ keyVaultSecrets: { X: { secretId: SECRET } } }, /prop keyVaultSecrets.X.resourceId \(missing\) is required when keyVaultId is not given/],
      [{ keyVaultId: '/kv', keyVaultSecrets: { DB_PASS: { secretId: SECRET }, 'db-pass': { secretId: SECRET } } }, /prop keyVaultSecrets.db-pass "db-pass" maps to the same Container Apps secret name "db-pass" as DB_PASS/],
    ])('%p', (patch, pattern) => {
      expect(() => synth(patch)).toThrow(pattern);
    });

    it('refuses a literal secret-looking env var without showing it', () => {
      expect(() => synth({ env: { API_TOKEN: 'abc123' } })).toThrow(
        /prop env.API_TOKEN \(value hidden\) looks like a secret .* pass it as a Key Vault secret id in keyVaultSecrets/,
      );
    });

    it('accepts other cpu/memory pairs on a dedicated profile', () => {
      expect(() => synth({ workloadProfileName: 'general', cpu: 1, memory: '4Gi' })).not.toThrow();
    });
  });
});
