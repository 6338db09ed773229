import { environmentStackGraph } from '../../../stacks';
import { gcpFunctionsSection } from '../../../stacks/gcp-functions/config';
import { environmentProblems, testEnvironment } from '../../helpers/environment';

/** A `gcp.functions` patch with one function `quote` (source apps/gcp-function) plus `fn` fields, and `section` fields. */
function functions(fn: Record<string, any> = {}, section: Record<string, any> = {}): Record<string, any> {
  return { gcp: { functions: { functions: { quote: { source: 'apps/gcp-function', ...fn } }, ...section } } };
}

describe('gcp.functions config', () => {
  it('parses from nothing with no function (the stack is off) and no VPC connector', () => {
    expect(testEnvironment().section(gcpFunctionsSection)).toEqual({ sourceNoncurrentDays: 30, functions: {} });
    expect(environmentStackGraph(testEnvironment()).map((n) => n.name)).not.toContain('test-gcp-functions');
  });

  it('gives a function private defaults: python313, http, internal-only ingress, not public', () => {
    expect(testEnvironment(functions()).section(gcpFunctionsSection).functions.quote).toEqual({
      source: 'apps/gcp-function',
      sourceExcludes: [],
      runtime: 'python313',
      entryPoint: 'handler',
      trigger: 'http',
      retry: true,
      memory: '256Mi',
      timeoutSeconds: 60,
      minInstances: 0,
      maxInstances: 10,
      concurrency: 1,
      ingress: 'ALLOW_INTERNAL_ONLY',
      public: false,
      invokers: [],
      vpcEgress: 'PRIVATE_RANGES_ONLY',
      env: {},
      secrets: {},
      roles: [],
    });
  });

  it('accepts a complete pubsub function with a connector, secrets and roles', () => {
    expect(
      environmentProblems(
        functions(
          {
            sourceExcludes: ['tests'],
            runtime: 'python312',
            entryPoint: 'on_message',
            trigger: 'pubsub',
            topic: 'projects/acme-test-1/topics/orders',
            retry: false,
            memory: '2Gi',
            cpu: 1,
            concurrency: 10,
            timeoutSeconds: 540,
            minInstances: 1,
            maxInstances: 50,
            vpcEgress: 'ALL_TRAFFIC',
            env: { APP_ENV: 'test' },
            secrets: { DB_PASSWORD: 'test-postgres-app-password' },
            roles: ['roles/pubsub.publisher'],
          },
          { vpcConnector: { cidr: '10.1.32.0/28', machineType: 'e2-standard-4', minInstances: 3, maxInstances: 10 } },
        ),
      ),
    ).toEqual([]);
  });

  describe('rejects, naming the file, the field, the value and what is allowed', () => {
    const F = 'config/test.yaml: gcp.functions.functions.quote';
    it.each<[string, Record<string, any>, string[]]>([
      [
        'an unsupported runtime',
        { runtime: 'python39' },
        [`${F}.runtime "python39" is not allowed; allowed values: "python313", "python312", "python311", "nodejs22", "nodejs20", "go124", "go123", "java21", "java17"`],
      ],
      ['a memory size that is not a tier', { memory: '300Mi' }, [`${F}.memory "300Mi" is not a memory tier; use one of 128Mi, 256Mi, 512Mi, 1Gi, 2Gi, 4Gi, 8Gi, 16Gi, 32Gi`]],
      ['a CPU the memory cannot take', { cpu: 4, memory: '256Mi' }, [`${F}.memory "256Mi" is too small for 4 CPU; 4 CPU needs at least 2Gi`]],
      [
        'concurrency without a whole vCPU',
        { concurrency: 10 },
        [`${F}.concurrency 10 needs at least 1 vCPU (memory 256Mi gives 0.167); set cpu: 1 or memory 2Gi or more, or use concurrency 1`],
      ],
      ['an HTTP timeout above 3600 s', { timeoutSeconds: 3601 }, [`${F}.timeoutSeconds 3601 is out of range; use 1-3600 seconds for HTTP functions`]],
      [
        'an event timeout above 540 s',
        { trigger: 'pubsub', topic: 'projects/acme-test-1/topics/orders', timeoutSeconds: 600 },
        [`${F}.timeoutSeconds 600 is out of range; use 1-540 seconds for event-driven functions`],
      ],
      ['minInstances above maxInstances', { minInstances: 5, maxInstances: 2 }, [`${F}.minInstances 5 is more than maxInstances (2); use min <= max`]],
      ['maxInstances 0', { maxInstances: 0 }, [`${F}.maxInstances 0 is too small; use 1 to 1000`]],
      ['an unknown trigger', { trigger: 'cron' }, [`${F}.trigger "cron" is not allowed; allowed values: "http", "pubsub"`]],
      ['a pubsub trigger without a topic', { trigger: 'pubsub' }, [`${F}.topic is missing; a pubsub trigger needs the topic (a gcp.events topic name or "projects/<project>/topics/<name>")`]],
      ['a topic on an http function', { topic: 'orders' }, [`${F}.topic "orders" is only for trigger: pubsub; remove it or set trigger: pubsub`]],
      [
        'ingress from the internet without public: true',
        { ingress: 'ALLOW_ALL' },
        [`${F}.ingress "ALLOW_ALL" opens the function to the internet; set public: true as well, or use ALLOW_INTERNAL_ONLY or ALLOW_INTERNAL_AND_GCLB`],
      ],
      [
        'public and invokers on a pubsub function',
        { trigger: 'pubsub', topic: 'projects/acme-test-1/topics/orders', public: true, invokers: ['group:a@example.com'] },
        [
          `${F}.public true applies to http functions only; a pubsub function is invoked by its trigger`,
          `${F}.invokers ["group:a@example.com"] apply to http functions only; a pubsub function is invoked by its trigger`,
        ],
      ],
      [
        'a source folder that does not exist',
        { source: 'apps/nope' },
        [`${F}.source "apps/nope" is not a folder of this repository; give a folder relative to the repository root, e.g. "apps/gcp-function"`],
      ],
      [
        'a secret given as a plain variable',
        { env: { API_TOKEN: 'x' } },
        [`${F}.env.API_TOKEN (value hidden) looks like a secret given as a literal; move it to "secrets" as a Secret Manager id ("<name>" or "projects/<project>/secrets/<name>")`],
      ],
      ['a basic role', { roles: ['roles/owner'] }, [`${F}.roles[0] "roles/owner" is a basic role; grant predefined roles instead (basic roles roles/owner, roles/editor, roles/viewer are not allowed)`]],
    ])('%s', (_, fn, expected) => {
      expect(environmentProblems(functions(fn))).toEqual(expected);
    });

    it('a function name too short for its service account ids', () => {
      expect(environmentProblems({ gcp: { functions: { functions: { ab: { source: 'apps/gcp-function' } } } } })).toEqual([
        'config/test.yaml: gcp.functions.functions.ab "ab" makes the service account id "ab-fn", which is not 6-30 characters; use a function name of at least 3 characters',
      ]);
    });

    it.each<[string, Record<string, any>, string]>([
      [
        'a range that is not a /28',
        { cidr: '10.1.32.0/27' },
        'config/test.yaml: gcp.functions.vpcConnector.cidr "10.1.32.0/27" is not a /28; a Serverless VPC Access connector takes exactly a /28 range, e.g. "10.1.32.0/28"',
      ],
      [
        'a range inside a subnet (the address plan)',
        { cidr: '10.1.0.0/28' },
        'config/test.yaml: gcp.functions.vpcConnector.cidr "10.1.0.0/28" overlaps gcp.network.subnets.main.cidr "10.1.0.0/20"; every range of the address plan (AWS, GCP, Azure, reserved) must be distinct',
      ],
      [
        'as many minimum as maximum instances',
        { cidr: '10.1.32.0/28', minInstances: 3, maxInstances: 3 },
        'config/test.yaml: gcp.functions.vpcConnector.maxInstances 3 is not more than minInstances (3); the connector needs min < max',
      ],
      [
        'a machine type connectors do not offer',
        { cidr: '10.1.32.0/28', machineType: 'n1-standard-1' },
        'config/test.yaml: gcp.functions.vpcConnector.machineType "n1-standard-1" is not allowed; allowed values: "e2-micro", "f1-micro", "e2-standard-4"',
      ],
      ['too many instances', { cidr: '10.1.32.0/28', maxInstances: 11 }, 'config/test.yaml: gcp.functions.vpcConnector.maxInstances 11 is too large; use 3 to 10'],
    ])('a VPC connector with %s', (_, vpcConnector, expected) => {
      expect(environmentProblems(functions({}, { vpcConnector }))).toEqual([expected]);
    });

    it('a VPC connector without the network', () => {
      expect(environmentProblems(functions({}, { vpcConnector: { cidr: '10.1.32.0/28' } }), (input) => (input.gcp.network.enabled = false))).toContain(
        'config/test.yaml: gcp.functions.vpcConnector needs gcp.network, but gcp.network.enabled is false; enable the network or remove the connector',
      );
    });
  });

  it('depends on the network stack only with a VPC connector', () => {
    const deps = (patch: Record<string, any>) => environmentStackGraph(testEnvironment(patch)).find((n) => n.name === 'test-gcp-functions')?.dependsOn;
    expect(deps(functions())).toEqual([]);
    expect(deps(functions({}, { vpcConnector: { cidr: '10.1.32.0/28' } }))).toEqual(['test-gcp-network']);
  });
});
