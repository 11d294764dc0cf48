// Helpers for the build-push integration tests: build contexts, the registry's HTTP API, a
// private docker login for the test itself, and extra registry instances on other ports.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadTestEnv } from '../harness/env.js';

export const env = loadTestEnv();
export const REGISTRY = env.registry.host;

const created: string[] = [];

/** A repository name no other test (or engineer) uses. */
export function uniqueRepo(what: string): string {
  const repo = `ops-it/bp-${what}-${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  created.push(repo);
  return repo;
}

/** Removes the images the tests' builds left in the (shared) local Docker daemon. */
export function removeLocalTestImages(): void {
  let ids: string[];
  try {
    ids = execFileSync('docker', ['image', 'ls', '--format', '{{.Repository}} {{.ID}}'], {
      encoding: 'utf8',
      timeout: 60_000,
    })
      .split('\n')
      .filter((line) => created.some((repo) => line.split(' ')[0]?.endsWith(`/${repo}`)))
      .map((line) => line.split(' ')[1] ?? '');
  } catch {
    return;
  }
  // by ID: also the untagged (digest-only) ones; each test image has its own ID (its labels differ)
  for (const id of new Set(ids)) if (id) removeLocalImage(id);
}

export const SCRATCH_DOCKERFILE = 'FROM scratch\nCOPY busybox /bin/busybox\nENTRYPOINT ["/bin/busybox"]\n';

/** A workspace with a FROM scratch + busybox context in `<dir>` for each dir. */
export function makeWorkspace(
  contexts: Record<string, { dockerfile?: string; files?: Record<string, string> }> = { app: {} },
): string {
  const ws = mkdtempSync(join(tmpdir(), 'bp-it-ws-'));
  for (const [dir, c] of Object.entries(contexts)) {
    mkdirSync(join(ws, dir), { recursive: true });
    copyFileSync('/bin/busybox', join(ws, dir, 'busybox'));
    writeFileSync(join(ws, dir, 'Dockerfile'), c.dockerfile ?? SCRATCH_DOCKERFILE);
    for (const [name, content] of Object.entries(c.files ?? {})) writeFileSync(join(ws, dir, name), content);
  }
  return ws;
}

/** A GITHUB_EVENT_PATH payload file. */
export function eventFile(payload: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'bp-it-event-'));
  const path = join(dir, 'event.json');
  writeFileSync(path, JSON.stringify(payload));
  return path;
}

const MANIFEST_TYPES = [
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.index.v1+json',
].join(', ');

function auth(): string {
  return `Basic ${Buffer.from(`${env.registry.username}:${env.registry.password}`).toString('base64')}`;
}

/** GET on the registry's HTTP API with basic auth. */
export async function registryGet(
  path: string,
  opts: { host?: string; accept?: string; anonymous?: boolean } = {},
): Promise<Response> {
  const headers: Record<string, string> = {};
  if (!opts.anonymous) headers['Authorization'] = auth();
  if (opts.accept) headers['Accept'] = opts.accept;
  return fetch(`http://${opts.host ?? REGISTRY}${path}`, { headers, signal: AbortSignal.timeout(15_000) });
}

/** The repository's tags, sorted; [] when the repository does not exist. */
export async function listTags(repo: string, host?: string): Promise<string[]> {
  const r = await registryGet(`/v2/${repo}/tags/list`, { host });
  if (r.status === 404) return [];
  if (!r.ok) throw new Error(`tags/list ${repo}: HTTP ${r.status}`);
  const body = (await r.json()) as { tags?: string[] | null };
  return [...(body.tags ?? [])].sort();
}

/** The manifest digest a tag (or digest) resolves to, and the manifest. */
export async function getManifest(
  repo: string,
  ref: string,
  host?: string,
): Promise<{ digest: string; manifest: { config: { digest: string }; layers: { size: number }[] } }> {
  const r = await registryGet(`/v2/${repo}/manifests/${ref}`, { host, accept: MANIFEST_TYPES });
  if (!r.ok) throw new Error(`manifest ${repo}:${ref}: HTTP ${r.status}`);
  const digest = r.headers.get('docker-content-digest') ?? '';
  return { digest, manifest: (await r.json()) as { config: { digest: string }; layers: { size: number }[] } };
}

