import { ContainerRegistry as AzurermContainerRegistry } from '@cdktf/provider-azurerm/lib/container-registry';
import { PrivateEndpoint } from '@cdktf/provider-azurerm/lib/private-endpoint';
import { Construct } from 'constructs';
import { ValidationError } from '../core/validation-error';
import { known } from './private/compute-rules';
import { newPrivateEndpoint } from './private/private-endpoint';

/** ACR SKUs. Only Premium has private endpoints, network rules, zone redundancy and retention. */
export const CONTAINER_REGISTRY_SKUS = ['Basic', 'Standard', 'Premium'] as const;
/** An ACR SKU. */
export type ContainerRegistrySku = (typeof CONTAINER_REGISTRY_SKUS)[number];

/** Defaults of {@link ContainerRegistry}. */
export const CONTAINER_REGISTRY_DEFAULTS = {
  sku: 'Premium' as ContainerRegistrySku,
  /** Days untagged manifests are kept (Premium). */
  untaggedRetentionDays: 7,
  /** The private DNS zone a registry's private endpoint registers in. */
  privateDnsZoneName: 'privatelink.azurecr.io',
} as const;

/** Registry names: 5-50 letters and digits, globally unique. */
const REGISTRY_NAME = /^[A-Za-z0-9]{5,50}$/;

/**
 * Why a registry name is refused, or `undefined` when Azure accepts it.
 *
 * @see https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules#microsoftcontainerregistry
 */
export function containerRegistryNameProblem(name: string): string | undefined {
  return REGISTRY_NAME.test(name) ? undefined : `is not a registry name; use 5-50 letters and digits, no "-" (this one has ${name.length} characters)`;
}

/** Why a SKU is refused, or `undefined` when it exists. */
export function containerRegistrySkuProblem(sku: string): string | undefined {
  return (CONTAINER_REGISTRY_SKUS as readonly string[]).includes(sku)
    ? undefined
    : `is not an ACR SKU; use one of ${CONTAINER_REGISTRY_SKUS.join(', ')}`;
}

/** Props of {@link ContainerRegistry}. */
export interface ContainerRegistryProps {
  /** Registry name: 5-50 letters and digits, globally unique (the login server is `<name>.azurecr.io`). */
  readonly name: string;
  /** Resource group of the registry. */
  readonly resourceGroupName: string;
  /** Azure location. */
  readonly location: string;
  /**
   * `Premium` (private endpoint, no public access, zone redundant, untagged-manifest retention) or
   * `Standard` / `Basic`, which have no private access at all: their registry is reachable from the
   * internet (authenticated by Entra ID; admin user and anonymous pull stay off).
   *
   * @default 'Premium'
   */
  readonly sku?: ContainerRegistrySku;
  /** Subnet of the registry's private endpoint (Premium, required unless `public`). @default - none */
  readonly privateEndpointSubnetId?: string;
  /** Private DNS zone `privatelink.azurecr.io` for the endpoint's records. @default - no zone group (DNS managed elsewhere) */
  readonly privateDnsZoneId?: string;
  /** Keep the public endpoint on (Premium). Basic and Standard are always public. @default false (Premium) */
  readonly public?: boolean;
  /** Days untagged manifests are kept, 0-365 (Premium). @default 7 */
  readonly untaggedRetentionDays?: number;
  /** Tags on every resource. @default - none */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * An Azure Container Registry: admin user disabled, no anonymous pull; Premium by default with
 * public network access off, a private endpoint, zone redundancy, export of images disabled and
 * a retention policy for untagged manifests.
 *
 * Pulls use Entra identities with `AcrPull` (see {@link ContainerApp}, AKS kubelet identity).
 * Pushing from CI needs a runner that reaches the private endpoint.
 *
 * @see https://learn.microsoft.com/azure/container-registry/container-registry-private-link
 * @see https://registry.terraform.io/providers/hashicorp/azurerm/4.55.0/docs/resources/container_registry
 */
export class ContainerRegistry extends Construct {
  /** The registry. */
  public readonly resource: AzurermContainerRegistry;
  /** The private endpoint (Premium, unless public). */
  public readonly privateEndpoint?: PrivateEndpoint;
  /** Registry resource id (scope of `AcrPull` grants). */
  public readonly registryId: string;
  /** Login server, e.g. `myregistry.azurecr.io`. */
  public readonly loginServer: string;

  constructor(scope: Construct, id: string, props: ContainerRegistryProps) {
    super(scope, id);
    const sku = props.sku ?? CONTAINER_REGISTRY_DEFAULTS.sku;
    const premium = sku === 'Premium';
    const isPublic = premium ? (props.public ?? false) : true;
    const retention = props.untaggedRetentionDays ?? CONTAINER_REGISTRY_DEFAULTS.untaggedRetentionDays;

    const nameProblem = known(props.name) ? containerRegistryNameProblem(props.name) : undefined;
    if (nameProblem) throw new ValidationError(this, 'name', props.name, nameProblem);
    const skuProblem = containerRegistrySkuProblem(sku);
    if (skuProblem) throw new ValidationError(this, 'sku', sku, skuProblem);
    if (!premium && props.public === false) {
      throw new ValidationError(this, 'public', false, `is not possible with sku ${sku}: only Premium turns public network access off; use sku Premium`);
    }
    if (!premium && props.privateEndpointSubnetId !== undefined) {
      throw new ValidationError(this, 'privateEndpointSubnetId', props.privateEndpointSubnetId, `needs sku Premium (private endpoints are Premium only); sku is ${sku}`);
    }
    if (premium && !isPublic && props.privateEndpointSubnetId === undefined) {
      throw new ValidationError(this, 'privateEndpointSubnetId', undefined, 'is required: a Premium registry without public access is reached through its private endpoint (or set public: true)');
    }
    if (!premium && props.untaggedRetentionDays !== undefined) {
      throw new ValidationError(this, 'untaggedRetentionDays', props.untaggedRetentionDays, `needs sku Premium; sku is ${sku}`);
    }
    if (known(retention) && (!Number.isInteger(retention) || retention < 0 || retention > 365)) {
      throw new ValidationError(this, 'untaggedRetentionDays', retention, 'is not allowed; use 0 to 365 days');
    }
    const tags = props.tags ? { ...props.tags } : undefined;

    this.resource = new AzurermContainerRegistry(this, 'resource', {
      name: props.name,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      sku,
      adminEnabled: false,
      anonymousPullEnabled: false,
      publicNetworkAccessEnabled: isPublic,
      // Premium-only arguments; the provider rejects them on Basic/Standard.
      zoneRedundancyEnabled: premium ? true : undefined,
      // Export can be disabled only with public network access off.
      exportPolicyEnabled: premium && !isPublic ? false : undefined,
      retentionPolicyInDays: premium ? retention : undefined,
      networkRuleBypassOption: premium ? 'AzureServices' : undefined,
      tags,
    });
    this.registryId = this.resource.id;
    this.loginServer = this.resource.loginServer;

    if (props.privateEndpointSubnetId !== undefined) {
      this.privateEndpoint = newPrivateEndpoint(this, 'private-endpoint', {
        name: props.name,
        resourceGroupName: props.resourceGroupName,
        location: props.location,
        subnetId: props.privateEndpointSubnetId,
        targetResourceId: this.resource.id,
        subresourceName: 'registry',
        dnsZoneGroupName: 'registry',
        privateDnsZoneId: props.privateDnsZoneId,
        tags,
      });
    }
  }
}
