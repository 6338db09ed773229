import type { AwsDrTunnel } from '../modules/dr/aws-dr-vpn';

/**
 * What each stack publishes for the stacks after it.
 *
 * A consuming stack takes one of these through its props; the values are tokens of the
 * producing stack, and cdktf turns each into an output there and a remote-state read here.
 * Keep the field names stable: they are part of the stack graph.
 */

/** Published by `<env>-aws-network`. */
export interface AwsNetworkOutputs {
  readonly vpcId: string;
  readonly vpcCidr: string;
  /** Availability-zone names, in slot order. */
  readonly availabilityZones: string[];
  readonly publicSubnetIds: string[];
  readonly privateSubnetIds: string[];
  readonly databaseSubnetIds: string[];
  /** Route tables of the private tier (one per AZ or one shared, by NAT mode). */
  readonly privateRouteTableIds: string[];
  /** Route tables of the isolated database tier. */
  readonly databaseRouteTableIds: string[];
  /**
   * The private and database route tables keyed by `<tier>-<zone letter>`, or `<tier>` for a
   * table every zone shares (single NAT): stable keys for resources made per route table.
   */
  readonly keyedRouteTableIds: Record<string, string>;
  /** DB subnet group over the database subnets. */
  readonly dbSubnetGroupName: string;
  /** Security group of the interface endpoints (443 from the VPC). */
  readonly endpointSecurityGroupId: string;
  /** Regional DNS name of the Secrets Manager interface endpoint (for DMS endpoint overrides). */
  readonly secretsManagerEndpointDnsName: string;
}

/** Published by `<env>-gcp-network`. */
export interface GcpNetworkOutputs {
  readonly networkId: string;
  readonly networkName: string;
  readonly networkSelfLink: string;
  /** Subnet ids keyed by the subnet's name in the config. */
  readonly subnetIds: Record<string, string>;
  /** Name of the private-services-access global address (Cloud SQL `allocated_ip_range`). */
  readonly privateServiceAccessRangeName: string;
  /** The private-services-access range, e.g. `10.2.0.0/16`. */
  readonly privateServiceAccessCidr: string;
  /** Id of the `servicenetworking.googleapis.com` connection (Cloud SQL must depend on it). */
  readonly serviceNetworkingConnectionId: string;
  /** Cloud Router used by Cloud NAT. */
  readonly routerName: string;
  /** HA VPN side of the DR link, present when `dr.enabled`. */
  readonly drVpn?: GcpDrVpnGatewayOutputs;
}

/** The HA VPN gateway and Cloud Router the DR link terminates on (in `<env>-gcp-network`). */
export interface GcpDrVpnGatewayOutputs {
  readonly haVpnGatewayId: string;
  readonly haVpnGatewaySelfLink: string;
  /** Public addresses of HA VPN interfaces 0 and 1. */
  readonly interfaceIps: [string, string];
  readonly routerName: string;
  /** The Cloud Router's BGP ASN (a number known at synth, from config). */
  readonly routerAsn: number;
}

/** Published by `<env>-azure-network`. */
export interface AzureNetworkOutputs {
  readonly resourceGroupName: string;
  readonly location: string;
  readonly vnetId: string;
  readonly vnetName: string;
  /** Subnet ids keyed by role: `app`, `data`, `aks`, `apps`, `functions`, `functions-premium`. */
  readonly subnetIds: Record<string, string>;
  /** NSG ids keyed by the same roles. */
  readonly nsgIds: Record<string, string>;
  /** Private DNS zone for PostgreSQL flexible servers, linked to the VNet. */
  readonly postgresPrivateDnsZoneId: string;
}

/** Published by `<env>-aws-database`. */
export interface AwsDatabaseOutputs {
  readonly endpoint: string;
  readonly address: string;
  readonly port: number;
  readonly instanceId: string;
  readonly instanceArn: string;
  readonly securityGroupId: string;
  /** Secrets Manager secret that RDS manages for the master user. */
  readonly secretArn: string;
  readonly kmsKeyArn: string;
  readonly parameterGroupName: string;
  /** Name of the application database (from config, known at synth). */
  readonly databaseName: string;
  /** RDS resource id of the primary (`db-...`): the resource of `rds-db:connect` for IAM authentication. */
  readonly resourceId: string;
}

