import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';

/** What every language detector may ask about a folder of the repository. */
export interface Folder {
  /** Absolute path of the discovery root. */
  root: string;
  /** This folder, relative to the root (POSIX, `.` for the root). */
  dir: string;
  /** Names of the regular files directly in the folder. */
  files: ReadonlySet<string>;
  /** Names of the sub-folders directly in the folder. */
  subdirs: ReadonlySet<string>;
}

/** Defaults and switches the detectors use. */
export interface DetectOptions {
  nodeVersion: string;
  pythonVersion: string;
  detectServices: boolean;
  /** Use this package manager instead of the one the lockfiles suggest (from the config file). */
  packageManager?: string;
}

export function readFolder(root: string, dir: string): Folder {
  const files = new Set<string>();
  const subdirs = new Set<string>();
  for (const e of readdirSync(join(root, dir), { withFileTypes: true })) {
    if (e.isFile()) files.add(e.name);
    else if (e.isDirectory()) subdirs.add(e.name);
  }
  return { root, dir, files, subdirs };
}

/** `dir/name` relative to the root, without a leading `./`. */
export function rel(dir: string, name: string): string {
  return dir === '.' ? name : posix.join(dir, name);
}

/** Reads a file relative to the root; undefined when it does not exist or is not readable. */
export function readText(root: string, path: string): string | undefined {
  try {
    return readFileSync(join(root, path), 'utf8');
  } catch {
    return undefined;
  }
}

export function isFile(root: string, path: string): boolean {
  try {
    return statSync(join(root, path)).isFile();
  } catch {
    return false;
  }
}

export function isDir(root: string, path: string): boolean {
  return existsSync(join(root, path)) && statSync(join(root, path)).isDirectory();
}

/** The folder's ancestors up to the root, nearest first: `a/b/c` → `a/b`, `a`, `.`. */
export function ancestors(dir: string): string[] {
  const out: string[] = [];
  let d = dir;
  while (d !== '.') {
    d = posix.dirname(d);
    out.push(d);
  }
  return out;
}

/**
 * The first line of a version file (`.nvmrc`, `.python-version`) in the folder or, failing that,
 * the nearest ancestor: `v20.11.0` → `20.11.0`, `lts/iron` stays.
 */
export function versionFile(root: string, dir: string, names: readonly string[]): string | undefined {
  for (const d of [dir, ...ancestors(dir)]) {
    for (const name of names) {
      const text = readText(root, rel(d, name));
      const first = text
        ?.split(/\r?\n/)
        .map((l) => l.replace(/#.*/, '').trim())
        .find((l) => l !== '');
      if (first) return first.replace(/^v(?=\d)/, '');
    }
  }
  return undefined;
}

/**
 * sha256 of the files' names and contents, in the order given (callers sort). A missing file
 * counts as its name alone, so adding it later changes the hash.
 */
export function hashFiles(root: string, paths: readonly string[]): string {
  const h = createHash('sha256');
  for (const p of paths) {
    h.update(`${p}\0`);
    try {
      h.update(readFileSync(join(root, p)));
    } catch {
      /* counted by name */
    }
    h.update('\0');
  }
  return h.digest('hex');
}
