import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { blocks, get, isRef, mustBeFalse } from '../../private/attrs';

/**
 * Container apps refuse plain HTTP.
 *
 * Insecure connections send requests in clear text.
 */
export class ContainerAppHttpsOnly extends PolicyRule {
  public readonly id = 'AZ-CA-1';
  public readonly level: PolicyLevel = 'error';
  public readonly summary = 'Container apps refuse plain HTTP';
  public readonly explanation = 'Insecure connections send requests in clear text.';
  public readonly fix = 'Set ingress { allow_insecure_connections = false } (the default).';
  public readonly resourceTypes = ['azurerm_container_app'];

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    if (!isRef(a.ingress) && blocks(a.ingress).length === 0) return 'not-applicable';
    return mustBeFalse(get(a, 'ingress.allow_insecure_connections'));
  }
}
