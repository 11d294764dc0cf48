/** What buildx wrote to --metadata-file (pure parsing). */
export interface BuildMetadata {
  /** After a push: the manifest (or index) digest in the registry. After a load: the image ID. */
  digest: string | undefined;
  /** The image config digest (the image ID in the Docker daemon). */
  configDigest: string | undefined;
}

const DIGEST = /^sha256:[0-9a-f]{64}$/;

export function parseMetadataFile(text: string): BuildMetadata {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { digest: undefined, configDigest: undefined };
  }
  const get = (k: string): string | undefined => {
    if (typeof data !== 'object' || data === null) return undefined;
    const v = (data as Record<string, unknown>)[k];
    return typeof v === 'string' && DIGEST.test(v) ? v : undefined;
  };
  return { digest: get('containerimage.digest'), configDigest: get('containerimage.config.digest') };
}

/**
 * The compressed size of a pushed image from its raw manifest (pure): config plus layers. A
 * multi-platform index has no single size: undefined, with the number of platforms.
 */
export function manifestSize(rawManifest: string): { bytes: number | undefined; platforms: number } {
  let m: unknown;
  try {
    m = JSON.parse(rawManifest);
  } catch {
    return { bytes: undefined, platforms: 0 };
  }
  if (typeof m !== 'object' || m === null) return { bytes: undefined, platforms: 0 };
  const o = m as { manifests?: unknown; config?: { size?: unknown }; layers?: unknown };
  if (Array.isArray(o.manifests)) return { bytes: undefined, platforms: o.manifests.length };
  if (!Array.isArray(o.layers)) return { bytes: undefined, platforms: 0 };
  let bytes = typeof o.config?.size === 'number' ? o.config.size : 0;
  for (const l of o.layers as unknown[]) {
    const size = typeof l === 'object' && l !== null ? (l as { size?: unknown }).size : undefined;
    if (typeof size === 'number') bytes += size;
  }
  return { bytes, platforms: 1 };
}

/** 1064337 → `1.0 MiB`. */
export function formatBytes(n: number | undefined): string | undefined {
  if (n === undefined) return undefined;
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let u = -1;
  do {
    v /= 1024;
    u++;
  } while (v >= 1024 && u < units.length - 1);
  return `${v.toFixed(1)} ${units[u]}`;
}
