import type { DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { ValidationError } from '../core/validation-error';
import { AwsContext } from './private/customer-key';
import { idFor } from './private/ids';
import { secretReadStatements, secretReferenceKind, SECRET_REFERENCE_ALLOWED } from './private/secret-refs';

/** Access of a workload to one RDS database: the `databaseAccess` entries of the compute constructs. */
export interface DatabaseAccess {
  /** Stable name of this access (keys the rule and statement ids), e.g. `orders`. */
  readonly name: string;
  /** Security group of the database. */
  readonly databaseSecurityGroupId: string;
  /**
   * Port the database listens on.
   *
   * @default 5432
   */
  readonly port?: number;
  /** RDS resource id of the instance (`db-ABCDEFGHIJKLMNOPQRSTUVWXY0`), for IAM database authentication. */
  readonly resourceId: string;
  /** Database user the workload connects as with IAM authentication. */
  readonly dbUser: string;
  /**
   * Secrets Manager ARN of the database credentials the workload may also read.
   *
   * @default - no secret read
   */
  readonly secretArn?: string;
}

/** Props of {@link DatabaseGrant}. */
export interface DatabaseGrantProps extends DatabaseAccess {
  /** Security group of the workload (the source of the connections). */
  readonly sourceSecurityGroupId: string;
}

/** What the port of a database access may be. */
export const DATABASE_PORT_LIMITS = [1, 65535] as const;

/**
 * Lets one workload reach one database: an ingress rule on the database group from the workload's group,
 * the matching egress rule on the workload's group, and the IAM statements for `rds-db:connect` as one
 * user (and reading the credentials secret, when given).
 *
 * The caller adds {@link DatabaseGrant.statements} to the workload's role policy.
 *
 * @see https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.IAMDBAuth.IAMPolicy.html
 */
export class DatabaseGrant extends Construct {
  /** IAM statements to add to the workload role: connect as `dbUser`, read the secret. */
  public readonly statements: DataAwsIamPolicyDocumentStatement[];
  /** The `rds-db:connect` resource ARN. */
  public readonly dbUserArn: string;

  constructor(scope: Construct, id: string, props: DatabaseGrantProps) {
    super(scope, id);
    const port = props.port ?? 5432;
    if (!Token.isUnresolved(port) && (!Number.isInteger(port) || port < DATABASE_PORT_LIMITS[0] || port > DATABASE_PORT_LIMITS[1])) {
      throw new ValidationError(this, 'port', port, 'is not a port; use an integer from 1 to 65535');
    }
    if (!Token.isUnresolved(props.resourceId) && !/^db-[A-Z0-9]+$/.test(props.resourceId)) {
      throw new ValidationError(this, 'resourceId', props.resourceId, 'is not an RDS resource id; use the instance "resource_id" (db-XXXXXXXX...)');
    }
    if (!Token.isUnresolved(props.dbUser) && !/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(props.dbUser)) {
      throw new ValidationError(this, 'dbUser', props.dbUser, 'is not a database user name; use letters, digits and _ (at most 63), not starting with a digit');
    }
    if (props.secretArn && !Token.isUnresolved(props.secretArn) && secretReferenceKind(props.secretArn) !== 'secretsmanager') {
      throw new ValidationError(this, 'secretArn', props.secretArn, `is not a Secrets Manager ARN; ${SECRET_REFERENCE_ALLOWED}`);
    }

    new VpcSecurityGroupIngressRule(this, 'ingress', {
      securityGroupId: props.databaseSecurityGroupId,
      referencedSecurityGroupId: props.sourceSecurityGroupId,
      ipProtocol: 'tcp',
      fromPort: port,
      toPort: port,
      description: `Database ${props.name} from its client workload`,
    });
    new VpcSecurityGroupEgressRule(this, 'egress', {
      securityGroupId: props.sourceSecurityGroupId,
      referencedSecurityGroupId: props.databaseSecurityGroupId,
      ipProtocol: 'tcp',
      fromPort: port,
      toPort: port,
      description: `To database ${props.name}`,
    });

    const aws = new AwsContext(this, 'context');
    this.dbUserArn = aws.arn('rds-db', `dbuser:${props.resourceId}/${props.dbUser}`);
    const sid = idFor(props.name).replace(/-/g, '');
    this.statements = [
      { sid: `ConnectTo${sid}`, effect: 'Allow', actions: ['rds-db:connect'], resources: [this.dbUserArn] },
      ...secretReadStatements(props.secretArn ? [props.secretArn] : []).map((s) => ({ ...s, sid: `${s.sid}${sid}` })),
    ];
  }
}

/** The construct id of the grant of one access, keyed by its name. */
export function databaseGrantId(access: DatabaseAccess): string {
  return `database-access-${idFor(access.name)}`;
}
