import { type SshAuth, SshConnection, type SshLogger } from './connection.js';
import type { SshHost } from './host.js';
import { hostKeyFor, type SshSettings } from './inputs.js';

/**
 * The connections of one run: one per host, opened on first use and reused for every command and
 * transfer; through one shared jump host connection when `jump-host` is set.
 */
export class SshPool {
  private readonly connections = new Map<string, Promise<SshConnection>>();
  private jump: Promise<SshConnection> | undefined;

  constructor(
    readonly settings: SshSettings,
    private readonly opts: { logger?: SshLogger; signal?: AbortSignal } = {},
  ) {}

  /** The connection to `host` (connecting, with retries, the first time). */
  connect(host: SshHost, opts: { auth?: SshAuth; signal?: AbortSignal } = {}): Promise<SshConnection> {
    const existing = this.connections.get(host.label);
    if (existing) return existing;
    const opening = (async () => {
      const via = await this.jumpConnection();
      return SshConnection.connect({
        host,
        auth: opts.auth ?? this.settings.auth,
        hostKey: hostKeyFor(this.settings, host),
        connectTimeoutMs: this.settings.connectTimeoutMs,
        via,
        logger: this.opts.logger,
        signal: opts.signal ?? this.opts.signal,
      });
    })();
    this.connections.set(host.label, opening);
    // a failed connection is not cached: the next call tries again
    opening.catch(() => this.connections.delete(host.label));
    return opening;
  }

  /** The jump host connection, or undefined without `jump-host`. Reconnects when it was closed. */
  async jumpConnection(): Promise<SshConnection | undefined> {
    const jump = this.settings.jump;
    if (!jump) return undefined;
    const current = this.jump ? await this.jump.catch(() => undefined) : undefined;
    if (current && !current.isClosed) return current;
    this.jump = SshConnection.connect({
      host: jump.host,
      auth: jump.auth,
      hostKey: jump.hostKey,
      connectTimeoutMs: this.settings.connectTimeoutMs,
      keyInput: jump.auth.privateKey === this.settings.auth.privateKey ? 'private-key' : 'jump-private-key',
      fingerprintInput: 'jump-host-fingerprint',
      logger: this.opts.logger,
      signal: this.opts.signal,
    });
    return this.jump;
  }

  /** Closes every connection (targets first, then the jump host). Never throws. */
  async closeAll(): Promise<void> {
    const open = [...this.connections.values()];
    this.connections.clear();
    await Promise.all(open.map((p) => p.then((c) => c.close()).catch(() => undefined)));
    if (this.jump) {
      const j = this.jump;
      this.jump = undefined;
      await j.then((c) => c.close()).catch(() => undefined);
    }
  }
}
