import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..');

describe('help and README', () => {
  const scripts = Object.keys(JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts);
  const help = fs.readFileSync(path.join(ROOT, 'help'), 'utf8');
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');

  it.each(scripts.filter((s) => s !== 'cdktf'))('help and README mention the %s script', (script) => {
    const used = new RegExp(`npm (run )?${script}\\b`);
    expect(help).toMatch(used);
    expect(readme).toMatch(used);
  });

  it('help mentions no npm script that package.json lacks', () => {
    for (const [, name] of help.matchAll(/npm run ([a-z:-]+)/g)) expect(scripts).toContain(name);
  });
});
