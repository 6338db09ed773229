import { MonitorDiagnosticSetting } from '@cdktf/provider-azurerm/lib/monitor-diagnostic-setting';
import { PrivateEndpoint } from '@cdktf/provider-azurerm/lib/private-endpoint';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { ServicebusNamespace } from '@cdktf/provider-azurerm/lib/servicebus-namespace';
import { ServicebusQueue } from '@cdktf/provider-azurerm/lib/servicebus-queue';
import { ServicebusSubscription } from '@cdktf/provider-azurerm/lib/servicebus-subscription';
import { ServicebusTopic } from '@cdktf/provider-azurerm/lib/servicebus-topic';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { Construct } from 'constructs';
import { ValidationError } from '../core/validation-error';
import { idFromKey, known } from './private/compute-rules';
import { newPrivateEndpoint } from './private/private-endpoint';

/** Service Bus tiers offered: Basic has no topics and no RBAC-scoped entities worth having. */
export const SERVICE_BUS_SKUS = ['Standard', 'Premium'] as const;
/** A Service Bus tier. */
export type ServiceBusSku = (typeof SERVICE_BUS_SKUS)[number];

/** What {@link ServiceBusNamespace} and its entities do when a prop is left out. */
export const SERVICE_BUS_DEFAULTS = {
  sku: 'Premium' as ServiceBusSku,
  /** Messaging units (Premium). */
  capacity: 1,
  /** Partitions (Premium). */
  premiumMessagingPartitions: 1,
  /** Deliveries before a message is dead-lettered (the Azure default). */
  maxDeliveryCount: 10,
  /** Peek-lock duration (the Azure default is PT1M). */
  lockDuration: 'PT1M',
  /** Message time to live: two weeks, then dead-lettered. */
  defaultMessageTtl: 'P14D',
  /** Window of duplicate detection when it is on. */
  duplicateDetectionWindow: 'PT10M',
  /** The private DNS zone a namespace's private endpoint registers in. */
  privateDnsZoneName: 'privatelink.servicebus.windows.net',
} as const;

/**
 * Limits of namespaces and entities.
 *
 * @see https://registry.terraform.io/providers/hashicorp/azurerm/4.55.0/docs/resources/servicebus_namespace#capacity
 * @see https://registry.terraform.io/providers/hashicorp/azurerm/4.55.0/docs/resources/servicebus_queue#max_delivery_count
 * @see https://learn.microsoft.com/azure/service-bus-messaging/message-transfers-locks-settlement#peeklock
 * @see https://learn.microsoft.com/azure/service-bus-messaging/duplicate-detection
 */
export const SERVICE_BUS_LIMITS = {
  premiumCapacities: [1, 2, 4, 8, 16],
  premiumPartitions: [1, 2, 4],
  maxDeliveryCount: { min: 1, max: 2000 },
  /** Lock duration, seconds: 5 s to 5 minutes. */
  lockDurationSeconds: { min: 5, max: 300 },
  /** Duplicate detection window, seconds: 20 s to 7 days. */
  duplicateDetectionSeconds: { min: 20, max: 7 * 86400 },
  /** Time to live, seconds: at least 1 s. */
  minMessageTtlSeconds: 1,
} as const;

/**
 * Seconds of an ISO 8601 duration of days and time (`P14D`, `PT5M`, `P1DT2H30M`, `PT0.5S`), or
 * `undefined` when the text is not one (years, months and weeks are refused: their length varies).
 */
export function iso8601DurationSeconds(text: string): number | undefined {
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(text);
  if (!m || text === 'P' || text.endsWith('T')) return undefined;
  const [, d, h, min, s] = m;
  return Number(d ?? 0) * 86400 + Number(h ?? 0) * 3600 + Number(min ?? 0) * 60 + Number(s ?? 0);
}

/** Why a lock duration is refused: an ISO 8601 duration from PT5S to PT5M. */
export function serviceBusLockDurationProblem(text: string): string | undefined {
  const seconds = iso8601DurationSeconds(text);
  const { min, max } = SERVICE_BUS_LIMITS.lockDurationSeconds;
  if (seconds === undefined) return 'is not an ISO 8601 duration; use e.g. "PT30S" or "PT1M" (PT5S to PT5M)';
  return seconds < min || seconds > max ? `is not allowed; use PT${min}S to PT5M (${min} to ${max} seconds)` : undefined;
}

