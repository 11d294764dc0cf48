// Checks the workflows users copy (examples/) and the reusable workflows (.github/workflows/) against
// the contracts they call: every action of this repository that a `uses:` names is resolved the way
// the runner resolves it (repository root + path + action.yml, then runs.main/pre/post relative to
// that file must exist) and gets only inputs its action.yml declares (and all its required ones),
// every reusable workflow named exists and gets only its declared workflow_call inputs and secrets
// (and all required ones), no `run:` script pastes an untrusted expression, and examples stay short
// enough to read. checkSnippets does the same for the ```yaml blocks of a README.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { isMap, isScalar, isSeq, parseDocument, type Node } from 'yaml';

/** The repository users reference: `org/ops-actions/<stage>@v1`. */
export const REPOSITORY = 'org/ops-actions';

/** Examples must stay short: a user reads one at a glance and copies it. */
export const MAX_EXAMPLE_LINES = 39;

/**
 * examples/seeds/: one whole pipeline per seed team, calling the stages directly (test, build, deploy,
 * migrate, smoke, rollback in one file, as that team would commit it), so a longer cap.
 */
export const MAX_SEED_LINES = 125;

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
  /** Actions only: what keeps the runner from starting it (a runs.main/pre/post that is missing). */
  problems?: string[];
}

