import type { Duplex } from 'node:stream';
import * as core from '@actions/core';
import type ssh2 from 'ssh2';
import { formatDuration } from '../duration.js';
import { errorMessage } from '../errors.js';
import { lineEmitter } from '../exec.js';
import { shellExports, shellQuote } from '../quote.js';
import { RetryError, retry } from '../retry.js';
import { redact } from '../secrets.js';
import { classifySsh2Error, RemoteCommandError, type RemoteResult, SshConnectError } from './errors.js';
import type { SshHost } from './host.js';
import {
  algorithmsForKeyType,
  checkHostKey,
  fingerprintOf,
  HOST_KEY_FAMILIES,
  type HostKeyExpectation,
  type HostKeyVerdict,
  keyscanCommand,
  keyTypeLabel,
  keyTypeOf,
} from './host-key.js';

/** The first stderr line of a stoppable command: the pid of the shell sshd started for it. */
const PID_MARKER = 'ops-actions-pid:';
type Ssh2Client = ssh2.Client;
type Sftp = ssh2.SFTPWrapper;

/** A private key (OpenSSH or PEM text) and its passphrase. */
export interface SshAuth {
  privateKey: string;
  passphrase?: string;
}

/** Where log lines go: the runner log by default, a collector in tests. */
export interface SshLogger {
  info(line: string): void;
  warning(line: string): void;
}

export const runnerLogger: SshLogger = {
  info: (l) => core.info(l),
  warning: (l) => core.warning(l),
};

export interface ConnectOptions {
  host: SshHost;
  auth: SshAuth;
  hostKey: HostKeyExpectation;
  /** Keep retrying transient failures (refused, reset, timed out) until this much time has passed. */
  connectTimeoutMs: number;
  /** Open the TCP connection through this connection (a jump host) instead of directly. */
  via?: SshConnection;
  /** Which input to name in errors about the key (`private-key`, `jump-private-key`). */
  keyInput?: string;
  /** Which input to name in errors about the host key (`host-fingerprint`, `jump-host-fingerprint`). */
  fingerprintInput?: string;
  logger?: SshLogger;
  signal?: AbortSignal;
  /** Injected for tests: first delay between attempts (default 500 ms). */
  initialRetryDelayMs?: number;
}

export interface ExecOptions {
  /** Written to the command's stdin, then stdin is closed: the way to pass a password. */
  stdin?: string | Buffer;
  /**
   * Exported before the command runs (`export KEY='value'`), quoted so no value can break out. They
   * are part of the command line, which the server's process list shows while it runs: pass secrets
   * with runScript (lib/ssh/script.ts), which sends the script and its values over stdin.
   */
  env?: Record<string, string>;
  /** `cd` here first. */
  cwd?: string;
  /** Stop the command (TERM, then close the channel) after this many ms. */
  timeoutMs?: number;
  /** What to call the command in logs and errors (default: its first line). */
  label?: string;
  /** Do not log output lines (they are still captured). */
  silent?: boolean;
  /** Resolve with the exit code instead of throwing on a non-zero exit. */
  allowFailure?: boolean;
  /** Replaced by *** in logged and captured output and in errors. */
  secrets?: readonly (string | undefined)[];
  /** Aborting stops the command like a timeout. */
  signal?: AbortSignal;
  /**
   * The command reports its own end as a stderr line `<endMarker><details>` (lib/ssh/script.ts does).
   * Once that line came, the channel gets `endGraceMs` to close; if a process the command left in
   * the background still holds its output open, the channel is closed from this side with a
   * warning, and the command counts as finished (its exit code from the marker) — that process is
   * left running, not killed. The details are returned as `result.end`.
   */
  endMarker?: string;
  /** See endMarker (default 2000 ms). */
  endGraceMs?: number;
}

/** How long a command that reported its end may keep its channel open (see ExecOptions.endMarker). */
export const END_GRACE_MS = 2000;

/**
 * One authenticated SSH connection to one host, reused for every command and file transfer of a
 * deploy. Create it with `SshConnection.connect` (retries transient failures, verifies the host key).
 */
export class SshConnection {
  private sftpSession: Promise<Sftp> | undefined;
  private closed = false;
  private readonly closeListeners: (() => void)[] = [];

