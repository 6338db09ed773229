import { CloudRunV2ServiceIamMember } from '@cdktf/provider-google/lib/cloud-run-v2-service-iam-member';
import { Testing } from 'cdktf';
import { environmentContext, environmentStackGraph } from '../../../stacks';
import { gcpFunctionsNeedEvents, gcpFunctionsSection } from '../../../stacks/gcp-functions/config';
import { GcpFunctionsStack } from '../../../stacks/gcp-functions/gcp-functions-stack';
import { GCP_EVENTS, gcpEnvironment, gcpProblems } from '../gcp-events/gcp-test-env';

/** `worker` triggered by `topic`, with the gcp.events topic `items`. */
const triggered = (topic: string) => ({
  gcp: {
    events: { topics: { items: {} } },
    functions: { functions: { worker: { source: 'apps/gcp-function', trigger: 'pubsub', topic } } },
  },
});

describe('gcp.functions triggered by gcp.events topics', () => {
  it('accepts a topic of gcp.events by its name, and then needs the events stack', () => {
    const env = gcpEnvironment(triggered('items'));
    expect(gcpFunctionsNeedEvents(env.section(gcpFunctionsSection))).toBe(true);
    expect(gcpFunctionsNeedEvents(gcpEnvironment(triggered('projects/acme-test-1/topics/orders')).section(gcpFunctionsSection))).toBe(false);
  });

  it('deploys the functions after the events stack only when a function names one of its topics', () => {
    const deps = (topic: string) => environmentStackGraph(gcpEnvironment(triggered(topic))).find((n) => n.name === 'test-gcp-functions')?.dependsOn;
    expect(deps('items')).toEqual(['test-gcp-events']);
    expect(deps('projects/acme-test-1/topics/orders')).toEqual([]);
  });

  it('rejects a topic name that is not a gcp.events topic, naming the topics there', () => {
    expect(gcpProblems(triggered('orders'))).toEqual([
      'config/test.yaml: gcp.functions.functions.worker.topic "orders" is not a topic of gcp.events.topics; use one of "items", or "projects/<project>/topics/<name>" for a topic managed elsewhere',
    ]);
  });

  it('starts the function from the events topic through Eventarc, retrying, as its own trigger account', () => {
    const env = gcpEnvironment(triggered('items'));
    const stack = new GcpFunctionsStack(Testing.app(), 'test-gcp-functions', {
      environment: environmentContext(env),
      config: env.section(gcpFunctionsSection),
      events: GCP_EVENTS,
    });
    const text = Testing.synth(stack);
    const fn = Object.values<any>(JSON.parse(text).resource.google_cloudfunctions2_function)[0];
    expect(fn.event_trigger).toEqual({
      trigger_region: 'europe-west1',
      event_type: 'google.cloud.pubsub.topic.v1.messagePublished',
      pubsub_topic: 'projects/acme-test-1/topics/test-items',
      retry_policy: 'RETRY_POLICY_RETRY',
      service_account_email: expect.stringMatching(/^\$\{google_service_account\.function-worker_trigger-account_[^.]+\.email\}$/),
    });
    expect(text).toHaveResourceWithProperties(CloudRunV2ServiceIamMember, {
      role: 'roles/run.invoker',
      member: expect.stringMatching(/^\$\{google_service_account\.function-worker_trigger-account_[^.]+\.member\}$/),
    });
  });

  it('refuses to build without the events outputs', () => {
    const env = gcpEnvironment(triggered('items'));
    expect(() => new GcpFunctionsStack(Testing.app(), 'test-gcp-functions', { environment: environmentContext(env), config: env.section(gcpFunctionsSection) })).toThrow(
      /names the gcp.events topic "items", but the stack was given no gcp-events outputs/,
    );
  });
});
