import { createHash } from 'node:crypto';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { TerraformOutput, Token } from 'cdktf';
import type { Construct } from 'constructs';
import { LogAnalyticsWorkspace } from '../../modules/azure/log-analytics-workspace';
import { SERVICE_BUS_DEFAULTS, ServiceBusNamespace } from '../../modules/azure/service-bus-namespace';
import { StorageAccount } from '../../modules/azure/storage-account';
import { StorageEventTopic, type StorageEventDestination } from '../../modules/azure/storage-event-topic';
import { ValidationError } from '../../modules/core/validation-error';
import { resolveAppIdentities } from '../azure-data/app-identities';
import type { AzureContainersOutputs, AzureFunctionsOutputs, AzureNetworkOutputs, AzureEventsOutputs, AzureDataOutputs } from '../contracts';
import { EnvironmentStack, type EnvironmentStackProps } from '../environment-stack';
import { azurermProvider } from '../private/azurerm-provider';
import { linkedPrivateDnsZone } from '../private/private-dns-zone';
import { azureTags } from '../private/providers';
import type { AzureEventsConfig } from './config';


/** Props of {@link AzureEventsStack}. */
export interface AzureEventsStackProps extends EnvironmentStackProps {
  /** The `azure.events` section. */
  readonly config: AzureEventsConfig;
  /** Outputs of `<env>-azure-network`: the `app` subnet (private endpoints) and the VNet. */
  readonly network: AzureNetworkOutputs;
  /** Outputs of `<env>-azure-functions`, when a grant or an Event Grid destination names a function app. @default - none */
  readonly functions?: AzureFunctionsOutputs;
  /** Outputs of `<env>-azure-containers`, when a grant names a container app. @default - none */
  readonly containers?: AzureContainersOutputs;
  /** Outputs of `<env>-azure-data`, when `eventGrid` is set (its storage account is the event source). @default - none */
  readonly data?: AzureDataOutputs;
}

/** Default global names: the namespace and the dead-letter account (hash of subscription and environment). */
export function defaultAzureEventsNames(env: { readonly name: string; readonly azure: { readonly subscriptionId: string } }): { namespaceName: string; deadLetterAccountName: string } {
  const hash = createHash('sha256').update(`${env.azure.subscriptionId}/${env.name}/events`).digest('hex');
  return { namespaceName: `sb-${env.name}-${hash.slice(0, 6)}`, deadLetterAccountName: `st${env.name.replace(/[^a-z0-9]/g, '')}${hash.slice(0, 8)}` };
}

/** Container of the dead-letter account that undeliverable events go to. */
export const DEAD_LETTER_CONTAINER = 'eventgrid-deadletter';

/**
 * `<env>-azure-events`: the environment's Service Bus namespace (queues, topics, subscriptions,
 * data roles of the apps' identities) and Event Grid on the `azure.data` storage account (a
 * system topic, event subscriptions to functions or queues, a dead-letter account).
 *
 * Premium namespaces are private: their endpoint is in the `app` subnet, registered in
 * `privatelink.servicebus.windows.net`. Standard namespaces cannot be private (no private
 * endpoints on Standard): they stay public, still Entra ID only.
 *
 * The dead-letter account keeps its public endpoint behind a deny-all firewall that lets trusted
 * Azure services through (Event Grid writes dead letters with its managed identity, which a fully
 * disabled public endpoint would refuse), with a blob private endpoint for readers in the VNet.
 */
export class AzureEventsStack extends EnvironmentStack {
  public readonly outputs: AzureEventsOutputs;
  public readonly namespace?: ServiceBusNamespace;
  public readonly eventTopic?: StorageEventTopic;

