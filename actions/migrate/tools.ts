// The migration tools the action knows, as data: a pure function turns the tool and its options
// into the commands to run (unit-tested exactly, printed by dry-run), and pure parsers read what
// each tool prints back into pending / applied migration ids.
import { shellJoin } from '../../lib/quote.js';

export const TOOLS = ['sql', 'alembic', 'prisma', 'node-pg-migrate', 'command'] as const;
export type Tool = (typeof TOOLS)[number];

export type Direction = 'up' | 'down';

/** A command: an argv run without a shell (presets), or a shell line the user wrote (overrides). */
export type Command = { readonly argv: readonly string[] } | { readonly shell: string };

export interface ToolOptions {
  /** `migrations-dir`, when the user gave one (sql has its own default, node-pg-migrate passes it on). */
  migrationsDir?: string | undefined;
  /** With direction down: how many migrations to revert. */
  steps: number;
  /** The user's own `up` / `status` / `down` command lines, replacing the preset's. */
  overrides?: { up?: string | undefined; status?: string | undefined; down?: string | undefined };
}

export interface ToolCommands {
  /** Applies every pending migration. Undefined for `sql`, which the action applies itself. */
  up: Command | undefined;
  /** Lists what is pending (read-only). Undefined when the tool has none (`command` without `status`). */
  status: Command | undefined;
  /** Reverts `steps` migrations. Undefined when the tool has no down (prisma) and none was given. */
  down: Command | undefined;
}

/** The preset commands of each tool, with the user's overrides applied. */
export function toolCommands(tool: Tool, opts: ToolOptions): ToolCommands {
  const preset = presetCommands(tool, opts);
  const o = opts.overrides ?? {};
  return {
    up: o.up ? { shell: o.up } : preset.up,
    status: o.status ? { shell: o.status } : preset.status,
    down: o.down ? { shell: o.down } : preset.down,
  };
}

function presetCommands(tool: Tool, opts: ToolOptions): ToolCommands {
  const steps = String(opts.steps);
  switch (tool) {
    case 'sql':
    case 'command':
      return { up: undefined, status: undefined, down: undefined };
    case 'alembic':
      return {
        up: { argv: ['alembic', 'upgrade', 'head'] },
        // `current:heads` lists the current revision too; --indicate-current marks it, and at base
        // nothing is marked, so the output alone tells what is applied and what is pending.
        status: { argv: ['alembic', 'history', '-r', 'current:heads', '--indicate-current'] },
        down: { argv: ['alembic', 'downgrade', `-${steps}`] },
      };
    case 'prisma':
      // --no-install: use the project's own prisma, never download one during a deploy.
      return {
        up: { argv: ['npx', '--no-install', 'prisma', 'migrate', 'deploy'] },
        status: { argv: ['npx', '--no-install', 'prisma', 'migrate', 'status'] },
        // Prisma has no down migrations: `prisma migrate resolve` only marks, it does not revert.
        down: undefined,
      };
    case 'node-pg-migrate': {
      const dir = opts.migrationsDir ? ['--migrations-dir', opts.migrationsDir] : [];
      const bin = ['npx', '--no-install', 'node-pg-migrate'];
      return {
        up: { argv: [...bin, 'up', ...dir] },
        status: { argv: [...bin, 'up', '--dry-run', ...dir] },
        down: { argv: [...bin, 'down', steps, ...dir] },
      };
    }
  }
}

/** A command as a person would type it, for logs, summaries and dry-run. */
export function commandLine(cmd: Command): string {
  return 'argv' in cmd ? shellJoin(cmd.argv) : cmd.shell;
}

/**
 * SQL that reads the newest applied migration from the tool's own history table — for tools whose
 * status output does not say it. Guarded by to_regclass so a fresh database reads as none.
 */
export function currentMigrationQuery(tool: Tool): string | undefined {
  switch (tool) {
    case 'prisma':
      return `SELECT migration_name AS id FROM _prisma_migrations
        WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL
        ORDER BY finished_at DESC, migration_name DESC LIMIT 1`;
    case 'node-pg-migrate':
      return 'SELECT name AS id FROM pgmigrations ORDER BY run_on DESC, id DESC LIMIT 1';
    default:
      return undefined;
  }
}

/** The table currentMigrationQuery reads, checked with to_regclass first. */
export function historyTableOf(tool: Tool): string | undefined {
  if (tool === 'prisma') return '_prisma_migrations';
  if (tool === 'node-pg-migrate') return 'pgmigrations';
  return undefined;
}

export interface StatusReport {
  /** Ids not yet applied, in the order they will run. */
  pending: string[];
  /** The newest applied id, '' when none, undefined when the output does not say. */
  current?: string | undefined;
}

/**
 * Reads a tool's status output. Undefined when the output is not what the tool prints (a
 * user's own status command, a newer tool version): the action then reports pending as unknown
 * instead of guessing.
 */
export function parseStatus(tool: Tool, output: string): StatusReport | undefined {
  const lines = output.split(/\r?\n/);
  switch (tool) {
    case 'alembic':
      return parseAlembicHistory(lines);
    case 'prisma':
      return parsePrismaStatus(lines);
    case 'node-pg-migrate':
      return parseNodePgMigrateList(lines);
    default:
      return undefined;
  }
}

/**
 * The ids a tool says it applied (up) or reverted (down), in order; undefined when its output
 * does not say (then the action compares pending before and after).
 */
