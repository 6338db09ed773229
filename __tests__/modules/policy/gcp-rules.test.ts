import { CloudRunV2Service } from '@cdktf/provider-google/lib/cloud-run-v2-service';
import { CloudRunV2ServiceIamMember } from '@cdktf/provider-google/lib/cloud-run-v2-service-iam-member';
import { Cloudfunctions2Function } from '@cdktf/provider-google/lib/cloudfunctions2-function';
import { ComputeFirewall } from '@cdktf/provider-google/lib/compute-firewall';
import { ComputeNetwork } from '@cdktf/provider-google/lib/compute-network';
import { ComputeRouterNat } from '@cdktf/provider-google/lib/compute-router-nat';
import { ComputeSubnetwork } from '@cdktf/provider-google/lib/compute-subnetwork';
import { ComputeVpnTunnel } from '@cdktf/provider-google/lib/compute-vpn-tunnel';
import { ContainerCluster } from '@cdktf/provider-google/lib/container-cluster';
import { ContainerNodePool } from '@cdktf/provider-google/lib/container-node-pool';
import { KmsCryptoKey } from '@cdktf/provider-google/lib/kms-crypto-key';
import { SecretManagerSecret } from '@cdktf/provider-google/lib/secret-manager-secret';
import { SqlDatabaseInstance } from '@cdktf/provider-google/lib/sql-database-instance';
import type { SqlDatabaseInstanceSettings } from '@cdktf/provider-google/lib/sql-database-instance';
import { StorageBucket } from '@cdktf/provider-google/lib/storage-bucket';
import { StorageBucketIamMember } from '@cdktf/provider-google/lib/storage-bucket-iam-member';
import { FirestoreDatabase } from '@cdktf/provider-google/lib/firestore-database';
import { PubsubSubscription } from '@cdktf/provider-google/lib/pubsub-subscription';
import { PubsubSubscriptionIamBinding } from '@cdktf/provider-google/lib/pubsub-subscription-iam-binding';
import { PubsubTopic } from '@cdktf/provider-google/lib/pubsub-topic';
import { PubsubTopicIamMember } from '@cdktf/provider-google/lib/pubsub-topic-iam-member';
import type { Construct } from 'constructs';
import type { RuleFixture } from './fixtures';
import { describeRuleFixtures, ruleById } from './fixtures';
import { policyResourceOf } from '../../../modules/policy/rule';
import { Testing, TerraformStack } from 'cdktf';
import type { TerraformResource } from 'cdktf';

const KEY = 'projects/p/locations/europe-west1/keyRings/r/cryptoKeys/k';
const SA = 'app@p.iam.gserviceaccount.com';
const sql = (
  s: Construct,
  settings: Partial<SqlDatabaseInstanceSettings>,
  props: Partial<ConstructorParameters<typeof SqlDatabaseInstance>[2]> = {}
) =>
  new SqlDatabaseInstance(s, 'sql', {
    databaseVersion: 'POSTGRES_17',
    settings: { tier: 'db-custom-2-7680', ...settings },
    ...props,
  });
const firewall = (s: Construct, ports: string[], ranges: string[]) =>
  new ComputeFirewall(s, 'fw', {
    name: 'fw',
    network: 'vpc',
    sourceRanges: ranges,
    allow: [{ protocol: 'tcp', ports }],
  });
const bucket = (s: Construct, props: Partial<ConstructorParameters<typeof StorageBucket>[2]>) =>
  new StorageBucket(s, 'bucket', { name: 'b', location: 'EU', ...props });
const run = (
  s: Construct,
  props: Partial<ConstructorParameters<typeof CloudRunV2Service>[2]>,
  template: Record<string, unknown> = {}
) =>
  new CloudRunV2Service(s, 'run', {
    name: 'api',
    location: 'europe-west1',
    template: { containers: [{ image: 'api:1' }], ...template },
    ...props,
  });
const fn = (s: Construct, serviceConfig: Record<string, unknown>) =>
  new Cloudfunctions2Function(s, 'fn', { name: 'fn', location: 'europe-west1', serviceConfig });
const gke = (s: Construct, props: Partial<ConstructorParameters<typeof ContainerCluster>[2]>) =>
  new ContainerCluster(s, 'gke', { name: 'main', location: 'europe-west1', ...props });
const pool = (s: Construct, props: Partial<ConstructorParameters<typeof ContainerNodePool>[2]>) =>
  new ContainerNodePool(s, 'pool', { cluster: 'main', ...props });

const subscription = (s: Construct, props: Partial<ConstructorParameters<typeof PubsubSubscription>[2]>) =>
  new PubsubSubscription(s, 'sub', { name: 'orders', topic: 'projects/p/topics/orders', ...props });
