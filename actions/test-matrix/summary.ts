import { details, markdownTable, statusIcon } from '../../lib/summary.js';
import type { Component } from './component.js';
import type { TestMatrixResult } from './resolve.js';

const MAX_FILES_SHOWN = 100;

/** The job summary: every component, in or out and why, then what was ignored and what changed. */
export function renderSummary(r: TestMatrixResult): string {
  const selected = r.decisions.filter((d) => d.selected).length;
  const lines: string[] = [
    `## Test matrix: ${selected} of ${r.decisions.length} component${r.decisions.length === 1 ? '' : 's'}`,
    '',
  ];
  lines.push(`**Changes:** ${r.changes.kind === 'all' ? r.changes.reason : r.changes.description}`, '');
  if (r.decisions.length === 0) {
    lines.push(
      `No components found in \`${r.root}\`: no folder with a package.json (with a test, lint, typecheck or build script), pyproject.toml, requirements.txt or go.mod, and none in the config.`,
      '',
    );
  } else {
    lines.push(
      markdownTable(
        ['In', 'Component', 'Path', 'Toolchain', 'Runs', 'Services', 'Why'],
        r.decisions.map((d) => [
          statusIcon(d.selected ? 'success' : 'skipped'),
          d.component.name,
          d.component.dir,
          toolchain(d.component),
          runs(d.component),
          services(d.component),
          d.reason,
        ]),
      ),
      '',
    );
  }
  if (r.ignored.length > 0) {
    lines.push(`**Not components:** ${r.ignored.map((i) => `\`${i.dir}\` (${i.reason})`).join('; ')}`, '');
  }
  if (r.configOrigin) lines.push(`Configuration: ${r.configOrigin}.`, '');
  if (r.changes.kind === 'files' && r.changes.files.length > 0) {
    const shown = r.changes.files.slice(0, MAX_FILES_SHOWN);
    const more = r.changes.files.length - shown.length;
    lines.push(
      details(
        `${r.changes.files.length} changed file${r.changes.files.length === 1 ? '' : 's'}`,
        shown.join('\n') + (more > 0 ? `\n… and ${more} more` : ''),
      ),
      '',
    );
  }
  return lines.join('\n');
}

function toolchain(c: Component): string {
  return [c.language, c.packageManager, c.runtimeVersion].filter((x) => x !== '').join(' ');
}

function runs(c: Component): string {
  const parts: string[] = [];
  if (c.testCommand) parts.push(`test: \`${c.testCommand}\``);
  if (c.lintCommand) parts.push('lint');
  if (c.typecheckCommand) parts.push('typecheck');
  if (c.buildCommand) parts.push('build');
  return parts.join(', ');
}

function services(c: Component): string {
  return Object.entries(c.services)
    .map(([name, need]) => `${name} (${need.because})`)
    .join(', ');
}
