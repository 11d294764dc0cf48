// Captures what @actions/core writes to stdout (workflow commands such as ::add-mask::) during fn.
import { vi } from 'vitest';

export async function captureStdout(fn: () => unknown): Promise<string[]> {
  const lines: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(
      ...String(chunk)
        .split('\n')
        .filter((l) => l !== ''),
    );
    return true;
  });
  try {
    await fn();
  } finally {
    spy.mockRestore();
  }
  return lines;
}
