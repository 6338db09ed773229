import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import { AzureNetwork, type AzureNetworkSubnetProps } from '../../modules/azure/network';
import type { AzureNetworkOutputs } from '../contracts';
import { EnvironmentStack, type EnvironmentStackProps } from '../environment-stack';
import { azurermProvider } from '../private/azurerm-provider';
import { azureTags } from '../private/providers';
import { AZURE_SUBNET_ROLES, type AzureNetworkConfig, azureNetworkResourceGroupName, azureSubnetCidrs } from './config';

/** Props of {@link AzureNetworkStack}. */
export interface AzureNetworkStackProps extends EnvironmentStackProps {
  /** The `azure.network` section. */
  readonly config: AzureNetworkConfig;
}

/**
 * `<env>-azure-network`: the environment's Azure VNet, from `azure.network`.
 *
 * Subnets by role (`app`, `data`, `aks`, `apps`, `functions`, `functions-premium`) at the blocks computed from the address space (or set
 * in the file), each with its NSG; the NAT gateway serves the roles that have egress; the
 * PostgreSQL private DNS zone is linked to the VNet for the database stack.
 */
export class AzureNetworkStack extends EnvironmentStack {
  public readonly network: AzureNetwork;
  public readonly outputs: AzureNetworkOutputs;

  constructor(scope: Construct, name: string, props: AzureNetworkStackProps) {
    super(scope, name, props);
    const { environment: env, config } = props;
    azurermProvider(this, env);

    const cidrs = azureSubnetCidrs(config);
    const subnets: Record<string, AzureNetworkSubnetProps> = {};
    for (const [role, spec] of Object.entries(AZURE_SUBNET_ROLES)) {
      subnets[role] = {
        cidr: cidrs[role as keyof typeof AZURE_SUBNET_ROLES],
        natGateway: spec.natGateway,
        ...('delegation' in spec ? { delegation: spec.delegation } : {}),
        ...('allowInbound' in spec ? { allowInbound: { fromRoles: [...spec.allowInbound.fromRoles], tcpPorts: [...spec.allowInbound.tcpPorts] } } : {}),
        ...('serviceEndpoints' in spec ? { serviceEndpoints: [...spec.serviceEndpoints] } : {}),
      };
    }

    this.network = new AzureNetwork(this, 'network', {
      name: env.name,
      location: env.azure.location,
      addressSpace: config.addressSpace,
      resourceGroupName: azureNetworkResourceGroupName(env.name, config),
      subnets,
      enableNatGateway: config.natGateway.enabled,
      natIdleTimeoutMinutes: config.natGateway.idleTimeoutMinutes,
      tags: azureTags(env),
    });

    this.outputs = {
      resourceGroupName: this.network.resourceGroup.name,
      location: env.azure.location,
      vnetId: this.network.virtualNetwork.id,
      vnetName: this.network.virtualNetwork.name,
      subnetIds: this.network.subnetIds,
      nsgIds: this.network.nsgIds,
      postgresPrivateDnsZoneId: this.network.postgresPrivateDnsZone.id,
    };

    new TerraformOutput(this, 'resource_group_name', { value: this.outputs.resourceGroupName });
    new TerraformOutput(this, 'vnet_id', { value: this.outputs.vnetId });
    new TerraformOutput(this, 'vnet_name', { value: this.outputs.vnetName });
    new TerraformOutput(this, 'subnet_ids', { value: this.outputs.subnetIds });
    new TerraformOutput(this, 'nsg_ids', { value: this.outputs.nsgIds });
    new TerraformOutput(this, 'postgres_private_dns_zone_id', { value: this.outputs.postgresPrivateDnsZoneId });
    new TerraformOutput(this, 'subnet_layout', {
      value: { address_space: config.addressSpace, ...this.network.layout },
      description: 'The VNet address space and each subnet block by role (computed at synth).',
    });
    if (this.network.natPublicIp) {
      new TerraformOutput(this, 'nat_public_ip', {
        value: this.network.natPublicIp.ipAddress,
        description: 'The static address outbound traffic of the NAT subnets comes from (for allow-lists).',
      });
    }
  }
}
