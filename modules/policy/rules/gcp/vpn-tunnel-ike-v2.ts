import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { check, isRef } from '../../private/attrs';

/**
 * VPN tunnels use IKEv2.
 *
 * IKEv1 is older and weaker.
 */
export class VpnTunnelIkeV2 extends PolicyRule {
  public readonly id = 'GCP-NET-5';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'VPN tunnels use IKEv2';
  public readonly explanation = 'IKEv1 is older and weaker.';
  public readonly fix = 'Set ike_version = 2 (the default).';
  public readonly resourceTypes = ['google_compute_vpn_tunnel'];

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    if (a.ike_version === undefined || isRef(a.ike_version)) return 'compliant';
    return check(Number(a.ike_version) === 2);
  }
}
