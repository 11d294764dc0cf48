import { type Detection, detection } from './component.js';
import { type DetectOptions, type Folder, hashFiles, readText, rel } from './folder.js';
import { servicesFromDependencies } from './services.js';

/**
 * A folder with go.mod: `go test ./...` (which stops at nested modules, so a nested go.mod is a
 * component of its own), `go vet ./...` as lint, the Go version from the `go` directive.
 */
export function detectGo(folder: Folder, opts: DetectOptions): Detection | undefined {
  const { root, dir, files } = folder;
  if (!files.has('go.mod')) return undefined;
  const goMod = readText(root, rel(dir, 'go.mod')) ?? '';
  const version = /^go\s+(\d+(?:\.\d+){1,2})\s*$/m.exec(goMod)?.[1] ?? 'stable';
  const lockfiles = files.has('go.sum') ? [rel(dir, 'go.sum')] : [];
  const deps = new Map(goRequires(goMod).map((m) => [m, rel(dir, 'go.mod')] as const));
  return detection(
    {
      dir,
      language: 'go',
      packageManager: 'go',
      installCommand: 'go mod download',
      testCommand: 'go test ./...',
      lintCommand: 'go vet ./...',
      typecheckCommand: '',
      buildCommand: 'go build ./...',
      runtimeVersion: version,
      lockfiles,
      lockHash: hashFiles(root, [rel(dir, 'go.mod'), ...lockfiles]),
      cacheDirs: ['~/go/pkg/mod', '~/.cache/go-build'],
      services: opts.detectServices ? servicesFromDependencies('go', deps) : {},
    },
    false,
    'nothing to run',
  );
}

/** Module paths in `require` lines and blocks. */
export function goRequires(goMod: string): string[] {
  const out: string[] = [];
  let inBlock = false;
  for (const raw of goMod.split(/\r?\n/)) {
    const line = raw.replace(/\/\/.*$/, '').trim();
    if (inBlock) {
      if (line === ')') inBlock = false;
      else if (line) out.push(line.split(/\s+/)[0] ?? '');
      continue;
    }
    if (/^require\s*\($/.test(line)) inBlock = true;
    else {
      const m = /^require\s+(\S+)\s+\S+/.exec(line);
      if (m?.[1]) out.push(m[1]);
    }
  }
  return out.filter((m) => m !== '');
}
