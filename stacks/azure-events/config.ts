import { z } from 'zod';
import {
  SERVICE_BUS_DEFAULTS,
  SERVICE_BUS_SKUS,
  serviceBusCapacityProblem,
  serviceBusDuplicateWindowProblem,
  serviceBusEntityNameProblem,
  serviceBusLockDurationProblem,
  serviceBusMaxDeliveryCountProblem,
  serviceBusMessageTtlProblem,
  serviceBusNamespaceNameProblem,
} from '../../modules/azure/service-bus-namespace';
import { STORAGE_ACCOUNT_DEFAULTS, STORAGE_REPLICATION_TYPES } from '../../modules/azure/storage-account';
import { STORAGE_EVENT_DEFAULTS, STORAGE_EVENT_TYPES, eventRetryProblem } from '../../modules/azure/storage-event-topic';
import { keyVaultArmIdProblem } from '../../modules/azure/private/compute-rules';
import { defineSection, type ParsedEnvironment, type ReportProblem } from '../../modules/core/config/section';
import { azureFunctionsSection } from '../azure-functions/config';
import { appIdentityRef, checkAppIdentityRefs } from '../azure-data/app-identities';
import { azureDataSection } from '../azure-data/config';
import { ruled } from '../private/ruled';

const receiveFields = {
  /** Peek-lock duration, ISO 8601, PT5S to PT5M. @default PT1M */
  lockDuration: ruled(z.string(), serviceBusLockDurationProblem).optional(),
  /** Deliveries before a message is dead-lettered, 1-2000. @default 10 */
  maxDeliveryCount: ruled(z.number(), serviceBusMaxDeliveryCountProblem).optional(),
  /** Message time to live, ISO 8601; expired messages are dead-lettered. @default P14D */
  defaultMessageTtl: ruled(z.string(), serviceBusMessageTtlProblem).optional(),
  /** App identities granted `Azure Service Bus Data Receiver` on this entity. @default [] */
  receivers: z.array(appIdentityRef).default([]),
};

const sendFields = {
  /** Duplicate detection window, ISO 8601, PT20S to P7D (set at creation). @default - no duplicate detection */
  duplicateDetectionWindow: ruled(z.string(), serviceBusDuplicateWindowProblem).optional(),
  /** App identities granted `Azure Service Bus Data Sender` on this entity. @default [] */
  senders: z.array(appIdentityRef).default([]),
};

const QueueSchema = z.strictObject({ ...receiveFields, ...sendFields });
const SubscriptionSchema = z.strictObject(receiveFields);
const TopicSchema = z.strictObject({
  /** Message time to live of the topic, ISO 8601. @default P14D */
  defaultMessageTtl: ruled(z.string(), serviceBusMessageTtlProblem).optional(),
  ...sendFields,
  /** Subscriptions keyed by name. @default {} */
  subscriptions: z.record(z.string(), SubscriptionSchema).default({}),
});

const ServiceBusSchema = z.strictObject({
  /** Namespace name (global, 6-50 characters). @default - `sb-<env>-<6 hex of subscription and env>` */
  name: ruled(z.string(), serviceBusNamespaceNameProblem).optional(),
  /** `Premium` (private endpoint, customer key) or `Standard` (cheaper, always public). @default Premium */
  sku: z.enum(SERVICE_BUS_SKUS).default(SERVICE_BUS_DEFAULTS.sku),
  /** Messaging units, 1/2/4/8/16 (Premium). @default 1 on Premium */
  capacity: z.number().optional(),
  /** Partitions, 1/2/4 (Premium, set at creation). @default 1 on Premium */
  premiumMessagingPartitions: z.number().optional(),
  /** Private endpoint in the `app` subnet and public network access off (Premium only). @default true on Premium */
  privateEndpoint: z.boolean().optional(),
  /** Customer-managed key (Premium only). @default - Microsoft-managed key */
  customerManagedKey: z
    .strictObject({
      /** ARM id of the Key Vault of the key. */
      keyVaultId: ruled(z.string(), (id) => keyVaultArmIdProblem(id, 'vault')),
      /** Versionless key id, `https://<vault>.vault.azure.net/keys/<name>`. */
      keyVaultKeyId: z.string().regex(/^https:\/\/[a-z0-9-]{3,24}\.vault\.azure\.net\/keys\/[A-Za-z0-9-]{1,127}$/, {
        message: 'is not a versionless key id; use "https://<vault>.vault.azure.net/keys/<name>"',
      }),
    })
    .optional(),
  /** Queues keyed by name. @default {} */
  queues: z.record(z.string(), QueueSchema).default({}),
  /** Topics keyed by name. @default {} */
  topics: z.record(z.string(), TopicSchema).default({}),
});

