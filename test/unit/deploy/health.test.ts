import { describe, expect, it } from 'vitest';
import { runHealthGate } from '../../../lib/deploy/health.js';
import type { ExecOptions, SshConnection } from '../../../lib/ssh/connection.js';
import type { RemoteResult } from '../../../lib/ssh/errors.js';

/** A connection whose commands exit with the given codes, one per attempt; records what it ran. */
function fakeConn(codes: number[]) {
  const calls: { command: string; opts: ExecOptions }[] = [];
  const conn = {
    host: { label: 'deploy@web-1', user: 'deploy', host: 'web-1', port: 22 },
    exec: (command: string, opts: ExecOptions = {}): Promise<RemoteResult> => {
      calls.push({ command, opts });
      const exitCode = codes[Math.min(calls.length - 1, codes.length - 1)] ?? 0;
      return Promise.resolve({
        command,
        exitCode,
        signal: null,
        stdout: '',
        stderr: exitCode ? `curl: (7) attempt ${calls.length}` : '',
        durationMs: 1,
        timedOut: false,
        host: 'deploy@web-1',
      });
    },
  };
  return { conn: conn as unknown as SshConnection, calls };
}

const lines: string[] = [];
const logger = { info: (l: string) => lines.push(l), warning: (l: string) => lines.push(`warning: ${l}`) };
const opts = {
  shell: { shell: 'bash', login: false },
  cwd: '/srv/shop',
  env: { RELEASE_ID: 'v1' },
  commandTimeoutMs: 60_000,
  logger,
};

describe('runHealthGate', () => {
  it('retries until the command passes; the script goes over stdin with the env and cwd', async () => {
    const { conn, calls } = fakeConn([7, 7, 0]);
    const r = await runHealthGate(
      conn,
      { command: 'curl -fsS http://127.0.0.1/health', timeoutMs: 5000, intervalMs: 10 },
      opts,
    );
    expect(r.attempts).toBe(3);
    expect(calls).toHaveLength(3);
    // in runScript's wrapper (lib/ssh/script.ts), which reports the script's end and $OPS_OUTPUT
    expect(calls[0]?.command).toContain(`\nOPS_OUTPUT=$ops_o bash -c 'eval "$(cat)"'\n`);
    expect(String(calls[0]?.opts.stdin)).toContain('export RELEASE_ID=v1');
    expect(String(calls[0]?.opts.stdin)).toContain('cd /srv/shop');
    expect(calls[0]?.opts.allowFailure).toBe(true);
    expect(calls[1]?.opts.silent).toBe(true);
    expect(lines).toContain(
      '[deploy@web-1] health-command failed (exit code 7: curl: (7) attempt 1); retrying in 10ms',
    );
    expect(lines).toContain('[deploy@web-1] health-command passed (attempt 3)');
  });

  it('a gate that never passes throws naming the host, the time allowed, the attempts and the last output', async () => {
    const { conn } = fakeConn([7]);
    await expect(
      runHealthGate(
        conn,
        { command: 'false', timeoutMs: 300, intervalMs: 100 },
        { ...opts, title: 'health-command' },
      ),
    ).rejects.toThrow(
      /^deploy@web-1: the health-command did not pass within 300ms \(health-timeout, \d+ attempts\); last exit code 7:\ncurl: \(7\) attempt \d+$/,
    );
  });
});