/** Why a duplicate detection window is refused: an ISO 8601 duration from PT20S to P7D. */
export function serviceBusDuplicateWindowProblem(text: string): string | undefined {
  const seconds = iso8601DurationSeconds(text);
  const { min, max } = SERVICE_BUS_LIMITS.duplicateDetectionSeconds;
  if (seconds === undefined) return 'is not an ISO 8601 duration; use e.g. "PT10M" (PT20S to P7D)';
  return seconds < min || seconds > max ? 'is not allowed; use PT20S to P7D' : undefined;
}

/** Why a message time to live is refused: an ISO 8601 duration of at least one second. */
export function serviceBusMessageTtlProblem(text: string): string | undefined {
  const seconds = iso8601DurationSeconds(text);
  if (seconds === undefined) return 'is not an ISO 8601 duration; use e.g. "P14D" or "PT1H"';
  return seconds < SERVICE_BUS_LIMITS.minMessageTtlSeconds ? 'is not allowed; use at least PT1S' : undefined;
}

/** Why a max delivery count is refused: a whole number from 1 to 2000. */
export function serviceBusMaxDeliveryCountProblem(count: number): string | undefined {
  const { min, max } = SERVICE_BUS_LIMITS.maxDeliveryCount;
  return Number.isInteger(count) && count >= min && count <= max ? undefined : `is not allowed; use a whole number from ${min} to ${max}`;
}

/**
 * Why a namespace name is refused: 6-50 letters, digits and `-`, starting with a letter, ending
 * with a letter or digit, not ending with `-sb` or `-mgmt` (global: `<name>.servicebus.windows.net`).
 *
 * @see https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules#microsoftservicebus
 */
export function serviceBusNamespaceNameProblem(name: string): string | undefined {
  if (!/^[A-Za-z][A-Za-z0-9-]{4,48}[A-Za-z0-9]$/.test(name)) {
    return `is not a Service Bus namespace name; use 6-50 letters, digits and "-", starting with a letter, ending with a letter or digit (this one has ${name.length} characters)`;
  }
  return /-(sb|mgmt)$/i.test(name) ? 'ends with "-sb" or "-mgmt", which Azure reserves; pick another ending' : undefined;
}

/** Why an entity (queue, topic, subscription) name is refused: 1-50 letters, digits, `.`, `-`, `_`. */
export function serviceBusEntityNameProblem(name: string): string | undefined {
  return /^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,48}[A-Za-z0-9])?$/.test(name)
    ? undefined
    : 'is not an entity name; use 1-50 letters, digits, ".", "-" and "_", starting and ending with a letter or digit';
}

/**
 * Why a tier's capacity and partitions are refused. Premium: 1, 2, 4, 8 or 16 messaging units and
 * 1, 2 or 4 partitions, the units a multiple of the partitions. Standard: neither (shared capacity).
 */
export function serviceBusCapacityProblem(sku: ServiceBusSku, capacity?: number, partitions?: number): [field: string, message: string] | undefined {
  const L = SERVICE_BUS_LIMITS;
  if (sku === 'Standard') {
    if (capacity !== undefined) return ['capacity', 'applies to sku Premium only (Standard has shared capacity); leave it out'];
    if (partitions !== undefined) return ['premiumMessagingPartitions', 'applies to sku Premium only; leave it out'];
    return undefined;
  }
  const c = capacity ?? SERVICE_BUS_DEFAULTS.capacity;
  const p = partitions ?? SERVICE_BUS_DEFAULTS.premiumMessagingPartitions;
  if (!(L.premiumCapacities as readonly number[]).includes(c)) return ['capacity', `is not a Premium capacity; use one of ${L.premiumCapacities.join(', ')} messaging units`];
  if (!(L.premiumPartitions as readonly number[]).includes(p)) return ['premiumMessagingPartitions', `is not allowed; use one of ${L.premiumPartitions.join(', ')}`];
  if (c % p !== 0) return ['capacity', `(${c}) is not a multiple of premiumMessagingPartitions (${p}); each partition gets the same number of messaging units`];
  return undefined;
}