/** The image config blob (labels, history) of a tag or digest. */
export async function getImageConfig(
  repo: string,
  ref: string,
  host?: string,
): Promise<
  { config?: { Labels?: Record<string, string> }; history?: { created_by?: string }[] } & Record<
    string,
    unknown
  >
> {
  const { manifest } = await getManifest(repo, ref, host);
  const r = await registryGet(`/v2/${repo}/blobs/${manifest.config.digest}`, { host });
  if (!r.ok) throw new Error(`config blob of ${repo}:${ref}: HTTP ${r.status}`);
  return (await r.json()) as { config?: { Labels?: Record<string, string> } } & Record<string, unknown>;
}

/** Runs docker with a private config logged in to the test registry (the test's own login). */
export function testDocker(args: string[], opts: { timeoutMs?: number } = {}): string {
  const config = mkdtempSync(join(tmpdir(), 'bp-it-docker-'));
  try {
    execFileSync('docker', ['login', '--username', env.registry.username, '--password-stdin', REGISTRY], {
      env: { ...process.env, DOCKER_CONFIG: config },
      input: env.registry.password,
      stdio: ['pipe', 'ignore', 'pipe'],
      timeout: 30_000,
    });
    return execFileSync('docker', args, {
      env: { ...process.env, DOCKER_CONFIG: config },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: opts.timeoutMs ?? 120_000,
    });
  } finally {
    rmSync(config, { recursive: true, force: true });
  }
}

/** Removes an image from the local daemon (so a pull really fetches it); never throws. */
export function removeLocalImage(ref: string): void {
  try {
    execFileSync('docker', ['image', 'rm', '--force', ref], { stdio: 'ignore', timeout: 60_000 });
  } catch {
    /* already gone */
  }
}

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => resolve(port));
    });
  });
}

export interface ExtraRegistry {
  host: string;
  pid: number;
  stop(): Promise<void>;
}

/**
 * Starts another Debian `docker-registry` on 127.0.0.1:<port> with its own storage, the same
 * htpasswd as the environment's registry (so the same credentials), or no auth at all.
 */
export async function startRegistry(port: number, opts: { auth: boolean }): Promise<ExtraRegistry> {
  const dir = mkdtempSync(join(tmpdir(), 'bp-it-registry-'));
  const lines = [
    'version: 0.1',
    'log:',
    '  level: warn',
    '  accesslog:',
    '    disabled: true',
    'storage:',
    '  filesystem:',
    `    rootdirectory: ${join(dir, 'data')}`,
    '  delete:',
    '    enabled: true',
    'http:',
    `  addr: 127.0.0.1:${port}`,
    `  secret: ${randomBytes(16).toString('hex')}`,
  ];
  if (opts.auth) {
    lines.push(
      'auth:',
      '  htpasswd:',
      '    realm: ops-actions-test',
      `    path: ${env.registry.htpasswdPath}`,
    );
  }
  writeFileSync(join(dir, 'config.yml'), `${lines.join('\n')}\n`);
  const child = spawn('docker-registry', ['serve', join(dir, 'config.yml')], { stdio: 'ignore' });
  const pid = child.pid;
  if (pid === undefined) throw new Error('docker-registry did not start');
  const host = `127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      const r = await fetch(`http://${host}/v2/`, { signal: AbortSignal.timeout(2000) });
      if (r.status === 200 || r.status === 401) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline || child.exitCode !== null)
      throw new Error(`registry on ${host} did not start`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    host,
    pid,
    async stop() {
      const running = (): boolean => child.exitCode === null && child.signalCode === null;
      if (running()) {
        const exited = new Promise((r) => child.once('exit', r));
        process.kill(pid, 'SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (running()) process.kill(pid, 'SIGKILL');
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Stands in for a registry that is down: accepts TCP connections on the port and resets them.
 * `firstConnection` resolves when the action first tries; `close()` frees the port.
 */
export async function downRegistry(port: number): Promise<{
  firstConnection: Promise<void>;
  connections: () => number;
  close(): Promise<void>;
}> {
  let count = 0;
  const sockets = new Set<Socket>();
  let first: () => void = () => undefined;
  const firstConnection = new Promise<void>((r) => {
    first = r;
  });
  const server: Server = createServer((socket) => {
    count++;
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.resetAndDestroy();
    first();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    firstConnection,
    connections: () => count,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
