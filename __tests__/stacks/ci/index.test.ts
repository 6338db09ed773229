import * as fs from 'node:fs';
import * as path from 'node:path';
import { Testing } from 'cdktf';
import { addEnvironmentStacks, loadAppEnvironments } from '../../../stacks';
import { CI_FILES, CI_GENERATE_COMMAND, renderCiFiles } from '../../../stacks/ci';
import { CI_BOOTSTRAP_FAMILIES, familyClouds } from '../../../stacks/ci/waves';
import { shippedSynth } from '../../helpers/shipped-synth';

const ROOT = path.resolve(__dirname, '../../..');
const envs = loadAppEnvironments().map((e) => e.config);
let renderedOnce: ReturnType<typeof renderCiFiles> | undefined;
/** The generator's output for the shipped environments (rendered once for this file). */
const rendered = () => (renderedOnce ??= renderCiFiles(envs, ROOT));

describe('the committed CI files', () => {
  it.each(Object.values(CI_FILES))('%s is what the generator writes from the registry and config/ (else run npm run ci:generate)', (rel) => {
    const expected = rendered().get(rel)!;
    const file = path.join(ROOT, rel);
    const committed = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '(missing)';
    if (committed !== expected) throw new Error(`${rel} is out of date with the stack registry and config/; run: ${CI_GENERATE_COMMAND}`);
    expect(CI_GENERATE_COMMAND).toBe('npm run ci:generate');
  });

  it('start with a do-not-edit header naming the command', () => {
    for (const text of rendered().values()) expect(text.startsWith('# Generated from the stack registry by `npm run ci:generate`')).toBe(true);
  });
});

describe('the clouds CI signs in to', () => {
  it('cover every provider each CI stack of the shipped environments configures (AWS always, for the state)', () => {
    // Which family each stack is, from the registry; what it configures, from the app's synth.
    const app = Testing.app();
    const stacks = envs.flatMap((env) => [...addEnvironmentStacks(app, env)].map(([family, stack]) => ({ family, stack })));
    expect(stacks.length).toBeGreaterThan(20);
    const out = shippedSynth();
    for (const { family, stack } of stacks) {
      if (CI_BOOTSTRAP_FAMILIES.includes(family)) continue;
      const synthesized = JSON.parse(fs.readFileSync(path.join(out, 'stacks', stack.node.id, 'cdk.tf.json'), 'utf8')) as { provider?: Record<string, unknown> };
      const providers = Object.keys(synthesized.provider ?? {});
      const clouds = familyClouds(family);
      const needs = { gcp: providers.includes('google') || providers.includes('google-beta'), azure: providers.includes('azurerm') || providers.includes('azuread') };
      expect({ family, needs }).toEqual({ family, needs: { gcp: needs.gcp && clouds.gcp, azure: needs.azure && clouds.azure } });
    }
  });
});
