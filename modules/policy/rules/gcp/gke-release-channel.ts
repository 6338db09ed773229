import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { get, mustBeOneOf } from '../../private/attrs';

/**
 * GKE clusters follow a release channel.
 *
 * Release channels keep the control plane and nodes patched.
 */
export class GkeReleaseChannel extends PolicyRule {
  public readonly id = 'GCP-GKE-8';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'GKE clusters follow a release channel';
  public readonly explanation = 'Release channels keep the control plane and nodes patched.';
  public readonly fix = 'Set release_channel { channel = "REGULAR" } (or STABLE).';
  public readonly resourceTypes = ['google_container_cluster'];

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return mustBeOneOf(get(a, 'release_channel.channel'), ['RAPID', 'REGULAR', 'STABLE', 'EXTENDED']);
  }
}
