import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Annotations, App, Aspects, Lazy, TerraformLocal, TerraformOutput, TerraformStack, TerraformVariable } from 'cdktf';
import type { IConstruct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { SinglePassStack } from '../../../modules/core/single-pass-stack';
import { addEnvironmentStacks } from '../../../stacks';
import { loadEnvironments } from '../../helpers/environment';
import { shippedSynth } from '../../helpers/shipped-synth';


class Single extends SinglePassStack {}

/** Prepares every stack as `app.synth()` does, then compares the stack's document with cdktf's own method. */
function compareWithStock(app: App): { stack: string; ours: unknown; stock: unknown }[] {
  const stacks = app.node.findAll().filter((c): c is TerraformStack => TerraformStack.isStack(c));
  for (const s of stacks) s.prepareStack();
  return stacks.map((s) => ({ stack: s.node.id, ours: s.toTerraform(), stock: TerraformStack.prototype.toTerraform.call(s) }));
}

describe('SinglePassStack', () => {
  it('writes what cdktf writes for cross-stack references, outputs, locals, variables and element overrides', () => {
    const app = new App({ outdir: path.join(os.tmpdir(), 'single-pass-unused') });
    const producer = new Single(app, 'producer');
    const value = new TerraformVariable(producer, 'name', { type: 'string', default: 'x' });
    const local = new TerraformLocal(producer, 'upper', `\${upper(${value.stringValue})}`);
    local.addOverride('description', 'ignored by terraform, kept by cdktf');
    new TerraformOutput(producer, 'out', { value: local.asString });
    const consumer = new Single(app, 'consumer');
    new TerraformLocal(consumer, 'copy', { from: local.asString, list: [value.stringValue, 'plain'] });
    new TerraformOutput(consumer, 'again', { value: `prefix-${local.asString}` });
    const results = compareWithStock(app);
    for (const r of results) expect(r.ours).toEqual(r.stock);
    // The consumer reads the producer through remote state, in both.
    expect(JSON.stringify(results.find((r) => r.stack === 'consumer')!.ours)).toContain('terraform_remote_state');
    expect(Object.keys((results.find((r) => r.stack === 'producer')!.ours as { output: object }).output)).toEqual(expect.arrayContaining(['out', expect.stringMatching(/^cross-stack-output-/)]));
  });

  it('merges elements that meet below the second level (two configurations of one provider) as cdktf does, and a second call gives the same document', () => {
    const app = new App({ outdir: path.join(os.tmpdir(), 'single-pass-unused') });
    const stack = new Single(app, 'two-providers');
    const east = new AwsProvider(stack, 'aws', { region: 'us-east-1' });
    const west = new AwsProvider(stack, 'aws-west', { region: 'us-west-2', alias: 'west' });
    new SqsQueue(stack, 'east', { provider: east, name: 'east', tags: { team: 'a' } });
    new SqsQueue(stack, 'west', { provider: west, name: 'west', tags: { team: 'b' } });
    const [result] = compareWithStock(app);
    expect(result!.ours).toEqual(result!.stock);
    const doc = result!.ours as { terraform: { required_providers: Record<string, unknown> }; provider: { aws: { alias?: string }[] }; resource: { aws_sqs_queue: Record<string, { tags: object }> } };
    // Both configurations under one requirement, both provider blocks, each queue's own tags.
    expect(Object.keys(doc.terraform.required_providers)).toEqual(['aws']);
    expect(doc.provider.aws.map((p) => p.alias)).toEqual([undefined, 'west']);
    expect(Object.values(doc.resource.aws_sqs_queue).map((q) => q.tags)).toEqual([{ team: 'a' }, { team: 'b' }]);
    // The prepared values were taken over by the first document: another call resolves again.
    expect(JSON.stringify(stack.toTerraform())).toBe(JSON.stringify(result!.ours));
  });

  it('resolves each element once (cdktf resolves it twice, then walks the merged document again)', () => {
    const count = (stackClass: new (scope: App, id: string) => TerraformStack): number => {
      let calls = 0;
      const app = new App({ outdir: path.join(os.tmpdir(), 'single-pass-unused') });
      const stack = new stackClass(app, 'one');
      new TerraformLocal(stack, 'lazy', Lazy.stringValue({ produce: () => `value-${++calls > 0 ? 'x' : 'y'}` }));
      app.node.findAll().filter((c): c is TerraformStack => TerraformStack.isStack(c)).forEach((s) => s.prepareStack());
      const doc = stack.toTerraform() as { locals: Record<string, string> };
      expect(doc.locals.lazy).toBe('value-x');
      return calls;
    };
    expect(count(Single)).toBe(1);
    expect(count(class extends TerraformStack {})).toBe(2);
  });

  it("falls back to cdktf's own method when an Aspect may change elements after the preparing pass", () => {
    const app = new App({ outdir: path.join(os.tmpdir(), 'single-pass-unused') });
    const stack = new Single(app, 'aspects');
    new TerraformLocal(stack, 'name', 'before');
    Aspects.of(stack).add({
      visit(node: IConstruct) {
        if (node instanceof TerraformLocal) node.expression = 'after';
      },
    });
    stack.prepareStack();
    // cdktf invokes Aspects between prepareStack and toTerraform (StackSynthesizer.synthesize).
    for (const a of Aspects.of(stack).all) for (const c of stack.node.findAll()) a.visit(c);
    expect((stack.toTerraform() as { locals: Record<string, string> }).locals.name).toBe('after');
  });

  it('falls back when the stack itself has overrides, and applies them as cdktf does', () => {
    const app = new App({ outdir: path.join(os.tmpdir(), 'single-pass-unused') });
    const stack = new Single(app, 'overrides');
    new TerraformLocal(stack, 'name', 'x');
    stack.addOverride('locals.extra', 'y');
    const [r] = compareWithStock(app);
    expect(r!.ours).toEqual(r!.stock);
    expect((r!.ours as { locals: Record<string, string> }).locals).toEqual({ name: 'x', extra: 'y' });
  });

  it('writes exactly what cdktf writes for the shipped environments: every file of the output, byte for byte', () => {
    // The app's own synth, with the single pass and with cdktf's own methods (INFRA_STOCK_SYNTH=1).
    const ours = shippedSynth();
    const stock = shippedSynth({ INFRA_STOCK_SYNTH: '1' });
    const files = (root: string): string[] => {
      const found: string[] = [];
      const walk = (rel: string) => {
        for (const e of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
          const r = path.join(rel, e.name);
          if (e.isDirectory()) walk(r);
          else if (r !== 'env.json' && r !== 'run.txt') found.push(r);
        }
      };
      walk('');
      return found.sort();
    };
    const names = files(ours);
    expect(names.filter((f) => f.endsWith('cdk.tf.json')).length).toBeGreaterThan(100);
    expect(files(stock)).toEqual(names);
    expect(names.filter((f) => !fs.readFileSync(path.join(ours, f)).equals(fs.readFileSync(path.join(stock, f))))).toEqual([]);
  });

  it('takes the single pass for every stack of the shipped environments', () => {
    const app = new App({ outdir: path.join(os.tmpdir(), 'single-pass-unused') });
    for (const { config } of loadEnvironments()) addEnvironmentStacks(app, config);
    // each is a SinglePassStack (an EnvironmentStack or the state backend) and no construct has an
    // Aspect (which would make it fall back).
    expect(app.node.findAll().filter((c) => TerraformStack.isStack(c) && !(c instanceof SinglePassStack))).toEqual([]);
    expect(app.node.findAll().filter((c) => Aspects.of(c).all.length > 0)).toEqual([]);
  });

  describe('its synthesizer (cdktf\'s steps, JSON written by stableStringify)', () => {
    const synthWith = (annotate: (stack: TerraformStack) => void, env: Record<string, string> = {}) => {
      const saved = { ...process.env };
      Object.assign(process.env, env);
      try {
        const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'single-pass-synth-'));
        const app = new App({ outdir });
        const stack = new Single(app, 'annotated');
        new TerraformLocal(stack, 'name', 'value');
        annotate(stack);
        app.synth();
        const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8'));
        return { ...manifest, outdir } as { outdir: string; stacks: Record<string, { synthesizedStackPath: string; annotations: { level: string; message: string }[] }> };
      } finally {
        process.env = saved;
      }
    };

    it('fails the synth on an error annotation, naming the construct, and records warnings in the manifest', () => {
      expect(() => synthWith((s) => Annotations.of(s).addError('not allowed here'))).toThrow(/Encountered Annotations with level "ERROR":\n\[annotated\] not allowed here/);
      const manifest = synthWith((s) => Annotations.of(s).addWarning('look at this'));
      expect(manifest.stacks.annotated!.annotations).toEqual([expect.objectContaining({ level: '@cdktf/warn', message: 'look at this' })]);
    });

    it('records an error without failing when the cdktf CLI asks it to (CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS)', () => {
      const manifest = synthWith((s) => Annotations.of(s).addError('reported by the CLI'), { CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS: 'true' });
      expect(manifest.stacks.annotated!.annotations).toEqual([expect.objectContaining({ level: '@cdktf/error', message: 'reported by the CLI' })]);
    });

    it('leaves HCL output (cdktf synth --hcl) to cdktf', () => {
      const written = (env: Record<string, string>) => {
        const m = synthWith(() => undefined, env);
        return fs.readFileSync(path.join(m.outdir, m.stacks.annotated!.synthesizedStackPath), 'utf8');
      };
      expect(written({ SYNTH_HCL_OUTPUT: 'true' })).toMatch(/^locals \{\n\s*name = "value"/m);
      expect(JSON.parse(written({})).locals).toEqual({ name: 'value' });
    });
  });
});
