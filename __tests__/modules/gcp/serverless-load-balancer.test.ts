import { ComputeBackendService } from '@cdktf/provider-google/lib/compute-backend-service';
import { ComputeManagedSslCertificate } from '@cdktf/provider-google/lib/compute-managed-ssl-certificate';
import { ComputeRegionNetworkEndpointGroup } from '@cdktf/provider-google/lib/compute-region-network-endpoint-group';
import { ComputeSslPolicy } from '@cdktf/provider-google/lib/compute-ssl-policy';
import { Testing } from 'cdktf';
import { CloudRunService } from '../../../modules/gcp/cloud-run-service';
import {
  ServerlessLoadBalancer,
  type ServerlessLoadBalancerProps,
  type ServerlessLoadBalancerTarget,
} from '../../../modules/gcp/serverless-load-balancer';

const PUBLIC: ServerlessLoadBalancerTarget = {
  serviceName: 'api',
  region: 'europe-west1',
  isPublic: true,
  ingress: 'INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER',
};

const BASE: ServerlessLoadBalancerProps = {
  project: 'acme-test-1',
  name: 'api',
  service: PUBLIC,
  domains: ['api.example.com'],
};

function synth(patch: Partial<ServerlessLoadBalancerProps> = {}): string {
  return Testing.synthScope((scope) => {
    new ServerlessLoadBalancer(scope, 'lb', { ...BASE, ...patch });
  });
}

function all(json: string, type: string): any[] {
  return Object.values(JSON.parse(json).resource?.[type] ?? {});
}

