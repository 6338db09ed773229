import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { asList, block, check, isRef } from '../../private/attrs';

/**
 * EKS clusters encrypt Kubernetes secrets with KMS.
 *
 * Envelope encryption protects secrets in etcd and its backups.
 */
export class EksSecretsEncrypted extends PolicyRule {
  public readonly id = 'AWS-EKS-2';
  public readonly level: PolicyLevel = 'error';
  public readonly summary = 'EKS clusters encrypt Kubernetes secrets with KMS';
  public readonly explanation = 'Envelope encryption protects secrets in etcd and its backups.';
  public readonly fix = 'Set encryption_config { resources = ["secrets"], provider { key_arn } }.';
  public readonly resourceTypes = ['aws_eks_cluster'];
  public readonly checkov = 'CKV_AWS_58';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    const cfg = block(a.encryption_config);
    if (isRef(a.encryption_config)) return 'compliant';
    return check(cfg !== undefined && (isRef(cfg.resources) || asList(cfg.resources).includes('secrets')));
  }
}
