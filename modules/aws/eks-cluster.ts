import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { EksAccessEntry } from '@cdktf/provider-aws/lib/eks-access-entry';
import { EksAccessPolicyAssociation } from '@cdktf/provider-aws/lib/eks-access-policy-association';
import { EksCluster as EksClusterResource } from '@cdktf/provider-aws/lib/eks-cluster';
import { IamOpenidConnectProvider } from '@cdktf/provider-aws/lib/iam-openid-connect-provider';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { contains, overlaps, parseCidr, prefixOf } from '../core/cidr';
import { ValidationError } from '../core/validation-error';
import { IrsaRole } from './irsa-role';
import { CLOUDWATCH_RETENTION_ALLOWED, isCloudwatchRetention } from './log-retention';
import { awsLoadBalancerControllerStatements } from './private/aws-load-balancer-controller-policy';
import { AwsContext, CustomerKey } from './private/customer-key';
import { keyedEntries } from './private/ids';

/**
 * Kubernetes versions EKS offers (standard or extended support) as of November 2026.
 *
 * @see https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html
 */
export const EKS_VERSIONS = ['1.32', '1.33', '1.34', '1.35'] as const;

/** The control plane log types; all are on. @see https://docs.aws.amazon.com/eks/latest/userguide/control-plane-logs.html */
export const EKS_LOG_TYPES = ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'] as const;

/** Defaults of {@link EksCluster}. */
export const EKS_DEFAULTS = {
  version: '1.34',
  endpointPrivateAccess: true,
  logRetentionDays: 365,
  authenticationMode: 'API',
  supportType: 'STANDARD',
  serviceIpv4Cidr: '172.20.0.0/16',
  loadBalancerControllerNamespace: 'kube-system',
  loadBalancerControllerServiceAccount: 'aws-load-balancer-controller',
} as const;

/** Problem with a Kubernetes version, or undefined when EKS offers it. */
export function eksVersionProblem(version: string): string | undefined {
  return (EKS_VERSIONS as readonly string[]).includes(version) ? undefined : `is not offered by EKS; use one of ${EKS_VERSIONS.join(', ')}`;
}

/** Problem with a public API endpoint CIDR, or undefined when it is a specific range. */
export function eksPublicCidrProblem(cidr: string): string | undefined {
  const parsed = parseCidr(cidr);
  if (parsed.error || !parsed.range) return 'is not an IPv4 CIDR; use a range such as 203.0.113.0/24';
  if (Number(parsed.range.cidrPrefix.getValue()) === 0) return 'opens the API endpoint to the whole internet; list the specific CIDRs that may reach it (never 0.0.0.0/0)';
  return undefined;
}

/**
 * Why a Kubernetes service range is refused, or `undefined` when EKS accepts it: inside
 * 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16, from /12 to /24, and not overlapping the VPC.
 *
 * @see https://docs.aws.amazon.com/eks/latest/APIReference/API_KubernetesNetworkConfigRequest.html
 */
export function eksServiceCidrProblem(serviceCidr: string, vpcCidr?: string): string | undefined {
  const { error } = parseCidr(serviceCidr);
  if (error) return error;
  const allowed = 'use a /12 to /24 inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16 that the VPC does not use, e.g. "172.20.0.0/16"';
  if (!['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'].some((block) => contains(block, serviceCidr))) return `is not inside an RFC 1918 block; ${allowed}`;
  const prefix = prefixOf(serviceCidr);
  if (prefix < 12 || prefix > 24) return `is a /${prefix}; ${allowed}`;
  if (vpcCidr !== undefined && !parseCidr(vpcCidr).error && overlaps(serviceCidr, vpcCidr)) return `overlaps the VPC range ${vpcCidr}; ${allowed}`;
  return undefined;
}

/** Props of {@link EksCluster}. */
export interface EksClusterProps {
  /** Cluster name. */
  readonly clusterName: string;
  /** Private subnets of the control plane network interfaces (two or more zones). */
  readonly subnetIds: string[];
  /** Kubernetes version (one of EKS_VERSIONS). @default "1.34" */
  readonly version?: string;
  /** CIDRs that may reach a public API endpoint; empty keeps the endpoint private only. @default - private endpoint only */
  readonly publicAccessCidrs?: string[];
  /** IAM role ARNs given cluster-admin through access entries. */
  readonly adminRoleArns: string[];
  /** Also make the identity that creates the cluster an admin. @default false */
  readonly bootstrapCreatorAdmin?: boolean;
  /** KMS key for secrets envelope encryption and the control plane logs. @default - a rotating customer-managed key is created */
  readonly kmsKeyArn?: string;
  /** Control plane log retention, days. @default 365 */
  readonly logRetentionDays?: number;
  /** `STANDARD` or `EXTENDED` support. @default "STANDARD" */
  readonly supportType?: string;
  /** Service CIDR of Kubernetes services. @default "172.20.0.0/16" */
  readonly serviceIpv4Cidr?: string;
  /** Create the IRSA role of the AWS Load Balancer Controller. @default true */
  readonly enableLoadBalancerControllerRole?: boolean;
  /** Tags. @default - none */
  readonly tags?: Record<string, string>;
}

