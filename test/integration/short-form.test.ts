// `uses: org/ops-actions/smoke-test@v1` as the runner runs it: the runner reads smoke-test/action.yml
// under the repository root (the generated short form), starts `runs.main` relative to THAT file
// on the Node its runs.using names, with an INPUT_* variable for every input (the step's value or
// the default of that same file), and reads GITHUB_OUTPUT. Against a real HTTP server on 127.0.0.1.
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repoRoot, runAction, stageNames } from '../harness/run-action.js';
import { json, startServer, type TestServer } from '../helpers/http-servers.js';

interface ActionYml {
  inputs?: Record<string, { default?: unknown }>;
  runs: { using: string; main: string; post?: string };
}

/** The file the runner loads for `uses: org/ops-actions/<path>@ref`, and the entry it starts. */
function resolveLikeTheRunner(path: string): { file: string; doc: ActionYml; main: string } {
  const file = join(repoRoot, path, 'action.yml');
  if (!existsSync(file)) throw new Error(`Can't find 'action.yml' under '${path}'`);
  const doc = parse(readFileSync(file, 'utf8')) as ActionYml;
  return { file, doc, main: resolve(dirname(file), doc.runs.main) };
}

describe('the short form, run as the runner runs it', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ '/health': json({ status: 'ok', version: 'short-form' }) });
  });
  afterAll(async () => server.close());

  it('every <stage>/action.yml starts the same bundle as actions/<stage>/action.yml', () => {
    for (const stage of stageNames()) {
      const short = resolveLikeTheRunner(stage);
      const long = resolveLikeTheRunner(`actions/${stage}`);
      expect(existsSync(short.main), short.main).toBe(true);
      expect(realpathSync(short.main)).toBe(realpathSync(long.main));
      expect(short.doc.runs.using).toBe('node24');
      if (long.doc.runs.post) expect(resolve(dirname(short.file), short.doc.runs.post ?? '')).toBe(long.main);
    }
  });

  it('uses: org/ops-actions/smoke-test@v1 passes a real health check and writes its outputs', async () => {
    // the harness reads smoke-test/action.yml (its defaults, runs.main relative to it), as the runner does
    const r = await runAction('smoke-test', {
      action: 'smoke-test',
      inputs: { url: server.url('/health'), timeout: '20s' },
    });
    expect(r.exitCode, r.log).toBe(0);
    expect(r.outputs['passed']).toBe('true');
    expect(JSON.parse(r.outputs['report'] ?? '{}')).toMatchObject({ passed: true });
    expect(server.hits('/health').length).toBeGreaterThanOrEqual(1);
  });
});