const firestore = (s: Construct, props: Partial<ConstructorParameters<typeof FirestoreDatabase>[2]>) =>
  new FirestoreDatabase(s, 'firestore', {
    name: 'app',
    locationId: 'europe-west1',
    type: 'FIRESTORE_NATIVE',
    ...props,
  });
const PUSH = 'https://api-abc123-ew.a.run.app/push';

const FIXTURES: RuleFixture[] = [
  { rule: 'GCP-NET-1', build: (s, ok) => new ComputeNetwork(s, 'vpc', { name: 'vpc', autoCreateSubnetworks: !ok }) },
  {
    rule: 'GCP-NET-2',
    build: (s, ok) =>
      new ComputeSubnetwork(s, 'subnet', {
        name: 'a',
        network: 'vpc',
        ipCidrRange: '10.0.0.0/24',
        ...(ok ? { logConfig: { aggregationInterval: 'INTERVAL_5_SEC' } } : {}),
      }),
  },
  {
    rule: 'GCP-NET-3',
    build: (s, ok) =>
      new ComputeSubnetwork(s, 'subnet', {
        name: 'a',
        network: 'vpc',
        ipCidrRange: '10.0.0.0/24',
        privateIpGoogleAccess: ok,
      }),
  },
  {
    rule: 'GCP-NET-4',
    build: (s, ok) =>
      new ComputeRouterNat(s, 'nat', {
        name: 'nat',
        router: 'r',
        sourceSubnetworkIpRangesToNat: 'ALL_SUBNETWORKS_ALL_IP_RANGES',
        natIpAllocateOption: 'AUTO_ONLY',
        logConfig: { enable: ok, filter: 'ERRORS_ONLY' },
      }),
  },
  {
    rule: 'GCP-NET-5',
    build: (s, ok) =>
      new ComputeVpnTunnel(s, 'tunnel', { name: 't', sharedSecret: 'not-a-secret', ikeVersion: ok ? 2 : 1 }),
  },
  { rule: 'GCP-FW-1', build: (s, ok) => firewall(s, ['22'], ok ? ['35.235.240.0/20'] : ['0.0.0.0/0']) },
  { rule: 'GCP-FW-2', build: (s, ok) => firewall(s, ['3000-4000'], ok ? ['10.0.0.0/8'] : ['0.0.0.0/0']) },
  { rule: 'GCP-FW-3', build: (s, ok) => firewall(s, ok ? ['443'] : ['443', '5432'], ['0.0.0.0/0']) },
  {
    rule: 'GCP-FW-4',
    build: (s, ok) =>
      new ComputeFirewall(s, 'fw', {
        name: 'fw',
        network: 'vpc',
        sourceRanges: ['10.0.0.0/8'],
        allow: [{ protocol: 'tcp' }],
        ...(ok ? { logConfig: { metadata: 'INCLUDE_ALL_METADATA' } } : {}),
      }),
  },
  { rule: 'GCP-SQL-1', build: (s, ok) => sql(s, { ipConfiguration: { ipv4Enabled: !ok, privateNetwork: 'vpc' } }) },
  {
    rule: 'GCP-SQL-2',
    build: (s, ok) =>
      sql(s, {
        ipConfiguration: { ipv4Enabled: false, sslMode: ok ? 'ENCRYPTED_ONLY' : 'ALLOW_UNENCRYPTED_AND_ENCRYPTED' },
      }),
  },
  { rule: 'GCP-SQL-3', build: (s, ok) => sql(s, { backupConfiguration: { enabled: ok } }) },
  {
    rule: 'GCP-SQL-4',
    build: (s, ok) => sql(s, { backupConfiguration: { enabled: true, pointInTimeRecoveryEnabled: ok } }),
  },
  { rule: 'GCP-SQL-5', build: (s, ok) => sql(s, { availabilityType: ok ? 'REGIONAL' : 'ZONAL' }) },
  { rule: 'GCP-SQL-6', build: (s, ok) => sql(s, { deletionProtectionEnabled: true }, { deletionProtection: ok }) },
  { rule: 'GCP-SQL-7', build: (s, ok) => sql(s, {}, ok ? { encryptionKeyName: KEY } : {}) },
  {
    rule: 'GCP-SQL-8',
    build: (s, ok) =>
      sql(s, {
        databaseFlags: [
          { name: 'log_connections', value: 'on' },
          { name: 'log_disconnections', value: ok ? 'on' : 'off' },
        ],
      }),
  },
  {
    rule: 'GCP-SQL-9',
    build: (s, ok) =>
      sql(s, {
        ipConfiguration: {
          ipv4Enabled: true,
          authorizedNetworks: [{ name: 'office', value: ok ? '203.0.113.0/24' : '0.0.0.0/0' }],
        },
      }),
  },
  {
    rule: 'GCP-KMS-1',
    build: (s, ok) =>
      new KmsCryptoKey(s, 'key', {
        name: 'k',
        keyRing: 'projects/p/locations/l/keyRings/r',
        rotationPeriod: ok ? '7776000s' : '31536000s',
      }),
  },
  {
    rule: 'GCP-SM-1',
    build: (s, ok) =>
      new SecretManagerSecret(s, 'secret', {
        secretId: 'db',
        replication: {
          userManaged: {
            replicas: [{ location: 'europe-west1', ...(ok ? { customerManagedEncryption: { kmsKeyName: KEY } } : {}) }],
          },
        },
      }),
  },
  { rule: 'GCP-GCS-1', build: (s, ok) => bucket(s, { uniformBucketLevelAccess: ok }) },
  { rule: 'GCP-GCS-2', build: (s, ok) => bucket(s, { publicAccessPrevention: ok ? 'enforced' : 'inherited' }) },
  { rule: 'GCP-GCS-3', build: (s, ok) => bucket(s, { versioning: { enabled: ok } }) },
  { rule: 'GCP-GCS-4', build: (s, ok) => bucket(s, ok ? { logging: { logBucket: 'logs' } } : {}) },
  { rule: 'GCP-GCS-5', build: (s, ok) => bucket(s, ok ? { encryption: { defaultKmsKeyName: KEY } } : {}) },
  {
    rule: 'GCP-GCS-6',
    build: (s, ok) =>
      new StorageBucketIamMember(s, 'member', {
        bucket: 'b',
        role: 'roles/storage.objectViewer',
        member: ok ? `serviceAccount:${SA}` : 'allUsers',
      }),
  },
  {
    rule: 'GCP-RUN-1',
    build: (s, ok) => run(s, { ingress: ok ? 'INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER' : 'INGRESS_TRAFFIC_ALL' }),
  },
  {
    rule: 'GCP-RUN-2',
    build: (s, ok) =>
      new CloudRunV2ServiceIamMember(s, 'invoker', {
        name: 'api',
        role: 'roles/run.invoker',
        member: ok ? `serviceAccount:${SA}` : 'allUsers',
      }),
  },
  { rule: 'GCP-RUN-3', build: (s, ok) => run(s, {}, ok ? { serviceAccount: SA } : {}) },
  {
    rule: 'GCP-RUN-4',
    build: (s, ok) =>
      run(
        s,
        {},
        ok
          ? { vpcAccess: { networkInterfaces: [{ network: 'vpc', subnetwork: 'a' }], egress: 'PRIVATE_RANGES_ONLY' } }
          : {}
      ),
  },
  { rule: 'GCP-FN-1', build: (s, ok) => fn(s, { ingressSettings: ok ? 'ALLOW_INTERNAL_ONLY' : 'ALLOW_ALL' }) },
  {
    rule: 'GCP-FN-2',
    build: (s, ok) => fn(s, ok ? { vpcConnector: 'projects/p/locations/l/connectors/c' } : { availableMemory: '256M' }),
  },
  { rule: 'GCP-FN-3', build: (s, ok) => fn(s, ok ? { serviceAccountEmail: SA } : { availableMemory: '256M' }) },
  {
    rule: 'GCP-GKE-1',
    build: (s, ok) => gke(s, { privateClusterConfig: { enablePrivateNodes: ok, enablePrivateEndpoint: false } }),
  },
  {
    rule: 'GCP-GKE-2',
    build: (s, ok) => gke(s, ok ? { workloadIdentityConfig: { workloadPool: 'p.svc.id.goog' } } : {}),
  },
  { rule: 'GCP-GKE-3', build: (s, ok) => gke(s, { datapathProvider: ok ? 'ADVANCED_DATAPATH' : 'LEGACY_DATAPATH' }) },
  { rule: 'GCP-GKE-4', build: (s, ok) => gke(s, { enableShieldedNodes: ok }) },
  { rule: 'GCP-GKE-5', build: (s, ok) => gke(s, { enableLegacyAbac: !ok }) },
  {
    rule: 'GCP-GKE-6',
    build: (s, ok) =>
      gke(
        s,
        ok ? { masterAuthorizedNetworksConfig: { cidrBlocks: [{ cidrBlock: '10.0.0.0/8', displayName: 'vpc' }] } } : {}
      ),
  },
  {
    rule: 'GCP-GKE-7',
    build: (s, ok) => gke(s, { databaseEncryption: { state: ok ? 'ENCRYPTED' : 'DECRYPTED', keyName: KEY } }),
  },
  { rule: 'GCP-GKE-8', build: (s, ok) => gke(s, { releaseChannel: { channel: ok ? 'REGULAR' : 'UNSPECIFIED' } }) },
  { rule: 'GCP-GKE-9', build: (s, ok) => pool(s, { management: { autoRepair: true, autoUpgrade: ok } }) },
  {
    rule: 'GCP-GKE-10',
    build: (s, ok) => pool(s, { nodeConfig: { shieldedInstanceConfig: { enableSecureBoot: ok } } }),
  },
  {
    rule: 'GCP-GKE-11',
    build: (s, ok) =>
      pool(s, { nodeConfig: { workloadMetadataConfig: { mode: ok ? 'GKE_METADATA' : 'GCE_METADATA' } } }),
  },
  {
    rule: 'GCP-PS-1',
    build: (s, ok) => new PubsubTopic(s, 'topic', { name: 'orders', ...(ok ? { kmsKeyName: KEY } : {}) }),
  },
  {
    rule: 'GCP-PS-2',
    build: (s, ok) =>
      subscription(
        s,
        ok ? { deadLetterPolicy: { deadLetterTopic: 'projects/p/topics/orders-dlq', maxDeliveryAttempts: 5 } } : {}
      ),
  },
  {
    rule: 'GCP-PS-3',
    build: (s, ok) =>
      subscription(s, {
        pushConfig: { pushEndpoint: PUSH, ...(ok ? { oidcToken: { serviceAccountEmail: SA, audience: PUSH } } : {}) },
      }),
  },
  {
    rule: 'GCP-PS-4',
    build: (s, ok) =>
      new PubsubTopicIamMember(s, 'publisher', {
        topic: 'orders',
        role: 'roles/pubsub.publisher',
        member: ok ? `serviceAccount:${SA}` : 'allUsers',
      }),
  },
  {
    rule: 'GCP-FS-1',
    build: (s, ok) =>
      firestore(s, {
        pointInTimeRecoveryEnablement: ok ? 'POINT_IN_TIME_RECOVERY_ENABLED' : 'POINT_IN_TIME_RECOVERY_DISABLED',
      }),
  },
  {
    rule: 'GCP-FS-2',
    build: (s, ok) =>
      firestore(s, { deleteProtectionState: ok ? 'DELETE_PROTECTION_ENABLED' : 'DELETE_PROTECTION_DISABLED' }),
  },
  { rule: 'GCP-FS-3', build: (s, ok) => firestore(s, ok ? { cmekConfig: { kmsKeyName: KEY } } : {}) },
];

