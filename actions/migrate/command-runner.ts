// Where a tool's commands run: on the runner (here) or on a server over SSH (remote.ts). The
// migration logic only sees this interface.
import { type ProcessResult, runProcess } from '../../lib/exec.js';
import { type Command, commandLine } from './tools.js';

export interface CommandRunOptions {
  /** Variables for the command, on top of what the runner passes on. */
  env: Record<string, string>;
  timeoutMs: number;
  /** Resolve with the exit code instead of throwing (status commands: prisma exits 1 when migrations are pending). */
  allowFailure?: boolean;
  /** Prefix of each logged output line. */
  label: string;
  /** Aborting stops the command (the migration lock was lost). */
  signal?: AbortSignal | undefined;
  /** Capture the output without logging it (a listing of files). */
  silent?: boolean;
}

export interface CommandRunner {
  /** `runner` or `deploy@app.example.com`, for logs and the summary. */
  readonly where: string;
  run(cmd: Command, opts: CommandRunOptions): Promise<ProcessResult>;
}

/** Runs commands on the runner: presets without a shell, the user's own command lines with `sh -c`. */
export class LocalCommandRunner implements CommandRunner {
  readonly where = 'runner';
  constructor(
    private readonly cwd: string,
    private readonly secrets: readonly string[],
    private readonly log: (line: string) => void,
  ) {}

  run(cmd: Command, opts: CommandRunOptions): Promise<ProcessResult> {
    if (opts.signal?.aborted) return Promise.reject(opts.signal.reason);
    const [file, ...args] = 'argv' in cmd ? cmd.argv : ['sh', '-c', cmd.shell];
    if (!file) throw new Error(`empty command: ${commandLine(cmd)}`);
    return runProcess(file, args, {
      cwd: this.cwd,
      env: opts.env,
      timeoutMs: opts.timeoutMs,
      allowFailure: opts.allowFailure,
      prefix: opts.label,
      secrets: this.secrets,
      log: this.log,
      signal: opts.signal,
      silent: opts.silent,
    });
  }
}
