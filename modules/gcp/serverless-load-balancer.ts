import { ComputeBackendService } from '@cdktf/provider-google/lib/compute-backend-service';
import { ComputeGlobalAddress } from '@cdktf/provider-google/lib/compute-global-address';
import { ComputeGlobalForwardingRule } from '@cdktf/provider-google/lib/compute-global-forwarding-rule';
import { ComputeManagedSslCertificate } from '@cdktf/provider-google/lib/compute-managed-ssl-certificate';
import { ComputeRegionNetworkEndpointGroup } from '@cdktf/provider-google/lib/compute-region-network-endpoint-group';
import {
  ComputeSecurityPolicy,
  type ComputeSecurityPolicyRule,
} from '@cdktf/provider-google/lib/compute-security-policy';
import { ComputeSslPolicy } from '@cdktf/provider-google/lib/compute-ssl-policy';
import { ComputeTargetHttpProxy } from '@cdktf/provider-google/lib/compute-target-http-proxy';
import { ComputeTargetHttpsProxy } from '@cdktf/provider-google/lib/compute-target-https-proxy';
import { ComputeUrlMap } from '@cdktf/provider-google/lib/compute-url-map';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { ValidationError } from '../core/validation-error';

/**
 * Preconfigured Cloud Armor WAF rules (ModSecurity CRS 3.3) turned on by default.
 *
 * @see https://cloud.google.com/armor/docs/waf-rules
 */
export const CLOUD_ARMOR_DEFAULT_WAF_RULES = [
  'sqli-v33-stable',
  'xss-v33-stable',
  'lfi-v33-stable',
  'rfi-v33-stable',
  'rce-v33-stable',
  'methodenforcement-v33-stable',
  'scannerdetection-v33-stable',
  'protocolattack-v33-stable',
  'sessionfixation-v33-stable',
] as const;

/** Every preconfigured WAF rule set name accepted here. */
export const CLOUD_ARMOR_WAF_RULES = [
  ...CLOUD_ARMOR_DEFAULT_WAF_RULES,
  'php-v33-stable',
  'java-v33-stable',
  'nodejs-v33-stable',
  'cve-canary',
  'json-sqli-canary',
] as const;
export type CloudArmorWafRule = (typeof CLOUD_ARMOR_WAF_RULES)[number];

/** Defaults of {@link ServerlessLoadBalancer}, for the config layer. */
export const SERVERLESS_LB_DEFAULTS = {
  wafRules: CLOUD_ARMOR_DEFAULT_WAF_RULES,
  wafSensitivity: 1,
  wafPreview: false,
  rateLimitRequestsPerMinute: 600,
  sslPolicyProfile: 'MODERN',
  minTlsVersion: 'TLS_1_2',
  logSampleRate: 1,
} as const;

/** Limits of {@link ServerlessLoadBalancer}. */
export const SERVERLESS_LB_LIMITS = {
  /** Domains per Google-managed certificate. */
  maxDomains: 100,
  minWafSensitivity: 1,
  maxWafSensitivity: 4,
  minRateLimitPerMinute: 1,
  maxRateLimitPerMinute: 1_000_000,
  maxNameLength: 40,
} as const;

/** Why a domain cannot go on a Google-managed certificate, or undefined (no wildcards, no IPs). */
export function managedCertificateDomainProblem(domain: string): string | undefined {
  if (domain.startsWith('*.')) return 'is a wildcard; Google-managed certificates cover named hosts only';
  if (!/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/.test(domain)) {
    return 'is not a fully qualified lower-case domain name, e.g. "api.example.com"';
  }
  return undefined;
}

/** What the load balancer needs to know of the Cloud Run service (a {@link CloudRunService} fits). */
export interface ServerlessLoadBalancerTarget {
  /** Cloud Run service name. */
  readonly serviceName: string;
  /** Region of the service. */
  readonly region: string;
  /** Whether `allUsers` may invoke the service. */
  readonly isPublic: boolean;
  /** Ingress setting of the service. */
  readonly ingress: string;
}

/** Props of {@link ServerlessLoadBalancer}. */
export interface ServerlessLoadBalancerProps {
  /** Project of the load balancer. */
  readonly project: string;
  /** Prefix of the resource names (lower-case letters, digits, `-`; <= 40). */
  readonly name: string;
  /** The public Cloud Run service behind the load balancer. */
  readonly service: ServerlessLoadBalancerTarget;
  /** Domains of the Google-managed certificate (1-100, no wildcards). */
  readonly domains: string[];
  /** Preconfigured WAF rule sets that deny (403) what they match. @default CLOUD_ARMOR_DEFAULT_WAF_RULES */
  readonly wafRules?: CloudArmorWafRule[];
  /** WAF sensitivity, 1 (fewest false positives) to 4. @default 1 */
  readonly wafSensitivity?: number;
  /** Log WAF matches without blocking (to tune before enforcing). @default false */
  readonly wafPreview?: boolean;
  /** Requests per minute per client IP before answering 429. @default 600 */
  readonly rateLimitRequestsPerMinute?: number;
  /** Labels of the address and forwarding rules. @default {} */
  readonly labels?: Record<string, string>;
}

