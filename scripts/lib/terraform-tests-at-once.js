/**
 * Runs several `terraform test` commands at once, each stopped as soon as its test file has run:
 * when Terraform prints `<file>... tearing down`, every run of the file has printed its result
 * and its errors, so the process group is killed instead of waiting for the teardown.
 *
 * Only for mocked runs (`mock_provider`): their state is in Terraform's memory and nothing exists
 * to destroy, yet Terraform 1.11 always plans and applies the destroy of everything a file
 * applied (Terraform 1.12 added `skip_cleanup` for this). Measured on the shipped modules, the
 * teardown was about 40 % of the mocked apply.
 *
 * Called by scripts/lib/verdict-cache.ts through spawnSync (so its callers stay synchronous):
 * standard input is a JSON array of argument lists, the working folder and environment are the
 * caller's; standard output is a JSON array of `{ args, status, stdout, stderr, stoppedAtTeardown }`
 * in the same order. A stopped run's status is 1 when a run of its file printed `fail` or `error`, else 0.
 * Each command must test one file (`-filter=tests/<file>`): a stop after the first file's
 * teardown line would skip the files after it.
 */
const { spawn } = require('node:child_process');

const TEARING_DOWN = /\.tftest\.hcl\.\.\. tearing down$/m;
const RUN_FAILED = /^\s*run "[^"]+"\.\.\. (fail|error)$/m;

const argLists = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));
for (const args of argLists) {
  if (args[0] !== 'test' || args.filter((a) => a.startsWith('-filter=')).length !== 1) {
    process.stderr.write(`terraform-tests-at-once: each command must be \`test ... -filter=<one file>\`, got: ${JSON.stringify(args)}\n`);
    process.exit(2);
  }
}

const groups = new Set();
// The process groups are killed with this helper (an interrupted jest, a timeout).
const killAll = () => {
  for (const pid of groups) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
};
process.on('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => process.exit(130));

Promise.all(
  argLists.map(
    (args) =>
      new Promise((resolve) => {
        // A process group of its own, so the stop also ends a provider plugin Terraform started.
        const child = spawn('terraform', args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
        groups.add(child.pid);
        let stdout = '';
        let stderr = '';
        let stopped = false;
        child.stdout.setEncoding('utf8').on('data', (chunk) => {
          stdout += chunk;
          if (!stopped && TEARING_DOWN.test(stdout)) {
            stopped = true;
            try {
              process.kill(-child.pid, 'SIGKILL');
            } catch {
              // it ended by itself meanwhile
            }
          }
        });
        child.stderr.setEncoding('utf8').on('data', (chunk) => {
          stderr += chunk;
        });
        let ended = false;
        const end = (status) => {
          if (ended) return;
          ended = true;
          groups.delete(child.pid);
          resolve({ args, status, stdout, stderr, stoppedAtTeardown: stopped });
        };
        // Terraform could not be started (not on PATH): no verdict (status null is never cached).
        child.on('error', (err) => {
          stderr += String(err);
          end(null);
        });
        // 'close': both pipes drained, so what Terraform wrote before the stop is all here.
        child.on('close', (code) => end(stopped ? (RUN_FAILED.test(stdout) ? 1 : 0) : code));
      }),
  ),
).then((runs) => {
  process.stdout.write(JSON.stringify(runs));
});
