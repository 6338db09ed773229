import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request that went through a {@link RecordingProxy}. */
export interface RecordedRequest {
  readonly method: string;
  /** Path and query as received, e.g. `/acme-tfstate/e2e/e2e-aws-producer.tfstate?x-id=PutObject`. */
  readonly url: string;
  /** Request headers, names lower-cased. */
  readonly headers: http.IncomingHttpHeaders;
}

/** A forwarding HTTP proxy on 127.0.0.1 that records the requests it passes on. */
export interface RecordingProxy {
  /** `http://127.0.0.1:<port>`, to use as the S3 endpoint instead of the target's. */
  readonly endpoint: string;
  readonly requests: readonly RecordedRequest[];
  /** The `PUT` requests of one object (path-style `/<bucket>/<key>`, query ignored). */
  puts(bucket: string, key: string): RecordedRequest[];
  stop(): Promise<void>;
}

/** Options of {@link startRecordingProxy}. */
export interface RecordingProxyOptions {
  /**
   * Answer `PUT` with `If-None-Match: *` as S3 does (412 when the object exists), which s3rver
   * ignores: this is what Terraform's `use_lockfile` relies on. Given a test of whether a
   * path-style object exists in the emulator.
   *
   * @default - conditional headers are passed on as they are
   */
  readonly conditionalWrites?: { exists(bucket: string, key: string): boolean };
}

/**
 * Starts a proxy in front of `target` (an `http://127.0.0.1:<port>` emulator such as s3rver).
 *
 * Requests are passed on byte for byte with their headers, `Host` included, so SigV4 signatures
 * stay valid; only loopback is used. s3rver does not keep request headers, so this is how a test
 * sees what Terraform's S3 backend actually sends (`x-amz-server-side-encryption...`).
 */
export async function startRecordingProxy(target: string, options: RecordingProxyOptions = {}): Promise<RecordingProxy> {
  const to = new URL(target);
  if (to.hostname !== '127.0.0.1' && to.hostname !== 'localhost') throw new Error(`refusing to proxy to ${target}: loopback only`);
  const requests: RecordedRequest[] = [];
  /** Objects with a conditional PUT in flight: a second one must fail as if the first had landed. */
  const creating = new Set<string>();
  const server = http.createServer((req, res) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', headers: { ...req.headers } });
    if (options.conditionalWrites && req.method === 'PUT' && req.headers['if-none-match'] === '*') {
      const [bucket, ...rest] = decodeURIComponent((req.url ?? '').split('?')[0]!.slice(1)).split('/');
      const key = rest.join('/');
      const id = `${bucket}/${key}`;
      if (creating.has(id) || options.conditionalWrites.exists(bucket!, key)) {
        req.resume();
        req.on('end', () => {
          res.writeHead(412, { 'Content-Type': 'application/xml' });
          res.end(
            '<?xml version="1.0" encoding="UTF-8"?><Error><Code>PreconditionFailed</Code>' +
              '<Message>At least one of the pre-conditions you specified did not hold</Message>' +
              '<Condition>If-None-Match</Condition></Error>',
          );
        });
        return;
      }
      creating.add(id);
      res.on('close', () => creating.delete(id));
    }
    const upstream = http.request(
      { host: to.hostname, port: to.port, method: req.method, path: req.url, headers: req.headers },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on('error', (err) => {
      res.writeHead(502);
      res.end(String(err));
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    puts(bucket: string, key: string) {
      return requests.filter((r) => r.method === 'PUT' && r.url.split('?')[0] === `/${bucket}/${key}`);
    },
    stop() {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
