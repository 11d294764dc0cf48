// Each seed team's pipeline (examples/seeds/*.yml), run as committed by the workflow interpreter
// (test/harness/workflow-runner.ts) on this machine's real servers: every ops-actions step runs its
// bundled action; third-party actions (checkout, setup-*, upload-artifact, azure/webapps-deploy) and
// the team's own `run:` scripts are skipped with their reason (the test prepares the workspace they
// would give), and `services:` containers are not started (the real PostgreSQL stands in). The only
// values the test changes are the workflow's top-level env (registry, URLs, app dir) and the vars
// and secrets, which point at the local servers.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FakeKoyebApi, SCRIPTS } from '../fakes/koyeb-api.js';
import { loadTestEnv, privateKey } from '../harness/env.js';
import { type JobRecord, runWorkflow, stepOf } from '../harness/workflow-runner.js';
import { removeComposeProject, startNginx } from '../helpers/nginx.js';
import { STANDIN } from '../helpers/prisma-standin.js';
import { appDirs, asDeploy, readHistoryFile, writeComposeApp } from '../helpers/server.js';
import { freePort } from '../helpers/sshd.js';
import { BUSYBOX, composeDown, httpGet } from '../helpers/web-image.js';
import { startWebhookReceiver, type WebhookReceiver } from '../helpers/webhook-receiver.js';
import { alembicFiles } from '../integration/migrate/alembic-project.js';
import { createTestDatabase, type TestDatabase } from '../integration/migrate/db.js';
import { writeFiles } from '../integration/migrate/workspace.js';

