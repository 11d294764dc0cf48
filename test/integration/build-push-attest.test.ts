// build-push attest: true as the runner runs it. Without the job's OIDC token (no
// `permissions: id-token: write`) the step fails before anything is built or pushed, and says which
// permissions to give. (Signing needs Fulcio/Rekor and GitHub's token service: not reachable here.)
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAction } from '../harness/run-action.js';

describe('build-push attest', () => {
  it('without ACTIONS_ID_TOKEN_REQUEST_URL: fails before building, naming attest and the permissions', async () => {
    const ws = mkdtempSync(join(tmpdir(), 'ops-attest-'));
    mkdirSync(join(ws, 'app'));
    writeFileSync(join(ws, 'app', 'Dockerfile'), 'FROM scratch\nCOPY Dockerfile /\n');
    const r = await runAction('build-push', {
      workspace: ws,
      inputs: {
        image: '127.0.0.1:5000/ops-attest-never-built',
        context: 'app',
        attest: 'true',
        'attest-token': 't',
      },
      env: { ACTIONS_ID_TOKEN_REQUEST_URL: '', ACTIONS_ID_TOKEN_REQUEST_TOKEN: '' },
    });
    expect(r.exitCode).toBe(1);
    const error = r.errors.join('\n');
    expect(error).toContain("Input 'attest': needs the job's OIDC token");
    expect(error).toContain('id-token: write');
    expect(r.log).not.toMatch(/docker buildx build|Commands/);
    expect(r.outputs['digest'] ?? '').toBe('');
  });

  it('attest-push without attest: fails before building, naming attest-push', async () => {
    const ws = mkdtempSync(join(tmpdir(), 'ops-attest-'));
    mkdirSync(join(ws, 'app'));
    writeFileSync(join(ws, 'app', 'Dockerfile'), 'FROM scratch\nCOPY Dockerfile /\n');
    const r = await runAction('build-push', {
      workspace: ws,
      inputs: { image: '127.0.0.1:5000/ops-attest-never-built', context: 'app', 'attest-push': 'true' },
    });
    expect(r.exitCode).toBe(1);
    expect(r.errors.join('\n')).toContain(
      "Input 'attest-push': pushes the attestation that attest: true makes",
    );
    expect(r.log).not.toMatch(/docker buildx build|Commands/);
  });

  it('dry run with attest-push: says the attestation would be pushed', async () => {
    const ws = mkdtempSync(join(tmpdir(), 'ops-attest-'));
    mkdirSync(join(ws, 'app'));
    writeFileSync(join(ws, 'app', 'Dockerfile'), 'FROM scratch\nCOPY Dockerfile /\n');
    const r = await runAction('build-push', {
      workspace: ws,
      inputs: {
        image: '127.0.0.1:5000/ops-attest-never-built',
        context: 'app',
        attest: 'true',
        'attest-push': 'true',
        username: 'ops',
        password: 'not-used-in-a-dry-run',
        'dry-run': 'true',
      },
    });
    expect(r.exitCode, r.log).toBe(0);
    expect(r.log).toContain(
      "attest-push: true — each attestation would be pushed to its image's repository.",
    );
    expect(r.log).not.toContain('not-used-in-a-dry-run');
  });
});
