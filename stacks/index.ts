import type { App } from 'cdktf';
import type { EnvironmentConfig } from '../modules/core/config/schema';
import { stackName, stateBackendStackName } from '../modules/core/naming';
import { AwsDatabaseStack } from './aws-database-stack';
import { AwsNetworkStack } from './aws-network-stack';
import { StateBackendStack } from './state-backend-stack';
import { AzureNetworkStack } from './azure-network-stack';
import { AzureDatabaseStack } from './azure-database-stack';
import { GcpNetworkStack } from './gcp-network-stack';
import { GcpDatabaseStack } from './gcp-database-stack';
import { AwsDrReplicationStack } from './aws-dr-replication-stack';
import { AwsDrVpnStack } from './aws-dr-vpn-stack';
import { GcpDrVpnStack } from './gcp-dr-vpn-stack';

/**
 * Adds every stack of one environment to the app, in deploy order.
 *
 * Cross-stack values pass through props (see contracts.ts); cdktf turns them into outputs and
 * remote-state reads and records the dependency, so `cdktf deploy` runs stacks in order.
 */
export function addEnvironmentStacks(app: App, env: EnvironmentConfig): void {
  if (env.state.createBackend) {
    new StateBackendStack(app, stateBackendStackName(env.name), { env });
  }
  // -- networks --
  const awsNetwork = env.aws.network.enabled
    ? new AwsNetworkStack(app, stackName(env.name, 'aws', 'network'), { env })
    : undefined;
  const gcpNetwork = env.gcp.network.enabled
    ? new GcpNetworkStack(app, stackName(env.name, 'gcp', 'network'), { env })
    : undefined;
  const azureNetwork = env.azure.network.enabled
    ? new AzureNetworkStack(app, stackName(env.name, 'azure', 'network'), { env })
    : undefined;
  // -- databases --
  const awsDatabase =
    env.aws.database.enabled && awsNetwork
      ? new AwsDatabaseStack(app, stackName(env.name, 'aws', 'database'), { env, network: awsNetwork.outputs })
      : undefined;
  const gcpDatabase =
    env.gcp.database.enabled && gcpNetwork
      ? new GcpDatabaseStack(app, stackName(env.name, 'gcp', 'database'), { env, network: gcpNetwork.outputs })
      : undefined;
  if (env.azure.database.enabled && azureNetwork) {
    new AzureDatabaseStack(app, stackName(env.name, 'azure', 'database'), { env, network: azureNetwork.outputs });
  }
  // -- the AWS-to-GCP DR link (checkDr refuses dr.enabled without both networks and databases) --
  if (env.dr.enabled && awsNetwork && gcpNetwork && awsDatabase && gcpDatabase) {
    const [aws, gcp] = [awsNetwork.outputs, gcpNetwork.outputs];
    const awsVpn = new AwsDrVpnStack(app, stackName(env.name, 'aws', 'dr-vpn'), { env, network: aws, gcpNetwork: gcp });
    const [awsDb, gcpDb] = [awsDatabase.outputs, gcpDatabase.outputs];
    const gcpVpn = new GcpDrVpnStack(app, stackName(env.name, 'gcp', 'dr-vpn'), {
      env,
      gcpNetwork: gcp,
      gcpDatabase: gcpDb,
      awsTunnels: awsVpn.tunnels,
    });
    const replication = new AwsDrReplicationStack(app, stackName(env.name, 'aws', 'dr-replication'), {
      env,
      network: aws,
      gcpNetwork: gcp,
      awsDatabase: awsDb,
      gcpDatabase: gcpDb,
      dmsUser: gcpVpn.dmsUser,
    });
    // Stage order (docs/dr.md): networks and databases -> AWS VPN -> GCP VPN -> DMS (its endpoints need the tunnels up).
    [awsNetwork, gcpNetwork].forEach((s) => awsVpn.addDependency(s));
    [gcpNetwork, gcpDatabase, awsVpn].forEach((s) => gcpVpn.addDependency(s));
    [awsNetwork, gcpNetwork, awsDatabase, gcpDatabase, awsVpn, gcpVpn].forEach((s) => replication.addDependency(s));
  }
}