/** Published by `<env>-gcp-database`. */
export interface GcpDatabaseOutputs {
  readonly instanceName: string;
  readonly connectionName: string;
  readonly privateIp: string;
  readonly databaseName: string;
  /** Secret Manager secret id of the application user's password. */
  readonly secretId: string;
  /** PEM of the instance's server CA (for DMS `verify-ca`). */
  readonly serverCaCert: string;
}

/** Published by `<env>-azure-database`. */
export interface AzureDatabaseOutputs {
  readonly serverId: string;
  readonly fqdn: string;
  readonly databaseName: string;
  readonly keyVaultSecretId: string;
}

/** Published by `<env>-azure-functions`; maps are keyed by the app's key in `azure.functions.apps`. */
export interface AzureFunctionsOutputs {
  readonly resourceGroupName: string;
  readonly logAnalyticsWorkspaceId: string;
  readonly appIds: Record<string, string>;
  readonly defaultHostnames: Record<string, string>;
  /** Principal ids of the app identities (for further role assignments). */
  readonly principalIds: Record<string, string>;
}

/** Published by `<env>-azure-containers`; app maps are keyed by the app's key in `azure.containers.apps`. */
export interface AzureContainersOutputs {
  readonly resourceGroupName: string;
  readonly logAnalyticsWorkspaceId: string;
  readonly registryId: string;
  readonly registryLoginServer: string;
  readonly environmentId: string;
  /** Default domain of the environment's apps. */
  readonly environmentDefaultDomain: string;
  /** Static IP of the environment (private when internal). */
  readonly environmentStaticIp: string;
  readonly appIds: Record<string, string>;
  readonly appFqdns: Record<string, string>;
  /** Principal ids of the apps' user-assigned identities. */
  readonly principalIds: Record<string, string>;
}

/** Published by `<env>-azure-aks` for the workloads stack. */
export interface AzureAksOutputs {
  readonly clusterName: string;
  readonly resourceGroupName: string;
  readonly clusterId: string;
  /** API server URL (sensitive: from `kube_config`). */
  readonly host: string;
  /** Base64 PEM CA certificate of the API server (sensitive: from `kube_config`). */
  readonly clusterCaCertificate: string;
  /** OIDC issuer URL for workload identity federation. */
  readonly oidcIssuerUrl: string;
  /** Kubelet identity: object id (for `AcrPull`), client id and resource id. */
  readonly kubeletIdentity: { readonly objectId: string; readonly clientId: string; readonly userAssignedIdentityId: string };
}

/** Published by `<env>-aws-dr-vpn`: tunnels 1-4, in the order of GCP's external gateway interfaces 0-3. */
export type AwsDrTunnelOutputs = readonly AwsDrTunnel[];

/** Published by `<env>-gcp-dr-vpn`: the Cloud SQL user DMS writes as. */
export interface DrDmsUserOutputs {
  readonly userName: string;
  /** Sensitive: reaches the AWS stack only as a sensitive cross-stack output. */
  readonly password: string;
}

/** What a stack that publishes nothing returns. */
export type NoOutputs = Record<string, never>;

/** Published by `<env>-aws-alerts`: the environment's alert topic, which compute alarms notify. */
export interface AwsAlertsOutputs {
  readonly topicArn: string;
  /** Customer key that encrypts the topic (CloudWatch alarms and EventBridge may use it). */
  readonly kmsKeyArn: string;
}

/** Published by `<env>-aws-functions`. */
export interface AwsFunctionsOutputs {
  /** Invoke URL of the HTTP API's `$default` stage, or `undefined` when no function has routes. */
  readonly apiUrl?: string;
  /** ARNs of the `live` aliases, keyed by the function's name in the config. */
  readonly functionAliasArns: Record<string, string>;
  /** ARNs of the execution roles (named in queue, bus and key policies), keyed by the function's name. @default - not published */
  readonly functionRoleArns?: Record<string, string>;
  /** Timeouts, seconds (a consuming queue's visibility timeout must be at least 6 times it), keyed by the function's name. @default - not published */
  readonly functionTimeoutSeconds?: Record<string, number>;
}