const cleanups: (() => Promise<unknown> | void)[] = [];
afterAll(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A health endpoint standing in for the deployed app's public URL (Koyeb, Azure are not here). */
async function healthServer(body = '{"status":"ok"}'): Promise<{ url: string; hits: () => number }> {
  let hits = 0;
  const server: Server = createServer((req, res) => {
    hits++;
    res.writeHead(req.url === '/health' ? 200 : 404, { 'content-type': 'application/json' });
    res.end(req.url === '/health' ? body : '{}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  cleanups.push(() => new Promise<void>((r) => server.close(() => r())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits: () => hits };
}

/** A Docker build context at `dir`: FROM scratch with the static busybox (no network needed). */
function busyboxContext(dir: string, version: string): Record<string, string> {
  return {
    [`${dir}/Dockerfile`]: `FROM scratch\nCOPY busybox ${BUSYBOX}\nCOPY www /www\nENTRYPOINT ["${BUSYBOX}"]\n`,
    [`${dir}/www/index.html`]: `<h1>${version}</h1>\n`,
    [`${dir}/www/health`]: `${version}\n`,
  };
}

function workspaceWith(files: Record<string, string>, busyboxIn: string[] = []): string {
  const ws = mkdtempSync(join(tmpdir(), 'ops-seed-ws-'));
  writeFiles(ws, files);
  for (const d of busyboxIn) {
    mkdirSync(join(ws, d), { recursive: true });
    copyFileSync('/usr/bin/busybox', join(ws, d, 'busybox'));
  }
  return ws;
}

async function database(label: string): Promise<TestDatabase> {
  const db = await createTestDatabase(label);
  cleanups.push(() => db.drop());
  return db;
}

const skippedWhy = (job: JobRecord | undefined): string[] =>
  (job?.steps ?? []).filter((s) => s.kind === 'skipped').map((s) => `${s.label}: ${s.reason ?? ''}`);

// No image with alembic can be pulled here: backend services mount the host's /usr (python3,
// alembic, psycopg2, pg_dump) read-only, as migrate-remote.test.ts does.
const HOST_USR = [
  '/usr:/usr:ro',
  '/usr/lib:/lib:ro',
  '/usr/lib64:/lib64:ro',
  '/etc/alternatives:/etc/alternatives:ro',
];

/** A compose service's `volumes:` lines: the host's /usr, then `extra`. */
const volumes = (extra: string[] = []): string[] => [
  '    volumes:',
  ...[...HOST_USR, ...extra].map((v) => `      - ${v}`),
];

/** The backend's alembic project on the server, as the image would carry it (mounted from app-dir/backend). */
function serverAlembicProject(appDir: string): void {
  const script = Object.entries(alembicFiles({}, 'backend'))
    .filter(([path]) => !path.startsWith('bin/')) // /usr/bin/alembic comes with the host's /usr
    .map(
      ([path, text]) =>
        `mkdir -p "$(dirname '${appDir}/${path}')" && cat > '${appDir}/${path}' <<'EOF'\n${text}EOF\n`,
    )
    .join('');
  asDeploy(script);
}

describe('XYLO: build → Koyeb deploy → prisma migration → smoke → rollback through Koyeb → Slack', () => {
  const env = loadTestEnv();
  const suffix = Math.random().toString(16).slice(2, 8);

  async function setup(): Promise<{
    koyeb: FakeKoyebApi;
    slack: WebhookReceiver;
    db: TestDatabase;
    ws: string;
    serviceId: string;
    run: () => ReturnType<typeof runWorkflow>;
  }> {
    const koyeb = await FakeKoyebApi.start();
    cleanups.push(() => koyeb.close());
    const app = koyeb.addApp({ name: 'xylo' });
    const svc = koyeb.addService({ app: app.id, name: 'api-staging', image: 'ghcr.io/xylo/api:before' });
    const slack = await startWebhookReceiver();
    cleanups.push(() => slack.close());
    const db = await database('xylo');
    const site = await healthServer();
    const ws = workspaceWith(
      {
        ...busyboxContext('backend', 'xylo'),
        'backend/package.json': '{ "name": "xylo-api", "private": true }\n',
        'backend/node_modules/.bin/prisma': STANDIN,
        'backend/prisma/schema.prisma':
          'datasource db {\n  provider = "postgresql"\n  url = env("DATABASE_URL")\n}\n',
        'backend/prisma/migrations/20240101000000_init/migration.sql':
          'CREATE TABLE "User" (id serial PRIMARY KEY);\n',
      },
      ['backend'],
    );
    const run = () =>
      runWorkflow('examples/seeds/xylo.yml', {
        event: { name: 'push', ref: 'refs/heads/develop' },
        workspace: ws,
        envOverrides: {
          REGISTRY: env.registry.host,
          KOYEB_API_URL: koyeb.url,
          API_URL: site.url,
        },
        vars: { REGISTRY_USERNAME: env.registry.username },
        secrets: {
          REGISTRY_PASSWORD: env.registry.password,
          KOYEB_API_TOKEN: koyeb.token,
          DATABASE_URL: db.url,
          SLACK_WEBHOOK_URL: slack.url(`/slack/xylo-${suffix}`),
        },
      });
    return { koyeb, slack, db, ws, serviceId: svc.id, run };
  }

  it('develop: the built image goes live on api-staging, prisma migrates after a pg_dump, Slack hears success', async () => {
    const { koyeb, slack, db, serviceId, run } = await setup();
    const jobs = await run();
    const deploy = jobs.get('deploy');
    expect(
      deploy?.result,
      JSON.stringify(deploy?.steps.map((s) => [s.label, s.outcome, s.main?.errors])),
    ).toBe('success');
    expect(deploy?.environment).toBe('staging');
    // the test job is the team's own scripts: every step skipped, each with its reason
    expect(jobs.get('test')?.steps.every((s) => s.kind === 'skipped' && s.reason)).toBe(true);
    const image = stepOf(jobs, 'deploy', 'build').main?.outputs['image'] ?? '';
    expect(image).toMatch(new RegExp(`^${env.registry.host}/xylo/api@sha256:[0-9a-f]{64}$`));
    const active = koyeb.deployment(koyeb.service(serviceId).active_deployment_id);
    expect(active.definition.docker?.image).toBe(image);
    expect(stepOf(jobs, 'deploy', 'migrate').main?.outputs).toMatchObject({
      outcome: 'success',
      applied: '["20240101000000_init"]',
    });
    expect((await db.tables()).sort()).toEqual(['User', '_prisma_migrations']);
    expect(stepOf(jobs, 'deploy', 'smoke').main?.outputs['passed']).toBe('true');
    expect(stepOf(jobs, 'deploy', 'rollback').outcome).toBe('skipped');
    expect(slack.received).toHaveLength(1);
    expect(slack.received[0]?.problems).toEqual([]);
    expect(slack.received[0]?.body).toMatch(/success|deployed/i);
    expect(skippedWhy(deploy)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^actions\/checkout@v5: .*not an ops-actions stage/),
        expect.stringMatching(/npm ci.*run: step/),
      ]),
    );
  });

  it('a Koyeb deploy that fails: deploy-koyeb puts the previous deployment back, the rest is skipped, Slack hears the failure', async () => {
    const { koyeb, slack, db, serviceId, run } = await setup();
    koyeb.scriptNextDeployments(SCRIPTS.error, SCRIPTS.healthy);
    const jobs = await run();
    const deploy = jobs.get('deploy');
    expect(deploy?.result).toBe('failure');
    const k = stepOf(jobs, 'deploy', 'koyeb');
    expect(k.outcome).toBe('failure');
    expect(k.main?.outputs['rollback-status']).toBe('HEALTHY');
    // back on the image that served before
    const active = koyeb.deployment(koyeb.service(serviceId).active_deployment_id);
    expect(active.definition.docker?.image).toBe('ghcr.io/xylo/api:before');
    expect(stepOf(jobs, 'deploy', 'migrate').outcome).toBe('skipped');
    expect(await db.tables()).toEqual([]);
    expect(stepOf(jobs, 'deploy', 'smoke').outcome).toBe('skipped');
    expect(slack.received).toHaveLength(1);
    expect(slack.received[0]?.body).toMatch(/fail/i);
  });
});

describe('Neulbomcare: pg_dump then alembic, then the /health check (Azure App Service skipped)', () => {
  it('migrates with a backup first and gates on /health; the Azure deploy and the artifact upload are skipped, named', async () => {
    const db = await database('neulbomcare');
    await db.query('CREATE TABLE legacy (id int)');
    const site = await healthServer('{"status":"ok","db":"up"}');
    const files = alembicFiles({}, 'backend');
    const ws = workspaceWith(files);
    const jobs = await runWorkflow('examples/seeds/neulbomcare.yml', {
      event: { name: 'push', ref: 'refs/heads/main' },
      workspace: ws,
      envOverrides: { API_URL: site.url },
      secrets: { DATABASE_URL: db.url },
      // `pip install -r backend/requirements.txt` is skipped: alembic is on this machine (bin/alembic shim)
      processEnv: { PATH: `${ws}/bin:${process.env['PATH'] ?? ''}` },
    });
    const deploy = jobs.get('deploy');
    expect(
      deploy?.result,
      JSON.stringify(deploy?.steps.map((s) => [s.label, s.outcome, s.main?.errors])),
    ).toBe('success');
    const migrate = stepOf(jobs, 'deploy', 'migrate').main;
    expect(migrate?.outputs).toMatchObject({
      outcome: 'success',
      applied: '["a1","b2","c3"]',
      current: 'c3',
    });
    expect(migrate?.outputs['backup-path']).toMatch(/\.dump$/);
    expect(await db.tables()).toEqual(['alembic_version', 'legacy', 'orders', 'users']);
    expect(stepOf(jobs, 'deploy', 'smoke').main?.outputs['passed']).toBe('true');
    expect(site.hits()).toBeGreaterThan(0);
    expect(skippedWhy(deploy)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^azure\/webapps-deploy@v2: .*not an ops-actions stage/),
        expect.stringMatching(/^actions\/upload-artifact@v6: /),
      ]),
    );
  });
});

