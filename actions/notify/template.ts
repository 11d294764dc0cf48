// The `template` input: the team's own text with `{{ name }}` placeholders for named fields. Plain
// substitution — no expressions, no code: a placeholder is a name from FIELD_NAMES, nothing else.
import { ConfigurationError } from '../../lib/errors.js';

/** The placeholders a template may use, each with what it holds (the README's table). */
export const FIELD_NAMES = {
  title: "the message's title line, e.g. `acme/shop: release r42 deployed to production`",
  status: 'the job status: `success`, `failure`, `cancelled` or `skipped`',
  outcome: '`deployed`, `failed`, `rolled back`, `cancelled` or `skipped`',
  environment: 'the `environment` input',
  repository: '`owner/name`',
  ref: 'the branch or tag (`GITHUB_REF_NAME`)',
  commit: 'the full commit SHA',
  commit_short: 'its first 7 characters',
  commit_url: 'the commit on GitHub',
  actor: 'who started the run',
  workflow: 'the workflow name',
  run_url: 'the workflow run on GitHub',
  release: 'the release id (deploy-ssh) or Koyeb deployment id (deploy-koyeb)',
  previous_release: 'the release / deployment that was live before',
  image: 'the image deployed (`image` input, else the deploy report)',
  previous_image: 'the image that was live before (deploy-ssh compose)',
  hosts_succeeded: 'hosts where the release is live, comma-separated',
  hosts_failed: 'hosts that failed, comma-separated',
  smoke_test:
    'e.g. `passed (3 checks in 1.2s)`, `failed: 1 of 3 checks` or `failed during the watch, 2m10s after go-live: 1 of 3 checks (12 of 15 rounds passed)`',
  failed_checks: 'the failing checks with their status and error, `; `-separated',
  migrations: 'e.g. `2 applied (0002_orders, 0003_index)`, `up-to-date`, `failed at 0003_index`',
  rollback: 'e.g. `rolled back to r41 in 12s`',
  rolled_back_to: 'the release the rollback restored',
  rollback_duration: 'how long the rollback took, e.g. `12s`',
} as const;

export type FieldName = keyof typeof FIELD_NAMES;
export type FieldValues = Record<FieldName, string>;

type Part = { text: string } | { field: FieldName };

export interface Template {
  parts: Part[];
}

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;
const MAX_LENGTH = 3000;

export function parseTemplate(text: string): Template | undefined {
  if (text === '') return undefined;
  if (text.length > MAX_LENGTH) {
    throw new ConfigurationError(
      'template',
      `is ${text.length} characters long; at most ${MAX_LENGTH} (Slack's limit for one text block).`,
    );
  }
  const parts: Part[] = [];
  let last = 0;
  for (const m of text.matchAll(PLACEHOLDER)) {
    const name = m[1] ?? '';
    if (!Object.hasOwn(FIELD_NAMES, name)) {
      throw new ConfigurationError(
        'template',
        `has an unknown placeholder '{{ ${name} }}'. A placeholder is one of: ${Object.keys(FIELD_NAMES).join(', ')}.`,
        'template: "{{ title }} — smoke test {{ smoke_test }} ({{ run_url }})"',
      );
    }
    parts.push({ text: text.slice(last, m.index) }, { field: name as FieldName });
    last = m.index + m[0].length;
  }
  parts.push({ text: text.slice(last) });
  return { parts: parts.filter((p) => !('text' in p) || p.text !== '') };
}

/** Substitutes the values, each passed through `escape` (the target's markup); the template's own text is kept. */
export function renderTemplate(
  template: Template,
  values: FieldValues,
  escape: (value: string) => string = (v) => v,
): string {
  return template.parts.map((p) => ('text' in p ? p.text : escape(values[p.field]))).join('');
}
