import { CloudfrontDistribution } from '@cdktf/provider-aws/lib/cloudfront-distribution';
import { CloudfrontOriginAccessControl } from '@cdktf/provider-aws/lib/cloudfront-origin-access-control';
import { CloudfrontResponseHeadersPolicy } from '@cdktf/provider-aws/lib/cloudfront-response-headers-policy';
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { suppress } from '../policy/suppressions';
import { ValidationError } from '../core/validation-error';
import type { DataBucket } from './data-bucket';

/** CloudFront price classes. @see https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/PriceClass.html */
export const CDN_PRICE_CLASSES = ['PriceClass_100', 'PriceClass_200', 'PriceClass_All'] as const;

/**
 * AWS managed cache and origin request policies (fixed ids).
 *
 * @see https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-managed-cache-policies.html
 * @see https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-managed-origin-request-policies.html
 */
export const CLOUDFRONT_MANAGED_POLICIES = {
  cachingOptimized: '658327ea-f89d-4fab-a63d-7e88639e58f6',
  cachingDisabled: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
  allViewerExceptHostHeader: 'b689b0a8-53d0-40ab-baf2-68738e2966ac',
} as const;

/** Defaults of {@link Cdn}. */
export const CDN_DEFAULTS = {
  priceClass: 'PriceClass_100',
  /** Lowest TLS version viewers may use (applies with an ACM certificate). */
  minimumProtocolVersion: 'TLSv1.2_2021',
  apiPathPattern: '/api/*',
  logExpiryDays: 365,
  hstsMaxAgeSeconds: 63072000,
} as const;

/** Props of {@link Cdn}. */
export interface CdnProps {
  /** Name of the distribution's parts (OAC, headers policy, log bucket prefix): lower-case letters, digits, -, at most 30. */
  readonly name: string;
  /** The private data bucket served at `/` (made with `cloudFrontReads: true`); read through Origin Access Control. */
  readonly bucket: DataBucket;
  /** HTTPS domain of the API or ALB served at `apiPathPattern`, uncached. @default - no API origin */
  readonly apiDomainName?: string;
  /** Path pattern routed to the API. @default "/api/*" */
  readonly apiPathPattern?: string;
  /** Price class (edge locations used). @default "PriceClass_100" */
  readonly priceClass?: (typeof CDN_PRICE_CLASSES)[number];
  /** WAFv2 web ACL ARN (CLOUDFRONT scope). @default - none */
  readonly webAclArn?: string;
  /** ACM certificate ARN in us-east-1 for `aliases`; without it the cloudfront.net name and certificate serve. @default - none */
  readonly certificateArn?: string;
  /** Alternate domain names (need `certificateArn`). @default - none */
  readonly aliases?: string[];
  /** Days the standard logs are kept. @default 365 */
  readonly logExpiryDays?: number;
  /** Tags. @default - none */
  readonly tags?: Record<string, string>;
}

/**
 * A CloudFront distribution in front of a private data bucket (Origin Access Control, SigV4; the
 * bucket never becomes public) and optionally an HTTPS API origin: HTTPS only (TLSv1.2_2021 with a
 * certificate), HTTP/2 and HTTP/3, IPv6, a response headers policy with the security headers,
 * standard logging to a log bucket made here, a price class and an optional WAF web ACL.
 *
 * @see https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/cloudfront_distribution
 */
export class Cdn extends Construct {
  public readonly distribution: CloudfrontDistribution;
  public readonly domainName: string;
  public readonly distributionArn: string;

