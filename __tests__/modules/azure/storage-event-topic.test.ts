import { EventgridSystemTopic } from '@cdktf/provider-azurerm/lib/eventgrid-system-topic';
import { EventgridSystemTopicEventSubscription } from '@cdktf/provider-azurerm/lib/eventgrid-system-topic-event-subscription';
import { Testing } from 'cdktf';
import { StorageEventTopic, type StorageEventTopicProps } from '../../../modules/azure/storage-event-topic';

const DATA = '/subscriptions/0/resourceGroups/rg-data/providers/Microsoft.Storage/storageAccounts/stdata';
const DLQ = '/subscriptions/0/resourceGroups/rg-events/providers/Microsoft.Storage/storageAccounts/stdlq';
const FUNCTION = '/subscriptions/0/resourceGroups/rg-fn/providers/Microsoft.Web/sites/func-hello/functions/on_blob';
const QUEUE = '/subscriptions/0/resourceGroups/rg-events/providers/Microsoft.ServiceBus/namespaces/sb/queues/blob-events';
const BASE: StorageEventTopicProps = {
  name: 'egst-test-data',
  resourceGroupName: 'rg-data',
  location: 'westeurope',
  storageAccountId: DATA,
  deadLetter: { storageAccountId: DLQ, containerName: 'eventgrid-deadletter' },
  subscriptions: { 'blob-created': { destination: { functionId: FUNCTION }, subjectBeginsWith: '/blobServices/default/containers/uploads/' } },
};

function synth(patch: Partial<StorageEventTopicProps> = {}): string {
  return Testing.synthScope((scope) => {
    new StorageEventTopic(scope, 'events', { ...BASE, ...patch });
  });
}
const subscription = (out: string): Record<string, any> => Object.values<any>(JSON.parse(out).resource.azurerm_eventgrid_system_topic_event_subscription)[0];
const grants = (out: string): any[] => Object.values<any>(JSON.parse(out).resource.azurerm_role_assignment);

describe('StorageEventTopic', () => {
  const out = synth();

  it('is a system topic of the storage account with a system-assigned identity', () => {
    expect(out).toHaveResourceWithProperties(EventgridSystemTopic, {
      name: 'egst-test-data',
      source_resource_id: DATA,
      topic_type: 'Microsoft.Storage.StorageAccounts',
      identity: { type: 'SystemAssigned' },
    });
  });

  it('delivers to the function by its id, blob-created events of the subject prefix only', () => {
    expect(out).toHaveResourceWithProperties(EventgridSystemTopicEventSubscription, {
      name: 'blob-created',
      azure_function_endpoint: { function_id: FUNCTION },
      included_event_types: ['Microsoft.Storage.BlobCreated'],
      subject_filter: { subject_begins_with: '/blobServices/default/containers/uploads/', case_sensitive: true },
    });
    // Event Grid has no managed-identity delivery to Azure Functions (it uses the function's system key).
    expect(subscription(out)).not.toHaveProperty('delivery_identity');
  });

  it('retries 30 times for 24 hours by default', () => {
    expect(subscription(out).retry_policy).toEqual({ max_delivery_attempts: 30, event_time_to_live: 1440 });
  });

  it('dead-letters to the container with the topic identity, which may write to that container only', () => {
    expect(subscription(out)).toMatchObject({
      dead_letter_identity: { type: 'SystemAssigned' },
      storage_blob_dead_letter_destination: { storage_account_id: DLQ, storage_blob_container_name: 'eventgrid-deadletter' },
    });
    expect(grants(out)).toEqual([
      expect.objectContaining({
        role_definition_name: 'Storage Blob Data Contributor',
        scope: `${DLQ}/blobServices/default/containers/eventgrid-deadletter`,
        principal_id: expect.stringMatching(/azurerm_eventgrid_system_topic\..*identity\[0\]\.principal_id/),
      }),
    ]);
    expect(subscription(out).depends_on).toEqual([expect.stringMatching(/azurerm_role_assignment\..*dead-letter-writer/)]);
  });

  it('delivers to a Service Bus queue with its managed identity, as Data Sender on that queue', () => {
    const s = synth({ subscriptions: { 'to-queue': { destination: { serviceBusQueueId: QUEUE }, maxDeliveryAttempts: 10, eventTimeToLiveMinutes: 60 } } });
    expect(subscription(s)).toMatchObject({
      service_bus_queue_endpoint_id: QUEUE,
      delivery_identity: { type: 'SystemAssigned' },
      retry_policy: { max_delivery_attempts: 10, event_time_to_live: 60 },
    });
    expect(subscription(s)).not.toHaveProperty('subject_filter');
    expect(grants(s)).toContainEqual(expect.objectContaining({ role_definition_name: 'Azure Service Bus Data Sender', scope: QUEUE }));
    expect(subscription(s).depends_on).toHaveLength(2);
  });

  describe('refuses', () => {
    const sub = (patch: Record<string, unknown>) => ({ subscriptions: { s1x: { destination: { functionId: FUNCTION }, ...patch } } }) as Partial<StorageEventTopicProps>;
    it.each([
      [sub({ maxDeliveryAttempts: 0 }), /prop subscriptions\.s1x\.maxDeliveryAttempts 0 is not allowed; use a whole number from 1 to 30/],
      [sub({ maxDeliveryAttempts: 31 }), /prop subscriptions\.s1x\.maxDeliveryAttempts 31 is not allowed; use a whole number from 1 to 30/],
      [sub({ eventTimeToLiveMinutes: 1441 }), /prop subscriptions\.s1x\.eventTimeToLiveMinutes 1441 is not allowed; use a whole number from 1 to 1440/],
      [sub({ eventTimeToLiveMinutes: 0 }), /prop subscriptions\.s1x\.eventTimeToLiveMinutes 0 is not allowed; use a whole number from 1 to 1440/],
      [sub({ includedEventTypes: ['BlobCreated'] }), /prop subscriptions\.s1x\.includedEventTypes\[0\] "BlobCreated" is not a Blob Storage event type; use one of Microsoft\.Storage\.BlobCreated/],
      [sub({ includedEventTypes: [] }), /prop subscriptions\.s1x\.includedEventTypes \[\] is empty/],
      [sub({ destination: { functionId: '/subscriptions/0/x' } }), /prop subscriptions\.s1x\.destination\.functionId "\/subscriptions\/0\/x" is not a function id/],
      [sub({ destination: { functionId: FUNCTION, serviceBusQueueId: QUEUE } }), /prop subscriptions\.s1x\.destination .* must name exactly one of functionId, serviceBusQueueId/],
      [{ subscriptions: {} }, /prop subscriptions \{\} is empty/],
      [{ subscriptions: { x: { destination: { functionId: FUNCTION } } } }, /prop subscriptions\.x "x" is not an event subscription name; use 3-64/],
      [{ name: 'a b' }, /prop name "a b" is not a system topic name/],
    ])('%j', (patch, message) => {
      expect(() => synth(patch)).toThrow(message);
    });
  });
});