  constructor(scope: Construct, name: string, props: AzureEventsStackProps) {
    super(scope, name, props);
    const { environment: env, config, network } = props;
    const sb = config.serviceBus;
    const premium = sb?.sku === 'Premium';
    const privateNamespace = premium && (sb?.privateEndpoint ?? true);
    if ((privateNamespace || config.eventGrid) && network.subnetIds.app === undefined && !Token.isUnresolved(network.subnetIds)) {
      throw new ValidationError(this, 'network.subnetIds', Object.keys(network.subnetIds), 'has no "app" subnet; the private endpoints of the namespace and the dead-letter account go in the app subnet');
    }

    azurermProvider(this, env, 'azurerm', { storageUseAzuread: true });
    const tags = azureTags(env);
    const location = network.location;
    const rg = new ResourceGroup(this, 'resource-group', { name: config.resourceGroupName ?? `rg-${env.name}-events`, location, tags });
    const names = defaultAzureEventsNames(env);
    const sources = { functions: props.functions, containers: props.containers };

    if (sb) {
      // Logs go to the apps' workspace when there is one; else the stack keeps its own.
      const workspaceId =
        props.functions?.logAnalyticsWorkspaceId ??
        props.containers?.logAnalyticsWorkspaceId ??
        new LogAnalyticsWorkspace(this, 'logs', { name: `log-${env.name}-events`, resourceGroupName: rg.name, location, tags }).workspaceId;
      const zone = privateNamespace
        ? linkedPrivateDnsZone(this, 'servicebus-private-dns', {
            name: SERVICE_BUS_DEFAULTS.privateDnsZoneName,
            resourceGroupName: rg.name,
            vnetId: network.vnetId,
            linkName: `link-vnet-${env.name}`,
            tags,
          })
        : undefined;
      const grants = (prop: string, refs: readonly string[]) => resolveAppIdentities(this, `config.serviceBus.${prop}`, refs, sources);
      this.namespace = new ServiceBusNamespace(this, 'service-bus', {
        name: sb.name ?? names.namespaceName,
        resourceGroupName: rg.name,
        location,
        sku: sb.sku,
        capacity: sb.capacity,
        premiumMessagingPartitions: sb.premiumMessagingPartitions,
        public: premium ? !privateNamespace : undefined,
        privateEndpointSubnetId: privateNamespace ? network.subnetIds.app : undefined,
        privateDnsZoneId: zone?.id,
        customerManagedKey: sb.customerManagedKey,
        logAnalyticsWorkspaceId: workspaceId,
        queues: Object.fromEntries(
          Object.entries(sb.queues).map(([q, o]) => [
            q,
            { ...o, senders: grants(`queues.${q}.senders`, o.senders), receivers: grants(`queues.${q}.receivers`, o.receivers) },
          ]),
        ),
        topics: Object.fromEntries(
          Object.entries(sb.topics).map(([t, o]) => [
            t,
            {
              ...o,
              senders: grants(`topics.${t}.senders`, o.senders),
              subscriptions: Object.fromEntries(
                Object.entries(o.subscriptions).map(([s, so]) => [s, { ...so, receivers: grants(`topics.${t}.subscriptions.${s}.receivers`, so.receivers) }]),
              ),
            },
          ]),
        ),
        tags,
      });
    }

    if (config.eventGrid) {
      const eg = config.eventGrid;
      const data = props.data;
      if (data?.storageAccountId === undefined) {
        throw new ValidationError(this, 'data.storageAccountId', undefined, 'is missing: Event Grid publishes the blob events of the azure.data storage account; enable azure.data.storage');
      }
      const deadLetter = new StorageAccount(this, 'dead-letter', {
        name: names.deadLetterAccountName,
        resourceGroupName: rg.name,
        location,
        replication: eg.deadLetterReplication,
        allowTrustedAzureServices: true,
        privateEndpointSubnetId: network.subnetIds.app,
        // One privatelink.blob zone per VNet: the data stack's.
        privateDnsZoneId: data.blobPrivateDnsZoneId,
        containers: [DEAD_LETTER_CONTAINER],
        lifecycleRules: [{ name: 'expire-dead-letters', prefixes: [`${DEAD_LETTER_CONTAINER}/`], deleteAfterDays: eg.deadLetterRetentionDays }],
        tags,
      });
      const destinations: Record<string, StorageEventDestination> = {};
      for (const [subName, s] of Object.entries(eg.subscriptions)) {
        if (s.queue !== undefined) {
          const queueId = this.namespace?.queueIds[s.queue];
          if (queueId === undefined) throw new ValidationError(this, `config.eventGrid.subscriptions.${subName}.queue`, s.queue, `is not a queue of serviceBus.queues; use one of ${Object.keys(this.namespace?.queueIds ?? {}).join(', ') || '(none)'}`);
          destinations[subName] = { serviceBusQueueId: queueId };
        } else if (s.function !== undefined) {
          const appId = props.functions?.appIds[s.function.app];
          if (appId === undefined && !Token.isUnresolved(props.functions?.appIds ?? {})) {
            throw new ValidationError(this, `config.eventGrid.subscriptions.${subName}.function.app`, s.function.app, `is not a function app of azure.functions; use one of ${Object.keys(props.functions?.appIds ?? {}).join(', ') || '(none)'}`);
          }
          destinations[subName] = { functionId: `${appId}/functions/${s.function.name}` };
        }
      }
      this.eventTopic = new StorageEventTopic(this, 'blob-events', {
        name: `egst-${env.name}-data`,
        // A system topic sits beside its source (the data stack's resource group).
        resourceGroupName: data.resourceGroupName,
        location: data.location,
        storageAccountId: data.storageAccountId,
        deadLetter: { storageAccountId: deadLetter.accountId, containerName: DEAD_LETTER_CONTAINER },
        subscriptions: Object.fromEntries(
          Object.entries(eg.subscriptions).map(([subName, s]) => [
            subName,
            {
              destination: destinations[subName]!,
              includedEventTypes: s.includedEventTypes,
              subjectBeginsWith: s.subjectBeginsWith,
              subjectEndsWith: s.subjectEndsWith,
              maxDeliveryAttempts: s.maxDeliveryAttempts,
              eventTimeToLiveMinutes: s.eventTimeToLiveMinutes,
            },
          ]),
        ),
        tags,
      });
    }

    this.outputs = {
      resourceGroupName: rg.name,
      serviceBusNamespaceId: this.namespace?.resource.id,
      serviceBusHostname: this.namespace ? `${this.namespace.resource.name}.servicebus.windows.net` : undefined,
      queueIds: { ...(this.namespace?.queueIds ?? {}) },
      topicIds: { ...(this.namespace?.topicIds ?? {}) },
    };
    new TerraformOutput(this, 'resource_group_name', { value: rg.name });
    if (this.namespace) {
      new TerraformOutput(this, 'service_bus_hostname', {
        value: this.outputs.serviceBusHostname,
        description: 'Fully qualified namespace for the apps (Entra ID auth; private inside the VNet on Premium)',
      });
      new TerraformOutput(this, 'queue_ids', { value: this.outputs.queueIds, description: 'Queue resource ids by name' });
    }
  }
}
