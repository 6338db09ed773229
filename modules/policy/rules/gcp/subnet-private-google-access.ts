import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { mustBeTrue } from '../../private/attrs';

/**
 * Subnets have Private Google Access.
 *
 * VMs without external IPs need it to reach Google APIs without NAT.
 */
export class SubnetPrivateGoogleAccess extends PolicyRule {
  public readonly id = 'GCP-NET-3';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'Subnets have Private Google Access';
  public readonly explanation = 'VMs without external IPs need it to reach Google APIs without NAT.';
  public readonly fix = 'Set private_ip_google_access = true.';
  public readonly resourceTypes = ['google_compute_subnetwork'];
  public readonly checkov = 'CKV_GCP_74';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    if (['REGIONAL_MANAGED_PROXY', 'GLOBAL_MANAGED_PROXY', 'INTERNAL_HTTPS_LOAD_BALANCER'].includes(String(a.purpose)))
      return 'not-applicable';
    return mustBeTrue(a.private_ip_google_access);
  }
}
