import { ContainerApp } from '@cdktf/provider-azurerm/lib/container-app';
import { KeyVault } from '@cdktf/provider-azurerm/lib/key-vault';
import { KeyVaultSecret } from '@cdktf/provider-azurerm/lib/key-vault-secret';
import { KubernetesCluster } from '@cdktf/provider-azurerm/lib/kubernetes-cluster';
import { LinuxFunctionApp } from '@cdktf/provider-azurerm/lib/linux-function-app';
import { NetworkSecurityGroup } from '@cdktf/provider-azurerm/lib/network-security-group';
import { NetworkSecurityRule } from '@cdktf/provider-azurerm/lib/network-security-rule';
import { PostgresqlFlexibleServer } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server';
import { PostgresqlFlexibleServerConfiguration } from '@cdktf/provider-azurerm/lib/postgresql-flexible-server-configuration';
import { StorageAccount } from '@cdktf/provider-azurerm/lib/storage-account';
import { CosmosdbAccount } from '@cdktf/provider-azurerm/lib/cosmosdb-account';
import { EventgridSystemTopicEventSubscription } from '@cdktf/provider-azurerm/lib/eventgrid-system-topic-event-subscription';
import { ServicebusNamespace } from '@cdktf/provider-azurerm/lib/servicebus-namespace';
import { ServicebusQueue } from '@cdktf/provider-azurerm/lib/servicebus-queue';
import { ServicebusSubscription } from '@cdktf/provider-azurerm/lib/servicebus-subscription';
import type { Construct } from 'constructs';
import type { RuleFixture } from './fixtures';
import { describeRuleFixtures, ruleById } from './fixtures';
import { policyResourceOf } from '../../../modules/policy/rule';
import { Testing, TerraformStack } from 'cdktf';
import type { TerraformResource } from 'cdktf';

const RG = { location: 'westeurope', resourceGroupName: 'rg' };
const TENANT = '00000000-0000-0000-0000-000000000000';
const inbound = (port: string, source: string) => ({
  name: `allow-${port}`,
  priority: 100,
  direction: 'Inbound',
  access: 'Allow',
  protocol: 'Tcp',
  sourcePortRange: '*',
  destinationPortRange: port,
  sourceAddressPrefix: source,
  destinationAddressPrefix: '*',
});
const pg = (s: Construct, props: Partial<ConstructorParameters<typeof PostgresqlFlexibleServer>[2]>) =>
  new PostgresqlFlexibleServer(s, 'pg', { ...RG, name: 'pg', version: '16', skuName: 'GP_Standard_D2s_v3', ...props });
const vault = (s: Construct, props: Partial<ConstructorParameters<typeof KeyVault>[2]>) =>
  new KeyVault(s, 'kv', { ...RG, name: 'kv', skuName: 'standard', tenantId: TENANT, ...props });
const storage = (s: Construct, props: Partial<ConstructorParameters<typeof StorageAccount>[2]>) =>
  new StorageAccount(s, 'st', { ...RG, name: 'st', accountTier: 'Standard', accountReplicationType: 'GRS', ...props });
const functionApp = (
  s: Construct,
  props: Partial<ConstructorParameters<typeof LinuxFunctionApp>[2]>,
  siteConfig: Record<string, unknown> = {}
) => new LinuxFunctionApp(s, 'fn', { ...RG, name: 'fn', servicePlanId: 'plan', httpsOnly: true, siteConfig, ...props });
const containerApp = (s: Construct, props: Partial<ConstructorParameters<typeof ContainerApp>[2]>) =>
  new ContainerApp(s, 'app', {
    name: 'api',
    resourceGroupName: 'rg',
    containerAppEnvironmentId: 'env',
    revisionMode: 'Single',
    template: { container: [{ name: 'api', image: 'api:1', cpu: 0.5, memory: '1Gi' }] },
    ...props,
  });
