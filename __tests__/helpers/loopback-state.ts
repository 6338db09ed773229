import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import dynalite from 'dynalite';
import S3rver from 's3rver';

/**
 * S3 (s3rver) and DynamoDB (dynalite) emulators on 127.0.0.1, on free ports, for backend tests.
 *
 * They speak the real wire protocols, so real Terraform's S3 backend talks to them unchanged.
 * Nothing listens beyond loopback; `stop()` closes both.
 */
export interface LoopbackState {
  readonly s3Endpoint: string;
  readonly dynamodbEndpoint: string;
  /** Folder where s3rver keeps objects (`<bucket>/<key>._S3rver_object`). */
  readonly s3Directory: string;
  /** Reads a state object as JSON, or undefined when it does not exist. */
  readState(bucket: string, key: string): any;
  /** The lock item of a state object in the lock table, if held. */
  lockItem(table: string, lockId: string): Promise<unknown>;
  stop(): Promise<void>;
}

async function dynamo(endpoint: string, target: string, body: unknown): Promise<any> {
  const res = await fetch(endpoint, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-amz-json-1.0',
      'X-Amz-Target': `DynamoDB_20120810.${target}`,
      // dynalite checks that a SigV4 header is present, not the signature.
      Authorization:
        'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0',
      'X-Amz-Date': '20260101T000000Z',
    },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`dynalite ${target} failed: ${res.status} ${text}`);
  return JSON.parse(text);
}

/** Starts both emulators, with `bucket` and the `table` lock table already created. */
export async function startLoopbackState(bucket: string, table: string): Promise<LoopbackState> {
  const s3Directory = fs.mkdtempSync(path.join(os.tmpdir(), 's3rver-'));
  const s3 = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory: s3Directory,
    configureBuckets: [{ name: bucket }],
  });
  const s3Info = await s3.run();
  const ddb = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve) => ddb.listen(0, '127.0.0.1', resolve));
  const dynamodbEndpoint = `http://127.0.0.1:${ddb.address().port}`;
  await dynamo(dynamodbEndpoint, 'CreateTable', {
    TableName: table,
    KeySchema: [{ AttributeName: 'LockID', KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: 'LockID', AttributeType: 'S' }],
    BillingMode: 'PAY_PER_REQUEST',
  });
  return {
    s3Endpoint: `http://127.0.0.1:${s3Info.port}`,
    dynamodbEndpoint,
    s3Directory,
    readState(b: string, key: string) {
      const file = path.join(s3Directory, b, `${key}._S3rver_object`);
      return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : undefined;
    },
    async lockItem(t: string, lockId: string) {
      const out = await dynamo(dynamodbEndpoint, 'GetItem', { TableName: t, Key: { LockID: { S: lockId } } });
      return out.Item;
    },
    async stop() {
      await s3.close();
      await new Promise<void>((resolve) => ddb.close(() => resolve()));
      fs.rmSync(s3Directory, { recursive: true, force: true });
    },
  };
}
