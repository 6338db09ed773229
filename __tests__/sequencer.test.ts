import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const Sequencer = require('../__tests__/sequencer.js') as new (o: unknown) => { sort(tests: unknown[]): { path: string }[] };

describe('the test sequencer', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sequencer-'));
  const file = (name: string, text: string) => {
    fs.writeFileSync(path.join(dir, name), text);
    return path.join(dir, name);
  };
  // A context without a durations cache, as on a fresh clone.
  const context = { config: { cache: false, cacheDirectory: dir, id: 'x' }, hasteFS: { getSize: (p: string) => fs.statSync(p).size } };
  const test = (p: string) => ({ path: p, context, duration: undefined });

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('starts the files that run Terraform first, the heaviest runs first, then the largest', () => {
    const big = file('big.test.ts', `it('x', () => {});\n${'// padding\n'.repeat(5000)}`);
    const small = file('small.test.ts', "it('x', () => {});\n");
    const one = file('one.test.ts', 'const r = validateStacks([stack]);\n');
    const two = file('two.test.ts', 'const a = runMockedApply(out, t, m);\nconst b = checkHclStackDirsTogether(d, m);\n');
    const direct = file('direct.test.ts', "spawnSync('terraform', ['init']);\n");
    const order = new Sequencer({}).sort([small, big, one, two, direct].map(test)).map((t) => path.basename(t.path));
    expect(order.slice(0, 2)).toEqual(['two.test.ts', expect.stringMatching(/^(one|direct)\.test\.ts$/)]);
    expect(order.slice(3)).toEqual(['big.test.ts', 'small.test.ts']);
  });

  it('puts this suite\'s mocked apply of the generated modules among the first files of a cold run', () => {
    const root = path.resolve(__dirname);
    const all: string[] = [];
    const walk = (d: string) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        if (e.isDirectory()) walk(path.join(d, e.name));
        else if (e.name.endsWith('.test.ts')) all.push(path.join(d, e.name));
      }
    };
    walk(root);
    const order = new Sequencer({}).sort(all.map(test)).map((t) => path.relative(root, t.path));
    expect(order.slice(0, 3)).toContain(path.join('modules', 'core', 'hcl-modules', 'terraform.test.ts'));
    expect(order.slice(0, 6)).toContain(path.join('stacks', 'terraform-validate.test.ts'));
  });
});
