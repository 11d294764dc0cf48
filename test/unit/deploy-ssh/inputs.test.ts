import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../../lib/errors.js';
import { BASE, config } from './fixtures.js';

async function rejects(record: Record<string, string>): Promise<ConfigurationError> {
  try {
    await config(record);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    const e = error as ConfigurationError;
    expect(e.message).toContain('For example');
    return e;
  }
  throw new Error(`expected a ConfigurationError for ${JSON.stringify(record)}`);
}

describe('deploy-ssh inputs', () => {
  it('reads a script deploy with defaults', async () => {
    const c = await config({ strategy: 'script', script: 'echo hi' });
    expect(c).toMatchObject({
      strategy: 'script',
      appDir: '/srv/shop',
      script: 'echo hi',
      shell: { shell: 'bash', login: false },
      lock: { timeoutMs: 600_000, staleAfterMs: 1_800_000 },
      parallel: 0,
      failFast: true,
      commandTimeoutMs: 600_000,
      hostTimeoutMs: 1_800_000,
      dryRun: false,
      run: { sha: '0123456789abcdef0123456789abcdef01234567', runId: '1000', actor: 'octocat' },
    });
    expect(c.ssh.hosts.map((h) => h.label)).toEqual(['deploy@10.0.0.1', 'deploy@10.0.0.2:2222']);
    expect(c.health).toBeUndefined();
  });

  it('reads compose with a registry login defaulting to the image registry', async () => {
    const c = await config({
      strategy: 'compose',
      image: '127.0.0.1:5000/shop/web:v2',
      'registry-username': 'ops',
      'registry-password': 'pw',
      'health-command': 'curl -fsS localhost/health',
      'health-timeout': '30s',
    });
    expect(c.compose).toEqual({
      settings: { command: ['docker', 'compose'], files: [], envFile: '.env', imageVariable: 'IMAGE' },
      image: '127.0.0.1:5000/shop/web:v2',
      images: { IMAGE: '127.0.0.1:5000/shop/web:v2' },
      login: { registry: '127.0.0.1:5000', username: 'ops', password: 'pw' },
      restoreOnFailure: true,
      blueGreen: undefined,
    });
    expect(c.health).toEqual({ command: 'curl -fsS localhost/health', timeoutMs: 30_000, intervalMs: 2000 });
  });

  it('reads release with a directory or an archive', async () => {
    const c = await config({
      strategy: 'release',
      source: 'dist/',
      shared: '.env\nstorage/',
      'keep-releases': '3',
    });
    expect(c.release).toMatchObject({
      sourceKind: 'directory',
      sourceInput: 'dist/',
      keepReleases: 3,
      shared: [{ path: '.env' }, { path: 'storage', directory: true }],
    });
    expect((await config({ strategy: 'release', source: 'app.tar.gz' })).release?.sourceKind).toBe('archive');
  });

  it.each([
    [{ strategy: 'rsync' }, 'strategy'],
    [{ strategy: '' }, 'strategy'],
    [{ strategy: 'script', script: 'x', 'app-dir': '' }, 'app-dir'],
    [{ strategy: 'script', script: 'x', 'app-dir': '/' }, 'app-dir'],
    [{ strategy: 'script' }, 'script'],
    [{ strategy: 'script', script: 'x', image: 'a:1' }, 'image'],
    [{ strategy: 'compose' }, 'image'],
    [{ strategy: 'compose', image: 'Bad Image' }, 'image'],
    [{ strategy: 'compose', image: 'a:1', 'registry-password': 'pw' }, 'registry-username'],
    [{ strategy: 'compose', image: 'a:1', 'compose-command': 'docker compose; rm -rf /' }, 'compose-command'],
    [{ strategy: 'compose', image: 'a:1', 'image-variable': 'BAD-NAME' }, 'image-variable'],
    [{ strategy: 'release', source: 'missing/' }, 'source'],
    [{ strategy: 'release', source: 'dist/', shared: '../etc' }, 'shared'],
    [{ strategy: 'release', source: 'dist/', 'keep-releases': '0' }, 'keep-releases'],
    [{ strategy: 'script', script: 'x', 'release-id': '../x' }, 'release-id'],
    [{ strategy: 'script', script: 'x', env: 'RELEASE_ID=1' }, 'env'],
    [{ strategy: 'script', script: 'x', env: 'not a pair' }, 'env'],
    [{ strategy: 'script', script: 'x', 'health-timeout': '1m' }, 'health-timeout'],
    [{ strategy: 'script', script: 'x', 'lock-timeout': 'forever' }, 'lock-timeout'],
    [{ strategy: 'script', script: 'x', parallel: 'many' }, 'parallel'],
    [{ strategy: 'script', script: 'x', 'fail-fast': 'yes' }, 'fail-fast'],
    [{ strategy: 'script', script: 'x', 'dry-run': '1' }, 'dry-run'],
    [{ strategy: 'script', script: 'x', shell: 'bash -x' }, 'shell'],
    [{ strategy: 'script', script: 'x', hosts: 'deploy@host:0' }, 'hosts'],
    [{ strategy: 'script', script: 'x', 'private-key': '' }, 'private-key'],
    [{ strategy: 'script', script: 'x', 'host-fingerprint': '' }, 'host-fingerprint'],
  ])('%j fails naming %s', async (record, input) => {
    expect((await rejects(record)).input).toBe(input);
  });

  it('the missing-fingerprint message gives the command to get it', async () => {
    const e = await rejects({ strategy: 'script', script: 'x', 'host-fingerprint': '' });
    expect(e.message).toContain('ssh-keyscan -p 22 10.0.0.1 | ssh-keygen -lf -');
  });

  it('parallel accepts all or a number', async () => {
    expect((await config({ strategy: 'script', script: 'x', parallel: 'all' })).parallel).toBe(0);
    expect((await config({ strategy: 'script', script: 'x', parallel: '2' })).parallel).toBe(2);
  });

  it('reads the GitHub deployment inputs; a bad environment-url is rejected before anything is contacted', async () => {
    expect((await config({ strategy: 'script', script: 'true' })).github).toEqual({
      token: undefined,
      environment: undefined,
      environmentUrl: undefined,
    });
    expect(
      (
        await config({
          strategy: 'script',
          script: 'true',
          'github-token': 'ghs_x',
          environment: 'staging',
          'environment-url': 'https://staging.example.com',
        })
      ).github,
    ).toEqual({ token: 'ghs_x', environment: 'staging', environmentUrl: 'https://staging.example.com' });
    expect(
      (
        await rejects({
          strategy: 'script',
          script: 'true',
          environment: 'staging',
          'environment-url': 'ftp://x',
        })
      ).message,
    ).toContain('environment-url');
  });

  it('BASE has no strategy on purpose', () => {
    expect(Object.keys(BASE)).not.toContain('strategy');
  });
});
