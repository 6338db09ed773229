import { PrivateEndpoint } from '@cdktf/provider-azurerm/lib/private-endpoint';
import { Construct } from 'constructs';

/**
 * The private endpoint that the Azure data and compute constructs put in front of their resource.
 *
 * Internal: a function, not a construct, so the endpoint keeps its id directly under the calling
 * construct (`<construct>/<id>`) and its Terraform address does not move.
 */

/** What a private endpoint to one sub-resource of a target resource needs. */
export interface PrivateEndpointOptions {
  /** Base name: the endpoint is named `pe-<name>` and its service connection `psc-<name>`. */
  readonly name: string;
  /** Resource group of the endpoint. */
  readonly resourceGroupName: string;
  /** Azure region of the endpoint. */
  readonly location: string;
  /** Subnet the endpoint's network interface is placed in. */
  readonly subnetId: string;
  /** Id of the resource the endpoint connects to. */
  readonly targetResourceId: string;
  /**
   * The target's private-link sub-resource (group id), e.g. `blob`, `vault`, `Sql`, `sites`.
   * @see https://learn.microsoft.com/azure/private-link/private-endpoint-overview#private-link-resource
   */
  readonly subresourceName: string;
  /** Name of the DNS zone group (used only with `privateDnsZoneId`). */
  readonly dnsZoneGroupName: string;
  /**
   * Private DNS zone in which the zone group writes (and removes) the endpoint's A record.
   * @default - no zone group; DNS records are managed elsewhere
   */
  readonly privateDnsZoneId?: string;
  /**
   * Tags of the endpoint.
   * @default - none
   */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * Creates `new PrivateEndpoint(scope, id, ...)`: an automatically approved connection to
 * `targetResourceId`'s `subresourceName`, with a DNS zone group when `privateDnsZoneId` is given.
 *
 * @see https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/private_endpoint
 */
export function newPrivateEndpoint(scope: Construct, id: string, options: PrivateEndpointOptions): PrivateEndpoint {
  return new PrivateEndpoint(scope, id, {
    name: `pe-${options.name}`,
    resourceGroupName: options.resourceGroupName,
    location: options.location,
    subnetId: options.subnetId,
    privateServiceConnection: {
      name: `psc-${options.name}`,
      privateConnectionResourceId: options.targetResourceId,
      subresourceNames: [options.subresourceName],
      isManualConnection: false,
    },
    privateDnsZoneGroup: options.privateDnsZoneId
      ? { name: options.dnsZoneGroupName, privateDnsZoneIds: [options.privateDnsZoneId] }
      : undefined,
    tags: options.tags,
  });
}