/** Settings shared by queues and subscriptions (the entities messages are received from). */
export interface ServiceBusReceiveOptions {
  /** Peek-lock duration, ISO 8601, PT5S to PT5M. @default 'PT1M' */
  readonly lockDuration?: string;
  /** Deliveries before the message is dead-lettered, 1-2000. @default 10 */
  readonly maxDeliveryCount?: number;
  /** Message time to live, ISO 8601; expired messages are dead-lettered. @default 'P14D' */
  readonly defaultMessageTtl?: string;
  /** Principal ids granted `Azure Service Bus Data Receiver` on this entity, keyed by a stable name. @default {} */
  readonly receivers?: Readonly<Record<string, string>>;
}

/** Duplicate detection of a queue or topic. */
export interface ServiceBusSendOptions {
  /** Turn duplicate detection on with this window (ISO 8601, PT20S to P7D); set at creation only. @default - off */
  readonly duplicateDetectionWindow?: string;
  /** Principal ids granted `Azure Service Bus Data Sender` on this entity, keyed by a stable name. @default {} */
  readonly senders?: Readonly<Record<string, string>>;
}

/** A queue of {@link ServiceBusNamespace}. */
export interface ServiceBusQueueOptions extends ServiceBusReceiveOptions, ServiceBusSendOptions {}

/** A topic of {@link ServiceBusNamespace}. */
export interface ServiceBusTopicOptions extends ServiceBusSendOptions {
  /** Message time to live of the topic, ISO 8601. @default 'P14D' */
  readonly defaultMessageTtl?: string;
  /** Subscriptions keyed by name. @default {} */
  readonly subscriptions?: Readonly<Record<string, ServiceBusReceiveOptions>>;
}

/** The customer-managed key of a Premium namespace. */
export interface ServiceBusCustomerManagedKey {
  /** ARM id of the Key Vault holding the key (scope of the key grant; purge protection required by Azure). */
  readonly keyVaultId: string;
  /** Versionless id of the key, `https://<vault>.vault.azure.net/keys/<name>`. */
  readonly keyVaultKeyId: string;
}

/** Props of {@link ServiceBusNamespace}. */
export interface ServiceBusNamespaceProps {
  /** Namespace name (global), 6-50 characters. */
  readonly name: string;
  /** Resource group of the namespace. */
  readonly resourceGroupName: string;
  /** Azure location. */
  readonly location: string;
  /**
   * `Premium` (private endpoint, no public access, customer-managed key, dedicated capacity) or
   * `Standard` (cheaper, shared, and always reachable from the internet: no private endpoints;
   * still Entra ID only, TLS 1.2).
   *
   * @default 'Premium'
   */
  readonly sku?: ServiceBusSku;
  /** Messaging units, 1/2/4/8/16 (Premium). @default 1 on Premium */
  readonly capacity?: number;
  /** Partitions, 1/2/4 (Premium; set at creation). @default 1 on Premium */
  readonly premiumMessagingPartitions?: number;
  /** Subnet of the namespace's private endpoint (Premium only; required on Premium unless `public`). @default - none */
  readonly privateEndpointSubnetId?: string;
  /** `privatelink.servicebus.windows.net` zone for the endpoint's record. @default - no zone group */
  readonly privateDnsZoneId?: string;
  /** Keep the public endpoint of a Premium namespace on. Standard is always public. @default false on Premium */
  readonly public?: boolean;
  /** Encrypt with a customer-managed key (Premium only), through a user-assigned identity this construct creates. @default - Microsoft-managed key */
  readonly customerManagedKey?: ServiceBusCustomerManagedKey;
  /** Log Analytics workspace the namespace's logs and metrics go to. */
  readonly logAnalyticsWorkspaceId: string;
  /** Queues keyed by name. @default {} */
  readonly queues?: Readonly<Record<string, ServiceBusQueueOptions>>;
  /** Topics keyed by name. @default {} */
  readonly topics?: Readonly<Record<string, ServiceBusTopicOptions>>;
  /** Tags on every taggable resource. @default - none */
  readonly tags?: Readonly<Record<string, string>>;
}

