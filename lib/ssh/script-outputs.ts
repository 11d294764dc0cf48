// The step outputs a remote script sets by writing to the file in $OPS_OUTPUT, in the format of
// GitHub's own GITHUB_OUTPUT: `name=value` lines and `name<<DELIM` … `DELIM` blocks. Pure.

/** What a script may call an output: what `steps.<id>.outputs.<name>` can read. */
const OUTPUT_NAME_RE = /^[A-Za-z_][A-Za-z0-9_-]*$/;

export interface ScriptOutputs {
  /** name → value, in the order first set; a name set twice keeps its last value (as GITHUB_OUTPUT does). */
  values: Record<string, string>;
  /** Lines that could not be read and names that are not allowed, each saying how to fix it. */
  problems: string[];
}

/**
 * Reads the text of an $OPS_OUTPUT file. A line that is neither form, a name that is not an
 * identifier, a heredoc whose delimiter never comes and a name in `reserved` (the action's own
 * outputs) are problems; every other value is kept.
 */
export function parseScriptOutputs(text: string, reserved: readonly string[] = []): ScriptOutputs {
  const values: Record<string, string> = {};
  const problems: string[] = [];
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const accept = (name: string, value: string, lineNo: number): void => {
    if (!OUTPUT_NAME_RE.test(name)) {
      problems.push(
        `line ${lineNo}: '${name}' is not an output name (letters, digits, _ and -, not starting with a digit or -)`,
      );
    } else if (reserved.includes(name)) {
      problems.push(
        `line ${lineNo}: '${name}' is an output of the action itself (${reserved.join(', ')}); choose another name, e.g. script-${name}`,
      );
    } else {
      values[name] = value;
    }
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const lineNo = i + 1;
    if (line.trim() === '') continue;
    const heredoc = /^([^=]+?)<<(.+)$/.exec(line);
    const eq = line.indexOf('=');
    if (heredoc && (eq < 0 || eq > line.indexOf('<<'))) {
      const name = heredoc[1] ?? '';
      const delim = heredoc[2] ?? '';
      const body: string[] = [];
      let j = i + 1;
      while (j < lines.length && lines[j] !== delim) body.push(lines[j++] ?? '');
      if (j >= lines.length) {
        problems.push(
          `line ${lineNo}: '${name}<<${delim}' has no closing '${delim}' line; end the value with a line holding only ${delim}`,
        );
        break;
      }
      accept(name, body.join('\n'), lineNo);
      i = j;
    } else if (eq > 0) {
      accept(line.slice(0, eq), line.slice(eq + 1), lineNo);
    } else {
      problems.push(
        `line ${lineNo}: '${line.length > 40 ? `${line.slice(0, 37)}...` : line}' is neither name=value nor name<<DELIMITER`,
      );
    }
  }
  return { values, problems };
}
