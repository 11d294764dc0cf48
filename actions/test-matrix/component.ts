export const LANGUAGES = ['node', 'python', 'go', 'other'] as const;
export type Language = (typeof LANGUAGES)[number];

export const SERVICES = ['postgres', 'redis'] as const;
export type ServiceName = (typeof SERVICES)[number];

/** Images used when a component needs a service and does not name one. */
export const DEFAULT_SERVICE_IMAGES: Record<ServiceName, string> = {
  postgres: 'postgres:16-alpine',
  redis: 'redis:7-alpine',
};

/** One service a component needs, the image to run, and why we think it needs it. */
export interface ServiceNeed {
  image: string;
  /** e.g. `declared in .ops-actions/components.yml` or `asyncpg in pyproject.toml`. */
  because: string;
}

/** A testable part of the repository: one folder with one toolchain. */
export interface Component {
  name: string;
  /** Folder relative to the discovery root, POSIX separators, `.` for the root itself. */
  dir: string;
  language: Language;
  /** npm, pnpm, yarn, bun, pip, poetry, uv, go — '' for `other`. */
  packageManager: string;
  installCommand: string;
  testCommand: string;
  lintCommand: string;
  typecheckCommand: string;
  buildCommand: string;
  /** Node, Python or Go version ('' for `other`). */
  runtimeVersion: string;
  /**
   * The files that pin its dependencies, relative to the discovery root: its own lockfile, or the
   * workspace lockfile of an ancestor folder. A change to one of them is a change to the component,
   * and their contents make its cache key.
   */
  lockfiles: string[];
  /** sha256 of the lockfiles' names and contents (or of the manifest when there is no lockfile). */
  lockHash: string;
  /**
   * Dependency folders worth caching: `~/…` in the home folder (the package manager's download
   * cache), anything else relative to the discovery root (Yarn's project cache).
   */
  cacheDirs: string[];
  services: Partial<Record<ServiceName, ServiceNeed>>;
  /** Extra globs (relative to the discovery root) whose changes also count as this component's. */
  paths: string[];
  /** Where it comes from: discovered on disk, the config file, or both (config overriding). */
  source: 'discovered' | 'config' | 'discovered+config';
}

/** A folder with a manifest that is not a component, and why — shown in the summary. */
export interface Ignored {
  dir: string;
  reason: string;
}

/** The language-specific part of a detected component, before names and config are applied. */
export type Detected = Omit<Component, 'name' | 'paths' | 'source'>;

/**
 * A language detector's answer for one folder:
 * - `component`: something to run;
 * - `idle`: the toolchain is there but there is nothing to run (`reason`); the config file can
 *   still make it a component by giving a command;
 * - `invalid`: the manifest cannot be read.
 * `workspaceRoot`: the folder declares a workspace (npm/yarn `workspaces`, pnpm-workspace.yaml,
 * `[tool.uv.workspace]`) whose members are tested as components of their own.
 */
export type Detection =
  | { kind: 'component'; detected: Detected; workspaceRoot: boolean }
  | { kind: 'idle'; detected: Detected; reason: string; workspaceRoot: boolean }
  | { kind: 'invalid'; reason: string; workspaceRoot: false };

/** `idle` when the detected component has no command to run. */
export function detection(detected: Detected, workspaceRoot: boolean, idleReason: string): Detection {
  const runs =
    detected.testCommand || detected.lintCommand || detected.typecheckCommand || detected.buildCommand;
  return runs
    ? { kind: 'component', detected, workspaceRoot }
    : { kind: 'idle', detected, reason: idleReason, workspaceRoot };
}
