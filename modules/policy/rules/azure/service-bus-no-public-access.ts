import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { isRef, mustBeFalse } from '../../private/attrs';

/**
 * Premium Service Bus namespaces disable public network access.
 *
 * A public namespace is reachable from the internet; only Premium can turn that off (Basic and Standard are not judged).
 */
export class ServiceBusNoPublicAccess extends PolicyRule {
  public readonly id = 'AZ-SB-3';
  public readonly level: PolicyLevel = 'error';
  public readonly summary = 'Premium Service Bus namespaces disable public network access';
  public readonly explanation =
    'A public namespace is reachable from the internet; only Premium can turn that off (Basic and Standard are not judged).';
  public readonly fix = 'Set public_network_access_enabled = false and reach the namespace through a private endpoint.';
  public readonly resourceTypes = ['azurerm_servicebus_namespace'];

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    if (isRef(a.sku) || String(a.sku ?? '').toLowerCase() !== 'premium') return 'not-applicable';
    return mustBeFalse(a.public_network_access_enabled, false);
  }
}
