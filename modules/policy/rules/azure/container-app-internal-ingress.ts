import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { blocks, get, isRef, mustBeFalse } from '../../private/attrs';

/**
 * Container apps are reachable inside the environment only.
 *
 * External ingress exposes the app to the internet.
 */
export class ContainerAppInternalIngress extends PolicyRule {
  public readonly id = 'AZ-CA-2';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'Container apps are reachable inside the environment only';
  public readonly explanation = 'External ingress exposes the app to the internet.';
  public readonly fix = 'Set ingress { external_enabled = false } or front the app with a WAF.';
  public readonly resourceTypes = ['azurerm_container_app'];

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    if (!isRef(a.ingress) && blocks(a.ingress).length === 0) return 'not-applicable';
    return mustBeFalse(get(a, 'ingress.external_enabled'));
  }
}
