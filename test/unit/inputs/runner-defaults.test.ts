// The runner passes every input's action.yml `default:` as INPUT_<NAME>, whether the step gave it or
// not: a stage cannot tell a default from a typed value. So for every input with a default, each
// stage must read the same configuration with the default passed as with the input left unset —
// one input at a time and all of them at once, in each way the stage is used. The few differences
// that are meant are listed in INTENDED with the reason.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import { describe, expect, it } from 'vitest';
import { parseInputs as parseBuildPush } from '../../../actions/build-push/inputs.js';
import { parseInputs as parseKoyeb } from '../../../actions/deploy-koyeb/inputs.js';
import { readDeployInputs } from '../../../actions/deploy-ssh/inputs.js';
import { parseMigrateInputs } from '../../../actions/migrate/inputs.js';
import { parseInputs as parseNotify } from '../../../actions/notify/inputs.js';
import { readRollbackInputs } from '../../../actions/rollback/inputs.js';
import { readSmokeTestInputs } from '../../../actions/smoke-test/inputs.js';
import { parseTestMatrixInputs } from '../../../actions/test-matrix/inputs.js';
import { Inputs, recordInputs } from '../../../lib/inputs.js';
import { readSshInputs } from '../../../lib/ssh/inputs.js';
import { actionDefaults, stageNames } from '../../harness/run-action.js';

const KEY = ssh2.utils.generateKeyPairSync('ed25519').private;
const FP = `SHA256:${'K'.repeat(43)}`;
const ws = mkdtempSync(join(tmpdir(), 'ops-defaults-'));
mkdirSync(join(ws, 'site'));
writeFileSync(join(ws, 'site', 'index.html'), 'hi');
writeFileSync(join(ws, 'Dockerfile'), 'FROM scratch\n');
mkdirSync(join(ws, 'migrations'));
const ENV = {
  GITHUB_WORKSPACE: ws,
  RUNNER_TEMP: join(ws, 'tmp'),
  GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
  GITHUB_REF: 'refs/heads/main',
  GITHUB_RUN_ID: '1000',
  GITHUB_RUN_ATTEMPT: '1',
  GITHUB_ACTOR: 'octocat',
  GITHUB_REPOSITORY: 'acme/shop',
};
const SSH = { hosts: 'deploy@10.0.0.1', 'private-key': KEY, 'host-fingerprint': FP };
/** What `${{ github.token }}` evaluates to on the runner: always a token. */
const EXPRESSIONS = { 'github.token': 'ghs_runnerToken0123456789' };

type Parse = (inputs: Inputs) => unknown;
interface Way {
  stage: string;
  /** How the stage is used: the inputs a step gives. */
  way: string;
  given: Record<string, string>;
  parse: Parse;
}

