import { awsFunctionsSection, functionsNeedDatabase, functionsNeedNetwork } from '../../../stacks/aws-functions/config';
import { environmentProblems, loadEnvironments, testEnvironment } from '../../helpers/environment';

const SECRET = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:orders/api-key-AbCdEf';
const FN = { code: 'apps/aws-api-handler', routes: [{ route: 'GET /health', public: true }] };

/** Problems of the base environment with `functions` as aws.functions.functions.api-handler (merged over FN). */
function problemsOf(fn: Record<string, any>, patch: Record<string, any> = {}): string[] {
  return environmentProblems({ aws: { alerts: { enabled: true }, functions: { enabled: true, functions: { 'api-handler': { ...FN, ...fn } }, ...patch } } });
}

describe('aws.functions config', () => {
  it('parses a function with the Lambda construct\'s defaults', () => {
    const fn = testEnvironment({ aws: { functions: { functions: { 'api-handler': FN } } } }).section(awsFunctionsSection).functions['api-handler']!;
    expect(fn).toMatchObject({
      runtime: 'python3.13',
      architecture: 'arm64',
      handler: 'app.handler',
      memoryMb: 256,
      timeoutSeconds: 10,
      logRetentionDays: 365,
      logLevel: 'INFO',
      vpc: false,
      database: 'none',
      environment: {},
      secrets: {},
    });
    expect(fn.reservedConcurrency).toBeUndefined();
    const section = testEnvironment().section(awsFunctionsSection);
    expect(section).toMatchObject({ enabled: false, functions: {}, api: { throttlingRateLimit: 50, throttlingBurstLimit: 100, logRetentionDays: 365, disableExecuteApiEndpoint: false } });
  });

  it('accepts a full configuration', () => {
    expect(
      problemsOf(
        {
          runtime: 'nodejs22.x',
          handler: 'index.handler',
          memoryMb: 10240,
          timeoutSeconds: 900,
          environment: { APP_VERSION: '1', API_KEY_ARN: SECRET },
          secrets: { API_KEY: SECRET, PARAM: 'arn:aws:ssm:eu-west-1:123456789012:parameter/orders/flag' },
          powertoolsLayerArn: 'arn:aws:lambda:eu-west-1:017000801446:layer:AWSLambdaPowertoolsPythonV3-python313-arm64:7',
          vpc: true,
          reservedConcurrency: 10,
          provisionedConcurrency: 2,
          routes: [{ route: 'GET /health', public: true }, { route: 'GET /items/{id}', scopes: ['items/read'] }],
        },
        { api: { jwt: { issuer: 'https://auth.example.com/', audiences: ['app'] }, cors: { allowOrigins: ['https://app.example.com'], allowCredentials: true } } },
      ),
    ).toEqual([]);
  });

  it('accepts every shipped environment, each with the example function and API', () => {
    for (const { config } of loadEnvironments('config')) {
      const section = config.section(awsFunctionsSection);
      expect(section.enabled).toBe(true);
      expect(section.functions['api-handler']).toMatchObject({ code: 'apps/aws-api-handler', exclude: ['tests/', 'requirements.txt'] });
      expect(section.api.jwt).toBeDefined();
    }
  });

  it('knows when it needs the network and the database', () => {
    const of = (fn: Record<string, any>) => testEnvironment({ aws: { database: { enabled: true }, functions: { functions: { f: { ...FN, ...fn } } } } }).section(awsFunctionsSection);
    expect([functionsNeedNetwork(of({})), functionsNeedDatabase(of({}))]).toEqual([false, false]);
    expect([functionsNeedNetwork(of({ vpc: true })), functionsNeedDatabase(of({ vpc: true }))]).toEqual([true, false]);
    expect([functionsNeedNetwork(of({ vpc: true, database: 'read-write' })), functionsNeedDatabase(of({ vpc: true, database: 'read-write' }))]).toEqual([true, true]);
  });

  describe('rejects, with file, field, value and what is allowed', () => {
    const at = 'config/test.yaml: aws.functions.functions.api-handler';
    const cases: [string, Record<string, any>, string][] = [
      ['memory below the minimum', { memoryMb: 64 }, `${at}.memoryMb 64 is not allowed; use 128 to 10240 MB (whole MB)`],
      ['memory above the maximum', { memoryMb: 10241 }, `${at}.memoryMb 10241 is not allowed; use 128 to 10240 MB (whole MB)`],
      ['a timeout above 900 s', { timeoutSeconds: 901 }, `${at}.timeoutSeconds 901 is not allowed; use 1 to 900 seconds`],
      ['an unsupported runtime', { runtime: 'python3.8' }, `${at}.runtime "python3.8" is not supported; use one of python3.13, nodejs22.x`],
      ['a secret given as a literal variable', { environment: { DB_PASSWORD: 'hunter2' } }, `${at}.environment.DB_PASSWORD (value hidden) looks like a secret given as a literal; move it to "secrets" as a reference and use a Secrets Manager secret ARN (arn:aws:secretsmanager:<region>:<account>:secret:<name>) or an SSM parameter ARN (arn:aws:ssm:<region>:<account>:parameter/<name>)`],
      ['a secret that is not a reference', { secrets: { API_KEY: 'hunter2' } }, `${at}.secrets.API_KEY (value hidden) is not a secret reference; use a Secrets Manager secret ARN (arn:aws:secretsmanager:<region>:<account>:secret:<name>) or an SSM parameter ARN (arn:aws:ssm:<region>:<account>:parameter/<name>)`],
      ['provisioned above reserved concurrency', { reservedConcurrency: 2, provisionedConcurrency: 3 }, `${at}.provisionedConcurrency 3 is above reservedConcurrency (2); use at most the reserved concurrency`],
      ['reserved concurrency out of range', { reservedConcurrency: -1 }, `${at}.reservedConcurrency -1 is not allowed; use a whole number from 0 to 10000`],
      ['a missing code folder', { code: 'apps/nope' }, `${at}.code "apps/nope" is not a folder of this repository; give a folder relative to the repository root, e.g. "apps/aws-api-handler"`],
      ['a bad route key', { routes: [{ route: 'FETCH /x', public: true }] }, `${at}.routes[0].route "FETCH /x" is not a route key; use "$default" or "<METHOD> /path" with METHOD one of ANY, GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS`],
      ['a protected route without a JWT authorizer', { routes: [{ route: 'GET /items' }] }, `${at}.routes[0].public false is false, but aws.functions.api.jwt is not set, so the route would be open to anyone; set api.jwt or mark the route public: true`],
      ['a database grant outside the VPC', { database: 'read-write' }, `${at}.database "read-write" needs the function in the VPC; set vpc: true too`],
      ['an unversioned layer ARN', { powertoolsLayerArn: 'arn:aws:lambda:eu-west-1:017000801446:layer:Powertools' }, `${at}.powertoolsLayerArn "arn:aws:lambda:eu-west-1:017000801446:layer:Powertools" is not a versioned layer ARN; use arn:aws:lambda:<region>:<account>:layer:<name>:<version>`],
    ];
    it.each(cases)('%s', (_, fn, message) => {
      expect(problemsOf(fn)).toContain(message);
    });

    it('a database grant when the environment has no database', () => {
      expect(problemsOf({ vpc: true, database: 'read-write' })).toContain(
        `${at}.database "read-write" needs the environment database, but aws.database.enabled is not true; turn the database on or use "none"`,
      );
    });

    it('a route served by two functions', () => {
      const problems = environmentProblems({ aws: { functions: { functions: { a: FN, b: FN } } } });
      expect(problems).toContain('config/test.yaml: aws.functions.functions.b.routes[0].route "GET /health" is also served by function "a"; each route goes to one function');
    });

    it('a function name that makes the Lambda name too long', () => {
      const long = `f${'x'.repeat(60)}`;
      expect(environmentProblems({ aws: { functions: { functions: { [long]: FN } } } })).toContain(
        `config/test.yaml: aws.functions.functions.${long} makes the function name "test-${long}" 66 characters long; Lambda allows 64, use a shorter name`,
      );
    });

    it('"*" as CORS origin with credentials', () => {
      expect(problemsOf({}, { api: { cors: { allowOrigins: ['*'], allowCredentials: true } } })).toContain(
        'config/test.yaml: aws.functions.api.cors.allowOrigins ["*"] holds "*" with allowCredentials: true; list the exact origins when credentials are allowed',
      );
    });

    it('throttling above the API Gateway limits', () => {
      expect(problemsOf({}, { api: { throttlingBurstLimit: 5001 } })).toContain('config/test.yaml: aws.functions.api.throttlingBurstLimit 5001 is not allowed; use a whole number from 0 to 5000');
    });
  });
});
