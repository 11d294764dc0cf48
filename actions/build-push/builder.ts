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
  const args = ['buildx', 'inspect', ...(opts.builder ? ['--builder', opts.builder] : [])];
  // Both at once: the engine's image store only matters for the docker driver, but asking
  // later would add a round trip to every run.
  const storeCheck = runProcess('docker', ['info', '--format', '{{json .DriverStatus}}'], {
    env: opts.env,
    silent: true,
    allowFailure: true,
    timeoutMs: 30_000,
  }).catch(() => undefined);
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
  const info = await storeCheck;
  const cacheExport =
    parsed.driver !== 'docker' ||
    (info !== undefined && info.exitCode === 0 && usesContainerdStore(info.stdout));
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
