import { Apigatewayv2Route } from '@cdktf/provider-aws/lib/apigatewayv2-route';
import { Apigatewayv2Stage } from '@cdktf/provider-aws/lib/apigatewayv2-stage';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';
import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { DmsEndpoint } from '@cdktf/provider-aws/lib/dms-endpoint';
import { DmsReplicationInstance } from '@cdktf/provider-aws/lib/dms-replication-instance';
import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import { EcrRepository } from '@cdktf/provider-aws/lib/ecr-repository';
import { EcsCluster } from '@cdktf/provider-aws/lib/ecs-cluster';
import { EcsService } from '@cdktf/provider-aws/lib/ecs-service';
import { EcsTaskDefinition } from '@cdktf/provider-aws/lib/ecs-task-definition';
import { EksCluster } from '@cdktf/provider-aws/lib/eks-cluster';
import { EksNodeGroup } from '@cdktf/provider-aws/lib/eks-node-group';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { IamUserPolicyAttachment } from '@cdktf/provider-aws/lib/iam-user-policy-attachment';
import { IamGroupPolicyAttachment } from '@cdktf/provider-aws/lib/iam-group-policy-attachment';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { LambdaFunctionUrl } from '@cdktf/provider-aws/lib/lambda-function-url';
import { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template';
import { Lb } from '@cdktf/provider-aws/lib/lb';
import { LbListener } from '@cdktf/provider-aws/lib/lb-listener';
import { Route53HostedZoneDnssec } from '@cdktf/provider-aws/lib/route53-hosted-zone-dnssec';
import { Route53QueryLog } from '@cdktf/provider-aws/lib/route53-query-log';
import { Route53Zone } from '@cdktf/provider-aws/lib/route53-zone';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketAcl } from '@cdktf/provider-aws/lib/s3-bucket-acl';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketLoggingA } from '@cdktf/provider-aws/lib/s3-bucket-logging';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { SecurityGroupRule } from '@cdktf/provider-aws/lib/security-group-rule';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { VpnConnection } from '@cdktf/provider-aws/lib/vpn-connection';
import { KinesisStream } from '@cdktf/provider-aws/lib/kinesis-stream';
import { Fn } from 'cdktf';
import type { Construct } from 'constructs';
import type { RuleFixture } from './fixtures';
import { describeRuleFixtures } from './fixtures';

const KEY = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const ROLE = 'arn:aws:iam::123456789012:role/app';
const db = (s: Construct, props: Partial<ConstructorParameters<typeof DbInstance>[2]>): DbInstance =>
  new DbInstance(s, 'db', { instanceClass: 'db.t4g.micro', engine: 'postgres', ...props });
const bucket = (s: Construct): S3Bucket => new S3Bucket(s, 'bucket', { bucket: 'state' });
const lambda = (s: Construct, props: Partial<ConstructorParameters<typeof LambdaFunction>[2]>): LambdaFunction =>
  new LambdaFunction(s, 'fn', {
    functionName: 'api',
    role: ROLE,
    runtime: 'nodejs22.x',
    handler: 'index.handler',
    ...props,
  });
const task = (
  s: Construct,
  container: Record<string, unknown>,
  props: Partial<ConstructorParameters<typeof EcsTaskDefinition>[2]> = {}
): EcsTaskDefinition =>
  new EcsTaskDefinition(s, 'task', {
    family: 'api',
    networkMode: 'awsvpc',
    containerDefinitions: Fn.jsonencode([{ name: 'api', image: 'api:1.0', ...container }]),
    ...props,
  });
const eks = (s: Construct, props: Partial<ConstructorParameters<typeof EksCluster>[2]>): EksCluster =>
  new EksCluster(s, 'eks', { name: 'main', roleArn: ROLE, vpcConfig: { subnetIds: ['subnet-1'] }, ...props });