/**
 * An EKS control plane: private endpoint (public only for listed CIDRs), secrets envelope-encrypted with KMS,
 * every control plane log to a KMS log group created first, API authentication mode with access entries for the
 * admins, an IAM OIDC provider for IRSA, and the IRSA role of the AWS Load Balancer Controller.
 *
 * The cluster starts without the self-managed add-ons: {@link EksAddons} installs them as managed add-ons.
 *
 * @see https://github.com/terraform-aws-modules/terraform-aws-eks
 */
export class EksCluster extends Construct {
  public readonly resource: EksClusterResource;
  public readonly clusterName: string;
  public readonly clusterArn: string;
  public readonly version: string;
  /** API server endpoint URL. */
  public readonly endpoint: string;
  /** Base64 certificate authority data. */
  public readonly certificateAuthorityData: string;
  /** ARN of the IAM OIDC provider (IRSA). */
  public readonly oidcProviderArn: string;
  /** Issuer URL (`https://oidc.eks...`). */
  public readonly oidcIssuerUrl: string;
  /** The security group EKS creates for the control plane and managed nodes. */
  public readonly clusterSecurityGroupId: string;
  /** Security group of the nodes (the cluster security group, which managed node groups use). */
  public readonly nodeSecurityGroupId: string;
  public readonly kmsKeyArn: string;
  public readonly clusterRoleArn: string;
  /** IRSA role of the AWS Load Balancer Controller (kube-system/aws-load-balancer-controller). */
  public readonly loadBalancerControllerRoleArn?: string;

  constructor(scope: Construct, id: string, props: EksClusterProps) {
    super(scope, id);
    const version = props.version ?? EKS_DEFAULTS.version;
    const retention = props.logRetentionDays ?? EKS_DEFAULTS.logRetentionDays;
    const supportType = props.supportType ?? EKS_DEFAULTS.supportType;
    const publicCidrs = props.publicAccessCidrs ?? [];
    this.validate(props, version, retention, supportType, publicCidrs);
    const tags = props.tags ?? {};
    const name = props.clusterName;
    const logGroupName = `/aws/eks/${name}/cluster`;
    const aws = new AwsContext(this, 'context');

    this.kmsKeyArn =
      props.kmsKeyArn ??
      new CustomerKey(this, 'key', { description: `Encrypts EKS cluster ${name}: secrets and control plane logs`, alias: `eks/${name}`, logGroupNames: [logGroupName], tags }).arn;
    const logGroup = new CloudwatchLogGroup(this, 'log-group', { name: logGroupName, retentionInDays: retention, kmsKeyId: this.kmsKeyArn, tags });

    const trust = new DataAwsIamPolicyDocument(this, 'trust', {
      statement: [{ effect: 'Allow', principals: [{ type: 'Service', identifiers: ['eks.amazonaws.com'] }], actions: ['sts:AssumeRole', 'sts:TagSession'] }],
    });
    const role = new IamRole(this, 'role', { name: `${name}-eks-cluster`, assumeRolePolicy: trust.json, tags });
    this.clusterRoleArn = role.arn;
    const attachment = new IamRolePolicyAttachment(this, 'role-policy', {
      role: role.name,
      policyArn: `arn:${aws.partition}:iam::aws:policy/AmazonEKSClusterPolicy`,
    });
    // The cluster role encrypts secrets with the key.
    const keyUse = new DataAwsIamPolicyDocument(this, 'key-use', {
      statement: [{ effect: 'Allow', actions: ['kms:Encrypt', 'kms:Decrypt', 'kms:ListGrants', 'kms:DescribeKey'], resources: [this.kmsKeyArn] }],
    });
    const keyPolicy = new IamRolePolicy(this, 'role-key-policy', {
      name: 'secrets-encryption',
      role: role.id,
      policy: keyUse.json,
    });

    this.resource = new EksClusterResource(this, 'cluster', {
      name,
      version,
      roleArn: role.arn,
      vpcConfig: {
        subnetIds: props.subnetIds,
        endpointPrivateAccess: true,
        endpointPublicAccess: publicCidrs.length > 0,
        publicAccessCidrs: publicCidrs.length > 0 ? publicCidrs : undefined,
      },
      encryptionConfig: { resources: ['secrets'], provider: { keyArn: this.kmsKeyArn } },
      enabledClusterLogTypes: [...EKS_LOG_TYPES],
      accessConfig: { authenticationMode: EKS_DEFAULTS.authenticationMode, bootstrapClusterCreatorAdminPermissions: props.bootstrapCreatorAdmin ?? false },
      bootstrapSelfManagedAddons: false,
      kubernetesNetworkConfig: { ipFamily: 'ipv4', serviceIpv4Cidr: props.serviceIpv4Cidr ?? EKS_DEFAULTS.serviceIpv4Cidr },
      upgradePolicy: { supportType },
      tags,
      dependsOn: [logGroup, attachment, keyPolicy],
      // Access config is fixed at creation (bootstrap admin cannot change later).
      lifecycle: { ignoreChanges: ['access_config[0].bootstrap_cluster_creator_admin_permissions'] },
    });
    this.clusterName = this.resource.name;
    this.clusterArn = this.resource.arn;
    this.version = this.resource.version;
    this.endpoint = this.resource.endpoint;
    this.certificateAuthorityData = this.resource.certificateAuthority.get(0).data;
    this.clusterSecurityGroupId = this.resource.vpcConfig.clusterSecurityGroupId;
    this.nodeSecurityGroupId = this.clusterSecurityGroupId;
    this.oidcIssuerUrl = this.resource.identity.get(0).oidc.get(0).issuer;

    // Keyed by the role's account and name, so removing one admin renames no other entry.
    for (const [arnId, arn] of keyedEntries(this, 'adminRoleArns', props.adminRoleArns)) {
      const key = arnId.replace(/^arn-aws[a-z-]*-iam-/, '');
      const entry = new EksAccessEntry(this, `admin-${key}`, { clusterName: this.resource.name, principalArn: arn, type: 'STANDARD', tags });
      new EksAccessPolicyAssociation(this, `admin-${key}-policy`, {
        clusterName: this.resource.name,
        principalArn: entry.principalArn,
        policyArn: `arn:${aws.partition}:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy`,
        accessScope: { type: 'cluster' },
      });
    }

    const oidc = new IamOpenidConnectProvider(this, 'oidc-provider', { url: this.oidcIssuerUrl, clientIdList: ['sts.amazonaws.com'], tags });
    this.oidcProviderArn = oidc.arn;

    if (props.enableLoadBalancerControllerRole ?? true) {
      this.loadBalancerControllerRoleArn = new IrsaRole(this, 'lb-controller-role', {
        roleName: `${name}-aws-load-balancer-controller`,
        oidcProviderArn: oidc.arn,
        oidcIssuerUrl: this.oidcIssuerUrl,
        namespace: EKS_DEFAULTS.loadBalancerControllerNamespace,
        serviceAccount: EKS_DEFAULTS.loadBalancerControllerServiceAccount,
        statements: awsLoadBalancerControllerStatements(aws.partition),
        tags,
      }).roleArn;
    }
  }