describe('GCP policy rules', () => {
  describeRuleFixtures('GCP-', FIXTURES);
});

describe('GCP Pub/Sub rules, beyond the fixtures', () => {
  const evaluate = (id: string, build: (s: TerraformStack) => TerraformResource) => {
    const stack = new TerraformStack(Testing.app(), 'test-policy');
    return ruleById(id).evaluate(policyResourceOf(build(stack)));
  };

  it('does not ask the subscription that reads a dead-letter topic for a dead-letter policy of its own', () => {
    expect(
      evaluate('GCP-PS-2', (s) => {
        const dlq = new PubsubTopic(s, 'dlq', { name: 'orders-dlq' });
        subscription(s, { deadLetterPolicy: { deadLetterTopic: dlq.id, maxDeliveryAttempts: 5 } });
        return new PubsubSubscription(s, 'dlq-sub', { name: 'orders-dlq', topic: dlq.id });
      })
    ).toBe('not-applicable');
  });

  it('still asks a subscription of an ordinary topic in the same stack', () => {
    expect(
      evaluate('GCP-PS-2', (s) => {
        const dlq = new PubsubTopic(s, 'dlq', { name: 'orders-dlq' });
        const other = new PubsubTopic(s, 'other', { name: 'other' });
        subscription(s, { deadLetterPolicy: { deadLetterTopic: dlq.id, maxDeliveryAttempts: 5 } });
        return new PubsubSubscription(s, 'other-sub', { name: 'other', topic: other.id });
      })
    ).toBe('non-compliant');
  });

  it('does not judge a pull subscription for an OIDC token', () => {
    expect(evaluate('GCP-PS-3', (s) => subscription(s, {}))).toBe('not-applicable');
  });

  it('flags a public subscription binding', () => {
    expect(
      evaluate(
        'GCP-PS-4',
        (s) =>
          new PubsubSubscriptionIamBinding(s, 'readers', {
            subscription: 'orders',
            role: 'roles/pubsub.subscriber',
            members: [`serviceAccount:${SA}`, 'allAuthenticatedUsers'],
          })
      )
    ).toBe('non-compliant');
  });
});
