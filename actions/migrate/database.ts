// Connections to the database being migrated (node-postgres), with retries for a database that is
// still starting and no retries for a wrong password.
import pg from 'pg';
import { errorMessage, OperationError } from '../../lib/errors.js';
import { retry } from '../../lib/retry.js';
import type { DatabaseUrl } from './database-url.js';

export interface ConnectOptions {
  applicationName: string;
  /** Give up connecting after this long (ms), retrying refused connections and a starting server. */
  deadlineMs?: number;
  log?: (line: string) => void;
}

/** PostgreSQL errors worth retrying: the server is starting, shutting down or out of connections. */
const RETRYABLE_SQLSTATE = new Set(['57P03', '53300', '08006', '08001', '08004']);
const RETRYABLE_ERRNO = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'EAI_AGAIN']);

export function isRetryableConnectError(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  if (typeof code === 'string') return RETRYABLE_SQLSTATE.has(code) || RETRYABLE_ERRNO.has(code);
  return /timeout|terminated unexpectedly/i.test(errorMessage(error));
}

export async function connectDatabase(db: DatabaseUrl, opts: ConnectOptions): Promise<pg.Client> {
  try {
    return await retry(
      async () => {
        const client = new pg.Client({
          connectionString: db.url,
          application_name: opts.applicationName,
          connectionTimeoutMillis: 15_000,
          // a peer that vanished (a dropped tunnel, a failover) is noticed on an idle session too
          keepAlive: true,
        });
        // A connection that dies later must not crash the process: the next query fails instead.
        client.on('error', () => undefined);
        try {
          await client.connect();
          return client;
        } catch (error) {
          await client.end().catch(() => undefined);
          throw error;
        }
      },
      {
        deadlineMs: opts.deadlineMs ?? 30_000,
        isRetryable: isRetryableConnectError,
        onRetry: ({ attempt, error, delayMs }) =>
          opts.log?.(
            `Connecting to ${db.display} failed (attempt ${attempt}: ${errorMessage(error)}); retrying in ${delayMs}ms.`,
          ),
      },
    );
  } catch (error) {
    throw new OperationError(
      `Cannot connect to the database ${db.display}${db.user ? ` as ${db.user}` : ''}: ${errorMessage(error)}. ` +
        'Check database-url (host, port, user, password) and that the database accepts connections from here.',
    );
  }
}
