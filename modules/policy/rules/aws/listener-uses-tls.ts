import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { blocks, check, get, isRef, mustBeOneOf } from '../../private/attrs';

/**
 * Load balancer listeners use HTTPS/TLS or redirect to it.
 *
 * Plain HTTP sends requests and cookies in clear text.
 */
export class ListenerUsesTls extends PolicyRule {
  public readonly id = 'AWS-ALB-4';
  public readonly level: PolicyLevel = 'error';
  public readonly summary = 'Load balancer listeners use HTTPS/TLS or redirect to it';
  public readonly explanation = 'Plain HTTP sends requests and cookies in clear text.';
  public readonly fix = 'Use protocol HTTPS (or TLS) with a certificate, or make the HTTP listener redirect to HTTPS.';
  public readonly resourceTypes = ['aws_lb_listener', 'aws_alb_listener'];
  public readonly checkov = 'CKV_AWS_2';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    const protocol = a.protocol;
    if (isRef(protocol) || ['HTTPS', 'TLS'].includes(String(protocol))) return 'compliant';
    if (protocol === 'TCP' || protocol === 'UDP' || protocol === 'TCP_UDP' || protocol === 'GENEVE')
      return 'not-applicable';
    return check(
      blocks(a.default_action).length > 0 &&
        blocks(a.default_action).every(
          (x) => x.type === 'redirect' && mustBeOneOf(get(x, 'redirect.protocol'), ['HTTPS']) === 'compliant'
        )
    );
  }
}
