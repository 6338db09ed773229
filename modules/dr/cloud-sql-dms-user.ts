import { SqlUser } from '@cdktf/provider-google/lib/sql-user';
import { Password } from '@cdktf/provider-random/lib/password';
import { Token } from 'cdktf';
import { Construct } from 'constructs';

/** Props of {@link CloudSqlDmsUser}. */
export interface CloudSqlDmsUserProps {
  /** Name of the Cloud SQL instance (the DR standby). */
  readonly instanceName: string;
  /** Name of the database user DMS writes as. @default 'dms_replication' */
  readonly userName?: string;
  /** Length of the generated password (24-64). @default 32 */
  readonly passwordLength?: number;
}

/**
 * The Cloud SQL user AWS DMS applies changes as, with a generated password.
 *
 * A built-in user is a member of `cloudsqlsuperuser` (never a superuser). The password only
 * leaves this stack as a sensitive cross-stack output, read by `<env>-aws-dr-replication` into
 * the target endpoint's secret. It avoids `; . : +`, which DMS does not accept in passwords.
 */
export class CloudSqlDmsUser extends Construct {
  public readonly user: SqlUser;
  /** The user name. */
  public readonly userName: string;
  /** The generated password (a sensitive token). */
  public readonly password: string;

  constructor(scope: Construct, id: string, props: CloudSqlDmsUserProps) {
    super(scope, id);
    const userName = props.userName ?? 'dms_replication';
    const length = props.passwordLength ?? 32;
    if (!Token.isUnresolved(userName) && !/^[a-z_][a-z0-9_]{0,62}$/.test(userName)) {
      throw new Error(
        `CloudSqlDmsUser ${this.node.path}: userName "${userName}" is not a PostgreSQL identifier; use lowercase letters, digits and "_"`,
      );
    }
    if (length < 24 || length > 64) {
      throw new Error(`CloudSqlDmsUser ${this.node.path}: passwordLength ${length} is out of range; use 24-64`);
    }
    const password = new Password(this, 'password', {
      length,
      special: true,
      overrideSpecial: '-_!#^~',
      minLower: 2,
      minUpper: 2,
      minNumeric: 2,
      minSpecial: 1,
    });
    this.user = new SqlUser(this, 'user', {
      instance: props.instanceName,
      name: userName,
      type: 'BUILT_IN',
      password: password.result,
      // Keep the user if the stack is destroyed while the standby still holds replicated data.
      deletionPolicy: 'ABANDON',
    });
    this.userName = this.user.name;
    this.password = password.result;
  }
}
