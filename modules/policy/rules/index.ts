import type { PolicyRule } from '../rule';
import { VpcFlowLogsEnabled } from './aws/vpc-flow-logs-enabled';
import { DefaultSecurityGroupClosed } from './aws/default-security-group-closed';
import { SubnetNoAutoPublicIp } from './aws/subnet-no-auto-public-ip';
import { SecurityGroupNoWorldIngress } from './aws/security-group-no-world-ingress';
import { SecurityGroupNoWorldSsh } from './aws/security-group-no-world-ssh';
import { SecurityGroupNoWorldRdp } from './aws/security-group-no-world-rdp';
import { SecurityGroupRulesDescribed } from './aws/security-group-rules-described';
import { FlowLogCapturesAllTraffic } from './aws/flow-log-captures-all-traffic';
import { LogGroupEncrypted } from './aws/log-group-encrypted';
import { LogGroupRetentionOneYear } from './aws/log-group-retention-one-year';
import { LogGroupRetentionNinetyDays } from './aws/log-group-retention-ninety-days';
import { RdsStorageEncrypted } from './aws/rds-storage-encrypted';
import { RdsCustomerKey } from './aws/rds-customer-key';
import { RdsMultiAz } from './aws/rds-multi-az';
import { RdsDeletionProtection } from './aws/rds-deletion-protection';
import { RdsNotPublic } from './aws/rds-not-public';
import { RdsBackupRetention } from './aws/rds-backup-retention';
import { RdsLogsExported } from './aws/rds-logs-exported';
import { RdsIamAuthentication } from './aws/rds-iam-authentication';
import { RdsAutoMinorVersionUpgrade } from './aws/rds-auto-minor-version-upgrade';
import { RdsEnhancedMonitoring } from './aws/rds-enhanced-monitoring';
import { RdsFinalSnapshot } from './aws/rds-final-snapshot';
import { RdsCopyTagsToSnapshot } from './aws/rds-copy-tags-to-snapshot';
import { KmsKeyRotation } from './aws/kms-key-rotation';
import { KmsKeyDeletionWindow } from './aws/kms-key-deletion-window';
import { KmsKeyHasPolicy } from './aws/kms-key-has-policy';
import { S3BucketPublicAccessBlocked } from './aws/s3-bucket-public-access-blocked';
import { S3BucketKmsEncrypted } from './aws/s3-bucket-kms-encrypted';
import { S3BucketVersioned } from './aws/s3-bucket-versioned';
import { S3BucketOwnerEnforced } from './aws/s3-bucket-owner-enforced';
import { S3BucketHasPolicy } from './aws/s3-bucket-has-policy';
import { S3BucketLifecycle } from './aws/s3-bucket-lifecycle';
import { S3BucketAccessLogged } from './aws/s3-bucket-access-logged';
import { S3PublicAccessBlockComplete } from './aws/s3-public-access-block-complete';
import { S3BucketAclPrivate } from './aws/s3-bucket-acl-private';
import { DynamoDbPointInTimeRecovery } from './aws/dynamo-db-point-in-time-recovery';
import { DynamoDbCustomerKey } from './aws/dynamo-db-customer-key';
import { DynamoDbDeletionProtection } from './aws/dynamo-db-deletion-protection';
import { IamPolicyNoAdmin } from './aws/iam-policy-no-admin';
import { IamPolicyNoWildcardActions } from './aws/iam-policy-no-wildcard-actions';
import { IamRoleTrustNotOpen } from './aws/iam-role-trust-not-open';
import { IamNoUserPolicies } from './aws/iam-no-user-policies';
import { IamRoleNoAdministratorAccess } from './aws/iam-role-no-administrator-access';
import { SnsTopicEncrypted } from './aws/sns-topic-encrypted';
import { SqsQueueEncrypted } from './aws/sqs-queue-encrypted';
import { SqsQueueDeadLetter } from './aws/sqs-queue-dead-letter';
import { SecretsManagerCustomerKey } from './aws/secrets-manager-customer-key';
import { DmsReplicationInstanceNotPublic } from './aws/dms-replication-instance-not-public';
import { DmsReplicationInstanceCustomerKey } from './aws/dms-replication-instance-customer-key';
import { DmsReplicationInstanceMultiAz } from './aws/dms-replication-instance-multi-az';
import { DmsReplicationInstanceMinorUpgrades } from './aws/dms-replication-instance-minor-upgrades';
import { DmsEndpointTls } from './aws/dms-endpoint-tls';
import { VpnTunnelsLogged } from './aws/vpn-tunnels-logged';
import { VpnTunnelsIkeV2 } from './aws/vpn-tunnels-ike-v2';
import { VpnTunnelsStrongCrypto } from './aws/vpn-tunnels-strong-crypto';
import { Route53ZoneQueryLogging } from './aws/route53-zone-query-logging';
import { Route53ZoneDnssec } from './aws/route53-zone-dnssec';
import { LambdaInVpc } from './aws/lambda-in-vpc';
import { LambdaTracing } from './aws/lambda-tracing';
import { LambdaEnvironmentCustomerKey } from './aws/lambda-environment-customer-key';
import { LambdaDeadLetterQueue } from './aws/lambda-dead-letter-queue';
import { LambdaConcurrencyLimit } from './aws/lambda-concurrency-limit';
import { LambdaSupportedRuntime } from './aws/lambda-supported-runtime';
import { LambdaUrlAuthenticated } from './aws/lambda-url-authenticated';
import { ApiStageAccessLogging } from './aws/api-stage-access-logging';
import { ApiStageThrottled } from './aws/api-stage-throttled';
import { ApiRouteAuthorized } from './aws/api-route-authorized';
import { EcsContainersNotPrivileged } from './aws/ecs-containers-not-privileged';
import { EcsReadOnlyRootFilesystem } from './aws/ecs-read-only-root-filesystem';
import { EcsContainersLogged } from './aws/ecs-containers-logged';
import { EcsTaskAwsvpcNetworking } from './aws/ecs-task-awsvpc-networking';
import { EcsNoPlaintextSecrets } from './aws/ecs-no-plaintext-secrets';
import { EcsServiceNoPublicIp } from './aws/ecs-service-no-public-ip';
import { EcsClusterContainerInsights } from './aws/ecs-cluster-container-insights';
import { LoadBalancerDropsInvalidHeaders } from './aws/load-balancer-drops-invalid-headers';
import { LoadBalancerAccessLogs } from './aws/load-balancer-access-logs';
import { LoadBalancerDeletionProtection } from './aws/load-balancer-deletion-protection';
import { ListenerUsesTls } from './aws/listener-uses-tls';
import { ListenerModernTlsPolicy } from './aws/listener-modern-tls-policy';
import { EcrImmutableTags } from './aws/ecr-immutable-tags';
import { EcrScanOnPush } from './aws/ecr-scan-on-push';
import { EcrCustomerKey } from './aws/ecr-customer-key';
import { EksEndpointNotPublic } from './aws/eks-endpoint-not-public';
import { EksSecretsEncrypted } from './aws/eks-secrets-encrypted';
import { EksControlPlaneLogging } from './aws/eks-control-plane-logging';
import { LaunchTemplateImdsV2 } from './aws/launch-template-imds-v2';
import { EksNodeGroupNoRemoteAccess } from './aws/eks-node-group-no-remote-access';
import { EbsDefaultEncryption } from './aws/ebs-default-encryption';
import { KinesisStreamEncrypted } from './aws/kinesis-stream-encrypted';
import { NetworkCustomSubnets } from './gcp/network-custom-subnets';
import { SubnetFlowLogs } from './gcp/subnet-flow-logs';
import { SubnetPrivateGoogleAccess } from './gcp/subnet-private-google-access';
import { FirewallNoWorldSsh } from './gcp/firewall-no-world-ssh';
import { FirewallNoWorldRdp } from './gcp/firewall-no-world-rdp';
import { FirewallNoWorldIngress } from './gcp/firewall-no-world-ingress';
import { FirewallLogging } from './gcp/firewall-logging';
import { RouterNatLogging } from './gcp/router-nat-logging';
import { VpnTunnelIkeV2 } from './gcp/vpn-tunnel-ike-v2';
import { CloudSqlNoPublicIp } from './gcp/cloud-sql-no-public-ip';
import { CloudSqlSslRequired } from './gcp/cloud-sql-ssl-required';
import { CloudSqlBackups } from './gcp/cloud-sql-backups';
import { CloudSqlPointInTimeRecovery } from './gcp/cloud-sql-point-in-time-recovery';
import { CloudSqlHighAvailability } from './gcp/cloud-sql-high-availability';
import { CloudSqlDeletionProtection } from './gcp/cloud-sql-deletion-protection';
import { CloudSqlCustomerKey } from './gcp/cloud-sql-customer-key';
import { CloudSqlConnectionLogging } from './gcp/cloud-sql-connection-logging';
import { CloudSqlNoOpenAuthorizedNetworks } from './gcp/cloud-sql-no-open-authorized-networks';
import { CloudKmsKeyRotation } from './gcp/cloud-kms-key-rotation';
import { SecretCustomerKey } from './gcp/secret-customer-key';
import { BucketUniformAccess } from './gcp/bucket-uniform-access';
import { BucketPublicAccessPrevented } from './gcp/bucket-public-access-prevented';
import { BucketVersioned } from './gcp/bucket-versioned';
import { BucketAccessLogged } from './gcp/bucket-access-logged';
import { BucketCustomerKey } from './gcp/bucket-customer-key';
import { BucketIamNotPublic } from './gcp/bucket-iam-not-public';
import { CloudRunIngressRestricted } from './gcp/cloud-run-ingress-restricted';
import { CloudRunNotPublic } from './gcp/cloud-run-not-public';
import { CloudRunDedicatedServiceAccount } from './gcp/cloud-run-dedicated-service-account';
import { CloudRunVpcEgress } from './gcp/cloud-run-vpc-egress';
import { CloudFunctionIngressRestricted } from './gcp/cloud-function-ingress-restricted';
import { CloudFunctionVpcConnector } from './gcp/cloud-function-vpc-connector';
import { CloudFunctionServiceAccount } from './gcp/cloud-function-service-account';
import { GkeNodesPrivate } from './gcp/gke-nodes-private';
import { GkeWorkloadIdentity } from './gcp/gke-workload-identity';
import { GkeNetworkPolicy } from './gcp/gke-network-policy';
import { GkeShieldedNodes } from './gcp/gke-shielded-nodes';
import { GkeNoLegacyAbac } from './gcp/gke-no-legacy-abac';
import { GkeMasterAuthorizedNetworks } from './gcp/gke-master-authorized-networks';
import { GkeSecretsEncrypted } from './gcp/gke-secrets-encrypted';
import { GkeReleaseChannel } from './gcp/gke-release-channel';
import { GkeNodeAutoRepairUpgrade } from './gcp/gke-node-auto-repair-upgrade';
import { GkeNodeSecureBoot } from './gcp/gke-node-secure-boot';
import { GkeNodeMetadataServer } from './gcp/gke-node-metadata-server';
import { PubsubTopicCustomerKey } from './gcp/pubsub-topic-customer-key';
import { PubsubSubscriptionDeadLetter } from './gcp/pubsub-subscription-dead-letter';
import { PubsubPushAuthenticated } from './gcp/pubsub-push-authenticated';
import { PubsubIamNotPublic } from './gcp/pubsub-iam-not-public';
import { FirestorePointInTimeRecovery } from './gcp/firestore-point-in-time-recovery';
import { FirestoreDeleteProtection } from './gcp/firestore-delete-protection';
import { FirestoreCustomerKey } from './gcp/firestore-customer-key';
import { NsgNoWorldSsh } from './azure/nsg-no-world-ssh';
import { NsgNoWorldRdp } from './azure/nsg-no-world-rdp';
import { NsgNoWorldIngress } from './azure/nsg-no-world-ingress';
import { PostgresNoPublicAccess } from './azure/postgres-no-public-access';
import { PostgresHighAvailability } from './azure/postgres-high-availability';
import { PostgresGeoRedundantBackup } from './azure/postgres-geo-redundant-backup';
import { PostgresBackupRetention } from './azure/postgres-backup-retention';
import { PostgresCustomerKey } from './azure/postgres-customer-key';
import { PostgresConnectionLogging } from './azure/postgres-connection-logging';
import { KeyVaultPurgeProtection } from './azure/key-vault-purge-protection';
import { KeyVaultNetworkDeny } from './azure/key-vault-network-deny';
import { KeyVaultRbac } from './azure/key-vault-rbac';
import { KeyVaultSecretExpires } from './azure/key-vault-secret-expires';
import { KeyVaultSecretContentType } from './azure/key-vault-secret-content-type';
import { StorageHttpsOnly } from './azure/storage-https-only';
import { StorageMinTls12 } from './azure/storage-min-tls12';
import { StorageNoPublicBlobs } from './azure/storage-no-public-blobs';
import { StorageNetworkDeny } from './azure/storage-network-deny';
import { StorageSharedKeyDisabled } from './azure/storage-shared-key-disabled';
import { StorageGeoReplicated } from './azure/storage-geo-replicated';
import { FunctionAppHttpsOnly } from './azure/function-app-https-only';
import { FunctionAppMinTls12 } from './azure/function-app-min-tls12';
import { FunctionAppManagedIdentity } from './azure/function-app-managed-identity';
import { FunctionAppNoPublicAccess } from './azure/function-app-no-public-access';
import { FunctionAppFtpsDisabled } from './azure/function-app-ftps-disabled';
import { ContainerAppHttpsOnly } from './azure/container-app-https-only';
import { ContainerAppInternalIngress } from './azure/container-app-internal-ingress';
import { ContainerAppManagedIdentity } from './azure/container-app-managed-identity';
import { AksApiNotPublic } from './azure/aks-api-not-public';
import { AksRbac } from './azure/aks-rbac';
import { AksNetworkPolicy } from './azure/aks-network-policy';
import { AksLocalAccountsDisabled } from './azure/aks-local-accounts-disabled';
import { AksMonitoring } from './azure/aks-monitoring';
import { AksDiskEncryption } from './azure/aks-disk-encryption';
import { AksAzurePolicy } from './azure/aks-azure-policy';
import { StorageBlobVersioning } from './azure/storage-blob-versioning';
import { StorageBlobSoftDelete } from './azure/storage-blob-soft-delete';
import { StorageInfrastructureEncryption } from './azure/storage-infrastructure-encryption';
import { ServiceBusLocalAuthDisabled } from './azure/service-bus-local-auth-disabled';
import { ServiceBusMinTls12 } from './azure/service-bus-min-tls12';
import { ServiceBusNoPublicAccess } from './azure/service-bus-no-public-access';
import { ServiceBusDeadLetterOnExpiry } from './azure/service-bus-dead-letter-on-expiry';
import { CosmosLocalAuthDisabled } from './azure/cosmos-local-auth-disabled';
import { CosmosNoPublicAccess } from './azure/cosmos-no-public-access';
import { CosmosKeyMetadataWritesDisabled } from './azure/cosmos-key-metadata-writes-disabled';
import { CosmosContinuousBackup } from './azure/cosmos-continuous-backup';
import { CosmosMinTls12 } from './azure/cosmos-min-tls12';
import { EventSubscriptionDeadLetter } from './azure/event-subscription-dead-letter';
import { PodRunsAsNonRoot } from './kubernetes/pod-runs-as-non-root';
import { ContainerReadOnlyRootFilesystem } from './kubernetes/container-read-only-root-filesystem';
import { ContainerNoPrivilegeEscalation } from './kubernetes/container-no-privilege-escalation';
import { ContainerDropsAllCapabilities } from './kubernetes/container-drops-all-capabilities';
import { ContainerNotPrivileged } from './kubernetes/container-not-privileged';
import { PodNoHostNetwork } from './kubernetes/pod-no-host-network';
import { PodNoHostPid } from './kubernetes/pod-no-host-pid';
import { PodNoHostIpc } from './kubernetes/pod-no-host-ipc';
import { ContainerResourceRequests } from './kubernetes/container-resource-requests';
import { ContainerMemoryLimit } from './kubernetes/container-memory-limit';
import { ContainerLivenessProbe } from './kubernetes/container-liveness-probe';
import { ContainerReadinessProbe } from './kubernetes/container-readiness-probe';
import { ContainerImageNotLatest } from './kubernetes/container-image-not-latest';
import { ContainerImageDigest } from './kubernetes/container-image-digest';
import { PodSeccompRuntimeDefault } from './kubernetes/pod-seccomp-runtime-default';
import { PodNoServiceAccountToken } from './kubernetes/pod-no-service-account-token';
import { NamespaceHasNetworkPolicy } from './kubernetes/namespace-has-network-policy';
import { NetworkPolicyCoversIngress } from './kubernetes/network-policy-covers-ingress';
import { ServiceNotNodePort } from './kubernetes/service-not-node-port';

