// The harness runs each bundle on the Node that its action.yml's runs.using names (node24), as the
// runner does — and refuses to run it on another major by mistake.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { actionNode, bundledNodePath, repoRoot, runAction, stageNames } from '../../harness/run-action.js';

const STAGES = stageNames();
const saved = process.env['OPS_ACTIONS_NODE'];
afterEach(() => {
  if (saved === undefined) delete process.env['OPS_ACTIONS_NODE'];
  else process.env['OPS_ACTIONS_NODE'] = saved;
});

describe('the Node the bundles run on', () => {
  it.each(STAGES)('%s declares node24 and the harness picks a Node 24', (stage) => {
    const doc = parse(readFileSync(join(repoRoot, 'actions', stage, 'action.yml'), 'utf8')) as {
      runs: { using: string };
    };
    expect(doc.runs.using).toBe('node24');
    const node = actionNode(stage);
    expect(execFileSync(node, ['-p', 'process.version'], { encoding: 'utf8' })).toMatch(/^v24\./);
  });

  it('a bundle run reports the v24 it ran on (the step really ran there)', async () => {
    // smoke-test with no url fails at once, before any network: enough to start the bundle
    const r = await runAction('smoke-test', { inputs: {} });
    expect(r.exitCode).toBe(1);
    expect(r.errors[0]).toContain("Input 'url'");
    expect(r.node).toEqual({ path: bundledNodePath, version: expect.stringMatching(/^v24\./) as string });
  });

  it('OPS_ACTIONS_NODE pointing at another major (this Node 20 by mistake) fails before the action runs', async () => {
    process.env['OPS_ACTIONS_NODE'] = process.execPath;
    if (process.version.startsWith('v24.')) return expect(actionNode('smoke-test')).toBe(process.execPath);
    await expect(runAction('smoke-test', { inputs: { url: 'http://127.0.0.1:9/' } })).rejects.toThrow(
      `actions/smoke-test/action.yml runs on node24, but ${process.execPath} is Node ${process.version}`,
    );
  });

  it('a missing OPS_ACTIONS_NODE is named', () => {
    process.env['OPS_ACTIONS_NODE'] = '/nonexistent/node';
    expect(() => actionNode('migrate')).toThrow('OPS_ACTIONS_NODE=/nonexistent/node does not exist');
  });
});