const vpn = (s: Construct, props: Partial<ConstructorParameters<typeof VpnConnection>[2]>): VpnConnection =>
  new VpnConnection(s, 'vpn', { customerGatewayId: 'cgw-1', type: 'ipsec.1', vpnGatewayId: 'vgw-1', ...props });
const dms = (
  s: Construct,
  props: Partial<ConstructorParameters<typeof DmsReplicationInstance>[2]>
): DmsReplicationInstance =>
  new DmsReplicationInstance(s, 'dms', {
    replicationInstanceClass: 'dms.t3.medium',
    replicationInstanceId: 'dr',
    ...props,
  });
const policyDoc = (action: string | string[], resource: string): string =>
  Fn.jsonencode({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: resource }] });
const strongTunnel = (n: 1 | 2) => ({
  [`tunnel${n}Phase1EncryptionAlgorithms`]: ['AES256-GCM-16'],
  [`tunnel${n}Phase2EncryptionAlgorithms`]: ['AES256-GCM-16'],
  [`tunnel${n}Phase1IntegrityAlgorithms`]: ['SHA2-256'],
  [`tunnel${n}Phase2IntegrityAlgorithms`]: ['SHA2-256'],
  [`tunnel${n}Phase1DhGroupNumbers`]: [20],
  [`tunnel${n}Phase2DhGroupNumbers`]: [20],
});

