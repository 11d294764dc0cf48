#!/usr/bin/env node
// Validates every action.yml and workflow file with @action-validator/core (the schema the
// action-validator CLI uses), plus the project's own rules for action.yml files.
//
// The validator's bundled schema predates `runs.using: node24` (it knows node12/16/20). We check
// `using` ourselves (it must be exactly node24) and validate the rest of the file against the
// schema with that one value swapped for node20, so every other field is still checked.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateAction, validateWorkflow } from '@action-validator/core';
import { isMap, parse, parseDocument } from 'yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const problems = [];
let count = 0;

const stages = readdirSync(join(root, 'actions')).filter((d) =>
  existsSync(join(root, 'actions', d, 'action.yml')),
);
const actionFiles = [
  ...(existsSync(join(root, 'action.yml')) ? ['action.yml'] : []),
  ...stages.map((d) => join('actions', d, 'action.yml')),
  // the short forms (org/ops-actions/<stage>@v1) that scripts/build.mjs generates
  ...stages.map((d) => join(d, 'action.yml')).filter((f) => existsSync(join(root, f))),
];
const workflowFiles = ['.github/workflows', 'examples'].flatMap((dir) =>
  existsSync(join(root, dir))
    ? readdirSync(join(root, dir))
        .filter((f) => /\.ya?ml$/.test(f))
        .map((f) => join(dir, f))
    : [],
);

for (const file of actionFiles) {
  count++;
  const text = readFileSync(join(root, file), 'utf8');
  const doc = parse(text);
  const isStage = file.startsWith('actions/');
  if (isStage) {
    if (doc?.runs?.using !== 'node24')
      problems.push(`${file}: runs.using must be node24, got ${doc?.runs?.using}`);
    const stage = file.split('/')[1];
    for (const key of ['main', 'pre', 'post']) {
      const p = doc?.runs?.[key];
      if (p === undefined) continue;
      if (p !== `../../dist/${stage}/index.js`)
        problems.push(`${file}: runs.${key} must be ../../dist/${stage}/index.js`);
      else if (!existsSync(resolve(root, dirname(file), p)))
        problems.push(`${file}: runs.${key} ${p} does not exist (npm run build)`);
    }
    if (!existsSync(join(root, stage, 'action.yml')))
      problems.push(
        `${stage}/action.yml: missing; uses: org/ops-actions/${stage}@v1 would fail (npm run build)`,
      );
    if (!doc?.branding?.icon || !doc?.branding?.color)
      problems.push(`${file}: branding.icon and branding.color are required`);
    for (const [name, input] of Object.entries(doc?.inputs ?? {})) {
      if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(name))
        problems.push(`${file}: input '${name}' is not kebab-case`);
      if (!input?.description) problems.push(`${file}: input '${name}' has no description`);
    }
    for (const [name, output] of Object.entries(doc?.outputs ?? {})) {
      if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(name))
        problems.push(`${file}: output '${name}' is not kebab-case`);
      if (!output?.description) problems.push(`${file}: output '${name}' has no description`);
    }
  }
  if (!isStage && file !== 'action.yml') {
    // a short form: its runs paths must reach the very files actions/<stage>/action.yml runs
    const stage = dirname(file);
    const source = parse(readFileSync(join(root, 'actions', stage, 'action.yml'), 'utf8'));
    if (doc?.runs?.using !== source?.runs?.using)
      problems.push(`${file}: runs.using ${doc?.runs?.using} differs from actions/${stage}/action.yml`);
    for (const key of ['main', 'pre', 'post']) {
      const p = doc?.runs?.[key];
      const want = source?.runs?.[key];
      const at = p === undefined ? undefined : resolve(root, stage, p);
      if (at !== (want === undefined ? undefined : resolve(root, 'actions', stage, want)))
        problems.push(
          `${file}: runs.${key} ${p} is not the file actions/${stage}/action.yml runs (npm run build)`,
        );
      else if (at !== undefined && !existsSync(at))
        problems.push(`${file}: runs.${key} ${p} does not exist (npm run build)`);
    }
  }
  const forSchema = text.replace(/^(\s*using:\s*['"]?)node24(['"]?\s*)$/m, '$1node20$2');
  report(file, validateAction(forSchema));
}
for (const file of workflowFiles) {
  count++;
  const text = readFileSync(join(root, file), 'utf8');
  report(
    file,
    validateWorkflow(withoutAttestationsPermission(file, withoutEnvironmentDeployment(file, text))),
  );
}

// The validator's schema predates `jobs.<id>.environment.deployment` (true, false or an expression:
// docs.github.com, "Using environments without deployments"). We check that key ourselves and
// validate the rest of the file without it.
function withoutEnvironmentDeployment(file, text) {
  const doc = parseDocument(text);
  let changed = false;
  for (const job of doc.get('jobs')?.items ?? []) {
    const env = job.value?.get?.('environment', true);
    if (!isMap(env) || !env.has('deployment')) continue;
    const value = env.get('deployment');
    if (
      typeof value !== 'boolean' &&
      !(typeof value === 'string' && /^\$\{\{[\s\S]*\}\}$/.test(value.trim()))
    )
      problems.push(
        `${file}: jobs.${job.key}.environment.deployment must be true, false or a \${{ }} expression`,
      );
    env.delete('deployment');
    changed = true;
  }
  return changed ? doc.toString() : text;
}

// The validator's schema also predates the `attestations` permission (read, write or none:
// docs.github.com, "permissions", needed to store and read artifact attestations). We check that key
// ourselves, at the top and in every job, and validate the rest without it.
function withoutAttestationsPermission(file, text) {
  const doc = parseDocument(text);
  let changed = false;
  const strip = (where, holder) => {
    const perms = holder?.get?.('permissions', true);
    if (!isMap(perms) || !perms.has('attestations')) return;
    const value = perms.get('attestations');
    if (!['read', 'write', 'none'].includes(value))
      problems.push(`${file}: ${where}permissions.attestations must be read, write or none, got ${value}`);
    perms.delete('attestations');
    changed = true;
  };
  strip('', doc);
  for (const job of doc.get('jobs')?.items ?? []) strip(`jobs.${job.key}.`, job.value);
  return changed ? doc.toString() : text;
}

function report(file, result) {
  for (const e of result.errors) {
    const where = e.path ?? (e.location ? `line ${e.location.line}` : '');
    const states = (e.states ?? []).flatMap((s) =>
      s.errors.map((x) => `${x.path} ${x.title}${x.detail ? ` (${x.detail})` : ''}`),
    );
    problems.push(
      `${relative(root, join(root, file))}: ${where} ${e.title}${e.detail ? `: ${e.detail}` : ''}${states.length ? `\n      ${states.join('\n      ')}` : ''}`,
    );
  }
}

if (problems.length) {
  console.error(
    `${problems.length} problem(s) in ${count} action/workflow file(s):\n  ${problems.join('\n  ')}`,
  );
  process.exit(1);
}
console.log(`validated ${count} action/workflow file(s): ${[...actionFiles, ...workflowFiles].join(', ')}`);
