import * as path from 'node:path';
import { ESLint } from 'eslint';

/** The project's own ESLint rules (eslint.config.js), on snippets in the folders they cover. */
const eslint = new ESLint({ cwd: path.resolve(__dirname, '..') });
async function messages(code: string, file: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.resolve(__dirname, '..', file) });
  return result!.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe('eslint.config.js', () => {
  it("refuses a fixed /tmp/ path in a test, as a string or a template (the run's temporary folder is os.tmpdir())", async () => {
    const found = await messages("export const a = '/tmp/x';\nexport const b = `/tmp/${a}`;\n", '__tests__/example.test.ts');
    expect(found).toEqual([
      "no-restricted-syntax: Use os.tmpdir(): the run's temporary folder, deleted after the run.",
      "no-restricted-syntax: Use os.tmpdir(): the run's temporary folder, deleted after the run.",
    ]);
  });

  it('accepts a bare /tmp (a container mount path) in a test, and /tmp/ paths outside the tests', async () => {
    expect(await messages("export const mount = { mountPath: '/tmp' };\n", '__tests__/example.test.ts')).toEqual([]);
    expect(await messages("export const p = '/tmp/x';\n", 'modules/example.ts')).toEqual([]);
  });
});
