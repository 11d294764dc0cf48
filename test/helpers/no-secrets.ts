// The check every stage test that handles secrets ends with: the runner was told to mask the
// registry password, and neither it nor a line of the private key shows up in the log or summary.
import { expect } from 'vitest';
import { loadTestEnv } from '../harness/env.js';
import type { ActionResult } from '../harness/run-action.js';
import { keyLines } from './server.js';

export function expectNoSecrets(r: ActionResult, opts: { registryMasked?: boolean } = {}): void {
  const { registry } = loadTestEnv();
  if (opts.registryMasked !== false) expect(r.masked).toContain(registry.password);
  for (const secret of [registry.password, ...keyLines()]) {
    expect(r.log).not.toContain(secret);
    expect(r.summary).not.toContain(secret);
  }
}
