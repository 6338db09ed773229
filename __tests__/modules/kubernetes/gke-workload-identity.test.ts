import { Testing } from 'cdktf';
import { GkeWorkloadIdentity, gkeServiceAccountId } from '../../../modules/kubernetes/gke-workload-identity';

function synth(props: Record<string, unknown> = {}) {
  return Testing.synthScope((scope) => {
    new GkeWorkloadIdentity(scope, 'identity', { project: 'acme-test-1', workloadIdentityPool: 'acme-test-1.svc.id.goog', namespace: 'example-app', serviceAccount: 'example-app', secrets: ['example-app-db-password'], ...props });
  });
}

describe('GkeWorkloadIdentity', () => {
  it('lets only the Kubernetes service account impersonate the Google one', () => {
    expect(synth()).toHaveResourceWithProperties({ tfResourceType: 'google_service_account_iam_member' }, {
      role: 'roles/iam.workloadIdentityUser',
      member: 'serviceAccount:acme-test-1.svc.id.goog[example-app/example-app]',
    });
    expect(synth()).toHaveResourceWithProperties({ tfResourceType: 'google_service_account' }, { project: 'acme-test-1', account_id: 'k8s-example-app' });
  });

  it('grants read access to the named secrets only', () => {
    expect(synth()).toHaveResourceWithProperties({ tfResourceType: 'google_secret_manager_secret_iam_member' }, {
      project: 'acme-test-1',
      secret_id: 'example-app-db-password',
      role: 'roles/secretmanager.secretAccessor',
    });
    expect(synth({ secrets: [] })).not.toHaveResource({ tfResourceType: 'google_secret_manager_secret_iam_member' });
  });

  it('shortens long service account ids to 30 characters, stably', () => {
    const id = gkeServiceAccountId('a-very-long-application-name-indeed', 'a-very-long-application-name-indeed');
    expect(id.length).toBeLessThanOrEqual(30);
    expect(id).toBe(gkeServiceAccountId('a-very-long-application-name-indeed', 'a-very-long-application-name-indeed'));
    expect(id).toMatch(/^k8s-a-very-long-applica-[0-9a-f]{6}$/);
  });

  it('rejects a namespace that is not a Kubernetes name', () => {
    expect(() => synth({ namespace: 'Example' })).toThrow(/prop namespace "Example" is not a Kubernetes name/);
  });
});