const ingress = (external: boolean, insecure: boolean) => ({
  externalEnabled: external,
  allowInsecureConnections: insecure,
  targetPort: 8080,
  trafficWeight: [{ percentage: 100, latestRevision: true }],
});
const aks = (s: Construct, props: Partial<ConstructorParameters<typeof KubernetesCluster>[2]>) =>
  new KubernetesCluster(s, 'aks', {
    ...RG,
    name: 'aks',
    dnsPrefix: 'aks',
    defaultNodePool: { name: 'system', vmSize: 'Standard_D2s_v5', nodeCount: 1 },
    identity: { type: 'SystemAssigned' },
    ...props,
  });

const serviceBus = (s: Construct, props: Partial<ConstructorParameters<typeof ServicebusNamespace>[2]>) =>
  new ServicebusNamespace(s, 'sb', {
    ...RG,
    name: 'sb',
    sku: 'Premium',
    capacity: 1,
    premiumMessagingPartitions: 1,
    ...props,
  });
const cosmos = (s: Construct, props: Partial<ConstructorParameters<typeof CosmosdbAccount>[2]>) =>
  new CosmosdbAccount(s, 'cosmos', {
    ...RG,
    name: 'cosmos',
    offerType: 'Standard',
    consistencyPolicy: { consistencyLevel: 'Session' },
    geoLocation: [{ location: 'westeurope', failoverPriority: 0 }],
    ...props,
  });

