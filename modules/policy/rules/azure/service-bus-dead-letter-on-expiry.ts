import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { mustBeTrue } from '../../private/attrs';

/**
 * Service Bus queues and subscriptions dead-letter expired messages.
 *
 * Without it a message whose time to live runs out is dropped without a trace.
 */
export class ServiceBusDeadLetterOnExpiry extends PolicyRule {
  public readonly id = 'AZ-SB-4';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'Service Bus queues and subscriptions dead-letter expired messages';
  public readonly explanation = 'Without it a message whose time to live runs out is dropped without a trace.';
  public readonly fix = 'Set dead_lettering_on_message_expiration = true.';
  public readonly resourceTypes = ['azurerm_servicebus_queue', 'azurerm_servicebus_subscription'];

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return mustBeTrue(a.dead_lettering_on_message_expiration, false);
  }
}
