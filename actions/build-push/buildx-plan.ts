import type { CachePlan } from './cache.js';
import type { ImageName } from './image-name.js';

/** One image to build, with everything resolved: the plan's input. Holds no secret values. */
export interface ImageBuild {
  image: ImageName;
  /** The build context directory. */
  context: string;
  /** The Dockerfile. */
  file: string;
  target: string | undefined;
  buildArgs: Record<string, string>;
  labels: Record<string, string>;
  /** Tag names (`sha-0123456`, `latest`), without the repository name. */
  tags: string[];
  platforms: string[];
  /** `host` / `none` for RUN steps; undefined: the builder's default. */
  network: string | undefined;
  /** Build secrets passed through environment variables of the buildx process: id → variable name. */
  secretEnvs: { id: string; env: string }[];
  /** Build secrets read from files: id → path. */
  secretFiles: { id: string; src: string }[];
}

export interface BuildxOptions {
  /** --builder; undefined: buildx's current builder. */
  builder: string | undefined;
  /** The builder's driver: with the docker driver the image always lands in the daemon's store. */
  driver: string;
  push: boolean;
  load: boolean;
  cache: CachePlan;
  /** Where buildx writes the build result (digest), read after the build. */
  metadataFile: string | undefined;
  /**
   * Build only, export nothing (no push, load, cache export): the first pass when several images
   * are built, so none is pushed unless all of them build.
   */
  buildOnly?: boolean;
}

/** The `docker` argv for one build (pure; `dry-run` prints it). */
export function buildxArgs(b: ImageBuild, o: BuildxOptions): string[] {
  const args = ['buildx', 'build'];
  if (o.builder) args.push('--builder', o.builder);
  args.push('--progress', 'plain', '--file', b.file);
  if (b.target) args.push('--target', b.target);
  if (b.platforms.length) args.push('--platform', b.platforms.join(','));
  if (b.network) args.push('--network', b.network);
  for (const [k, v] of Object.entries(b.buildArgs)) args.push('--build-arg', `${k}=${v}`);
  for (const [k, v] of Object.entries(b.labels)) args.push('--label', `${k}=${v}`);
  for (const t of b.tags) args.push('--tag', `${b.image.name}:${t}`);
  for (const s of b.secretEnvs) args.push('--secret', `id=${s.id},env=${s.env}`);
  for (const s of b.secretFiles) args.push('--secret', `id=${s.id},src=${s.src}`);
  for (const c of o.cache.from) args.push('--cache-from', c);
  if (!o.buildOnly) {
    for (const c of o.cache.to) args.push('--cache-to', c);
    if (o.push) args.push('--push');
    // The docker driver keeps every build in the daemon's image store, and refuses --load
    // together with --push; other drivers need --load to hand the image to the daemon.
    if (o.load && !(o.push && o.driver === 'docker')) args.push('--load');
    if (o.metadataFile) args.push('--metadata-file', o.metadataFile);
  }
  args.push(b.context);
  return args;
}
