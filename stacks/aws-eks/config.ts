import { z } from 'zod';
import { EKS_ADDONS, eksAddonVersionProblem } from '../../modules/aws/eks-addons';
import { EKS_DEFAULTS, eksPublicCidrProblem, eksServiceCidrProblem, eksVersionProblem } from '../../modules/aws/eks-cluster';
import { EKS_NODE_GROUP_DEFAULTS, EKS_NODE_GROUP_LIMITS, EKS_TAINT_EFFECTS, instanceTypeArchitecture } from '../../modules/aws/eks-node-group';
import { ipv4Cidr } from '../../modules/core/config/primitives';
import { nodeLabelKeyProblem } from '../../modules/core/node-labels';
import { defineSection, type ParsedEnvironment, type ReportProblem } from '../../modules/core/config/section';
import { awsNetworkSection } from '../aws-network/config';
import type { EnvironmentCore } from '../environment/config';
import { checkDatabaseGrant, checkedString, databaseGrantFields, keyedByName, retentionDays, wholeNumberIn } from '../private/workload-config';

const LABEL_KEY = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const LABEL_VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/;
const labelKey = z.string().regex(LABEL_KEY, { message: 'is not a Kubernetes label key; use [prefix/]name with letters, digits, - _ . (name at most 63)' }).superRefine((key, ctx) => {
  const message = nodeLabelKeyProblem(key);
  if (message) ctx.addIssue({ code: 'custom', message, input: key });
});
const labelValue = z.string().regex(LABEL_VALUE, { message: 'is not a Kubernetes label value; use at most 63 letters, digits, - _ .' });

const NodeGroupSchema = z.strictObject({
  /** Instance types, all of one architecture (Graviton or x86_64 families). @default ["m7g.large"] */
  instanceTypes: z
    .array(
      z.string().superRefine((t, ctx) => {
        const { problem } = instanceTypeArchitecture(t);
        if (problem) ctx.addIssue({ code: 'custom', input: t, message: problem });
      }),
    )
    .min(1, { message: 'is empty; give at least one instance type such as m7g.large' })
    .default([...EKS_NODE_GROUP_DEFAULTS.instanceTypes]),
  /** ON_DEMAND or SPOT. @default "ON_DEMAND" */
  capacityType: z.enum(['ON_DEMAND', 'SPOT']).default(EKS_NODE_GROUP_DEFAULTS.capacityType),
  /** @default 2 */
  minSize: wholeNumberIn(EKS_NODE_GROUP_LIMITS.size).default(EKS_NODE_GROUP_DEFAULTS.minSize),
  /** @default 6 */
  maxSize: wholeNumberIn(EKS_NODE_GROUP_LIMITS.size).default(EKS_NODE_GROUP_DEFAULTS.maxSize),
  /** Size at creation (then owned by the autoscaler). @default 2 */
  desiredSize: wholeNumberIn(EKS_NODE_GROUP_LIMITS.size).default(EKS_NODE_GROUP_DEFAULTS.desiredSize),
  /** Nodes replaced at once during updates, percent. @default 33 */
  maxUnavailablePercentage: wholeNumberIn(EKS_NODE_GROUP_LIMITS.maxUnavailablePercentage).default(EKS_NODE_GROUP_DEFAULTS.maxUnavailablePercentage),
  /** Encrypted gp3 root volume, GiB. @default 50 */
  diskSizeGb: wholeNumberIn(EKS_NODE_GROUP_LIMITS.diskSizeGb).default(EKS_NODE_GROUP_DEFAULTS.diskSizeGb),
  /** IMDSv2 hop limit: 1 (nodes only) or 2 (pods may reach it). @default 1 */
  metadataHopLimit: wholeNumberIn(EKS_NODE_GROUP_LIMITS.metadataHopLimit).default(EKS_NODE_GROUP_DEFAULTS.metadataHopLimit),
  /** Kubernetes labels. @default {} */
  labels: z.record(labelKey, labelValue).default({}),
  /** Kubernetes taints. @default [] */
  taints: z.array(z.strictObject({ key: labelKey, value: labelValue.optional(), effect: z.enum(EKS_TAINT_EFFECTS) })).default([]),
  ...databaseGrantFields,
});


/** Longest node group name: `<env>-eks-<name>-node` must fit an IAM role name (64). */
const NODE_GROUP_NAME_MAX = 32;

