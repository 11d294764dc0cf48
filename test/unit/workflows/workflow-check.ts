// Checks the workflows users copy (examples/) and the reusable workflows (.github/workflows/) against
// the contracts they call: every stage action named exists and gets only inputs its action.yml
// declares (and all its required ones), every reusable workflow named exists and gets only its
// declared workflow_call inputs and secrets (and all required ones), no `run:` script pastes an
// untrusted expression, and examples stay short enough to read.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';

/** The repository users reference: `org/ops-actions/actions/<stage>@v1`. */
export const REPOSITORY = 'org/ops-actions';

/** Examples must stay short: a user reads one at a glance and copies it. */
export const MAX_EXAMPLE_LINES = 39;

export interface InputContract {
  /** required: true and no default: the caller must give it. */
  required: boolean;
  /** workflow_call inputs only: string, boolean or number. */
  type?: string;
}

export interface Contract {
  inputs: Map<string, InputContract>;
  /** Reusable workflows only: the declared secrets and whether each is required. */
  secrets?: Map<string, boolean>;
}

export interface Contracts {
  /** Stage name (actions/<stage>/action.yml) → its inputs. */
  actions: Map<string, Contract>;
  /** File name in .github/workflows with an `on.workflow_call` → its inputs and secrets. */
  workflows: Map<string, Contract>;
}

type Doc = Record<string, unknown>;