  constructor(scope: Construct, id: string, props: CdnProps) {
    super(scope, id);
    if (!Token.isUnresolved(props.name) && !/^[a-z0-9][a-z0-9-]{0,29}$/.test(props.name)) {
      throw new ValidationError(this, 'name', props.name, 'is not a CDN name; use lower-case letters, digits and -, at most 30 characters');
    }
    const priceClass = props.priceClass ?? CDN_DEFAULTS.priceClass;
    if (!(CDN_PRICE_CLASSES as readonly string[]).includes(priceClass)) {
      throw new ValidationError(this, 'priceClass', priceClass, `is not a price class; use one of ${CDN_PRICE_CLASSES.join(', ')}`);
    }
    if (props.aliases?.length && !props.certificateArn) {
      throw new ValidationError(this, 'aliases', props.aliases, 'need a certificateArn (ACM, us-east-1) covering them');
    }
    if (props.certificateArn && !Token.isUnresolved(props.certificateArn) && !/^arn:aws[a-z-]*:acm:us-east-1:\d{12}:certificate\/[A-Za-z0-9-]+$/.test(props.certificateArn)) {
      throw new ValidationError(this, 'certificateArn', props.certificateArn, 'is not an ACM certificate ARN in us-east-1 (CloudFront uses only those)');
    }
    const tags = props.tags ?? {};

    // Standard (legacy) logging writes with an ACL grant to the awslogsdelivery account: the log bucket
    // needs ACLs enabled (BucketOwnerPreferred) and SSE-S3.
    // @see https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/standard-logging-legacy-s3.html
    const logs = new S3Bucket(this, 'logs', { bucketPrefix: `${props.name}-cdn-logs-`, tags });
    suppress(logs, 'AWS-S3-2', 'CloudFront standard logging does not support SSE-KMS on the target bucket');
    suppress(logs, 'AWS-S3-4', 'CloudFront standard logging needs ACLs enabled on the target bucket (BucketOwnerPreferred)');
    suppress(logs, 'AWS-S3-7', 'this is the CDN log bucket; logging its own access would log the log deliveries');
    new S3BucketVersioningA(this, 'logs-versioning', { bucket: logs.id, versioningConfiguration: { status: 'Enabled' } });
    new S3BucketPublicAccessBlock(this, 'logs-public-access', { bucket: logs.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true });
    new S3BucketOwnershipControls(this, 'logs-ownership', { bucket: logs.id, rule: { objectOwnership: 'BucketOwnerPreferred' } });
    new S3BucketServerSideEncryptionConfigurationA(this, 'logs-encryption', { bucket: logs.id, rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }] });
    new S3BucketLifecycleConfiguration(this, 'logs-lifecycle', {
      bucket: logs.id,
      rule: [{ id: 'expire', status: 'Enabled', filter: [{ prefix: '' }], expiration: [{ days: props.logExpiryDays ?? CDN_DEFAULTS.logExpiryDays }], abortIncompleteMultipartUpload: [{ daysAfterInitiation: 1 }] }],
    });
    const logPolicy = new DataAwsIamPolicyDocument(this, 'logs-policy-document', {
      statement: [
        {
          sid: 'DenyInsecureTransport',
          effect: 'Deny',
          principals: [{ type: '*', identifiers: ['*'] }],
          actions: ['s3:*'],
          resources: [logs.arn, `${logs.arn}/*`],
          condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
        },
      ],
    });
    new S3BucketPolicy(this, 'logs-policy', { bucket: logs.id, policy: logPolicy.json });

    const oac = new CloudfrontOriginAccessControl(this, 'origin-access-control', {
      name: `${props.name}-s3`,
      description: `CloudFront ${props.name} reads its bucket with SigV4`,
      originAccessControlOriginType: 's3',
      signingBehavior: 'always',
      signingProtocol: 'sigv4',
    });
    const headers = new CloudfrontResponseHeadersPolicy(this, 'security-headers', {
      name: `${props.name}-security-headers`,
      comment: 'HSTS, nosniff, DENY framing, strict referrer, XSS protection',
      securityHeadersConfig: {
        strictTransportSecurity: { accessControlMaxAgeSec: CDN_DEFAULTS.hstsMaxAgeSeconds, includeSubdomains: true, preload: true, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: 'DENY', override: true },
        referrerPolicy: { referrerPolicy: 'strict-origin-when-cross-origin', override: true },
        xssProtection: { protection: true, modeBlock: true, override: true },
      },
    });

    const s3Origin = 's3';
    const apiOrigin = 'api';
    this.distribution = new CloudfrontDistribution(this, 'distribution', {
      enabled: true,
      comment: `${props.name}: data bucket${props.apiDomainName ? ' and API' : ''}`,
      httpVersion: 'http2and3',
      isIpv6Enabled: true,
      priceClass,
      webAclId: props.webAclArn,
      aliases: props.aliases,
      origin: [
        { originId: s3Origin, domainName: props.bucket.regionalDomainName, originAccessControlId: oac.id },
        ...(props.apiDomainName
          ? [{ originId: apiOrigin, domainName: props.apiDomainName, customOriginConfig: { httpPort: 80, httpsPort: 443, originProtocolPolicy: 'https-only', originSslProtocols: ['TLSv1.2'] } }]
          : []),
      ],
      defaultCacheBehavior: {
        targetOriginId: s3Origin,
        viewerProtocolPolicy: 'redirect-to-https',
        allowedMethods: ['GET', 'HEAD', 'OPTIONS'],
        cachedMethods: ['GET', 'HEAD'],
        compress: true,
        cachePolicyId: CLOUDFRONT_MANAGED_POLICIES.cachingOptimized,
        responseHeadersPolicyId: headers.id,
      },
      orderedCacheBehavior: props.apiDomainName
        ? [
            {
              pathPattern: props.apiPathPattern ?? CDN_DEFAULTS.apiPathPattern,
              targetOriginId: apiOrigin,
              viewerProtocolPolicy: 'https-only',
              allowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'POST', 'PATCH', 'DELETE'],
              cachedMethods: ['GET', 'HEAD'],
              compress: true,
              cachePolicyId: CLOUDFRONT_MANAGED_POLICIES.cachingDisabled,
              originRequestPolicyId: CLOUDFRONT_MANAGED_POLICIES.allViewerExceptHostHeader,
              responseHeadersPolicyId: headers.id,
            },
          ]
        : undefined,
      restrictions: { geoRestriction: { restrictionType: 'none' } },
      viewerCertificate: props.certificateArn
        ? { acmCertificateArn: props.certificateArn, sslSupportMethod: 'sni-only', minimumProtocolVersion: CDN_DEFAULTS.minimumProtocolVersion }
        : { cloudfrontDefaultCertificate: true, minimumProtocolVersion: CDN_DEFAULTS.minimumProtocolVersion },
      loggingConfig: { bucket: logs.bucketDomainName, includeCookies: false, prefix: `${props.name}/` },
      tags,
    });
    this.domainName = this.distribution.domainName;
    this.distributionArn = this.distribution.arn;
    props.bucket.grantCloudFrontRead(this.distribution.arn);
  }
}
