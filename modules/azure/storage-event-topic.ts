import { EventgridSystemTopic } from '@cdktf/provider-azurerm/lib/eventgrid-system-topic';
import { EventgridSystemTopicEventSubscription } from '@cdktf/provider-azurerm/lib/eventgrid-system-topic-event-subscription';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { Construct } from 'constructs';
import { ValidationError } from '../core/validation-error';
import { idFromKey, known } from './private/compute-rules';
import { SERVICE_BUS_ROLES } from './service-bus-namespace';

/** What {@link StorageEventTopic} does when a prop is left out. */
export const STORAGE_EVENT_DEFAULTS = {
  includedEventTypes: ['Microsoft.Storage.BlobCreated'] as readonly string[],
  maxDeliveryAttempts: 30,
  eventTimeToLiveMinutes: 1440,
} as const;

/**
 * Limits of an event subscription's retry policy.
 *
 * @see https://registry.terraform.io/providers/hashicorp/azurerm/4.55.0/docs/resources/eventgrid_system_topic_event_subscription#retry_policy
 * @see https://learn.microsoft.com/azure/event-grid/delivery-and-retry#retry-schedule
 */
export const STORAGE_EVENT_LIMITS = {
  maxDeliveryAttempts: { min: 1, max: 30 },
  eventTimeToLiveMinutes: { min: 1, max: 1440 },
} as const;

/** Blob Storage event types a subscription may filter on. @see https://learn.microsoft.com/azure/event-grid/event-schema-blob-storage */
export const STORAGE_EVENT_TYPES = [
  'Microsoft.Storage.BlobCreated',
  'Microsoft.Storage.BlobDeleted',
  'Microsoft.Storage.BlobRenamed',
  'Microsoft.Storage.BlobTierChanged',
  'Microsoft.Storage.DirectoryCreated',
  'Microsoft.Storage.DirectoryDeleted',
  'Microsoft.Storage.DirectoryRenamed',
  'Microsoft.Storage.AsyncOperationInitiated',
  'Microsoft.Storage.BlobInventoryPolicyCompleted',
  'Microsoft.Storage.LifecyclePolicyCompleted',
] as const;

/** Why a retry policy value is refused. */
export function eventRetryProblem(field: 'maxDeliveryAttempts' | 'eventTimeToLiveMinutes', value: number): string | undefined {
  const { min, max } = STORAGE_EVENT_LIMITS[field];
  return Number.isInteger(value) && value >= min && value <= max ? undefined : `is not allowed; use a whole number from ${min} to ${max}`;
}

/** Where a subscription delivers: one Azure Function, or a Service Bus queue (with the topic's managed identity). */
export type StorageEventDestination =
  | {
      /** Resource id of the function: `<function app id>/functions/<function name>`. */
      readonly functionId: string;
    }
  | {
      /** Resource id of the Service Bus queue; the topic's identity gets `Azure Service Bus Data Sender` on it. */
      readonly serviceBusQueueId: string;
    };

/** One event subscription of {@link StorageEventTopic}. */
export interface StorageEventSubscriptionOptions {
  /** Where events go. */
  readonly destination: StorageEventDestination;
  /** Event types delivered. @default ['Microsoft.Storage.BlobCreated'] */
  readonly includedEventTypes?: readonly string[];
  /** Deliver only subjects starting with this, e.g. `/blobServices/default/containers/uploads/`. @default - every subject */
  readonly subjectBeginsWith?: string;
  /** Deliver only subjects ending with this, e.g. `.json`. @default - every subject */
  readonly subjectEndsWith?: string;
  /** Delivery attempts before the event is dead-lettered, 1-30. @default 30 */
  readonly maxDeliveryAttempts?: number;
  /** Minutes an event is retried before it is dead-lettered, 1-1440. @default 1440 */
  readonly eventTimeToLiveMinutes?: number;
}

