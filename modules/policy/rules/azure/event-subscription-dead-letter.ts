import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { get, mustBeSet } from '../../private/attrs';

/**
 * Event Grid event subscriptions have a dead-letter destination.
 *
 * Without one an event that cannot be delivered within the retry policy is dropped.
 */
export class EventSubscriptionDeadLetter extends PolicyRule {
  public readonly id = 'AZ-EG-1';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'Event Grid event subscriptions have a dead-letter destination';
  public readonly explanation = 'Without one an event that cannot be delivered within the retry policy is dropped.';
  public readonly fix =
    'Set storage_blob_dead_letter_destination (and dead_letter_identity to write with a managed identity).';
  public readonly resourceTypes = [
    'azurerm_eventgrid_event_subscription',
    'azurerm_eventgrid_system_topic_event_subscription',
  ];

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return mustBeSet(get(a, 'storage_blob_dead_letter_destination.storage_account_id'));
  }
}
