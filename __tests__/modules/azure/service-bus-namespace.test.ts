import { MonitorDiagnosticSetting } from '@cdktf/provider-azurerm/lib/monitor-diagnostic-setting';
import { PrivateEndpoint } from '@cdktf/provider-azurerm/lib/private-endpoint';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { ServicebusNamespace } from '@cdktf/provider-azurerm/lib/servicebus-namespace';
import { ServicebusQueue } from '@cdktf/provider-azurerm/lib/servicebus-queue';
import { ServicebusSubscription } from '@cdktf/provider-azurerm/lib/servicebus-subscription';
import { ServicebusTopic } from '@cdktf/provider-azurerm/lib/servicebus-topic';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { Testing } from 'cdktf';
import { iso8601DurationSeconds, ServiceBusNamespace, type ServiceBusNamespaceProps } from '../../../modules/azure/service-bus-namespace';

const SUBNET = '/subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/app';
const BASE: ServiceBusNamespaceProps = {
  name: 'sb-test-abc123',
  resourceGroupName: 'rg-test-events',
  location: 'westeurope',
  privateEndpointSubnetId: SUBNET,
  privateDnsZoneId: 'zone-sb',
  logAnalyticsWorkspaceId: 'workspace-id',
  queues: { items: { senders: { 'containers-hello': 'p-sender' }, receivers: { 'functions-hello': 'p-receiver' } } },
};
const STANDARD: Partial<ServiceBusNamespaceProps> = { sku: 'Standard', privateEndpointSubnetId: undefined, privateDnsZoneId: undefined };

function synth(patch: Partial<ServiceBusNamespaceProps> = {}): string {
  return Testing.synthScope((scope) => {
    new ServiceBusNamespace(scope, 'sb', { ...BASE, ...patch });
  });
}
const namespace = (out: string): Record<string, any> => Object.values<any>(JSON.parse(out).resource.azurerm_servicebus_namespace)[0];
const assignments = (out: string): Record<string, any> => JSON.parse(out).resource.azurerm_role_assignment;

