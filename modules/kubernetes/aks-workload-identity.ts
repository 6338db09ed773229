import { FederatedIdentityCredential } from '@cdktf/provider-azurerm/lib/federated-identity-credential';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { ValidationError } from '../core/validation-error';

/** Audience of Kubernetes service-account tokens that Entra ID exchanges. @see https://learn.microsoft.com/azure/aks/workload-identity-overview */
export const AZURE_TOKEN_EXCHANGE_AUDIENCE = 'api://AzureADTokenExchange';

/** Props of {@link AksWorkloadIdentity}. */
export interface AksWorkloadIdentityProps {
  /** Name of the user-assigned identity. */
  readonly name: string;
  readonly resourceGroupName: string;
  readonly location: string;
  /** The cluster's OIDC issuer URL. */
  readonly oidcIssuerUrl: string;
  /** Namespace of the Kubernetes service account. */
  readonly namespace: string;
  /** Name of the Kubernetes service account. */
  readonly serviceAccount: string;
  /** Key vault (resource id, RBAC authorization) holding `secrets`. @default - no secret access */
  readonly keyVaultId?: string;
  /** Secrets of the key vault the identity may read. @default [] */
  readonly secrets?: readonly string[];
  /** @default {} */
  readonly tags?: Record<string, string>;
}

/**
 * The Azure side of AKS workload identity for one Kubernetes service account: a user-assigned
 * identity, a federated credential trusting only `system:serviceaccount:<namespace>:<name>` of
 * the cluster's issuer, and `Key Vault Secrets User` on each named secret (not on the vault).
 *
 * @see https://learn.microsoft.com/azure/aks/workload-identity-deploy-cluster
 */
export class AksWorkloadIdentity extends Construct {
  public readonly identity: UserAssignedIdentity;
  public readonly clientId: string;
  public readonly principalId: string;

  constructor(scope: Construct, id: string, props: AksWorkloadIdentityProps) {
    super(scope, id);
    for (const [prop, value] of [['namespace', props.namespace], ['serviceAccount', props.serviceAccount]] as const) {
      if (!Token.isUnresolved(value) && !/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(value)) {
        throw new ValidationError(this, prop, value, 'is not a Kubernetes name; use lower-case letters, digits and -, at most 63');
      }
    }
    if ((props.secrets ?? []).length > 0 && !props.keyVaultId) {
      throw new ValidationError(this, 'keyVaultId', props.keyVaultId, 'is missing, but secrets are named; give the key vault that holds them');
    }
    this.identity = new UserAssignedIdentity(this, 'identity', {
      name: props.name,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      tags: props.tags ?? {},
    });
    this.clientId = this.identity.clientId;
    this.principalId = this.identity.principalId;
    new FederatedIdentityCredential(this, 'federated-credential', {
      name: `${props.namespace}-${props.serviceAccount}`,
      resourceGroupName: props.resourceGroupName,
      parentId: this.identity.id,
      issuer: props.oidcIssuerUrl,
      subject: `system:serviceaccount:${props.namespace}:${props.serviceAccount}`,
      audience: [AZURE_TOKEN_EXCHANGE_AUDIENCE],
    });
    for (const secret of props.secrets ?? []) {
      new RoleAssignment(this, `secret-${secret.toLowerCase()}`, {
        scope: `${props.keyVaultId}/secrets/${secret}`,
        roleDefinitionName: 'Key Vault Secrets User',
        principalId: this.identity.principalId,
        principalType: 'ServicePrincipal',
      });
    }
  }
}
