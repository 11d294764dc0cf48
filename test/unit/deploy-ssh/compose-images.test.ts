// strategy compose with several images (`images: VAR=ref` lines): the inputs, the plan, the
// history entry and the outputs. The env-file scripts run in a real shell.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { previousFrom } from '../../../actions/deploy-ssh/deploy.js';
import { planHost } from '../../../actions/deploy-ssh/plan.js';
import { deployOutputs, deploySummary } from '../../../actions/deploy-ssh/report.js';
import { DEFAULT_COMPOSE, restoreImageScript, setImagesScript } from '../../../lib/deploy/compose.js';
import { composeImagesOf, parseImageLines } from '../../../lib/deploy/image-lines.js';
import { parseState, readStateScript } from '../../../lib/deploy/state.js';
import { appendHistoryScript } from '../../../lib/deploy/history.js';
import { ConfigurationError } from '../../../lib/errors.js';
import { config } from './fixtures.js';

const API = '127.0.0.1:5000/sori/api@sha256:' + 'a'.repeat(64);
const WEB = '127.0.0.1:5000/sori/web@sha256:' + 'b'.repeat(64);
const TWO = `BACKEND_IMAGE=${API}\nFRONTEND_IMAGE=${WEB}`;

async function message(record: Record<string, string>): Promise<string> {
  try {
    await config(record);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    return (error as Error).message;
  }
  throw new Error(`expected a ConfigurationError for ${JSON.stringify(record)}`);
}

const sh = (script: string): string => execFileSync('sh', ['-c', script], { encoding: 'utf8' });

describe('compose images input', () => {
  it('reads VAR=ref lines, in order; image is one more line under image-variable, first', async () => {
    expect((await config({ strategy: 'compose', images: TWO })).compose).toMatchObject({
      image: API,
      images: { BACKEND_IMAGE: API, FRONTEND_IMAGE: WEB },
    });
    const both = (await config({ strategy: 'compose', image: 'reg/proxy:1', images: TWO })).compose;
    expect(both?.image).toBe('reg/proxy:1');
    expect(Object.entries(both?.images ?? {})).toEqual([
      ['IMAGE', 'reg/proxy:1'],
      ['BACKEND_IMAGE', API],
      ['FRONTEND_IMAGE', WEB],
    ]);
  });

  it.each([
    [{ images: `BACKEND_IMAGE ${API}` }, `Input 'images': line 'BACKEND_IMAGE ${API}' is not VARIABLE=image`],
    [{ images: `BACKEND_IMAGE=` }, "Input 'images': line 'BACKEND_IMAGE=' is not VARIABLE=image"],
    [{ images: `1API=${API}` }, `Input 'images': line '1API=${API}': '1API' is not a variable name`],
    [{ images: `BACK-END=${API}` }, `'BACK-END' is not a variable name`],
    [
      { images: `API=Not An Image` },
      "Input 'images': line 'API=Not An Image': 'Not An Image' is not an image reference",
    ],
    [
      { images: `API=${API}\nAPI=${WEB}` },
      `Input 'images': line 'API=${WEB}': variable 'API' is given twice (also 'API=${API}')`,
    ],
    [
      { image: 'reg/a:1', images: `IMAGE=${API}` },
      `Input 'images': line 'IMAGE=${API}' sets IMAGE, which 'image' already sets`,
    ],
    [{}, "Input 'image': is required for strategy compose (or 'images'"],
    [
      { images: `PORT=${API}\nWEB=${WEB}`, 'zero-downtime': 'true', 'upstream-file': '/tmp/u.conf' },
      "Input 'port-variable': 'PORT' also holds an image",
    ],
    [
      { strategy: 'script', script: 'x', images: TWO },
      "Input 'images': is only used by strategy 'compose' or 'stack'",
    ],
  ])('refuses %j before connecting, naming the line', async (extra, expected) => {
    expect(await message({ strategy: 'compose', ...extra })).toContain(expected);
  });

  it('one parser for stack and compose: the key rule differs, the line format does not', () => {
    expect(parseImageLines(['web.1=reg/a:1'], 'service')).toEqual({ 'web.1': 'reg/a:1' });
    expect(() => parseImageLines(['web.1=reg/a:1'], 'variable')).toThrow("'web.1' is not a variable name");
  });
});

