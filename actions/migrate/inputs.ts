// Every input of the migrate stage, parsed and validated into one object before anything connects.
import { isAbsolute, resolve } from 'node:path';
import { ConfigurationError } from '../../lib/errors.js';
import type { Inputs } from '../../lib/inputs.js';
import { maskUrlCredentials } from '../../lib/secrets.js';
import type { SshHost } from '../../lib/ssh/host.js';
import { readSshInputs, type SshSettings } from '../../lib/ssh/inputs.js';
import { type ArtifactSettings, checkArtifactRuntime, validateArtifactName } from './backup-artifact.js';
import { type DatabaseUrl, parseDatabaseUrl } from './database-url.js';
import type { ComposeTarget, SwarmServiceTarget } from './remote-plan.js';
import { type Direction, TOOLS, type Tool, type ToolCommands, toolCommands } from './tools.js';

export const WHERE = ['runner', 'ssh'] as const;
export type Where = (typeof WHERE)[number];

export interface MigrateInputs {
  tool: Tool;
  where: Where;
  direction: Direction;
  steps: number;
  dryRun: boolean;
  backup: boolean;
  database: DatabaseUrl | undefined;
  commands: ToolCommands;
  /** Runner: absolute. Server (ssh): as given, '' = the SSH user's home. */
  workingDirectory: string;
  /** sql: the folder of .sql files on the runner (absolute). */
  sqlDir: string | undefined;
  /** migrations-dir as given (node-pg-migrate: relative to working-directory, where the tool runs). */
  migrationsDir: string | undefined;
  /** Runner: absolute (default $RUNNER_TEMP/ops-actions-migrate). Server: as given. */
  backupDir: string;
  /** where: ssh — bring the server's dump back to the runner (SFTP) into localBackupDir. */
  backupDownload: boolean;
  /** On the runner, absolute: where a downloaded dump is written ($RUNNER_TEMP/ops-actions-migrate). */
  localBackupDir: string;
  /** Keep the dump as a workflow artifact (the runner's copy: taken there, or downloaded). */
  backupArtifact: ArtifactSettings | undefined;
  lockTimeoutMs: number;
  timeoutMs: number;
  /** Extra variables for the tool's commands. */
  env: Record<string, string>;
  /** where: ssh — the server, and the compose services the tool and pg_dump run in. */
  remote: RemoteInputs | undefined;
}

export interface RemoteInputs {
  ssh: SshSettings;
  host: SshHost;
  compose: ComposeTarget | undefined;
  backupCompose: ComposeTarget | undefined;
  /** swarm-service: run the tool in a one-off container of this Swarm service's image. */
  swarm?: SwarmServiceTarget | undefined;
}

export const COMPOSE_INPUT_NAMES = [
  'compose-service',
  'swarm-service',
  'backup-compose-service',
  'compose-file',
  'compose-command',
] as const;

const SERVICE_RE = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;

async function readRemoteInputs(inputs: Inputs): Promise<RemoteInputs> {
  const ssh = await readSshInputs(inputs);
  const [host, ...more] = ssh.hosts;
  if (!host || more.length > 0) {
    throw new ConfigurationError(
      'hosts',
      `names ${ssh.hosts.length} servers; migrations run once, on one server (the database is shared). Give the one to run the tool on.`,
      'hosts: deploy@app-1.example.com',
    );
  }
  const commandText = inputs.string('compose-command', { default: 'docker compose' });
  const command = commandText.split(/\s+/).filter(Boolean);
  if (command.length === 0 || command.some((w) => !/^[A-Za-z0-9_./-]+$/.test(w))) {
    throw new ConfigurationError(
      'compose-command',
      `'${commandText}' must be a program and its words, such as 'docker compose' or 'docker-compose'.`,
      'compose-command: docker-compose',
    );
  }
  const files = inputs.list('compose-file');
  for (const f of files) {
    if (/[\n\0]/.test(f) || f.split('/').includes('..')) {
      throw new ConfigurationError(
        'compose-file',
        `'${f}' must be a path relative to working-directory, without '..'.`,
        'compose-file: compose.production.yaml',
      );
    }
  }
  const service = (name: string): ComposeTarget | undefined => {
    const v = inputs.optionalString(name);
    if (v === undefined) return undefined;
    if (!SERVICE_RE.test(v)) {
      throw new ConfigurationError(name, `'${v}' is not a compose service name.`, `${name}: backend`);
    }
    return { command, files, service: v };
  };
  const swarmText = inputs.optionalString('swarm-service');
  if (swarmText !== undefined && !SERVICE_RE.test(swarmText)) {
    throw new ConfigurationError(
      'swarm-service',
      `'${swarmText}' is not a Swarm service name (<stack>_<service>, as docker service ls shows it).`,
      'swarm-service: shop_web',
    );
  }
  const compose = service('compose-service');
  if (swarmText !== undefined && compose) {
    throw new ConfigurationError(
      'swarm-service',
      "and 'compose-service' both say where the tool runs; give one of them.",
      'swarm-service: shop_web',
    );
  }
  return {
    ssh,
    host,
    compose,
    backupCompose: service('backup-compose-service'),
    ...(swarmText !== undefined ? { swarm: { service: swarmText } } : {}),
  };
}

