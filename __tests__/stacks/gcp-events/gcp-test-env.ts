import { stringify } from 'yaml';
import { type ConfigRegistry, type Environment, parseEnvironment } from '../../../modules/core/config/load';
import type { ConfigSection } from '../../../modules/core/config/section';
import type { GcpFunctionsOutputs, GcpRunOutputs } from '../../../stacks/contracts';
import type { EnvironmentCore } from '../../../stacks/environment/config';
import { gcpCostSection } from '../../../stacks/gcp-cost/config';
import { gcpDataSection } from '../../../stacks/gcp-data/config';
import { gcpEventsSection } from '../../../stacks/gcp-events/config';
import type { GcpEventsOutputs } from '../../../stacks/contracts';
import { CONFIG_REGISTRY } from '../../../stacks/registry';
import { baseEnvironmentInput, merge, TEST_FILE } from '../../helpers/environment';

/**
 * The app's config registry plus the gcp.events, gcp.data and gcp.cost sections (each once), so
 * these tests run the sections' checks whether or not the registry lists them yet.
 */
export const GCP_TEST_REGISTRY: ConfigRegistry<EnvironmentCore> = {
  ...CONFIG_REGISTRY,
  sections: [...new Set<ConfigSection>([...CONFIG_REGISTRY.sections, gcpEventsSection, gcpDataSection, gcpCostSection])],
};

/** A gcp.run service `api` and a function `worker`, the identities the sections name; the baseline's audit logs on. */
export const GCP_WORKLOADS = {
  gcp: {
    baseline: { enabled: true },
    run: { services: { api: { image: 'api:1.0.0' } } },
    functions: { functions: { worker: { source: 'apps/gcp-function' } } },
  },
};

function parse(patch: Record<string, any>, edit?: (input: Record<string, any>) => void) {
  const input = merge(merge(baseEnvironmentInput(), GCP_WORKLOADS), patch);
  edit?.(input);
  return parseEnvironment(TEST_FILE, stringify(input), GCP_TEST_REGISTRY);
}

/** A valid test environment with `api` and `worker` and the patch merged in; throws on problems. */
export function gcpEnvironment(patch: Record<string, any> = {}): Environment<EnvironmentCore> {
  const { config, problems } = parse(patch);
  if (!config) throw new Error(`test environment is invalid:\n${problems.map((p) => `${p.path} ${p.message}`).join('\n')}`);
  return config;
}

/** The problems of such an environment, each `config/test.yaml: <path> <message>`. */
export function gcpProblems(patch: Record<string, any>, edit?: (input: Record<string, any>) => void): string[] {
  return parse(patch, edit).problems.map((p) => `${p.file}: ${p.path} ${p.message}`);
}

/** Literal outputs of `<env>-gcp-run` with the service `api`. */
export const GCP_RUN: GcpRunOutputs = {
  repositoryUrl: 'europe-west1-docker.pkg.dev/acme-test-1/test-containers',
  serviceUrls: { api: 'https://api-abc123-ew.a.run.app' },
  serviceAccountEmails: { api: 'api-run@acme-test-1.iam.gserviceaccount.com' },
  loadBalancerIps: {},
};

/** Literal outputs of `<env>-gcp-functions` with the function `worker`. */
export const GCP_FUNCTIONS: GcpFunctionsOutputs = {
  functionUrls: { worker: 'https://worker-abc123-ew.a.run.app' },
  serviceAccountEmails: { worker: 'worker-fn@acme-test-1.iam.gserviceaccount.com' },
};

/** Literal outputs of `<env>-gcp-events` with the topic `items`. */
export const GCP_EVENTS: GcpEventsOutputs = {
  topicIds: { items: 'projects/acme-test-1/topics/test-items' },
  kmsKeyId: 'projects/acme-test-1/locations/europe-west1/keyRings/test-events/cryptoKeys/pubsub',
  pushServiceAccountEmail: 'test-pubsub-push@acme-test-1.iam.gserviceaccount.com',
};