const EventSubscriptionSchema = z.strictObject({
  /** Blob Storage event types delivered. @default [Microsoft.Storage.BlobCreated] */
  includedEventTypes: z.array(z.enum(STORAGE_EVENT_TYPES)).min(1).default([...STORAGE_EVENT_DEFAULTS.includedEventTypes] as (typeof STORAGE_EVENT_TYPES)[number][]),
  /** Only subjects starting with this, e.g. `/blobServices/default/containers/uploads/`. @default - every subject */
  subjectBeginsWith: z.string().min(1).optional(),
  /** Only subjects ending with this, e.g. `.json`. @default - every subject */
  subjectEndsWith: z.string().min(1).optional(),
  /** Delivery attempts before dead-lettering, 1-30. @default 30 */
  maxDeliveryAttempts: ruled(z.number(), (v) => eventRetryProblem('maxDeliveryAttempts', v)).default(STORAGE_EVENT_DEFAULTS.maxDeliveryAttempts),
  /** Minutes of retries before dead-lettering, 1-1440. @default 1440 */
  eventTimeToLiveMinutes: ruled(z.number(), (v) => eventRetryProblem('eventTimeToLiveMinutes', v)).default(STORAGE_EVENT_DEFAULTS.eventTimeToLiveMinutes),
  /** Deliver to a function: the app's key in `azure.functions.apps` and the function's name (the app must be reachable by Event Grid). @default - see queue */
  function: z.strictObject({ app: z.string(), name: z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{0,127}$/, { message: 'is not a function name' }) }).optional(),
  /** Deliver to this queue of `serviceBus.queues`, with the topic's managed identity. @default - see function */
  queue: z.string().optional(),
});

const EventGridSchema = z.strictObject({
  /** Days dead-lettered events are kept in the dead-letter account. @default 30 */
  deadLetterRetentionDays: z.number().int().min(1).max(365).default(30),
  /** Replication of the dead-letter account. @default ZRS */
  deadLetterReplication: z.enum(STORAGE_REPLICATION_TYPES).default(STORAGE_ACCOUNT_DEFAULTS.replication),
  /** Event subscriptions on the `azure.data` storage account's system topic, keyed by name (3-64 letters, digits, `-`). */
  subscriptions: z.record(z.string().regex(/^[A-Za-z0-9-]{3,64}$/, { message: 'is not an event subscription name; use 3-64 letters, digits and "-"' }), EventSubscriptionSchema),
});

/**
 * `azure.events`: Service Bus and Event Grid of the `<env>-azure-events` stack.
 */
export const AzureEventsConfigSchema = z.strictObject({
  /** Create the `<env>-azure-events` stack (needs `azure.network`). @default false */
  enabled: z.boolean().default(false),
  /** Resource group of the namespace and the dead-letter account. @default - `rg-<env>-events` */
  resourceGroupName: z.string().regex(/^[-\w.()]{0,89}[-\w()]$/, { message: 'is not a valid resource group name; use 1-90 letters, digits, "_", "-", "." or "()", not ending with "."' }).optional(),
  /** The Service Bus namespace, its queues and topics. @default - none */
  serviceBus: ServiceBusSchema.optional(),
  /** Event Grid: blob events of the `azure.data` storage account. @default - none */
  eventGrid: EventGridSchema.optional(),
});

export type AzureEventsConfig = z.infer<typeof AzureEventsConfigSchema>;

/** Every app identity `azure.events` grants a role to. */
export function eventsIdentityRefs(config: AzureEventsConfig): string[] {
  const sb = config.serviceBus;
  if (!sb) return [];
  return [
    ...Object.values(sb.queues).flatMap((q) => [...q.senders, ...q.receivers]),
    ...Object.values(sb.topics).flatMap((t) => [...t.senders, ...Object.values(t.subscriptions).flatMap((s) => s.receivers)]),
  ];
}

/** Whether the section needs the function apps' outputs (a grant or an Event Grid destination). */
export function eventsNeedFunctions(config: AzureEventsConfig): boolean {
  return eventsIdentityRefs(config).some((r) => r.startsWith('functions.')) || Object.values(config.eventGrid?.subscriptions ?? {}).some((s) => s.function !== undefined);
}

/** Whether the section needs the container apps' outputs (a grant). */
export function eventsNeedContainers(config: AzureEventsConfig): boolean {
  return eventsIdentityRefs(config).some((r) => r.startsWith('containers.'));
}