describe('compose plan with several images', async () => {
  const c = await config({ strategy: 'compose', images: TWO, 'health-command': 'true' });
  const host = c.ssh.hosts[0] as NonNullable<(typeof c.ssh.hosts)[0]>;
  const previous = {
    known: true,
    releaseId: 'r1',
    image: 'reg/api:1',
    images: { BACKEND_IMAGE: 'reg/api:1', FRONTEND_IMAGE: 'reg/web:1' },
  };
  const p = planHost(c, host, { releaseId: 'r2', token: 't', previous });

  it('pulls both with both variables set for the pull only, writes both in one step, restores all', () => {
    const pull = p.phases[0]?.steps.at(-1);
    expect(pull).toMatchObject({
      kind: 'exec',
      title: `docker compose pull BACKEND_IMAGE=${API}, FRONTEND_IMAGE=${WEB}`,
    });
    expect(pull?.kind === 'exec' && pull.command).toBe(
      `cd /srv/shop && BACKEND_IMAGE=${API} FRONTEND_IMAGE=${WEB} docker compose pull --quiet`,
    );
    const activate = p.phases[1]?.steps ?? [];
    expect(activate.map((s) => s.title)).toEqual([
      `set BACKEND_IMAGE=${API}, FRONTEND_IMAGE=${WEB} in .env`,
      'docker compose up -d --remove-orphans --wait',
      'health-command',
    ]);
    expect(p.undoAfterCommit.map((s) => s.title)).toEqual([
      'restore .env (BACKEND_IMAGE=reg/api:1, FRONTEND_IMAGE=reg/web:1)',
      'docker compose up the previous images BACKEND_IMAGE=reg/api:1, FRONTEND_IMAGE=reg/web:1',
    ]);
  });

  it('outputs previous-images as VAR=ref lines and the summary lists every image', () => {
    const result = {
      strategy: 'compose' as const,
      releaseId: 'r2',
      previousReleaseId: 'r1',
      previousImage: 'reg/api:1',
      previousImages: previous.images,
      hosts: [{ host: 'deploy@h', result: 'succeeded' as const, durationMs: 1, releaseId: 'r2' }],
      durationMs: 1,
    };
    const out = deployOutputs(c, result);
    expect(out['previous-images']).toBe('BACKEND_IMAGE=reg/api:1\nFRONTEND_IMAGE=reg/web:1');
    expect(out['previous-image']).toBe('reg/api:1');
    expect(JSON.parse(out.report)).toMatchObject({
      images: c.compose?.images,
      previousImages: previous.images,
    });
    const summary = deploySummary(c, result);
    expect(summary).toContain(`| BACKEND_IMAGE | \`${API}\` | \`reg/api:1\` |`);
    expect(summary).toContain(`| FRONTEND_IMAGE | \`${WEB}\` | \`reg/web:1\` |`);
  });
});

describe('env file and state with several images (a real shell)', () => {
  it('writes both in one file, keeps other lines, restores both; the state reads every recorded variable', async () => {
    const app = join(mkdtempSync(join(tmpdir(), 'ops-images-')), 'app');
    const s = { ...DEFAULT_COMPOSE, appDir: app };
    sh(`mkdir -p '${app}'`);
    writeFileSync(
      join(app, '.env'),
      'SECRET=x\nBACKEND_IMAGE=reg/api:1\nexport FRONTEND_IMAGE="reg/web:1"\n',
    );
    sh(setImagesScript(s, { BACKEND_IMAGE: 'reg/api:2', FRONTEND_IMAGE: 'reg/web:2' }));
    expect(readFileSync(join(app, '.env'), 'utf8')).toBe(
      'SECRET=x\nBACKEND_IMAGE=reg/api:2\nFRONTEND_IMAGE=reg/web:2\n',
    );
    sh(
      appendHistoryScript(app, {
        id: 'r2',
        outcome: 'deployed',
        time: 't',
        strategy: 'compose',
        image: 'reg/api:2',
        images: { BACKEND_IMAGE: 'reg/api:2', FRONTEND_IMAGE: 'reg/web:2' },
      }),
    );
    // a rollback knows only image-variable: the variables come from the history
    const state = parseState(sh(readStateScript(app, { compose: s })));
    expect(state.images).toEqual({ BACKEND_IMAGE: 'reg/api:2', FRONTEND_IMAGE: 'reg/web:2' });
    sh(restoreImageScript(s));
    expect(readFileSync(join(app, '.env'), 'utf8')).toBe(
      'SECRET=x\nBACKEND_IMAGE=reg/api:1\nexport FRONTEND_IMAGE="reg/web:1"\n',
    );
    const c = await config({
      strategy: 'compose',
      images: 'BACKEND_IMAGE=reg/api:3\nFRONTEND_IMAGE=reg/web:3',
    });
    const prev = previousFrom(
      c,
      parseState(sh(readStateScript(app, { compose: s, variables: ['FRONTEND_IMAGE'] }))),
    );
    // the env file no longer holds what r2 recorded (restored by hand here): r2 is not what runs
    expect(prev).toEqual({
      known: true,
      releaseId: undefined,
      image: 'reg/api:1',
      images: { BACKEND_IMAGE: 'reg/api:1', FRONTEND_IMAGE: 'reg/web:1' },
    });
  });

  it('reads old single-image history entries as one image under image-variable', () => {
    expect(composeImagesOf({ image: 'reg/a:1' }, 'IMAGE')).toEqual({ IMAGE: 'reg/a:1' });
    expect(composeImagesOf({ image: 'reg/a:1', images: { A: 'reg/a:1', B: 'reg/b:1' } }, 'IMAGE')).toEqual({
      A: 'reg/a:1',
      B: 'reg/b:1',
    });
    expect(composeImagesOf({}, 'IMAGE')).toBeUndefined();
  });
});
