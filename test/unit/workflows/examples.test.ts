// The examples users copy and the reusable workflows, checked against the action.yml and
// workflow_call contracts in this repository (see workflow-check.ts for the rules).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  type Contracts,
  checkWorkflow,
  injectedExpressions,
  loadContracts,
  MAX_EXAMPLE_LINES,
  node24Problem,
  parseUses,
  workflowFiles,
} from './workflow-check.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));

describe('the workflows and examples in this repository', () => {
  const contracts = loadContracts(root);
  const files = workflowFiles(root);

  it('reads the stage contracts and the reusable workflows (the check is not vacuous)', () => {
    expect(contracts.actions.get('smoke-test')?.inputs.has('url')).toBe(true);
    expect(contracts.actions.get('actions/smoke-test')?.inputs.has('url')).toBe(true);
    expect(contracts.actions.get('test-matrix')?.inputs.has('component')).toBe(true);
    expect(contracts.actions.get('')?.problems).toEqual([]); // the root action.yml
    expect([...contracts.workflows.keys()].sort()).toEqual(['deploy.yml', 'test.yml']);
    expect(contracts.workflows.get('deploy.yml')?.inputs.get('environment')).toEqual({
      required: true,
      type: 'string',
    });
    expect(contracts.workflows.get('deploy.yml')?.secrets?.has('ssh-private-key')).toBe(true);
    expect(files.map((f) => f.file)).toEqual(
      expect.arrayContaining([
        'examples/staging-on-main.yml',
        'examples/production-on-tag.yml',
        'examples/manual-rollback.yml',
        'examples/koyeb.yml',
        'examples/seeds/sori.yml',
        'examples/seeds/neulbomcare.yml',
        'examples/seeds/sns.yml',
        'examples/seeds/uvis.yml',
        'examples/seeds/xylo.yml',
        '.github/workflows/test.yml',
        '.github/workflows/deploy.yml',
        '.github/workflows/release.yml',
      ]),
    );
  });

  it.each(workflowFiles(root))('$file', ({ file, example, seed }) => {
    const text = readFileSync(`${root}/${file}`, 'utf8');
    expect(checkWorkflow(file, text, contracts, { example, seed })).toEqual([]);
  });

  it('the workflows call every stage, each by its short form', () => {
    const used = new Set<string>();
    for (const { file } of files) {
      for (const m of readFileSync(`${root}/${file}`, 'utf8').matchAll(/uses:\s*(\S+)/g)) {
        const ref = parseUses(m[1] ?? '');
        if (ref.kind === 'action' && !ref.local) used.add(ref.path);
      }
    }
    // the pipeline: test-matrix, build-push, deploy-ssh/deploy-koyeb, migrate, smoke-test, rollback, notify
    expect([...used].sort()).toEqual([
      'build-push',
      'deploy-koyeb',
      'deploy-ssh',
      'migrate',
      'notify',
      'rollback',
      'smoke-test',
      'test-matrix',
    ]);
    for (const stage of used)
      expect(contracts.actions.has(`actions/${stage}`), `actions/${stage}/action.yml`).toBe(true);
  });

  it('the workflow snippets in examples/README.md follow the same rules', () => {
    const readme = readFileSync(`${root}/examples/README.md`, 'utf8');
    const blocks = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
    const workflows = blocks.filter((b) => /^jobs:/m.test(b));
    expect(workflows.length).toBeGreaterThanOrEqual(3);
    for (const block of workflows) expect(checkWorkflow('examples/README.md', block, contracts)).toEqual([]);
  });

  it('catches a made-up input on a real stage', () => {
    const yaml = `
jobs:
  gate:
    runs-on: ubuntu-latest
    steps:
      - uses: org/ops-actions/smoke-test@v1
        with:
          url: https://example.com/health
          expect-statuss: 200
`;
    expect(checkWorkflow('bad.yml', yaml, contracts)).toEqual([
      expect.stringMatching(/^bad\.yml: jobs\.gate\.steps\[0\]: smoke-test has no input 'expect-statuss'/),
    ]);
  });
});

