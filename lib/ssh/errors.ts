import { OperationError } from '../errors.js';
import { ProcessError, type ProcessResult } from '../exec.js';

/**
 * Why a connection could not be made. `auth` and `host-key` are never retried: trying again
 * cannot help and, for a host key, must not.
 */
export type SshFailureKind = 'auth' | 'host-key' | 'network' | 'timeout' | 'protocol' | 'forwarding';

export class SshConnectError extends OperationError {
  override readonly name: string = 'SshConnectError';
  constructor(
    /** `user@host:port` */
    readonly host: string,
    readonly kind: SshFailureKind,
    message: string,
    /** Whether trying again later may succeed (refused, reset, timed out, lost during handshake). */
    readonly transient: boolean,
    override readonly cause?: unknown,
  ) {
    super(message, { host, kind });
  }
}

const TRANSIENT_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EHOSTDOWN',
  'ENETDOWN',
  'EPIPE',
  'EAI_AGAIN',
]);

interface Ssh2ErrorShape {
  message?: unknown;
  code?: unknown;
  level?: unknown;
  reason?: unknown;
}

/**
 * Classifies an error from the ssh2 client (or its socket) into a kind and whether it is
 * transient. Pure: unit-tested with the shapes ssh2 produces.
 */
export function classifySsh2Error(error: unknown): { kind: SshFailureKind; transient: boolean } {
  if (error instanceof SshConnectError) return { kind: error.kind, transient: error.transient };
  const e = (typeof error === 'object' && error !== null ? error : {}) as Ssh2ErrorShape;
  const message = typeof e.message === 'string' ? e.message : String(error);
  const code = typeof e.code === 'string' ? e.code : undefined;
  const level = typeof e.level === 'string' ? e.level : undefined;
  if (level === 'client-authentication') return { kind: 'auth', transient: false };
  if (/verification failed/i.test(message) && level === 'handshake')
    return { kind: 'host-key', transient: false };
  if (code && TRANSIENT_CODES.has(code))
    return { kind: code === 'ETIMEDOUT' ? 'timeout' : 'network', transient: true };
  if (level === 'client-timeout' || /timed out/i.test(message)) return { kind: 'timeout', transient: true };
  if (
    /connection lost before handshake|no response from server|not connected|socket (is )?closed/i.test(
      message,
    )
  )
    return { kind: 'network', transient: true };
  if (level === 'client-dns') return { kind: 'network', transient: code === 'EAI_AGAIN' };
  // a jump host could not open the forwarded connection to the target
  if (typeof e.reason === 'number') {
    // 2 = SSH_OPEN_CONNECT_FAILED (target down: may come up); 1 = administratively prohibited
    return { kind: 'forwarding', transient: e.reason === 2 };
  }
  if (level === 'protocol' || level === 'handshake') return { kind: 'protocol', transient: false };
  return { kind: 'network', transient: false };
}

/** For `retry`'s isRetryable: retry refused, reset, timed-out and lost-handshake connections only. */
export function isTransientSshError(error: unknown): boolean {
  return classifySsh2Error(error).transient;
}

/** The result of a command run on a server. */
export interface RemoteResult extends ProcessResult {
  /** `user@host:port` */
  host: string;
  /** What the command reported after ExecOptions.endMarker (lib/ssh/script.ts: exit code, outputs file). */
  end?: string;
  /** The command ended but a process it left in the background held the channel open: closed from this side. */
  heldOpen?: boolean;
}

/**
 * A remote command that failed: names the host, the command, the exit code (or timeout) and the
 * last lines of stderr — the same shape as a local ProcessError.
 */
export class RemoteCommandError extends ProcessError {
  override readonly name: string = 'RemoteCommandError';
  constructor(
    message: string,
    readonly host: string,
    override readonly result: RemoteResult,
  ) {
    super(message, result);
  }

  static fromRemote(r: RemoteResult): RemoteCommandError {
    const base = ProcessError.fromResult(r);
    return new RemoteCommandError(`${r.host}: ${base.message}`, r.host, r);
  }
}
