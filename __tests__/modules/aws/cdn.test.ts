import { CloudfrontDistribution } from '@cdktf/provider-aws/lib/cloudfront-distribution';
import { CloudfrontOriginAccessControl } from '@cdktf/provider-aws/lib/cloudfront-origin-access-control';
import { CloudfrontResponseHeadersPolicy } from '@cdktf/provider-aws/lib/cloudfront-response-headers-policy';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { Testing } from 'cdktf';
import { Cdn, type CdnProps } from '../../../modules/aws/cdn';
import { DataBucket } from '../../../modules/aws/data-bucket';
import { ValidationError } from '../../../modules/core/validation-error';

const CERT = 'arn:aws:acm:us-east-1:123456789012:certificate/abc-123';

function synth(props: Partial<CdnProps> = {}, cloudFrontReads = true): string {
  return Testing.synthScope((scope) => {
    const bucket = new DataBucket(scope, 'data', { namePrefix: 'test-site', cloudFrontReads });
    new Cdn(scope, 'cdn', { name: 'test-cdn', bucket, ...props });
  });
}

function distribution(json: string): any {
  return Object.values(JSON.parse(json).resource.aws_cloudfront_distribution)[0];
}

describe('Cdn', () => {
  const json = synth();

  it('reads the private bucket through Origin Access Control (SigV4), only for this distribution', () => {
    expect(json).toHaveResourceWithProperties(CloudfrontOriginAccessControl, { origin_access_control_origin_type: 's3', signing_behavior: 'always', signing_protocol: 'sigv4' });
    expect(distribution(json).origin[0]).toMatchObject({ origin_id: 's3', origin_access_control_id: expect.stringContaining('aws_cloudfront_origin_access_control') });
    const docs = Object.values(JSON.parse(json).data.aws_iam_policy_document) as any[];
    const read = docs.flatMap((d) => d.statement).find((s: any) => s.principals?.[0]?.identifiers?.[0] === 'cloudfront.amazonaws.com' && s.actions[0] === 's3:GetObject');
    expect(read.condition).toEqual([{ test: 'StringEquals', variable: 'AWS:SourceArn', values: [expect.stringContaining('aws_cloudfront_distribution')] }]);
    const publicBlocks = Object.values(JSON.parse(json).resource.aws_s3_bucket_public_access_block) as any[];
    for (const b of publicBlocks) expect(b).toMatchObject({ block_public_policy: true, restrict_public_buckets: true });
  });

  it('serves HTTPS only, over HTTP/2 and HTTP/3 and IPv6, at PriceClass_100 by default', () => {
    expect(json).toHaveResourceWithProperties(CloudfrontDistribution, { http_version: 'http2and3', is_ipv6_enabled: true, price_class: 'PriceClass_100' });
    expect(distribution(json).default_cache_behavior.viewer_protocol_policy).toBe('redirect-to-https');
  });

  it('requires TLSv1.2_2021 from viewers with a certificate', () => {
    const out = synth({ certificateArn: CERT, aliases: ['cdn.example.com'] });
    expect(distribution(out).viewer_certificate).toEqual({ acm_certificate_arn: CERT, ssl_support_method: 'sni-only', minimum_protocol_version: 'TLSv1.2_2021' });
  });

  it('adds the security headers to every response', () => {
    expect(json).toHaveResourceWithProperties(CloudfrontResponseHeadersPolicy, {
      security_headers_config: {
        strict_transport_security: { access_control_max_age_sec: 63072000, include_subdomains: true, preload: true, override: true },
        content_type_options: { override: true },
        frame_options: { frame_option: 'DENY', override: true },
        referrer_policy: { referrer_policy: 'strict-origin-when-cross-origin', override: true },
        xss_protection: { protection: true, mode_block: true, override: true },
      },
    });
    expect(distribution(json).default_cache_behavior.response_headers_policy_id).toContain('aws_cloudfront_response_headers_policy');
  });

  it('writes standard logs to its own log bucket (ACLs enabled, as CloudFront logging needs)', () => {
    expect(distribution(json).logging_config).toEqual({ bucket: expect.stringContaining('bucket_domain_name'), include_cookies: false, prefix: 'test-cdn/' });
    expect(json).toHaveResourceWithProperties(S3BucketOwnershipControls, { rule: { object_ownership: 'BucketOwnerPreferred' } });
  });

  it('routes the API path to an HTTPS origin, uncached, when given', () => {
    const out = synth({ apiDomainName: 'api.example.com', webAclArn: 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/x/1' });
    const d = distribution(out);
    expect(d.origin[1]).toMatchObject({ origin_id: 'api', domain_name: 'api.example.com', custom_origin_config: { origin_protocol_policy: 'https-only', origin_ssl_protocols: ['TLSv1.2'] } });
    expect(d.ordered_cache_behavior[0]).toMatchObject({ path_pattern: '/api/*', target_origin_id: 'api', viewer_protocol_policy: 'https-only', cache_policy_id: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad' });
    expect(d.web_acl_id).toBe('arn:aws:wafv2:us-east-1:123456789012:global/webacl/x/1');
  });

  it.each([
    [{ priceClass: 'PriceClass_50' as any }, /priceClass "PriceClass_50" is not a price class; use one of PriceClass_100, PriceClass_200, PriceClass_All/],
    [{ aliases: ['a.example.com'] }, /aliases \["a.example.com"\] need a certificateArn/],
    [{ certificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/x' }, /certificateArn .* is not an ACM certificate ARN in us-east-1/],
    [{ name: 'Bad Name' }, /name "Bad Name" is not a CDN name/],
  ])('rejects %j', (props, pattern) => {
    expect(() => synth(props as Partial<CdnProps>)).toThrow(ValidationError);
    expect(() => synth(props as Partial<CdnProps>)).toThrow(pattern);
  });

  it('refuses a bucket whose key does not let CloudFront decrypt', () => {
    expect(() => synth({}, false)).toThrow(/cloudFrontReads false must be true for a CloudFront distribution to read the bucket/);
  });
});
