import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parseMigrateInputs } from '../../../actions/migrate/inputs.js';
import { ConfigurationError } from '../../../lib/errors.js';
import { Inputs, recordInputs } from '../../../lib/inputs.js';

const env = { GITHUB_WORKSPACE: '/work/repo', RUNNER_TEMP: '/runner/tmp' };
const URL = 'postgres://app:pw-secret@db:5432/shop';
// a throwaway ed25519 key, generated for these tests
const KEY = execFileSync(
  'sh',
  ['-c', 'd=$(mktemp -d) && ssh-keygen -q -t ed25519 -N "" -f "$d/k" && cat "$d/k" && rm -r "$d"'],
  {
    encoding: 'utf8',
  },
);
const KEY_PLACEHOLDER = KEY;
const parse = (record: Record<string, string>) => parseMigrateInputs(new Inputs(recordInputs(record)), env);

describe('parseMigrateInputs', () => {
  it('defaults for sql on the runner', async () => {
    const cfg = await parse({ tool: 'sql', 'database-url': URL });
    expect(cfg).toMatchObject({
      tool: 'sql',
      where: 'runner',
      direction: 'up',
      steps: 1,
      dryRun: false,
      backup: true,
      backupDownload: false,
      backupArtifact: undefined,
      workingDirectory: '/work/repo',
      sqlDir: '/work/repo/migrations',
      backupDir: '/runner/tmp/ops-actions-migrate',
      lockTimeoutMs: 600_000,
      timeoutMs: 1_800_000,
      env: {},
    });
    expect(cfg.database?.password).toBe('pw-secret');
    expect(cfg.commands).toEqual({ up: undefined, status: undefined, down: undefined });
  });

  it('paths are relative to the workspace, migrations-dir to working-directory', async () => {
    const cfg = await parse({
      tool: 'sql',
      'database-url': URL,
      'working-directory': 'backend',
      'migrations-dir': 'db/sql',
      'backup-dir': 'backups',
      'lock-timeout': '30s',
      timeout: '2m',
      env: 'APP_ENV=production',
    });
    expect(cfg).toMatchObject({
      workingDirectory: '/work/repo/backend',
      sqlDir: '/work/repo/backend/db/sql',
      backupDir: '/work/repo/backups',
      lockTimeoutMs: 30_000,
      timeoutMs: 120_000,
      env: { APP_ENV: 'production' },
    });
  });

  it('down with steps builds the preset down command', async () => {
    const cfg = await parse({ tool: 'alembic', 'database-url': URL, direction: 'down', steps: '2' });
    expect(cfg.commands.down).toEqual({ argv: ['alembic', 'downgrade', '-2'] });
  });

  it('where ssh: one host, SSH settings from lib/ssh, compose services', async () => {
    const cfg = await parse({
      tool: 'alembic',
      where: 'ssh',
      hosts: 'deploy@app.example.com:2222',
      'private-key': KEY,
      'host-fingerprint': 'SHA256:KKLr06Y8hx/I4t/E29og6vuB7TLw/jfEXwdb0Y6flrc',
      'compose-service': 'backend',
      'compose-file': 'compose.prod.yaml',
      'working-directory': '/srv/shop',
      'database-url': URL,
    });
    expect(cfg.where).toBe('ssh');
    expect(cfg.workingDirectory).toBe('/srv/shop');
    expect(cfg.backupDir).toBe('');
    expect(cfg.remote?.host.label).toBe('deploy@app.example.com:2222');
    expect(cfg.remote?.compose).toEqual({
      command: ['docker', 'compose'],
      files: ['compose.prod.yaml'],
      service: 'backend',
    });
    expect(cfg.remote?.backupCompose).toBeUndefined();
  });

  it.each([
    [
      { tool: 'flyway', 'database-url': URL },
      /Input 'tool': must be one of sql, alembic, prisma, node-pg-migrate, command/,
    ],
    [{ tool: 'sql' }, /Input 'database-url': is required on the runner/],
    [{ tool: 'sql', 'database-url': 'mysql://a@b/c' }, /Input 'database-url': must be a PostgreSQL URL/],
    [{ tool: 'sql', 'database-url': URL, up: 'x' }, /Input 'up': cannot be used with tool 'sql'/],
    [{ tool: 'command', 'database-url': URL }, /Input 'up': is required with tool 'command'/],
    [
      { tool: 'prisma', 'database-url': URL, direction: 'down' },
      /Input 'down': is required to go down with prisma/,
    ],
    [
      { tool: 'alembic', 'database-url': URL, 'migrations-dir': 'x' },
      /Input 'migrations-dir': is read by tools sql and node-pg-migrate only/,
    ],
    [
      { tool: 'alembic', 'database-url': URL, steps: '2' },
      /Input 'steps': only applies with 'direction: down'/,
    ],
    [{ tool: 'alembic', 'database-url': URL, backup: 'yes' }, /Input 'backup': must be 'true' or 'false'/],
    [
      { tool: 'alembic', 'database-url': URL, 'lock-timeout': 'soon' },
      /Input 'lock-timeout': must be a duration/,
    ],
    [
      { tool: 'alembic', where: 'ssh', backup: 'true' },
      /Input 'backup': is true \(the default\) and needs database-url/,
    ],
    [{ tool: 'alembic', where: 'ssh' }, /Input 'backup': is true \(the default\).*or set backup: false/],
    [{ tool: 'sql', where: 'ssh', backup: 'false' }, /Input 'database-url': is required with tool 'sql'/],
    [
      { tool: 'alembic', 'database-url': URL, 'backup-download': 'true' },
      /Input 'backup-download': only applies with where: ssh/,
    ],
    [
      { tool: 'alembic', 'database-url': URL, backup: 'false', 'backup-artifact': 'db' },
      /Input 'backup-artifact': needs backup: true/,
    ],
    [
      { tool: 'alembic', 'database-url': URL, 'backup-artifact': 'db/backup' },
      /Input 'backup-artifact': 'db\/backup' is not a valid artifact name/,
    ],
    [
      { tool: 'alembic', 'database-url': URL, 'backup-artifact': 'db' },
      /Input 'backup-artifact': needs ACTIONS_RUNTIME_TOKEN and ACTIONS_RESULTS_URL/,
    ],
    [
      { tool: 'alembic', 'database-url': URL, 'backup-artifact': 'db', 'backup-retention-days': '91' },
      /Input 'backup-retention-days'/,
    ],
    [
      { tool: 'alembic', 'database-url': URL, hosts: 'a.example.com' },
      /Input 'hosts': is an SSH setting, but 'where' is runner/,
    ],
    [
      {
        tool: 'alembic',
        where: 'ssh',
        hosts: 'd@a.example.com,d@b.example.com',
        'private-key': KEY_PLACEHOLDER,
        'insecure-accept-unknown-host-key': 'true',
        backup: 'false',
      },
      /Input 'hosts': names 2 servers; migrations run once/,
    ],
    [
      {
        tool: 'alembic',
        where: 'ssh',
        hosts: 'd@a.example.com',
        'private-key': KEY_PLACEHOLDER,
        'insecure-accept-unknown-host-key': 'true',
        'compose-service': 'x y',
        backup: 'false',
      },
      /Input 'compose-service': 'x y' is not a compose service name/,
    ],
  ])('rejects %j', async (record, message) => {
    await expect(parse(record as Record<string, string>)).rejects.toThrow(ConfigurationError);
    await expect(parse(record as Record<string, string>)).rejects.toThrow(message);
  });

  it('backup-artifact: where ssh downloads the dump first; the runtime token must be there', async () => {
    const cfg = await parseMigrateInputs(
      new Inputs(
        recordInputs({
          tool: 'alembic',
          where: 'ssh',
          'database-url': URL,
          hosts: 'd@a.example.com',
          'private-key': KEY_PLACEHOLDER,
          'insecure-accept-unknown-host-key': 'true',
          'backup-artifact': 'db-backup-1',
        }),
      ),
      { ...env, ACTIONS_RUNTIME_TOKEN: 't', ACTIONS_RESULTS_URL: 'http://127.0.0.1:1/' },
    );
    expect(cfg).toMatchObject({
      backup: true,
      backupDownload: true,
      localBackupDir: '/runner/tmp/ops-actions-migrate',
      backupArtifact: { name: 'db-backup-1', retentionDays: 7 },
    });
  });
});
