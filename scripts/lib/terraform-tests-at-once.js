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
 *
 * Terraform's standard error is merged into its standard output (`2>&1`: one pipe keeps the order
 * in which Terraform wrote), and a stopped run's output ends with the `tearing down` line: a quick
 * teardown can print its own result and errors before the stop lands, and those belong to the
 * teardown that was not waited for. With two pipes, which of the teardown's lines arrived first
 * depended on timing. `stderr` is then only what the start itself reported.
 *
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
        // A process group of its own, so the stop also ends a provider plugin Terraform started;
        // `exec` makes Terraform the group's leader, standard error merged into standard output.
        const child = spawn('/bin/sh', ['-c', 'exec terraform "$@" 2>&1', 'terraform', ...args], { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
        groups.add(child.pid);
        let stdout = '';
        let stderr = '';
        let stopped = false;
        child.stdout.setEncoding('utf8').on('data', (chunk) => {
          if (stopped) return; // the teardown's output
          stdout += chunk;
          const teardown = TEARING_DOWN.exec(stdout);
          if (teardown) {
            stopped = true;
            stdout = `${stdout.slice(0, teardown.index + teardown[0].length)}\n`;
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
        // /bin/sh could not be started: no verdict (status null is never cached).
        child.on('error', (err) => {
          stderr += String(err);
          end(null);
        });
        // 'close': both pipes drained, so what Terraform wrote before the stop is all here.
        // Terraform not on PATH: sh's status 127, no verdict either.
        child.on('close', (code) => end(stopped ? (RUN_FAILED.test(stdout) ? 1 : 0) : code === 127 ? null : code));
      }),
  ),
).then((runs) => {
  process.stdout.write(JSON.stringify(runs));
});