/** Azure built-in data roles. @see https://learn.microsoft.com/azure/service-bus-messaging/service-bus-managed-service-identity#azure-built-in-roles-for-azure-service-bus */
export const SERVICE_BUS_ROLES = {
  sender: 'Azure Service Bus Data Sender',
  receiver: 'Azure Service Bus Data Receiver',
} as const;

/**
 * A Service Bus namespace with its queues, topics and subscriptions.
 *
 * Entra ID only (`local_auth_enabled = false`: no SAS keys), TLS 1.2, logs and metrics to Log
 * Analytics. Premium by default: public network access off, a private endpoint, trusted Azure
 * services (Event Grid delivery with a managed identity) allowed through the firewall, optionally a
 * customer-managed key. Every queue and subscription dead-letters expired messages and messages
 * delivered `maxDeliveryCount` times. Apps get `Data Sender` / `Data Receiver` on the entity they
 * use, never on the namespace.
 *
 * @see https://registry.terraform.io/providers/hashicorp/azurerm/4.55.0/docs/resources/servicebus_namespace
 * @see https://learn.microsoft.com/azure/service-bus-messaging/private-link-service
 * @see https://learn.microsoft.com/azure/service-bus-messaging/configure-customer-managed-key
 */
export class ServiceBusNamespace extends Construct {
  public readonly resource: ServicebusNamespace;
  public readonly privateEndpoint?: PrivateEndpoint;
  /** Queue resource ids keyed by name. */
  public readonly queueIds: Readonly<Record<string, string>>;
  /** Topic resource ids keyed by name. */
  public readonly topicIds: Readonly<Record<string, string>>;
  /** Role assignments keyed by construct id (for tests and dependencies). */
  public readonly roleAssignments: Readonly<Record<string, RoleAssignment>>;

