import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readRollbackInputs, parseTo } from '../../../actions/rollback/inputs.js';
import { readProvenanceInputs } from '../../../lib/provenance/inputs.js';
import { readMigrateDown } from '../../../actions/rollback/migrate-down.js';
import { readKoyebRollbackInputs } from '../../../actions/rollback/rollback-koyeb.js';
import { readGithubDeploymentInputs } from '../../../lib/github/deployments.js';
import { Inputs, recordInputs } from '../../../lib/inputs.js';
import { SSH_INPUT_NAMES } from '../../../lib/ssh/inputs.js';
import { repoRoot } from '../../harness/run-action.js';
import { BASE, config, FP, KEY, RUN_ENV, sshConfig } from './fixtures.js';

interface ActionYml {
  name: string;
  inputs: Record<string, { description: string; required?: boolean; default?: string }>;
  outputs: Record<string, { description: string }>;
  runs: Record<string, string>;
}
const yml = parse(readFileSync(join(repoRoot, 'actions', 'rollback', 'action.yml'), 'utf8')) as ActionYml;

/** Every input name the stage reads (main reads the Koyeb, migrate and GitHub inputs only when used). */
async function namesRead(records: Record<string, string>[]): Promise<Set<string>> {
  const read = new Set<string>();
  for (const record of records) {
    const inputs = new Inputs((name) => {
      read.add(name);
      return (record[name] ?? '').trim();
    });
    const c = await readRollbackInputs(inputs, RUN_ENV);
    if (c.target === 'koyeb') readKoyebRollbackInputs(inputs);
    if (c.migrateDown) {
      await readMigrateDown(inputs, {
        target: c.target,
        appDir: c.ssh?.appDir,
        compose: c.ssh?.compose?.settings,
        env: RUN_ENV,
      });
    }
    if (c.github) readGithubDeploymentInputs(inputs);
    readProvenanceInputs(inputs, RUN_ENV);
  }
  return read;
}

describe('action.yml', () => {
  it('declares exactly the inputs the code reads, the SSH ones included', async () => {
    const migrate = {
      'migrate-down': 'true',
      'migrate-tool': 'sql',
      'migrate-applied': '["0002_x"]',
      'database-url': 'postgres://u:p@127.0.0.1/db',
    };
    const read = await namesRead([
      {
        ...BASE,
        strategy: 'compose',
        'health-command': 'true',
        'registry-username': 'u',
        'registry-password': 'p',
        ...migrate,
        'migrate-where': 'ssh',
      },
      {
        ...BASE,
        strategy: 'release',
        'jump-host': 'deploy@bastion',
        'jump-private-key': KEY,
        'jump-host-fingerprint': FP,
        'github-token': 't',
        environment: 'production',
      },
      { target: 'koyeb', 'api-token': 't', 'service-id': 's' },
      {
        target: 'koyeb',
        'api-token': 't',
        'service-id': 's',
        'verify-provenance': 'true',
        'provenance-repository': 'a/b',
      },
    ]);
    expect([...read].sort()).toEqual(Object.keys(yml.inputs).sort());
    for (const name of SSH_INPUT_NAMES) expect(Object.keys(yml.inputs)).toContain(name);
  });

  it('every description states the default; no default that would make an input look given; runs node24 with a post step', () => {
    for (const [name, input] of Object.entries(yml.inputs)) {
      expect(input.description, name).toMatch(/Default: |Required/);
      expect(input.default, name).toBeUndefined();
    }
    expect(Object.keys(yml.outputs).sort()).toEqual([
      'duration-ms',
      'migrations-reverted',
      'rolled-back-from',
      'rolled-back-to',
      'services',
    ]);
    expect(yml.name).toBe('ops-actions: rollback');
    expect(yml.runs).toEqual({
      using: 'node24',
      main: '../../dist/rollback/index.js',
      post: '../../dist/rollback/index.js',
      'post-if': 'always()',
    });
  });
});