/** Props of {@link StorageEventTopic}. */
export interface StorageEventTopicProps {
  /** System topic name (3-128 letters, digits, `-`). */
  readonly name: string;
  /** Resource group of the topic: that of the storage account. */
  readonly resourceGroupName: string;
  /** Location of the storage account. */
  readonly location: string;
  /** Resource id of the storage account whose events are published. */
  readonly storageAccountId: string;
  /** Storage account and container undeliverable events are written to (with the topic's identity). */
  readonly deadLetter: { readonly storageAccountId: string; readonly containerName: string };
  /** Event subscriptions keyed by name (3-64 letters, digits, `-`). */
  readonly subscriptions: Readonly<Record<string, StorageEventSubscriptionOptions>>;
  /** Tags on the topic. @default - none */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * An Event Grid system topic on a storage account, with event subscriptions that deliver to an
 * Azure Function or a Service Bus queue.
 *
 * A system topic, not a custom topic: blob events are published by Azure Storage itself, only to
 * a system topic of the account; a custom topic would need code of ours to publish them.
 *
 * The topic has a system-assigned identity. It writes undeliverable events to the dead-letter
 * container (`Storage Blob Data Contributor` on that container only) and delivers to Service Bus
 * queues with it (`Azure Service Bus Data Sender` on the queue). Azure Functions endpoints are
 * called with the function's system key: Event Grid has no managed-identity delivery to them, and
 * no delivery to private endpoints, so a function destination needs a function app Event Grid can
 * reach; a private function app should take its events from a queue instead.
 *
 * @see https://learn.microsoft.com/azure/event-grid/system-topics
 * @see https://learn.microsoft.com/azure/event-grid/security-authentication
 * @see https://learn.microsoft.com/azure/event-grid/manage-event-delivery
 * @see https://registry.terraform.io/providers/hashicorp/azurerm/4.55.0/docs/resources/eventgrid_system_topic_event_subscription
 */
export class StorageEventTopic extends Construct {
  public readonly topic: EventgridSystemTopic;
  /** Event subscriptions keyed by name. */
  public readonly subscriptions: Readonly<Record<string, EventgridSystemTopicEventSubscription>>;
  /** Principal id of the topic's system-assigned identity. */
  public readonly principalId: string;

  constructor(scope: Construct, id: string, props: StorageEventTopicProps) {
    super(scope, id);
    this.validate(props);
    const tags = props.tags ? { ...props.tags } : undefined;

    this.topic = new EventgridSystemTopic(this, 'topic', {
      name: props.name,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      sourceResourceId: props.storageAccountId,
      topicType: 'Microsoft.Storage.StorageAccounts',
      identity: { type: 'SystemAssigned' },
      tags,
    });
    this.principalId = this.topic.identity.principalId;

    const deadLetterGrant = new RoleAssignment(this, 'dead-letter-writer', {
      scope: `${props.deadLetter.storageAccountId}/blobServices/default/containers/${props.deadLetter.containerName}`,
      roleDefinitionName: 'Storage Blob Data Contributor',
      principalId: this.principalId,
      principalType: 'ServicePrincipal',
      description: `Event Grid system topic ${props.name} writes undeliverable events here`,
    });

    const subs: Record<string, EventgridSystemTopicEventSubscription> = {};
    for (const [name, s] of Object.entries(props.subscriptions)) {
      const key = idFromKey(name);
      const dependsOn: RoleAssignment[] = [deadLetterGrant];
      const queueId = 'serviceBusQueueId' in s.destination ? s.destination.serviceBusQueueId : undefined;
      if (queueId !== undefined) {
        dependsOn.push(
          new RoleAssignment(this, `queue-sender-${key}`, {
            scope: queueId,
            roleDefinitionName: SERVICE_BUS_ROLES.sender,
            principalId: this.principalId,
            principalType: 'ServicePrincipal',
            description: `Event Grid system topic ${props.name} delivers subscription ${name} to this queue`,
          }),
        );
      }
      subs[name] = new EventgridSystemTopicEventSubscription(this, `subscription-${key}`, {
        name,
        systemTopic: this.topic.name,
        resourceGroupName: props.resourceGroupName,
        eventDeliverySchema: 'EventGridSchema',
        includedEventTypes: [...(s.includedEventTypes ?? STORAGE_EVENT_DEFAULTS.includedEventTypes)],
        subjectFilter:
          s.subjectBeginsWith !== undefined || s.subjectEndsWith !== undefined
            ? { subjectBeginsWith: s.subjectBeginsWith, subjectEndsWith: s.subjectEndsWith, caseSensitive: true }
            : undefined,
        retryPolicy: {
          maxDeliveryAttempts: s.maxDeliveryAttempts ?? STORAGE_EVENT_DEFAULTS.maxDeliveryAttempts,
          eventTimeToLive: s.eventTimeToLiveMinutes ?? STORAGE_EVENT_DEFAULTS.eventTimeToLiveMinutes,
        },
        azureFunctionEndpoint: 'functionId' in s.destination ? { functionId: s.destination.functionId } : undefined,
        serviceBusQueueEndpointId: queueId,
        // Managed-identity delivery where Event Grid supports it (Service Bus); functions use their system key.
        deliveryIdentity: queueId !== undefined ? { type: 'SystemAssigned' } : undefined,
        deadLetterIdentity: { type: 'SystemAssigned' },
        storageBlobDeadLetterDestination: { storageAccountId: props.deadLetter.storageAccountId, storageBlobContainerName: props.deadLetter.containerName },
        dependsOn,
      });
    }
    this.subscriptions = subs;
  }