/** Every rule of the pack, in id order within each cloud (AWS, GCP, Azure, Kubernetes). */
export const ALL_RULES: readonly PolicyRule[] = [
  new VpcFlowLogsEnabled(),
  new DefaultSecurityGroupClosed(),
  new SubnetNoAutoPublicIp(),
  new SecurityGroupNoWorldIngress(),
  new SecurityGroupNoWorldSsh(),
  new SecurityGroupNoWorldRdp(),
  new SecurityGroupRulesDescribed(),
  new FlowLogCapturesAllTraffic(),
  new LogGroupEncrypted(),
  new LogGroupRetentionOneYear(),
  new LogGroupRetentionNinetyDays(),
  new RdsStorageEncrypted(),
  new RdsCustomerKey(),
  new RdsMultiAz(),
  new RdsDeletionProtection(),
  new RdsNotPublic(),
  new RdsBackupRetention(),
  new RdsLogsExported(),
  new RdsIamAuthentication(),
  new RdsAutoMinorVersionUpgrade(),
  new RdsEnhancedMonitoring(),
  new RdsFinalSnapshot(),
  new RdsCopyTagsToSnapshot(),
  new KmsKeyRotation(),
  new KmsKeyDeletionWindow(),
  new KmsKeyHasPolicy(),
  new S3BucketPublicAccessBlocked(),
  new S3BucketKmsEncrypted(),
  new S3BucketVersioned(),
  new S3BucketOwnerEnforced(),
  new S3BucketHasPolicy(),
  new S3BucketLifecycle(),
  new S3BucketAccessLogged(),
  new S3PublicAccessBlockComplete(),
  new S3BucketAclPrivate(),
  new DynamoDbPointInTimeRecovery(),
  new DynamoDbCustomerKey(),
  new DynamoDbDeletionProtection(),
  new IamPolicyNoAdmin(),
  new IamPolicyNoWildcardActions(),
  new IamRoleTrustNotOpen(),
  new IamNoUserPolicies(),
  new IamRoleNoAdministratorAccess(),
  new SnsTopicEncrypted(),
  new SqsQueueEncrypted(),
  new SqsQueueDeadLetter(),
  new SecretsManagerCustomerKey(),
  new DmsReplicationInstanceNotPublic(),
  new DmsReplicationInstanceCustomerKey(),
  new DmsReplicationInstanceMultiAz(),
  new DmsReplicationInstanceMinorUpgrades(),
  new DmsEndpointTls(),
  new VpnTunnelsLogged(),
  new VpnTunnelsIkeV2(),
  new VpnTunnelsStrongCrypto(),
  new Route53ZoneQueryLogging(),
  new Route53ZoneDnssec(),
  new LambdaInVpc(),
  new LambdaTracing(),
  new LambdaEnvironmentCustomerKey(),
  new LambdaDeadLetterQueue(),
  new LambdaConcurrencyLimit(),
  new LambdaSupportedRuntime(),
  new LambdaUrlAuthenticated(),
  new ApiStageAccessLogging(),
  new ApiStageThrottled(),
  new ApiRouteAuthorized(),
  new EcsContainersNotPrivileged(),
  new EcsReadOnlyRootFilesystem(),
  new EcsContainersLogged(),
  new EcsTaskAwsvpcNetworking(),
  new EcsNoPlaintextSecrets(),
  new EcsServiceNoPublicIp(),
  new EcsClusterContainerInsights(),
  new LoadBalancerDropsInvalidHeaders(),
  new LoadBalancerAccessLogs(),
  new LoadBalancerDeletionProtection(),
  new ListenerUsesTls(),
  new ListenerModernTlsPolicy(),
  new EcrImmutableTags(),
  new EcrScanOnPush(),
  new EcrCustomerKey(),
  new EksEndpointNotPublic(),
  new EksSecretsEncrypted(),
  new EksControlPlaneLogging(),
  new LaunchTemplateImdsV2(),
  new EksNodeGroupNoRemoteAccess(),
  new EbsDefaultEncryption(),
  new KinesisStreamEncrypted(),
  new NetworkCustomSubnets(),
  new SubnetFlowLogs(),
  new SubnetPrivateGoogleAccess(),
  new FirewallNoWorldSsh(),
  new FirewallNoWorldRdp(),
  new FirewallNoWorldIngress(),
  new FirewallLogging(),
  new RouterNatLogging(),
  new VpnTunnelIkeV2(),
  new CloudSqlNoPublicIp(),
  new CloudSqlSslRequired(),
  new CloudSqlBackups(),
  new CloudSqlPointInTimeRecovery(),
  new CloudSqlHighAvailability(),
  new CloudSqlDeletionProtection(),
  new CloudSqlCustomerKey(),
  new CloudSqlConnectionLogging(),
  new CloudSqlNoOpenAuthorizedNetworks(),
  new CloudKmsKeyRotation(),
  new SecretCustomerKey(),
  new BucketUniformAccess(),
  new BucketPublicAccessPrevented(),
  new BucketVersioned(),
  new BucketAccessLogged(),
  new BucketCustomerKey(),
  new BucketIamNotPublic(),
  new CloudRunIngressRestricted(),
  new CloudRunNotPublic(),
  new CloudRunDedicatedServiceAccount(),
  new CloudRunVpcEgress(),
  new CloudFunctionIngressRestricted(),
  new CloudFunctionVpcConnector(),
  new CloudFunctionServiceAccount(),
  new GkeNodesPrivate(),
  new GkeWorkloadIdentity(),
  new GkeNetworkPolicy(),
  new GkeShieldedNodes(),
  new GkeNoLegacyAbac(),
  new GkeMasterAuthorizedNetworks(),
  new GkeSecretsEncrypted(),
  new GkeReleaseChannel(),
  new GkeNodeAutoRepairUpgrade(),
  new GkeNodeSecureBoot(),
  new GkeNodeMetadataServer(),
  new PubsubTopicCustomerKey(),
  new PubsubSubscriptionDeadLetter(),
  new PubsubPushAuthenticated(),
  new PubsubIamNotPublic(),
  new FirestorePointInTimeRecovery(),
  new FirestoreDeleteProtection(),
  new FirestoreCustomerKey(),
  new NsgNoWorldSsh(),
  new NsgNoWorldRdp(),
  new NsgNoWorldIngress(),
  new PostgresNoPublicAccess(),
  new PostgresHighAvailability(),
  new PostgresGeoRedundantBackup(),
  new PostgresBackupRetention(),
  new PostgresCustomerKey(),
  new PostgresConnectionLogging(),
  new KeyVaultPurgeProtection(),
  new KeyVaultNetworkDeny(),
  new KeyVaultRbac(),
  new KeyVaultSecretExpires(),
  new KeyVaultSecretContentType(),
  new StorageHttpsOnly(),
  new StorageMinTls12(),
  new StorageNoPublicBlobs(),
  new StorageNetworkDeny(),
  new StorageSharedKeyDisabled(),
  new StorageGeoReplicated(),
  new StorageBlobVersioning(),
  new StorageBlobSoftDelete(),
  new StorageInfrastructureEncryption(),
  new FunctionAppHttpsOnly(),
  new FunctionAppMinTls12(),
  new FunctionAppManagedIdentity(),
  new FunctionAppNoPublicAccess(),
  new FunctionAppFtpsDisabled(),
  new ContainerAppHttpsOnly(),
  new ContainerAppInternalIngress(),
  new ContainerAppManagedIdentity(),
  new AksApiNotPublic(),
  new AksRbac(),
  new AksNetworkPolicy(),
  new AksLocalAccountsDisabled(),
  new AksMonitoring(),
  new AksDiskEncryption(),
  new AksAzurePolicy(),
  new ServiceBusLocalAuthDisabled(),
  new ServiceBusMinTls12(),
  new ServiceBusNoPublicAccess(),
  new ServiceBusDeadLetterOnExpiry(),
  new CosmosLocalAuthDisabled(),
  new CosmosNoPublicAccess(),
  new CosmosKeyMetadataWritesDisabled(),
  new CosmosContinuousBackup(),
  new CosmosMinTls12(),
  new EventSubscriptionDeadLetter(),
  new PodRunsAsNonRoot(),
  new ContainerReadOnlyRootFilesystem(),
  new ContainerNoPrivilegeEscalation(),
  new ContainerDropsAllCapabilities(),
  new ContainerNotPrivileged(),
  new PodNoHostNetwork(),
  new PodNoHostPid(),
  new PodNoHostIpc(),
  new ContainerResourceRequests(),
  new ContainerMemoryLimit(),
  new ContainerLivenessProbe(),
  new ContainerReadinessProbe(),
  new ContainerImageNotLatest(),
  new ContainerImageDigest(),
  new PodSeccompRuntimeDefault(),
  new PodNoServiceAccountToken(),
  new NamespaceHasNetworkPolicy(),
  new NetworkPolicyCoversIngress(),
  new ServiceNotNodePort(),
];

