import { spawn } from 'node:child_process';
import * as core from '@actions/core';
import { OperationError } from './errors.js';
import { redact } from './secrets.js';

export interface ProcessOptions {
  cwd?: string;
  /** Added to (not replacing) process.env. */
  env?: Record<string, string | undefined>;
  /** Written to stdin, then stdin is closed — the way to pass a password, never argv. */
  input?: string | Buffer;
  /**
   * Kill the command after this many ms: SIGTERM to its whole process group (a shell's children,
   * every process of a pipeline), then SIGKILL after 5 s.
   */
  timeoutMs?: number;
  /** Each output line is logged as `[prefix] line`; without a prefix lines are logged as they are. */
  prefix?: string;
  /** Do not log output lines (still captured). */
  silent?: boolean;
  /** Values replaced by *** in logged and captured output, on top of the runner's own masking. */
  secrets?: readonly (string | undefined)[];
  /** Where log lines go (default core.info). */
  log?: (line: string) => void;
  /** Resolve with the exit code instead of throwing on non-zero. */
  allowFailure?: boolean;
  /** Aborting kills the process group, as a timeout does. */
  signal?: AbortSignal;
}

export interface ProcessResult {
  command: string;
  exitCode: number;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  durationMs: number;
  timedOut: boolean;
}

/** How long a command has to end after SIGTERM before its process group gets SIGKILL. */
export const KILL_GRACE_MS = 5000;

/**
 * Runs a program (no shell), streaming its output line by line with a prefix, capturing stdout
 * and stderr. Throws a ProcessError naming the command, exit code and last stderr lines on a
 * non-zero exit unless `allowFailure`.
 *
 * The program runs in a process group of its own (spawned detached), so a timeout or an abort ends
 * the command with everything it started — `sh -c 'cd backend && alembic upgrade head'` kills
 * alembic, not only the shell — and the step does not wait for an orphan holding the output open.
 */
export function runProcess(
  file: string,
  args: readonly string[],
  opts: ProcessOptions = {},
): Promise<ProcessResult> {
  const command = [file, ...args].join(' ');
  const shown = redact(command, opts.secrets ?? []);
  const log = opts.log ?? ((l: string) => core.info(l));
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(file, [...args], {
      cwd: opts.cwd,
      env: { ...process.env, ...opts.env },
      stdio: ['pipe', 'pipe', 'pipe'],
      // its own process group (POSIX: a new session), so the whole group can be signalled
      detached: process.platform !== 'win32',
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    const emit = lineEmitter((line) => {
      if (!opts.silent)
        log(
          opts.prefix
            ? `[${opts.prefix}] ${redact(line, opts.secrets ?? [])}`
            : redact(line, opts.secrets ?? []),
        );
    });
    const outEmit = emit();
    const errEmit = emit();
    child.stdout.on('data', (d: Buffer) => {
      const s = d.toString('utf8');
      stdout += s;
      outEmit.push(s);
    });
    child.stderr.on('data', (d: Buffer) => {
      const s = d.toString('utf8');
      stderr += s;
      errEmit.push(s);
    });
    let killTimer: NodeJS.Timeout | undefined;
    let exited = false;
    child.on('exit', () => {
      exited = true;
    });
    const signalGroup = (sig: NodeJS.Signals): void => {
      try {
        if (child.pid !== undefined && process.platform !== 'win32') process.kill(-child.pid, sig);
        else child.kill(sig);
      } catch {
        /* the group is gone already */
      }
    };
    const kill = (): void => {
      if (killTimer) return;
      signalGroup('SIGTERM');
      killTimer = setTimeout(() => {
        signalGroup('SIGKILL');
        // a process that left the group (setsid) may still hold the output open: stop waiting for it
        killTimer = setTimeout(() => {
          if (exited) {
            child.stdout.destroy();
            child.stderr.destroy();
          }
        }, 1000);
        killTimer.unref();
      }, KILL_GRACE_MS);
      killTimer.unref();
    };
    const timer =
      opts.timeoutMs !== undefined
        ? setTimeout(() => {
            timedOut = true;
            kill();
          }, opts.timeoutMs)
        : undefined;
    const onAbort = (): void => kill();
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    child.on('error', (error: NodeJS.ErrnoException) => {
      if (timer) clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      const hint = error.code === 'ENOENT' ? ` — '${file}' is not installed or not on PATH` : '';
      reject(new ProcessError(`could not start '${shown}': ${error.message}${hint}`, undefined));
    });
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      if (killTimer) clearTimeout(killTimer);
      opts.signal?.removeEventListener('abort', onAbort);
      outEmit.flush();
      errEmit.flush();
      const result: ProcessResult = {
        command: shown,
        exitCode: code ?? 128,
        signal,
        stdout: redact(stdout, opts.secrets ?? []),
        stderr: redact(stderr, opts.secrets ?? []),
        durationMs: Date.now() - started,
        timedOut,
      };
      if (result.exitCode === 0 || opts.allowFailure) resolve(result);
      else reject(ProcessError.fromResult(result));
    });
    child.stdin.on('error', () => {
      /* the process may exit before reading its input */
    });
    if (opts.input !== undefined) child.stdin.end(opts.input);
    else child.stdin.end();
  });
}

export class ProcessError extends OperationError {
  override readonly name: string = 'ProcessError';
  constructor(
    message: string,
    readonly result: ProcessResult | undefined,
  ) {
    super(message, result ? { command: result.command, exitCode: result.exitCode } : {});
  }

  static fromResult(r: ProcessResult): ProcessError {
    const why = r.timedOut
      ? `timed out after ${r.durationMs}ms`
      : `exited with code ${r.exitCode}${r.signal ? ` (${r.signal})` : ''}`;
    const tail = lastLines(r.stderr || r.stdout, 10);
    return new ProcessError(`'${r.command}' ${why}${tail ? `:\n${tail}` : ''}`, r);
  }
}

/** The last `n` non-empty lines of a text, for error messages. */
export function lastLines(text: string, n: number): string {
  return text
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .slice(-n)
    .join('\n');
}

/** Splits chunks into whole lines (a partial last line is kept until more arrives or flush). */
export function lineEmitter(
  onLine: (line: string) => void,
): () => { push(chunk: string): void; flush(): void } {
  return () => {
    let buf = '';
    return {
      push(chunk: string) {
        buf += chunk;
        let i = buf.indexOf('\n');
        while (i >= 0) {
          onLine(buf.slice(0, i).replace(/\r$/, ''));
          buf = buf.slice(i + 1);
          i = buf.indexOf('\n');
        }
      },
      flush() {
        if (buf !== '') onLine(buf.replace(/\r$/, ''));
        buf = '';
      },
    };
  };
}
