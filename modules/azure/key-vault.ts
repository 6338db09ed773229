import { KeyVault as AzurermKeyVault } from '@cdktf/provider-azurerm/lib/key-vault';
import { PrivateDnsZone } from '@cdktf/provider-azurerm/lib/private-dns-zone';
import { PrivateDnsZoneVirtualNetworkLink } from '@cdktf/provider-azurerm/lib/private-dns-zone-virtual-network-link';
import { PrivateEndpoint } from '@cdktf/provider-azurerm/lib/private-endpoint';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { isPrivate, parseCidr, prefixOf } from '../core/cidr';
import { ValidationError } from '../core/validation-error';
import { keyVaultNameProblem } from './postgres-rules';
import { newPrivateEndpoint } from './private/private-endpoint';

/** The private DNS zone Key Vault private endpoints register in. @see https://learn.microsoft.com/azure/private-link/private-endpoint-dns */
export const KEY_VAULT_PRIVATE_DNS_ZONE = 'privatelink.vaultcore.azure.net';

/** The private-link sub-resource of a Key Vault. */
export const KEY_VAULT_PRIVATE_LINK_SUBRESOURCE = 'vault';

/** What {@link KeyVault} does when a prop is left out. */
export const KEY_VAULT_DEFAULTS = {
  skuName: 'standard',
  softDeleteRetentionDays: 90,
  enablePublicNetworkAccess: false,
  allowTrustedAzureServices: false,
  allowedIpRanges: [] as readonly string[],
} as const;

/** Limits {@link KeyVault} checks its props against. */
export const KEY_VAULT_LIMITS = {
  /** @see https://registry.terraform.io/providers/hashicorp/azurerm/4.55.0/docs/resources/key_vault#soft_delete_retention_days */
  minSoftDeleteRetentionDays: 7,
  maxSoftDeleteRetentionDays: 90,
  /** Widest firewall range accepted: a runner's egress is one address or a small block, never a provider's whole range. */
  minIpRulePrefix: 24,
} as const;

/**
 * Checks one entry of a vault's firewall IP rules: a public IPv4 address or a public block of
 * /24 or narrower. Never any-address (`0.0.0.0/0`, `*`, `Internet`), a wide block, or a private
 * range (Key Vault refuses private ranges in IP rules; private callers use the private endpoint).
 *
 * @returns `undefined` when allowed, else "is not ...; use ..." (the caller prefixes field and value)
 * @see https://learn.microsoft.com/azure/key-vault/general/network-security
 */
export function keyVaultIpRuleProblem(range: string): string | undefined {
  const { minIpRulePrefix } = KEY_VAULT_LIMITS;
  const form = `use a public IPv4 address ("203.0.113.7") or a public block of /${minIpRulePrefix} or narrower ("203.0.113.0/28")`;
  if (['*', 'any', 'internet'].includes(range.toLowerCase())) return `allows any address; ${form}`;
  const text = range.includes('/') ? range : `${range}/32`;
  const { error } = parseCidr(text);
  if (error) return `${error}; ${form}`;
  if (prefixOf(text) < minIpRulePrefix) return `is wider than /${minIpRulePrefix}; ${form}`;
  if (isPrivate(text) || text.startsWith('0.') || text.startsWith('127.')) {
    return `is not a public address; reach the vault through its private endpoint, or ${form}`;
  }
  return undefined;
}

