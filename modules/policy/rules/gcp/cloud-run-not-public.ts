import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { asList, check } from '../../private/attrs';

/**
 * Cloud Run services are not invokable by allUsers.
 *
 * An allUsers invoker grant makes the service public without authentication.
 */
export class CloudRunNotPublic extends PolicyRule {
  public readonly id = 'GCP-RUN-2';
  public readonly level: PolicyLevel = 'error';
  public readonly summary = 'Cloud Run services are not invokable by allUsers';
  public readonly explanation = 'An allUsers invoker grant makes the service public without authentication.';
  public readonly fix =
    'Grant roles/run.invoker to named principals; suppress with a reason for a deliberately public service.';
  public readonly resourceTypes = [
    'google_cloud_run_v2_service_iam_member',
    'google_cloud_run_v2_service_iam_binding',
    'google_cloud_run_service_iam_member',
    'google_cloud_run_service_iam_binding',
  ];
  public readonly checkov = 'CKV_GCP_102';

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    return check(
      ![...asList(a.member), ...asList(a.members)].some((m) => m === 'allUsers' || m === 'allAuthenticatedUsers')
    );
  }
}
