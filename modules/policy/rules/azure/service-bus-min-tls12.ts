import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { mustBeOneOf } from '../../private/attrs';

/**
 * Service Bus namespaces require TLS 1.2 or later.
 *
 * TLS 1.0 and 1.1 have known weaknesses.
 */
export class ServiceBusMinTls12 extends PolicyRule {
  public readonly id = 'AZ-SB-2';
  public readonly level: PolicyLevel = 'error';
  public readonly summary = 'Service Bus namespaces require TLS 1.2 or later';
  public readonly explanation = 'TLS 1.0 and 1.1 have known weaknesses.';
  public readonly fix = 'Set minimum_tls_version = "1.2" (the default).';
  public readonly resourceTypes = ['azurerm_servicebus_namespace'];

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return mustBeOneOf(a.minimum_tls_version, ['1.2', '1.3'], true);
  }
}