/** Published by `<env>-aws-services`. */
export interface AwsServicesOutputs {
  readonly clusterName: string;
  readonly clusterArn: string;
  /** DNS names of the load balancers, keyed by the service's name in the config. */
  readonly loadBalancerDnsNames: Record<string, string>;
  /** `app/<name>/<id>` of each load balancer (CloudWatch dimension `LoadBalancer`), keyed by the service's name. */
  readonly loadBalancerArnSuffixes: Record<string, string>;
  /** `targetgroup/<name>/<id>` of each service's target group (CloudWatch dimension `TargetGroup`), keyed by the service's name. */
  readonly targetGroupArnSuffixes: Record<string, string>;
  /** ECR repository URLs, keyed by the service's name in the config (services with their own repository). */
  readonly repositoryUrls: Record<string, string>;
}

/** Published by `<env>-aws-eks` for the Kubernetes workloads stack. */
export interface AwsEksOutputs {
  readonly clusterName: string;
  /** API server endpoint URL. */
  readonly endpoint: string;
  /** Base64 PEM of the cluster's certificate authority. */
  readonly certificateAuthorityData: string;
  readonly oidcProviderArn: string;
  /** `https://oidc.eks.<region>.amazonaws.com/id/<id>`. */
  readonly oidcIssuerUrl: string;
  /** Security group of the nodes (the cluster security group). */
  readonly nodeSecurityGroupId: string;
  /** IRSA role of the AWS Load Balancer Controller (kube-system/aws-load-balancer-controller). */
  readonly loadBalancerControllerRoleArn: string;
  /** Karpenter's controller role, node role, and interruption queue, when `aws.eks.karpenter.enabled`. */
  readonly karpenter?: { readonly controllerRoleArn: string; readonly nodeRoleName: string; readonly instanceProfileName: string; readonly queueName: string };
}

/** Published by `<env>-gcp-run`. */
export interface GcpRunOutputs {
  /** `<region>-docker.pkg.dev/<project>/<repository>`: where the services' images are pushed. */
  readonly repositoryUrl: string;
  /** `run.app` URLs, keyed by the service's name in the config. */
  readonly serviceUrls: Record<string, string>;
  /** Service account emails, keyed by the service's name (for grants in other stacks). */
  readonly serviceAccountEmails: Record<string, string>;
  /** Load balancer IPv4 addresses, keyed by the name of each service that has `domains`. */
  readonly loadBalancerIps: Record<string, string>;
}

/** Published by `<env>-gcp-functions`. */
export interface GcpFunctionsOutputs {
  /** HTTPS URLs, keyed by the function's name in the config. */
  readonly functionUrls: Record<string, string>;
  /** Service account emails, keyed by the function's name. */
  readonly serviceAccountEmails: Record<string, string>;
  /** Serverless VPC Access connector id, when `gcp.functions.vpcConnector` is set. */
  readonly vpcConnectorId?: string;
}

/** Published by `<env>-gcp-gke` for the Kubernetes workloads stack. */
export interface GcpGkeOutputs {
  readonly clusterName: string;
  /** Control-plane endpoint (an IP address; private when `privateEndpoint`). */
  readonly endpoint: string;
  /** Base64 PEM of the cluster's certificate authority. */
  readonly caCertificate: string;
  /** The cluster's region. */
  readonly location: string;
  /** Workload Identity pool, `<project>.svc.id.goog`. */
  readonly workloadIdentityPool: string;
}

/**
 * Published by `<env>-aws-data`; maps are keyed by the bucket's or table's key in config.
 * (Belongs in stacks/contracts.ts; kept here until the lead moves it.)
 */
export interface AwsDataOutputs {
  readonly bucketNames: Record<string, string>;
  readonly bucketArns: Record<string, string>;
  readonly tableNames: Record<string, string>;
  readonly tableArns: Record<string, string>;
  /** Stream ARN of each table that has a stream (`aws.data.tables.<name>.stream`), by table key. */
  readonly tableStreamArns: Record<string, string>;
  /** Domain name of the CloudFront distribution, when `aws.data.cdn` is set. */
  readonly cdnDomainName?: string;
  /** The cache, when `aws.data.cache` is set. */
  readonly cache?: AwsDataCacheOutputs;
}