describe('readRollbackInputs', () => {
  it('target ssh, strategy compose: defaults', async () => {
    const c = await config({ ...BASE, strategy: 'compose' });
    expect(c).toMatchObject({
      target: 'ssh',
      to: { kind: 'previous' },
      dryRun: false,
      migrateDown: false,
      github: false,
    });
    expect(c.reason).toBe('rolled back by Deploy run 1000 (octocat)');
    expect(c.ssh).toMatchObject({
      strategy: 'compose',
      appDir: '/srv/shop',
      compose: {
        settings: { command: ['docker', 'compose'], files: [], envFile: '.env', imageVariable: 'IMAGE' },
        login: undefined,
      },
      lock: { timeoutMs: 600_000, staleAfterMs: 1_800_000 },
      commandTimeoutMs: 600_000,
      health: undefined,
      shell: { shell: 'bash', login: false },
    });
    expect(c.ssh?.ssh.hosts.map((h) => h.label)).toEqual(['deploy@10.0.0.1', 'deploy@10.0.0.2:2222']);
  });

  it('to: previous, a release id, an image reference, a sha; nothing else', () => {
    expect(parseTo('')).toEqual({ kind: 'previous' });
    expect(parseTo('Previous')).toEqual({ kind: 'previous' });
    expect(parseTo('20250314T101500Z-0123abc')).toEqual({ kind: 'named', value: '20250314T101500Z-0123abc' });
    expect(parseTo(' ghcr.io/acme/shop@sha256:abc ')).toEqual({
      kind: 'named',
      value: 'ghcr.io/acme/shop@sha256:abc',
    });
    expect(() => parseTo('v1; rm -rf /')).toThrow(
      /Input 'to': 'v1; rm -rf \/' is neither 'previous' nor a release id/,
    );
    expect(() => parseTo('two\nlines')).toThrow(/Input 'to'/);
  });

  it('refuses what cannot be rolled back and inputs of the other target or strategy, naming them', async () => {
    await expect(config({ ...BASE, strategy: 'script' })).rejects.toThrow(
      /Input 'strategy': script deploys cannot be rolled back/,
    );
    await expect(config({ ...BASE })).rejects.toThrow(
      /Input 'strategy': is required: one of compose, release/,
    );
    await expect(config({ ...BASE, strategy: 'compose', 'api-token': 'x' })).rejects.toThrow(
      /Input 'api-token': is not used with target 'ssh'/,
    );
    await expect(config({ target: 'koyeb', 'api-token': 'x', hosts: 'a@b' })).rejects.toThrow(
      /Input 'hosts': is not used with target 'koyeb'/,
    );
    await expect(config({ ...BASE, strategy: 'compose', 'after-switch': 'x' })).rejects.toThrow(
      /Input 'after-switch': is only used by strategy 'release', but strategy is 'compose'/,
    );
    await expect(config({ ...BASE, strategy: 'release', 'image-variable': 'X' })).rejects.toThrow(
      /Input 'image-variable': is only used by strategy 'compose'/,
    );
    await expect(config({ ...BASE, strategy: 'release', 'health-timeout': '5s' })).rejects.toThrow(
      /Input 'health-timeout': is set but 'health-command' is not/,
    );
    await expect(config({ ...BASE, strategy: 'release', env: 'RELEASE_ID=x' })).rejects.toThrow(
      /Input 'env': RELEASE_ID is set by the action/,
    );
    await expect(config({ ...BASE, strategy: 'release', 'dry-run': 'yes' })).rejects.toThrow(
      /Input 'dry-run': must be 'true' or 'false'/,
    );
    await expect(config({ ...BASE, strategy: 'release', 'database-url': 'postgres://x' })).rejects.toThrow(
      /Input 'database-url': is set but 'migrate-down' is not true/,
    );
    await expect(config({ strategy: 'release', 'app-dir': '/srv/x' })).rejects.toThrow(
      /Input 'hosts': is required/,
    );
  });

  it('registry login: both or neither; the password masked', async () => {
    expect(
      (await sshConfig({ strategy: 'compose', 'registry-username': 'u', 'registry-password': 'p' })).compose
        ?.login,
    ).toEqual({
      registry: undefined,
      username: 'u',
      password: 'p',
    });
    await expect(sshConfig({ strategy: 'compose', 'registry-username': 'u' })).rejects.toThrow(
      /Input 'registry-password': is required/,
    );
    await expect(sshConfig({ strategy: 'compose', registry: 'ghcr.io' })).rejects.toThrow(
      /Input 'registry-username': and 'registry-password'/,
    );
  });

  it('target koyeb: the same service inputs as deploy-koyeb', async () => {
    const inputs = new Inputs(
      recordInputs({
        target: 'koyeb',
        'api-token': 't',
        app: 'shop',
        service: 'web',
        'api-url': 'http://127.0.0.1:9',
      }),
    );
    expect((await readRollbackInputs(inputs, RUN_ENV)).ssh).toBeUndefined();
    expect(readKoyebRollbackInputs(inputs)).toEqual({
      token: 't',
      apiUrl: 'http://127.0.0.1:9',
      service: { app: 'shop', service: 'web' },
      timeoutMs: 600_000,
      pollIntervalMs: 5000,
    });
    expect(() =>
      readKoyebRollbackInputs(new Inputs(recordInputs({ 'api-token': 't', app: 'shop' }))),
    ).toThrow(/Input 'service': is required with the other/);
    expect(() =>
      readKoyebRollbackInputs(
        new Inputs(recordInputs({ 'api-token': 't', 'service-id': 's', 'api-url': 'http://example.com' })),
      ),
    ).toThrow(/Input 'api-url': must be an https:\/\/ URL/);
  });
});