/** SKUs of a vault. */
export const KEY_VAULT_SKUS = ['standard', 'premium'] as const;

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
   * Subnet the vault's private endpoint is placed in. It must not be delegated to a service (a
   * delegated subnet, such as the PostgreSQL `data` subnet, cannot hold private endpoints).
   */
  readonly privateEndpointSubnetId: string;
  /**
   * VNet the new `privatelink.vaultcore.azure.net` zone is linked to. Required unless
   * `privateDnsZoneId` is given.
   *
   * @default - none; then `privateDnsZoneId` must be given
   */
  readonly virtualNetworkId?: string;
  /**
   * An existing `privatelink.vaultcore.azure.net` zone (already linked to the VNet) to register the
   * private endpoint in, instead of creating one.
   *
   * @default - a new zone in `resourceGroupName`, linked to `virtualNetworkId`
   */
  readonly privateDnsZoneId?: string;
  /**
   * Object id granted "Key Vault Secrets Officer" on the vault, so it can write secrets under RBAC.
   *
   * @default - nobody (the caller grants data-plane roles itself)
   */
  readonly secretsOfficerPrincipalId?: string;
  /**
   * Keep the public endpoint on (behind the firewall). Off, only the private endpoint reaches the
   * data plane, so Terraform must run from a network that reaches it.
   *
   * @default false
   */
  readonly enablePublicNetworkAccess?: boolean;
  /**
   * Public IPv4 addresses or blocks (/24 or narrower) allowed through the firewall of the public
   * endpoint, e.g. the deploying runner's egress. Only with `enablePublicNetworkAccess`.
   *
   * @default - none
   */
  readonly allowedIpRanges?: string[];
  /** Let trusted Azure services bypass the firewall (`bypass = AzureServices`). @default false */
  readonly allowTrustedAzureServices?: boolean;
  /** Days a deleted vault or secret stays recoverable, 7-90. @default 90 */
  readonly softDeleteRetentionDays?: number;
  /** `standard` or `premium` (HSM-backed keys). @default standard */
  readonly skuName?: 'standard' | 'premium';
  /** Tags on the vault, the private endpoint and the DNS zone. @default - none */
  readonly tags?: Record<string, string>;
}

/**
 * A private Key Vault for secrets: RBAC authorization, purge protection, 90-day soft delete,
 * public network access off, a private endpoint with its `privatelink.vaultcore.azure.net` DNS
 * record, and a firewall that denies by default.
 *
 * Purge protection means a deleted vault's name stays taken (and its secrets recoverable) for
 * the whole soft-delete period: reuse the name only after that, or recover the vault. Soft
 * delete itself is always on (Azure no longer lets it be turned off).
 *
 * Network: Terraform writes secrets through the data plane, so with the public endpoint off (the
 * default) the deploying runner must reach the private endpoint (a runner in or peered with the
 * VNet). Otherwise turn `enablePublicNetworkAccess` on and list the runner's egress in
 * `allowedIpRanges`.
 *
 * @see https://learn.microsoft.com/azure/key-vault/general/rbac-guide
 * @see https://learn.microsoft.com/azure/key-vault/general/private-link-service
 * @see https://learn.microsoft.com/azure/key-vault/general/network-security
 * @see https://registry.terraform.io/providers/hashicorp/azurerm/4.55.0/docs/resources/key_vault
 * @see https://registry.terraform.io/providers/hashicorp/azurerm/4.55.0/docs/resources/private_endpoint
 */
export class KeyVault extends Construct {
  /** The vault. */
  public readonly resource: AzurermKeyVault;
  /** The vault's private endpoint. */
  public readonly privateEndpoint: PrivateEndpoint;
  /** The `privatelink.vaultcore.azure.net` zone, unless `privateDnsZoneId` was given. */
  public readonly privateDnsZone?: PrivateDnsZone;
  /** The "Key Vault Secrets Officer" grant, when `secretsOfficerPrincipalId` is given. */
  public readonly secretsOfficer?: RoleAssignment;

