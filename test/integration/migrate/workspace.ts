// Workspaces for the migrate integration tests: a folder with migration files, and the checks
// every test makes on what a run printed.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { ActionResult } from '../../harness/run-action.js';

export function makeWorkspace(files: Record<string, string>, label = 'migrate'): string {
  const dir = mkdtempSync(join(tmpdir(), `ops-${label}-ws-`));
  writeFiles(dir, files);
  return dir;
}

export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [path, content] of Object.entries(files)) {
    const full = join(dir, path);
    mkdirSync(join(full, '..'), { recursive: true });
    writeFileSync(full, content, { mode: /(^|\/)\.?bin\/|\.sh$/.test(path) ? 0o755 : 0o644 });
  }
}

/** The password must appear nowhere a person reads: the log, the summary, the outputs, the errors. */
export function expectNoSecret(r: ActionResult, secret: string): void {
  expect(secret.length).toBeGreaterThan(3);
  expect(r.log).not.toContain(secret);
  expect(r.summary).not.toContain(secret);
  expect(JSON.stringify(r.outputs)).not.toContain(secret);
  expect(r.errors.join('\n')).not.toContain(secret);
  // and it was registered with the runner for masking
  expect(r.masked).toContain(secret);
}