  constructor(scope: Construct, id: string, props: ServiceBusNamespaceProps) {
    super(scope, id);
    const sku = props.sku ?? SERVICE_BUS_DEFAULTS.sku;
    const premium = sku === 'Premium';
    const isPublic = premium ? (props.public ?? false) : true;
    this.validate(props, sku, isPublic);
    const tags = props.tags ? { ...props.tags } : undefined;

    let cmkIdentity: UserAssignedIdentity | undefined;
    let cmkGrant: RoleAssignment | undefined;
    if (props.customerManagedKey) {
      cmkIdentity = new UserAssignedIdentity(this, 'cmk-identity', {
        name: `id-${props.name}-cmk`,
        resourceGroupName: props.resourceGroupName,
        location: props.location,
        tags,
      });
      cmkGrant = new RoleAssignment(this, 'cmk-key-user', {
        scope: props.customerManagedKey.keyVaultId,
        roleDefinitionName: 'Key Vault Crypto Service Encryption User',
        principalId: cmkIdentity.principalId,
        principalType: 'ServicePrincipal',
        description: `Lets Service Bus namespace ${props.name} wrap its data key with the customer-managed key`,
      });
    }

    this.resource = new ServicebusNamespace(this, 'resource', {
      name: props.name,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      sku,
      capacity: premium ? (props.capacity ?? SERVICE_BUS_DEFAULTS.capacity) : undefined,
      premiumMessagingPartitions: premium ? (props.premiumMessagingPartitions ?? SERVICE_BUS_DEFAULTS.premiumMessagingPartitions) : undefined,
      localAuthEnabled: false,
      minimumTlsVersion: '1.2',
      publicNetworkAccessEnabled: isPublic,
      // Premium only (Standard has no network rule set). Trusted services: Event Grid delivers with its identity.
      networkRuleSet: premium ? { defaultAction: 'Deny', publicNetworkAccessEnabled: isPublic, trustedServicesAllowed: true } : undefined,
      identity: cmkIdentity ? { type: 'UserAssigned', identityIds: [cmkIdentity.id] } : undefined,
      customerManagedKey:
        cmkIdentity && props.customerManagedKey
          ? { keyVaultKeyId: props.customerManagedKey.keyVaultKeyId, identityId: cmkIdentity.id, infrastructureEncryptionEnabled: true }
          : undefined,
      dependsOn: cmkGrant ? [cmkGrant] : undefined,
      tags,
    });

    if (props.privateEndpointSubnetId !== undefined) {
      this.privateEndpoint = newPrivateEndpoint(this, 'private-endpoint', {
        name: props.name,
        resourceGroupName: props.resourceGroupName,
        location: props.location,
        subnetId: props.privateEndpointSubnetId,
        targetResourceId: this.resource.id,
        subresourceName: 'namespace',
        dnsZoneGroupName: 'servicebus',
        privateDnsZoneId: props.privateDnsZoneId,
        tags,
      });
    }

    new MonitorDiagnosticSetting(this, 'diagnostics', {
      name: 'to-log-analytics',
      targetResourceId: this.resource.id,
      logAnalyticsWorkspaceId: props.logAnalyticsWorkspaceId,
      enabledLog: [{ categoryGroup: 'allLogs' }],
      enabledMetric: [{ category: 'AllMetrics' }],
    });

    const grants: Record<string, RoleAssignment> = {};
    const grant = (kind: 'sender' | 'receiver', entityId: string, entityKey: string, principals: Readonly<Record<string, string>> | undefined) => {
      for (const [who, principalId] of Object.entries(principals ?? {})) {
        const grantId = `${kind}-${entityKey}-${idFromKey(who)}`;
        grants[grantId] = new RoleAssignment(this, grantId, {
          scope: entityId,
          roleDefinitionName: SERVICE_BUS_ROLES[kind],
          principalId,
          principalType: 'ServicePrincipal',
          description: `${who}: ${SERVICE_BUS_ROLES[kind]} on ${entityKey}`,
        });
      }
    };

    const queueIds: Record<string, string> = {};
    for (const [name, q] of Object.entries(props.queues ?? {})) {
      const queue = new ServicebusQueue(this, `queue-${idFromKey(name)}`, {
        name,
        namespaceId: this.resource.id,
        lockDuration: q.lockDuration ?? SERVICE_BUS_DEFAULTS.lockDuration,
        maxDeliveryCount: q.maxDeliveryCount ?? SERVICE_BUS_DEFAULTS.maxDeliveryCount,
        defaultMessageTtl: q.defaultMessageTtl ?? SERVICE_BUS_DEFAULTS.defaultMessageTtl,
        deadLetteringOnMessageExpiration: true,
        requiresDuplicateDetection: q.duplicateDetectionWindow !== undefined,
        duplicateDetectionHistoryTimeWindow: q.duplicateDetectionWindow,
      });
      queueIds[name] = queue.id;
      grant('sender', queue.id, `queue-${idFromKey(name)}`, q.senders);
      grant('receiver', queue.id, `queue-${idFromKey(name)}`, q.receivers);
    }

    const topicIds: Record<string, string> = {};
    for (const [name, t] of Object.entries(props.topics ?? {})) {
      const topicKey = `topic-${idFromKey(name)}`;
      const topic = new ServicebusTopic(this, topicKey, {
        name,
        namespaceId: this.resource.id,
        defaultMessageTtl: t.defaultMessageTtl ?? SERVICE_BUS_DEFAULTS.defaultMessageTtl,
        requiresDuplicateDetection: t.duplicateDetectionWindow !== undefined,
        duplicateDetectionHistoryTimeWindow: t.duplicateDetectionWindow,
      });
      topicIds[name] = topic.id;
      grant('sender', topic.id, topicKey, t.senders);
      for (const [subName, s] of Object.entries(t.subscriptions ?? {})) {
        const subKey = `${topicKey}-sub-${idFromKey(subName)}`;
        const sub = new ServicebusSubscription(this, subKey, {
          name: subName,
          topicId: topic.id,
          lockDuration: s.lockDuration ?? SERVICE_BUS_DEFAULTS.lockDuration,
          maxDeliveryCount: s.maxDeliveryCount ?? SERVICE_BUS_DEFAULTS.maxDeliveryCount,
          defaultMessageTtl: s.defaultMessageTtl ?? SERVICE_BUS_DEFAULTS.defaultMessageTtl,
          deadLetteringOnMessageExpiration: true,
          deadLetteringOnFilterEvaluationError: true,
        });
        grant('receiver', sub.id, subKey, s.receivers);
      }
    }
    this.queueIds = queueIds;
    this.topicIds = topicIds;
    this.roleAssignments = grants;
  }

