import { DataAwsIamPolicyDocument, type DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { Fn, Token } from 'cdktf';
import { Construct } from 'constructs';
import { ValidationError } from '../core/validation-error';
import { idFor } from './private/ids';

/** Props of {@link IrsaRole}. */
export interface IrsaRoleProps {
  /** Role name. */
  readonly roleName: string;
  /** ARN of the cluster's IAM OIDC provider. */
  readonly oidcProviderArn: string;
  /** Issuer URL of the cluster (`https://oidc.eks.<region>.amazonaws.com/id/<id>`). */
  readonly oidcIssuerUrl: string;
  /** Namespace of the service account. */
  readonly namespace: string;
  /** Name of the service account. */
  readonly serviceAccount: string;
  /** Managed policies attached, keyed by a stable name (`{ cni: 'arn:...:policy/AmazonEKS_CNI_Policy' }`). @default - none */
  readonly managedPolicyArns?: Record<string, string>;
  /** Inline policy statements. @default - none */
  readonly statements?: DataAwsIamPolicyDocumentStatement[];
  /** Tags. @default - none */
  readonly tags?: Record<string, string>;
}

/**
 * An IAM role for one Kubernetes service account (IRSA): only that service account of that cluster, with the
 * STS audience, may assume it.
 *
 * @see https://docs.aws.amazon.com/eks/latest/userguide/associate-service-account-role.html
 */
export class IrsaRole extends Construct {
  public readonly role: IamRole;
  public readonly roleArn: string;
  public readonly roleName: string;

  constructor(scope: Construct, id: string, props: IrsaRoleProps) {
    super(scope, id);
    for (const [prop, value] of [
      ['namespace', props.namespace],
      ['serviceAccount', props.serviceAccount],
    ] as const) {
      if (!Token.isUnresolved(value) && !/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(value)) {
        throw new ValidationError(this, prop, value, 'is not a Kubernetes name; use lower-case letters, digits and -, at most 63');
      }
    }
    const issuer = Fn.replace(props.oidcIssuerUrl, 'https://', '');
    const trust = new DataAwsIamPolicyDocument(this, 'trust', {
      statement: [
        {
          effect: 'Allow',
          principals: [{ type: 'Federated', identifiers: [props.oidcProviderArn] }],
          actions: ['sts:AssumeRoleWithWebIdentity'],
          condition: [
            { test: 'StringEquals', variable: `${issuer}:sub`, values: [`system:serviceaccount:${props.namespace}:${props.serviceAccount}`] },
            { test: 'StringEquals', variable: `${issuer}:aud`, values: ['sts.amazonaws.com'] },
          ],
        },
      ],
    });
    this.role = new IamRole(this, 'role', {
      name: props.roleName,
      description: `IRSA role of ${props.namespace}/${props.serviceAccount}`,
      assumeRolePolicy: trust.json,
      tags: props.tags,
    });
    this.roleArn = this.role.arn;
    this.roleName = this.role.name;
    for (const [name, arn] of Object.entries(props.managedPolicyArns ?? {})) {
      new IamRolePolicyAttachment(this, `policy-${idFor(name)}`, { role: this.role.name, policyArn: arn });
    }
    if (props.statements?.length) {
      const policy = new DataAwsIamPolicyDocument(this, 'policy', { statement: props.statements });
      new IamRolePolicy(this, 'inline-policy', { name: 'inline', role: this.role.id, policy: policy.json });
    }
  }
}
