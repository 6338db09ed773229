import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { DataAwsIamPolicyDocument, type DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { DataAwsRegion } from '@cdktf/provider-aws/lib/data-aws-region';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { Construct } from 'constructs';

/** Account, partition and region of the provider a construct is deployed with. */
export class AwsContext extends Construct {
  public readonly accountId: string;
  public readonly partition: string;
  public readonly region: string;
  /** DNS suffix of the partition (`amazonaws.com`). */
  public readonly dnsSuffix: string;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const account = new DataAwsCallerIdentity(this, 'account');
    const partition = new DataAwsPartition(this, 'partition');
    const region = new DataAwsRegion(this, 'region');
    this.accountId = account.accountId;
    this.partition = partition.partition;
    this.region = region.name;
    this.dnsSuffix = partition.dnsSuffix;
  }

  /** An ARN in this account and region: `arn(<service>, <resource>)`. */
  public arn(service: string, resource: string, options: { region?: boolean } = {}): string {
    return `arn:${this.partition}:${service}:${options.region === false ? '' : this.region}:${this.accountId}:${resource}`;
  }
}

/** Props of {@link CustomerKey}. */
export interface CustomerKeyProps {
  /** Key description. */
  readonly description: string;
  /** Alias name without `alias/`. @default - no alias */
  readonly alias?: string;
  /** Log group names (may end in `*`) whose data CloudWatch Logs may encrypt with the key. @default - none */
  readonly logGroupNames?: string[];
  /** Service principals (e.g. `events.amazonaws.com`) that may use the key to encrypt and decrypt. @default - none */
  readonly servicePrincipals?: string[];
  /** Extra key policy statements. @default - none */
  readonly extraStatements?: DataAwsIamPolicyDocumentStatement[];
  /** Tags. @default - none */
  readonly tags?: Record<string, string>;
}

/**
 * A rotating customer-managed KMS key whose policy lets the account administer it, CloudWatch Logs use it
 * only for the named log groups, and the given services use it.
 *
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html
 */
export class CustomerKey extends Construct {
  public readonly key: KmsKey;
  public readonly arn: string;

  constructor(scope: Construct, id: string, props: CustomerKeyProps) {
    super(scope, id);
    const aws = new AwsContext(this, 'context');
    const statements: DataAwsIamPolicyDocumentStatement[] = [
      {
        sid: 'EnableAccountAdministration',
        effect: 'Allow',
        principals: [{ type: 'AWS', identifiers: [`arn:${aws.partition}:iam::${aws.accountId}:root`] }],
        actions: ['kms:*'],
        resources: ['*'],
      },
    ];
    if (props.logGroupNames?.length) {
      statements.push({
        sid: 'AllowCloudWatchLogsForTheseLogGroups',
        effect: 'Allow',
        principals: [{ type: 'Service', identifiers: [`logs.${aws.region}.amazonaws.com`] }],
        actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        resources: ['*'],
        condition: [
          {
            test: 'ArnLike',
            variable: 'kms:EncryptionContext:aws:logs:arn',
            values: props.logGroupNames.map((name) => aws.arn('logs', `log-group:${name}`)),
          },
        ],
      });
    }
    if (props.servicePrincipals?.length) {
      statements.push({
        sid: 'AllowServicesToUseTheKey',
        effect: 'Allow',
        principals: [{ type: 'Service', identifiers: props.servicePrincipals }],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
      });
    }
    statements.push(...(props.extraStatements ?? []));
    const policy = new DataAwsIamPolicyDocument(this, 'policy', { statement: statements });
    this.key = new KmsKey(this, 'key', {
      description: props.description,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      policy: policy.json,
      tags: props.tags,
    });
    this.arn = this.key.arn;
    if (props.alias) new KmsAlias(this, 'alias', { name: `alias/${props.alias}`, targetKeyId: this.key.keyId });
  }
}
