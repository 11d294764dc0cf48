/**
 * A mistake in what the user gave the action: a bad input, a missing secret. It names the input
 * and shows a valid example, so the log tells the user exactly what to change.
 */
export class ConfigurationError extends Error {
  override readonly name: string = 'ConfigurationError';
  constructor(
    readonly input: string | undefined,
    readonly problem: string,
    readonly example?: string,
  ) {
    super(ConfigurationError.format(input, problem, example));
  }

  static format(input: string | undefined, problem: string, example?: string): string {
    const where = input ? `Input '${input}': ` : '';
    const ex = example ? `\n  For example:\n${indent(example, '    ')}` : '';
    return `${where}${problem}${ex}`;
  }
}

/** A failure on the remote side (server, registry, API) that the user may need to act on. */
export class OperationError extends Error {
  override readonly name: string = 'OperationError';
  constructor(
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** The message of any thrown value — an Error, a string, an object — never `[object Object]`. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  if (typeof error === 'string') return error;
  if (error === undefined || error === null) return `unknown error (${String(error)})`;
  try {
    return JSON.stringify(error);
  } catch {
    return String(error);
  }
}

export function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((l) => prefix + l)
    .join('\n');
}
