/**
 * `npm run ci:generate [-- --check]`: writes the CI files made from the stack registry and the
 * environments of `$INFRA_CONFIG_DIR` (default `config/`): `.github/workflows/infrastructure.yml`
 * (GitHub Actions) and `atlantis.yaml` (Atlantis). See docs/ci.md.
 *
 * With `--check`, writes nothing and fails when a committed file differs from what it would write.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ConfigError } from '../modules/core/config/errors';
import { loadAppEnvironments } from '../stacks';
import { CI_GENERATE_COMMAND, renderCiFiles } from '../stacks/ci';

const ROOT = path.resolve(__dirname, '..');
const check = process.argv.includes('--check');

let files: Map<string, string>;
try {
  files = renderCiFiles(
    loadAppEnvironments().map((e) => e.config),
    ROOT,
  );
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  process.stderr.write(`${err.message}\nNo CI file was written.\n`);
  process.exit(1);
}

const stale: string[] = [];
let written = 0;
for (const [rel, text] of files) {
  const file = path.join(ROOT, rel);
  const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
  if (current === text) continue;
  if (check) {
    stale.push(rel);
    continue;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  console.log(`wrote ${rel}`);
  written += 1;
}
if (stale.length > 0) {
  process.stderr.write(`${stale.join(', ')} ${stale.length === 1 ? 'is' : 'are'} out of date with the stack registry; run: ${CI_GENERATE_COMMAND}\n`);
  process.exit(1);
}
if (written === 0) console.log('CI files are up to date');
