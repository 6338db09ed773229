import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { all, asList, check, isRef } from '../../private/attrs';

/**
 * Site-to-site VPN tunnels use IKEv2 only.
 *
 * IKEv1 is older and weaker; leaving the versions unset allows both.
 */
export class VpnTunnelsIkeV2 extends PolicyRule {
  public readonly id = 'AWS-VPN-2';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'Site-to-site VPN tunnels use IKEv2 only';
  public readonly explanation = 'IKEv1 is older and weaker; leaving the versions unset allows both.';
  public readonly fix = 'Set tunnel1_ike_versions and tunnel2_ike_versions to ["ikev2"].';
  public readonly resourceTypes = ['aws_vpn_connection'];

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return all(
      [1, 2].map((n) => {
        const v = a[`tunnel${n}_ike_versions`];
        return isRef(v) ? 'compliant' : check(asList(v).length > 0 && asList(v).every((x) => x === 'ikev2'));
      })
    );
  }
}