export function parseApplied(tool: Tool, direction: Direction, output: string): string[] | undefined {
  const lines = output.split(/\r?\n/);
  switch (tool) {
    case 'alembic': {
      // INFO  [alembic.runtime.migration] Running upgrade r_a -> r_b, add b
      // INFO  [alembic.runtime.migration] Running downgrade r_b -> r_a, add b
      const re =
        direction === 'up'
          ? /Running upgrade (?:.*?) -> ([^\s,]+)/
          : /Running downgrade ([^\s,]+(?:, [^\s,]+)*) -> /;
      const ids: string[] = [];
      for (const l of lines) {
        const m = re.exec(l);
        if (m?.[1]) ids.push(...m[1].split(', '));
      }
      return ids;
    }
    case 'node-pg-migrate':
      return parseNodePgMigrateList(lines)?.pending;
    case 'prisma': {
      // Applying migration `20240101000000_init`
      const applying = lines
        .map((l) => /Applying migration `([^`]+)`/.exec(l)?.[1])
        .filter((x) => x !== undefined);
      if (applying.length > 0) return applying;
      if (lines.some((l) => /No pending migrations to apply/i.test(l))) return [];
      const start = lines.findIndex((l) => /migration(?:s|\(s\))? have been applied/i.test(l));
      if (start < 0) return undefined;
      const ids: string[] = [];
      for (const l of lines.slice(start + 1)) {
        // migrations/
        //   └─ 20240101000000_init/
        //     └─ migration.sql
        const m = /└─ ([^\s/]+)\/\s*$/.exec(l);
        if (m?.[1]) ids.push(m[1]);
      }
      return ids;
    }
    default:
      return undefined;
  }
}

/**
 * The migration a failed `up` was running, from the tool's output; undefined when it does not say.
 */
export function parseFailedMigration(tool: Tool, output: string): string | undefined {
  const lines = output.split(/\r?\n/);
  let found: string | undefined;
  for (const l of lines) {
    const m =
      tool === 'alembic'
        ? (/Running upgrade (?:.*?) -> ([^\s,]+)/.exec(l) ?? /Running downgrade ([^\s,]+) -> /.exec(l))
        : tool === 'node-pg-migrate'
          ? /### MIGRATION (\S+) \((?:UP|DOWN)\) ###/.exec(l)
          : tool === 'prisma'
            ? (/Migration name: (\S+)/.exec(l) ?? /Applying migration `([^`]+)`/.exec(l))
            : null;
    if (m?.[1]) found = m[1];
  }
  return found;
}

/**
 * `alembic history -r current:heads --indicate-current`, newest first:
 *   r_b -> r_c (head), add c
 *   r_a -> r_b, add b
 *   <base> -> r_a (current), add a
 * Merge revisions read `r_x, r_y -> r_z (head) (mergepoint), msg`.
 */
function parseAlembicHistory(lines: string[]): StatusReport | undefined {
  const entries: { id: string; current: boolean }[] = [];
  for (const l of lines) {
    const m = /^\s*(?:<base>|[^\s]+(?:, [^\s]+)*) -> ([^\s,]+)((?: \([a-z ]+\))*),/.exec(l);
    if (!m?.[1]) continue;
    entries.push({ id: m[1], current: /\(current\)/.test(m[2] ?? '') });
  }
  const nonEmpty = lines.filter((l) => l.trim() !== '' && !/^\s*INFO\b/.test(l));
  if (entries.length === 0 && nonEmpty.length > 0) return undefined;
  const currentIndex = entries.findIndex((e) => e.current);
  // newest first: everything above the current revision is pending; at base, everything is.
  const pending = (currentIndex < 0 ? entries : entries.slice(0, currentIndex)).map((e) => e.id).reverse();
  return { pending, current: currentIndex < 0 ? '' : entries[currentIndex]?.id };
}

/**
 * `prisma migrate status`:
 *   Following migrations have not yet been applied:
 *   20240101000000_init
 *   20240102000000_add_orders
 *
 *   To apply migrations in production run prisma migrate deploy.
 * or `Database schema is up to date!`.
 */
function parsePrismaStatus(lines: string[]): StatusReport | undefined {
  if (lines.some((l) => /Database schema is up to date/i.test(l))) return { pending: [] };
  const start = lines.findIndex((l) => /migrations? ha(?:ve|s) not yet been applied/i.test(l));
  if (start < 0) return undefined;
  const pending: string[] = [];
  for (const l of lines.slice(start + 1)) {
    const t = l.trim();
    if (t === '') {
      if (pending.length > 0) break;
      continue;
    }
    if (!/^[\w.-]+$/.test(t)) break;
    pending.push(t);
  }
  return { pending };
}

/**
 * `node-pg-migrate up --dry-run` (and `up` / `down`):
 *   > Migrating files:
 *   > - 1700000000000_create-users
 * or `No migrations to run!`.
 */
function parseNodePgMigrateList(lines: string[]): StatusReport | undefined {
  if (lines.some((l) => /No migrations to run!/.test(l))) return { pending: [] };
  const start = lines.findIndex((l) => /> Migrating files:/.test(l));
  if (start < 0) return undefined;
  const pending: string[] = [];
  for (const l of lines.slice(start + 1)) {
    const m = /^> - (\S+)\s*$/.exec(l.trim());
    if (!m?.[1]) break;
    pending.push(m[1]);
  }
  return { pending };
}

/**
 * How to revert the migrations a release applied — for rollback: `applied` is that release's
 * `applied` output (JSON-parsed). Reverting N migrations is `direction: down` with `steps: N`; for
 * `sql` the action applies the `.down.sql` files itself (command undefined), for prisma there is no
 * down unless the user gave one (then: restore the backup).
 */
export function revertPlan(
  tool: Tool,
  applied: readonly string[],
  opts: Omit<ToolOptions, 'steps'> = {},
): { steps: number; command: Command | undefined; possible: boolean } {
  const steps = applied.length;
  if (steps === 0) return { steps, command: undefined, possible: true };
  const command = toolCommands(tool, { ...opts, steps }).down;
  return { steps, command, possible: tool === 'sql' || command !== undefined };
}
