import { environmentStackGraph } from '../../../stacks';
import { gcpRunSection } from '../../../stacks/gcp-run/config';
import { environmentProblems, testEnvironment } from '../../helpers/environment';

/** A `gcp.run` patch with one service `api` (image `api:1.0.0`) plus `service` fields, and `extra` at the root. */
function run(service: Record<string, any> = {}, extra: Record<string, any> = {}): Record<string, any> {
  return { ...extra, gcp: { ...extra.gcp, run: { services: { api: { image: 'api:1.0.0', ...service } } } } };
}

describe('gcp.run config', () => {
  it('parses from nothing with no service (the stack is off) and the secure defaults of the constructs', () => {
    expect(testEnvironment().section(gcpRunSection)).toEqual({
      repository: { keepRecentCount: 10, deleteUntaggedAfterDays: 7, immutableTags: true },
      deletionProtection: true,
      services: {},
    });
    expect(environmentStackGraph(testEnvironment()).map((n) => n.name)).not.toContain('test-gcp-run');
  });

  it('gives a service private defaults: internal load balancer ingress, no public invoker, private-range egress', () => {
    expect(testEnvironment(run()).section(gcpRunSection).services.api).toEqual({
      image: 'api:1.0.0',
      cpu: '1',
      memory: '512Mi',
      minInstances: 0,
      maxInstances: 10,
      concurrency: 80,
      timeoutSeconds: 300,
      containerPort: 8080,
      cpuAlwaysAllocated: false,
      ingress: 'INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER',
      public: false,
      invokers: [],
      domains: [],
      waf: {
        rules: [
          'sqli-v33-stable',
          'xss-v33-stable',
          'lfi-v33-stable',
          'rfi-v33-stable',
          'rce-v33-stable',
          'methodenforcement-v33-stable',
          'scannerdetection-v33-stable',
          'protocolattack-v33-stable',
          'sessionfixation-v33-stable',
        ],
        sensitivity: 1,
        preview: false,
        rateLimitRequestsPerMinute: 600,
      },
      vpcEgress: 'PRIVATE_RANGES_ONLY',
      env: {},
      secrets: {},
      roles: [],
      cloudSql: false,
    });
  });

  it('accepts a complete public service with a load balancer, secrets, invokers and a Cloud SQL grant', () => {
    expect(
      environmentProblems(
        run(
          {
            image: 'team/api@sha256:' + 'a'.repeat(64),
            cpu: 4,
            memory: '2Gi',
            minInstances: 1,
            maxInstances: 100,
            concurrency: 200,
            timeoutSeconds: 3600,
            public: true,
            domains: ['api.example.com', 'www.example.com'],
            waf: { rules: ['sqli-v33-stable', 'nodejs-v33-stable'], sensitivity: 2, rateLimitRequestsPerMinute: 1200 },
            invokers: ['serviceAccount:caller@acme-test-1.iam.gserviceaccount.com', 'group:ops@example.com'],
            subnet: 'main',
            vpcEgress: 'ALL_TRAFFIC',
            env: { APP_ENV: 'test' },
            secrets: { DB_PASSWORD: 'test-postgres-app-password', API_KEY: { secret: 'projects/other-proj/secrets/key', version: 3 } },
            roles: ['roles/pubsub.publisher'],
            cloudSql: true,
            startupProbePath: '/healthz',
            livenessProbePath: '/livez',
          },
          { gcp: { database: { enabled: true } } },
        ),
      ),
    ).toEqual([]);
  });

  describe('rejects, naming the file, the field, the value and what is allowed', () => {
    const F = 'config/test.yaml: gcp.run.services.api';
    it.each<[string, Record<string, any>, string[]]>([
      ['a CPU count Cloud Run does not offer', { cpu: 3 }, [`${F}.cpu "3" is not allowed; use 1, 2, 4, 6, 8 or a fraction from 0.08 to 1`]],
      ['too little memory for the CPU', { cpu: 4, memory: '1Gi' }, [`${F}.memory "1Gi" is too small for 4 CPU; 4 CPU needs at least 2Gi`]],
      ['too much memory for the CPU', { cpu: 1, memory: '8Gi' }, [`${F}.memory "8Gi" needs at least 2 CPU (more than 4Gi); got cpu "1"`]],
      ['memory above 32 GiB', { memory: '64Gi' }, [`${F}.memory "64Gi" is out of range; use 512Mi to 32Gi for EXECUTION_ENVIRONMENT_GEN2`]],
      ['a memory size that is not one', { memory: 'lots' }, [`${F}.memory "lots" is not a size; use e.g. "512Mi" or "2Gi"`]],
      [
        'a fractional CPU (gen1 only)',
        { cpu: 0.5 },
        [`${F}.cpu "0.5" is below 1 CPU, which needs the first-generation execution environment; these services run gen2: use 1, 2, 4, 6, 8`],
      ],
      ['minInstances above maxInstances', { minInstances: 5, maxInstances: 2 }, [`${F}.minInstances 5 is more than maxInstances 2; use min <= max`]],
      ['maxInstances 0', { maxInstances: 0 }, [`${F}.maxInstances 0 is too small; use 1 to 1000`]],
      ['maxInstances above the limit', { maxInstances: 1001 }, [`${F}.maxInstances 1001 is too large; use 1 to 1000`]],
      ['a timeout above 3600 s', { timeoutSeconds: 3601 }, [`${F}.timeoutSeconds 3601 is out of range; use 1-3600 seconds`]],
      ['a timeout of 0', { timeoutSeconds: 0 }, [`${F}.timeoutSeconds 0 is out of range; use 1-3600 seconds`]],
      ['concurrency 0', { concurrency: 0 }, [`${F}.concurrency 0 is too small; use 1 to 1000`]],
      [
        'an unknown ingress',
        { ingress: 'PUBLIC' },
        [`${F}.ingress "PUBLIC" is not allowed; allowed values: "INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER", "INGRESS_TRAFFIC_INTERNAL_ONLY", "INGRESS_TRAFFIC_ALL"`],
      ],
      [
        'ingress from the internet without public: true',
        { ingress: 'INGRESS_TRAFFIC_ALL' },
        [`${F}.ingress "INGRESS_TRAFFIC_ALL" opens the service to the internet; set public: true as well, or use INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER or INGRESS_TRAFFIC_INTERNAL_ONLY`],
      ],
      [
        'a public service nothing can reach',
        { public: true },
        [
          `${F}.public true is unreachable with ingress INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER and no load balancer; list domains (HTTPS load balancer with Cloud Armor), or set ingress: INGRESS_TRAFFIC_ALL for the run.app URL without a WAF`,
        ],
      ],
      [
        'domains on a private service',
        { domains: ['api.example.com'] },
        [`${F}.domains ["api.example.com"] need public: true; the load balancer has no authentication and fronts public services only`],
      ],
      [
        'domains behind internal-only ingress',
        { public: true, domains: ['api.example.com'], ingress: 'INGRESS_TRAFFIC_INTERNAL_ONLY' },
        [`${F}.ingress "INGRESS_TRAFFIC_INTERNAL_ONLY" cannot be reached by the load balancer; use INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER with domains`],
      ],
      [
        'wildcard, upper-case and repeated domains',
        { public: true, domains: ['*.example.com', 'API.example.com', 'a.example.com', 'a.example.com'] },
        [
          `${F}.domains[0] "*.example.com" is a wildcard; Google-managed certificates cover named hosts only`,
          `${F}.domains[1] "API.example.com" is not a fully qualified lower-case domain name, e.g. "api.example.com"`,
          `${F}.domains[3] "a.example.com" is listed twice; give each domain once`,
        ],
      ],
      [
        'an unknown WAF rule set',
        { public: true, domains: ['a.example.com'], waf: { rules: ['php-v33'] } },
        [
          `${F}.waf.rules[0] "php-v33" is not allowed; allowed values: "sqli-v33-stable", "xss-v33-stable", "lfi-v33-stable", "rfi-v33-stable", "rce-v33-stable", "methodenforcement-v33-stable", "scannerdetection-v33-stable", "protocolattack-v33-stable", "sessionfixation-v33-stable", "php-v33-stable", "java-v33-stable", "nodejs-v33-stable", "cve-canary", "json-sqli-canary"`,
        ],
      ],
      ['a WAF sensitivity above 4', { public: true, domains: ['a.example.com'], waf: { sensitivity: 5 } }, [`${F}.waf.sensitivity 5 is too large; use 1 to 4`]],
      ['a subnet the network lacks', { subnet: 'apps' }, [`${F}.subnet "apps" is not a subnet of gcp.network.subnets; use one of "main"`]],
      [
        'an image without tag or digest',
        { image: 'api' },
        [`${F}.image "api" is not an image reference; use "<image>:<tag>" or "<image>@sha256:<64 hex digits>" (an image of the environment's repository)`],
      ],
      [
        'allUsers and a bare name as invokers',
        { invokers: ['allUsers', 'bob'] },
        [
          `${F}.invokers[0] "allUsers" grants access to everyone; set public: true for a public service instead`,
          `${F}.invokers[1] "bob" is not an IAM member; use "user:", "serviceAccount:", "group:", "domain:", "principal:" or "principalSet:" followed by the identity`,
        ],
      ],
      [
        'a basic role',
        { roles: ['roles/editor'] },
        [`${F}.roles[0] "roles/editor" is a basic role; grant predefined roles instead (basic roles roles/owner, roles/editor, roles/viewer are not allowed)`],
      ],
      [
        'a secret given as a plain variable, and a bad variable name',
        { env: { DB_PASSWORD: 'hunter2', '1A': 'x' } },
        [
          `${F}.env.1A "1A" is not an environment variable name; use letters, digits and "_", not starting with a digit`,
          `${F}.env.DB_PASSWORD (value hidden) looks like a secret given as a literal; move it to "secrets" as a Secret Manager id ("<name>" or "projects/<project>/secrets/<name>")`,
        ],
      ],
      [
        'secret references that are not ids or versions',
        { secrets: { A: 'not an id!', B: { secret: 'ok', version: 'v1' } } },
        [
          `${F}.secrets.A "not an id!" has a bad secret id; use the secret name or "projects/<project>/secrets/<name>" (never the secret value)`,
          `${F}.secrets.B "ok" has a bad version; use a version number such as "3" or "latest"`,
        ],
      ],
      ['a variable given plain and as a secret', { env: { MODE: 'a' }, secrets: { MODE: 'mode' } }, [`${F}.secrets.MODE "MODE" is also in env; give each variable once`]],
      ['a probe path without "/"', { startupProbePath: 'healthz' }, [`${F}.startupProbePath "healthz" is not an HTTP path; use a path starting with "/", e.g. "/healthz"`]],
      [
        'a misspelt field',
        { memmory: '1Gi' },
        [
          `${F}.memmory is not a known field (did you mean "memory"?); allowed fields here: image, cpu, memory, minInstances, maxInstances, concurrency, timeoutSeconds, containerPort, cpuAlwaysAllocated, ingress, public, invokers, domains, waf, subnet, vpcEgress, env, secrets, roles, cloudSql, startupProbePath, livenessProbePath`,
        ],
      ],
    ])('%s', (_, service, expected) => {
      expect(environmentProblems(run(service))).toEqual(expected);
    });

    it('a service name Cloud Run refuses', () => {
      expect(environmentProblems({ gcp: { run: { services: { Api_1: { image: 'api:1' } } } } })).toEqual([
        'config/test.yaml: gcp.run.services.Api_1 "Api_1" is not a Cloud Run service name; use lower-case letters, digits and "-", starting with a letter, not ending with "-", at most 49 characters',
      ]);
    });

    it('a service name too short for its service account id', () => {
      expect(environmentProblems({ gcp: { run: { services: { a: { image: 'api:1' } } } } })).toEqual([
        'config/test.yaml: gcp.run.services.a "a" makes the service account id "a-run", which is not 6-30 characters; use a service name of at least 2 characters',
      ]);
    });

    it('a service name too long for its load balancer names', () => {
      const name = 'a'.repeat(40);
      expect(environmentProblems({ gcp: { run: { services: { [name]: { image: 'api:1', public: true, domains: ['a.example.com'] } } } } })).toEqual([
        `config/test.yaml: gcp.run.services.${name} "${name}" makes the load balancer name "test-${name}" longer than 40 characters; use a service name of at most 35 characters`,
      ]);
    });

    it('a repository id and cleanup counts Artifact Registry refuses', () => {
      expect(environmentProblems({ gcp: { run: { repository: { id: 'Images', keepRecentCount: 0, deleteUntaggedAfterDays: 4000 } } } })).toEqual([
        'config/test.yaml: gcp.run.repository.id "Images" is not a repository id; use lower-case letters, digits and "-", starting with a letter, at most 63 characters',
        'config/test.yaml: gcp.run.repository.keepRecentCount 0 is too small; use 1 to 1000',
        'config/test.yaml: gcp.run.repository.deleteUntaggedAfterDays 4000 is too large; use 1 to 3650 days',
      ]);
    });
  });

  describe('the Cloud SQL grant', () => {
    it('needs gcp.database.enabled (file and field named)', () => {
      expect(environmentProblems(run({ cloudSql: true }))).toEqual([
        "config/test.yaml: gcp.run.services.api.cloudSql true needs the environment's Cloud SQL instance, but gcp.database.enabled is not true; turn the database on or set cloudSql: false",
      ]);
    });

    it('makes the stack depend on the database stack only when a service asks for it', () => {
      const graph = (patch: Record<string, any>) =>
        environmentStackGraph(testEnvironment(patch)).find((n) => n.name === 'test-gcp-run')?.dependsOn;
      expect(graph(run())).toEqual(['test-gcp-network']);
      expect(graph(run({ cloudSql: false }, { gcp: { database: { enabled: true } } }))).toEqual(['test-gcp-network']);
      expect(graph(run({ cloudSql: true }, { gcp: { database: { enabled: true } } }))).toEqual(['test-gcp-network', 'test-gcp-database']);
    });
  });

  it('needs the network for Direct VPC egress', () => {
    expect(environmentProblems(run({}, { gcp: { network: { enabled: false } } }))).toContain(
      'config/test.yaml: gcp.run.services need gcp.network (Direct VPC egress into its subnet), but gcp.network.enabled is false; enable the network or list no services',
    );
  });
});
