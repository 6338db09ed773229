import * as fs from 'node:fs';
import { awsDatabaseFamily } from '../aws-database/family';
import { awsNetworkFamily } from '../aws-network/family';
import { defineFamily } from '../family';
import { gcpDatabaseFamily } from '../gcp-database/family';
import { gcpNetworkSection, gcpNetworkRanges } from '../gcp-network/config';
import { gcpNetworkFamily } from '../gcp-network/family';
import { AwsDrReplicationStack } from './aws-dr-replication-stack';
import { AwsDrVpnStack } from './aws-dr-vpn-stack';
import { drSection, resolveConfigFile } from './config';
import { GcpDrVpnStack } from './gcp-dr-vpn-stack';

/*
 * The AWS-to-GCP DR link: three stacks, deployed in stages after the networks and databases
 * (stage 1, the HA VPN gateway, is part of `<env>-gcp-network`). See docs/dr.md.
 */

/** Stage 2: the AWS side of the HA VPN. */
export const awsDrVpnFamily = defineFamily({
  id: 'aws-dr-vpn',
  description: 'VPN gateway, customer gateways, 2 VPN connections (4 tunnels)',
  section: drSection,
  enabledWhen: '`dr.enabled`',
  enabled: (dr) => dr.enabled,
  dependsOn: [awsNetworkFamily, gcpNetworkFamily],
  build: (ctx, config) => {
    const gcpRanges = gcpNetworkRanges(ctx.env.section(gcpNetworkSection))
      .filter((r) => !r.source.includes('.secondaryRanges.'))
      .map((r) => r.cidr);
    const stack = new AwsDrVpnStack(ctx.scope, ctx.name, {
      environment: ctx.environment,
      config,
      gcpRanges,
      network: ctx.use(awsNetworkFamily),
      gcpNetwork: ctx.use(gcpNetworkFamily),
    });
    return { stack, outputs: stack.tunnels };
  },
});

/** Stage 3: the GCP side of the HA VPN, and the Cloud SQL user DMS writes as. */
export const gcpDrVpnFamily = defineFamily({
  id: 'gcp-dr-vpn',
  description: 'external VPN gateway, 4 tunnels, BGP sessions, PSA route export, the DMS database user',
  section: drSection,
  enabledWhen: '`dr.enabled`',
  enabled: (dr) => dr.enabled,
  dependsOn: [gcpNetworkFamily, gcpDatabaseFamily, awsDrVpnFamily],
  build: (ctx, config) => {
    const stack = new GcpDrVpnStack(ctx.scope, ctx.name, {
      environment: ctx.environment,
      config,
      gcpNetwork: ctx.use(gcpNetworkFamily),
      gcpDatabase: ctx.use(gcpDatabaseFamily),
      awsTunnels: ctx.use(awsDrVpnFamily),
    });
    return { stack, outputs: stack.dmsUser };
  },
});

/** Stage 4: DMS (its endpoints need the tunnels up), alarms, failover DNS. */
export const awsDrReplicationFamily = defineFamily({
  id: 'aws-dr-replication',
  description: 'DMS, alarms, failover DNS',
  section: drSection,
  enabledWhen: '`dr.enabled`',
  enabled: (dr) => dr.enabled,
  dependsOn: [awsNetworkFamily, gcpNetworkFamily, awsDatabaseFamily, gcpDatabaseFamily, awsDrVpnFamily, gcpDrVpnFamily],
  build: (ctx, config) => {
    const caFile = config.dms.sourceCaBundleFile;
    const stack = new AwsDrReplicationStack(ctx.scope, ctx.name, {
      environment: ctx.environment,
      config,
      // Checked by the dr section while config was validated (exists, is a file, parses as PEM).
      ...(caFile ? { sourceCaBundlePem: fs.readFileSync(resolveConfigFile(ctx.env.file, caFile), 'utf8') } : {}),
      network: ctx.use(awsNetworkFamily),
      gcpNetwork: ctx.use(gcpNetworkFamily),
      awsDatabase: ctx.use(awsDatabaseFamily),
      gcpDatabase: ctx.use(gcpDatabaseFamily),
      dmsUser: ctx.use(gcpDrVpnFamily),
    });
    return { stack, outputs: {} };
  },
});
