import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { check, isRef } from '../../private/attrs';

/**
 * TLS listeners use a TLS 1.2+ security policy.
 *
 * Old policies allow TLS 1.0/1.1 and weak ciphers.
 */
export class ListenerModernTlsPolicy extends PolicyRule {
  public readonly id = 'AWS-ALB-5';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'TLS listeners use a TLS 1.2+ security policy';
  public readonly explanation = 'Old policies allow TLS 1.0/1.1 and weak ciphers.';
  public readonly fix = 'Set ssl_policy to ELBSecurityPolicy-TLS13-1-2-2021-06 (or another TLS13/FS-1-2 policy).';
  public readonly resourceTypes = ['aws_lb_listener', 'aws_alb_listener'];
  public readonly checkov = 'CKV_AWS_103';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    if (!['HTTPS', 'TLS'].includes(String(a.protocol))) return 'not-applicable';
    const policy = a.ssl_policy;
    if (policy === undefined) return 'non-compliant';
    return check(isRef(policy) || /TLS13|TLS-1-2|FS-1-2/.test(String(policy)));
  }
}
