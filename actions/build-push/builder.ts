import { existsSync, readFileSync } from 'node:fs';
import { get as httpGet } from 'node:http';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { OperationError } from '../../lib/errors.js';
import { ProcessError, runProcess } from '../../lib/exec.js';
import type { BuilderInfo } from './cache.js';
import { BUILDX_MISSING_HELP, finalError, isBuildxMissing } from './registry-errors.js';

/** Parses `docker buildx inspect` output (pure). */
export function parseBuilderInspect(text: string): { name: string; driver: string } | undefined {
  const name = /^Name:\s*(\S+)/m.exec(text)?.[1];
  const driver = /^Driver:\s*(\S+)/m.exec(text)?.[1];
  return name && driver ? { name, driver } : undefined;
}

/** Whether the Docker engine stores images in containerd, which lets the docker driver export caches. */
export function usesContainerdStore(driverStatusJson: string): boolean {
  return driverStatusJson.includes('io.containerd.snapshotter');
}

/**
 * Which builder buildx will use and what it can do. Fails with a clear message when buildx is
 * not installed or the named builder does not exist.
 */
export async function inspectBuilder(opts: {
  builder: string | undefined;
  env: Record<string, string | undefined>;
}): Promise<BuilderInfo> {
  const storeCheck = engineDriverStatus(opts.env);
  if (usesImplicitDefaultBuilder({ ...process.env, ...opts.env }, opts.builder)) {
    // nothing selects another builder: buildx uses the docker context's default builder, whose
    // driver is always `docker` — no need to start buildx just to be told so
    const status = await storeCheck;
    return {
      name: 'default',
      driver: 'docker',
      cacheExport: status !== undefined && usesContainerdStore(status),
    };
  }
  const args = ['buildx', 'inspect', ...(opts.builder ? ['--builder', opts.builder] : [])];
  let text: string;
  try {
    const r = await runProcess('docker', args, { env: opts.env, silent: true, timeoutMs: 60_000 });
    text = r.stdout;
  } catch (error) {
    await storeCheck;
    throw builderError(error, opts.builder);
  }
  const parsed = parseBuilderInspect(text);
  if (!parsed)
    throw new OperationError(`Could not read the builder from 'docker ${args.join(' ')}':\n${text}`);
  const status = await storeCheck;
  const cacheExport = parsed.driver !== 'docker' || (status !== undefined && usesContainerdStore(status));
  return { ...parsed, cacheExport };
}

export function builderError(error: unknown, builder: string | undefined): Error {
  if (error instanceof ProcessError && error.result) {
    const out = `${error.result.stdout}\n${error.result.stderr}`;
    if (isBuildxMissing(out)) return new OperationError(BUILDX_MISSING_HELP);
    const last = finalError(out);
    if (builder && /no builder .* found/i.test(last)) {
      return new OperationError(
        `Buildx builder '${builder}' does not exist (${last}). Give the name docker/setup-buildx-action printed ` +
          `(its 'name' output), or leave the 'builder' input empty to use the current builder.`,
      );
    }
    return new OperationError(`docker buildx inspect failed: ${last}`);
  }
  return error instanceof Error ? error : new OperationError(String(error));
}

/**
 * The engine's storage driver status (JSON), which tells whether it uses the containerd image
 * store. Asked over the local socket when docker talks to it (no CLI process: this runs on every
 * build with a cache), else through `docker info`. Undefined when it cannot be known.
 */
export async function engineDriverStatus(
  env: Record<string, string | undefined>,
): Promise<string | undefined> {
  const socket = localEngineSocket({ ...process.env, ...env });
  if (socket) {
    const viaSocket = await new Promise<string | undefined>((resolve) => {
      const req = httpGet({ socketPath: socket, path: '/info', timeout: 10_000 }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => {
          body += c;
        });
        res.on('end', () => {
          try {
            resolve(
              res.statusCode === 200
                ? JSON.stringify((JSON.parse(body) as { DriverStatus?: unknown }).DriverStatus ?? null)
                : undefined,
            );
          } catch {
            resolve(undefined);
          }
        });
      });
      req.on('timeout', () => req.destroy());
      req.on('error', () => resolve(undefined));
    });
    if (viaSocket !== undefined) return viaSocket;
  }
  const r = await runProcess('docker', ['info', '--format', '{{json .DriverStatus}}'], {
    env,
    silent: true,
    allowFailure: true,
    timeoutMs: 30_000,
  }).catch(() => undefined);
  return r && r.exitCode === 0 ? r.stdout : undefined;
}

/**
 * The unix socket the docker CLI would use, when that is plainly the local default: no
 * DOCKER_HOST other than unix://, no DOCKER_CONTEXT, no non-default context in the config.
 */
export function localEngineSocket(env: Record<string, string | undefined>): string | undefined {
  const host = env['DOCKER_HOST'];
  if (env['DOCKER_CONTEXT'] && env['DOCKER_CONTEXT'] !== 'default') return undefined;
  const configDir = env['DOCKER_CONFIG'] || join(homedir(), '.docker');
  try {
    const config = JSON.parse(readFileSync(join(configDir, 'config.json'), 'utf8')) as {
      currentContext?: unknown;
    };
    if (
      typeof config.currentContext === 'string' &&
      config.currentContext !== '' &&
      config.currentContext !== 'default'
    ) {
      return undefined;
    }
  } catch {
    /* no config: the default context */
  }
  if (!host) return '/var/run/docker.sock';
  return host.startsWith('unix://') ? host.slice('unix://'.length) : undefined;
}

/**
 * True when buildx will certainly use the default builder of the local docker context (docker
 * driver): no `builder` input, no BUILDX_BUILDER / BUILDX_CONFIG, the local engine, and no
 * selected builder in buildx's state (no `current` file, or one naming the default). Anything
 * else — docker/setup-buildx-action's builder among them — is asked of `docker buildx inspect`.
 */
export function usesImplicitDefaultBuilder(
  env: Record<string, string | undefined>,
  builder: string | undefined,
): boolean {
  if (builder || env['BUILDX_BUILDER'] || env['BUILDX_CONFIG']) return false;
  if (!localEngineSocket(env)) return false;
  const current = join(env['DOCKER_CONFIG'] || join(homedir(), '.docker'), 'buildx', 'current');
  if (!existsSync(current)) return true;
  try {
    const c = JSON.parse(readFileSync(current, 'utf8')) as { Name?: unknown };
    return c.Name === '' || c.Name === 'default';
  } catch {
    return false;
  }
}