/** `aws.eks`: the EKS cluster of `<env>-aws-eks`. */
export const AwsEksConfigSchema = z.strictObject({
  /** Create the `<env>-aws-eks` stack (needs `aws.network`). @default false */
  enabled: z.boolean().default(false),
  /** Kubernetes version EKS offers. @default "1.34" */
  version: checkedString(eksVersionProblem).default(EKS_DEFAULTS.version),
  /** The API server endpoint: private always; public only for the listed CIDRs (never 0.0.0.0/0). */
  endpoint: z
    .strictObject({
      /** CIDRs that may reach a public endpoint; empty keeps it private only. @default [] */
      publicAccessCidrs: z.array(checkedString(eksPublicCidrProblem)).default([]),
    })
    .prefault({}),
  /** IAM role ARNs given cluster-admin through access entries (at least one when enabled). @default [] */
  adminRoleArns: z
    .array(z.string().regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/, { message: 'is not an IAM role ARN; use arn:aws:iam::<account>:role/<name>' }))
    .default([]),
  /** Control plane log retention, days. @default 365 */
  logRetentionDays: retentionDays.default(EKS_DEFAULTS.logRetentionDays),
  /** STANDARD or EXTENDED support. @default "STANDARD" */
  supportType: z.enum(['STANDARD', 'EXTENDED']).default(EKS_DEFAULTS.supportType),
  /** Service CIDR of Kubernetes services. @default "172.20.0.0/16" */
  serviceIpv4Cidr: ipv4Cidr.default(EKS_DEFAULTS.serviceIpv4Cidr),
  /** Managed node groups keyed by name (the private subnets, launch template with IMDSv2). @default {} */
  nodeGroups: keyedByName('node group', NodeGroupSchema).default({}),
  /** Managed add-on versions pinned by name (vpc-cni, kube-proxy, eks-pod-identity-agent, coredns, aws-ebs-csi-driver). @default - EKS's default for the version */
  addonVersions: z
    .partialRecord(z.enum(EKS_ADDONS), checkedString(eksAddonVersionProblem))
    .default({}),
  /** Karpenter's AWS prerequisites (controller and node roles, interruption queue); the chart is the workloads stack's. */
  karpenter: z.strictObject({ /** @default false */ enabled: z.boolean().default(false) }).prefault({}),
});

export type AwsEksConfig = z.infer<typeof AwsEksConfigSchema>;

/** The cluster's name: `<env>-eks`. */
export function eksClusterName(envName: string): string {
  return `${envName}-eks`;
}

/** Whether any node group has a database grant. */
export function eksNeedsDatabase(config: AwsEksConfig): boolean {
  return Object.values(config.nodeGroups).some((g) => g.database !== 'none');
}

/** Checks across the fields of `aws.eks`. */
export function checkAwsEks(config: AwsEksConfig, env: ParsedEnvironment<EnvironmentCore>, report: ReportProblem): void {
  const at = (...rest: (string | number)[]) => ['aws', 'eks', ...rest];
  if (config.enabled && config.adminRoleArns.length === 0) {
    report(at('adminRoleArns'), [], 'is empty, so nobody could administer the cluster; list at least one IAM role ARN, e.g. arn:aws:iam::<account>:role/platform-admin');
  }
  if (config.enabled && Object.keys(config.nodeGroups).length === 0) {
    report(at('nodeGroups'), {}, 'is empty; give at least one managed node group (Karpenter and the core add-ons run on it), e.g. system: {}');
  }
  const network = env.get(awsNetworkSection);
  // A VPC range with a problem of its own is left out: the overlap would only repeat it.
  const vpcCidr = env.hasProblem('aws.network.cidr') ? undefined : network?.cidr;
  const serviceCidrProblem = env.hasProblem('aws.eks.serviceIpv4Cidr') ? undefined : eksServiceCidrProblem(config.serviceIpv4Cidr, vpcCidr);
  if (config.enabled && serviceCidrProblem) report(at('serviceIpv4Cidr'), config.serviceIpv4Cidr, serviceCidrProblem);
  if (config.enabled && env.get(awsNetworkSection)?.enabled === false) {
    report(at('enabled'), true, 'needs the AWS network (its private subnets); set aws.network.enabled: true or aws.eks.enabled: false');
  }
  for (const [name, group] of Object.entries(config.nodeGroups)) {
    const g = (...rest: (string | number)[]) => at('nodeGroups', name, ...rest);
    if (name.length > NODE_GROUP_NAME_MAX) report(g(), undefined, `is ${name.length} characters long; use at most ${NODE_GROUP_NAME_MAX} (it names the node role and launch template)`);
    const archs = new Set(group.instanceTypes.map((t) => instanceTypeArchitecture(t).arch));
    if (archs.size > 1) report(g('instanceTypes'), group.instanceTypes, 'mixes arm64 and x86_64 families; one node group runs one AMI architecture');
    if (group.minSize > group.maxSize) {
      report(g('minSize'), group.minSize, `is above maxSize (${group.maxSize}); use a minimum at most the maximum`);
    } else if (group.desiredSize < group.minSize || group.desiredSize > group.maxSize) {
      report(g('desiredSize'), group.desiredSize, `is outside minSize-maxSize (${group.minSize}-${group.maxSize}); use a size in that range`);
    }
    if (group.maxSize < 1) report(g('maxSize'), group.maxSize, 'is 0; use at least 1');
    checkDatabaseGrant(at('nodeGroups', name), group, env, report);
  }
}

/** `aws.eks`, owned by the `aws-eks` stack family. */
export const awsEksSection = defineSection({
  path: 'aws.eks',
  schema: AwsEksConfigSchema,
  optional: true,
  check: checkAwsEks,
});
