import type { GitContext } from './git-context.js';

const OCI = 'org.opencontainers.image';

/**
 * The standard OCI annotations for an image built from this run (pure): where the source is,
 * which commit, when, which version. `extra` (the `labels` input) wins over computed ones.
 */
export function ociLabels(
  ctx: GitContext,
  opts: { imageName: string; version: string; created: Date; extra?: Record<string, string> },
): Record<string, string> {
  const labels: Record<string, string> = {};
  const repoUrl = ctx.repository ? `${ctx.serverUrl}/${ctx.repository}` : undefined;
  labels[`${OCI}.title`] = opts.imageName.split('/').pop() ?? opts.imageName;
  if (ctx.description) labels[`${OCI}.description`] = ctx.description;
  if (repoUrl) {
    labels[`${OCI}.source`] = repoUrl;
    labels[`${OCI}.url`] = repoUrl;
  }
  if (ctx.sha) labels[`${OCI}.revision`] = ctx.sha;
  labels[`${OCI}.version`] = opts.version;
  labels[`${OCI}.created`] = opts.created.toISOString();
  if (ctx.license) labels[`${OCI}.licenses`] = ctx.license;
  return { ...labels, ...opts.extra };
}
