import { DataAwsSecretsmanagerRandomPassword } from '@cdktf/provider-aws/lib/data-aws-secretsmanager-random-password';
import { ElasticacheParameterGroup } from '@cdktf/provider-aws/lib/elasticache-parameter-group';
import { ElasticacheReplicationGroup } from '@cdktf/provider-aws/lib/elasticache-replication-group';
import { ElasticacheSubnetGroup } from '@cdktf/provider-aws/lib/elasticache-subnet-group';
import { ElasticacheUser } from '@cdktf/provider-aws/lib/elasticache-user';
import { ElasticacheUserGroup } from '@cdktf/provider-aws/lib/elasticache-user-group';
import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import { SecretsmanagerSecretVersion } from '@cdktf/provider-aws/lib/secretsmanager-secret-version';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { ValidationError } from '../core/validation-error';
import { CustomerKey } from './private/customer-key';
import { type KeyedList, keyedEntries } from './private/ids';
import { jsonencode } from '../core/jsonencode';

/** Engines: Valkey (default) or Redis OSS. */
export const CACHE_ENGINES = ['valkey', 'redis'] as const;
export type CacheEngine = (typeof CACHE_ENGINES)[number];

/**
 * Node types by family: current-generation Graviton and burstable families and their sizes.
 *
 * @see https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/CacheNodes.SupportedTypes.html
 */
export const CACHE_NODE_TYPES: Readonly<Record<string, readonly string[]>> = {
  t4g: ['micro', 'small', 'medium'],
  t3: ['micro', 'small', 'medium'],
  m6g: ['large', 'xlarge', '2xlarge', '4xlarge', '8xlarge', '12xlarge', '16xlarge'],
  m7g: ['large', 'xlarge', '2xlarge', '4xlarge', '8xlarge', '12xlarge', '16xlarge'],
  r6g: ['large', 'xlarge', '2xlarge', '4xlarge', '8xlarge', '12xlarge', '16xlarge'],
  r7g: ['large', 'xlarge', '2xlarge', '4xlarge', '8xlarge', '12xlarge', '16xlarge'],
  r6gd: ['xlarge', '2xlarge', '4xlarge', '8xlarge', '12xlarge', '16xlarge'],
};

/** Why a node type is not known, or `undefined` when it is (`cache.<family>.<size>`). */
export function cacheNodeTypeProblem(nodeType: string): string | undefined {
  const m = /^cache\.([a-z0-9]+)\.([a-z0-9]+)$/.exec(nodeType);
  const sizes = m ? CACHE_NODE_TYPES[m[1]!] : undefined;
  if (m && sizes?.includes(m[2]!)) return undefined;
  if (sizes) return `is not a size of cache.${m![1]}; use one of ${sizes.map((s) => `cache.${m![1]}.${s}`).join(', ')}`;
  return `is not a known node type; use cache.<family>.<size> with family ${Object.keys(CACHE_NODE_TYPES).join(', ')} (e.g. cache.t4g.small, cache.r7g.large)`;
}

/** Defaults of {@link CacheCluster}. */
export const CACHE_CLUSTER_DEFAULTS = {
  engine: 'valkey',
  /** Engine version per engine. */
  engineVersion: { valkey: '8.0', redis: '7.1' },
  /** Parameter group family per engine. */
  parameterFamily: { valkey: 'valkey8', redis: 'redis7' },
  nodeType: 'cache.t4g.small',
  /** Nodes: a primary and one replica in another AZ (Multi-AZ needs 2). */
  nodes: 2,
  port: 6379,
  snapshotRetentionDays: 7,
  snapshotWindow: '03:00-04:00',
  maintenanceWindow: 'sun:05:00-sun:06:00',
} as const;

/** Limits of {@link CacheCluster}. @see https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Replication.html */
export const CACHE_CLUSTER_LIMITS = {
  /** Multi-AZ with automatic failover needs a replica: 2 to 6 nodes (primary + up to 5 replicas). */
  nodes: { min: 2, max: 6 },
  snapshotRetentionDays: { min: 1, max: 35 },
  /** Replication group id length. */
  nameLength: 40,
} as const;