describe('SNS solution: CI on pull requests, staging on main, production on v* (approval taken as given)', () => {
  const env = loadTestEnv();
  const dirs = appDirs();
  afterAll(() => dirs.removeAll());

  it('a pull request runs CI only; main deploys staging; a v* tag whose /health is missing fails the smoke test and is rolled back', async () => {
    const port = await freePort();
    const appDir = dirs.next('seed-sns');
    // the server's compose file: the container is up once it serves its home page; /health is the app's
    writeComposeApp(
      appDir,
      [
        'services:',
        '  backend:',
        '    image: ${IMAGE}',
        '    network_mode: host',
        `    command: ["httpd", "-f", "-p", "127.0.0.1:${port}", "-h", "/www"]`,
        '    stop_grace_period: 1s',
        '    healthcheck:',
        `      test: ["CMD", "${BUSYBOX}", "wget", "-q", "-O", "/dev/null", "http://127.0.0.1:${port}/index.html"]`,
        '      interval: 1s',
        '      retries: 10',
        '',
      ].join('\n'),
    );
    cleanups.push(() => composeDown(appDir));
    const ws = workspaceWith(busyboxContext('backend', 'staging-build'), ['backend']);
    const run = (event: { name: string; ref: string; sha?: string }) =>
      runWorkflow('examples/seeds/sns.yml', {
        event,
        workspace: ws,
        envOverrides: { REGISTRY: env.registry.host, APP_DIR: appDir },
        vars: {
          REGISTRY_USERNAME: env.registry.username,
          DEPLOY_HOST: `${env.ssh.user}@${env.ssh.host}:${env.ssh.port}`,
          HOST_FINGERPRINT: env.ssh.hostKeyFingerprint,
          APP_URL: `http://127.0.0.1:${port}`,
        },
        secrets: { REGISTRY_PASSWORD: env.registry.password, SSH_PRIVATE_KEY: privateKey() },
      });

    const pr = await run({ name: 'pull_request', ref: 'refs/pull/12/merge' });
    expect(pr.get('ci')?.result).toBe('success');
    expect(pr.get('deploy')?.result).toBe('skipped');
    expect(pr.get('deploy')?.reason).toMatch(/github.event_name == 'push'/);

    const main = await run({ name: 'push', ref: 'refs/heads/main', sha: 'a'.repeat(40) });
    const staging = main.get('deploy');
    expect(
      staging?.result,
      JSON.stringify(staging?.steps.map((s) => [s.label, s.outcome, s.main?.errors])),
    ).toBe('success');
    expect(staging?.environment).toBe('staging');
    const v1 = stepOf(main, 'deploy', 'build').main?.outputs['image'] ?? '';
    expect(await httpGet(port, '/health')).toBe('staging-build\n');

    // v1.1.0: a build without /health; compose sees it up, the smoke test does not
    writeFiles(ws, { 'backend/www/index.html': '<h1>v1.1.0</h1>\n' });
    rmSync(join(ws, 'backend/www/health'));
    const tag = await run({ name: 'push', ref: 'refs/tags/v1.1.0', sha: 'b'.repeat(40) });
    const production = tag.get('deploy');
    expect(production?.environment).toBe('production');
    expect(production?.result).toBe('failure');
    expect(stepOf(tag, 'deploy', 'deploy').outcome).toBe('success');
    expect(stepOf(tag, 'deploy', 'smoke').outcome).toBe('failure');
    const rollback = production?.steps.find((s) => s.main && s.label.includes('rollback'));
    expect(rollback?.outcome, rollback?.main?.log).toBe('success');
    // the release that served before is back
    expect(await httpGet(port, '/health')).toBe('staging-build\n');
    expect(readHistoryFile(appDir).at(-1)).toMatchObject({ image: v1, outcome: 'deployed' });
  });
});