const FIXTURES: RuleFixture[] = [
  {
    rule: 'AWS-VPC-1',
    build: (s, ok) => {
      const vpc = new Vpc(s, 'vpc', { cidrBlock: '10.0.0.0/16' });
      const other = new Vpc(s, 'other', { cidrBlock: '10.1.0.0/16' });
      new FlowLog(s, 'flow', { vpcId: (ok ? vpc : other).id, trafficType: 'ALL', logDestination: 'arn:aws:logs:x' });
      return vpc;
    },
  },
  {
    rule: 'AWS-VPC-2',
    build: (s, ok) =>
      new DefaultSecurityGroup(s, 'default', {
        vpcId: 'vpc-1',
        ingress: ok ? [] : [{ fromPort: 0, toPort: 0, protocol: '-1', selfAttribute: true }],
      }),
  },
  {
    rule: 'AWS-VPC-3',
    build: (s, ok) => new Subnet(s, 'subnet', { vpcId: 'vpc-1', cidrBlock: '10.0.0.0/24', mapPublicIpOnLaunch: !ok }),
  },
  {
    rule: 'AWS-VPC-4',
    build: (s, ok) =>
      new VpcSecurityGroupIngressRule(s, 'rule', {
        securityGroupId: 'sg-1',
        ipProtocol: 'tcp',
        fromPort: ok ? 443 : 5432,
        toPort: ok ? 443 : 5432,
        cidrIpv4: '0.0.0.0/0',
      }),
  },
  {
    rule: 'AWS-VPC-5',
    build: (s, ok) =>
      new SecurityGroup(s, 'sg', {
        description: 'bastion',
        ingress: [{ fromPort: 22, toPort: 22, protocol: 'tcp', cidrBlocks: [ok ? '10.0.0.0/8' : '0.0.0.0/0'] }],
      }),
  },
  {
    rule: 'AWS-VPC-6',
    build: (s, ok) =>
      new SecurityGroupRule(s, 'rdp', {
        type: 'ingress',
        securityGroupId: 'sg-1',
        protocol: 'tcp',
        fromPort: 3300,
        toPort: 3400,
        ipv6CidrBlocks: [ok ? 'fd00::/8' : '::/0'],
      }),
  },
  {
    rule: 'AWS-VPC-7',
    build: (s, ok) =>
      new SecurityGroup(s, 'sg', {
        description: 'app',
        egress: [
          {
            fromPort: 443,
            toPort: 443,
            protocol: 'tcp',
            cidrBlocks: ['0.0.0.0/0'],
            ...(ok ? { description: 'HTTPS out' } : {}),
          },
        ],
      }),
  },
  {
    rule: 'AWS-VPC-8',
    build: (s, ok) =>
      new FlowLog(s, 'flow', { vpcId: 'vpc-1', trafficType: ok ? 'ALL' : 'REJECT', logDestination: 'arn:aws:logs:x' }),
  },
  {
    rule: 'AWS-LOG-1',
    build: (s, ok) => new CloudwatchLogGroup(s, 'logs', ok ? { kmsKeyId: new KmsKey(s, 'key').arn } : {}),
  },
  { rule: 'AWS-LOG-2', build: (s, ok) => new CloudwatchLogGroup(s, 'logs', { retentionInDays: ok ? 400 : 90 }) },
  { rule: 'AWS-LOG-3', build: (s, ok) => new CloudwatchLogGroup(s, 'logs', { retentionInDays: ok ? 90 : 30 }) },
  { rule: 'AWS-RDS-1', build: (s, ok) => db(s, { storageEncrypted: ok }) },
  { rule: 'AWS-RDS-2', build: (s, ok) => db(s, ok ? { kmsKeyId: new KmsKey(s, 'key').arn } : {}) },
  { rule: 'AWS-RDS-3', build: (s, ok) => db(s, { multiAz: ok }) },
  { rule: 'AWS-RDS-4', build: (s, ok) => db(s, { deletionProtection: ok }) },
  { rule: 'AWS-RDS-5', build: (s, ok) => db(s, { publiclyAccessible: !ok }) },
  { rule: 'AWS-RDS-6', build: (s, ok) => db(s, { backupRetentionPeriod: ok ? 7 : 1 }) },
  { rule: 'AWS-RDS-7', build: (s, ok) => db(s, { enabledCloudwatchLogsExports: ok ? ['postgresql'] : [] }) },
  { rule: 'AWS-RDS-8', build: (s, ok) => db(s, { iamDatabaseAuthenticationEnabled: ok }) },
  { rule: 'AWS-RDS-9', build: (s, ok) => db(s, ok ? {} : { autoMinorVersionUpgrade: false }) },
  { rule: 'AWS-RDS-10', build: (s, ok) => db(s, { monitoringInterval: ok ? 60 : 0 }) },
  { rule: 'AWS-RDS-11', build: (s, ok) => db(s, { skipFinalSnapshot: !ok, finalSnapshotIdentifier: 'final' }) },
  { rule: 'AWS-RDS-12', build: (s, ok) => db(s, { copyTagsToSnapshot: ok }) },
  { rule: 'AWS-KMS-1', build: (s, ok) => new KmsKey(s, 'key', { enableKeyRotation: ok }) },
  { rule: 'AWS-KMS-2', build: (s, ok) => new KmsKey(s, 'key', { deletionWindowInDays: ok ? 30 : 7 }) },
  {
    rule: 'AWS-KMS-3',
    build: (s, ok) => new KmsKey(s, 'key', ok ? { policy: policyDoc('kms:*', '*') } : {}),
  },
  {
    rule: 'AWS-S3-1',
    build: (s, ok) => {
      const b = bucket(s);
      const other = new S3Bucket(s, 'other', { bucket: 'other' });
      new S3BucketPublicAccessBlock(s, 'pab', { bucket: (ok ? b : other).id, blockPublicAcls: true });
      return b;
    },
  },
  {
    rule: 'AWS-S3-2',
    build: (s, ok) => {
      const b = bucket(s);
      new S3BucketServerSideEncryptionConfigurationA(s, 'sse', {
        bucket: b.bucket,
        rule: [
          {
            applyServerSideEncryptionByDefault: {
              sseAlgorithm: ok ? 'aws:kms' : 'AES256',
              kmsMasterKeyId: ok ? KEY : undefined,
            },
          },
        ],
      });
      return b;
    },
  },
  {
    rule: 'AWS-S3-3',
    build: (s, ok) => {
      const b = bucket(s);
      new S3BucketVersioningA(s, 'versioning', {
        bucket: b.id,
        versioningConfiguration: { status: ok ? 'Enabled' : 'Suspended' },
      });
      return b;
    },
  },
  {
    rule: 'AWS-S3-4',
    build: (s, ok) => {
      const b = bucket(s);
      new S3BucketOwnershipControls(s, 'own', {
        bucket: b.id,
        rule: { objectOwnership: ok ? 'BucketOwnerEnforced' : 'ObjectWriter' },
      });
      return b;
    },
  },
  {
    rule: 'AWS-S3-5',
    build: (s, ok) => {
      const b = bucket(s);
      // a literal bucket name counts as pointing at the bucket too
      if (ok) new S3BucketPolicy(s, 'policy', { bucket: 'state', policy: policyDoc('s3:GetObject', '*') });
      return b;
    },
  },
  {
    rule: 'AWS-S3-6',
    build: (s, ok) => {
      const b = bucket(s);
      if (ok)
        new S3BucketLifecycleConfiguration(s, 'lifecycle', { bucket: b.id, rule: [{ id: 'old', status: 'Enabled' }] });
      return b;
    },
  },
  {
    rule: 'AWS-S3-7',
    build: (s, ok) => {
      const b = bucket(s);
      if (ok) new S3BucketLoggingA(s, 'logging', { bucket: b.id, targetBucket: 'logs', targetPrefix: 'state/' });
      return b;
    },
  },
  {
    rule: 'AWS-S3-8',
    build: (s, ok) =>
      new S3BucketPublicAccessBlock(s, 'pab', {
        bucket: 'state',
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: ok,
      }),
  },
  {
    rule: 'AWS-S3-9',
    build: (s, ok) => new S3BucketAcl(s, 'acl', { bucket: 'state', acl: ok ? 'private' : 'public-read' }),
  },
  {
    rule: 'AWS-DDB-1',
    build: (s, ok) =>
      new DynamodbTable(s, 'table', {
        name: 'locks',
        hashKey: 'LockID',
        attribute: [{ name: 'LockID', type: 'S' }],
        pointInTimeRecovery: { enabled: ok },
      }),
  },
  {
    rule: 'AWS-DDB-2',
    build: (s, ok) =>
      new DynamodbTable(s, 'table', {
        name: 'locks',
        hashKey: 'LockID',
        attribute: [{ name: 'LockID', type: 'S' }],
        ...(ok ? { serverSideEncryption: { enabled: true, kmsKeyArn: KEY } } : {}),
      }),
  },
  {
    rule: 'AWS-DDB-3',
    build: (s, ok) =>
      new DynamodbTable(s, 'table', {
        name: 'locks',
        hashKey: 'LockID',
        attribute: [{ name: 'LockID', type: 'S' }],
        deletionProtectionEnabled: ok,
      }),
  },
  {
    rule: 'AWS-IAM-1',
    build: (s, ok) => new IamPolicy(s, 'policy', { policy: policyDoc(ok ? 's3:GetObject' : '*', '*') }),
  },
  {
    rule: 'AWS-IAM-2',
    build: (s, ok) =>
      new IamRolePolicy(s, 'policy', {
        role: 'app',
        // a literal JSON string is read as well as Fn.jsonencode
        policy: JSON.stringify({
          Statement: [{ Effect: 'Allow', Action: ok ? ['s3:GetObject'] : ['s3:*'], Resource: 'arn:aws:s3:::b/*' }],
        }),
      }),
  },
  {
    rule: 'AWS-IAM-3',
    build: (s, ok) =>
      new IamRole(s, 'role', {
        assumeRolePolicy: Fn.jsonencode({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: 'sts:AssumeRole',
              Principal: ok ? { Service: 'lambda.amazonaws.com' } : { AWS: '*' },
            },
          ],
        }),
      }),
  },
  {
    rule: 'AWS-IAM-4',
    build: (s, ok) =>
      ok
        ? new IamGroupPolicyAttachment(s, 'attach', {
            group: 'ops',
            policyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
          })
        : new IamUserPolicyAttachment(s, 'attach', {
            user: 'alice',
            policyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
          }),
  },
  {
    rule: 'AWS-IAM-5',
    build: (s, ok) =>
      new IamRolePolicyAttachment(s, 'attach', {
        role: 'app',
        policyArn: ok ? 'arn:aws:iam::aws:policy/ReadOnlyAccess' : 'arn:aws:iam::aws:policy/AdministratorAccess',
      }),
  },
  { rule: 'AWS-SNS-1', build: (s, ok) => new SnsTopic(s, 'topic', ok ? { kmsMasterKeyId: 'alias/sns' } : {}) },
  { rule: 'AWS-SQS-1', build: (s, ok) => new SqsQueue(s, 'queue', ok ? {} : { sqsManagedSseEnabled: false }) },
  {
    rule: 'AWS-SQS-2',
    build: (s, ok) => {
      const dlq = new SqsQueue(s, 'dlq');
      return new SqsQueue(
        s,
        'queue',
        ok ? { redrivePolicy: Fn.jsonencode({ deadLetterTargetArn: dlq.arn, maxReceiveCount: 5 }) } : {}
      );
    },
  },
  { rule: 'AWS-SM-1', build: (s, ok) => new SecretsmanagerSecret(s, 'secret', ok ? { kmsKeyId: KEY } : {}) },
  { rule: 'AWS-DMS-1', build: (s, ok) => dms(s, { publiclyAccessible: !ok }) },
  { rule: 'AWS-DMS-2', build: (s, ok) => dms(s, ok ? { kmsKeyArn: KEY } : {}) },
  { rule: 'AWS-DMS-3', build: (s, ok) => dms(s, { multiAz: ok }) },
  { rule: 'AWS-DMS-4', build: (s, ok) => dms(s, { autoMinorVersionUpgrade: ok }) },
  {
    rule: 'AWS-DMS-5',
    build: (s, ok) =>
      new DmsEndpoint(s, 'endpoint', {
        endpointId: 'src',
        endpointType: 'source',
        engineName: 'postgres',
        sslMode: ok ? 'verify-full' : 'none',
      }),
  },
  {
    rule: 'AWS-VPN-1',
    build: (s, ok) =>
      vpn(s, {
        tunnel1LogOptions: { cloudwatchLogOptions: { logEnabled: true, logGroupArn: 'arn:aws:logs:x' } },
        tunnel2LogOptions: { cloudwatchLogOptions: { logEnabled: ok, logGroupArn: 'arn:aws:logs:x' } },
      }),
  },
  {
    rule: 'AWS-VPN-2',
    build: (s, ok) =>
      vpn(s, { tunnel1IkeVersions: ['ikev2'], tunnel2IkeVersions: ok ? ['ikev2'] : ['ikev1', 'ikev2'] }),
  },
  { rule: 'AWS-VPN-3', build: (s, ok) => vpn(s, { ...strongTunnel(1), ...(ok ? strongTunnel(2) : {}) }) },
  {
    rule: 'AWS-R53-1',
    build: (s, ok) => {
      const zone = new Route53Zone(s, 'zone', { name: 'example.com' });
      if (ok) new Route53QueryLog(s, 'log', { zoneId: zone.zoneId, cloudwatchLogGroupArn: 'arn:aws:logs:x' });
      return zone;
    },
  },
  {
    rule: 'AWS-R53-2',
    build: (s, ok) => {
      const zone = new Route53Zone(s, 'zone', { name: 'example.com' });
      if (ok) new Route53HostedZoneDnssec(s, 'dnssec', { hostedZoneId: zone.id });
      return zone;
    },
  },
  {
    rule: 'AWS-LAMBDA-1',
    build: (s, ok) => lambda(s, ok ? { vpcConfig: { subnetIds: ['subnet-1'], securityGroupIds: ['sg-1'] } } : {}),
  },
  { rule: 'AWS-LAMBDA-2', build: (s, ok) => lambda(s, { tracingConfig: { mode: ok ? 'Active' : 'PassThrough' } }) },
  {
    rule: 'AWS-LAMBDA-3',
    build: (s, ok) => lambda(s, { environment: { variables: { STAGE: 'prod' } }, ...(ok ? { kmsKeyArn: KEY } : {}) }),
  },
  { rule: 'AWS-LAMBDA-4', build: (s, ok) => lambda(s, ok ? { deadLetterConfig: { targetArn: 'arn:aws:sqs:x' } } : {}) },
  { rule: 'AWS-LAMBDA-5', build: (s, ok) => lambda(s, ok ? { reservedConcurrentExecutions: 10 } : {}) },
  { rule: 'AWS-LAMBDA-6', build: (s, ok) => lambda(s, { runtime: ok ? 'python3.12' : 'python3.8' }) },
  {
    rule: 'AWS-LAMBDA-7',
    build: (s, ok) =>
      new LambdaFunctionUrl(s, 'url', { functionName: 'api', authorizationType: ok ? 'AWS_IAM' : 'NONE' }),
  },
  {
    rule: 'AWS-APIGW-1',
    build: (s, ok) =>
      new Apigatewayv2Stage(s, 'stage', {
        apiId: 'api',
        name: '$default',
        ...(ok ? { accessLogSettings: { destinationArn: 'arn:aws:logs:x', format: '$context.requestId' } } : {}),
      }),
  },
  {
    rule: 'AWS-APIGW-2',
    build: (s, ok) =>
      new Apigatewayv2Stage(s, 'stage', {
        apiId: 'api',
        name: '$default',
        defaultRouteSettings: ok
          ? { throttlingRateLimit: 100, throttlingBurstLimit: 50 }
          : { detailedMetricsEnabled: true },
      }),
  },
  {
    rule: 'AWS-APIGW-3',
    build: (s, ok) =>
      new Apigatewayv2Route(s, 'route', { apiId: 'api', routeKey: 'GET /', authorizationType: ok ? 'JWT' : 'NONE' }),
  },
  { rule: 'AWS-ECS-1', build: (s, ok) => task(s, { privileged: !ok }) },
  { rule: 'AWS-ECS-2', build: (s, ok) => task(s, { readonlyRootFilesystem: ok }) },
  {
    rule: 'AWS-ECS-3',
    build: (s, ok) =>
      task(s, ok ? { logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': 'api' } } } : {}),
  },
  { rule: 'AWS-ECS-4', build: (s, ok) => task(s, {}, { networkMode: ok ? 'awsvpc' : 'host' }) },
  {
    rule: 'AWS-ECS-5',
    build: (s, ok) =>
      task(s, {
        environment: [
          { name: 'DB_PASSWORD', value: ok ? '' : 'hunter2' },
          { name: 'STAGE', value: 'prod' },
        ],
      }),
  },
  {
    rule: 'AWS-ECS-6',
    build: (s, ok) =>
      new EcsService(s, 'service', {
        name: 'api',
        networkConfiguration: { subnets: ['subnet-1'], assignPublicIp: !ok },
      }),
  },
  {
    rule: 'AWS-ECS-7',
    build: (s, ok) =>
      new EcsCluster(s, 'cluster', {
        name: 'main',
        setting: [{ name: 'containerInsights', value: ok ? 'enabled' : 'disabled' }],
      }),
  },
  {
    rule: 'AWS-ALB-1',
    build: (s, ok) => new Lb(s, 'lb', { loadBalancerType: 'application', dropInvalidHeaderFields: ok }),
  },
  { rule: 'AWS-ALB-2', build: (s, ok) => new Lb(s, 'lb', { accessLogs: { bucket: 'logs', enabled: ok } }) },
  { rule: 'AWS-ALB-3', build: (s, ok) => new Lb(s, 'lb', { enableDeletionProtection: ok }) },
  {
    rule: 'AWS-ALB-4',
    build: (s, ok) =>
      new LbListener(s, 'http', {
        loadBalancerArn: 'arn:aws:elasticloadbalancing:x',
        port: 80,
        protocol: 'HTTP',
        defaultAction: [
          ok
            ? { type: 'redirect', redirect: { protocol: 'HTTPS', port: '443', statusCode: 'HTTP_301' } }
            : { type: 'forward', targetGroupArn: 'arn:aws:elasticloadbalancing:tg' },
        ],
      }),
  },
  {
    rule: 'AWS-ALB-5',
    build: (s, ok) =>
      new LbListener(s, 'https', {
        loadBalancerArn: 'arn:aws:elasticloadbalancing:x',
        port: 443,
        protocol: 'HTTPS',
        certificateArn: 'arn:aws:acm:x',
        sslPolicy: ok ? 'ELBSecurityPolicy-TLS13-1-2-2021-06' : 'ELBSecurityPolicy-2016-08',
        defaultAction: [{ type: 'forward', targetGroupArn: 'arn:aws:elasticloadbalancing:tg' }],
      }),
  },
  {
    rule: 'AWS-ECR-1',
    build: (s, ok) => new EcrRepository(s, 'repo', { name: 'api', imageTagMutability: ok ? 'IMMUTABLE' : 'MUTABLE' }),
  },
  {
    rule: 'AWS-ECR-2',
    build: (s, ok) => new EcrRepository(s, 'repo', { name: 'api', imageScanningConfiguration: { scanOnPush: ok } }),
  },
  {
    rule: 'AWS-ECR-3',
    build: (s, ok) =>
      new EcrRepository(s, 'repo', {
        name: 'api',
        encryptionConfiguration: [{ encryptionType: ok ? 'KMS' : 'AES256' }],
      }),
  },
  {
    rule: 'AWS-EKS-1',
    build: (s, ok) =>
      eks(s, {
        vpcConfig: {
          subnetIds: ['subnet-1'],
          endpointPublicAccess: true,
          publicAccessCidrs: [ok ? '203.0.113.0/24' : '0.0.0.0/0'],
        },
      }),
  },
  {
    rule: 'AWS-EKS-2',
    build: (s, ok) => eks(s, ok ? { encryptionConfig: { resources: ['secrets'], provider: { keyArn: KEY } } } : {}),
  },
  {
    rule: 'AWS-EKS-3',
    build: (s, ok) => eks(s, { enabledClusterLogTypes: ok ? ['api', 'audit', 'authenticator'] : ['api'] }),
  },
  {
    rule: 'AWS-EKS-4',
    build: (s, ok) => new LaunchTemplate(s, 'lt', { metadataOptions: { httpTokens: ok ? 'required' : 'optional' } }),
  },
  {
    rule: 'AWS-EKS-5',
    build: (s, ok) =>
      new EksNodeGroup(s, 'nodes', {
        clusterName: 'main',
        nodeRoleArn: ROLE,
        subnetIds: ['subnet-1'],
        scalingConfig: { desiredSize: 1, maxSize: 1, minSize: 1 },
        ...(ok ? {} : { remoteAccess: { ec2SshKey: 'ops' } }),
      }),
  },
  {
    rule: 'AWS-EKS-6',
    build: (s, ok) =>
      new LaunchTemplate(s, 'lt', {
        blockDeviceMappings: [{ deviceName: '/dev/xvda', ebs: { encrypted: ok ? 'true' : 'false' } }],
      }),
  },
  {
    rule: 'AWS-KIN-1',
    build: (s, ok) =>
      new KinesisStream(s, 'stream', {
        name: 'events',
        streamModeDetails: { streamMode: 'ON_DEMAND' },
        ...(ok ? { encryptionType: 'KMS', kmsKeyId: 'alias/aws/kinesis' } : { encryptionType: 'NONE' }),
      }),
  },
];

describe('AWS policy rules', () => {
  describeRuleFixtures('AWS-', FIXTURES);
});