describe('ServiceBusNamespace', () => {
  const out = synth();

  it('is Premium with one messaging unit and one partition by default', () => {
    expect(out).toHaveResourceWithProperties(ServicebusNamespace, { sku: 'Premium', capacity: 1, premium_messaging_partitions: 1 });
  });

  it('accepts Entra ID only (no SAS keys) and TLS 1.2', () => {
    expect(out).toHaveResourceWithProperties(ServicebusNamespace, { local_auth_enabled: false, minimum_tls_version: '1.2' });
  });

  it('turns public network access off on Premium, denies by default and lets trusted services (Event Grid) through', () => {
    expect(namespace(out)).toMatchObject({
      public_network_access_enabled: false,
      network_rule_set: { default_action: 'Deny', public_network_access_enabled: false, trusted_services_allowed: true },
    });
  });

  it('puts the private endpoint (namespace sub-resource) in the subnet with its DNS zone group', () => {
    expect(out).toHaveResourceWithProperties(PrivateEndpoint, {
      subnet_id: SUBNET,
      private_service_connection: expect.objectContaining({ subresource_names: ['namespace'] }),
      private_dns_zone_group: { name: 'servicebus', private_dns_zone_ids: ['zone-sb'] },
    });
  });

  it('sends all logs and metrics to the Log Analytics workspace', () => {
    expect(out).toHaveResourceWithProperties(MonitorDiagnosticSetting, {
      log_analytics_workspace_id: 'workspace-id',
      target_resource_id: expect.stringMatching(/azurerm_servicebus_namespace\./),
      enabled_log: [{ category_group: 'allLogs' }],
      enabled_metric: [{ category: 'AllMetrics' }],
    });
  });

  it('dead-letters expired queue messages, with 10 deliveries, a one-minute lock and two weeks to live by default', () => {
    expect(out).toHaveResourceWithProperties(ServicebusQueue, {
      name: 'items',
      dead_lettering_on_message_expiration: true,
      max_delivery_count: 10,
      lock_duration: 'PT1M',
      default_message_ttl: 'P14D',
      requires_duplicate_detection: false,
    });
  });

  it('turns duplicate detection on with its window when one is given', () => {
    expect(synth({ queues: { items: { duplicateDetectionWindow: 'PT30M' } } })).toHaveResourceWithProperties(ServicebusQueue, {
      requires_duplicate_detection: true,
      duplicate_detection_history_time_window: 'PT30M',
    });
  });

  it('grants Data Sender and Data Receiver on the queue (not the namespace) to the named identities', () => {
    const grants = Object.entries(assignments(out));
    const sender = grants.find(([k]) => k.includes('sender-queue-items-containers-hello'))![1];
    const receiver = grants.find(([k]) => k.includes('receiver-queue-items-functions-hello'))![1];
    expect(sender).toMatchObject({ role_definition_name: 'Azure Service Bus Data Sender', principal_id: 'p-sender', scope: expect.stringMatching(/azurerm_servicebus_queue\..*\.id/) });
    expect(receiver).toMatchObject({ role_definition_name: 'Azure Service Bus Data Receiver', principal_id: 'p-receiver', scope: expect.stringMatching(/azurerm_servicebus_queue\..*\.id/) });
    expect(grants).toHaveLength(2);
  });

  it('makes topics and subscriptions: subscriptions dead-letter, receivers get the subscription scope, senders the topic', () => {
    const s = synth({
      queues: {},
      topics: { orders: { senders: { 'containers-hello': 'p-pub' }, subscriptions: { billing: { maxDeliveryCount: 5, lockDuration: 'PT30S', receivers: { 'functions-hello': 'p-sub' } } } } },
    });
    expect(s).toHaveResourceWithProperties(ServicebusTopic, { name: 'orders', default_message_ttl: 'P14D' });
    expect(s).toHaveResourceWithProperties(ServicebusSubscription, {
      name: 'billing',
      max_delivery_count: 5,
      lock_duration: 'PT30S',
      dead_lettering_on_message_expiration: true,
      dead_lettering_on_filter_evaluation_error: true,
    });
    const grants = Object.values<any>(assignments(s));
    expect(grants.find((g) => g.principal_id === 'p-pub').scope).toMatch(/azurerm_servicebus_topic\./);
    expect(grants.find((g) => g.principal_id === 'p-sub').scope).toMatch(/azurerm_servicebus_subscription\./);
  });

  it('encrypts with a customer-managed key through its own identity, granted on the vault before the namespace exists', () => {
    const s = synth({ customerManagedKey: { keyVaultId: '/subscriptions/0/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv', keyVaultKeyId: 'https://kv.vault.azure.net/keys/sb' } });
    expect(s).toHaveResource(UserAssignedIdentity);
    expect(s).toHaveResourceWithProperties(RoleAssignment, { role_definition_name: 'Key Vault Crypto Service Encryption User', scope: '/subscriptions/0/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv' });
    const ns = namespace(s);
    expect(ns.customer_managed_key).toMatchObject({ key_vault_key_id: 'https://kv.vault.azure.net/keys/sb', infrastructure_encryption_enabled: true });
    expect(ns.identity).toMatchObject({ type: 'UserAssigned' });
    expect(ns.depends_on).toEqual([expect.stringMatching(/azurerm_role_assignment\..*cmk-key-user/)]);
  });

  it('on Standard: public (no private endpoint possible), no capacity, partitions or network rule set', () => {
    const s = synth(STANDARD);
    const ns = namespace(s);
    expect(ns).toMatchObject({ sku: 'Standard', public_network_access_enabled: true, local_auth_enabled: false, minimum_tls_version: '1.2' });
    for (const premiumOnly of ['capacity', 'premium_messaging_partitions', 'network_rule_set']) expect(ns).not.toHaveProperty(premiumOnly);
    expect(s).not.toHaveResource(PrivateEndpoint);
  });

  it('reads ISO 8601 durations of days and time only', () => {
    expect(iso8601DurationSeconds('PT5M')).toBe(300);
    expect(iso8601DurationSeconds('P1DT1H')).toBe(90000);
    expect(iso8601DurationSeconds('P1M')).toBeUndefined();
    expect(iso8601DurationSeconds('PT')).toBeUndefined();
    expect(iso8601DurationSeconds('5m')).toBeUndefined();
  });

  describe('refuses', () => {
    it.each([
      [{ name: 'sb-x' }, /prop name "sb-x" is not a Service Bus namespace name; use 6-50 letters/],
      [{ name: 'orders-sb' }, /prop name "orders-sb" ends with "-sb" or "-mgmt"/],
      [{ sku: 'Basic' as never }, /prop sku "Basic" is not offered; use one of Standard, Premium/],
      [{ capacity: 3 }, /prop capacity 3 is not a Premium capacity; use one of 1, 2, 4, 8, 16 messaging units/],
      [{ premiumMessagingPartitions: 3 }, /prop premiumMessagingPartitions 3 is not allowed; use one of 1, 2, 4/],
      [{ capacity: 2, premiumMessagingPartitions: 4 }, /prop capacity 2 \(2\) is not a multiple of premiumMessagingPartitions \(4\)/],
      [{ ...STANDARD, capacity: 1 }, /prop capacity 1 applies to sku Premium only/],
      [{ ...STANDARD, privateEndpointSubnetId: SUBNET }, /prop privateEndpointSubnetId .* needs sku Premium: a Standard namespace cannot have a private endpoint \(it is always public\); use sku Premium/],
      [{ ...STANDARD, public: false }, /prop public false is not possible with sku Standard: only Premium turns public network access off/],
      [{ ...STANDARD, customerManagedKey: { keyVaultId: 'kv', keyVaultKeyId: 'k' } }, /prop customerManagedKey "k" needs sku Premium/],
      [{ privateEndpointSubnetId: undefined }, /prop privateEndpointSubnetId \(missing\) is required: a Premium namespace without public access/],
      [{ queues: { items: { maxDeliveryCount: 0 } } }, /prop queues\.items\.maxDeliveryCount 0 is not allowed; use a whole number from 1 to 2000/],
      [{ queues: { items: { maxDeliveryCount: 2001 } } }, /prop queues\.items\.maxDeliveryCount 2001 is not allowed; use a whole number from 1 to 2000/],
      [{ queues: { items: { lockDuration: 'PT6M' } } }, /prop queues\.items\.lockDuration "PT6M" is not allowed; use PT5S to PT5M/],
      [{ queues: { items: { lockDuration: '60s' } } }, /prop queues\.items\.lockDuration "60s" is not an ISO 8601 duration/],
      [{ queues: { items: { duplicateDetectionWindow: 'PT10S' } } }, /prop queues\.items\.duplicateDetectionWindow "PT10S" is not allowed; use PT20S to P7D/],
      [{ queues: { items: { defaultMessageTtl: 'P1Y' } } }, /prop queues\.items\.defaultMessageTtl "P1Y" is not an ISO 8601 duration/],
      [{ queues: { 'bad name': {} } }, /prop queues\.bad name "bad name" is not an entity name/],
      [{ topics: { items: {} } }, /prop topics\.items "items" is also a queue name/],
      [{ queues: {}, topics: { t: { subscriptions: { s: { lockDuration: 'PT1S' } } } } }, /prop topics\.t\.subscriptions\.s\.lockDuration "PT1S" is not allowed; use PT5S to PT5M/],
    ])('%j', (patch, message) => {
      expect(() => synth(patch as Partial<ServiceBusNamespaceProps>)).toThrow(message);
    });
  });
});