  private constructor(
    private readonly client: Ssh2Client,
    readonly host: SshHost,
    /** The SHA256 fingerprint of the host key the server presented. */
    readonly hostKeyFingerprint: string,
    private readonly logger: SshLogger,
  ) {
    client.on('close', () => {
      this.closed = true;
      for (const l of this.closeListeners.splice(0)) l();
    });
    client.on('error', () => {
      /* errors after 'ready' surface through the channel callbacks */
    });
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /**
   * Connects and authenticates, retrying refused/reset/timed-out connections with exponential
   * backoff until `connectTimeoutMs`. Authentication and host key failures throw at once.
   */
  static async connect(opts: ConnectOptions): Promise<SshConnection> {
    const logger = opts.logger ?? runnerLogger;
    const started = Date.now();
    try {
      return await retry(
        async () => {
          const remaining = opts.connectTimeoutMs - (Date.now() - started);
          return await connectVerified(opts, logger, Math.max(2000, Math.min(remaining, 20_000)));
        },
        {
          deadlineMs: opts.connectTimeoutMs,
          initialDelayMs: opts.initialRetryDelayMs ?? 500,
          maxDelayMs: 5000,
          isRetryable: (e) => classifySsh2Error(e).transient,
          signal: opts.signal,
          onRetry: ({ attempt, error, delayMs }) =>
            logger.info(
              `[${opts.host.label}] connection attempt ${attempt} failed: ${withoutHost(errorMessage(error), opts.host.label)}; retrying in ${(delayMs / 1000).toFixed(1)}s`,
            ),
        },
      );
    } catch (error) {
      if (error instanceof RetryError) {
        const last = error.lastError;
        const { kind } = classifySsh2Error(last);
        throw new SshConnectError(
          opts.host.label,
          kind,
          `${opts.host.label}: could not connect after ${error.attempts} attempt(s) in ${(error.elapsedMs / 1000).toFixed(1)}s ` +
            `(connect-timeout): ${withoutHost(errorMessage(last), opts.host.label)}. Check the host name and port, that sshd is running, and that ` +
            `the server's firewall lets the runner in${opts.via ? ` (connections go through the jump host ${opts.via.host.label})` : ''}.`,
          true,
          last,
        );
      }
      throw error;
    }
  }

  /** Calls `listener` once when the connection closes (dropped or ended). */
  onClose(listener: () => void): void {
    if (this.closed) listener();
    else this.closeListeners.push(listener);
  }

  /**
   * Runs a command through the login user's shell on the server, streaming each output line as
   * `[user@host] line`. Throws a RemoteCommandError (host, command, exit code, last stderr lines)
   * on a non-zero exit unless `allowFailure`.
   */
  exec(command: string, opts: ExecOptions = {}): Promise<RemoteResult> {
    const secrets = opts.secrets ?? [];
    const label = redact(opts.label ?? firstLine(command), secrets);
    // A command that may have to be stopped first reports its shell's pid: sshd makes that shell a
    // process group leader, so stopping kills the whole group (closing the channel alone does not).
    const stoppable = isStoppable(opts);
    const full = remoteCommandLine(command, opts);
    const started = Date.now();
    const prefix = `[${this.host.label}] `;
    return new Promise((resolve, reject) => {
      if (this.closed) {
        reject(this.lostError(label, started, 'the connection is closed'));
        return;
      }
      if (opts.signal?.aborted) {
        reject(this.lostError(label, started, 'cancelled before it started'));
        return;
      }
      this.client.exec(full, (err, stream) => {
        if (err) {
          reject(this.lostError(label, started, err.message));
          return;
        }
        let stdout = '';
        let stderr = '';
        let exitCode: number | undefined;
        let exitSignal: string | undefined;
        let timedOut = false;
        let remotePid: number | undefined;
        /** What followed endMarker, once the command reported its end. */
        let end: string | undefined;
        let endTimer: NodeJS.Timeout | undefined;
        let heldOpen = false;
        const log = (line: string): void => {
          if (!opts.silent) this.logger.info(prefix + redact(line, secrets));
        };
        const out = lineEmitter(log)();
        const errLine = (line: string): void => {
          stderr += `${line}\n`;
          log(line);
        };
        const errOut = lineEmitter((line) => {
          if (stoppable && remotePid === undefined && line.startsWith(PID_MARKER)) {
            remotePid = Number(line.slice(PID_MARKER.length)) || undefined;
            return;
          }
          const at = opts.endMarker && end === undefined ? line.indexOf(opts.endMarker) : -1;
          if (opts.endMarker && at >= 0) {
            // a line the command left unfinished on stderr ends where the marker starts
            if (at > 0) errLine(line.slice(0, at));
            end = line.slice(at + opts.endMarker.length);
            endTimer = setTimeout(() => {
              heldOpen = true;
              const code = endExitCode(end);
              this.logger.warning(
                `${this.host.label}: ${label}: ended${code === undefined ? '' : ` (exit code ${code})`}, but a process it ` +
                  `started in the background still holds its output open, which would keep the step waiting until the ` +
                  `command timed out. The step went on after ${formatDuration(opts.endGraceMs ?? END_GRACE_MS)}: that process ` +
                  `keeps running, but nothing reads its output any more (writing to it may stop it). Start background ` +
                  `processes detached, with their output in a file: setsid ./app > app.log 2>&1 < /dev/null &`,
              );
              stream.close();
            }, opts.endGraceMs ?? END_GRACE_MS);
            return;
          }
          errLine(line);
        })();
        stream.on('data', (d: Buffer) => {
          const s = d.toString('utf8');
          stdout += s;
          out.push(s);
        });
        stream.stderr.on('data', (d: Buffer) => errOut.push(d.toString('utf8')));
        stream.on('exit', (code: number | null, signal?: string) => {
          if (typeof code === 'number') exitCode = code;
          else if (signal) exitSignal = signal;
        });
        let killTimer: NodeJS.Timeout | undefined;
        const stop = (): void => {
          if (killTimer) return;
          try {
            stream.signal('TERM');
          } catch {
            /* the server may not support signals */
          }
          if (remotePid !== undefined) this.killProcessGroup(remotePid);
          killTimer = setTimeout(() => stream.close(), 8000);
          killTimer.unref();
        };
        const timer =
          opts.timeoutMs !== undefined
            ? setTimeout(() => {
                timedOut = true;
                stop();
              }, opts.timeoutMs)
            : undefined;
        const onAbort = (): void => stop();
        opts.signal?.addEventListener('abort', onAbort, { once: true });
        stream.on('close', () => {
          if (timer) clearTimeout(timer);
          if (killTimer) clearTimeout(killTimer);
          if (endTimer) clearTimeout(endTimer);
          opts.signal?.removeEventListener('abort', onAbort);
          out.flush();
          errOut.flush();
          const stopped = timedOut || opts.signal?.aborted === true;
          // closed from this side after the command's end: its exit code is the marker's
          if (heldOpen && exitCode === undefined && exitSignal === undefined) exitCode = endExitCode(end);
          const lost = exitCode === undefined && exitSignal === undefined && !stopped;
          const note = (text: string): void => {
            stderr += `${stderr.endsWith('\n') || stderr === '' ? '' : '\n'}${text}\n`;
          };
          if (exitSignal) note(`killed by signal ${exitSignal}`);
          if (opts.signal?.aborted && !timedOut) note('stopped: the deploy was cancelled');
          if (lost) note('the SSH connection was lost before the command finished');
          const result: RemoteResult = {
            host: this.host.label,
            command: label,
            exitCode: exitCode !== undefined && !stopped ? exitCode : exitSignal || stopped ? 128 + 15 : 255,
            signal: null,
            stdout: redact(stdout, secrets),
            stderr: redact(stderr, secrets),
            durationMs: Date.now() - started,
            timedOut,
            ...(end !== undefined ? { end } : {}),
            ...(heldOpen ? { heldOpen } : {}),
          };
          if (result.exitCode === 0 || (opts.allowFailure && !lost && !stopped)) resolve(result);
          else reject(RemoteCommandError.fromRemote(result));
        });
        if (opts.stdin !== undefined) stream.end(opts.stdin);
        else stream.end();
      });
    });
  }

  /** TERM, then KILL after 3 s, to a remote process group (best effort, on its own channel). */
  private killProcessGroup(pgid: number): void {
    if (this.closed || !Number.isInteger(pgid) || pgid <= 1) return;
    const script =
      `kill -TERM -- -${pgid} 2>/dev/null || exit 0; ` +
      `for i in 1 2 3 4 5 6; do sleep 0.5; kill -0 -- -${pgid} 2>/dev/null || exit 0; done; ` +
      `kill -KILL -- -${pgid} 2>/dev/null; exit 0`;
    this.client.exec(script, (err, s) => {
      if (err) return;
      s.on('data', () => {});
      s.stderr.on('data', () => {});
      s.end();
    });
  }

  /** The connection's SFTP session, opened on first use and reused. */
  sftp(): Promise<Sftp> {
    this.sftpSession ??= new Promise<Sftp>((resolve, reject) => {
      this.client.sftp((err, sftp) => {
        if (err) {
          this.sftpSession = undefined;
          reject(
            new SshConnectError(
              this.host.label,
              'protocol',
              `${this.host.label}: could not start SFTP: ${err.message}. Make sure the server's sshd has an sftp Subsystem.`,
              false,
              err,
            ),
          );
        } else {
          sftp.on('close', () => {
            this.sftpSession = undefined;
          });
          resolve(sftp);
        }
      });
    });
    return this.sftpSession;
  }

  /** A TCP stream from this server to host:port (for reaching a server behind this jump host). */
  forwardOut(host: string, port: number): Promise<Duplex> {
    return new Promise((resolve, reject) => {
      this.client.forwardOut('127.0.0.1', 0, host, port, (err, stream) => {
        if (err) reject(err);
        else resolve(stream);
      });
    });
  }

  /** Ends the connection (idempotent). */
  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      this.onClose(resolve);
      this.client.end();
      setTimeout(() => {
        this.client.destroy();
        resolve();
      }, 2000).unref();
    });
  }

  private lostError(label: string, started: number, why: string): RemoteCommandError {
    return RemoteCommandError.fromRemote({
      host: this.host.label,
      command: label,
      exitCode: 255,
      signal: null,
      stdout: '',
      stderr: `could not run the command: ${why}`,
      durationMs: Date.now() - started,
      timedOut: false,
    });
  }

  /** @internal used by connect */
  static wrap(client: Ssh2Client, host: SshHost, fingerprint: string, logger: SshLogger): SshConnection {
    return new SshConnection(client, host, fingerprint, logger);
  }
}

