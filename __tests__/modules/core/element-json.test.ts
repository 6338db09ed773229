import * as os from 'node:os';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { App, TerraformLocal, TerraformStack } from 'cdktf';
import { elementJson, sharingElementJson } from '../../../modules/core/element-json';
import { stableStringify } from '../../../modules/core/stable-json';
import { runPolicyPack } from '../../../modules/policy';
import { addEnvironmentStacks } from '../../../stacks';
import { policySection } from '../../../stacks/environment/policy';
import { loadEnvironments } from '../../helpers/environment';
import { shippedSynth } from '../../helpers/shipped-synth';

function local(): TerraformLocal {
  const app = new App({ outdir: path.join(os.tmpdir(), 'element-json-unused') });
  return new TerraformLocal(new TerraformStack(app, 'one'), 'name', { list: ['a', 'b'], nested: { key: 'value' } });
}

describe('elementJson', () => {
  it("is each element's own toTerraform() outside a sharing window: a new object on every call", () => {
    const element = local();
    const first = elementJson(element);
    expect(first).toEqual(element.toTerraform());
    expect(elementJson(element)).not.toBe(first);
  });

  it('computes it once per element inside sharingElementJson, and afresh after the window', () => {
    const element = local();
    let calls = 0;
    const original = element.toTerraform.bind(element);
    element.toTerraform = () => {
      calls++;
      return original();
    };
    const [a, b, nested] = sharingElementJson(() => [elementJson(element), elementJson(element), sharingElementJson(() => elementJson(element))]);
    expect(b).toBe(a);
    // A window opened inside another is the same window.
    expect(nested).toBe(a);
    expect(calls).toBe(1);
    expect(elementJson(element)).not.toBe(a);
    expect(calls).toBe(2);
  });

  it('ends the window when its function throws', () => {
    const element = local();
    let inside: unknown;
    expect(() =>
      sharingElementJson(() => {
        inside = elementJson(element);
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(elementJson(element)).not.toBe(inside);
  });

  it('freezes the shared objects and arrays with freeze: true, so a reader that writes throws', () => {
    const element = local();
    sharingElementJson(
      () => {
        const json = elementJson(element) as { locals: { name: { list: string[]; nested: Record<string, string> } } };
        expect(() => json.locals.name.list.push('c')).toThrow(TypeError);
        expect(() => {
          json.locals.name.nested.key = 'changed';
        }).toThrow(TypeError);
        expect(json.locals.name.nested.key).toBe('value');
      },
      { freeze: true },
    );
  });

  it("the policy pack and the synthesizer of every shipped stack only read the shared JSON: frozen, each stack's document is the bytes cdktf's own synth writes", () => {
    const app = new App({ outdir: path.join(os.tmpdir(), 'element-json-unused') });
    const environments = loadEnvironments();
    for (const { config } of environments) addEnvironmentStacks(app, config);
    const stacks = app.node.findAll().filter((c): c is TerraformStack => TerraformStack.isStack(c));
    const suppressions = Object.fromEntries(environments.map(({ config }) => [config.name, config.section(policySection).suppressions]));
    const { findings, documents } = sharingElementJson(
      () => {
        const report = runPolicyPack(app, { environmentSuppressions: suppressions });
        // What app.synth() does with each stack: the preparing pass, then the document.
        for (const s of stacks) s.prepareStack();
        return { findings: report.findings.length, documents: new Map(stacks.map((s) => [s.node.id, stableStringify(s.toTerraform())])) };
      },
      { freeze: true },
    );
    expect(findings).toBeGreaterThan(1000);
    // cdktf's own synth of the same environments (INFRA_STOCK_SYNTH=1: no shared JSON is read).
    const stock = shippedSynth({ INFRA_STOCK_SYNTH: '1' });
    const names = fs.readdirSync(path.join(stock, 'stacks')).sort();
    expect([...documents.keys()].sort()).toEqual(names);
    expect(names.length).toBeGreaterThan(50);
    expect(names.filter((n) => documents.get(n) !== fs.readFileSync(path.join(stock, 'stacks', n, 'cdk.tf.json'), 'utf8'))).toEqual([]);
  });
});
