import { type ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * One provider process for many Terraform runs (Terraform's `TF_REATTACH_PROVIDERS`).
 *
 * Each `terraform init` + `validate` (or `terraform test`) otherwise starts the AWS provider
 * anew: a 700 MB binary that builds its schema on start, about 1 s of a 3 s validate, and init
 * links it into `.terraform/`. Started once in debug mode, the provider serves every run that is
 * told where it listens; init then has nothing to install. The verdicts do not change: it is the
 * same binary from the same mirror (the verdict cache keys the mirror's providers, not how they run).
 *
 * Only for commands that never configure the provider (`validate`, `terraform test` with
 * `mock_provider`, `providers schema`): runs that plan or apply against a configured provider
 * start their own, so two of them can never share one provider configuration.
 */

/** The variable that carries the reattach configuration to the harnesses (never set for other commands). */
export const SHARED_PROVIDERS_ENV = 'INFRA_TF_SHARED_PROVIDERS';

export interface SharedProviders {
  /** The value for `TF_REATTACH_PROVIDERS`. */
  readonly reattach: string;
  /** Stops every provider process. */
  stop(): void;
}

/** The provider binary of `source` (`hashicorp/aws`) in the mirror, for this platform. */
export function providerBinary(mirror: string, source: string): string | undefined {
  const base = path.join(mirror, 'registry.terraform.io', source);
  if (!fs.existsSync(base)) return undefined;
  for (const version of fs.readdirSync(base).sort().reverse()) {
    const dir = path.join(base, version, `${process.platform}_${process.arch === 'x64' ? 'amd64' : process.arch}`);
    const bin = fs.existsSync(dir) ? fs.readdirSync(dir).find((f) => f.startsWith(`terraform-provider-${path.basename(source)}`)) : undefined;
    if (bin) return path.join(dir, bin);
  }
  return undefined;
}

/**
 * Starts each provider of `sources` found in the mirror in debug mode and waits until it listens.
 *
 * @throws when a provider does not report its address within `timeoutMs`
 */
export async function startSharedProviders(mirror: string, sources: readonly string[] = ['hashicorp/aws'], timeoutMs = 120_000): Promise<SharedProviders> {
  const children: ChildProcess[] = [];
  const logs: string[] = [];
  const stop = () => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
    for (const l of logs) fs.rmSync(l, { recursive: true, force: true });
  };
  const merged: Record<string, unknown> = {};
  try {
    for (const source of sources) {
      const bin = providerBinary(mirror, source);
      if (!bin) continue;
      // Its output goes to a file, never a pipe: a caller that blocks its event loop (spawnSync of
      // terraform) would stop draining a pipe, and the provider would block on a full one.
      const log = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'shared-provider-')), 'provider.log');
      const fd = fs.openSync(log, 'w');
      const child = spawn(bin, ['-debug'], { stdio: ['ignore', fd, fd] });
      fs.closeSync(fd);
      children.push(child);
      logs.push(path.dirname(log));
      const started = Date.now();
      let line: string | undefined;
      while (!line) {
        const m = /TF_REATTACH_PROVIDERS='([^']+)'/.exec(fs.readFileSync(log, 'utf8'));
        if (m) line = m[1]!;
        else if (child.exitCode !== null) throw new Error(`${source} provider exited (${child.exitCode}) before it listened: ${fs.readFileSync(log, 'utf8').slice(-400)}`);
        else if (Date.now() - started > timeoutMs) throw new Error(`${source} provider did not report its address in ${timeoutMs / 1000} s`);
        else await new Promise((r) => setTimeout(r, 100));
      }
      Object.assign(merged, JSON.parse(line) as Record<string, unknown>);
    }
  } catch (err) {
    stop();
    throw err;
  }
  return { reattach: JSON.stringify(merged), stop };
}

/** `TF_REATTACH_PROVIDERS` for a validate-only or mocked run, when shared providers were started. */
export function sharedProviderEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const reattach = env[SHARED_PROVIDERS_ENV];
  return reattach ? { TF_REATTACH_PROVIDERS: reattach } : {};
}