/** Props of {@link CacheCluster}. */
export interface CacheClusterProps {
  /** Replication group id (lower-case letters, digits, -; at most 40); also names the users, key and groups. */
  readonly name: string;
  /** VPC of the cache's security group. */
  readonly vpcId: string;
  /** Private subnets, one per availability zone. */
  readonly subnetIds: string[];
  /** Security groups of the compute allowed to connect, keyed by name (or a list of literal ids). @default - none */
  readonly allowedSecurityGroups?: KeyedList;
  /** Engine. @default "valkey" */
  readonly engine?: CacheEngine;
  /** Engine version. @default - "8.0" for valkey, "7.1" for redis */
  readonly engineVersion?: string;
  /** Node type `cache.<family>.<size>`. @default "cache.t4g.small" */
  readonly nodeType?: string;
  /** Nodes: one primary and replicas, spread over the AZs (2-6). @default 2 */
  readonly nodes?: number;
  /** Days automatic snapshots are kept (1-35). @default 7 */
  readonly snapshotRetentionDays?: number;
  /** Engine parameters of the parameter group. @default - none (family defaults) */
  readonly parameters?: Readonly<Record<string, string>>;
  /** Tags. @default - none */
  readonly tags?: Record<string, string>;
}

/**
 * An ElastiCache (Valkey or Redis OSS) replication group in private subnets: Multi-AZ with automatic
 * failover, encrypted at rest with its own customer key and in transit (TLS required), RBAC with an
 * application user whose password Secrets Manager generates and keeps (only referenced), a disabled
 * `default` user, its own parameter group, daily snapshots, and a security group that admits the
 * given compute security groups only.
 *
 * @see https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Clusters.RBAC.html
 */
export class CacheCluster extends Construct {
  public readonly replicationGroup: ElasticacheReplicationGroup;
  public readonly primaryEndpoint: string;
  public readonly readerEndpoint: string;
  public readonly port: number;
  public readonly securityGroupId: string;
  /** Secret holding `{ username, password }` of the application user. */
  public readonly secretArn: string;
  public readonly kmsKeyArn: string;