  private validate(props: EksClusterProps, version: string, retention: number, supportType: string, publicCidrs: string[]): void {
    if (!Token.isUnresolved(props.clusterName) && !/^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/.test(props.clusterName)) {
      throw new ValidationError(this, 'clusterName', props.clusterName, 'is not a cluster name; use 1 to 100 letters, digits, - and _, starting with a letter or digit');
    }
    const versionProblem = eksVersionProblem(version);
    if (versionProblem && !Token.isUnresolved(version)) throw new ValidationError(this, 'version', version, versionProblem);
    publicCidrs.forEach((cidr, i) => {
      if (Token.isUnresolved(cidr)) return;
      const problem = eksPublicCidrProblem(cidr);
      if (problem) throw new ValidationError(this, `publicAccessCidrs[${i}]`, cidr, problem);
    });
    const serviceCidr = props.serviceIpv4Cidr;
    const serviceCidrProblem = serviceCidr === undefined || Token.isUnresolved(serviceCidr) ? undefined : eksServiceCidrProblem(serviceCidr);
    if (serviceCidrProblem) throw new ValidationError(this, 'serviceIpv4Cidr', serviceCidr, serviceCidrProblem);
    if (!isCloudwatchRetention(retention)) throw new ValidationError(this, 'logRetentionDays', retention, `is not allowed; ${CLOUDWATCH_RETENTION_ALLOWED}`);
    if (!['STANDARD', 'EXTENDED'].includes(supportType)) throw new ValidationError(this, 'supportType', supportType, 'is not allowed; use STANDARD or EXTENDED');
    if (!Token.isUnresolved(props.subnetIds) && props.subnetIds.length < 2) {
      throw new ValidationError(this, 'subnetIds', props.subnetIds, 'has fewer than 2 subnets; EKS needs subnets in at least two availability zones');
    }
    if (props.adminRoleArns.length === 0 && !props.bootstrapCreatorAdmin) {
      throw new ValidationError(this, 'adminRoleArns', props.adminRoleArns, 'is empty and bootstrapCreatorAdmin is off, so nobody could administer the cluster; list at least one admin role ARN');
    }
    keyedEntries(this, 'adminRoleArns', props.adminRoleArns);
    props.adminRoleArns.forEach((arn, i) => {
      if (!Token.isUnresolved(arn) && !/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/.test(arn)) {
        throw new ValidationError(this, `adminRoleArns[${i}]`, arn, 'is not an IAM role ARN; use arn:aws:iam::<account>:role/<name>');
      }
    });
  }
}
