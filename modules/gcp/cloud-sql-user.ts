import { SecretManagerSecret } from '@cdktf/provider-google/lib/secret-manager-secret';
import { SecretManagerSecretVersion } from '@cdktf/provider-google/lib/secret-manager-secret-version';
import { SqlUser } from '@cdktf/provider-google/lib/sql-user';
import { Password } from '@cdktf/provider-random/lib/password';
import { type ITerraformDependable, Token } from 'cdktf';
import { Construct } from 'constructs';
import { EphemeralResource } from '../core/ephemeral-resource';
import { ValidationError } from '../core/validation-error';
import { postgresNameProblem } from './cloud-sql-rules';

/**
 * Characters allowed in generated passwords besides letters and digits. Leaves out `; . : +`
 * (rejected in AWS DMS endpoint passwords) and `@ / " ' \ $ &` (break URLs and shells).
 */
export const PASSWORD_SPECIALS = '!#%*()-_=[]{}<>?';

/** What {@link CloudSqlUser} does when a prop is left out. */
export const CLOUD_SQL_USER_DEFAULTS = {
  passwordLength: 32,
  secretDeletionProtection: true,
  /** Version of the write-only password (with a `secret`): bump it to generate and send a new one. */
  passwordVersion: 1,
} as const;

/** Limits {@link CloudSqlUser} checks its props against. */
export const CLOUD_SQL_USER_LIMITS = {
  /** Below 16 characters a generated password is weaker than this project accepts. */
  minPasswordLength: 16,
  /** PostgreSQL (and the DMS endpoint) take longer ones, but nothing gains from more. */
  maxPasswordLength: 128,
  /** Secret Manager secret ids: 1-255 letters, digits, `_` and `-`. */
  maxSecretIdLength: 255,
} as const;

/** Where {@link CloudSqlUser} keeps the password in Secret Manager. */
export interface CloudSqlUserSecretProps {
  /** Secret Manager secret id (1-255 letters, digits, `_`, `-`). */
  readonly secretId: string;
  /** Region the secret's single user-managed replica is kept in (data residency). */
  readonly region: string;
  /** Labels of the secret. @default {} */
  readonly labels?: Record<string, string>;
  /** Terraform-level deletion protection of the secret. @default true */
  readonly deletionProtection?: boolean;
  /** Resources the secret must wait for (the Secret Manager API). @default [] */
  readonly dependsOn?: ITerraformDependable[];
}

/** Props of {@link CloudSqlUser}. */
export interface CloudSqlUserProps {
  /** Name of the Cloud SQL instance the user belongs to. */
  readonly instanceName: string;
  /** Built-in PostgreSQL user name (a plain lowercase identifier Cloud SQL does not reserve). */
  readonly userName: string;
  /** Password length, 16-128. @default 32 */
  readonly passwordLength?: number;
  /**
   * With a `secret`: version of the write-only password; bump it to generate and send a new one.
   *
   * @default 1
   */
  readonly passwordVersion?: number;
  /**
   * Keep the password in a Secret Manager secret.
   *
   * @default - no secret: the password is only available as the sensitive `password` token
   * (e.g. for a sensitive cross-stack output to the AWS DMS endpoint)
   */
  readonly secret?: CloudSqlUserSecretProps;
}

/**
 * A built-in Cloud SQL for PostgreSQL user with a generated password, optionally kept in Secret
 * Manager: the application user of `CloudSqlPostgres` and the user AWS DMS writes as.
 *
 * The password is a `random_password` and only ever referenced (`${random_password...result}`):
 * it never appears in the synthesized JSON. It is in the Terraform state of `random_password`,
 * `google_sql_user` (and the secret version), like any generated credential, so the state
 * bucket must stay encrypted and access-controlled. Its characters avoid `; . : +`, which DMS
 * refuses in endpoint passwords. A built-in user is a member of `cloudsqlsuperuser`, never a
 * superuser.
 *
 * @see https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources/sql_user
 * @see https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Target.PostgreSQL.html
 */