export { VpcFlowLogsEnabled } from './aws/vpc-flow-logs-enabled';
export { DefaultSecurityGroupClosed } from './aws/default-security-group-closed';
export { SubnetNoAutoPublicIp } from './aws/subnet-no-auto-public-ip';
export { SecurityGroupNoWorldIngress } from './aws/security-group-no-world-ingress';
export { SecurityGroupNoWorldSsh } from './aws/security-group-no-world-ssh';
export { SecurityGroupNoWorldRdp } from './aws/security-group-no-world-rdp';
export { SecurityGroupRulesDescribed } from './aws/security-group-rules-described';
export { FlowLogCapturesAllTraffic } from './aws/flow-log-captures-all-traffic';
export { LogGroupEncrypted } from './aws/log-group-encrypted';
export { LogGroupRetentionOneYear } from './aws/log-group-retention-one-year';
export { LogGroupRetentionNinetyDays } from './aws/log-group-retention-ninety-days';
export { RdsStorageEncrypted } from './aws/rds-storage-encrypted';
export { RdsCustomerKey } from './aws/rds-customer-key';
export { RdsMultiAz } from './aws/rds-multi-az';
export { RdsDeletionProtection } from './aws/rds-deletion-protection';
export { RdsNotPublic } from './aws/rds-not-public';
export { RdsBackupRetention } from './aws/rds-backup-retention';
export { RdsLogsExported } from './aws/rds-logs-exported';
export { RdsIamAuthentication } from './aws/rds-iam-authentication';
export { RdsAutoMinorVersionUpgrade } from './aws/rds-auto-minor-version-upgrade';
export { RdsEnhancedMonitoring } from './aws/rds-enhanced-monitoring';
export { RdsFinalSnapshot } from './aws/rds-final-snapshot';
export { RdsCopyTagsToSnapshot } from './aws/rds-copy-tags-to-snapshot';
export { KmsKeyRotation } from './aws/kms-key-rotation';
export { KmsKeyDeletionWindow } from './aws/kms-key-deletion-window';
export { KmsKeyHasPolicy } from './aws/kms-key-has-policy';
export { S3BucketPublicAccessBlocked } from './aws/s3-bucket-public-access-blocked';
export { S3BucketKmsEncrypted } from './aws/s3-bucket-kms-encrypted';
export { S3BucketVersioned } from './aws/s3-bucket-versioned';
export { S3BucketOwnerEnforced } from './aws/s3-bucket-owner-enforced';
export { S3BucketHasPolicy } from './aws/s3-bucket-has-policy';
export { S3BucketLifecycle } from './aws/s3-bucket-lifecycle';
export { S3BucketAccessLogged } from './aws/s3-bucket-access-logged';
export { S3PublicAccessBlockComplete } from './aws/s3-public-access-block-complete';
export { S3BucketAclPrivate } from './aws/s3-bucket-acl-private';
export { DynamoDbPointInTimeRecovery } from './aws/dynamo-db-point-in-time-recovery';
export { DynamoDbCustomerKey } from './aws/dynamo-db-customer-key';
export { DynamoDbDeletionProtection } from './aws/dynamo-db-deletion-protection';
export { IamPolicyNoAdmin } from './aws/iam-policy-no-admin';
export { IamPolicyNoWildcardActions } from './aws/iam-policy-no-wildcard-actions';
export { IamRoleTrustNotOpen } from './aws/iam-role-trust-not-open';
export { IamNoUserPolicies } from './aws/iam-no-user-policies';
export { IamRoleNoAdministratorAccess } from './aws/iam-role-no-administrator-access';
export { SnsTopicEncrypted } from './aws/sns-topic-encrypted';
export { SqsQueueEncrypted } from './aws/sqs-queue-encrypted';
export { SqsQueueDeadLetter } from './aws/sqs-queue-dead-letter';
export { SecretsManagerCustomerKey } from './aws/secrets-manager-customer-key';
export { DmsReplicationInstanceNotPublic } from './aws/dms-replication-instance-not-public';
export { DmsReplicationInstanceCustomerKey } from './aws/dms-replication-instance-customer-key';
export { DmsReplicationInstanceMultiAz } from './aws/dms-replication-instance-multi-az';
export { DmsReplicationInstanceMinorUpgrades } from './aws/dms-replication-instance-minor-upgrades';
export { DmsEndpointTls } from './aws/dms-endpoint-tls';
export { VpnTunnelsLogged } from './aws/vpn-tunnels-logged';
export { VpnTunnelsIkeV2 } from './aws/vpn-tunnels-ike-v2';
export { VpnTunnelsStrongCrypto } from './aws/vpn-tunnels-strong-crypto';
export { Route53ZoneQueryLogging } from './aws/route53-zone-query-logging';
export { Route53ZoneDnssec } from './aws/route53-zone-dnssec';
export { LambdaInVpc } from './aws/lambda-in-vpc';
export { LambdaTracing } from './aws/lambda-tracing';
export { LambdaEnvironmentCustomerKey } from './aws/lambda-environment-customer-key';
export { LambdaDeadLetterQueue } from './aws/lambda-dead-letter-queue';
export { LambdaConcurrencyLimit } from './aws/lambda-concurrency-limit';
export { LambdaSupportedRuntime } from './aws/lambda-supported-runtime';
export { LambdaUrlAuthenticated } from './aws/lambda-url-authenticated';
export { ApiStageAccessLogging } from './aws/api-stage-access-logging';
export { ApiStageThrottled } from './aws/api-stage-throttled';
export { ApiRouteAuthorized } from './aws/api-route-authorized';
export { EcsContainersNotPrivileged } from './aws/ecs-containers-not-privileged';
export { EcsReadOnlyRootFilesystem } from './aws/ecs-read-only-root-filesystem';
export { EcsContainersLogged } from './aws/ecs-containers-logged';
export { EcsTaskAwsvpcNetworking } from './aws/ecs-task-awsvpc-networking';
export { EcsNoPlaintextSecrets } from './aws/ecs-no-plaintext-secrets';
export { EcsServiceNoPublicIp } from './aws/ecs-service-no-public-ip';
export { EcsClusterContainerInsights } from './aws/ecs-cluster-container-insights';
export { LoadBalancerDropsInvalidHeaders } from './aws/load-balancer-drops-invalid-headers';
export { LoadBalancerAccessLogs } from './aws/load-balancer-access-logs';
export { LoadBalancerDeletionProtection } from './aws/load-balancer-deletion-protection';
export { ListenerUsesTls } from './aws/listener-uses-tls';
export { ListenerModernTlsPolicy } from './aws/listener-modern-tls-policy';
export { EcrImmutableTags } from './aws/ecr-immutable-tags';
export { EcrScanOnPush } from './aws/ecr-scan-on-push';
export { EcrCustomerKey } from './aws/ecr-customer-key';
export { EksEndpointNotPublic } from './aws/eks-endpoint-not-public';
export { EksSecretsEncrypted } from './aws/eks-secrets-encrypted';
export { EksControlPlaneLogging } from './aws/eks-control-plane-logging';
export { LaunchTemplateImdsV2 } from './aws/launch-template-imds-v2';
export { EksNodeGroupNoRemoteAccess } from './aws/eks-node-group-no-remote-access';
export { EbsDefaultEncryption } from './aws/ebs-default-encryption';
export { KinesisStreamEncrypted } from './aws/kinesis-stream-encrypted';
export { NetworkCustomSubnets } from './gcp/network-custom-subnets';
export { SubnetFlowLogs } from './gcp/subnet-flow-logs';
export { SubnetPrivateGoogleAccess } from './gcp/subnet-private-google-access';
export { FirewallNoWorldSsh } from './gcp/firewall-no-world-ssh';
export { FirewallNoWorldRdp } from './gcp/firewall-no-world-rdp';
export { FirewallNoWorldIngress } from './gcp/firewall-no-world-ingress';
export { FirewallLogging } from './gcp/firewall-logging';
export { RouterNatLogging } from './gcp/router-nat-logging';
export { VpnTunnelIkeV2 } from './gcp/vpn-tunnel-ike-v2';
export { CloudSqlNoPublicIp } from './gcp/cloud-sql-no-public-ip';
export { CloudSqlSslRequired } from './gcp/cloud-sql-ssl-required';
export { CloudSqlBackups } from './gcp/cloud-sql-backups';
export { CloudSqlPointInTimeRecovery } from './gcp/cloud-sql-point-in-time-recovery';
export { CloudSqlHighAvailability } from './gcp/cloud-sql-high-availability';
export { CloudSqlDeletionProtection } from './gcp/cloud-sql-deletion-protection';
export { CloudSqlCustomerKey } from './gcp/cloud-sql-customer-key';
export { CloudSqlConnectionLogging } from './gcp/cloud-sql-connection-logging';
export { CloudSqlNoOpenAuthorizedNetworks } from './gcp/cloud-sql-no-open-authorized-networks';
export { CloudKmsKeyRotation } from './gcp/cloud-kms-key-rotation';
export { SecretCustomerKey } from './gcp/secret-customer-key';
export { BucketUniformAccess } from './gcp/bucket-uniform-access';
export { BucketPublicAccessPrevented } from './gcp/bucket-public-access-prevented';
export { BucketVersioned } from './gcp/bucket-versioned';
export { BucketAccessLogged } from './gcp/bucket-access-logged';
export { BucketCustomerKey } from './gcp/bucket-customer-key';
export { BucketIamNotPublic } from './gcp/bucket-iam-not-public';
export { CloudRunIngressRestricted } from './gcp/cloud-run-ingress-restricted';
export { CloudRunNotPublic } from './gcp/cloud-run-not-public';
export { CloudRunDedicatedServiceAccount } from './gcp/cloud-run-dedicated-service-account';
export { CloudRunVpcEgress } from './gcp/cloud-run-vpc-egress';
export { CloudFunctionIngressRestricted } from './gcp/cloud-function-ingress-restricted';
export { CloudFunctionVpcConnector } from './gcp/cloud-function-vpc-connector';
export { CloudFunctionServiceAccount } from './gcp/cloud-function-service-account';
export { GkeNodesPrivate } from './gcp/gke-nodes-private';
export { GkeWorkloadIdentity } from './gcp/gke-workload-identity';
export { GkeNetworkPolicy } from './gcp/gke-network-policy';
export { GkeShieldedNodes } from './gcp/gke-shielded-nodes';
export { GkeNoLegacyAbac } from './gcp/gke-no-legacy-abac';
export { GkeMasterAuthorizedNetworks } from './gcp/gke-master-authorized-networks';
export { GkeSecretsEncrypted } from './gcp/gke-secrets-encrypted';
export { GkeReleaseChannel } from './gcp/gke-release-channel';
export { GkeNodeAutoRepairUpgrade } from './gcp/gke-node-auto-repair-upgrade';
export { GkeNodeSecureBoot } from './gcp/gke-node-secure-boot';
export { GkeNodeMetadataServer } from './gcp/gke-node-metadata-server';
export { PubsubTopicCustomerKey } from './gcp/pubsub-topic-customer-key';
export { PubsubSubscriptionDeadLetter } from './gcp/pubsub-subscription-dead-letter';
export { PubsubPushAuthenticated } from './gcp/pubsub-push-authenticated';
export { PubsubIamNotPublic } from './gcp/pubsub-iam-not-public';
export { FirestorePointInTimeRecovery } from './gcp/firestore-point-in-time-recovery';
export { FirestoreDeleteProtection } from './gcp/firestore-delete-protection';
export { FirestoreCustomerKey } from './gcp/firestore-customer-key';
export { NsgNoWorldSsh } from './azure/nsg-no-world-ssh';
export { NsgNoWorldRdp } from './azure/nsg-no-world-rdp';
export { NsgNoWorldIngress } from './azure/nsg-no-world-ingress';
export { PostgresNoPublicAccess } from './azure/postgres-no-public-access';
export { PostgresHighAvailability } from './azure/postgres-high-availability';
export { PostgresGeoRedundantBackup } from './azure/postgres-geo-redundant-backup';
export { PostgresBackupRetention } from './azure/postgres-backup-retention';
export { PostgresCustomerKey } from './azure/postgres-customer-key';
export { PostgresConnectionLogging } from './azure/postgres-connection-logging';
export { KeyVaultPurgeProtection } from './azure/key-vault-purge-protection';
export { KeyVaultNetworkDeny } from './azure/key-vault-network-deny';
export { KeyVaultRbac } from './azure/key-vault-rbac';
export { KeyVaultSecretExpires } from './azure/key-vault-secret-expires';
export { KeyVaultSecretContentType } from './azure/key-vault-secret-content-type';
export { StorageHttpsOnly } from './azure/storage-https-only';
export { StorageMinTls12 } from './azure/storage-min-tls12';
export { StorageNoPublicBlobs } from './azure/storage-no-public-blobs';
export { StorageNetworkDeny } from './azure/storage-network-deny';
export { StorageSharedKeyDisabled } from './azure/storage-shared-key-disabled';
export { StorageGeoReplicated } from './azure/storage-geo-replicated';
export { FunctionAppHttpsOnly } from './azure/function-app-https-only';
export { FunctionAppMinTls12 } from './azure/function-app-min-tls12';
export { FunctionAppManagedIdentity } from './azure/function-app-managed-identity';
export { FunctionAppNoPublicAccess } from './azure/function-app-no-public-access';
export { FunctionAppFtpsDisabled } from './azure/function-app-ftps-disabled';
export { ContainerAppHttpsOnly } from './azure/container-app-https-only';
export { ContainerAppInternalIngress } from './azure/container-app-internal-ingress';
export { ContainerAppManagedIdentity } from './azure/container-app-managed-identity';
export { AksApiNotPublic } from './azure/aks-api-not-public';
export { AksRbac } from './azure/aks-rbac';
export { AksNetworkPolicy } from './azure/aks-network-policy';
export { AksLocalAccountsDisabled } from './azure/aks-local-accounts-disabled';
export { AksMonitoring } from './azure/aks-monitoring';
export { AksDiskEncryption } from './azure/aks-disk-encryption';
export { AksAzurePolicy } from './azure/aks-azure-policy';
export { StorageBlobVersioning } from './azure/storage-blob-versioning';
export { StorageBlobSoftDelete } from './azure/storage-blob-soft-delete';
export { StorageInfrastructureEncryption } from './azure/storage-infrastructure-encryption';
export { ServiceBusLocalAuthDisabled } from './azure/service-bus-local-auth-disabled';
export { ServiceBusMinTls12 } from './azure/service-bus-min-tls12';
export { ServiceBusNoPublicAccess } from './azure/service-bus-no-public-access';
export { ServiceBusDeadLetterOnExpiry } from './azure/service-bus-dead-letter-on-expiry';
export { CosmosLocalAuthDisabled } from './azure/cosmos-local-auth-disabled';
export { CosmosNoPublicAccess } from './azure/cosmos-no-public-access';
export { CosmosKeyMetadataWritesDisabled } from './azure/cosmos-key-metadata-writes-disabled';
export { CosmosContinuousBackup } from './azure/cosmos-continuous-backup';
export { CosmosMinTls12 } from './azure/cosmos-min-tls12';
export { EventSubscriptionDeadLetter } from './azure/event-subscription-dead-letter';
export { PodRunsAsNonRoot } from './kubernetes/pod-runs-as-non-root';
export { ContainerReadOnlyRootFilesystem } from './kubernetes/container-read-only-root-filesystem';
export { ContainerNoPrivilegeEscalation } from './kubernetes/container-no-privilege-escalation';
export { ContainerDropsAllCapabilities } from './kubernetes/container-drops-all-capabilities';
export { ContainerNotPrivileged } from './kubernetes/container-not-privileged';
export { PodNoHostNetwork } from './kubernetes/pod-no-host-network';
export { PodNoHostPid } from './kubernetes/pod-no-host-pid';
export { PodNoHostIpc } from './kubernetes/pod-no-host-ipc';
export { ContainerResourceRequests } from './kubernetes/container-resource-requests';
export { ContainerMemoryLimit } from './kubernetes/container-memory-limit';
export { ContainerLivenessProbe } from './kubernetes/container-liveness-probe';
export { ContainerReadinessProbe } from './kubernetes/container-readiness-probe';
export { ContainerImageNotLatest } from './kubernetes/container-image-not-latest';
export { ContainerImageDigest } from './kubernetes/container-image-digest';
export { PodSeccompRuntimeDefault } from './kubernetes/pod-seccomp-runtime-default';
export { PodNoServiceAccountToken } from './kubernetes/pod-no-service-account-token';
export { NamespaceHasNetworkPolicy } from './kubernetes/namespace-has-network-policy';
export { NetworkPolicyCoversIngress } from './kubernetes/network-policy-covers-ingress';
export { ServiceNotNodePort } from './kubernetes/service-not-node-port';
