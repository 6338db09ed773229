import { azureEventsSection } from '../../../stacks/azure-events/config';
import { APPS, azureEnvironment, azureProblems } from '../azure-data/azure-sections';

const F = 'config/test.yaml: azure.events';
const events = (patch: Record<string, any>, extra: Record<string, any> = { ...APPS, data: { enabled: true, storage: {} } }) =>
  azureProblems({ azure: { ...extra, events: { enabled: true, ...patch } } });
const sb = (patch: Record<string, any>) => events({ serviceBus: { queues: { items: {} }, ...patch } });
const queue = (patch: Record<string, any>) => sb({ queues: { items: patch } });
const sub = (patch: Record<string, any>) => events({ serviceBus: { queues: { 'blob-events': {} } }, eventGrid: { subscriptions: { 'blob-created': { queue: 'blob-events', ...patch } } } });

describe('azure.events config', () => {
  it('parses from nothing: disabled', () => {
    expect(azureEnvironment().section(azureEventsSection)).toEqual({ enabled: false });
  });

  it('defaults to a Premium namespace, and an event subscription to BlobCreated, 30 attempts over 24 hours', () => {
    const config = azureEnvironment({ azure: { data: { enabled: true, storage: {} }, events: { enabled: true, serviceBus: { queues: { q1: {} } }, eventGrid: { subscriptions: { 'to-q': { queue: 'q1' } } } } } }).section(azureEventsSection);
    expect(config.serviceBus).toEqual({ sku: 'Premium', queues: { q1: { receivers: [], senders: [] } }, topics: {} });
    expect(config.eventGrid).toEqual({
      deadLetterRetentionDays: 30,
      deadLetterReplication: 'ZRS',
      subscriptions: { 'to-q': { includedEventTypes: ['Microsoft.Storage.BlobCreated'], maxDeliveryAttempts: 30, eventTimeToLiveMinutes: 1440, queue: 'q1' } },
    });
  });

  it('accepts every field', () => {
    expect(
      events({
        resourceGroupName: 'rg-events',
        serviceBus: {
          name: 'sb-events-01',
          sku: 'Premium',
          capacity: 4,
          premiumMessagingPartitions: 2,
          privateEndpoint: true,
          customerManagedKey: {
            keyVaultId: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv-test-1',
            keyVaultKeyId: 'https://kv-test-1.vault.azure.net/keys/sb',
          },
          queues: { items: { lockDuration: 'PT30S', maxDeliveryCount: 5, defaultMessageTtl: 'P1D', duplicateDetectionWindow: 'PT10M', senders: ['containers.hello'], receivers: ['functions.hello'] } },
          topics: { orders: { defaultMessageTtl: 'P7D', senders: ['containers.hello'], subscriptions: { billing: { maxDeliveryCount: 3, receivers: ['functions.hello'] } } } },
        },
        eventGrid: {
          deadLetterRetentionDays: 14,
          deadLetterReplication: 'LRS',
          subscriptions: {
            'blob-created': { includedEventTypes: ['Microsoft.Storage.BlobCreated', 'Microsoft.Storage.BlobDeleted'], subjectBeginsWith: '/blobServices/default/containers/uploads/', subjectEndsWith: '.json', maxDeliveryAttempts: 5, eventTimeToLiveMinutes: 60, queue: 'items' },
            'to-function': { function: { app: 'hello', name: 'on_blob' } },
          },
        },
      }),
    ).toEqual([]);
  });

  it.each([
    [{}, `${F}.enabled true is true but there is neither serviceBus nor eventGrid`],
    [{ serviceBus: { sku: 'Basic' } }, `${F}.serviceBus.sku "Basic" is not allowed; allowed values: "Standard", "Premium"`],
  ])('reports %j', (patch, message) => {
    expect(events(patch)).toContainEqual(expect.stringContaining(message));
  });

  it.each([
    [{ sku: 'Standard', privateEndpoint: true }, `${F}.serviceBus.privateEndpoint true is not possible with sku Standard: Standard namespaces have no private endpoints and stay public; use sku Premium`],
    [{ sku: 'Standard', capacity: 1 }, `${F}.serviceBus.capacity 1 applies to sku Premium only`],
    [{ sku: 'Standard', customerManagedKey: { keyVaultId: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv-test-1', keyVaultKeyId: 'https://kv-test-1.vault.azure.net/keys/sb' } }, `${F}.serviceBus.customerManagedKey needs sku Premium`],
    [{ capacity: 3 }, `${F}.serviceBus.capacity 3 is not a Premium capacity; use one of 1, 2, 4, 8, 16 messaging units`],
    [{ premiumMessagingPartitions: 8 }, `${F}.serviceBus.premiumMessagingPartitions 8 is not allowed; use one of 1, 2, 4`],
    [{ name: 'sb' }, `${F}.serviceBus.name "sb" is not a Service Bus namespace name; use 6-50 letters`],
    [{ customerManagedKey: { keyVaultId: 'kv', keyVaultKeyId: 'https://kv-test-1.vault.azure.net/keys/sb/abc' } }, `${F}.serviceBus.customerManagedKey.keyVaultKeyId "https://kv-test-1.vault.azure.net/keys/sb/abc" is not a versionless key id`],
    [{ topics: { items: {} } }, `${F}.serviceBus.topics.items "items" is also a queue name`],
    [{ queues: { 'bad name': {} } }, `${F}.serviceBus.queues.bad name "bad name" is not an entity name`],
  ])('reports namespace %j', (patch, message) => {
    expect(sb(patch)).toContainEqual(expect.stringContaining(message));
  });

  it.each([
    [{ maxDeliveryCount: 0 }, `${F}.serviceBus.queues.items.maxDeliveryCount 0 is not allowed; use a whole number from 1 to 2000`],
    [{ maxDeliveryCount: 2001 }, `${F}.serviceBus.queues.items.maxDeliveryCount 2001 is not allowed; use a whole number from 1 to 2000`],
    [{ lockDuration: 'PT10M' }, `${F}.serviceBus.queues.items.lockDuration "PT10M" is not allowed; use PT5S to PT5M`],
    [{ lockDuration: '30 seconds' }, `${F}.serviceBus.queues.items.lockDuration "30 seconds" is not an ISO 8601 duration`],
    [{ duplicateDetectionWindow: 'P8D' }, `${F}.serviceBus.queues.items.duplicateDetectionWindow "P8D" is not allowed; use PT20S to P7D`],
    [{ defaultMessageTtl: 'P1M' }, `${F}.serviceBus.queues.items.defaultMessageTtl "P1M" is not an ISO 8601 duration`],
    [{ senders: ['hello'] }, `${F}.serviceBus.queues.items.senders[0] "hello" is not an app identity`],
    [{ receivers: ['functions.nope'] }, `${F}.serviceBus.queues.items.receivers[0] "functions.nope" names no app of azure.functions.apps; use one of functions.hello`],
  ])('reports queue %j', (patch, message) => {
    expect(queue(patch)).toContainEqual(expect.stringContaining(message));
  });

  it.each([
    [{ maxDeliveryAttempts: 0 }, `${F}.eventGrid.subscriptions.blob-created.maxDeliveryAttempts 0 is not allowed; use a whole number from 1 to 30`],
    [{ maxDeliveryAttempts: 31 }, `${F}.eventGrid.subscriptions.blob-created.maxDeliveryAttempts 31 is not allowed; use a whole number from 1 to 30`],
    [{ eventTimeToLiveMinutes: 0 }, `${F}.eventGrid.subscriptions.blob-created.eventTimeToLiveMinutes 0 is not allowed; use a whole number from 1 to 1440`],
    [{ eventTimeToLiveMinutes: 1441 }, `${F}.eventGrid.subscriptions.blob-created.eventTimeToLiveMinutes 1441 is not allowed; use a whole number from 1 to 1440`],
    [{ includedEventTypes: ['BlobCreated'] }, `${F}.eventGrid.subscriptions.blob-created.includedEventTypes[0] "BlobCreated" is not allowed; allowed values: "Microsoft.Storage.BlobCreated"`],
    [{ queue: 'nope' }, `${F}.eventGrid.subscriptions.blob-created.queue "nope" is not a queue of azure.events.serviceBus.queues; use one of blob-events`],
    [{ function: { app: 'hello', name: 'on_blob' } }, `${F}.eventGrid.subscriptions.blob-created must deliver to exactly one of function ({ app, name }) or queue`],
    [{ queue: undefined, function: { app: 'nope', name: 'on_blob' } }, `${F}.eventGrid.subscriptions.blob-created.function.app "nope" is not an app of azure.functions.apps (enabled); use one of hello`],
  ])('reports event subscription %j', (patch, message) => {
    expect(sub(patch)).toContainEqual(expect.stringContaining(message));
  });

  it('reports Event Grid without the data storage account', () => {
    expect(events({ serviceBus: { queues: { q1: {} } }, eventGrid: { subscriptions: { 'to-q': { queue: 'q1' } } } }, APPS)).toContainEqual(
      expect.stringContaining(`${F}.eventGrid publishes the blob events of the azure.data storage account, which is not enabled`),
    );
  });
});