function isRecord(v: unknown): v is Doc {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isRequired(spec: unknown): boolean {
  if (!isRecord(spec)) return false;
  const required = spec['required'] === true || spec['required'] === 'true';
  return required && !('default' in spec);
}

function inputsOf(block: unknown): Map<string, InputContract> {
  const out = new Map<string, InputContract>();
  if (!isRecord(block)) return out;
  for (const [name, spec] of Object.entries(block)) {
    const type = isRecord(spec) && typeof spec['type'] === 'string' ? spec['type'] : undefined;
    out.set(name, { required: isRequired(spec), ...(type ? { type } : {}) });
  }
  return out;
}

/** The `on.workflow_call` block of a workflow, if it is a reusable one. */
function workflowCall(doc: Doc): Doc | undefined {
  const on = doc['on'];
  if (on === 'workflow_call') return {};
  if (Array.isArray(on)) return on.includes('workflow_call') ? {} : undefined;
  if (!isRecord(on) || !('workflow_call' in on)) return undefined;
  const call = on['workflow_call'];
  return isRecord(call) ? call : {};
}

/** Reads actions/<stage>/action.yml and the reusable workflows in .github/workflows of `root`. */
export function loadContracts(root: string): Contracts {
  const actions = new Map<string, Contract>();
  const actionsDir = join(root, 'actions');
  for (const stage of existsSync(actionsDir) ? readdirSync(actionsDir) : []) {
    const file = join(actionsDir, stage, 'action.yml');
    if (!existsSync(file)) continue;
    const doc: unknown = parseDocument(readFileSync(file, 'utf8')).toJS();
    if (!isRecord(doc)) continue;
    actions.set(stage, { inputs: inputsOf(doc['inputs']) });
  }
  const workflows = new Map<string, Contract>();
  const workflowsDir = join(root, '.github', 'workflows');
  for (const name of existsSync(workflowsDir) ? readdirSync(workflowsDir) : []) {
    if (!/\.ya?ml$/.test(name)) continue;
    const doc: unknown = parseDocument(readFileSync(join(workflowsDir, name), 'utf8')).toJS();
    if (!isRecord(doc)) continue;
    const call = workflowCall(doc);
    if (!call) continue;
    const secrets = new Map<string, boolean>();
    if (isRecord(call['secrets'])) {
      for (const [secret, spec] of Object.entries(call['secrets'])) secrets.set(secret, isRequired(spec));
    }
    workflows.set(name, { inputs: inputsOf(call['inputs']), secrets });
  }
  return { actions, workflows };
}

export type Reference =
  | { kind: 'action'; name: string }
  | { kind: 'workflow'; name: string }
  | { kind: 'bad'; why: string }
  | { kind: 'other' };

/** What a `uses:` value points at, as far as this repository is concerned. */
export function parseUses(uses: string): Reference {
  const u = uses.trim();
  const local = /^\.\/(.*?)\/?$/.exec(u);
  const remotePrefix = `${REPOSITORY}/`;
  let path: string;
  if (local) {
    path = local[1] ?? '';
  } else if (
    u.toLowerCase() === REPOSITORY ||
    u.toLowerCase().startsWith(remotePrefix) ||
    u.toLowerCase().startsWith(`${REPOSITORY}@`)
  ) {
    const at = u.indexOf('@');
    if (at < 0) return { kind: 'bad', why: `'${u}' has no @ref (e.g. @v1)` };
    path = u.slice(0, at).slice(REPOSITORY.length).replace(/^\//, '');
  } else {
    return { kind: 'other' };
  }
  const action = /^actions\/([^/]+)$/.exec(path);
  if (action) return { kind: 'action', name: action[1] ?? '' };
  const workflow = /^\.github\/workflows\/([^/]+\.ya?ml)$/.exec(path);
  if (workflow) return { kind: 'workflow', name: workflow[1] ?? '' };
  // A local path elsewhere is the caller's own action (./.github/actions/setup), not ours.
  if (local) return { kind: 'other' };
  return {
    kind: 'bad',
    why: `'${u}' is neither a stage (${REPOSITORY}/actions/<stage>@v1) nor a reusable workflow (${REPOSITORY}/.github/workflows/<name>.yml@v1)`,
  };
}

/** Contexts a `run:` script must never paste as ${{ }}: they would become shell code (injection). */
const UNTRUSTED_IN_RUN =
  /(?<![\w.-])(?:inputs\.|matrix\.|steps\.|needs\.|secrets\.|github\.event(?![\w-])|github\.head_ref(?![\w-]))/;

/** The `${{ … }}` expressions of a run script that use an untrusted context. */
export function injectedExpressions(script: string): string[] {
  const found: string[] = [];
  for (const m of script.matchAll(/\$\{\{([\s\S]*?)\}\}/g)) {
    if (UNTRUSTED_IN_RUN.test(m[1] ?? '')) found.push(m[0].replace(/\s+/g, ' '));
  }
  return found;
}

function checkWith(
  where: string,
  target: string,
  contract: Contract,
  given: unknown,
  problems: string[],
): void {
  if (given !== undefined && !isRecord(given)) {
    problems.push(`${where}: 'with' of ${target} must be a mapping`);
    return;
  }
  const args = given ?? {};
  for (const [name, value] of Object.entries(args)) {
    const spec = contract.inputs.get(name);
    if (!spec) {
      const known = [...contract.inputs.keys()].sort().join(', ') || '(none)';
      problems.push(`${where}: ${target} has no input '${name}' (it declares: ${known})`);
      continue;
    }
    const literal = typeof value === 'string' && !value.includes('${{');
    if (spec.type === 'boolean' && literal && value !== 'true' && value !== 'false') {
      problems.push(`${where}: input '${name}' of ${target} is a boolean, got '${value}'`);
    }
    if (spec.type === 'number' && literal && !/^-?\d+(\.\d+)?$/.test(value)) {
      problems.push(`${where}: input '${name}' of ${target} is a number, got '${value}'`);
    }
  }
  for (const [name, spec] of contract.inputs) {
    if (spec.required && !(name in args))
      problems.push(`${where}: ${target} needs its required input '${name}'`);
  }
}

function checkSecrets(
  where: string,
  target: string,
  contract: Contract,
  given: unknown,
  problems: string[],
): void {
  if (given === 'inherit') return;
  if (given !== undefined && !isRecord(given)) {
    problems.push(`${where}: 'secrets' of ${target} must be a mapping or inherit`);
    return;
  }
  const declared = contract.secrets ?? new Map<string, boolean>();
  const args = given ?? {};
  for (const name of Object.keys(args)) {
    if (!declared.has(name)) {
      const known = [...declared.keys()].sort().join(', ') || '(none)';
      problems.push(`${where}: ${target} declares no secret '${name}' (it declares: ${known})`);
    }
  }
  for (const [name, required] of declared) {
    if (required && !(name in args)) problems.push(`${where}: ${target} needs its required secret '${name}'`);
  }
}

export interface CheckOptions {
  /** examples/: at most MAX_EXAMPLE_LINES lines. */
  example?: boolean;
}

/**
 * Every problem of one workflow file, as "file: jobs.<job>…: what is wrong" lines; [] when there is
 * none. `file` only names the file in the messages.
 */
export function checkWorkflow(
  file: string,
  text: string,
  contracts: Contracts,
  opts: CheckOptions = {},
): string[] {
  const problems: string[] = [];
  const parsed = parseDocument(text);
  if (parsed.errors.length > 0) return parsed.errors.map((e) => `${file}: YAML: ${e.message.split('\n')[0]}`);
  const doc: unknown = parsed.toJS();
  if (!isRecord(doc)) return [`${file}: not a workflow (a YAML mapping)`];

  if (opts.example) {
    const lines = text.replace(/\n$/, '').split('\n').length;
    if (lines > MAX_EXAMPLE_LINES) {
      problems.push(`${file}: ${lines} lines; an example must stay under ${MAX_EXAMPLE_LINES + 1}`);
    }
  }

  const jobs = doc['jobs'];
  if (!isRecord(jobs)) return [...problems, `${file}: no jobs`];
  for (const [jobId, job] of Object.entries(jobs)) {
    if (!isRecord(job)) continue;
    const at = `${file}: jobs.${jobId}`;
    if (typeof job['uses'] === 'string') {
      const ref = parseUses(job['uses']);
      if (ref.kind === 'bad') problems.push(`${at}: ${ref.why}`);
      else if (ref.kind === 'action')
        problems.push(`${at}: a job calls a reusable workflow; a stage goes in a step`);
      else if (ref.kind === 'workflow') {
        const contract = contracts.workflows.get(ref.name);
        if (!contract) {
          const known = [...contracts.workflows.keys()].sort().join(', ') || '(none)';
          problems.push(`${at}: reusable workflow '${ref.name}' does not exist (there are: ${known})`);
        } else {
          checkWith(at, ref.name, contract, job['with'], problems);
          checkSecrets(at, ref.name, contract, job['secrets'], problems);
        }
      }
    }
    const steps = Array.isArray(job['steps']) ? job['steps'] : [];
    steps.forEach((step: unknown, i: number) => {
      if (!isRecord(step)) return;
      const label =
        typeof step['id'] === 'string' ? step['id'] : typeof step['name'] === 'string' ? step['name'] : '';
      const where = `${at}.steps[${i}]${label ? ` (${label})` : ''}`;
      if (typeof step['run'] === 'string') {
        for (const expr of injectedExpressions(step['run'])) {
          problems.push(`${where}: run: pastes ${expr} into the script; pass it through env: instead`);
        }
      }
      if (typeof step['uses'] !== 'string') return;
      const ref = parseUses(step['uses']);
      if (ref.kind === 'bad') problems.push(`${where}: ${ref.why}`);
      else if (ref.kind === 'workflow')
        problems.push(`${where}: a reusable workflow is called by a job's uses:, not a step`);
      else if (ref.kind === 'action') {
        const contract = contracts.actions.get(ref.name);
        if (!contract) {
          const known = [...contracts.actions.keys()].sort().join(', ') || '(none)';
          problems.push(
            `${where}: action '${ref.name}' does not exist: no actions/${ref.name}/action.yml (there are: ${known})`,
          );
        } else {
          checkWith(where, `actions/${ref.name}`, contract, step['with'], problems);
        }
      }
    });
  }
  return problems;
}

/** The files to check: every .yml/.yaml in examples/ and .github/workflows/, relative to root. */
export function workflowFiles(root: string): { file: string; example: boolean }[] {
  const list = (dir: string, example: boolean) =>
    existsSync(join(root, dir))
      ? readdirSync(join(root, dir))
          .filter((f) => /\.ya?ml$/.test(f))
          .sort()
          .map((f) => ({ file: `${dir}/${f}`, example }))
      : [];
  return [...list('examples', true), ...list('.github/workflows', false)];
}
