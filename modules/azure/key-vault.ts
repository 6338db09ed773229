import { KeyVault as AzurermKeyVault } from '@cdktf/provider-azurerm/lib/key-vault';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { keyVaultNameProblem } from './postgres-rules';

/** Props of {@link KeyVault}. */
export interface KeyVaultProps {
  /** Vault name: 3-24 letters, digits and `-`, starting with a letter, no `--`; global. */
  readonly name: string;
  /** Resource group of the vault. */
  readonly resourceGroupName: string;
  /** Azure location of the vault. */
  readonly location: string;
  /** Entra tenant id the vault trusts. */
  readonly tenantId: string;
  /**
   * Object id granted "Key Vault Secrets Officer" on the vault, so it can write secrets under RBAC.
   *
   * @default - nobody (the caller grants data-plane roles itself)
   */
  readonly secretsOfficerPrincipalId?: string;
  /**
   * Public IPv4 addresses or CIDR blocks allowed through the vault firewall (e.g. the deploying
   * runner's egress). Everything else is denied, except trusted Azure services.
   *
   * @default - none: only trusted Azure services and private access reach the data plane
   */
  readonly allowedIpRanges?: string[];
  /**
   * Days a deleted vault or secret stays recoverable, 7-90.
   *
   * @default 90
   */
  readonly softDeleteRetentionDays?: number;
  /** `standard` or `premium` (HSM-backed keys). @default standard */
  readonly skuName?: 'standard' | 'premium';
  /** Tags on the vault. @default - none */
  readonly tags?: Record<string, string>;
}

/**
 * A Key Vault for secrets: RBAC authorization, purge protection, 90-day soft delete, firewall
 * that denies by default.
 *
 * Purge protection means a deleted vault's name stays taken (and its secrets recoverable) for
 * the whole soft-delete period: reuse the name only after that, or recover the vault.
 *
 * Network: the public endpoint stays on, but the firewall denies every caller except the
 * listed ranges and trusted Azure services. Terraform writes secrets through the data plane, so
 * the deploying runner's egress must be listed (or the runner must reach the vault privately).
 *
 * @see https://learn.microsoft.com/azure/key-vault/general/rbac-guide
 * @see https://registry.terraform.io/providers/hashicorp/azurerm/4.55.0/docs/resources/key_vault
 */
export class KeyVault extends Construct {
  /** The vault. */
  public readonly resource: AzurermKeyVault;
  /** The "Key Vault Secrets Officer" grant, when `secretsOfficerPrincipalId` is given. */
  public readonly secretsOfficer?: RoleAssignment;

  constructor(scope: Construct, id: string, props: KeyVaultProps) {
    super(scope, id);
    if (!Token.isUnresolved(props.name)) {
      const problem = keyVaultNameProblem(props.name);
      if (problem) throw new Error(`KeyVault ${this.node.path}: prop "name" "${props.name}" ${problem}`);
    }
    const softDeleteRetentionDays = props.softDeleteRetentionDays ?? 90;
    if (
      !Token.isUnresolved(softDeleteRetentionDays) &&
      (!Number.isInteger(softDeleteRetentionDays) || softDeleteRetentionDays < 7 || softDeleteRetentionDays > 90)
    ) {
      throw new Error(
        `KeyVault ${this.node.path}: prop "softDeleteRetentionDays" ${softDeleteRetentionDays} is not allowed; use a whole number of days from 7 to 90`,
      );
    }

    this.resource = new AzurermKeyVault(this, 'resource', {
      name: props.name,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      tenantId: props.tenantId,
      skuName: props.skuName ?? 'standard',
      // Access policies are all-or-nothing per vault; Azure RBAC scopes roles to a vault or a secret.
      rbacAuthorizationEnabled: true,
      purgeProtectionEnabled: true,
      softDeleteRetentionDays,
      publicNetworkAccessEnabled: true,
      networkAcls: {
        defaultAction: 'Deny',
        bypass: 'AzureServices',
        // Azure stores a single address without "/32"; writing it that way avoids a perpetual diff.
        ipRules: (props.allowedIpRanges ?? []).map((r) => r.replace(/\/32$/, '')),
      },
      tags: props.tags,
    });

    if (props.secretsOfficerPrincipalId !== undefined) {
      this.secretsOfficer = new RoleAssignment(this, 'secrets-officer', {
        scope: this.resource.id,
        roleDefinitionName: 'Key Vault Secrets Officer',
        principalId: props.secretsOfficerPrincipalId,
        description: 'Lets the deploying identity write the secrets of this vault (RBAC authorization).',
      });
    }
  }
}
