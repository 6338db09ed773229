import { Password } from '@cdktf/provider-random/lib/password';
import { SecretManagerSecret } from '@cdktf/provider-google/lib/secret-manager-secret';
import { SecretManagerSecretVersion } from '@cdktf/provider-google/lib/secret-manager-secret-version';
import { SqlUser } from '@cdktf/provider-google/lib/sql-user';
import { type ITerraformDependable, Token } from 'cdktf';
import { Construct } from 'constructs';
import { postgresNameProblem } from './cloud-sql-rules';

/**
 * Characters allowed in generated passwords besides letters and digits. Leaves out `; . : +`
 * (rejected in DMS endpoint passwords) and `@ / " ' \ $ &` (break URLs and shells).
 */
export const PASSWORD_SPECIALS = '!#%*()-_=[]{}<>?';

/** Props of {@link CloudSqlUserSecret}. */
export interface CloudSqlUserSecretProps {
  /** Name of the Cloud SQL instance the user belongs to. */
  readonly instanceName: string;
  /** Built-in PostgreSQL user name. */
  readonly userName: string;
  /** Secret Manager secret id that holds the password. */
  readonly secretId: string;
  /** Region the secret's single user-managed replica is kept in (data residency). */
  readonly region: string;
  /** Labels of the secret. @default {} */
  readonly labels?: Record<string, string>;
  /** Password length. @default 32 */
  readonly passwordLength?: number;
  /** Terraform-level deletion protection of the secret. @default true */
  readonly deletionProtection?: boolean;
  /** Resources the secret must wait for (the Secret Manager API). @default [] */
  readonly secretDependsOn?: ITerraformDependable[];
}

/**
 * A built-in Cloud SQL user with a generated password kept in Secret Manager.
 *
 * The password is a `random_password` and only ever referenced (`${random_password...result}`):
 * it never appears in the synthesized JSON nor in an output. It is in the Terraform state of
 * `random_password`, `google_sql_user` and the secret version, like any generated credential,
 * so the state bucket must stay encrypted and access-controlled.
 */
export class CloudSqlUserSecret extends Construct {
  /** The SQL user. */
  public readonly user: SqlUser;
  /** The secret that holds the password. */
  public readonly secret: SecretManagerSecret;
  /** The secret's first version (the password). */
  public readonly version: SecretManagerSecretVersion;
  /** Full resource id of the secret, `projects/<project>/secrets/<secretId>`. */
  public readonly secretResourceId: string;

  constructor(scope: Construct, id: string, props: CloudSqlUserSecretProps) {
    super(scope, id);
    const length = props.passwordLength ?? 32;
    if (!Token.isUnresolved(props.userName)) {
      const problem = postgresNameProblem(props.userName);
      if (problem) throw new Error(`${this.node.path}: userName "${props.userName}" ${problem}`);
    }
    if (!Token.isUnresolved(props.secretId) && !/^[A-Za-z0-9_-]{1,255}$/.test(props.secretId)) {
      throw new Error(
        `${this.node.path}: secretId "${props.secretId}" is not a Secret Manager secret id; use 1-255 letters, digits, "_" and "-"`
      );
    }
    if (!Number.isInteger(length) || length < 16 || length > 128) {
      throw new Error(
        `${this.node.path}: passwordLength ${length} is not allowed; use 16-128 (PostgreSQL allows up to 128)`
      );
    }

    const password = new Password(this, 'password', {
      length,
      special: true,
      overrideSpecial: PASSWORD_SPECIALS,
      minLower: 1,
      minUpper: 1,
      minNumeric: 1,
      minSpecial: 1,
    });

    this.secret = new SecretManagerSecret(this, 'secret', {
      secretId: props.secretId,
      replication: { userManaged: { replicas: [{ location: props.region }] } },
      labels: props.labels ?? {},
      deletionProtection: props.deletionProtection ?? true,
      dependsOn: props.secretDependsOn,
    });

    this.version = new SecretManagerSecretVersion(this, 'version', {
      secret: this.secret.id,
      secretData: password.result,
    });

    this.user = new SqlUser(this, 'user', {
      instance: props.instanceName,
      name: props.userName,
      type: 'BUILT_IN',
      password: password.result,
      // PostgreSQL cannot drop a role that still owns objects; leave it to the database's fate.
      deletionPolicy: 'ABANDON',
    });

    this.secretResourceId = this.secret.id;
  }
}
