import { parseCidr } from '../../modules/core/cidr';
import { awsNetworkSection } from '../aws-network/config';
import { azureNetworkSection } from '../azure-network/config';
import { azureNetworkFamily } from '../azure-network/family';
import { planRanges } from '../environment/checks';
import { defineFamily } from '../family';
import { gcpNetworkSection } from '../gcp-network/config';
import { AzureAksStack } from './azure-aks-stack';
import { aksOverlayRanges, azureAksSection } from './config';

/** `<env>-azure-aks`: the AKS cluster and its user node pools. */
export const azureAksFamily = defineFamily({
  id: 'azure-aks',
  description: 'AKS cluster (private, Entra ID + Azure RBAC, CNI Overlay), user node pools, Container Insights',
  section: azureAksSection,
  enabledWhen: '`azure.aks.enabled`',
  enabled: (aks) => aks.enabled,
  dependsOn: [azureNetworkFamily],
  build: (ctx, config) => {
    // The overlay ranges come from the address plan (its reserved aks-pods / aks-services) unless
    // the section sets them; the section's check has made sure they resolve.
    const overlay = aksOverlayRanges(config, ctx.env.core.addressPlan.reserved);
    const network = ctx.env.get(azureNetworkSection);
    // Every other routable range of the plan, for the construct's overlap check (belt and braces:
    // the loader's address-plan check already proved the overlay distinct).
    const addressPlan = planRanges(ctx.env, [awsNetworkSection, gcpNetworkSection, azureNetworkSection])
      .map((r) => r.cidr)
      .filter((c, i, all) => all.indexOf(c) === i && c !== overlay.podCidr && c !== overlay.serviceCidr && !parseCidr(c).error);
    const stack = new AzureAksStack(ctx.scope, ctx.name, {
      environment: ctx.environment,
      config,
      network: ctx.use(azureNetworkFamily),
      overlay: { podCidr: overlay.podCidr!, serviceCidr: overlay.serviceCidr!, dnsServiceIp: overlay.dnsServiceIp! },
      addressPlan,
      // With the NAT gateway on the aks subnet, egress leaves through it (no public load balancer IP).
      defaultOutboundType: network?.natGateway.enabled ? 'userAssignedNATGateway' : 'loadBalancer',
    });
    return { stack, outputs: stack.outputs };
  },
});
