import { Testing } from 'cdktf';
import { enableProjectApis } from '../../../stacks/private/project-apis';

describe('enableProjectApis', () => {
  it('enables each API as api-<first label>, left on when the stack is destroyed', () => {
    let deps: string[] = [];
    const json = JSON.parse(
      Testing.synthScope((scope) => {
        deps = enableProjectApis(scope, 'acme-p', ['run.googleapis.com', 'pubsub.googleapis.com']).dependables();
      }),
    );
    expect(json.resource.google_project_service).toEqual({
      'api-run': { project: 'acme-p', service: 'run.googleapis.com', disable_on_destroy: false, disable_dependent_services: false },
      'api-pubsub': { project: 'acme-p', service: 'pubsub.googleapis.com', disable_on_destroy: false, disable_dependent_services: false },
    });
    expect(deps).toHaveLength(2);
  });
});
