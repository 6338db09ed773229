import { EventgridSystemTopic } from '@cdktf/provider-azurerm/lib/eventgrid-system-topic';
import { EventgridSystemTopicEventSubscription } from '@cdktf/provider-azurerm/lib/eventgrid-system-topic-event-subscription';
import { LogAnalyticsWorkspace } from '@cdktf/provider-azurerm/lib/log-analytics-workspace';
import { MonitorDiagnosticSetting } from '@cdktf/provider-azurerm/lib/monitor-diagnostic-setting';
import { PrivateDnsZone } from '@cdktf/provider-azurerm/lib/private-dns-zone';
import { PrivateEndpoint } from '@cdktf/provider-azurerm/lib/private-endpoint';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { ServicebusNamespace } from '@cdktf/provider-azurerm/lib/servicebus-namespace';
import { StorageAccount } from '@cdktf/provider-azurerm/lib/storage-account';
import { Testing } from 'cdktf';
import { environmentContext } from '../../../stacks';
import { type AzureEventsStack, defaultAzureEventsNames } from '../../../stacks/azure-events/azure-events-stack';
import { azureEventsFamily } from '../../../stacks/azure-events/family';
import { familyDependencies } from '../../../stacks/family';
import { APPS, azureEnvironment, buildFamily, CONTAINERS, FUNCTIONS, NETWORK, SUBNET } from '../azure-data/azure-sections';

const DATA_OUT = {
  resourceGroupName: 'rg-test-data',
  location: 'westeurope',
  storageAccountId: '/subscriptions/0/resourceGroups/rg-test-data/providers/Microsoft.Storage/storageAccounts/stdata',
  storageAccountName: 'stdata',
  blobPrivateDnsZoneId: 'zone-blob',
};
const EVENTS = {
  enabled: true,
  serviceBus: {
    queues: {
      items: { senders: ['containers.hello'], receivers: ['functions.hello'] },
      'blob-events': { receivers: ['functions.hello'] },
    },
  },
  eventGrid: {
    subscriptions: {
      'blob-created': { subjectBeginsWith: '/blobServices/default/containers/uploads/', queue: 'blob-events' },
      'blob-to-function': { function: { app: 'hello', name: 'on_blob' }, maxDeliveryAttempts: 10 },
    },
  },
};
const UPSTREAM = { 'azure-network': NETWORK, 'azure-functions': FUNCTIONS, 'azure-containers': CONTAINERS, 'azure-data': DATA_OUT };

function stackFor(events: Record<string, any> = EVENTS, upstream: Record<string, unknown> = UPSTREAM): AzureEventsStack {
  return buildFamily<AzureEventsStack>(azureEventsFamily, azureEnvironment({ azure: { ...APPS, data: { enabled: true, storage: {} }, events } }), upstream);
}
const grants = (json: any): any[] => Object.values<any>(json.resource.azurerm_role_assignment);

