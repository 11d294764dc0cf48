/**
 * Quotes a value for a POSIX shell so it is passed as one word, whatever it contains: quotes,
 * `$()`, backticks, newlines, `;`. Single quotes stop every expansion; an embedded single quote
 * becomes `'\''`.
 */
export function shellQuote(value: string): string {
  if (value !== '' && /^[A-Za-z0-9_@%+=:,./-]+$/.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** Joins a command and its arguments into one shell-safe command line. */
export function shellJoin(args: readonly string[]): string {
  return args.map(shellQuote).join(' ');
}

/** `export KEY='value'` lines for a script prologue; keys must be valid variable names. */
export function shellExports(env: Record<string, string>): string {
  return Object.entries(env)
    .map(([k, v]) => {
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(k)) throw new Error(`not a valid environment variable name: ${k}`);
      return `export ${k}=${shellQuote(v)}`;
    })
    .join('\n');
}

/** Prefixes each line of a script or command (to nest it in another script, or print it under a title). */
export function indentLines(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((l) => prefix + l)
    .join('\n');
}