/**
 * Reads every input. `env` is the process environment (GITHUB_WORKSPACE, RUNNER_TEMP), injected
 * so tests can give their own. Async: with where: ssh, ssh2's key parser loads to check the key.
 */
export async function parseMigrateInputs(
  inputs: Inputs,
  env: NodeJS.ProcessEnv = process.env,
): Promise<MigrateInputs> {
  const tool = inputs.choice('tool', TOOLS);
  const where = inputs.choice('where', WHERE, 'runner');
  const direction = inputs.choice('direction', ['up', 'down'] as const, 'up');
  const steps = inputs.integer('steps', 1, { min: 1, max: 1000 });
  if (inputs.has('steps') && direction === 'up') {
    throw new ConfigurationError(
      'steps',
      "only applies with 'direction: down'.",
      'direction: down\nsteps: 2',
    );
  }
  const dryRun = inputs.boolean('dry-run', false);
  const backup = inputs.boolean('backup', true);

  const rawUrl = inputs.raw('database-url');
  maskUrlCredentials(rawUrl);
  const database = rawUrl ? parseDatabaseUrl(rawUrl) : undefined;

  if (where === 'runner' && !database) {
    throw new ConfigurationError(
      'database-url',
      'is required on the runner: the tool connects with it, and the migration lock and the backup use it.',
      `database-url: \${{ secrets.DATABASE_URL }}`,
    );
  }
  if (!database && backup) {
    throw new ConfigurationError(
      'backup',
      'is true (the default) and needs database-url (the database as the server reaches it) to know what to dump. ' +
        'Give database-url, or set backup: false to migrate without a backup.',
      `database-url: \${{ secrets.DATABASE_URL }}  # postgres://app:secret@127.0.0.1:5432/app`,
    );
  }
  if (!database && tool === 'sql') {
    throw new ConfigurationError(
      'database-url',
      "is required with tool 'sql': the action applies the files itself.",
      `database-url: \${{ secrets.DATABASE_URL }}`,
    );
  }

  const migrationsDir = inputs.optionalString('migrations-dir');
  const overrides = {
    up: inputs.optionalString('up'),
    status: inputs.optionalString('status'),
    down: inputs.optionalString('down'),
  };
  if (tool === 'sql') {
    for (const name of ['up', 'status', 'down'] as const) {
      if (overrides[name] !== undefined) {
        throw new ConfigurationError(
          name,
          "cannot be used with tool 'sql', which applies the files itself. Use tool: command to run your own commands.",
          'tool: command\nup: ./scripts/migrate.sh',
        );
      }
    }
  }
  if (migrationsDir !== undefined && tool !== 'sql' && tool !== 'node-pg-migrate') {
    throw new ConfigurationError(
      'migrations-dir',
      `is read by tools sql and node-pg-migrate only; ${tool} finds its migrations in its own configuration.`,
      `working-directory: backend   # where ${tool === 'alembic' ? 'alembic.ini' : tool === 'prisma' ? 'package.json' : 'your tool'} is`,
    );
  }
  const commands = toolCommands(tool, { migrationsDir, steps, overrides });
  if (tool === 'command' && direction === 'up' && !commands.up) {
    throw new ConfigurationError('up', "is required with tool 'command'.", 'up: ./scripts/migrate.sh');
  }
  if (tool !== 'sql' && direction === 'down' && !commands.down) {
    throw new ConfigurationError(
      'down',
      tool === 'prisma'
        ? 'is required to go down with prisma, which has no down migrations. Give your own revert command, or restore the backup.'
        : `is required with tool '${tool}' and direction: down.`,
      'down: ./scripts/revert-last-migration.sh',
    );
  }

  const workspace = env['GITHUB_WORKSPACE'] || process.cwd();
  const wd = inputs.optionalString('working-directory');
  const workingDirectory = where === 'runner' ? resolve(workspace, wd ?? '.') : (wd ?? '');
  const sqlDir =
    tool === 'sql'
      ? resolve(where === 'runner' ? workingDirectory : workspace, migrationsDir ?? 'migrations')
      : undefined;

  const backupDirInput = inputs.optionalString('backup-dir');
  const backupDir =
    where === 'runner'
      ? resolve(workspace, backupDirInput ?? resolve(env['RUNNER_TEMP'] || '/tmp', 'ops-actions-migrate'))
      : (backupDirInput ?? '');
  if (where === 'ssh' && backupDirInput !== undefined && /[\n\0]/.test(backupDirInput)) {
    throw new ConfigurationError('backup-dir', 'must be a single-line path.', 'backup-dir: /var/backups/app');
  }

  const localBackupDir = resolve(env['RUNNER_TEMP'] || '/tmp', 'ops-actions-migrate');
  const artifactName = inputs.optionalString('backup-artifact');
  const retentionDays = inputs.integer('backup-retention-days', 7, { min: 1, max: 90 });
  const backupDownload = inputs.boolean('backup-download', artifactName !== undefined && where === 'ssh');
  if (inputs.has('backup-download') && backupDownload && where !== 'ssh') {
    throw new ConfigurationError(
      'backup-download',
      'only applies with where: ssh (on the runner the dump is written on the runner already).',
      'where: ssh\nbackup-download: true',
    );
  }
  if (artifactName !== undefined && where === 'ssh' && !backupDownload) {
    throw new ConfigurationError(
      'backup-download',
      'is false, but backup-artifact needs the dump on the runner to upload it. Remove backup-download: false.',
      'backup-download: true',
    );
  }
  if ((artifactName !== undefined || backupDownload) && !backup) {
    throw new ConfigurationError(
      artifactName !== undefined ? 'backup-artifact' : 'backup-download',
      'needs backup: true (there is no dump to keep otherwise).',
      'backup: true',
    );
  }
  if (artifactName !== undefined) {
    validateArtifactName(artifactName);
    checkArtifactRuntime(env);
  }

  const lockTimeoutMs = inputs.duration('lock-timeout', '10m', { min: 0, max: 6 * 3_600_000 });
  const timeoutMs = inputs.duration('timeout', '30m', { min: 1000, max: 6 * 3_600_000 });
  const toolEnv = inputs.keyValues('env');
  const remote = where === 'ssh' ? await readRemoteInputs(inputs) : undefined;
  if (where === 'runner') {
    // (inputs with a default in action.yml are always set, so only those without one are checked)
    for (const name of [
      'hosts',
      'private-key',
      'jump-host',
      'compose-service',
      'swarm-service',
      'backup-compose-service',
      'compose-file',
    ]) {
      if (inputs.has(name)) {
        throw new ConfigurationError(
          name,
          "is an SSH setting, but 'where' is runner. Set where: ssh to run the tool on the server.",
          'where: ssh\nhosts: deploy@app.example.com',
        );
      }
    }
  }

  return {
    tool,
    where,
    direction,
    steps,
    dryRun,
    backup,
    database,
    commands,
    workingDirectory,
    sqlDir,
    migrationsDir,
    backupDir: isAbsolute(backupDir) || where === 'ssh' ? backupDir : resolve(workspace, backupDir),
    backupDownload,
    localBackupDir,
    backupArtifact: artifactName === undefined ? undefined : { name: artifactName, retentionDays },
    remote,
    lockTimeoutMs,
    timeoutMs,
    env: toolEnv,
  };
}