describe('AzureEventsStack', () => {
  const stack = stackFor();
  const out = Testing.synth(stack);
  const json = JSON.parse(out);

  it('puts the namespace and dead-letter account in their own resource group', () => {
    expect(out).toHaveResourceWithProperties(ResourceGroup, { name: 'rg-test-events' });
  });

  it('makes a private Premium namespace: endpoint in the app subnet, privatelink.servicebus.windows.net zone', () => {
    expect(defaultAzureEventsNames(environmentContext(azureEnvironment()))).toEqual({ namespaceName: 'sb-test-a97aa0', deadLetterAccountName: 'sttesta97aa006' });
    expect(out).toHaveResourceWithProperties(ServicebusNamespace, { name: 'sb-test-a97aa0', sku: 'Premium', public_network_access_enabled: false, local_auth_enabled: false });
    expect(out).toHaveResourceWithProperties(PrivateDnsZone, { name: 'privatelink.servicebus.windows.net' });
    expect(out).toHaveResourceWithProperties(PrivateEndpoint, { subnet_id: SUBNET('app'), private_service_connection: expect.objectContaining({ subresource_names: ['namespace'] }) });
  });

  it("sends the namespace's logs to the function apps' workspace (no workspace of its own)", () => {
    expect(out).toHaveResourceWithProperties(MonitorDiagnosticSetting, { log_analytics_workspace_id: FUNCTIONS.logAnalyticsWorkspaceId });
    expect(out).not.toHaveResource(LogAnalyticsWorkspace);
  });

  it('lets the container app send to "items" and the function app receive from it, on the queue', () => {
    const g = grants(json);
    const on = (principal: string, role: string) => g.filter((x) => x.principal_id === principal && x.role_definition_name === role).map((x) => x.scope);
    expect(on('principal-containers-hello', 'Azure Service Bus Data Sender')).toEqual([expect.stringMatching(/azurerm_servicebus_queue\.service-bus_queue-items_/)]);
    expect(on('principal-functions-hello', 'Azure Service Bus Data Receiver').sort()).toEqual([
      expect.stringMatching(/azurerm_servicebus_queue\.service-bus_queue-blob-events_/),
      expect.stringMatching(/azurerm_servicebus_queue\.service-bus_queue-items_/),
    ]);
    expect(on('principal-functions-hello', 'Azure Service Bus Data Sender')).toEqual([]);
    expect(on('principal-containers-hello', 'Azure Service Bus Data Receiver')).toEqual([]);
  });

  it('puts the system topic on the data storage account, beside it in the data resource group', () => {
    expect(out).toHaveResourceWithProperties(EventgridSystemTopic, {
      name: 'egst-test-data',
      resource_group_name: 'rg-test-data',
      source_resource_id: DATA_OUT.storageAccountId,
      topic_type: 'Microsoft.Storage.StorageAccounts',
    });
  });

  it('delivers blob-created to the blob-events queue with the topic identity, and to the function by its id', () => {
    expect(out).toHaveResourceWithProperties(EventgridSystemTopicEventSubscription, {
      name: 'blob-created',
      service_bus_queue_endpoint_id: expect.stringMatching(/azurerm_servicebus_queue\.service-bus_queue-blob-events_.*\.id/),
      delivery_identity: { type: 'SystemAssigned' },
      subject_filter: expect.objectContaining({ subject_begins_with: '/blobServices/default/containers/uploads/' }),
    });
    expect(out).toHaveResourceWithProperties(EventgridSystemTopicEventSubscription, {
      name: 'blob-to-function',
      azure_function_endpoint: { function_id: `${FUNCTIONS.appIds.hello}/functions/on_blob` },
      retry_policy: { max_delivery_attempts: 10, event_time_to_live: 1440 },
    });
    expect(grants(json)).toContainEqual(
      expect.objectContaining({
        role_definition_name: 'Azure Service Bus Data Sender',
        principal_id: expect.stringMatching(/azurerm_eventgrid_system_topic\./),
        scope: expect.stringMatching(/azurerm_servicebus_queue\.service-bus_queue-blob-events_/),
      }),
    );
  });

  it('dead-letters to its own account: deny-all firewall that trusted services pass, private endpoint in the data zone, letters expire', () => {
    expect(out).toHaveResourceWithProperties(StorageAccount, {
      name: 'sttesta97aa006',
      public_network_access_enabled: true,
      network_rules: expect.objectContaining({ default_action: 'Deny', bypass: ['AzureServices'], ip_rules: [] }),
      shared_access_key_enabled: false,
    });
    expect(out).toHaveResourceWithProperties(PrivateEndpoint, { private_dns_zone_group: { name: 'blob', private_dns_zone_ids: ['zone-blob'] } });
    expect(JSON.stringify(json.resource.azurerm_storage_management_policy)).toContain('"delete_after_days_since_modification_greater_than":30');
    expect(grants(json)).toContainEqual(expect.objectContaining({ role_definition_name: 'Storage Blob Data Contributor', scope: expect.stringMatching(/containers\/eventgrid-deadletter$/) }));
  });

  it('Standard namespace: public, no private endpoint or zone; keeps a workspace of its own without the apps', () => {
    const s = Testing.synth(stackFor({ enabled: true, serviceBus: { sku: 'Standard', queues: { items: {} } } }, { 'azure-network': NETWORK }));
    expect(s).toHaveResourceWithProperties(ServicebusNamespace, { sku: 'Standard', public_network_access_enabled: true });
    expect(s).not.toHaveResource(PrivateEndpoint);
    expect(s).not.toHaveResource(PrivateDnsZone);
    expect(s).toHaveResourceWithProperties(LogAnalyticsWorkspace, { name: 'log-test-events' });
  });

  it('depends on the apps and the data stack only when the section names them', () => {
    const env = (events: Record<string, any>) => azureEnvironment({ azure: { ...APPS, data: { enabled: true, storage: {} }, events } });
    const deps = (events: Record<string, any>) => {
      const e = env(events);
      return familyDependencies(azureEventsFamily, e.section(azureEventsFamily.section), e).map((f) => f.id);
    };
    expect(deps({ enabled: true, serviceBus: { queues: { items: {} } } })).toEqual(['azure-network']);
    expect(deps(EVENTS)).toEqual(['azure-network', 'azure-functions', 'azure-containers', 'azure-data']);
  });

  it('refuses a function destination the functions stack did not publish', () => {
    expect(() => stackFor(EVENTS, { ...UPSTREAM, 'azure-functions': { ...FUNCTIONS, appIds: { other: 'x' } } })).toThrow(
      /prop config\.eventGrid\.subscriptions\.blob-to-function\.function\.app "hello" is not a function app of azure\.functions; use one of other/,
    );
  });

  it('refuses Event Grid without the data storage account', () => {
    expect(() => stackFor(EVENTS, { ...UPSTREAM, 'azure-data': { resourceGroupName: 'rg', location: 'westeurope' } })).toThrow(/prop data\.storageAccountId \(missing\) is missing: Event Grid publishes the blob events/);
  });
});