  private validate(props: StorageEventTopicProps): void {
    if (known(props.name) && !/^[A-Za-z0-9-]{3,128}$/.test(props.name)) {
      throw new ValidationError(this, 'name', props.name, 'is not a system topic name; use 3-128 letters, digits and "-"');
    }
    if (Object.keys(props.subscriptions).length === 0) {
      throw new ValidationError(this, 'subscriptions', {}, 'is empty; give at least one event subscription (a system topic without one only costs a name)');
    }
    for (const [name, s] of Object.entries(props.subscriptions)) {
      const at = `subscriptions.${name}`;
      if (!/^[A-Za-z0-9-]{3,64}$/.test(name)) throw new ValidationError(this, at, name, 'is not an event subscription name; use 3-64 letters, digits and "-"');
      const dest = s.destination as Record<string, unknown>;
      if (('functionId' in dest) === ('serviceBusQueueId' in dest)) {
        throw new ValidationError(this, `${at}.destination`, Object.keys(dest), 'must name exactly one of functionId, serviceBusQueueId');
      }
      if ('functionId' in s.destination && known(s.destination.functionId) && !/\/providers\/Microsoft\.Web\/sites\/[^/]+\/functions\/[^/]+$/i.test(s.destination.functionId)) {
        throw new ValidationError(this, `${at}.destination.functionId`, s.destination.functionId, 'is not a function id; use "<function app id>/functions/<function name>"');
      }
      for (const field of ['maxDeliveryAttempts', 'eventTimeToLiveMinutes'] as const) {
        const value = s[field];
        const problem = known(value) ? eventRetryProblem(field, value) : undefined;
        if (problem) throw new ValidationError(this, `${at}.${field}`, value, problem);
      }
      (s.includedEventTypes ?? []).forEach((t, i) => {
        if (!(STORAGE_EVENT_TYPES as readonly string[]).includes(t)) {
          throw new ValidationError(this, `${at}.includedEventTypes[${i}]`, t, `is not a Blob Storage event type; use one of ${STORAGE_EVENT_TYPES.join(', ')}`);
        }
      });
      if (s.includedEventTypes !== undefined && s.includedEventTypes.length === 0) {
        throw new ValidationError(this, `${at}.includedEventTypes`, [], 'is empty; list at least one event type, or leave it out for BlobCreated');
      }
    }
  }
}
