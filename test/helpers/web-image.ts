// A tiny HTTP server image for compose tests: FROM scratch with the static busybox of Debian's
// busybox-static, serving /www (with /health holding the version) via `busybox httpd`.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadTestEnv } from '../harness/env.js';

export const BUSYBOX = '/bin/busybox';
/** Where an image built with `reuseport: true` holds examples/swarm/reuseport-httpd. */
export const REUSEPORT_HTTPD = '/reuseport-httpd';
const REUSEPORT_SOURCE = fileURLToPath(new URL('../../examples/swarm/reuseport-httpd.c', import.meta.url));

function docker(args: string[], input?: string): string {
  return execFileSync('docker', args, { encoding: 'utf8', input, stdio: ['pipe', 'pipe', 'pipe'] });
}

/** Logs the local docker CLI in to the test registry (password over stdin). */
export function registryLogin(): void {
  const { registry } = loadTestEnv();
  docker(['login', '--username', registry.username, '--password-stdin', registry.host], registry.password);
}

/**
 * Builds `<registry>/<repo>:<version>` and pushes it. `/health` holds the version unless
 * `healthy` is false (then there is none, and the compose healthcheck fails).
 */
export function buildWebImage(
  repo: string,
  version: string,
  opts: { healthy?: boolean; files?: Record<string, string>; reuseport?: boolean } = {},
): string {
  const { registry } = loadTestEnv();
  const image = `${registry.host}/${repo}:${version}`;
  const ctx = mkdtempSync(join(tmpdir(), 'ops-web-image-'));
  try {
    copyFileSync('/usr/bin/busybox', join(ctx, 'busybox'));
    // reuseport: also /reuseport-httpd (examples/swarm), a static server that binds with SO_REUSEPORT
    // and stops accepting on SIGTERM — the start-first pattern on the host network
    if (opts.reuseport === true)
      execFileSync('gcc', ['-O2', '-static', '-o', join(ctx, 'reuseport-httpd'), REUSEPORT_SOURCE]);
    mkdirSync(join(ctx, 'www'));
    writeFileSync(join(ctx, 'www', 'index.html'), `<h1>${version}</h1>\n`);
    if (opts.healthy !== false) writeFileSync(join(ctx, 'www', 'health'), `${version}\n`);
    // extra files under /www by relative path, executable (busybox httpd runs /www/cgi-bin/* as CGI)
    for (const [path, text] of Object.entries(opts.files ?? {})) {
      mkdirSync(dirname(join(ctx, 'www', path)), { recursive: true });
      writeFileSync(join(ctx, 'www', path), text, { mode: 0o755 });
    }
    writeFileSync(
      join(ctx, 'Dockerfile'),
      [
        'FROM scratch',
        `COPY busybox ${BUSYBOX}`,
        ...(opts.reuseport === true ? [`COPY reuseport-httpd ${REUSEPORT_HTTPD}`] : []),
        'COPY www /www',
        `ENTRYPOINT ["${BUSYBOX}"]`,
        '',
      ].join('\n'),
    );
    docker(['build', '--quiet', '--tag', image, ctx]);
    registryLogin();
    docker(['push', '--quiet', image]);
    return image;
  } finally {
    rmSync(ctx, { recursive: true, force: true });
  }
}

/** The zero-downtime compose file: the port comes from ${PORT}, so it runs as blue and as green. */
export function blueGreenComposeFile(): string {
  return webComposeFile('${PORT}', { stopGracePeriod: '1s', retries: 3 });
}

/** A compose file for the web image on the host network, listening on 127.0.0.1:port. */
export function webComposeFile(
  port: number | string,
  opts: { stopGracePeriod?: string; retries?: number } = {},
): string {
  return [
    'services:',
    '  web:',
    `    image: \${IMAGE}`,
    '    network_mode: host',
    `    command: ["httpd", "-f", "-p", "127.0.0.1:${port}", "-h", "/www"]`,
    ...(opts.stopGracePeriod ? [`    stop_grace_period: ${opts.stopGracePeriod}`] : []),
    '    healthcheck:',
    `      test: ["CMD", "${BUSYBOX}", "wget", "-q", "-O", "/dev/null", "http://127.0.0.1:${port}/health"]`,
    '      interval: 1s',
    '      timeout: 2s',
    `      retries: ${opts.retries ?? 5}`,
    '',
  ].join('\n');
}

/** Stops and removes a compose project the tests started (as root). */
export function composeDown(appDir: string): void {
  try {
    docker(['compose', '--project-directory', appDir, 'down', '--remove-orphans', '--timeout', '1']);
  } catch {
    /* already gone */
  }
}

/** GET http://127.0.0.1:port/path, or undefined when nothing answers. */
/**
 * What port answers once it answers `expected`, or its last answer after `withinMs`. For checks right
 * after a step that reloads nginx (`nginx -s reload` returns before the new workers take over) or
 * starts a container without a health gate (running is not yet listening).
 */
export async function httpGetSettled(
  port: number,
  path: string,
  expected: string,
  withinMs = 3000,
): Promise<string | undefined> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const got = await httpGet(port, path);
    if (got === expected || Date.now() >= deadline) return got;
    await new Promise((r) => setTimeout(r, 20));
  }
}

export async function httpGet(port: number, path: string): Promise<string | undefined> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}${path}`, { signal: AbortSignal.timeout(3000) });
    return res.ok ? await res.text() : `HTTP ${res.status}`;
  } catch {
    return undefined;
  }
}