/** Whether the section needs the data stack (Event Grid on its storage account). */
export function eventsNeedData(config: AzureEventsConfig): boolean {
  return config.eventGrid !== undefined;
}

/** Checks across the fields of `azure.events` (and the sections it names), with the rules of the constructs. */
export function checkAzureEvents(config: AzureEventsConfig, env: ParsedEnvironment<any>, report: ReportProblem): void {
  const root = ['azure', 'events'];
  if (config.enabled && !config.serviceBus && !config.eventGrid) {
    report([...root, 'enabled'], true, 'is true but there is neither serviceBus nor eventGrid; add one, or set enabled: false');
  }
  const sb = config.serviceBus;
  if (sb) {
    const at = [...root, 'serviceBus'];
    const capacity = serviceBusCapacityProblem(sb.sku, sb.capacity, sb.premiumMessagingPartitions);
    if (capacity) report([...at, capacity[0]], capacity[0] === 'capacity' ? sb.capacity : sb.premiumMessagingPartitions, capacity[1]);
    if (sb.sku === 'Standard') {
      if (sb.privateEndpoint === true) {
        report([...at, 'privateEndpoint'], true, 'is not possible with sku Standard: Standard namespaces have no private endpoints and stay public; use sku Premium, or leave privateEndpoint out');
      }
      if (sb.customerManagedKey) report([...at, 'customerManagedKey'], undefined, 'needs sku Premium (customer-managed keys are Premium only)');
    }
    for (const name of [...Object.keys(sb.queues), ...Object.keys(sb.topics)]) {
      const kind = name in sb.queues ? 'queues' : 'topics';
      const problem = serviceBusEntityNameProblem(name);
      if (problem) report([...at, kind, name], name, problem);
    }
    for (const name of Object.keys(sb.topics)) {
      if (name in sb.queues) report([...at, 'topics', name], name, 'is also a queue name; queues and topics share one namespace of names');
      for (const sub of Object.keys(sb.topics[name]!.subscriptions)) {
        const problem = serviceBusEntityNameProblem(sub);
        if (problem) report([...at, 'topics', name, 'subscriptions', sub], sub, problem);
      }
    }
    if (config.enabled) {
      for (const [name, q] of Object.entries(sb.queues)) {
        checkAppIdentityRefs(q.senders, [...at, 'queues', name, 'senders'], env, report);
        checkAppIdentityRefs(q.receivers, [...at, 'queues', name, 'receivers'], env, report);
      }
      for (const [name, t] of Object.entries(sb.topics)) {
        checkAppIdentityRefs(t.senders, [...at, 'topics', name, 'senders'], env, report);
        for (const [sub, s] of Object.entries(t.subscriptions)) checkAppIdentityRefs(s.receivers, [...at, 'topics', name, 'subscriptions', sub, 'receivers'], env, report);
      }
    }
  }
  const eg = config.eventGrid;
  if (eg) {
    const at = [...root, 'eventGrid'];
    if (Object.keys(eg.subscriptions).length === 0) report([...at, 'subscriptions'], {}, 'is empty; add an event subscription or remove eventGrid');
    const data = env.get(azureDataSection);
    if (config.enabled && data !== undefined && (!data.enabled || !data.storage)) {
      report(at, undefined, 'publishes the blob events of the azure.data storage account, which is not enabled; set azure.data.enabled: true with azure.data.storage, or remove eventGrid');
    }
    const functions = env.get(azureFunctionsSection);
    for (const [name, s] of Object.entries(eg.subscriptions)) {
      const sAt = [...at, 'subscriptions', name];
      if ((s.function === undefined) === (s.queue === undefined)) {
        report(sAt, undefined, 'must deliver to exactly one of function ({ app, name }) or queue (a queue of azure.events.serviceBus.queues)');
      }
      if (s.queue !== undefined && !(sb && s.queue in sb.queues)) {
        report([...sAt, 'queue'], s.queue, `is not a queue of azure.events.serviceBus.queues; use one of ${Object.keys(sb?.queues ?? {}).join(', ') || '(none: add serviceBus.queues)'}`);
      }
      if (s.function !== undefined && config.enabled && functions !== undefined && (!functions.enabled || !(s.function.app in functions.apps))) {
        report([...sAt, 'function', 'app'], s.function.app, `is not an app of azure.functions.apps (enabled); use one of ${functions.enabled ? Object.keys(functions.apps).join(', ') : '(none: azure.functions is disabled)'}`);
      }
    }
  }
}

/** `azure.events`, owned by the `azure-events` stack family. */
export const azureEventsSection = defineSection({ path: 'azure.events', schema: AzureEventsConfigSchema, optional: true, check: checkAzureEvents });
