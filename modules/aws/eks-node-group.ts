import { DataAwsIamPolicyDocument, type DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { EksNodeGroup as EksNodeGroupResource } from '@cdktf/provider-aws/lib/eks-node-group';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template';
import { type ITerraformDependable, Token } from 'cdktf';
import { Construct } from 'constructs';
import { nodeLabelKeyProblem } from '../core/node-labels';
import { ValidationError } from '../core/validation-error';
import { type DatabaseAccess, DatabaseGrant, databaseGrantId } from './database-access';
import { AwsContext } from './private/customer-key';

/** Graviton (arm64) instance families a node group may use. */
export const EKS_ARM64_FAMILIES = ['t4g', 'm6g', 'm6gd', 'm7g', 'm7gd', 'm8g', 'c6g', 'c6gd', 'c6gn', 'c7g', 'c7gd', 'c7gn', 'c8g', 'r6g', 'r6gd', 'r7g', 'r7gd', 'r8g'] as const;
/** x86_64 instance families a node group may use. */
export const EKS_X86_FAMILIES = ['t3', 't3a', 'm5', 'm5a', 'm6i', 'm6a', 'm7i', 'm7a', 'c5', 'c6i', 'c6a', 'c7i', 'c7a', 'r5', 'r6i', 'r6a', 'r7i', 'r7a'] as const;

/** Defaults of {@link EksNodeGroup}. */
export const EKS_NODE_GROUP_DEFAULTS = {
  instanceTypes: ['m7g.large'],
  capacityType: 'ON_DEMAND',
  minSize: 2,
  maxSize: 6,
  desiredSize: 2,
  maxUnavailablePercentage: 33,
  diskSizeGb: 50,
  /** 1 keeps pods away from the node's instance metadata (they use IRSA / Pod Identity). */
  metadataHopLimit: 1,
} as const;

/** Limits of {@link EksNodeGroup}. */
export const EKS_NODE_GROUP_LIMITS = { size: [0, 450], diskSizeGb: [20, 16384], maxUnavailablePercentage: [1, 100], metadataHopLimit: [1, 2] } as const;

/** Taint effects. */
export const EKS_TAINT_EFFECTS = ['NO_SCHEDULE', 'NO_EXECUTE', 'PREFER_NO_SCHEDULE'] as const;

/**
 * Sizes of the general, compute and memory families (not every family has every size; EC2 refuses
 * the ones a family lacks at apply). @see https://docs.aws.amazon.com/ec2/latest/instancetypes/gp.html
 */
export const EC2_SIZES = ['medium', 'large', 'xlarge', '2xlarge', '4xlarge', '8xlarge', '9xlarge', '12xlarge', '16xlarge', '18xlarge', '24xlarge', '32xlarge', '48xlarge', 'metal', 'metal-24xl', 'metal-48xl'] as const;
/** Sizes of the burstable (t) families. */
export const EC2_BURSTABLE_SIZES = ['nano', 'micro', 'small', 'medium', 'large', 'xlarge', '2xlarge'] as const;

/** The architecture of an instance type (`arm64`/`x86_64`), or a problem naming the allowed families. */
export function instanceTypeArchitecture(instanceType: string): { arch?: 'arm64' | 'x86_64'; problem?: string } {
  const [family = '', size, ...rest] = instanceType.split('.');
  const arch = (EKS_ARM64_FAMILIES as readonly string[]).includes(family)
    ? 'arm64'
    : (EKS_X86_FAMILIES as readonly string[]).includes(family)
      ? 'x86_64'
      : undefined;
  if (arch) {
    const sizes: readonly string[] = family.startsWith('t') ? EC2_BURSTABLE_SIZES : EC2_SIZES;
    if (size === undefined || rest.length > 0 || !sizes.includes(size)) {
      return { problem: `is not an instance type of the ${family} family; use ${family}.<size> with size one of ${sizes.join(', ')}` };
    }
    return { arch };
  }
  return {
    problem: `has an unknown instance family "${family}"; use a Graviton family (${EKS_ARM64_FAMILIES.join(', ')}) or an x86_64 family (${EKS_X86_FAMILIES.join(', ')})`,
  };
}

/** A node taint. */
export interface EksTaint {
  readonly key: string;
  /** @default - no value */
  readonly value?: string;
  /** NO_SCHEDULE, NO_EXECUTE or PREFER_NO_SCHEDULE. */
  readonly effect: string;
}

/** Props of {@link EksNodeGroup}. */
export interface EksNodeGroupProps {
  /** Cluster name. */
  readonly clusterName: string;
  /** Node group name. */
  readonly nodeGroupName: string;
  /** Private subnets of the nodes. */
  readonly subnetIds: string[];
  /** Instance types, all of one architecture. @default ["m7g.large"] */
  readonly instanceTypes?: string[];
  /** ON_DEMAND or SPOT. @default "ON_DEMAND" */
  readonly capacityType?: string;
  /** @default 2 */
  readonly minSize?: number;
  /** @default 6 */
  readonly maxSize?: number;
  /** Size at creation (later owned by the autoscaler). @default 2 */
  readonly desiredSize?: number;
  /** Nodes replaced at once during updates, percent. @default 33 */
  readonly maxUnavailablePercentage?: number;
  /** Root volume size, GiB (gp3, encrypted). @default 50 */
  readonly diskSizeGb?: number;
  /** KMS key of the root volume (its policy must admit the Auto Scaling service-linked role). @default - the account's default EBS key */
  readonly volumeKmsKeyArn?: string;
  /** IMDSv2 hop limit, 1 or 2. @default 1 */
  readonly metadataHopLimit?: number;
  /** Kubernetes labels. @default - none */
  readonly labels?: Record<string, string>;
  /** Kubernetes taints. @default - none */
  readonly taints?: EksTaint[];
  /** Databases the nodes may reach (grants on the node role and cluster security group). @default - none */
  readonly databaseAccess?: DatabaseAccess[];
  /** Security group of the nodes (the cluster security group), needed with `databaseAccess`. @default - none */
  readonly nodeSecurityGroupId?: string;
  /** Resources the node group waits for (the vpc-cni add-on). @default - none */
  readonly dependsOn?: ITerraformDependable[];
  /** Tags. @default - none */
  readonly tags?: Record<string, string>;
}

/**
 * An EKS managed node group from a launch template: private subnets, IMDSv2 required with a hop limit of 1 (or 2),
 * an encrypted gp3 root volume, Graviton instances by default, rolling updates, labels and taints.
 *
 * @see https://github.com/terraform-aws-modules/terraform-aws-eks/tree/master/modules/eks-managed-node-group
 */
export class EksNodeGroup extends Construct {
  public readonly resource: EksNodeGroupResource;
  public readonly nodeGroupName: string;
  public readonly nodeRoleArn: string;
  public readonly nodeRoleName: string;
  public readonly launchTemplateId: string;

  constructor(scope: Construct, id: string, props: EksNodeGroupProps) {
    super(scope, id);
    const d = EKS_NODE_GROUP_DEFAULTS;
    const instanceTypes = props.instanceTypes ?? [...d.instanceTypes];
    const min = props.minSize ?? d.minSize;
    const max = props.maxSize ?? d.maxSize;
    const desired = props.desiredSize ?? d.desiredSize;
    const hop = props.metadataHopLimit ?? d.metadataHopLimit;
    const disk = props.diskSizeGb ?? d.diskSizeGb;
    const capacityType = props.capacityType ?? d.capacityType;
    const arch = this.validate(props, { instanceTypes, min, max, desired, hop, disk, capacityType });
    const tags = props.tags ?? {};
    const aws = new AwsContext(this, 'context');
    const name = props.nodeGroupName;

    const trust = new DataAwsIamPolicyDocument(this, 'trust', {
      statement: [{ effect: 'Allow', principals: [{ type: 'Service', identifiers: ['ec2.amazonaws.com'] }], actions: ['sts:AssumeRole'] }],
    });
    const role = new IamRole(this, 'role', { name: `${props.clusterName}-${name}-node`, assumeRolePolicy: trust.json, tags });
    this.nodeRoleArn = role.arn;
    this.nodeRoleName = role.name;
    // No CNI policy here: the vpc-cni add-on has its own IRSA role.
    const attachments = ['AmazonEKSWorkerNodePolicy', 'AmazonEC2ContainerRegistryReadOnly', 'AmazonSSMManagedInstanceCore'].map(
      (policy) => new IamRolePolicyAttachment(this, `policy-${policy.toLowerCase()}`, { role: role.name, policyArn: `arn:${aws.partition}:iam::aws:policy/${policy}` }),
    );
    const statements: DataAwsIamPolicyDocumentStatement[] = [];
    for (const access of props.databaseAccess ?? []) {
      statements.push(...new DatabaseGrant(this, databaseGrantId(access), { ...access, sourceSecurityGroupId: props.nodeSecurityGroupId! }).statements);
    }
    if (statements.length) {
      const doc = new DataAwsIamPolicyDocument(this, 'policy', { statement: statements });
      new IamRolePolicy(this, 'role-policy', { name: 'databases', role: role.id, policy: doc.json });
    }

    const template = new LaunchTemplate(this, 'launch-template', {
      namePrefix: `${props.clusterName}-${name}-`,
      description: `Nodes of ${props.clusterName}/${name}`,
      updateDefaultVersion: true,
      metadataOptions: { httpEndpoint: 'enabled', httpTokens: 'required', httpPutResponseHopLimit: hop, instanceMetadataTags: 'disabled' },
      blockDeviceMappings: [
        {
          deviceName: '/dev/xvda',
          ebs: { volumeSize: disk, volumeType: 'gp3', encrypted: 'true', kmsKeyId: props.volumeKmsKeyArn, deleteOnTermination: 'true' },
        },
      ],
      monitoring: { enabled: true },
      tagSpecifications: [
        { resourceType: 'instance', tags: { ...tags, Name: `${props.clusterName}-${name}` } },
        { resourceType: 'volume', tags: { ...tags, Name: `${props.clusterName}-${name}` } },
      ],
      tags,
      lifecycle: { createBeforeDestroy: true },
    });
    this.launchTemplateId = template.id;

    this.resource = new EksNodeGroupResource(this, 'node-group', {
      clusterName: props.clusterName,
      nodeGroupNamePrefix: `${name}-`,
      nodeRoleArn: role.arn,
      subnetIds: props.subnetIds,
      amiType: arch === 'arm64' ? 'AL2023_ARM_64_STANDARD' : 'AL2023_x86_64_STANDARD',
      capacityType,
      instanceTypes,
      scalingConfig: { minSize: min, maxSize: max, desiredSize: desired },
      updateConfig: { maxUnavailablePercentage: props.maxUnavailablePercentage ?? d.maxUnavailablePercentage },
      launchTemplate: { id: template.id, version: template.latestVersion.toString() },
      labels: props.labels,
      taint: props.taints?.map((t) => ({ key: t.key, value: t.value, effect: t.effect })),
      tags,
      dependsOn: [...attachments, ...(props.dependsOn ?? [])],
      // The cluster autoscaler or Karpenter owns the size after creation.
      lifecycle: { createBeforeDestroy: true, ignoreChanges: ['scaling_config[0].desired_size'] },
    });
    this.nodeGroupName = this.resource.nodeGroupName;
  }

  private validate(
    props: EksNodeGroupProps,
    v: { instanceTypes: string[]; min: number; max: number; desired: number; hop: number; disk: number; capacityType: string },
  ): 'arm64' | 'x86_64' {
    const fail = (prop: string, value: unknown, allowed: string): never => {
      throw new ValidationError(this, prop, value, allowed);
    };
    if (!/^[A-Za-z0-9][A-Za-z0-9_-]{0,40}$/.test(props.nodeGroupName)) {
      fail('nodeGroupName', props.nodeGroupName, 'is not a node group name; use 1 to 41 letters, digits, - and _');
    }
    if (v.instanceTypes.length === 0) fail('instanceTypes', v.instanceTypes, 'is empty; give at least one instance type such as m7g.large');
    const archs = new Set<string>();
    v.instanceTypes.forEach((type, i) => {
      const { arch, problem } = instanceTypeArchitecture(type);
      if (problem) fail(`instanceTypes[${i}]`, type, problem);
      archs.add(arch!);
    });
    if (archs.size > 1) fail('instanceTypes', v.instanceTypes, 'mixes arm64 and x86_64 families; one node group runs one AMI architecture');
    for (const key of Object.keys(props.labels ?? {})) {
      const labelProblem = Token.isUnresolved(key) ? undefined : nodeLabelKeyProblem(key);
      if (labelProblem) fail(`labels.${key}`, key, labelProblem);
    }
    if (!['ON_DEMAND', 'SPOT'].includes(v.capacityType)) fail('capacityType', v.capacityType, 'is not allowed; use ON_DEMAND or SPOT');
    const [lo, hi] = EKS_NODE_GROUP_LIMITS.size;
    for (const [prop, value] of [
      ['minSize', v.min],
      ['maxSize', v.max],
      ['desiredSize', v.desired],
    ] as const) {
      if (!Number.isInteger(value) || value < lo || value > hi) fail(prop, value, `is not allowed; use a whole number from ${lo} to ${hi}`);
    }
    if (v.max < 1) fail('maxSize', v.max, 'is 0; use at least 1');
    if (v.min > v.max) fail('minSize', v.min, `is above maxSize ${v.max}; use at most maxSize`);
    if (v.desired < v.min || v.desired > v.max) fail('desiredSize', v.desired, `is outside minSize ${v.min} to maxSize ${v.max}; use a size in that range`);
    if (v.hop !== 1 && v.hop !== 2) fail('metadataHopLimit', v.hop, 'is not allowed; use 1 (nodes only) or 2 (pods may reach IMDSv2)');
    const [dmin, dmax] = EKS_NODE_GROUP_LIMITS.diskSizeGb;
    if (!Number.isInteger(v.disk) || v.disk < dmin || v.disk > dmax) fail('diskSizeGb', v.disk, `is not allowed; use ${dmin} to ${dmax} GiB`);
    const pct = props.maxUnavailablePercentage;
    if (pct !== undefined && (!Number.isInteger(pct) || pct < 1 || pct > 100)) fail('maxUnavailablePercentage', pct, 'is not allowed; use 1 to 100');
    (props.taints ?? []).forEach((t, i) => {
      if (!(EKS_TAINT_EFFECTS as readonly string[]).includes(t.effect)) fail(`taints[${i}].effect`, t.effect, `is not allowed; use one of ${EKS_TAINT_EFFECTS.join(', ')}`);
    });
    if (props.databaseAccess?.length && !props.nodeSecurityGroupId) {
      fail('nodeSecurityGroupId', undefined, 'is required with databaseAccess; pass the cluster nodeSecurityGroupId');
    }
    if (!Token.isUnresolved(props.subnetIds) && props.subnetIds.length === 0) fail('subnetIds', props.subnetIds, 'is empty; give the private subnets of the nodes');
    return [...archs][0] as 'arm64' | 'x86_64';
  }
}