describe('ServerlessLoadBalancer', () => {
  describe('defaults', () => {
    const json = synth();
    const policy = all(json, 'google_compute_security_policy')[0];

    it('reaches the service through a serverless NEG in its region', () => {
      expect(json).toHaveResourceWithProperties(ComputeRegionNetworkEndpointGroup, {
        region: 'europe-west1',
        network_endpoint_type: 'SERVERLESS',
        cloud_run: { service: 'api' },
      });
    });

    it('uses an external managed HTTPS backend with Cloud Armor and request logs, and no health check', () => {
      expect(json).toHaveResourceWithProperties(ComputeBackendService, {
        load_balancing_scheme: 'EXTERNAL_MANAGED',
        protocol: 'HTTPS',
        security_policy: expect.stringMatching(/google_compute_security_policy\.lb_security-policy_[A-Z0-9]+\.id/),
        log_config: { enable: true, sample_rate: 1 },
      });
      // @see https://cloud.google.com/load-balancing/docs/negs/serverless-neg-concepts#limitations
      const backend = all(json, 'google_compute_backend_service')[0];
      expect(backend.health_checks).toBeUndefined();
      expect(backend.port_name).toBeUndefined();
      expect(backend.timeout_sec).toBeUndefined();
    });

    it('denies the OWASP preconfigured rule sets, SQLi and XSS included', () => {
      const waf = policy.rule.filter((r: any) => r.match.expr);
      expect(waf.map((r: any) => r.match.expr.expression)).toEqual(
        expect.arrayContaining([
          "evaluatePreconfiguredWaf('sqli-v33-stable', {'sensitivity': 1})",
          "evaluatePreconfiguredWaf('xss-v33-stable', {'sensitivity': 1})",
        ])
      );
      expect(waf).toHaveLength(9);
      for (const rule of waf) {
        expect(rule.action).toBe('deny(403)');
        expect(rule.preview).toBe(false);
      }
    });

    it('throttles each client IP to 600 requests a minute (rate_limit_options given with throttle)', () => {
      const throttle = policy.rule.find((r: any) => r.action === 'throttle');
      expect(throttle).toEqual(
        expect.objectContaining({
          priority: 900,
          rate_limit_options: {
            conform_action: 'allow',
            exceed_action: 'deny(429)',
            enforce_on_key: 'IP',
            rate_limit_threshold: { count: 600, interval_sec: 60 },
          },
        })
      );
    });

    it('ends with the default rule at the lowest priority and turns on adaptive protection', () => {
      expect(policy.rule[policy.rule.length - 1]).toEqual(
        expect.objectContaining({
          priority: 2147483647,
          action: 'allow',
          match: { versioned_expr: 'SRC_IPS_V1', config: { src_ip_ranges: ['*'] } },
        })
      );
      expect(policy.adaptive_protection_config).toEqual({ layer_7_ddos_defense_config: { enable: true } });
      expect(policy.type).toBe('CLOUD_ARMOR');
    });

    it('serves a Google-managed certificate with a MODERN TLS 1.2+ policy', () => {
      expect(json).toHaveResourceWithProperties(ComputeManagedSslCertificate, {
        type: 'MANAGED',
        managed: { domains: ['api.example.com'] },
      });
      expect(json).toHaveResourceWithProperties(ComputeSslPolicy, { profile: 'MODERN', min_tls_version: 'TLS_1_2' });
      const proxy = all(json, 'google_compute_target_https_proxy')[0];
      expect(proxy.ssl_policy).toMatch(/google_compute_ssl_policy/);
      expect(proxy.ssl_certificates).toEqual([expect.stringMatching(/google_compute_managed_ssl_certificate/)]);
    });

    it('redirects HTTP to HTTPS on a URL map without a service', () => {
      const maps = all(json, 'google_compute_url_map');
      const redirect = maps.find((m) => m.default_url_redirect);
      const https = maps.find((m) => m.default_service);
      // default_url_redirect and default_service are mutually exclusive on a URL map.
      expect(redirect.default_service).toBeUndefined();
      expect(https.default_url_redirect).toBeUndefined();
      expect(redirect.default_url_redirect).toEqual({
        https_redirect: true,
        strip_query: false,
        redirect_response_code: 'MOVED_PERMANENTLY_DEFAULT',
      });
    });

    it('listens on 443 and 80 of one global IPv4 address', () => {
      const rules = all(json, 'google_compute_global_forwarding_rule');
      expect(rules.map((r) => [r.port_range, r.load_balancing_scheme]).sort()).toEqual([
        ['443', 'EXTERNAL_MANAGED'],
        ['80', 'EXTERNAL_MANAGED'],
      ]);
      expect(new Set(rules.map((r) => r.ip_address)).size).toBe(1);
    });
  });

  it('keeps each WAF rule priority when another is removed', () => {
    const policy = all(synth({ wafRules: ['xss-v33-stable'] }), 'google_compute_security_policy')[0];
    const full = all(synth(), 'google_compute_security_policy')[0];
    const xss = (p: any) => p.rule.find((r: any) => r.match.expr?.expression.includes('xss')).priority;
    expect(xss(policy)).toBe(xss(full));
  });

  it('fronts a CloudRunService created with public: true', () => {
    expect(() =>
      Testing.synthScope((scope) => {
        const run = new CloudRunService(scope, 'run', {
          project: 'acme-test-1',
          region: 'europe-west1',
          serviceName: 'api',
          image: 'europe-west1-docker.pkg.dev/acme-test-1/apps/api:1',
          public: true,
        });
        new ServerlessLoadBalancer(scope, 'lb', { ...BASE, service: run });
      })
    ).not.toThrow();
  });

  describe('rejects bad input', () => {
    it.each<[string, Partial<ServerlessLoadBalancerProps>, RegExp]>([
      [
        'a private service',
        { service: { ...PUBLIC, isPublic: false } },
        /prop service "api" is not public; .*public: true/,
      ],
      [
        'an internal-only service',
        { service: { ...PUBLIC, ingress: 'INGRESS_TRAFFIC_INTERNAL_ONLY' } },
        /prop service "api" has ingress INGRESS_TRAFFIC_INTERNAL_ONLY/,
      ],
      ['no domains', { domains: [] }, /prop domains 0 must list 1-100 domains/],
      ['a wildcard domain', { domains: ['*.example.com'] }, /prop domains\[0\] "\*\.example\.com" is a wildcard/],
      [
        'a domain that is not a name',
        { domains: ['localhost'] },
        /prop domains\[0\] "localhost" is not a fully qualified/,
      ],
      [
        'an unknown WAF rule set',
        { wafRules: ['sqli-v1' as any] },
        /prop wafRules\[0\] "sqli-v1" .*use one of sqli-v33-stable, xss-v33-stable/,
      ],
      ['a WAF sensitivity of 5', { wafSensitivity: 5 }, /prop wafSensitivity 5 .*use 1-4/],
      ['a rate limit of 0', { rateLimitRequestsPerMinute: 0 }, /prop rateLimitRequestsPerMinute 0 .*use 1-1000000/],
      ['an upper-case name', { name: 'API' }, /prop name "API" .*lower-case/],
    ])('rejects %s', (_name, patch, pattern) => {
      expect(() => synth(patch)).toThrow(pattern);
    });
  });
});