const WAYS: Way[] = [
  {
    stage: 'build-push',
    way: 'one image',
    given: { image: '127.0.0.1:5000/shop/web' },
    parse: (i) => parseBuildPush(i, ws),
  },
  {
    stage: 'build-push',
    way: 'several images',
    given: { images: '- name: 127.0.0.1:5000/shop/web\n  context: .\n- name: 127.0.0.1:5000/shop/api\n' },
    parse: (i) => parseBuildPush(i, ws),
  },
  {
    stage: 'deploy-koyeb',
    way: 'a service by id',
    given: { 'api-token': 'koyeb-token', 'service-id': 'svc-1', image: 'docker.io/acme/web:v1' },
    parse: (i) => parseKoyeb(i),
  },
  ...(
    [
      ['script', { script: 'echo hi' }],
      ['compose', { image: '127.0.0.1:5000/shop/web:v2' }],
      [
        'compose',
        {
          image: '127.0.0.1:5000/shop/web:v2',
          'zero-downtime': 'true',
          'health-command': 'true',
          'upstream-file': '/etc/nginx/up.conf',
        },
      ],
      ['compose', { image: '127.0.0.1:5000/shop/web:v2', 'rolling-batch': '1' }],
      ['release', { source: 'site' }],
    ] as const
  ).map(([strategy, extra]): Way => ({
    stage: 'deploy-ssh',
    way: `strategy ${strategy} ${JSON.stringify(extra)}`,
    given: { ...SSH, strategy, 'app-dir': '/srv/shop', ...extra },
    parse: async (i) => ({ deploy: await readDeployInputs(i, ENV), ssh: await readSshInputs(i) }),
  })),
  ...(['sql', 'alembic', 'command'] as const).map((tool): Way => ({
    stage: 'migrate',
    way: `${tool} on the runner`,
    given: {
      tool,
      'database-url': 'postgres://app:pw@127.0.0.1:5432/shop',
      ...(tool === 'sql' ? { 'migrations-dir': 'migrations' } : {}),
      ...(tool === 'command' ? { up: 'npm run migrate' } : {}),
    },
    parse: (i) => parseMigrateInputs(i, ENV),
  })),
  {
    stage: 'migrate',
    way: 'alembic over ssh in a compose service',
    given: {
      tool: 'alembic',
      where: 'ssh',
      ...SSH,
      'working-directory': '/srv/shop',
      'compose-service': 'backend',
      'database-url': 'postgres://app:pw@127.0.0.1:5432/shop',
    },
    parse: (i) => parseMigrateInputs(i, ENV),
  },
  {
    stage: 'notify',
    way: 'slack and a signed webhook',
    given: {
      status: 'failure',
      'slack-webhook-url': 'https://hooks.slack.com/services/T000/B000/XXXX',
      'webhook-url': 'https://hooks.example.com/deploys',
      'webhook-secret': 'hmac-key',
    },
    parse: (i) => parseNotify(i),
  },
  {
    stage: 'rollback',
    way: 'ssh compose',
    given: { ...SSH, strategy: 'compose', 'app-dir': '/srv/shop' },
    parse: (i) => readRollbackInputs(i, ENV),
  },
  {
    stage: 'smoke-test',
    way: 'urls',
    given: { url: 'https://example.com/health' },
    parse: readSmokeTestInputs,
  },
  {
    stage: 'smoke-test',
    way: 'checks',
    given: { checks: '- url: https://example.com/health\n  status: 200\n' },
    parse: readSmokeTestInputs,
  },
  { stage: 'test-matrix', way: 'discovery', given: {}, parse: parseTestMatrixInputs },
  {
    stage: 'test-matrix',
    way: 'changed only',
    given: { 'changed-only': 'true' },
    parse: parseTestMatrixInputs,
  },
  {
    stage: 'test-matrix',
    way: 'one component with cache',
    given: { component: 'backend', cache: 'true' },
    parse: parseTestMatrixInputs,
  },
];

/** Defaults whose value is meant to differ from "not given", and why. */
const INTENDED: Record<string, string> = {
  'test-matrix/github-token':
    "`${{ github.token }}`: the runner always has the job's token; unset means a caller passed ''",
};

/** What a parse gives, or the message it throws, so a failure compares too. */
async function read(parse: Parse, record: Record<string, string>): Promise<unknown> {
  const previous = process.env['GITHUB_WORKSPACE'];
  process.env['GITHUB_WORKSPACE'] = ws; // test-matrix and build-push read the workspace from the environment
  try {
    return await parse(new Inputs(recordInputs(record)));
  } catch (error) {
    return { threw: error instanceof Error ? error.message : String(error) };
  } finally {
    if (previous === undefined) delete process.env['GITHUB_WORKSPACE'];
    else process.env['GITHUB_WORKSPACE'] = previous;
  }
}

describe.each(WAYS)('$stage, $way: a default the runner passes reads as the input left unset', (w) => {
  const defaults = Object.entries(actionDefaults(w.stage, EXPRESSIONS)).filter(
    ([name]) => !(name in w.given) && !(`${w.stage}/${name}` in INTENDED),
  );

  it('the way itself is valid (so the comparisons below compare configurations, not errors)', async () => {
    expect(await read(w.parse, w.given)).not.toHaveProperty('threw');
  });

  it('every default at once, as the runner passes them', async () => {
    const all = Object.fromEntries(defaults);
    expect(await read(w.parse, { ...all, ...w.given })).toEqual(await read(w.parse, w.given));
  });

  it.each(defaults.length > 0 ? defaults : [['(no defaults)', '']])('%s: %j', async (name, value) => {
    if (name === '(no defaults)') {
      expect(actionDefaults(w.stage)).toEqual({});
      return;
    }
    expect(await read(w.parse, { ...w.given, [name]: value })).toEqual(await read(w.parse, w.given));
  });
});

it('every stage in actions/ is read here in at least one way', () => {
  const stages = stageNames();
  expect(stages.filter((s) => !WAYS.some((w) => w.stage === s))).toEqual([]);
});

describe('the intended differences are still there (remove them from INTENDED when they go)', () => {
  it.each(Object.keys(INTENDED))('%s has an expression default', (key) => {
    const [stage = '', name = ''] = key.split('/');
    expect(actionDefaults(stage, EXPRESSIONS)[name]).toBe(EXPRESSIONS['github.token']);
  });
});
