// Running a user's multi-line script on a server: strict mode, quoted environment, optional login
// shell — and the script body sent over stdin, so neither it nor its env values show in `ps`. A
// wrapper around it reports its end (so a process it leaves in the background cannot hold the step,
// see ExecOptions.endMarker) and hands it $OPS_OUTPUT, a file for step outputs (script-outputs.ts).
import { randomBytes } from 'node:crypto';
import { ConfigurationError, OperationError } from '../errors.js';
import { shellExports, shellQuote } from '../quote.js';
import type { ExecOptions, SshConnection } from './connection.js';
import { RemoteCommandError, type RemoteResult } from './errors.js';
import { parseScriptOutputs } from './script-outputs.js';

export interface ShellSettings {
  /** The interpreter on the server: `bash` (default), `sh`, `zsh`, or a path such as `/bin/bash`. */
  shell: string;
  /** Run it as a login shell (`-l`), so PATH and the profile are what users see when they log in. */
  login: boolean;
}

export const DEFAULT_SHELL: ShellSettings = { shell: 'bash', login: false };

/** Checks a `shell` input: a program name or absolute path, nothing a shell would interpret. */
export function parseShell(text: string, input = 'shell'): string {
  const shell = text.trim() || 'bash';
  if (!/^(\/[A-Za-z0-9_./-]+|[A-Za-z0-9_.-]+)$/.test(shell)) {
    throw new ConfigurationError(
      input,
      `'${text}' is not a shell program name or absolute path.`,
      `${input}: bash`,
    );
  }
  return shell;
}

function shellFlavour(shell: string): 'bash' | 'pipefail' | 'posix' {
  const name = shell.split('/').pop() ?? shell;
  if (name === 'bash') return 'bash';
  if (name === 'zsh' || name === 'ksh' || name === 'mksh') return 'pipefail';
  return 'posix';
}

export interface ScriptOptions {
  /** What the script is called in the failure message (`script`, `before-switch`). */
  title: string;
  env?: Record<string, string>;
  /** `cd` here before the script runs (after the login profile). */
  cwd?: string;
}

/** The remote command line and the stdin text that together run `script`. Pure. */
export interface BuiltScript {
  /** Short, secret-free: `bash -c 'eval "$(cat)"'`. */
  command: string;
  /** Strict-mode prologue, exports, cd, then the script. */
  body: string;
}

/**
 * Builds a script run: `set -Eeuo pipefail` under bash (`set -eu` plus pipefail where the shell has
 * it), an ERR trap that names the failing line and command, each env value quoted, then the user's
 * script. The body travels over stdin and is read whole before it runs, so commands in it get an
 * empty stdin rather than the rest of the script.
 */
export function buildScript(script: string, shell: ShellSettings, opts: ScriptOptions): BuiltScript {
  const flavour = shellFlavour(shell.shell);
  const prologue: string[] = [];
  if (flavour === 'bash') {
    prologue.push('set -Eeuo pipefail');
  } else if (flavour === 'pipefail') {
    prologue.push('set -eu', 'set -o pipefail');
  } else {
    prologue.push('set -eu');
  }
  if (opts.env && Object.keys(opts.env).length > 0) prologue.push(shellExports(opts.env));
  if (opts.cwd) prologue.push(`cd ${shellQuote(opts.cwd)}`);
  const head = prologue.join('\n').split('\n');
  if (flavour === 'bash') {
    // LINENO counts from the top of the body: report the line of the user's script
    const offset = head.length + 1;
    head.push(
      `trap 'rc=$?; echo "ops-actions: ${opts.title.replace(/[^A-Za-z0-9 _.-]/g, '')} failed at line $((LINENO - ${offset})): $BASH_COMMAND (exit code $rc)" >&2' ERR`,
    );
  }
  const body = `${head.join('\n')}\n${script.replace(/\r\n?/g, '\n').replace(/\n+$/, '')}\n`;
  const flags = shell.login ? '-lc' : '-c';
  return { command: `${shell.shell} ${flags} 'eval "$(cat)"'`, body };
}

/** The start of the line the wrapper ends with: `ops-actions-end:<token>:<exit code>:<outputs file>`. */
export function endMarker(token: string): string {
  return `ops-actions-end:${token}:`;
}
/** The most of an $OPS_OUTPUT file that is read back (GitHub's own limit for one step's outputs). */
export const OUTPUTS_MAX_BYTES = 1024 * 1024;

/**
 * What the server's login shell runs for a script: `command` (built by buildScript, the body on
 * stdin) as a child, with OPS_OUTPUT naming a file that does not exist yet, `output-<token>` in the
 * user's private ~/.cache/ops-actions (made mode 0700 the first time); then one stderr line
 * `endMarker(token)<exit code>:<outputs file>` (the file only when the script wrote to it; one it
 * left empty is removed), and the script's exit code. The script cannot touch that last line: it
 * runs in the child. Only shell builtins when the directory exists and the script sets no outputs:
 * a mktemp and an rm per script cost measurably more (see the commit that made this change). POSIX
 * sh, so any login shell but fish runs it. Pure; token: letters and digits.
 */
