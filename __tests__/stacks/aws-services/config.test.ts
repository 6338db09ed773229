import { awsServicesSection, servicesNeedDatabase } from '../../../stacks/aws-services/config';
import { environmentProblems, loadEnvironments, testEnvironment } from '../../helpers/environment';

const CERT = 'arn:aws:acm:eu-west-1:123456789012:certificate/00000000-0000-0000-0000-000000000000';
const SVC = { image: { tag: '1.0.0' }, alb: { certificateArn: CERT } };

function problemsOf(svc: Record<string, any>, services: Record<string, any> = {}, aws: Record<string, any> = {}): string[] {
  return environmentProblems({ aws: { alerts: { enabled: true }, services: { enabled: true, services: { web: { ...SVC, ...svc } }, ...services }, ...aws } });
}

describe('aws.services config', () => {
  it("parses a service with the constructs' secure defaults", () => {
    const section = testEnvironment({ aws: { services: { services: { web: SVC } } } }).section(awsServicesSection);
    expect(section.cluster).toEqual({ containerInsights: 'enabled', fargateBase: 1, fargateWeight: 1, fargateSpotWeight: 0, enableExecuteCommand: false, logRetentionDays: 365 });
    expect(section.services.web).toMatchObject({
      cpu: 512,
      memoryMb: 1024,
      architecture: 'ARM64',
      port: 8080,
      desiredCount: 2,
      minCapacity: 2,
      maxCapacity: 10,
      autoscaling: { cpuTargetPercent: 60, memoryTargetPercent: 70, requestsPerTarget: 1000 },
      minimumHealthyPercent: 100,
      maximumPercent: 200,
      ignoreImageChanges: false,
      enableExecuteCommand: false,
      logRetentionDays: 365,
      ecr: { keepImages: 30, untaggedExpiryDays: 7 },
      alb: { scheme: 'public', allowPlainHttp: false, deletionProtection: true, healthCheckPath: '/health', healthCheckIntervalSeconds: 15, deregistrationDelaySeconds: 30 },
      database: 'none',
    });
    expect(servicesNeedDatabase(section)).toBe(false);
  });

  it('accepts every shipped environment: an example service, plain HTTP only in dev (opted in)', () => {
    const byName = Object.fromEntries(loadEnvironments('config').map((e) => [e.config.name, e.config.section(awsServicesSection)]));
    for (const section of Object.values(byName)) expect(section.services.web).toBeDefined();
    expect(byName.dev!.services.web!.alb).toMatchObject({ allowPlainHttp: true });
    expect(byName.dev!.services.web!.alb.certificateArn).toBeUndefined();
    for (const env of ['staging', 'prod']) expect(byName[env]!.services.web!.alb).toMatchObject({ allowPlainHttp: false, certificateArn: expect.stringMatching(/^arn:aws:acm:/), deletionProtection: true });
  });

  it('accepts a full configuration', () => {
    expect(
      problemsOf(
        {
          image: { repository: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop/web', digest: `sha256:${'a'.repeat(64)}` },
          cpu: 1024,
          memoryMb: 4096,
          architecture: 'X86_64',
          port: 3000,
          secrets: { DB_PASSWORD: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:web/db-AbCdEf' },
          healthCheckCommand: ['CMD-SHELL', 'wget -q -O- http://localhost:3000/health || exit 1'],
          desiredCount: 3,
          minCapacity: 3,
          maxCapacity: 30,
          enableExecuteCommand: true,
          database: 'read-write',
          alb: { scheme: 'internal', certificateArn: CERT, ingressCidrs: ['10.0.0.0/8'], wafAclArn: 'arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/shop/0123abcd-0000-0000-0000-000000000000' },
        },
        { cluster: { enableExecuteCommand: true, fargateSpotWeight: 2 } },
        { database: { enabled: true } },
      ),
    ).toEqual([]);
  });

  describe('rejects, with file, field, value and what is allowed', () => {
    const at = 'config/test.yaml: aws.services.services.web';
    it('a cpu/memory pair Fargate does not offer, with the valid pairs', () => {
      const [problem] = problemsOf({ cpu: 256, memoryMb: 4096 });
      expect(problem).toMatch(new RegExp(`^${at.replace(/\./g, '\\.')}\\.memoryMb 4096 is not a valid Fargate size: memory 4096 MiB is not allowed with cpu 256; valid pairs: 256 CPU: 512, 1024, 2048 MiB; 512 CPU: 1024, 2048, 3072, 4096 MiB; 1024 CPU: 2048-8192 in steps of 1024 MiB`));
      expect(problemsOf({ cpu: 300 })[0]).toMatch(/aws\.services\.services\.web\.cpu 300 is not a valid Fargate size: cpu 300 is not a Fargate size; use one of 256, 512, 1024, 2048, 4096, 8192, 16384/);
    });

    const cases: [string, Record<string, any>, string][] = [
      ['min above max', { minCapacity: 5, maxCapacity: 3, desiredCount: 3 }, `${at}.minCapacity 5 is above maxCapacity (3); use a minimum at most the maximum`],
      ['desired outside min-max', { desiredCount: 20 }, `${at}.desiredCount 20 is outside minCapacity-maxCapacity (2-10); use a count in that range`],
      ['a secret given as a literal variable', { environment: { API_TOKEN: 'abc' } }, `${at}.environment.API_TOKEN (value hidden) looks like a secret given as a literal; move it to "secrets" as a reference and use a Secrets Manager secret ARN (arn:aws:secretsmanager:<region>:<account>:secret:<name>) or an SSM parameter ARN (arn:aws:ssm:<region>:<account>:parameter/<name>)`],
      ['a moving image tag', { image: { tag: 'latest' } }, `${at}.image.tag "latest" is a moving tag; the ECR repository keeps tags immutable, use a version tag or a digest`],
      ['neither tag nor digest', { image: {} }, `${at}.image {} needs exactly one of tag or digest; give an immutable version tag (e.g. "1.4.2") or a digest (sha256:...)`],
      ['HTTPS without a certificate', { alb: {} }, `${at}.alb.certificateArn is required for the HTTPS listener; give an ACM certificate ARN, or set allowPlainHttp: true to serve plain HTTP (dev only)`],
      ['an internal balancer without ingress CIDRs', { alb: { scheme: 'internal', certificateArn: CERT } }, `${at}.alb.ingressCidrs is required for an internal balancer; list the private CIDRs that may connect (e.g. the VPC block)`],
      ['ECS Exec on a service of a cluster without it', { enableExecuteCommand: true }, `${at}.enableExecuteCommand true needs ECS Exec on the cluster; set aws.services.cluster.enableExecuteCommand: true too`],
      ['a database grant without the database', { database: 'read-write' }, `${at}.database "read-write" needs the environment database, but aws.database.enabled is not true; turn the database on or use "none"`],
      ['a target percent out of range', { autoscaling: { cpuTargetPercent: 99 } }, `${at}.autoscaling.cpuTargetPercent 99 is not allowed; use a whole number from 10 to 95`],
      ['a bad certificate ARN', { alb: { certificateArn: 'arn:aws:iam::123456789012:server-certificate/x' } }, `${at}.alb.certificateArn "arn:aws:iam::123456789012:server-certificate/x" is not an ACM certificate ARN; use arn:aws:acm:<region>:<account>:certificate/<id>`],
    ];
    it.each(cases)('%s', (_, svc, message) => {
      expect(problemsOf(svc)).toContain(message);
    });

    it('a service name that makes the load balancer name too long', () => {
      const problems = environmentProblems({ aws: { services: { services: { 'a-very-long-service-name-here': SVC } } } });
      expect(problems).toContain('config/test.yaml: aws.services.services.a-very-long-service-name-here makes the load balancer name "test-a-very-long-service-name-here" 34 characters long; ALB allows 32, use a shorter name');
    });

    it('a service name that is not lower-case words', () => {
      expect(environmentProblems({ aws: { services: { services: { Web: SVC } } } })).toContain('config/test.yaml: aws.services.services.Web "Web" is not a service name; use lower-case letters, digits and "-", starting with a letter');
    });

    it('a cluster without any capacity weight', () => {
      expect(problemsOf({}, { cluster: { fargateWeight: 0 } })).toContain('config/test.yaml: aws.services.cluster.fargateWeight 0 and fargateSpotWeight are both 0; give at least one a weight above 0');
    });
  });
});

describe('aws.services cache and WAF', () => {
  it('rejects cache: true without aws.data.cache, with the field path and what to do', () => {
    expect(problemsOf({ cache: true })).toEqual([
      'config/test.yaml: aws.services.services.web.cache true needs the environment cache, but aws.data.cache is not set (or aws.data.enabled is not true); add aws.data.cache or use cache: false',
    ]);
    expect(problemsOf({ cache: true }, {}, { data: { enabled: false, cache: {} } })).toEqual([expect.stringMatching(/aws\.services\.services\.web\.cache true needs the environment cache/)]);
    expect(problemsOf({ cache: true }, {}, { data: { enabled: true, cache: {} } })).toEqual([]);
  });

  it('rejects a service variable that cache: true sets itself', () => {
    expect(problemsOf({ cache: true, environment: { CACHE_HOST: 'localhost' } }, {}, { data: { enabled: true, cache: {} } })).toEqual([
      'config/test.yaml: aws.services.services.web.environment.CACHE_HOST "CACHE_HOST" is set by cache: true; rename it (the cache sets CACHE_HOST, CACHE_READER_HOST, CACHE_PORT, CACHE_TLS, CACHE_USERNAME, CACHE_PASSWORD)',
    ]);
  });

  it('rejects an unknown WAF managed rule group, a rate limit out of range and waf with wafAclArn', () => {
    expect(problemsOf({ alb: { certificateArn: CERT, waf: { managedRuleGroups: ['AWSManagedRulesMadeUp'] } } })).toEqual([
      expect.stringMatching(/^config\/test\.yaml: aws\.services\.services\.web\.alb\.waf\.managedRuleGroups\[0\] "AWSManagedRulesMadeUp" is not an AWS managed rule group this project offers; use one of AWSManagedRulesCommonRuleSet, /),
    ]);
    expect(problemsOf({ alb: { certificateArn: CERT, waf: { rateLimitPer5Minutes: 5 } } })).toEqual([
      'config/test.yaml: aws.services.services.web.alb.waf.rateLimitPer5Minutes 5 is not allowed; use a whole number from 10 to 2000000000',
    ]);
    const acl = 'arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/shop/0123abcd-0000-0000-0000-000000000000';
    expect(problemsOf({ alb: { certificateArn: CERT, waf: {}, wafAclArn: acl } })).toEqual([
      // (long values are shortened in messages)
      'config/test.yaml: aws.services.services.web.alb.wafAclArn "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/shop/0123abcd-0000-0000... is set with waf; a balancer has one web ACL, use waf (made here) or wafAclArn (an existing one)',
    ]);
  });

  it('ships staging and prod with the cache and the ALB web ACL on web, dev without', () => {
    const envs = Object.fromEntries(loadEnvironments().map((e) => [e.config.name, e.config.section(awsServicesSection).services.web!]));
    for (const name of ['staging', 'prod']) {
      expect(envs[name]).toMatchObject({ cache: true, alb: { waf: { rateLimitPer5Minutes: 2000, logRetentionDays: 365 } } });
    }
    expect(envs.dev).toMatchObject({ cache: false });
    expect(envs.dev!.alb.waf).toBeUndefined();
  });
});
