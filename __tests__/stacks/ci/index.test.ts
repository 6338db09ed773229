import * as fs from 'node:fs';
import * as path from 'node:path';
import { Testing } from 'cdktf';
import { addEnvironmentStacks, loadAppEnvironments } from '../../../stacks';
import { CI_FILES, CI_GENERATE_COMMAND, renderCiFiles } from '../../../stacks/ci';
import { CI_BOOTSTRAP_FAMILIES, familyClouds } from '../../../stacks/ci/waves';

const ROOT = path.resolve(__dirname, '../../..');
const envs = loadAppEnvironments().map((e) => e.config);

describe('the committed CI files', () => {
  it.each(Object.values(CI_FILES))('%s is what the generator writes from the registry and config/ (else run npm run ci:generate)', (rel) => {
    const expected = renderCiFiles(envs, ROOT).get(rel)!;
    const file = path.join(ROOT, rel);
    const committed = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '(missing)';
    if (committed !== expected) throw new Error(`${rel} is out of date with the stack registry and config/; run: ${CI_GENERATE_COMMAND}`);
    expect(CI_GENERATE_COMMAND).toBe('npm run ci:generate');
  });

  it('start with a do-not-edit header naming the command', () => {
    for (const text of renderCiFiles(envs, ROOT).values()) expect(text.startsWith('# Generated from the stack registry by `npm run ci:generate`')).toBe(true);
  });
});

describe('the clouds CI signs in to', () => {
  it('cover every provider each CI stack of the shipped environments configures (AWS always, for the state)', () => {
    const app = Testing.app();
    const stacks = envs.flatMap((env) => [...addEnvironmentStacks(app, env)].map(([family, stack]) => ({ family, stack })));
    expect(stacks.length).toBeGreaterThan(20);
    for (const { family, stack } of stacks) {
      if (CI_BOOTSTRAP_FAMILIES.includes(family)) continue;
      const providers = Object.keys((JSON.parse(Testing.synth(stack)) as { provider?: Record<string, unknown> }).provider ?? {});
      const clouds = familyClouds(family);
      const needs = { gcp: providers.includes('google') || providers.includes('google-beta'), azure: providers.includes('azurerm') || providers.includes('azuread') };
      expect({ family, needs }).toEqual({ family, needs: { gcp: needs.gcp && clouds.gcp, azure: needs.azure && clouds.azure } });
    }
  });
});