export function scriptRunCommand(command: string, token: string): string {
  return [
    'ops_d=$HOME/.cache/ops-actions',
    `[ -d "$ops_d" ] || mkdir -p -m 700 -- "$ops_d" || ops_d=`,
    `ops_o=\${ops_d:+$ops_d/output-${token}}`,
    `OPS_OUTPUT=$ops_o ${command}`,
    'ops_r=$?',
    'ops_f=',
    'if [ -s "$ops_o" ]; then ops_f=$ops_o; elif [ -e "$ops_o" ]; then rm -f -- "$ops_o"; fi',
    `printf '%s%s:%s\\n' '${endMarker(token)}' "$ops_r" "$ops_f" >&2`,
    'exit "$ops_r"',
  ].join('\n');
}

/** Prints an outputs file (at most OUTPUTS_MAX_BYTES + 1 bytes) and removes it. Pure. */
export function readOutputsCommand(file: string): string {
  const f = shellQuote(file);
  return `head -c ${OUTPUTS_MAX_BYTES + 1} -- ${f}; ops_r=$?; rm -f -- ${f}; exit "$ops_r"`;
}

/** The wrapper's report (after the marker): exit code and the outputs file, if the script wrote one. */
export function parseScriptEnd(
  end: string | undefined,
): { exitCode: number; outputFile?: string } | undefined {
  const m = /^(\d+):(.*)$/s.exec(end ?? '');
  if (!m) return undefined;
  const file = m[2] ?? '';
  return { exitCode: Number(m[1]), ...(file.startsWith('/') ? { outputFile: file } : {}) };
}

export interface RunScriptOptions
  extends ScriptOptions, Omit<ExecOptions, 'stdin' | 'env' | 'cwd' | 'label'> {
  /** Names the script may not set in $OPS_OUTPUT: the action's own outputs. */
  reservedOutputs?: readonly string[];
  /**
   * Receives the step outputs the script wrote to $OPS_OUTPUT, in the order first set — also when
   * the script failed, before runScript throws. Not called when the script was stopped (timeout,
   * cancel) or the connection was lost: then nothing is read back.
   */
  onOutputs?: (values: Record<string, string>) => void;
}

/** A script's result, with the step outputs it set. */
export interface ScriptResult extends RemoteResult {
  outputs: Record<string, string>;
}

/**
 * Runs a script built by buildScript on a connection (body over stdin), in scriptRunCommand's
 * wrapper: it ends when the script does, even if the script left a process in the background (a
 * warning says how to start it detached); then the outputs it wrote to $OPS_OUTPUT are read back
 * (one more round trip, only when it wrote some). Throws like SshConnection.exec on a non-zero exit
 * (unless allowFailure), and when $OPS_OUTPUT has lines that cannot be read or reserved names.
 */
export async function runScript(
  conn: SshConnection,
  script: string,
  shell: ShellSettings,
  opts: RunScriptOptions,
): Promise<ScriptResult> {
  const built = buildScript(script, shell, opts);
  const { title, env: _env, cwd: _cwd, reservedOutputs, onOutputs, allowFailure, ...exec } = opts;
  const token = randomBytes(8).toString('hex');
  const marker = endMarker(token);
  const result = await conn.exec(scriptRunCommand(built.command, token), {
    ...exec,
    stdin: built.body,
    label: `${title}: ${firstScriptLine(script)}`,
    allowFailure: true,
    endMarker: marker,
  });
  const file = parseScriptEnd(result.end)?.outputFile;
  let values: Record<string, string> = {};
  let problems: string[] = [];
  if (file) {
    const read = await conn.exec(readOutputsCommand(file), {
      label: `${title}: read $OPS_OUTPUT`,
      silent: true,
      secrets: exec.secrets,
      signal: exec.signal,
      timeoutMs: 60_000,
    });
    // read (and removed) either way; only a caller that uses the outputs has them checked
    if (onOutputs) {
      ({ values, problems } = parseScriptOutputs(read.stdout, reservedOutputs));
      if (Buffer.byteLength(read.stdout) > OUTPUTS_MAX_BYTES) {
        problems.push(`it holds more than ${OUTPUTS_MAX_BYTES / 1024 / 1024} MiB; only the start was read`);
      }
    }
  }
  onOutputs?.(values);
  const what = `${title}: $OPS_OUTPUT: ${problems.join('; ')}`;
  if (result.exitCode !== 0 && !allowFailure) {
    const stderr = problems.length > 0 ? `${result.stderr}${what}\n` : result.stderr;
    throw RemoteCommandError.fromRemote({ ...result, stderr });
  }
  if (problems.length > 0 && result.exitCode === 0) {
    throw new OperationError(
      `${conn.host.label}: ${what}. Write step outputs as name=value lines, or name<<EOF … EOF for several lines.`,
      { host: conn.host.label, problems },
    );
  }
  return { ...result, outputs: values };
}

function firstScriptLine(script: string): string {
  const lines = script.split('\n').filter((l) => l.trim() !== '' && !l.trim().startsWith('#'));
  const first = (lines[0] ?? '').trim();
  const short = first.length > 80 ? `${first.slice(0, 77)}...` : first;
  return lines.length > 1 ? `${short} …` : short;
}
