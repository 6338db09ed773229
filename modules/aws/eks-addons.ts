import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { EksAddon } from '@cdktf/provider-aws/lib/eks-addon';
import { type ITerraformDependable, Token } from 'cdktf';
import { Construct } from 'constructs';
import { ValidationError } from '../core/validation-error';
import { IrsaRole } from './irsa-role';
import { jsonencode } from '../core/jsonencode';

/** The managed add-ons installed, by their EKS names. */
export const EKS_ADDONS = ['vpc-cni', 'kube-proxy', 'eks-pod-identity-agent', 'coredns', 'aws-ebs-csi-driver'] as const;
export type EksAddonName = (typeof EKS_ADDONS)[number];

/** Problem with an add-on version string, or undefined (`v1.19.2-eksbuild.1`). */
export function eksAddonVersionProblem(version: string): string | undefined {
  return /^v\d+\.\d+\.\d+-eksbuild\.\d+$/.test(version) ? undefined : 'is not an add-on version; use the form v1.19.2-eksbuild.1 (aws eks describe-addon-versions)';
}

/** Props of {@link EksAddons}. */
export interface EksAddonsProps {
  readonly clusterName: string;
  /** IAM OIDC provider ARN of the cluster. */
  readonly oidcProviderArn: string;
  /** Issuer URL of the cluster. */
  readonly oidcIssuerUrl: string;
  /** Add-on versions by name. @default - the default version EKS picks for the cluster version at creation */
  readonly versions?: Partial<Record<EksAddonName, string>>;
  /** What coredns and the EBS CSI driver wait for (the node groups: they need nodes to run). @default - none */
  readonly nodeDependencies?: ITerraformDependable[];
  /** Tags. @default - none */
  readonly tags?: Record<string, string>;
}

/**
 * The EKS managed add-ons: vpc-cni (IRSA role), kube-proxy, eks-pod-identity-agent, coredns and aws-ebs-csi-driver
 * (IRSA role). Node groups should depend on {@link EksAddons.networking} (no CNI, no Ready node); coredns and the
 * EBS driver wait for the nodes.
 *
 * @see https://docs.aws.amazon.com/eks/latest/userguide/eks-add-ons.html
 */
export class EksAddons extends Construct {
  /** The add-ons nodes need before they can become Ready (vpc-cni, kube-proxy, eks-pod-identity-agent). */
  public readonly networking: EksAddon[];
  public readonly addons: Record<EksAddonName, EksAddon>;
  public readonly vpcCniRoleArn: string;
  public readonly ebsCsiRoleArn: string;

  constructor(scope: Construct, id: string, props: EksAddonsProps) {
    super(scope, id);
    for (const [name, version] of Object.entries(props.versions ?? {})) {
      if (!(EKS_ADDONS as readonly string[]).includes(name)) {
        throw new ValidationError(this, `versions.${name}`, version, `is not an add-on of this construct; use one of ${EKS_ADDONS.join(', ')}`);
      }
      const problem = version && !Token.isUnresolved(version) ? eksAddonVersionProblem(version) : undefined;
      if (problem) throw new ValidationError(this, `versions.${name}`, version, problem);
    }
    const tags = props.tags ?? {};
    const partition = new DataAwsPartition(this, 'partition').partition;
    const irsa = { oidcProviderArn: props.oidcProviderArn, oidcIssuerUrl: props.oidcIssuerUrl, namespace: 'kube-system', tags };
    const cni = new IrsaRole(this, 'vpc-cni-role', {
      ...irsa,
      roleName: `${props.clusterName}-vpc-cni`,
      serviceAccount: 'aws-node',
      managedPolicyArns: { cni: `arn:${partition}:iam::aws:policy/AmazonEKS_CNI_Policy` },
    });
    const ebs = new IrsaRole(this, 'ebs-csi-role', {
      ...irsa,
      roleName: `${props.clusterName}-ebs-csi`,
      serviceAccount: 'ebs-csi-controller-sa',
      managedPolicyArns: { ebs: `arn:${partition}:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy` },
    });
    this.vpcCniRoleArn = cni.roleArn;
    this.ebsCsiRoleArn = ebs.roleArn;

    const addon = (
      name: EksAddonName,
      extra: { serviceAccountRoleArn?: string; dependsOn?: ITerraformDependable[]; configurationValues?: string } = {},
    ): EksAddon =>
      new EksAddon(this, name, {
        clusterName: props.clusterName,
        addonName: name,
        addonVersion: props.versions?.[name],
        configurationValues: extra.configurationValues,
        resolveConflictsOnCreate: 'OVERWRITE',
        resolveConflictsOnUpdate: 'PRESERVE',
        serviceAccountRoleArn: extra.serviceAccountRoleArn,
        dependsOn: extra.dependsOn,
        tags,
      });
    // The VPC CNI's network policy agent: without it Kubernetes NetworkPolicies are accepted but not enforced.
    // @see https://docs.aws.amazon.com/eks/latest/userguide/cni-network-policy-configure.html
    const vpcCni = addon('vpc-cni', { serviceAccountRoleArn: cni.roleArn, configurationValues: jsonencode({ enableNetworkPolicy: 'true' }) });
    const kubeProxy = addon('kube-proxy');
    const podIdentity = addon('eks-pod-identity-agent');
    const nodes = props.nodeDependencies;
    const coredns = addon('coredns', { dependsOn: nodes });
    const ebsCsi = addon('aws-ebs-csi-driver', { serviceAccountRoleArn: ebs.roleArn, dependsOn: nodes });
    this.networking = [vpcCni, kubeProxy, podIdentity];
    this.addons = { 'vpc-cni': vpcCni, 'kube-proxy': kubeProxy, 'eks-pod-identity-agent': podIdentity, coredns, 'aws-ebs-csi-driver': ebsCsi };
  }
}