/** The exit code at the start of an end marker's details (`<code>:…`), or undefined. */
function endExitCode(end: string | undefined): number | undefined {
  const m = /^(\d+)(?::|$)/.exec(end ?? '');
  return m ? Number(m[1]) : undefined;
}

/** Whether exec may have to stop the command (a timeout or an abort signal): it then reports its pid. */
function isStoppable(opts: Pick<ExecOptions, 'timeoutMs' | 'signal'>): boolean {
  return opts.timeoutMs !== undefined || opts.signal !== undefined;
}

/**
 * What exec sends the server for `command`: the pid report of a stoppable command, then
 * buildRemoteCommand. Pure (bench/_ssh2-floor.ts sends the same lines over bare ssh2).
 */
export function remoteCommandLine(
  command: string,
  opts: Pick<ExecOptions, 'env' | 'cwd' | 'timeoutMs' | 'signal'> = {},
): string {
  return `${isStoppable(opts) ? `echo "${PID_MARKER}$$" >&2\n` : ''}${buildRemoteCommand(command, opts)}`;
}

/** The command line sent to the server: `cd` and exports first, each value quoted. Pure. */
export function buildRemoteCommand(command: string, opts: Pick<ExecOptions, 'env' | 'cwd'> = {}): string {
  const parts: string[] = [];
  if (opts.env && Object.keys(opts.env).length > 0) parts.push(shellExports(opts.env));
  if (opts.cwd) parts.push(`cd ${shellQuote(opts.cwd)} || exit 1`);
  parts.push(command);
  return parts.join('\n');
}