/** The cache `<env>-aws-data` publishes, when `aws.data.cache` is set. */
export interface AwsDataCacheOutputs {
  readonly primaryEndpoint: string;
  readonly readerEndpoint: string;
  readonly port: number;
  readonly securityGroupId: string;
  /** The secret holding the cache user's name and password. */
  readonly secretArn: string;
  /** Customer key of the cache and its secret (a reader of the secret needs `kms:Decrypt` on it). */
  readonly kmsKeyArn: string;
}

/** Published by `<env>-aws-baseline`. */
export interface AwsBaselineOutputs {
  /** ARN of the multi-region CloudTrail trail. */
  readonly trailArn: string;
  /** The audit bucket (CloudTrail and AWS Config deliveries). */
  readonly auditBucketName: string;
  /** Customer key of the trail, audit bucket and log group. */
  readonly auditKmsKeyArn: string;
  /** Customer key new EBS volumes are encrypted with, when `aws.baseline.ebsEncryptionByDefault`. */
  readonly ebsKmsKeyArn?: string;
  /** Topic GuardDuty findings are sent to: the alert topic, or the stack's own findings topic. */
  readonly findingsTopicArn: string;
}

/** Published by `<env>-aws-events`. */
export interface AwsEventsOutputs {
  readonly eventBusArn: string;
  readonly eventBusName: string;
  /** Queue URLs, keyed by the queue's name in the config. */
  readonly queueUrls: Record<string, string>;
  /** State machine ARNs, keyed by the state machine's name in the config. */
  readonly stateMachineArns: Record<string, string>;
  /** Topic ARNs, keyed by the topic's name in the config. */
  readonly topicArns: Record<string, string>;
}

/** Published by `<env>-gcp-events`. */
export interface GcpEventsOutputs {
  /** Topic ids (`projects/<p>/topics/<env>-<name>`), keyed by the topic's name in the config. */
  readonly topicIds: Record<string, string>;
  /** Id of the environment's Pub/Sub key (the functions' triggers and later topics may reuse it). */
  readonly kmsKeyId: string;
  /** Email of the account push subscriptions authenticate as, when one is created. */
  readonly pushServiceAccountEmail?: string;
}

/** Published by `<env>-gcp-data`. */
export interface GcpDataOutputs {
  /** Bucket names, keyed by the bucket's name in the config. */
  readonly bucketNames: Record<string, string>;
  /** The Firestore database id, when one is configured. */
  readonly firestoreDatabaseId?: string;
}

/** Published by `<env>-gcp-cost`. */
export interface GcpCostOutputs {
  /** Id of the topic budget updates are published to, when `pubsub.enabled`. */
  readonly budgetTopicId?: string;
}

/**
 * Published by `<env>-azure-data` (belongs in stacks/contracts.ts; kept here until the lead moves it).
 * Storage fields are present when `azure.data.storage` is set, Cosmos fields when `azure.data.cosmos` is.
 */
export interface AzureDataOutputs {
  readonly resourceGroupName: string;
  readonly location: string;
  readonly storageAccountId?: string;
  readonly storageAccountName?: string;
  /** The `privatelink.blob.core.windows.net` zone linked to the VNet (one per VNet: other stacks reuse it). */
  readonly blobPrivateDnsZoneId?: string;
  readonly cosmosAccountId?: string;
  readonly cosmosEndpoint?: string;
}

/** Published by `<env>-azure-events` (belongs in stacks/contracts.ts; kept here until the lead moves it). */
export interface AzureEventsOutputs {
  readonly resourceGroupName: string;
  /** Namespace resource id, when `azure.events.serviceBus` is set. */
  readonly serviceBusNamespaceId?: string;
  /** `<name>.servicebus.windows.net`, the apps' `fullyQualifiedNamespace`. */
  readonly serviceBusHostname?: string;
  /** Queue resource ids keyed by name. */
  readonly queueIds: Record<string, string>;
  /** Topic resource ids keyed by name. */
  readonly topicIds: Record<string, string>;
}
