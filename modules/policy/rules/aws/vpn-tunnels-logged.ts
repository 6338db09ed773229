import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { all, get, mustBeTrue } from '../../private/attrs';

/**
 * Site-to-site VPN tunnels log to CloudWatch.
 *
 * Tunnel logs are the only way to see why a tunnel went down (IKE negotiation, DPD).
 */
export class VpnTunnelsLogged extends PolicyRule {
  public readonly id = 'AWS-VPN-1';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'Site-to-site VPN tunnels log to CloudWatch';
  public readonly explanation = 'Tunnel logs are the only way to see why a tunnel went down (IKE negotiation, DPD).';
  public readonly fix =
    'Set tunnel1_log_options and tunnel2_log_options { cloudwatch_log_options { log_enabled = true } }.';
  public readonly resourceTypes = ['aws_vpn_connection'];

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return all([1, 2].map((n) => mustBeTrue(get(a, `tunnel${n}_log_options.cloudwatch_log_options.log_enabled`))));
  }
}
