import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { block, blocks, check, isTrueOrRef } from '../../private/attrs';

/**
 * Launch template volumes are encrypted.
 *
 * Node volumes hold container images, logs and emptyDir data.
 */
export class EbsDefaultEncryption extends PolicyRule {
  public readonly id = 'AWS-EKS-6';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'Launch template volumes are encrypted';
  public readonly explanation = 'Node volumes hold container images, logs and emptyDir data.';
  public readonly fix = 'Set block_device_mappings { ebs { encrypted = true } }.';
  public readonly resourceTypes = ['aws_launch_template'];
  public readonly checkov = 'CKV_AWS_8';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    const disks = blocks(a.block_device_mappings)
      .map((m) => block(m.ebs))
      .filter((e) => e !== undefined);
    if (disks.length === 0) return 'not-applicable';
    return check(disks.every((e) => isTrueOrRef(e?.encrypted)));
  }
}