// A small, fixed set of contracts, so these tests do not move when a stage gains an input.
const fake: Contracts = {
  actions: new Map([
    [
      'actions/deploy-koyeb',
      {
        inputs: new Map([
          ['api-token', { required: true }],
          ['image', { required: true }],
          ['wait', { required: false }],
        ]),
      },
    ],
    ['actions/smoke-test', { inputs: new Map([['url', { required: false }]]) }],
    ['smoke-test', { inputs: new Map([['url', { required: false }]]) }],
    [
      'broken',
      {
        inputs: new Map(),
        problems: ['broken/action.yml: runs.main ../dist/broken/index.js does not exist'],
      },
    ],
  ]),
  workflows: new Map([
    [
      'deploy.yml',
      {
        inputs: new Map([
          ['environment', { required: true, type: 'string' }],
          ['rollback', { required: false, type: 'boolean' }],
          ['timeout-minutes', { required: false, type: 'number' }],
        ]),
        secrets: new Map([
          ['ssh-private-key', false],
          ['koyeb-token', true],
        ]),
      },
    ],
  ]),
};

function job(body: string): string {
  return `on: push\njobs:\n  deploy:\n${body
    .trim()
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n')}\n`;
}

describe('checkWorkflow (the checker itself)', () => {
  it('passes a correct workflow', () => {
    const yaml = job(`
runs-on: ubuntu-latest
steps:
  - uses: ./actions/deploy-koyeb
    with:
      api-token: \${{ secrets.KOYEB_API_TOKEN }}
      image: ghcr.io/acme/api@sha256:abc
  - uses: org/ops-actions/actions/smoke-test@v1
    with:
      url: https://example.com/health
  - uses: org/ops-actions/smoke-test@v1
    with:
      url: https://example.com/health
  - uses: $/smoke-test
  - uses: ./smoke-test/
  - uses: actions/checkout@v7
    with:
      anything: goes
  - uses: ./.github/actions/our-own-setup
  - env:
      URL: \${{ steps.deploy.outputs.url }}
    run: curl -fsS "$URL" && echo "\${{ github.event_name }} \${{ runner.temp }}"
`);
    expect(checkWorkflow('good.yml', yaml, fake)).toEqual([]);
  });

  it('names an input the action does not declare', () => {
    const yaml = job(`
runs-on: ubuntu-latest
steps:
  - id: koyeb
    uses: org/ops-actions/actions/deploy-koyeb@v1
    with:
      api-token: x
      image: y
      service-name: api
`);
    expect(checkWorkflow('f.yml', yaml, fake)).toEqual([
      "f.yml: jobs.deploy.steps[0] (koyeb): actions/deploy-koyeb has no input 'service-name' (it declares: api-token, image, wait)",
    ]);
  });

  it('names a required input that is missing', () => {
    const yaml = job(`
runs-on: ubuntu-latest
steps:
  - uses: ./actions/deploy-koyeb
    with:
      image: y
`);
    expect(checkWorkflow('f.yml', yaml, fake)).toEqual([
      "f.yml: jobs.deploy.steps[0]: actions/deploy-koyeb needs its required input 'api-token'",
    ]);
  });

  it('resolves a uses: as the runner does: a folder without action.yml, a missing runs file, no @ref', () => {
    const yaml = job(`
runs-on: ubuntu-latest
steps:
  - uses: org/ops-actions/actions/deploy-kubernetes@v1
  - uses: org/ops-actions/deploy-kubernetes@v1
  - uses: org/ops-actions/broken@v1
  - uses: org/ops-actions/actions/smoke-test
  - uses: $/smoke-test@v1
  - uses: $/deploy-kubernetes
  - uses: ./actions/deploy-kubernetes
`);
    expect(checkWorkflow('f.yml', yaml, fake)).toEqual([
      "f.yml: jobs.deploy.steps[0]: org/ops-actions/actions/deploy-kubernetes@v1: Can't find 'action.yml', 'action.yaml' or 'Dockerfile' under 'actions/deploy-kubernetes'",
      "f.yml: jobs.deploy.steps[1]: org/ops-actions/deploy-kubernetes@v1: Can't find 'action.yml', 'action.yaml' or 'Dockerfile' under 'deploy-kubernetes'",
      'f.yml: jobs.deploy.steps[2]: org/ops-actions/broken@v1: broken/action.yml: runs.main ../dist/broken/index.js does not exist',
      "f.yml: jobs.deploy.steps[3]: 'org/ops-actions/actions/smoke-test' has no @ref (e.g. @v1)",
      "f.yml: jobs.deploy.steps[4]: '$/smoke-test@v1': a $/ reference takes no @ref (it is the commit that runs)",
      "f.yml: jobs.deploy.steps[5]: $/deploy-kubernetes: Can't find 'action.yml', 'action.yaml' or 'Dockerfile' under 'deploy-kubernetes'",
      "f.yml: jobs.deploy.steps[6]: ./actions/deploy-kubernetes: Can't find 'action.yml', 'action.yaml' or 'Dockerfile' under 'actions/deploy-kubernetes'",
    ]);
  });

  it('checks a reusable workflow call: inputs, required inputs, types, secrets', () => {
    const yaml = `
jobs:
  deploy:
    uses: org/ops-actions/.github/workflows/deploy.yml@v1
    with:
      enviroment: staging
      rollback: yes-please
      timeout-minutes: soon
    secrets:
      ssh-key: \${{ secrets.KEY }}
`;
    expect(checkWorkflow('f.yml', yaml, fake)).toEqual([
      "f.yml: jobs.deploy: deploy.yml has no input 'enviroment' (it declares: environment, rollback, timeout-minutes)",
      "f.yml: jobs.deploy: input 'rollback' of deploy.yml is a boolean, got 'yes-please'",
      "f.yml: jobs.deploy: input 'timeout-minutes' of deploy.yml is a number, got 'soon'",
      "f.yml: jobs.deploy: deploy.yml needs its required input 'environment'",
      "f.yml: jobs.deploy: deploy.yml declares no secret 'ssh-key' (it declares: koyeb-token, ssh-private-key)",
      "f.yml: jobs.deploy: deploy.yml needs its required secret 'koyeb-token'",
    ]);
  });

  it('accepts secrets: inherit and expressions for typed inputs', () => {
    const yaml = `
jobs:
  deploy:
    uses: ./.github/workflows/deploy.yml
    with:
      environment: \${{ github.ref_name == 'main' && 'production' || 'staging' }}
      rollback: \${{ github.event_name == 'push' }}
      timeout-minutes: 20
    secrets: inherit
`;
    expect(checkWorkflow('f.yml', yaml, fake)).toEqual([]);
  });

  it('names a reusable workflow that does not exist', () => {
    const yaml = `
jobs:
  ship:
    uses: org/ops-actions/.github/workflows/ship.yml@v1
`;
    expect(checkWorkflow('f.yml', yaml, fake)).toEqual([
      "f.yml: jobs.ship: reusable workflow 'ship.yml' does not exist (there are: deploy.yml)",
    ]);
  });

  it('refuses untrusted expressions pasted into run: scripts (injection)', () => {
    const yaml = job(`
runs-on: ubuntu-latest
steps:
  - run: echo "\${{ inputs.version }}"
  - run: |
      git checkout \${{ github.event.pull_request.head.ref }}
      npm test -- \${{matrix.name}} \${{ github.head_ref }}
  - run: deploy --to "\${{ format('{0}', steps.plan.outputs.target) }}" \${{ needs.build.outputs.image }}
  - run: echo \${{ secrets.TOKEN }}
`);
    const problems = checkWorkflow('f.yml', yaml, fake);
    expect(problems).toEqual([
      'f.yml: jobs.deploy.steps[0]: run: pastes ${{ inputs.version }} into the script; pass it through env: instead',
      'f.yml: jobs.deploy.steps[1]: run: pastes ${{ github.event.pull_request.head.ref }} into the script; pass it through env: instead',
      'f.yml: jobs.deploy.steps[1]: run: pastes ${{matrix.name}} into the script; pass it through env: instead',
      'f.yml: jobs.deploy.steps[1]: run: pastes ${{ github.head_ref }} into the script; pass it through env: instead',
      "f.yml: jobs.deploy.steps[2]: run: pastes ${{ format('{0}', steps.plan.outputs.target) }} into the script; pass it through env: instead",
      'f.yml: jobs.deploy.steps[2]: run: pastes ${{ needs.build.outputs.image }} into the script; pass it through env: instead',
      'f.yml: jobs.deploy.steps[3]: run: pastes ${{ secrets.TOKEN }} into the script; pass it through env: instead',
    ]);
  });

  it('injectedExpressions leaves trusted contexts alone', () => {
    expect(injectedExpressions('echo ${{ github.event_name }} ${{ runner.os }} ${{ github.sha }}')).toEqual(
      [],
    );
    expect(injectedExpressions('echo ${{ github.event.inputs.network }}')).toEqual([
      '${{ github.event.inputs.network }}',
    ]);
  });

  it(`limits an example to ${MAX_EXAMPLE_LINES} lines`, () => {
    const steps = Array.from({ length: 40 }, (_, i) => `  - run: echo ${i}`).join('\n');
    const yaml = job(`runs-on: ubuntu-latest\nsteps:\n${steps}`);
    expect(checkWorkflow('examples/long.yml', yaml, fake, { example: true })).toEqual([
      `examples/long.yml: ${yaml.trimEnd().split('\n').length} lines; an example must stay under ${MAX_EXAMPLE_LINES + 1}`,
    ]);
    expect(checkWorkflow('.github/workflows/long.yml', yaml, fake)).toEqual([]);
  });

  it('names an action version that runs on Node 20, and an action nobody checked', () => {
    expect(node24Problem('actions/checkout@v4')).toBe(
      'actions/checkout@v4: runs on Node 20 or older; use @v5 or newer (node24)',
    );
    expect(node24Problem('actions/upload-artifact@v5.0.0')).toMatch(/use @v6 or newer/);
    expect(node24Problem('actions/checkout@v5')).toBe('');
    expect(node24Problem('actions/setup-python@v7')).toBe('');
    expect(node24Problem('actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1')).toBe('');
    expect(node24Problem('someone/unknown-action@v1')).toMatch(/not in NODE24_MAJORS/);
    expect(node24Problem('org/ops-actions/deploy-ssh@v1')).toBe('');
    expect(node24Problem('./.github/actions/setup')).toBe('');
  });

  it('names a job whose environment and a step both record a GitHub deployment', () => {
    const steps = `
steps:
  - uses: org/ops-actions/actions/deploy-koyeb@v1
    with:
      api-token: x
      image: y
      github-token: \${{ github.token }}
      environment: production`;
    const contracts: Contracts = {
      ...fake,
      actions: new Map([
        [
          'actions/deploy-koyeb',
          {
            inputs: new Map([
              ['api-token', { required: true }],
              ['image', { required: true }],
              ['github-token', { required: false }],
              ['environment', { required: false }],
            ]),
          },
        ],
      ]),
    };
    const twice =
      'f.yml: jobs.deploy: environment: creates a GitHub deployment and steps[0] records another (github-token + environment); give the job environment: { name: …, deployment: false }';
    expect(checkWorkflow('f.yml', job(`runs-on: x\nenvironment: production${steps}`), contracts)).toEqual([
      twice,
    ]);
    expect(
      checkWorkflow(
        'f.yml',
        job(`runs-on: x\nenvironment:\n  name: production\n  url: https://x${steps}`),
        contracts,
      ),
    ).toEqual([twice]);
    expect(
      checkWorkflow(
        'f.yml',
        job(`runs-on: x\nenvironment:\n  name: production\n  deployment: false${steps}`),
        contracts,
      ),
    ).toEqual([]);
    expect(checkWorkflow('f.yml', job(`runs-on: x${steps}`), contracts)).toEqual([]);
  });

  it('reports YAML that does not parse', () => {
    expect(checkWorkflow('f.yml', 'jobs:\n  a: [\n', fake)[0]).toMatch(/^f\.yml: YAML: /);
  });
});