  constructor(scope: Construct, id: string, props: CacheClusterProps) {
    super(scope, id);
    const engine = props.engine ?? CACHE_CLUSTER_DEFAULTS.engine;
    const nodeType = props.nodeType ?? CACHE_CLUSTER_DEFAULTS.nodeType;
    const nodes = props.nodes ?? CACHE_CLUSTER_DEFAULTS.nodes;
    const retention = props.snapshotRetentionDays ?? CACHE_CLUSTER_DEFAULTS.snapshotRetentionDays;
    if (!Token.isUnresolved(props.name) && !/^[a-z][a-z0-9-]{0,39}$/.test(props.name)) {
      throw new ValidationError(this, 'name', props.name, `is not a replication group id; use lower-case letters, digits and -, starting with a letter, at most ${CACHE_CLUSTER_LIMITS.nameLength}`);
    }
    if (!(CACHE_ENGINES as readonly string[]).includes(engine)) {
      throw new ValidationError(this, 'engine', engine, `is not an engine; use ${CACHE_ENGINES.join(' or ')}`);
    }
    const nodeProblem = Token.isUnresolved(nodeType) ? undefined : cacheNodeTypeProblem(nodeType);
    if (nodeProblem) throw new ValidationError(this, 'nodeType', nodeType, nodeProblem);
    const lim = CACHE_CLUSTER_LIMITS;
    if (!Number.isInteger(nodes) || nodes < lim.nodes.min || nodes > lim.nodes.max) {
      throw new ValidationError(this, 'nodes', nodes, `is not allowed; Multi-AZ with automatic failover needs ${lim.nodes.min} to ${lim.nodes.max} nodes (a primary and replicas)`);
    }
    if (!Number.isInteger(retention) || retention < lim.snapshotRetentionDays.min || retention > lim.snapshotRetentionDays.max) {
      throw new ValidationError(this, 'snapshotRetentionDays', retention, `is not allowed; use ${lim.snapshotRetentionDays.min} to ${lim.snapshotRetentionDays.max} days`);
    }
    if (!Token.isUnresolved(props.subnetIds) && props.subnetIds.length < 2) {
      throw new ValidationError(this, 'subnetIds', props.subnetIds, 'has fewer than 2 subnets; Multi-AZ needs subnets in at least 2 availability zones');
    }
    const sources = keyedEntries(this, 'allowedSecurityGroups', props.allowedSecurityGroups);
    const tags = props.tags ?? {};
    const port = CACHE_CLUSTER_DEFAULTS.port;
    this.port = port;

    const key = new CustomerKey(this, 'key', { description: `Encrypts the cache ${props.name} and its secret`, alias: `elasticache/${props.name}`, tags });
    this.kmsKeyArn = key.arn;

    const sg = new SecurityGroup(this, 'security-group', {
      namePrefix: `${props.name}-cache-`,
      description: `Cache ${props.name}: ${port} in from the allowed compute security groups only`,
      vpcId: props.vpcId,
      tags: { ...tags, Name: `${props.name}-cache` },
      lifecycle: { createBeforeDestroy: true },
    });
    this.securityGroupId = sg.id;
    for (const [sourceKey, sourceId] of sources) {
      new VpcSecurityGroupIngressRule(this, `ingress-from-${sourceKey}`, {
        securityGroupId: sg.id,
        referencedSecurityGroupId: sourceId,
        ipProtocol: 'tcp',
        fromPort: port,
        toPort: port,
        description: `cache clients: ${sourceKey}`,
        tags,
      });
    }

    const subnets = new ElasticacheSubnetGroup(this, 'subnet-group', { name: `${props.name}-cache`, description: `Private subnets of the cache ${props.name}`, subnetIds: props.subnetIds, tags });
    const parameters = new ElasticacheParameterGroup(this, 'parameter-group', {
      name: `${props.name}-${CACHE_CLUSTER_DEFAULTS.parameterFamily[engine]}`,
      family: CACHE_CLUSTER_DEFAULTS.parameterFamily[engine],
      description: `Parameters of the cache ${props.name}`,
      parameter: Object.entries(props.parameters ?? {}).map(([name, value]) => ({ name, value })),
      tags,
    });

    // Generated by Secrets Manager (letters and digits: ElastiCache refuses , " / @ and spaces), with
    // the AWS provider only. The data source draws a new value on every plan: the user and the secret
    // take the first one and ignore later draws, so the password is stable and only ever referenced.
    // @see https://registry.terraform.io/providers/hashicorp/aws/latest/docs/data-sources/secretsmanager_random_password
    const appPassword = new DataAwsSecretsmanagerRandomPassword(this, 'app-password', { passwordLength: 32, excludePunctuation: true });
    const defaultPassword = new DataAwsSecretsmanagerRandomPassword(this, 'default-password', { passwordLength: 32, excludePunctuation: true });
    const secret = new SecretsmanagerSecret(this, 'secret', { namePrefix: `${props.name}-cache-`, description: `Application user of the cache ${props.name}`, kmsKeyId: key.arn, tags });
    this.secretArn = secret.arn;
    new SecretsmanagerSecretVersion(this, 'secret-value', { secretId: secret.id, secretString: jsonencode({ username: 'app', password: appPassword.randomPassword }), lifecycle: { ignoreChanges: ['secret_string'] } });
    // The group must hold a user named `default`: it is switched off, so only `app` can connect.
    const defaultUser = new ElasticacheUser(this, 'default-user', {
      userId: `${props.name}-default`,
      userName: 'default',
      engine,
      accessString: 'off -@all',
      authenticationMode: { type: 'password', passwords: [defaultPassword.randomPassword] },
      lifecycle: { ignoreChanges: ['authentication_mode'] },
      tags,
    });
    const appUser = new ElasticacheUser(this, 'app-user', {
      userId: `${props.name}-app`,
      userName: 'app',
      engine,
      accessString: 'on ~* &* +@all -@dangerous',
      authenticationMode: { type: 'password', passwords: [appPassword.randomPassword] },
      lifecycle: { ignoreChanges: ['authentication_mode'] },
      tags,
    });
    const group = new ElasticacheUserGroup(this, 'user-group', { userGroupId: `${props.name}-users`, engine, userIds: [defaultUser.userId, appUser.userId], tags });

    this.replicationGroup = new ElasticacheReplicationGroup(this, 'replication-group', {
      replicationGroupId: props.name,
      description: `Cache ${props.name}`,
      engine,
      engineVersion: props.engineVersion ?? CACHE_CLUSTER_DEFAULTS.engineVersion[engine],
      nodeType,
      numCacheClusters: nodes,
      port,
      automaticFailoverEnabled: true,
      multiAzEnabled: true,
      atRestEncryptionEnabled: 'true',
      kmsKeyId: key.arn,
      transitEncryptionEnabled: true,
      transitEncryptionMode: 'required',
      userGroupIds: [group.userGroupId],
      subnetGroupName: subnets.name,
      securityGroupIds: [sg.id],
      parameterGroupName: parameters.name,
      snapshotRetentionLimit: retention,
      snapshotWindow: CACHE_CLUSTER_DEFAULTS.snapshotWindow,
      maintenanceWindow: CACHE_CLUSTER_DEFAULTS.maintenanceWindow,
      finalSnapshotIdentifier: `${props.name}-final`,
      autoMinorVersionUpgrade: 'true',
      tags,
    });
    this.primaryEndpoint = this.replicationGroup.primaryEndpointAddress;
    this.readerEndpoint = this.replicationGroup.readerEndpointAddress;
  }
}