/**
 * An external HTTPS load balancer in front of a public Cloud Run service, with Cloud Armor.
 *
 * A serverless NEG to the service, a Google-managed certificate for the domains, a MODERN
 * TLS 1.2+ SSL policy, a Cloud Armor policy (preconfigured OWASP rules, per-IP rate limiting,
 * Layer 7 DDoS adaptive protection), request logging, and HTTP redirected to HTTPS. Only for
 * public services: the service keeps ingress `INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER`, so the
 * load balancer (and its WAF) is the only way in.
 *
 * @see https://cloud.google.com/load-balancing/docs/https/setup-global-ext-https-serverless
 * @see https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources/compute_security_policy
 */
export class ServerlessLoadBalancer extends Construct {
  /** The Cloud Armor policy. */
  public readonly securityPolicy: ComputeSecurityPolicy;
  /** The backend service. */
  public readonly backendService: ComputeBackendService;
  /** The global IPv4 address: point the domains' A records at it. */
  public readonly ipAddress: string;
  /** The managed certificate. */
  public readonly certificate: ComputeManagedSslCertificate;

  constructor(scope: Construct, id: string, props: ServerlessLoadBalancerProps) {
    super(scope, id);
    const D = SERVERLESS_LB_DEFAULTS;
    const L = SERVERLESS_LB_LIMITS;
    const wafRules = props.wafRules ?? [...D.wafRules];
    const sensitivity = props.wafSensitivity ?? D.wafSensitivity;
    const rate = props.rateLimitRequestsPerMinute ?? D.rateLimitRequestsPerMinute;
    const s = props.service;

    const fail = (prop: string, value: unknown, allowed: string): never => {
      throw new ValidationError(this, prop, value, allowed);
    };
    if (
      !Token.isUnresolved(props.name) &&
      (props.name.length > L.maxNameLength || !/^[a-z]([a-z0-9-]*[a-z0-9])?$/.test(props.name))
    ) {
      fail(
        'name',
        props.name,
        `is not a name prefix; use lower-case letters, digits and "-", starting with a letter, at most ${L.maxNameLength} characters`
      );
    }
    if (!s.isPublic) {
      fail(
        'service',
        s.serviceName,
        'is not public; a load balancer without authentication may front only a service created with public: true'
      );
    }
    if (s.ingress === 'INGRESS_TRAFFIC_INTERNAL_ONLY') {
      fail(
        'service',
        s.serviceName,
        'has ingress INGRESS_TRAFFIC_INTERNAL_ONLY, which the load balancer cannot reach; use INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER'
      );
    }
    if (props.domains.length < 1 || props.domains.length > L.maxDomains) {
      fail('domains', props.domains.length, `must list 1-${L.maxDomains} domains`);
    }
    const seen = new Set<string>();
    props.domains.forEach((domain, i) => {
      if (Token.isUnresolved(domain)) return;
      const problem = managedCertificateDomainProblem(domain);
      if (problem) fail(`domains[${i}]`, domain, problem);
      if (seen.has(domain)) fail(`domains[${i}]`, domain, 'is listed twice');
      seen.add(domain);
    });
    wafRules.forEach((rule, i) => {
      if (!(CLOUD_ARMOR_WAF_RULES as readonly string[]).includes(rule)) {
        fail(
          `wafRules[${i}]`,
          rule,
          `is not a preconfigured WAF rule set; use one of ${CLOUD_ARMOR_WAF_RULES.join(', ')}`
        );
      }
    });
    if (new Set(wafRules).size !== wafRules.length) fail('wafRules', wafRules, 'lists a rule set twice');
    if (!Number.isInteger(sensitivity) || sensitivity < L.minWafSensitivity || sensitivity > L.maxWafSensitivity) {
      fail('wafSensitivity', sensitivity, `is out of range; use ${L.minWafSensitivity}-${L.maxWafSensitivity}`);
    }
    if (!Number.isInteger(rate) || rate < L.minRateLimitPerMinute || rate > L.maxRateLimitPerMinute) {
      fail(
        'rateLimitRequestsPerMinute',
        rate,
        `is out of range; use ${L.minRateLimitPerMinute}-${L.maxRateLimitPerMinute}`
      );
    }

    // Rule priorities are fixed per rule set (1000 + its index in CLOUD_ARMOR_WAF_RULES), so
    // adding or removing one set never renumbers the others.
    const wafRuleList: ComputeSecurityPolicyRule[] = wafRules.map((rule) => ({
      priority: 1000 + (CLOUD_ARMOR_WAF_RULES as readonly string[]).indexOf(rule),
      action: 'deny(403)',
      preview: props.wafPreview ?? D.wafPreview,
      description: `OWASP CRS: ${rule}`,
      match: { expr: { expression: `evaluatePreconfiguredWaf('${rule}', {'sensitivity': ${sensitivity}})` } },
    }));
    this.securityPolicy = new ComputeSecurityPolicy(this, 'security-policy', {
      project: props.project,
      name: `${props.name}-armor`,
      type: 'CLOUD_ARMOR',
      description: `Cloud Armor for ${s.serviceName}`,
      adaptiveProtectionConfig: { layer7DdosDefenseConfig: { enable: true } },
      advancedOptionsConfig: { jsonParsing: 'STANDARD', logLevel: 'NORMAL' },
      rule: [
        // rate_limit_options is required with the throttle action.
        {
          priority: 900,
          action: 'throttle',
          description: `At most ${rate} requests per minute per client IP`,
          match: { versionedExpr: 'SRC_IPS_V1', config: { srcIpRanges: ['*'] } },
          rateLimitOptions: {
            conformAction: 'allow',
            exceedAction: 'deny(429)',
            enforceOnKey: 'IP',
            rateLimitThreshold: { count: rate, intervalSec: 60 },
          },
        },
        ...wafRuleList,
        // The default rule (lowest priority) must exist and match everything.
        {
          priority: 2147483647,
          action: 'allow',
          description: 'Default: allow what no rule above denied',
          match: { versionedExpr: 'SRC_IPS_V1', config: { srcIpRanges: ['*'] } },
        },
      ],
    });

    const neg = new ComputeRegionNetworkEndpointGroup(this, 'neg', {
      project: props.project,
      name: `${props.name}-neg`,
      region: s.region,
      networkEndpointType: 'SERVERLESS',
      cloudRun: { service: s.serviceName },
    });

    // Serverless NEG backends take no health checks, port name or timeout.
    this.backendService = new ComputeBackendService(this, 'backend', {
      project: props.project,
      name: `${props.name}-backend`,
      loadBalancingScheme: 'EXTERNAL_MANAGED',
      protocol: 'HTTPS',
      securityPolicy: this.securityPolicy.id,
      backend: [{ group: neg.id }],
      logConfig: { enable: true, sampleRate: D.logSampleRate },
    });

    const urlMap = new ComputeUrlMap(this, 'url-map', {
      project: props.project,
      name: `${props.name}-https`,
      defaultService: this.backendService.id,
    });
    this.certificate = new ComputeManagedSslCertificate(this, 'certificate', {
      project: props.project,
      name: `${props.name}-cert`,
      type: 'MANAGED',
      managed: { domains: props.domains },
      lifecycle: { createBeforeDestroy: true },
    });
    const sslPolicy = new ComputeSslPolicy(this, 'ssl-policy', {
      project: props.project,
      name: `${props.name}-tls`,
      profile: D.sslPolicyProfile,
      minTlsVersion: D.minTlsVersion,
    });
    const httpsProxy = new ComputeTargetHttpsProxy(this, 'https-proxy', {
      project: props.project,
      name: `${props.name}-https`,
      urlMap: urlMap.id,
      sslCertificates: [this.certificate.id],
      sslPolicy: sslPolicy.id,
    });
    const address = new ComputeGlobalAddress(this, 'address', {
      project: props.project,
      name: `${props.name}-ip`,
      addressType: 'EXTERNAL',
      ipVersion: 'IPV4',
      labels: props.labels,
    });
    new ComputeGlobalForwardingRule(this, 'https', {
      project: props.project,
      name: `${props.name}-https`,
      loadBalancingScheme: 'EXTERNAL_MANAGED',
      ipProtocol: 'TCP',
      portRange: '443',
      ipAddress: address.id,
      target: httpsProxy.id,
      labels: props.labels,
    });

    // Port 80 only redirects: default_url_redirect and default_service are mutually exclusive.
    const redirect = new ComputeUrlMap(this, 'http-redirect', {
      project: props.project,
      name: `${props.name}-http-redirect`,
      defaultUrlRedirect: { httpsRedirect: true, stripQuery: false, redirectResponseCode: 'MOVED_PERMANENTLY_DEFAULT' },
    });
    const httpProxy = new ComputeTargetHttpProxy(this, 'http-proxy', {
      project: props.project,
      name: `${props.name}-http`,
      urlMap: redirect.id,
    });
    new ComputeGlobalForwardingRule(this, 'http', {
      project: props.project,
      name: `${props.name}-http`,
      loadBalancingScheme: 'EXTERNAL_MANAGED',
      ipProtocol: 'TCP',
      portRange: '80',
      ipAddress: address.id,
      target: httpProxy.id,
      labels: props.labels,
    });

    this.ipAddress = address.address;
  }
}
