import type { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import { Construct } from 'constructs';
import { ValidationError } from '../core/validation-error';
import { validatedManifest } from './private/manifest';

/** Defaults of the default NodePool. */
export const KARPENTER_NODE_POOL_DEFAULTS = {
  name: 'default',
  /** Amazon Linux 2023, the newest AMI Karpenter knows (pin `al2023@v<date>` to hold it). */
  amiAlias: 'al2023@latest',
  architectures: ['arm64', 'amd64'],
  capacityTypes: ['on-demand'],
  /** Nodes are replaced after 30 days, so they pick up new AMIs. */
  expireAfter: '720h',
  cpuLimit: '100',
  memoryLimit: '400Gi',
  rootVolumeGb: 50,
} as const;

/** Props of {@link KarpenterNodePool}. */
export interface KarpenterNodePoolProps {
  readonly clusterName: string;
  /** IAM role of the nodes (Karpenter creates their instance profile). */
  readonly nodeRoleName: string;
  /** @default 'default' */
  readonly name?: string;
  /** @default 'al2023@latest' */
  readonly amiAlias?: string;
  /** @default ['on-demand'] */
  readonly capacityTypes?: readonly ('on-demand' | 'spot')[];
  /** Total CPU the pool may run. @default '100' */
  readonly cpuLimit?: string;
  /** Total memory the pool may run. @default '400Gi' */
  readonly memoryLimit?: string;
}

/**
 * Karpenter's default NodePool and EC2NodeClass: nodes in the subnets and security group tagged
 * `karpenter.sh/discovery: <cluster>`, IMDSv2 only with a hop limit of 1 (pods cannot reach the
 * node's credentials), encrypted gp3 root volumes, consolidation when empty or underutilised.
 *
 * Custom resources: plan the stack holding this after Karpenter's chart installed its CRDs.
 *
 * @see https://karpenter.sh/docs/concepts/nodepools/
 * @see https://karpenter.sh/docs/concepts/nodeclasses/
 */
export class KarpenterNodePool extends Construct {
  public readonly nodePool: Manifest;
  public readonly nodeClass: Manifest;

  constructor(scope: Construct, id: string, props: KarpenterNodePoolProps) {
    super(scope, id);
    const d = KARPENTER_NODE_POOL_DEFAULTS;
    const name = props.name ?? d.name;
    const alias = props.amiAlias ?? d.amiAlias;
    if (!/^(al2023|bottlerocket)@(latest|v[0-9.]+)$/.test(alias)) {
      throw new ValidationError(this, 'amiAlias', alias, 'is not a Karpenter AMI alias; use "al2023@latest", "al2023@v20250101" or "bottlerocket@..."');
    }
    const discovery = { 'karpenter.sh/discovery': props.clusterName };
    this.nodeClass = validatedManifest(this, {
      apiVersion: 'karpenter.k8s.aws/v1',
      kind: 'EC2NodeClass',
      metadata: { name },
      spec: {
        role: props.nodeRoleName,
        amiSelectorTerms: [{ alias }],
        subnetSelectorTerms: [{ tags: discovery }],
        securityGroupSelectorTerms: [{ tags: discovery }],
        metadataOptions: { httpEndpoint: 'enabled', httpTokens: 'required', httpPutResponseHopLimit: 1, httpProtocolIPv6: 'disabled' },
        blockDeviceMappings: [{ deviceName: '/dev/xvda', ebs: { volumeSize: `${d.rootVolumeGb}Gi`, volumeType: 'gp3', encrypted: true, deleteOnTermination: true } }],
      },
    });
    this.nodePool = validatedManifest(
      this,
      {
        apiVersion: 'karpenter.sh/v1',
        kind: 'NodePool',
        metadata: { name },
        spec: {
          template: {
            spec: {
              nodeClassRef: { group: 'karpenter.k8s.aws', kind: 'EC2NodeClass', name },
              requirements: [
                { key: 'kubernetes.io/arch', operator: 'In', values: [...d.architectures] },
                { key: 'karpenter.sh/capacity-type', operator: 'In', values: [...(props.capacityTypes ?? d.capacityTypes)] },
                { key: 'karpenter.k8s.aws/instance-category', operator: 'In', values: ['c', 'm', 'r'] },
              ],
              expireAfter: d.expireAfter,
            },
          },
          limits: { cpu: props.cpuLimit ?? d.cpuLimit, memory: props.memoryLimit ?? d.memoryLimit },
          disruption: { consolidationPolicy: 'WhenEmptyOrUnderutilized', consolidateAfter: '1m' },
        },
      },
      { dependsOn: [this.nodeClass] },
    );
  }
}
