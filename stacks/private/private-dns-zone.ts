import { PrivateDnsZone } from '@cdktf/provider-azurerm/lib/private-dns-zone';
import { PrivateDnsZoneVirtualNetworkLink } from '@cdktf/provider-azurerm/lib/private-dns-zone-virtual-network-link';
import { Construct } from 'constructs';

/**
 * A private DNS zone linked to the environment's VNet (registration off), for the records of
 * private endpoints (`privatelink.azurecr.io`...) or an internal Container Apps environment.
 *
 * @see https://learn.microsoft.com/azure/private-link/private-endpoint-dns
 */
export function linkedPrivateDnsZone(
  scope: Construct,
  id: string,
  props: { name: string; resourceGroupName: string; vnetId: string; linkName: string; tags?: Record<string, string> },
): PrivateDnsZone {
  const holder = new Construct(scope, id);
  const zone = new PrivateDnsZone(holder, 'zone', { name: props.name, resourceGroupName: props.resourceGroupName, tags: props.tags });
  new PrivateDnsZoneVirtualNetworkLink(holder, 'vnet-link', {
    name: props.linkName,
    resourceGroupName: props.resourceGroupName,
    privateDnsZoneName: zone.name,
    virtualNetworkId: props.vnetId,
    registrationEnabled: false,
    tags: props.tags,
  });
  return zone;
}
