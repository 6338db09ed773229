import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { mustBeFalse } from '../../private/attrs';

/**
 * Service Bus namespaces disable local (SAS key) authentication.
 *
 * Shared access keys give broad access and cannot be tied to a person or workload; Entra ID can.
 */
export class ServiceBusLocalAuthDisabled extends PolicyRule {
  public readonly id = 'AZ-SB-1';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'Service Bus namespaces disable local (SAS key) authentication';
  public readonly explanation =
    'Shared access keys give broad access and cannot be tied to a person or workload; Entra ID can.';
  public readonly fix = 'Set local_auth_enabled = false and grant Azure Service Bus Data Sender/Receiver roles.';
  public readonly resourceTypes = ['azurerm_servicebus_namespace'];

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return mustBeFalse(a.local_auth_enabled, false);
  }
}
