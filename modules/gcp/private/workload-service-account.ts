import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { SecretManagerSecretIamMember } from '@cdktf/provider-google/lib/secret-manager-secret-iam-member';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { idFromValue, splitSecretId } from './serverless';

/** Props of {@link WorkloadServiceAccount}. */
export interface WorkloadServiceAccountProps {
  /** Project of the account and of the role bindings. */
  readonly project: string;
  /** Account id (6-30 characters), already validated by the caller. */
  readonly accountId: string;
  /** Display name. */
  readonly displayName: string;
  /** Project roles granted to the account, each once. @default [] */
  readonly projectRoles?: readonly string[];
  /** Secret ids (`name` or `projects/<p>/secrets/<name>`) the account may read. @default [] */
  readonly secrets?: readonly string[];
}

/**
 * A dedicated service account for one workload, with exactly the roles it is given.
 *
 * Workloads never run as the Compute Engine default service account (which has Editor in many
 * projects). Role bindings are keyed by role and secret bindings by secret id, so removing one
 * never renames the others.
 */
export class WorkloadServiceAccount extends Construct {
  /** The account. */
  public readonly account: ServiceAccount;
  /** Account email. */
  public readonly email: string;
  /** `serviceAccount:<email>`, for IAM bindings. */
  public readonly member: string;
  /** The role and secret bindings, for `dependsOn` of the workload (so it starts with its permissions). */
  public readonly grants: ITerraformDependable[] = [];
  private readonly project: string;

  constructor(scope: Construct, id: string, props: WorkloadServiceAccountProps) {
    super(scope, id);
    this.project = props.project;
    this.account = new ServiceAccount(this, 'account', {
      project: props.project,
      accountId: props.accountId,
      displayName: props.displayName,
    });
    this.email = this.account.email;
    this.member = this.account.member;
    for (const role of new Set(props.projectRoles ?? [])) {
      this.grantProjectRole(role);
    }
    for (const secret of new Set(props.secrets ?? [])) {
      const { project, name } = splitSecretId(secret);
      const grant = new SecretManagerSecretIamMember(this, `secret-${idFromValue(name)}`, {
        project: project ?? props.project,
        secretId: name,
        role: 'roles/secretmanager.secretAccessor',
        member: this.member,
      });
      this.grants.push(grant);
    }
  }

  /** Grants a project role to the account (once per role). */
  public grantProjectRole(role: string): ProjectIamMember {
    const id = `role-${idFromValue(role)}`;
    const existing = this.node.tryFindChild(id);
    if (existing) return existing as ProjectIamMember;
    const grant = new ProjectIamMember(this, id, { project: this.project, role, member: this.member });
    this.grants.push(grant);
    return grant;
  }
}