export class CloudSqlUser extends Construct {
  /** The SQL user. */
  public readonly user: SqlUser;
  /** The user name. */
  public readonly userName: string;
  /**
   * The generated password, when there is no `secret` (a sensitive token; never put it in a
   * non-sensitive output). With a `secret` the password is ephemeral and never readable here.
   */
  public readonly password?: string;
  /** The secret that holds the password, when `secret` is given. */
  public readonly secret?: SecretManagerSecret;
  /** The secret's first version (the password), when `secret` is given. */
  public readonly version?: SecretManagerSecretVersion;
  /** Full resource id of the secret, `projects/<project>/secrets/<secretId>`, when `secret` is given. */
  public readonly secretResourceId?: string;

  constructor(scope: Construct, id: string, props: CloudSqlUserProps) {
    super(scope, id);
    const length = props.passwordLength ?? CLOUD_SQL_USER_DEFAULTS.passwordLength;
    const { minPasswordLength, maxPasswordLength, maxSecretIdLength } = CLOUD_SQL_USER_LIMITS;
    if (!Token.isUnresolved(props.userName)) {
      const problem = postgresNameProblem(props.userName);
      if (problem) throw new ValidationError(this, 'userName', props.userName, problem);
    }
    if (
      !Token.isUnresolved(length) &&
      (!Number.isInteger(length) || length < minPasswordLength || length > maxPasswordLength)
    ) {
      throw new ValidationError(
        this,
        'passwordLength',
        length,
        `is not allowed; use a whole number from ${minPasswordLength} to ${maxPasswordLength}`
      );
    }
    const secretId = props.secret?.secretId;
    if (
      secretId !== undefined &&
      !Token.isUnresolved(secretId) &&
      !new RegExp(`^[A-Za-z0-9_-]{1,${maxSecretIdLength}}$`).test(secretId)
    ) {
      throw new ValidationError(
        this,
        'secret.secretId',
        secretId,
        `is not a Secret Manager secret id; use 1-${maxSecretIdLength} letters, digits, "_" and "-"`
      );
    }

    const passwordConfig = {
      length,
      special: true,
      overrideSpecial: PASSWORD_SPECIALS,
      minLower: 1,
      minUpper: 1,
      minNumeric: 1,
      minSpecial: 1,
    };
    // PostgreSQL cannot drop a role that still owns objects (or, on the DR standby, replicated
    // data); leave the role to the database's fate.
    const deletionPolicy = 'ABANDON';

    if (props.secret) {
      // Kept in Secret Manager: the password is an ephemeral random_password (random >= 3.7),
      // written to the user and the secret through write-only arguments, so it is in no plan or
      // state. Bump `passwordVersion` to generate and send a new one.
      // @see https://registry.terraform.io/providers/hashicorp/random/latest/docs/ephemeral-resources/password
      // @see https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources/sql_user#password_wo
      const password = new EphemeralResource(this, 'password', {
        type: 'random_password',
        config: {
          length: passwordConfig.length,
          special: true,
          override_special: PASSWORD_SPECIALS,
          min_lower: 1,
          min_upper: 1,
          min_numeric: 1,
          min_special: 1,
        },
      });
      const value = password.getStringAttribute('result');
      const version = props.passwordVersion ?? CLOUD_SQL_USER_DEFAULTS.passwordVersion;
      this.secret = new SecretManagerSecret(this, 'secret', {
        secretId: props.secret.secretId,
        replication: { userManaged: { replicas: [{ location: props.secret.region }] } },
        labels: props.secret.labels ?? {},
        deletionProtection: props.secret.deletionProtection ?? CLOUD_SQL_USER_DEFAULTS.secretDeletionProtection,
        dependsOn: props.secret.dependsOn,
      });
      this.version = new SecretManagerSecretVersion(this, 'version', {
        secret: this.secret.id,
        secretDataWo: value,
        secretDataWoVersion: version,
      });
      this.secretResourceId = this.secret.id;
      this.user = new SqlUser(this, 'user', {
        instance: props.instanceName,
        name: props.userName,
        type: 'BUILT_IN',
        passwordWo: value,
        passwordWoVersion: version,
        deletionPolicy,
      });
    } else {
      // No secret: the password must leave this stack (the DMS target endpoint on AWS reads it as
      // a sensitive cross-stack value), so it is a random_password kept in state.
      const password = new Password(this, 'password', passwordConfig);
      this.user = new SqlUser(this, 'user', {
        instance: props.instanceName,
        name: props.userName,
        type: 'BUILT_IN',
        password: password.result,
        deletionPolicy,
      });
      this.password = password.result;
    }
    this.userName = this.user.name;
  }
}