function withoutHost(message: string, label: string): string {
  return message.startsWith(`${label}: `) ? message.slice(label.length + 2) : message;
}

function firstLine(command: string): string {
  const lines = command.split('\n').filter((l) => l.trim() !== '');
  const first = (lines[0] ?? '').trim();
  const short = first.length > 120 ? `${first.slice(0, 117)}...` : first;
  return lines.length > 1 ? `${short} …(${lines.length} lines)` : short;
}

// ---------------------------------------------------------------------------------------------

interface Presented {
  type: string;
  fingerprint: string;
}

/**
 * One connection attempt, verifying the host key. When a pinned fingerprint does not match the key
 * type the server chose, tries the server's other key types (a user may have pinned its RSA key):
 * only a key that matches is ever accepted.
 */
async function connectVerified(
  opts: ConnectOptions,
  logger: SshLogger,
  readyTimeoutMs: number,
): Promise<SshConnection> {
  const presented: Presented[] = [];
  const knownTypes = opts.hostKey.fingerprints.length === 0 && opts.hostKey.keys.length > 0;
  let families: string[][] = knownTypes
    ? [[...new Set(opts.hostKey.keys.flatMap((k) => algorithmsForKeyType(keyTypeOf(k))))]]
    : HOST_KEY_FAMILIES.map((f) => [...f]);
  let offer = families.flat();
  for (;;) {
    const attempt = await connectOnce(opts, readyTimeoutMs, offer);
    if (attempt.ok) {
      const { client, key, verdict } = attempt;
      const fp = fingerprintOf(key);
      if (verdict.ok && verdict.how === 'accepted-unknown') {
        logger.warning(
          `${opts.host.label}: accepted an UNVERIFIED host key (${keyTypeLabel(keyTypeOf(key))} ${fp}) because ` +
            `insecure-accept-unknown-host-key is true. Check it against the server and pin it: ` +
            `${opts.fingerprintInput ?? 'host-fingerprint'}: ${fp}`,
        );
      }
      return SshConnection.wrap(client, opts.host, fp, logger);
    }
    if (attempt.key === undefined || attempt.verdict === undefined || attempt.verdict.ok) {
      // the server has no key of the other types we asked for: the mismatch stands
      if (presented.length > 0 && classifySsh2Error(attempt.error).kind === 'protocol') {
        throw hostKeyError(opts, 'mismatch', presented);
      }
      throw attempt.error;
    }
    const type = keyTypeOf(attempt.key);
    presented.push({ type, fingerprint: fingerprintOf(attempt.key) });
    if (attempt.verdict.reason === 'mismatch' && !knownTypes) {
      // try the key types the server has not shown yet
      families = families.filter((f) => !f.includes(type));
      offer = families.flat();
      if (offer.length > 0) continue;
    }
    throw hostKeyError(opts, attempt.verdict.reason, presented);
  }
}

