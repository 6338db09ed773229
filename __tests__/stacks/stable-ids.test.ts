import * as os from 'node:os';
import * as path from 'node:path';
import { App } from 'cdktf';
import { addEnvironmentStacks } from '../../stacks';
import { loadEnvironments } from '../helpers/environment';

/**
 * No construct id of the shipped environments is made from a reference (a token's placeholder
 * text, such as another stack's output): those placeholders are numbered in the order the app
 * creates tokens, so such an id, part of a Terraform address, would change whenever any stack
 * created one token more or less, and Terraform would replace the resource.
 */
describe('construct ids of the shipped environments', () => {
  it('never contain a token placeholder', () => {
    const app = new App({ outdir: path.join(os.tmpdir(), 'stable-ids-unused') });
    for (const { config } of loadEnvironments()) addEnvironmentStacks(app, config);
    const bad = app.node
      .findAll()
      .map((c) => c.node.path)
      .filter((p) => /TfToken|\$\{|TOKEN\.\d|tftoken/i.test(p));
    expect(bad).toEqual([]);
  });
});
