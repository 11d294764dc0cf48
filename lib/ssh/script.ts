// Running a user's multi-line script on a server: strict mode, quoted environment, optional login
// shell — and the script body sent over stdin, so neither it nor its env values show in `ps`.
import { ConfigurationError } from '../errors.js';
import { shellExports, shellQuote } from '../quote.js';
import type { ExecOptions, SshConnection } from './connection.js';
import type { RemoteResult } from './errors.js';

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

/** Runs a script built by buildScript on a connection (body over stdin). */
export function runScript(
  conn: SshConnection,
  script: string,
  shell: ShellSettings,
  opts: ScriptOptions & Omit<ExecOptions, 'stdin' | 'env' | 'cwd' | 'label'>,
): Promise<RemoteResult> {
  const built = buildScript(script, shell, opts);
  const { title, env: _env, cwd: _cwd, ...exec } = opts;
  return conn.exec(built.command, {
    ...exec,
    stdin: built.body,
    label: `${title}: ${firstScriptLine(script)}`,
  });
}

function firstScriptLine(script: string): string {
  const lines = script.split('\n').filter((l) => l.trim() !== '' && !l.trim().startsWith('#'));
  const first = (lines[0] ?? '').trim();
  const short = first.length > 80 ? `${first.slice(0, 77)}...` : first;
  return lines.length > 1 ? `${short} …` : short;
}
