// Load from wrk (Debian's) against a loopback URL while something else happens: start it, then
// stop it with SIGINT (wrk prints its summary) and read the requests, failures and which version
// answered (a Lua script counts `v1`/`v2`… bodies).
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The Lua script: counts responses by version; `Connection: close` unless keepAlive (a request on a
 * kept-alive connection that nginx closes as it reloads is lost by wrk, which does not retry it as
 * browsers and HTTP libraries do); a pause between requests keeps the load bounded.
 */
const script = (keepAlive: boolean, delayMs: number): string => `
${keepAlive ? '' : 'wrk.headers["Connection"] = "close"'}
function delay() return ${delayMs} end
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) counts = {} end
function response(status, headers, body)
  local v = "other"
  if status >= 200 and status < 400 then v = body:match("<h1>([%w%.%-]+)</h1>") or "other" end
  counts[v] = (counts[v] or 0) + 1
end
function done(summary, latency, requests)
  local all = {}
  for _, t in ipairs(threads) do
    local c = t:get("counts")
    for k, n in pairs(c) do all[k] = (all[k] or 0) + n end
  end
  for k, n in pairs(all) do io.write(string.format("OPS-VERSION %s %d\\n", k, n)) end
end
`;

export interface WrkResult {
  requests: number;
  non2xx: number;
  socketErrors: { connect: number; read: number; write: number; timeout: number };
  /** Responses by the version in their body (`<h1>v2</h1>`); `other` for anything else. */
  versions: Record<string, number>;
  /** Every failure: non-2xx/3xx responses plus socket errors. */
  failed: number;
  output: string;
}

export function parseWrk(output: string): WrkResult {
  const requests = Number(/(\d+) requests in/.exec(output)?.[1] ?? NaN);
  const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(output)?.[1] ?? 0);
  const s = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output);
  const socketErrors = {
    connect: Number(s?.[1] ?? 0),
    read: Number(s?.[2] ?? 0),
    write: Number(s?.[3] ?? 0),
    timeout: Number(s?.[4] ?? 0),
  };
  const versions: Record<string, number> = {};
  for (const m of output.matchAll(/^OPS-VERSION (\S+) (\d+)$/gm)) versions[m[1] ?? ''] = Number(m[2]);
  const failed =
    non2xx + socketErrors.connect + socketErrors.read + socketErrors.write + socketErrors.timeout;
  return { requests, non2xx, socketErrors, versions, failed, output };
}

export interface RunningWrk {
  /** Stops the load (SIGINT: wrk prints its summary) and returns the result. */
  stop(): Promise<WrkResult>;
}

/** Starts `wrk -t1 -c<connections>` against url (loopback only), for up to maxSeconds. */
export interface WrkOptions {
  connections?: number;
  maxSeconds?: number;
  /** Reuse connections (HTTP keep-alive). Default false: one connection per request. */
  keepAlive?: boolean;
  /** Pause of each connection between its requests. Default 1 ms. */
  delayMs?: number;
}

export function startWrk(url: string, opts: WrkOptions = {}): RunningWrk {
  if (!/^http:\/\/127\.0\.0\.1:\d+\//.test(url)) throw new Error(`wrk only against 127.0.0.1: ${url}`);
  const dir = mkdtempSync(join(tmpdir(), 'ops-wrk-'));
  const scriptFile = join(dir, 'count.lua');
  writeFileSync(scriptFile, script(opts.keepAlive ?? false, opts.delayMs ?? 1));
  const child: ChildProcess = spawn(
    'wrk',
    [
      '-t1',
      `-c${opts.connections ?? 4}`,
      `-d${opts.maxSeconds ?? 300}s`,
      '--timeout',
      '5s',
      '-s',
      scriptFile,
      url,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    async stop() {
      child.kill('SIGINT');
      await exited;
      rmSync(dir, { recursive: true, force: true });
      return parseWrk(output);
    },
  };
}
