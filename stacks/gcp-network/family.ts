import { awsNetworkSection } from '../aws-network/config';
import { drSection } from '../dr/config';
import { defineFamily } from '../family';
import { gcpNetworkSection } from './config';
import { GcpNetworkStack } from './gcp-network-stack';

/** `<env>-gcp-network`: the VPC network; stage 1 of the DR link when `dr.enabled`. */
export const gcpNetworkFamily = defineFamily({
  id: 'gcp-network',
  description: 'VPC network, subnets, NAT, firewall, private services access (+ HA VPN gateway when `dr.enabled`)',
  section: gcpNetworkSection,
  enabledWhen: '`gcp.network.enabled`',
  enabled: (network) => network.enabled,
  dependsOn: [],
  build: (ctx, config) => {
    const dr = ctx.env.section(drSection);
    const drVpn = dr.enabled
      ? { routerAsn: dr.vpn.gcpRouterAsn, awsVpcCidr: ctx.env.section(awsNetworkSection).cidr }
      : undefined;
    const stack = new GcpNetworkStack(ctx.scope, ctx.name, { environment: ctx.environment, config, ...(drVpn ? { drVpn } : {}) });
    return { stack, outputs: stack.outputs };
  },
});
