// The one app-dir parser every stage that reads app-dir uses (deploy-ssh, rollback), and the per-host
// directory ({host}/{port}).
import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../../lib/errors.js';
import { forHost, hostAppDir, parseAppDir } from '../../../lib/deploy/paths.js';
import { config as deployConfig } from '../deploy-ssh/fixtures.js';
import { sshConfig as rollbackConfig } from '../rollback/fixtures.js';

function refusal(text: string): ConfigurationError {
  try {
    parseAppDir(text);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    return error as ConfigurationError;
  }
  throw new Error(`app-dir '${text}' was accepted`);
}

describe('parseAppDir', () => {
  it('keeps absolute paths and paths relative to the home, normalised', () => {
    expect(parseAppDir('/srv/shop')).toBe('/srv/shop');
    expect(parseAppDir(' /srv/shop/ ')).toBe('/srv/shop');
    expect(parseAppDir('/srv//shop/./api')).toBe('/srv/shop/api');
    expect(parseAppDir('~/apps/shop')).toBe('apps/shop');
    expect(parseAppDir('apps/shop')).toBe('apps/shop');
    expect(parseAppDir('./apps/shop')).toBe('apps/shop');
    expect(parseAppDir('/srv/{host}/app-{port}')).toBe('/srv/{host}/app-{port}');
    expect(parseAppDir('/srv/shop-v2/-x')).toBe('/srv/shop-v2/-x');
  });

  it.each([
    ['./.', /the home directory itself/],
    ['.', /the home directory itself/],
    ['~/.', /the home directory itself/],
    ['~', /the home directory itself/],
    ['./', /the home directory itself/],
    ['/.', /the root directory/],
    ['/', /the root directory/],
    ['//', /the root directory/],
    ['/./.', /the root directory/],
    ['-rf', /must not start with '-'/],
    ['--help', /must not start with '-'/],
    ['./-x', /must not start with '-'/],
    ['~/-x', /must not start with '-'/],
    ['a/../b', /must not contain '\.\.'/],
    ['/srv/..', /must not contain '\.\.'/],
    ['~root/app', /~user paths are not supported/],
    ['', /is required/],
    ['/srv/a\nb', /single line/],
  ])('refuses %j naming app-dir', (text, problem) => {
    const e = refusal(text);
    expect(e.input).toBe('app-dir');
    expect(e.message).toContain("'app-dir'");
    expect(e.message).toMatch(problem);
    expect(e.message).toContain('app-dir: /srv/shop');
  });

  it('names the input it reads', () => {
    expect(() => parseAppDir('./.', 'migrate-working-directory')).toThrow(/migrate-working-directory/);
  });
});

describe('every stage that reads app-dir uses this parser', () => {
  it.each(['./.', '/.', '-x'])('deploy-ssh and rollback refuse %j naming app-dir', async (dir) => {
    await expect(deployConfig({ strategy: 'script', script: 'true', 'app-dir': dir })).rejects.toThrow(
      /Input 'app-dir'/,
    );
    await expect(rollbackConfig({ strategy: 'release', 'app-dir': dir })).rejects.toThrow(/Input 'app-dir'/);
  });
  it('both keep {host} and {port} for the per-host directory', async () => {
    const d = await deployConfig({ strategy: 'script', script: 'true', 'app-dir': '/srv/shop-{port}/' });
    const r = await rollbackConfig({ strategy: 'release', 'app-dir': '/srv/shop-{port}/' });
    expect([d.appDir, r.appDir]).toEqual(['/srv/shop-{port}', '/srv/shop-{port}']);
  });
});

describe('the directory on one host', () => {
  it('{host} and {port} are replaced per host; a config without them is returned as it is', () => {
    expect(hostAppDir('/srv/{host}/app-{port}', { host: 'web-1', port: 2222 })).toBe('/srv/web-1/app-2222');
    const config = { appDir: 'apps/shop-{port}', other: 1 };
    expect(forHost(config, { host: '127.0.0.1', port: 2201 })).toEqual({
      appDir: 'apps/shop-2201',
      other: 1,
    });
    const plain = { appDir: '/srv/shop' };
    expect(forHost(plain, { host: 'h', port: 22 })).toBe(plain);
  });
});