const FIXTURES: RuleFixture[] = [
  {
    rule: 'AZ-NSG-1',
    build: (s, ok) =>
      new NetworkSecurityGroup(s, 'nsg', {
        ...RG,
        name: 'nsg',
        securityRule: [inbound('22', ok ? 'VirtualNetwork' : '*')],
      }),
  },
  {
    rule: 'AZ-NSG-2',
    build: (s, ok) =>
      new NetworkSecurityRule(s, 'rule', {
        ...inbound('3000-4000', ok ? '10.0.0.0/8' : 'Internet'),
        resourceGroupName: 'rg',
        networkSecurityGroupName: 'nsg',
      }),
  },
  {
    rule: 'AZ-NSG-3',
    build: (s, ok) =>
      new NetworkSecurityGroup(s, 'nsg', {
        ...RG,
        name: 'nsg',
        securityRule: [inbound('443', '*'), inbound(ok ? '80' : '5432', '0.0.0.0/0')],
      }),
  },
  { rule: 'AZ-PG-1', build: (s, ok) => pg(s, { publicNetworkAccessEnabled: !ok }) },
  { rule: 'AZ-PG-2', build: (s, ok) => pg(s, ok ? { highAvailability: { mode: 'ZoneRedundant' } } : {}) },
  { rule: 'AZ-PG-3', build: (s, ok) => pg(s, { geoRedundantBackupEnabled: ok }) },
  { rule: 'AZ-PG-4', build: (s, ok) => pg(s, { backupRetentionDays: ok ? 14 : 3 }) },
  {
    rule: 'AZ-PG-5',
    build: (s, ok) =>
      pg(
        s,
        ok
          ? {
              customerManagedKey: {
                keyVaultKeyId: 'https://kv.vault.azure.net/keys/k',
                primaryUserAssignedIdentityId: 'id',
              },
            }
          : {}
      ),
  },
  {
    rule: 'AZ-PG-6',
    build: (s, ok) =>
      new PostgresqlFlexibleServerConfiguration(s, 'cfg', {
        serverId: 'pg',
        name: 'log_connections',
        value: ok ? 'on' : 'off',
      }),
  },
  { rule: 'AZ-KV-1', build: (s, ok) => vault(s, { purgeProtectionEnabled: ok }) },
  {
    rule: 'AZ-KV-2',
    build: (s, ok) => vault(s, { networkAcls: { defaultAction: ok ? 'Deny' : 'Allow', bypass: 'AzureServices' } }),
  },
  { rule: 'AZ-KV-3', build: (s, ok) => vault(s, { rbacAuthorizationEnabled: ok }) },
  {
    rule: 'AZ-KV-4',
    build: (s, ok) =>
      new KeyVaultSecret(s, 'secret', {
        keyVaultId: 'kv',
        name: 'db',
        valueWoVersion: 1,
        ...(ok ? { expirationDate: '2027-01-01T00:00:00Z' } : {}),
      }),
  },
  {
    rule: 'AZ-KV-5',
    build: (s, ok) =>
      new KeyVaultSecret(s, 'secret', {
        keyVaultId: 'kv',
        name: 'db',
        valueWoVersion: 1,
        ...(ok ? { contentType: 'password' } : {}),
      }),
  },
  { rule: 'AZ-ST-1', build: (s, ok) => storage(s, { httpsTrafficOnlyEnabled: ok }) },
  { rule: 'AZ-ST-2', build: (s, ok) => storage(s, { minTlsVersion: ok ? 'TLS1_2' : 'TLS1_0' }) },
  { rule: 'AZ-ST-3', build: (s, ok) => storage(s, ok ? { allowNestedItemsToBePublic: false } : {}) },
  { rule: 'AZ-ST-4', build: (s, ok) => storage(s, { networkRules: { defaultAction: ok ? 'Deny' : 'Allow' } }) },
  { rule: 'AZ-ST-5', build: (s, ok) => storage(s, { sharedAccessKeyEnabled: !ok }) },
  { rule: 'AZ-ST-6', build: (s, ok) => storage(s, { accountReplicationType: ok ? 'GZRS' : 'LRS' }) },
  { rule: 'AZ-FN-1', build: (s, ok) => functionApp(s, { httpsOnly: ok }) },
  { rule: 'AZ-FN-2', build: (s, ok) => functionApp(s, {}, { minimumTlsVersion: ok ? '1.2' : '1.0' }) },
  { rule: 'AZ-FN-3', build: (s, ok) => functionApp(s, ok ? { identity: { type: 'SystemAssigned' } } : {}) },
  { rule: 'AZ-FN-4', build: (s, ok) => functionApp(s, { publicNetworkAccessEnabled: !ok }) },
  { rule: 'AZ-FN-5', build: (s, ok) => functionApp(s, {}, { ftpsState: ok ? 'Disabled' : 'AllAllowed' }) },
  { rule: 'AZ-CA-1', build: (s, ok) => containerApp(s, { ingress: ingress(false, !ok) }) },
  { rule: 'AZ-CA-2', build: (s, ok) => containerApp(s, { ingress: ingress(!ok, false) }) },
  { rule: 'AZ-CA-3', build: (s, ok) => containerApp(s, ok ? { identity: { type: 'SystemAssigned' } } : {}) },
  {
    rule: 'AZ-AKS-1',
    build: (s, ok) => aks(s, { apiServerAccessProfile: { authorizedIpRanges: [ok ? '203.0.113.0/24' : '0.0.0.0/0'] } }),
  },
  { rule: 'AZ-AKS-2', build: (s, ok) => aks(s, { roleBasedAccessControlEnabled: ok }) },
  {
    rule: 'AZ-AKS-3',
    build: (s, ok) =>
      aks(s, { networkProfile: { networkPlugin: 'azure', ...(ok ? { networkPolicy: 'cilium' } : {}) } }),
  },
  { rule: 'AZ-AKS-4', build: (s, ok) => aks(s, { localAccountDisabled: ok }) },
  { rule: 'AZ-AKS-5', build: (s, ok) => aks(s, ok ? { omsAgent: { logAnalyticsWorkspaceId: 'law' } } : {}) },
  { rule: 'AZ-AKS-6', build: (s, ok) => aks(s, ok ? { diskEncryptionSetId: 'des' } : {}) },
  { rule: 'AZ-AKS-7', build: (s, ok) => aks(s, { azurePolicyEnabled: ok }) },
  { rule: 'AZ-ST-7', build: (s, ok) => storage(s, { blobProperties: { versioningEnabled: ok } }) },
  {
    rule: 'AZ-ST-8',
    build: (s, ok) =>
      storage(s, {
        blobProperties: {
          deleteRetentionPolicy: { days: 7 },
          ...(ok ? { containerDeleteRetentionPolicy: { days: 7 } } : {}),
        },
      }),
  },
  { rule: 'AZ-ST-9', build: (s, ok) => storage(s, { infrastructureEncryptionEnabled: ok }) },
  { rule: 'AZ-SB-1', build: (s, ok) => serviceBus(s, ok ? { localAuthEnabled: false } : {}) },
  { rule: 'AZ-SB-2', build: (s, ok) => serviceBus(s, { minimumTlsVersion: ok ? '1.2' : '1.0' }) },
  { rule: 'AZ-SB-3', build: (s, ok) => serviceBus(s, ok ? { publicNetworkAccessEnabled: false } : {}) },
  {
    rule: 'AZ-SB-4',
    build: (s, ok) =>
      new ServicebusQueue(s, 'queue', { name: 'orders', namespaceId: 'sb', deadLetteringOnMessageExpiration: ok }),
  },
  { rule: 'AZ-COSMOS-1', build: (s, ok) => cosmos(s, ok ? { localAuthenticationDisabled: true } : {}) },
  { rule: 'AZ-COSMOS-2', build: (s, ok) => cosmos(s, ok ? { publicNetworkAccessEnabled: false } : {}) },
  { rule: 'AZ-COSMOS-3', build: (s, ok) => cosmos(s, ok ? { accessKeyMetadataWritesEnabled: false } : {}) },
  {
    rule: 'AZ-COSMOS-4',
    build: (s, ok) =>
      cosmos(s, { backup: ok ? { type: 'Continuous', tier: 'Continuous30Days' } : { type: 'Periodic' } }),
  },
  { rule: 'AZ-COSMOS-5', build: (s, ok) => cosmos(s, { minimalTlsVersion: ok ? 'Tls12' : 'Tls11' }) },
  {
    rule: 'AZ-EG-1',
    build: (s, ok) =>
      new EventgridSystemTopicEventSubscription(s, 'events', {
        name: 'uploads',
        systemTopic: 'st',
        resourceGroupName: 'rg',
        serviceBusQueueEndpointId: 'queue',
        ...(ok
          ? { storageBlobDeadLetterDestination: { storageAccountId: 'sa', storageBlobContainerName: 'dlq' } }
          : {}),
      }),
  },
];

describe('Azure policy rules', () => {
  describeRuleFixtures('AZ-', FIXTURES);
});

describe('Azure Service Bus rules, beyond the fixtures', () => {
  const evaluate = (id: string, build: (s: TerraformStack) => TerraformResource) => {
    const stack = new TerraformStack(Testing.app(), 'test-policy');
    return ruleById(id).evaluate(policyResourceOf(build(stack)));
  };

  it('does not ask a Standard namespace to turn public access off (only Premium can)', () => {
    expect(
      evaluate('AZ-SB-3', (s) => serviceBus(s, { sku: 'Standard', capacity: 0, premiumMessagingPartitions: 0 }))
    ).toBe('not-applicable');
  });

  it('takes an unset minimum TLS version as the 1.2 default', () => {
    expect(evaluate('AZ-SB-2', (s) => serviceBus(s, {}))).toBe('compliant');
  });

  it('flags a topic subscription that drops expired messages', () => {
    expect(
      evaluate(
        'AZ-SB-4',
        (s) => new ServicebusSubscription(s, 'sub', { name: 'billing', topicId: 't', maxDeliveryCount: 10 })
      )
    ).toBe('non-compliant');
  });
});