type Attempt =
  | { ok: true; client: Ssh2Client; key: Buffer; verdict: HostKeyVerdict }
  | { ok: false; error: unknown; key?: Buffer; verdict?: HostKeyVerdict };

async function connectOnce(
  opts: ConnectOptions,
  readyTimeoutMs: number,
  serverHostKey: string[],
): Promise<Attempt> {
  let sock: Duplex | undefined;
  if (opts.via) {
    if (opts.via.isClosed) {
      throw new SshConnectError(
        opts.host.label,
        'network',
        `${opts.host.label}: the jump host connection (${opts.via.host.label}) is closed`,
        false,
      );
    }
    sock = await opts.via.forwardOut(opts.host.host, opts.host.port).catch((e: unknown) => {
      const { kind, transient } = classifySsh2Error(e);
      const why =
        kind === 'forwarding' && !transient
          ? ' The jump host refused to forward: set AllowTcpForwarding yes in its sshd_config.'
          : '';
      throw new SshConnectError(
        opts.host.label,
        kind === 'forwarding' ? 'forwarding' : kind,
        `${opts.host.label}: the jump host ${opts.via?.host.label} could not open a connection to ${opts.host.host}:${opts.host.port}: ${errorMessage(e)}.${why}`,
        transient,
        e,
      );
    });
  }
  // ssh2's client (most of its 0.7 MB) and its key parser load at the first connection, not at the
  // stage's start (the inputs load the key parser once a key is given: inputs.ts)
  const [{ Client }, keys] = await Promise.all([import('ssh2').then((m) => m.default), import('./keys.js')]);
  const describeConnectError = (error: unknown): SshConnectError =>
    describeSsh2Error(opts, error, () =>
      keys.publicKeyFingerprint(opts.auth.privateKey, opts.auth.passphrase),
    );
  const client = new Client();
  let key: Buffer | undefined;
  let verdict: HostKeyVerdict | undefined;
  return new Promise<Attempt>((resolve) => {
    let settled = false;
    const settle = (a: Attempt): void => {
      if (settled) return;
      settled = true;
      if (!a.ok) client.destroy();
      resolve(a);
    };
    const onAbort = (): void => settle({ ok: false, error: new Error('aborted') });
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    client.once('ready', () => {
      opts.signal?.removeEventListener('abort', onAbort);
      if (key && verdict) settle({ ok: true, client, key, verdict });
      else settle({ ok: false, error: new Error('the server was not verified') });
    });
    client.on('error', (error: unknown) => {
      opts.signal?.removeEventListener('abort', onAbort);
      if (verdict && !verdict.ok) {
        settle({ ok: false, error, key, verdict });
        return;
      }
      settle({ ok: false, error: describeConnectError(error) });
    });
    client.once('close', () => {
      settle({
        ok: false,
        error: new SshConnectError(
          opts.host.label,
          'network',
          `${opts.host.label}: the connection closed during the handshake`,
          true,
        ),
      });
    });
    try {
      const publicKeyAuth: ssh2.PublicKeyAuthMethod = {
        type: 'publickey',
        username: opts.host.user,
        key: keys.loadPrivateKey(opts.auth.privateKey, opts.auth.passphrase, opts.keyInput),
      };
      client.connect({
        host: opts.host.host,
        port: opts.host.port,
        username: opts.host.user,
        authHandler: [publicKeyAuth],
        readyTimeout: readyTimeoutMs,
        keepaliveInterval: 15_000,
        keepaliveCountMax: 4,
        sock,
        algorithms: { serverHostKey: serverHostKey as ssh2.ServerHostKeyAlgorithm[] },
        hostVerifier: (presentedKey: Buffer): boolean => {
          key = Buffer.from(presentedKey);
          verdict = checkHostKey(opts.hostKey, key);
          return verdict.ok;
        },
      });
      // Nagle's algorithm holds back SSH's many small packets until the peer's delayed ACK
      // (~40 ms each way): without TCP_NODELAY a handshake took 220 ms and each command 90 ms on
      // loopback, with it 55 ms and 5 ms (OpenSSH sets it too). Applied once the socket connects;
      // a jump-host channel has no socket of its own (its carrier connection has it set).
      client.setNoDelay(true);
    } catch (error) {
      settle({ ok: false, error: describeConnectError(error) });
    }
  });
}