export interface Contracts {
  /**
   * Folder of an action.yml relative to the repository root ('' = the root, 'deploy-ssh',
   * 'actions/deploy-ssh') → its inputs.
   */
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

/** The action.yml (or action.yaml) the runner would load for `dir`, as a contract; undefined when none. */
export function loadAction(root: string, dir: string): Contract | undefined {
  const file = ['action.yml', 'action.yaml'].map((f) => join(root, dir, f)).find((f) => existsSync(f));
  if (!file) return undefined;
  const doc: unknown = parseDocument(readFileSync(file, 'utf8')).toJS();
  if (!isRecord(doc))
    return { inputs: new Map(), problems: [`${posix.join(dir, 'action.yml')}: not a mapping`] };
  const problems: string[] = [];
  const runs = doc['runs'];
  const using = isRecord(runs) ? runs['using'] : undefined;
  if (isRecord(runs) && typeof using === 'string' && using.startsWith('node')) {
    for (const key of ['main', 'pre', 'post']) {
      const p = runs[key];
      if (key === 'main' && typeof p !== 'string')
        problems.push(`${posix.join(dir, 'action.yml')}: no runs.main`);
      if (typeof p === 'string' && !existsSync(join(dirname(file), p)))
        problems.push(`${posix.join(dir, 'action.yml')}: runs.${key} ${p} does not exist`);
    }
  } else if (!isRecord(runs) || typeof using !== 'string') {
    problems.push(`${posix.join(dir, 'action.yml')}: no runs.using`);
  }
  return { inputs: inputsOf(doc['inputs']), problems };
}

/**
 * Reads every action of `root` a `uses:` can name — the root action.yml, <dir>/action.yml (the
 * short forms) and actions/<stage>/action.yml — and the reusable workflows in .github/workflows.
 */
export function loadContracts(root: string): Contracts {
  const actions = new Map<string, Contract>();
  const dirs = (under: string): string[] =>
    existsSync(join(root, under))
      ? readdirSync(join(root, under), { withFileTypes: true })
          .filter((e) => e.isDirectory() && !e.name.startsWith('.') && e.name !== 'node_modules')
          .map((e) => posix.join(under, e.name))
      : [];
  for (const dir of ['', ...dirs(''), ...dirs('actions'), ...dirs('.github/actions')]) {
    const contract = loadAction(root, dir);
    if (contract) actions.set(dir, contract);
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
  /** An action of this repository: `path` is its folder relative to the repository root. */
  | { kind: 'action'; path: string; local: boolean }
  | { kind: 'workflow'; name: string }
  | { kind: 'bad'; why: string }
  | { kind: 'other' };

/**
 * What a `uses:` value points at, as far as this repository is concerned: `org/ops-actions[/path]@ref`,
 * `$/path` (GitHub's self-repository reference: this repository at the commit that runs) or `./path`
 * (the workspace; in an example, the caller's own repository).
 */
export function parseUses(uses: string): Reference {
  const u = uses.trim();
  const local = /^\.\/(.*?)\/?$/.exec(u);
  const self = /^\$\/(.*?)\/?$/.exec(u);
  const remotePrefix = `${REPOSITORY}/`;
  let path: string;
  if (self) {
    if (u.includes('@'))
      return { kind: 'bad', why: `'${u}': a $/ reference takes no @ref (it is the commit that runs)` };
    path = self[1] ?? '';
  } else if (local) {
    path = local[1] ?? '';
  } else if (
    u.toLowerCase() === REPOSITORY ||
    u.toLowerCase().startsWith(remotePrefix) ||
    u.toLowerCase().startsWith(`${REPOSITORY}@`)
  ) {
    const at = u.indexOf('@');
    if (at < 0) return { kind: 'bad', why: `'${u}' has no @ref (e.g. @v1)` };
    path = u.slice(0, at).slice(REPOSITORY.length).replace(/^\//, '').replace(/\/$/, '');
  } else {
    return { kind: 'other' };
  }
  const workflow = /^\.github\/workflows\/([^/]+\.ya?ml)$/.exec(path);
  if (workflow) return { kind: 'workflow', name: workflow[1] ?? '' };
  return { kind: 'action', path: posix.normalize(path || '.').replace(/^\.$/, ''), local: Boolean(local) };
}

/**
 * The third-party actions our workflows, examples and READMEs use → the first major whose action.yml
 * says `runs.using: node24` (read from each repository's major tags, December 2026). An older major
 * runs on Node 20, which the runner is dropping. A new third-party action must be added here, after
 * checking its action.yml.
 */
export const NODE24_MAJORS: Readonly<Record<string, number>> = {
  'actions/checkout': 5,
  'actions/setup-node': 5,
  'actions/setup-python': 6,
  'actions/setup-go': 6,
  'actions/upload-artifact': 6, // v5 still runs node20 by default; v6 is the first node24 one
  'azure/webapps-deploy': 2,
  'docker/build-push-action': 7,
  'docker/login-action': 4,
  'docker/setup-buildx-action': 4,
  'oven-sh/setup-bun': 2,
};

/** Why a third-party `uses:` is not a Node 24 version ('' when it is, or is not ours to judge). */
export function node24Problem(uses: string): string {
  const u = uses.trim();
  if (u.startsWith('./') || u.startsWith('$/') || u.startsWith('docker://') || /<[^>]+>/.test(u)) return '';
  if (parseUses(u).kind !== 'other') return '';
  const m = /^([^/@\s]+\/[^/@\s]+)(?:\/[^@\s]*)?@(\S+)$/.exec(u);
  if (!m) return `${u}: no @ref`;
  const name = (m[1] ?? '').toLowerCase();
  const ref = m[2] ?? '';
  const min = NODE24_MAJORS[name];
  if (min === undefined)
    return `${u}: an action not in NODE24_MAJORS (workflow-check.ts): check which major runs on node24 and add it`;
  const major = /^v(\d+)(?:\.|$)/.exec(ref);
  if (!major) return ''; // a commit sha or a branch: pinned on purpose
  return Number(major[1]) < min ? `${u}: runs on Node 20 or older; use @v${min} or newer (node24)` : '';
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

/**
 * A job that references an environment gets a GitHub deployment from GitHub itself, unless its
 * environment says `deployment: false` (or an expression decides it); a step of ours given both
 * `github-token` and `environment` records one more. Two for one deploy is the mistake.
 */
function twoDeployments(job: Doc, steps: unknown[]): string {
  const env = job['environment'];
  if (env === undefined) return '';
  const deployment = isRecord(env) ? env['deployment'] : undefined;
  if (deployment === false || deployment === 'false') return '';
  if (typeof deployment === 'string' && deployment.includes('${{')) return '';
  const recording = steps.findIndex((step) => {
    if (!isRecord(step) || typeof step['uses'] !== 'string' || parseUses(step['uses']).kind !== 'action')
      return false;
    const w = step['with'];
    const given = (k: string): boolean => isRecord(w) && typeof w[k] === 'string' && w[k] !== '';
    return given('github-token') && given('environment');
  });
  return recording < 0
    ? ''
    : `environment: creates a GitHub deployment and steps[${recording}] records another (github-token + environment); give the job environment: { name: …, deployment: false }`;
}

/**
 * One `uses:` of an action of this repository, resolved as the runner does: <path>/action.yml must
 * exist (a `./.github/…` path that does not is the caller's own action), its runs files must exist,
 * and `with:` may only give inputs it declares (and must give its required ones unless
 * `partial`, for README fragments).
 */
function checkActionUse(
  where: string,
  uses: string,
  ref: { path: string; local: boolean },
  contracts: Contracts,
  given: unknown,
  problems: string[],
  partial = false,
): void {
  const contract = contracts.actions.get(ref.path);
  if (!contract) {
    if (ref.local && ref.path.startsWith('.github/')) return;
    problems.push(
      `${where}: ${uses.trim()}: Can't find 'action.yml', 'action.yaml' or 'Dockerfile' under '${ref.path || '(the repository root)'}'`,
    );
    return;
  }
  for (const p of contract.problems ?? []) problems.push(`${where}: ${uses.trim()}: ${p}`);
  const target = ref.path || REPOSITORY;
  if (partial) {
    const onlyGiven = new Map([...contract.inputs].map(([k, v]) => [k, { ...v, required: false }]));
    checkWith(where, target, { inputs: onlyGiven }, given, problems);
  } else {
    checkWith(where, target, contract, given, problems);
  }
}

export interface CheckOptions {
  /** examples/: at most MAX_EXAMPLE_LINES lines. */
  example?: boolean;
  /** examples/seeds/: at most MAX_SEED_LINES lines. */
  seed?: boolean;
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
  if (opts.seed) {
    const lines = text.replace(/\n$/, '').split('\n').length;
    if (lines > MAX_SEED_LINES) {
      problems.push(`${file}: ${lines} lines; a seed pipeline must stay under ${MAX_SEED_LINES + 1}`);
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
      const old = node24Problem(step['uses']);
      if (old) problems.push(`${where}: ${old}`);
      const ref = parseUses(step['uses']);
      if (ref.kind === 'bad') problems.push(`${where}: ${ref.why}`);
      else if (ref.kind === 'workflow')
        problems.push(`${where}: a reusable workflow is called by a job's uses:, not a step`);
      else if (ref.kind === 'action')
        checkActionUse(where, step['uses'], ref, contracts, step['with'], problems);
    });
    const twice = twoDeployments(job, steps);
    if (twice) problems.push(`${at}: ${twice}`);
  }
  return problems;
}

/** The files to check: every .yml/.yaml in examples/ and .github/workflows/, relative to root. */
export function workflowFiles(root: string): { file: string; example: boolean; seed: boolean }[] {
  const list = (dir: string, example: boolean, seed = false) =>
    existsSync(join(root, dir))
      ? readdirSync(join(root, dir))
          .filter((f) => /\.ya?ml$/.test(f))
          .sort()
          .map((f) => ({ file: `${dir}/${f}`, example, seed }))
      : [];
  return [
    ...list('examples', true),
    ...list('examples/seeds', false, true),
    ...list('.github/workflows', false),
  ];
}

/**
 * The ```yaml blocks of a Markdown file (README) checked like workflow steps: every mapping with a
 * `uses:` string anywhere in a block is a step or a job. A uses: with a <placeholder> is skipped;
 * with: need not give required inputs (a README shows fragments). Blocks that do not parse are
 * reported: a user copies them.
 */
export function checkSnippets(file: string, markdown: string, contracts: Contracts): string[] {
  const problems: string[] = [];
  const blocks = [...markdown.matchAll(/^```ya?ml\n([\s\S]*?)^```/gm)];
  blocks.forEach((m, i) => {
    const line = markdown.slice(0, m.index).split('\n').length;
    const at = `${file}:${line} (yaml block ${i + 1})`;
    const parsed = parseDocument(m[1] ?? '');
    if (parsed.errors.length > 0) {
      problems.push(`${at}: YAML: ${parsed.errors[0]?.message.split('\n')[0]}`);
      return;
    }
    visitUses(
      parsed.contents,
      '',
      (path, uses, mapping) => {
        if (/<[^>]+>/.test(uses)) return;
        const where = `${at} ${path || '.'}`;
        const old = node24Problem(uses);
        if (old) problems.push(`${where}: ${old}`);
        const ref = parseUses(uses);
        if (ref.kind === 'bad') problems.push(`${where}: ${ref.why}`);
        else if (ref.kind === 'action')
          checkActionUse(where, uses, ref, contracts, mapping['with'], problems, true);
        else if (ref.kind === 'workflow') {
          const contract = contracts.workflows.get(ref.name);
          if (!contract) problems.push(`${where}: reusable workflow '${ref.name}' does not exist`);
          else
            checkWith(
              where,
              ref.name,
              { inputs: new Map([...contract.inputs].map(([k, v]) => [k, { ...v, required: false }])) },
              mapping['with'],
              problems,
            );
        }
      },
      (path, job, steps) => {
        const twice = twoDeployments(job, steps);
        if (twice) problems.push(`${at} ${path}: ${twice}`);
      },
    );
  });
  return problems;
}

/** Calls `fn` for every mapping under `node` that has a string `uses`, `onJob` for every one with steps. */
function visitUses(
  node: Node | null,
  path: string,
  fn: (path: string, uses: string, mapping: Doc) => void,
  onJob?: (path: string, job: Doc, steps: unknown[]) => void,
): void {
  if (isMap(node)) {
    const js: unknown = node.toJSON();
    if (isRecord(js) && typeof js['uses'] === 'string') fn(path, js['uses'], js);
    if (isRecord(js) && Array.isArray(js['steps'])) onJob?.(path, js, js['steps']);
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '?';
      visitUses(pair.value as Node | null, path ? `${path}.${key}` : key, fn, onJob);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => visitUses(item as Node | null, `${path}[${i}]`, fn, onJob));
  }
}

/** The Markdown files whose ```yaml blocks users copy: README.md and every actions/<stage>/README.md. */
export function readmeFiles(root: string): string[] {
  const stages = existsSync(join(root, 'actions')) ? readdirSync(join(root, 'actions')).sort() : [];
  return ['README.md', ...stages.map((s) => `actions/${s}/README.md`), 'examples/README.md'].filter((f) =>
    existsSync(join(root, f)),
  );
}
