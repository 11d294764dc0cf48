import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type ComposeSettings,
  composeBase,
  DEFAULT_COMPOSE,
  parseImageLine,
  parseImageReference,
  pullCommand,
  readImageScript,
  registryLoginCommand,
  registryOf,
  restoreImageScript,
  setImageScript,
  upCommand,
} from '../../../lib/deploy/compose.js';

const sh = (script: string) => execFileSync('sh', ['-c', script], { encoding: 'utf8' });
const settings = (appDir: string, over: Partial<ComposeSettings> = {}): ComposeSettings => ({
  ...DEFAULT_COMPOSE,
  appDir,
  ...over,
});

describe('compose commands', () => {
  it('are exact and quoted', () => {
    const s = settings('/srv/shop');
    expect(pullCommand(s, { IMAGE: '127.0.0.1:5000/shop:v2' })).toBe(
      'cd /srv/shop && IMAGE=127.0.0.1:5000/shop:v2 docker compose pull --quiet',
    );
    expect(upCommand(s)).toBe('cd /srv/shop && docker compose up -d --remove-orphans --wait');
    expect(
      upCommand(
        settings('/srv/my shop', {
          command: ['docker-compose'],
          files: ['a.yml', 'b c.yml'],
          envFile: 'prod.env',
        }),
      ),
    ).toBe(
      "cd '/srv/my shop' && docker-compose -f a.yml -f 'b c.yml' --env-file prod.env up -d --remove-orphans",
    );
    expect(composeBase(s)).toBe('docker compose');
    expect(registryLoginCommand('ghcr.io', 'octo cat')).toBe(
      "docker login --username 'octo cat' --password-stdin ghcr.io",
    );
  });

  it('validates image references and finds their registry', () => {
    expect(parseImageReference('127.0.0.1:5000/team/app:v2')).toBe('127.0.0.1:5000/team/app:v2');
    expect(parseImageReference(`ghcr.io/acme/shop@sha256:${'a'.repeat(64)}`)).toContain('@sha256:');
    for (const bad of ['', 'UPPER/case', 'app:tag;rm -rf /', 'app $(id)', 'a\nb']) {
      expect(() => parseImageReference(bad)).toThrow(/Input 'image'/);
    }
    expect(registryOf('127.0.0.1:5000/a/b:1')).toBe('127.0.0.1:5000');
    expect(registryOf('ghcr.io/a/b')).toBe('ghcr.io');
    expect(registryOf('localhost/a')).toBe('localhost');
    expect(registryOf('nginx:1')).toBe('docker.io');
    expect(registryOf('library/nginx')).toBe('docker.io');
  });
});

describe('env file edits (run by a real shell)', () => {
  it('set keeps other lines and the mode, replaces IMAGE, and restore puts the old file back', () => {
    const app = mkdtempSync(join(tmpdir(), 'ops-compose-'));
    const env = join(app, '.env');
    writeFileSync(env, 'A=1\nIMAGE=old:1\n# comment\nexport IMAGE = older\nB="two words"\n');
    chmodSync(env, 0o640);
    const s = settings(app);
    expect(parseImageLine(sh(readImageScript(s)))).toBe('older');
    sh(setImageScript(s, 'reg:5000/app:v2'));
    expect(readFileSync(env, 'utf8')).toBe('A=1\n# comment\nB="two words"\nIMAGE=reg:5000/app:v2\n');
    expect(statSync(env).mode & 0o777).toBe(0o640);
    expect(parseImageLine(sh(readImageScript(s)))).toBe('reg:5000/app:v2');
    sh(restoreImageScript(s));
    expect(readFileSync(env, 'utf8')).toBe(
      'A=1\nIMAGE=old:1\n# comment\nexport IMAGE = older\nB="two words"\n',
    );
  });

  it('creates the env file when there is none, and restore removes it again', () => {
    const app = mkdtempSync(join(tmpdir(), 'ops-compose-'));
    const s = settings(app, { envFile: 'deploy.env', imageVariable: 'APP_IMAGE' });
    expect(sh(readImageScript(s))).toBe('');
    sh(setImageScript(s, 'app:1'));
    expect(readFileSync(join(app, 'deploy.env'), 'utf8')).toBe('APP_IMAGE=app:1\n');
    sh(restoreImageScript(s));
    expect(existsSync(join(app, 'deploy.env'))).toBe(false);
  });

  it('a second deploy backs up the file the first one wrote', () => {
    const app = mkdtempSync(join(tmpdir(), 'ops-compose-'));
    mkdirSync(join(app, 'sub'));
    const s = settings(app);
    sh(setImageScript(s, 'app:1'));
    sh(setImageScript(s, 'app:2'));
    sh(restoreImageScript(s));
    expect(readFileSync(join(app, '.env'), 'utf8')).toBe('IMAGE=app:1\n');
  });

  it('reads quoted values as compose does', () => {
    expect(parseImageLine('"a:1"\n')).toBe('a:1');
    expect(parseImageLine("'a:1'")).toBe('a:1');
    expect(parseImageLine('')).toBeUndefined();
  });
});