describe('Sori: two images, one compose deploy, alembic in the backend service, smoke of both', () => {
  const env = loadTestEnv();
  const dirs = appDirs();
  afterAll(() => dirs.removeAll());

  it('build-push builds both, deploy-ssh writes both into .env under one release, alembic runs in backend after a pg_dump in db', async () => {
    const [apiPort, webPort] = [await freePort(), await freePort()];
    const appDir = dirs.next('seed-sori');
    const db = await database('sori');
    const web = (name: string, variable: string, port: number, extra: string[] = []): string[] => [
      `  ${name}:`,
      `    image: \${${variable}}`,
      '    network_mode: host',
      `    command: ["httpd", "-f", "-p", "127.0.0.1:${port}", "-h", "/www"]`,
      '    stop_grace_period: 1s',
      '    healthcheck:',
      `      test: ["CMD", "${BUSYBOX}", "wget", "-q", "-O", "/dev/null", "http://127.0.0.1:${port}/health"]`,
      '      interval: 1s',
      '      retries: 10',
      ...extra,
    ];
    writeComposeApp(
      appDir,
      [
        'services:',
        ...web('backend', 'BACKEND_IMAGE', apiPort, [
          ...volumes(['./backend:/app:ro']),
          '    working_dir: /app',
          '    environment:',
          '      DATABASE_URL: ${DATABASE_URL}',
        ]),
        ...web('frontend', 'FRONTEND_IMAGE', webPort),
        '  db:',
        `    image: ${env.docker.busyboxImage}`,
        '    network_mode: host',
        '    pull_policy: never # a local image: nothing to pull',
        '    command: ["sleep", "600"]',
        ...volumes(),
        '',
      ].join('\n'),
      `DATABASE_URL=${db.url}\n`,
    );
    serverAlembicProject(appDir);
    cleanups.push(() => composeDown(appDir));
    const ws = workspaceWith(
      { ...busyboxContext('backend', 'api-v1'), ...busyboxContext('frontend', 'web-v1') },
      ['backend', 'frontend'],
    );
    const jobs = await runWorkflow('examples/seeds/sori.yml', {
      event: { name: 'push', ref: 'refs/heads/main', sha: 'c'.repeat(40) },
      workspace: ws,
      envOverrides: {
        REGISTRY: env.registry.host,
        APP_DIR: appDir,
        API_URL: `http://127.0.0.1:${apiPort}`,
        WEB_URL: `http://127.0.0.1:${webPort}`,
      },
      vars: {
        DEPLOY_HOST: `${env.ssh.user}@${env.ssh.host}:${env.ssh.port}`,
        HOST_FINGERPRINT: env.ssh.hostKeyFingerprint,
      },
      secrets: {
        DOCKER_USERNAME: env.registry.username,
        DOCKER_PASSWORD: env.registry.password,
        SSH_PRIVATE_KEY: privateKey(),
        DATABASE_URL: db.url,
      },
    });
    const deploy = jobs.get('deploy');
    expect(
      deploy?.result,
      JSON.stringify(deploy?.steps.map((s) => [s.label, s.outcome, s.main?.errors])),
    ).toBe('success');
    const metadata = JSON.parse(stepOf(jobs, 'deploy', 'build').main?.outputs['metadata'] ?? '[]') as {
      image: string;
    }[];
    expect(metadata.map((m) => m.image.split('@')[0])).toEqual([
      `${env.registry.host}/sori/backend`,
      `${env.registry.host}/sori/frontend`,
    ]);
    const dotenv = asDeploy(`cat '${appDir}/.env'`);
    expect(dotenv).toContain(`BACKEND_IMAGE=${metadata[0]?.image}`);
    expect(dotenv).toContain(`FRONTEND_IMAGE=${metadata[1]?.image}`);
    // one release for both images
    expect(readHistoryFile(appDir).map((e) => e.outcome)).toEqual(['deployed']);
    expect(await httpGet(apiPort, '/health')).toBe('api-v1\n');
    expect(await httpGet(webPort, '/health')).toBe('web-v1\n');
    expect(stepOf(jobs, 'deploy', 'migrate').main?.outputs).toMatchObject({
      outcome: 'success',
      current: 'c3',
    });
    expect(await db.tables()).toEqual(['alembic_version', 'orders', 'users']);
    expect(stepOf(jobs, 'deploy', 'smoke').main?.outputs['passed']).toBe('true');
  });
});

