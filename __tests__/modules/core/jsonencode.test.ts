import * as os from 'node:os';
import * as path from 'node:path';
import { App, Fn, Lazy, TerraformLocal, TerraformStack, TerraformVariable, Testing, Tokenization } from 'cdktf';
import { jsonencode } from '../../../modules/core/jsonencode';
import { jsonDocument } from '../../../modules/policy/private/attrs';

/** A stack with a local per document: cdktf's Fn.jsonencode and ours. */
function locals(build: (stack: TerraformStack) => Record<string, unknown>): { ours: unknown; cdktf: unknown } {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'one');
  const docs = build(stack);
  for (const [name, doc] of Object.entries(docs)) {
     
    new TerraformLocal(stack, `cdktf_${name}`, Fn.jsonencode(doc));
    new TerraformLocal(stack, `ours_${name}`, jsonencode(doc));
  }
  const synthesized = JSON.parse(Testing.synth(stack)) as { locals: Record<string, unknown> };
  const pick = (prefix: string) => Object.fromEntries(Object.entries(synthesized.locals).filter(([k]) => k.startsWith(prefix)).map(([k, v]) => [k.slice(prefix.length), v]));
  return { ours: pick('ours_'), cdktf: pick('cdktf_') };
}

describe('jsonencode', () => {
  it("writes the expression cdktf's Fn.jsonencode writes, for plain, nested, token and escaped values", () => {
    const { ours, cdktf } = locals((stack) => {
      const name = new TerraformVariable(stack, 'name', { type: 'string' });
      const ports = new TerraformVariable(stack, 'ports', { type: 'list(number)' });
      return {
        plain: { a: 1, b: 'x', c: [true, null], d: {} },
        nested: { widgets: [{ properties: { metrics: [['AWS/SQS', 'NumberOfMessages', 'QueueName', name.stringValue]], region: 'eu-west-1' } }] },
        tokens: { arn: `arn:aws:sqs:eu-west-1:111111111111:${name.stringValue}`, ports: ports.listValue, lazy: Lazy.stringValue({ produce: () => 'late' }) },
        literalDollar: { template: '${not.a.token}', escaped: '$${literal}' },
        nestedCall: { inner: Fn.upper(name.stringValue) },
        list: [{ k: 'v' }, [1, 2, [3]]],
      };
    });
    expect(Object.keys(ours as object)).toHaveLength(6);
    expect(ours).toStrictEqual(cdktf);
    expect((ours as Record<string, string>).nested).toMatch(/^\$\{jsonencode\(\{"widgets" = \[\{"properties" = /);
  });

  it('resolves a shared object as often as it appears, the same each time', () => {
    const shared = { k: 'v' };
    const { ours, cdktf } = locals(() => ({ twice: { a: shared, b: [shared, shared] } }));
    expect(ours).toStrictEqual(cdktf);
  });

  it('keeps the call readable for the policy pack (name and arguments)', () => {
    const doc = { deadLetterTargetArn: 'arn:aws:sqs:eu-west-1:111111111111:dlq', maxReceiveCount: 5 };
    expect(jsonDocument(jsonencode(doc))).toEqual(doc);
    const token = Tokenization.reverseString(jsonencode(doc)).firstToken as unknown as { name: string; args: unknown[] };
    expect([token.name, token.args]).toEqual(['jsonencode', [doc]]);
  });

  it('resolves each object of a deep document once (cdktf: once per level above it)', () => {
    let calls = 0;
    let deep: unknown = Lazy.stringValue({ produce: () => `leaf-${++calls}` });
    for (let i = 0; i < 12; i++) deep = { level: [deep] };
    const app = new App({ outdir: path.join(os.tmpdir(), 'jsonencode-unused') });
    const stack = new TerraformStack(app, 'deep');
    new TerraformLocal(stack, 'doc', jsonencode(deep));
    Testing.synth(stack);
    const ours = calls;
    calls = 0;
    const other = new TerraformStack(new App({ outdir: path.join(os.tmpdir(), 'jsonencode-unused') }), 'deep');
     
    new TerraformLocal(other, 'doc', Fn.jsonencode(deep));
    Testing.synth(other);
    expect(ours).toBeLessThanOrEqual(4);
    expect(calls).toBeGreaterThan(20);
  });
});