  private validate(props: ServiceBusNamespaceProps, sku: ServiceBusSku, isPublic: boolean): void {
    if (known(props.name)) {
      const problem = serviceBusNamespaceNameProblem(props.name);
      if (problem) throw new ValidationError(this, 'name', props.name, problem);
    }
    if (!(SERVICE_BUS_SKUS as readonly string[]).includes(sku)) {
      throw new ValidationError(this, 'sku', sku, `is not offered; use one of ${SERVICE_BUS_SKUS.join(', ')}`);
    }
    const capacity = serviceBusCapacityProblem(sku, props.capacity, props.premiumMessagingPartitions);
    if (capacity) throw new ValidationError(this, capacity[0], capacity[0] === 'capacity' ? props.capacity : props.premiumMessagingPartitions, capacity[1]);
    if (sku === 'Standard') {
      if (props.privateEndpointSubnetId !== undefined) {
        throw new ValidationError(this, 'privateEndpointSubnetId', props.privateEndpointSubnetId, 'needs sku Premium: a Standard namespace cannot have a private endpoint (it is always public); use sku Premium');
      }
      if (props.public === false) throw new ValidationError(this, 'public', false, 'is not possible with sku Standard: only Premium turns public network access off; use sku Premium');
      if (props.customerManagedKey) throw new ValidationError(this, 'customerManagedKey', props.customerManagedKey.keyVaultKeyId, 'needs sku Premium (customer-managed keys are Premium only); use sku Premium');
    } else if (!isPublic && props.privateEndpointSubnetId === undefined) {
      throw new ValidationError(this, 'privateEndpointSubnetId', undefined, 'is required: a Premium namespace without public access is reached through its private endpoint (or set public: true)');
    }
    const checkReceive = (at: string, o: ServiceBusReceiveOptions) => {
      if (known(o.lockDuration)) {
        const p = serviceBusLockDurationProblem(o.lockDuration);
        if (p) throw new ValidationError(this, `${at}.lockDuration`, o.lockDuration, p);
      }
      if (known(o.maxDeliveryCount)) {
        const p = serviceBusMaxDeliveryCountProblem(o.maxDeliveryCount);
        if (p) throw new ValidationError(this, `${at}.maxDeliveryCount`, o.maxDeliveryCount, p);
      }
    };
    const checkCommon = (at: string, o: { defaultMessageTtl?: string; duplicateDetectionWindow?: string }) => {
      if (known(o.defaultMessageTtl)) {
        const p = serviceBusMessageTtlProblem(o.defaultMessageTtl);
        if (p) throw new ValidationError(this, `${at}.defaultMessageTtl`, o.defaultMessageTtl, p);
      }
      if (known(o.duplicateDetectionWindow)) {
        const p = serviceBusDuplicateWindowProblem(o.duplicateDetectionWindow);
        if (p) throw new ValidationError(this, `${at}.duplicateDetectionWindow`, o.duplicateDetectionWindow, p);
      }
    };
    const checkName = (at: string, name: string) => {
      const p = serviceBusEntityNameProblem(name);
      if (p) throw new ValidationError(this, at, name, p);
    };
    for (const [name, q] of Object.entries(props.queues ?? {})) {
      checkName(`queues.${name}`, name);
      if (props.topics?.[name]) throw new ValidationError(this, `topics.${name}`, name, 'is also a queue name; queues and topics share one namespace of names');
      checkReceive(`queues.${name}`, q);
      checkCommon(`queues.${name}`, q);
    }
    for (const [name, t] of Object.entries(props.topics ?? {})) {
      checkName(`topics.${name}`, name);
      checkCommon(`topics.${name}`, t);
      for (const [subName, s] of Object.entries(t.subscriptions ?? {})) {
        checkName(`topics.${name}.subscriptions.${subName}`, subName);
        checkReceive(`topics.${name}.subscriptions.${subName}`, s);
        checkCommon(`topics.${name}.subscriptions.${subName}`, s);
      }
    }
  }
}