/** Turns an ssh2 error into an SshConnectError that says what to do. */
function describeSsh2Error(
  opts: ConnectOptions,
  error: unknown,
  keyFingerprint: () => string | undefined,
): SshConnectError {
  const { kind, transient } = classifySsh2Error(error);
  const label = opts.host.label;
  if (kind === 'auth') {
    const fp = keyFingerprint();
    return new SshConnectError(
      label,
      'auth',
      `${label}: authentication failed: the server did not accept the key from '${opts.keyInput ?? 'private-key'}'` +
        `${fp ? ` (${fp})` : ''} for user '${opts.host.user}'. Add its public key to ~${opts.host.user}/.ssh/authorized_keys ` +
        `on the server (ssh-keygen -y -f key prints it), and check the user name ('username' or user@host). Not retried.`,
      false,
      error,
    );
  }
  return new SshConnectError(label, kind, `${label}: ${errorMessage(error)}`, transient, error);
}

function hostKeyError(
  opts: ConnectOptions,
  reason: 'mismatch' | 'revoked' | 'unknown',
  presented: Presented[],
): SshConnectError {
  const label = opts.host.label;
  const input = opts.fingerprintInput ?? 'host-fingerprint';
  const shown = presented.map((p) => `${keyTypeLabel(p.type)} ${p.fingerprint}`).join(', ');
  const scan = keyscanCommand(opts.host.host, opts.host.port);
  let message: string;
  if (reason === 'mismatch') {
    const expected = [
      ...opts.hostKey.fingerprints,
      ...opts.hostKey.keys.map((k) => `${keyTypeLabel(keyTypeOf(k))} ${fingerprintOf(k)} (known-hosts)`),
    ].join(', ');
    message =
      `${label}: HOST KEY MISMATCH — the server presented ${shown}, but ${input}/known-hosts expect ${expected}. ` +
      `Someone may be intercepting the connection, or the server's key was changed. Nothing was run. If the change is ` +
      `expected, get the new fingerprint on a trusted machine with \`${scan}\` and update '${input}' or 'known-hosts'.`;
  } else if (reason === 'revoked') {
    message = `${label}: the server presented a host key that known-hosts marks @revoked (${shown}). Nothing was run.`;
  } else {
    message =
      `${label}: the host key (${shown}) is not pinned: give '${input}' or 'known-hosts'. Get the fingerprint on a ` +
      `trusted machine with \`${scan}\`.`;
  }
  return new SshConnectError(label, 'host-key', message, false);
}