describe('UVIS: two images, blue-green compose, alembic in the live color, smoke, automatic switch back', () => {
  const env = loadTestEnv();
  const dirs = appDirs();
  afterAll(() => dirs.removeAll());

  it('main deploys both images as blue and migrates in it; a release whose page breaks goes green, fails the smoke test and blue serves again', async () => {
    const [blue, green] = [await freePort(), await freePort()];
    const appDir = dirs.next('seed-uvis');
    const project = basename(appDir);
    const db = await database('uvis');
    // before the first deploy nginx points at whatever served until now (here: nothing)
    const nginx = startNginx(await freePort(), await freePort());
    cleanups.push(() => {
      nginx.stop();
      for (const color of ['blue', 'green']) removeComposeProject(`${project}-${color}`);
    });
    const health = (url: string): string[] => [
      '    healthcheck:',
      `      test: ["CMD", "${BUSYBOX}", "wget", "-q", "-O", "/dev/null", "${url}"]`,
      '      interval: 1s',
      '      retries: 10',
    ];
    // the backend on the host network at ${PORT} (nginx sends the color's port there), with alembic;
    // the frontend in the color's own network
    writeComposeApp(
      appDir,
      [
        'services:',
        '  backend:',
        '    image: ${BACKEND_IMAGE}',
        '    network_mode: host',
        '    command: ["httpd", "-f", "-p", "127.0.0.1:${PORT}", "-h", "/www"]',
        '    stop_grace_period: 1s',
        ...health('http://127.0.0.1:${PORT}/health'),
        ...volumes(['./backend:/app:ro']),
        '    working_dir: /app',
        '    environment:',
        '      DATABASE_URL: ${DATABASE_URL}',
        '  frontend:',
        '    image: ${FRONTEND_IMAGE}',
        '    command: ["httpd", "-f", "-p", "8080", "-h", "/www"]',
        '    stop_grace_period: 1s',
        ...health('http://127.0.0.1:8080/health'),
        '',
      ].join('\n'),
      `DATABASE_URL=${db.url}\n`,
    );
    serverAlembicProject(appDir);
    const ws = workspaceWith(
      { ...busyboxContext('backend', 'api-v1'), ...busyboxContext('frontend', 'web-v1') },
      ['backend', 'frontend'],
    );
    const run = (sha: string) =>
      runWorkflow('examples/seeds/uvis.yml', {
        event: { name: 'push', ref: 'refs/heads/main', sha },
        workspace: ws,
        envOverrides: {
          REGISTRY: env.registry.host,
          APP_DIR: appDir,
          APP_URL: `http://127.0.0.1:${nginx.port}`,
          UPSTREAM_FILE: nginx.upstreamFile,
          RELOAD_NGINX: nginx.reloadCommand,
          COLOR_PORTS: `${blue},${green}`,
        },
        vars: {
          DOCKERHUB_USERNAME: env.registry.username,
          DEPLOY_HOST: `${env.ssh.user}@${env.ssh.host}:${env.ssh.port}`,
          HOST_FINGERPRINT: env.ssh.hostKeyFingerprint,
        },
        secrets: {
          DOCKERHUB_TOKEN: env.registry.password,
          SSH_PRIVATE_KEY: privateKey(),
          DATABASE_URL: db.url,
        },
      });
    const steps = (job: JobRecord | undefined) =>
      JSON.stringify(job?.steps.map((s) => [s.label, s.outcome, s.main?.errors]));

    const first = await run('d'.repeat(40));
    expect(first.get('deploy')?.result, steps(first.get('deploy'))).toBe('success');
    const v1 = (
      JSON.parse(stepOf(first, 'deploy', 'build').main?.outputs['metadata'] ?? '[]') as { image: string }[]
    ).map((m) => m.image);
    expect(stepOf(first, 'deploy', 'deploy').main?.outputs['compose-command']).toBe(
      `docker compose -p ${project}-blue --env-file .env.blue`,
    );
    // alembic ran inside blue's backend container, after a pg_dump
    const migrate = stepOf(first, 'deploy', 'migrate').main;
    expect(migrate?.outputs).toMatchObject({ outcome: 'success', current: 'c3' });
    expect(migrate?.outputs['backup-path']).toMatch(/\.dump$/);
    expect(await db.tables()).toEqual(['alembic_version', 'orders', 'users']);
    expect(stepOf(first, 'deploy', 'smoke').main?.outputs['passed']).toBe('true');
    await nginx.reloaded();
    expect(await httpGet(nginx.port, '/')).toBe('<h1>api-v1</h1>\n');

    // the next release: /health answers, the home page is gone
    writeFiles(ws, { 'backend/www/health': 'api-v2\n', 'frontend/www/health': 'web-v2\n' });
    rmSync(join(ws, 'backend/www/index.html'));
    const second = await run('e'.repeat(40));
    const deploy = second.get('deploy');
    expect(deploy?.result).toBe('failure');
    expect(stepOf(second, 'deploy', 'deploy').outcome, steps(deploy)).toBe('success');
    expect(stepOf(second, 'deploy', 'deploy').main?.outputs['compose-command']).toBe(
      `docker compose -p ${project}-green --env-file .env.green`,
    );
    expect(stepOf(second, 'deploy', 'migrate').main?.outputs['outcome']).toBe('up-to-date');
    expect(stepOf(second, 'deploy', 'smoke').outcome).toBe('failure');
    const back = deploy?.steps.find((s) => s.main && s.label.includes('back to the image'));
    expect(back?.outcome, back?.main?.log).toBe('success');
    // blue serves both v1 images again, switched to without downtime
    await nginx.reloaded();
    expect(await httpGet(nginx.port, '/')).toBe('<h1>api-v1</h1>\n');
    expect(readFileSync(nginx.upstreamFile, 'utf8')).toContain(`server 127.0.0.1:${blue};`);
    expect(readHistoryFile(appDir).map((e) => [e.outcome, e.color, e.images])).toEqual([
      ['deployed', 'blue', { BACKEND_IMAGE: v1[0], FRONTEND_IMAGE: v1[1] }],
      ['deployed', 'green', expect.objectContaining({})],
      ['deployed', 'blue', { BACKEND_IMAGE: v1[0], FRONTEND_IMAGE: v1[1] }],
    ]);
  });
});