  constructor(scope: Construct, id: string, props: KeyVaultProps) {
    super(scope, id);
    const D = KEY_VAULT_DEFAULTS;
    const softDeleteRetentionDays = props.softDeleteRetentionDays ?? D.softDeleteRetentionDays;
    const publicAccess = props.enablePublicNetworkAccess ?? D.enablePublicNetworkAccess;
    const allowedIpRanges = props.allowedIpRanges ?? D.allowedIpRanges;
    this.validate(props, softDeleteRetentionDays, publicAccess, allowedIpRanges);

    this.resource = new AzurermKeyVault(this, 'resource', {
      name: props.name,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      tenantId: props.tenantId,
      skuName: props.skuName ?? D.skuName,
      // Access policies are all-or-nothing per vault; Azure RBAC scopes roles to a vault or a secret.
      rbacAuthorizationEnabled: true,
      purgeProtectionEnabled: true,
      softDeleteRetentionDays,
      publicNetworkAccessEnabled: publicAccess,
      networkAcls: {
        defaultAction: 'Deny',
        bypass: props.allowTrustedAzureServices ?? D.allowTrustedAzureServices ? 'AzureServices' : 'None',
        // Azure stores a single address without "/32"; writing it that way avoids a perpetual diff.
        ipRules: allowedIpRanges.map((r) => r.replace(/\/32$/, '')),
      },
      tags: props.tags,
    });

    let zoneId = props.privateDnsZoneId;
    if (zoneId === undefined) {
      this.privateDnsZone = new PrivateDnsZone(this, 'private-dns-zone', {
        name: KEY_VAULT_PRIVATE_DNS_ZONE,
        resourceGroupName: props.resourceGroupName,
        tags: props.tags,
      });
      new PrivateDnsZoneVirtualNetworkLink(this, 'private-dns-link', {
        name: `link-${props.name}`,
        resourceGroupName: props.resourceGroupName,
        privateDnsZoneName: this.privateDnsZone.name,
        virtualNetworkId: props.virtualNetworkId!,
        registrationEnabled: false,
        tags: props.tags,
      });
      zoneId = this.privateDnsZone.id;
    }

    this.privateEndpoint = newPrivateEndpoint(this, 'private-endpoint', {
      name: props.name,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      subnetId: props.privateEndpointSubnetId,
      targetResourceId: this.resource.id,
      subresourceName: KEY_VAULT_PRIVATE_LINK_SUBRESOURCE,
      // The zone group writes (and removes) the endpoint's A record in the zone.
      dnsZoneGroupName: 'vaultcore',
      privateDnsZoneId: zoneId,
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

  /** Checks the props before any resource exists; unresolved tokens are skipped. */
  private validate(props: KeyVaultProps, softDeleteRetentionDays: number, publicAccess: boolean, allowedIpRanges: readonly string[]): void {
    if (!Token.isUnresolved(props.name)) {
      const problem = keyVaultNameProblem(props.name);
      if (problem) throw new ValidationError(this, 'name', props.name, problem);
    }
    const { minSoftDeleteRetentionDays: min, maxSoftDeleteRetentionDays: max } = KEY_VAULT_LIMITS;
    if (
      !Token.isUnresolved(softDeleteRetentionDays) &&
      (!Number.isInteger(softDeleteRetentionDays) || softDeleteRetentionDays < min || softDeleteRetentionDays > max)
    ) {
      throw new ValidationError(
        this,
        'softDeleteRetentionDays',
        softDeleteRetentionDays,
        `is not allowed; use a whole number of days from ${min} to ${max}`,
      );
    }
    if (props.skuName !== undefined && !(KEY_VAULT_SKUS as readonly string[]).includes(props.skuName)) {
      throw new ValidationError(this, 'skuName', props.skuName, `is not a Key Vault SKU; use one of ${KEY_VAULT_SKUS.join(', ')}`);
    }
    if (props.privateDnsZoneId === undefined && props.virtualNetworkId === undefined) {
      throw new ValidationError(
        this,
        'virtualNetworkId',
        undefined,
        'is needed to link the new privatelink.vaultcore.azure.net zone; give the VNet id, or privateDnsZoneId of an existing zone',
      );
    }
    if (!publicAccess && allowedIpRanges.length > 0) {
      throw new ValidationError(
        this,
        'allowedIpRanges',
        allowedIpRanges,
        'apply only to the public endpoint, which is off; remove them, or set enablePublicNetworkAccess: true',
      );
    }
    allowedIpRanges.forEach((range, i) => {
      if (Token.isUnresolved(range)) return;
      const problem = keyVaultIpRuleProblem(range);
      if (problem) throw new ValidationError(this, `allowedIpRanges[${i}]`, range, problem);
    });
  }
}
