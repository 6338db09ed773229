import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { asList, check, isRef } from '../../private/attrs';

/**
 * Site-to-site VPN tunnels allow only AES-256/SHA-2 and DH group 14 or higher.
 *
 * Unset algorithm lists allow AES-128, SHA-1 and DH group 2.
 */
export class VpnTunnelsStrongCrypto extends PolicyRule {
  public readonly id = 'AWS-VPN-3';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'Site-to-site VPN tunnels allow only AES-256/SHA-2 and DH group 14 or higher';
  public readonly explanation = 'Unset algorithm lists allow AES-128, SHA-1 and DH group 2.';
  public readonly fix =
    'Set tunnel{1,2}_phase{1,2}_encryption_algorithms, _integrity_algorithms and _dh_group_numbers.';
  public readonly resourceTypes = ['aws_vpn_connection'];

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    const strong = (v: unknown, ok: (x: unknown) => boolean): boolean =>
      isRef(v) || (asList(v).length > 0 && asList(v).every(ok));
    return check(
      [1, 2].every((n) =>
        [1, 2].every(
          (p) =>
            strong(a[`tunnel${n}_phase${p}_encryption_algorithms`], (x) => String(x).startsWith('AES256')) &&
            strong(a[`tunnel${n}_phase${p}_integrity_algorithms`], (x) => String(x) !== 'SHA1') &&
            strong(a[`tunnel${n}_phase${p}_dh_group_numbers`], (x) => Number(x) >= 14)
        )
      )
    );
  }
}
