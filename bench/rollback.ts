// bench/rollback: time from the start of the rollback step (the bundled action, started the way the
// runner starts it) to the previous version answering its health check — a poller asks every 20 ms
// from the moment the step starts. Strategy compose (a busybox web image on the host network) and
// strategy release (an application server serving <app-dir>/current). Each round deploys a new
// release with deploy-ssh first, then rolls it back. Prints the medians and the targets:
//   compose ≤ 5 s, release ≤ 1 s.
// Run: npm run bench -- rollback   (needs the real-server environment: npm run env:up)
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAction } from '../test/harness/run-action.js';
import {
  registryInputs,
  removeAppDir,
  sshInputs,
  uniqueAppDir,
  writeComposeApp,
} from '../test/helpers/server.js';
import { freePort } from '../test/helpers/sshd.js';
import { buildWebImage, composeDown, httpGet, webComposeFile } from '../test/helpers/web-image.js';

const ROUNDS = 3;

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
}

/** Runs the rollback and returns the ms from its start until `answers()` is true (polled every 20 ms). */
async function timeToHealthy(
  inputs: Record<string, string>,
  answers: () => Promise<boolean>,
): Promise<{ healthyMs: number; stepMs: number; reported: number }> {
  const started = performance.now();
  let healthyMs = Number.NaN;
  let done = false;
  const poller = (async () => {
    while (!done) {
      if (await answers()) {
        healthyMs = performance.now() - started;
        return;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  const r = await runAction('rollback', { inputs, timeoutMs: 120_000 });
  const stepMs = performance.now() - started;
  if (r.exitCode !== 0) throw new Error(`rollback failed:\n${r.log}`);
  // the step is over; give the poller a last chance if it was between two polls
  await new Promise((res) => setTimeout(res, 100));
  done = true;
  await poller;
  return { healthyMs, stepMs, reported: Number(r.outputs['duration-ms']) };
}

async function benchCompose(): Promise<{ healthy: number; step: number; reported: number }> {
  const repo = `ops-rollback-bench/web-${randomBytes(3).toString('hex')}`;
  const v1 = buildWebImage(repo, 'v1');
  const v2 = buildWebImage(repo, 'v2');
  const port = await freePort();
  const appDir = uniqueAppDir('bench-rb-compose');
  // init: true — an init process forwards SIGTERM, so the replaced container stops at once (busybox
  // httpd as PID 1 ignores it, and Docker would wait its 10 s stop timeout)
  const file = webComposeFile(port).replace(
    '    network_mode: host\n',
    '    network_mode: host\n    init: true\n',
  );
  writeComposeApp(appDir, file);
  const deploy = async (image: string, id: string): Promise<void> => {
    const r = await runAction('deploy-ssh', {
      inputs: {
        ...sshInputs(),
        strategy: 'compose',
        'app-dir': appDir,
        image,
        'release-id': id,
        ...registryInputs(),
      },
      timeoutMs: 170_000,
    });
    if (r.exitCode !== 0) throw new Error(`deploy failed:\n${r.log}`);
  };
  const healthy: number[] = [];
  const step: number[] = [];
  const reported: number[] = [];
  try {
    await deploy(v1, 'v1');
    for (let i = 0; i < ROUNDS; i++) {
      await deploy(v2, `v2-${i}`);
      if ((await httpGet(port, '/health')) !== 'v2\n') throw new Error('v2 is not serving');
      const t = await timeToHealthy(
        {
          ...sshInputs(),
          strategy: 'compose',
          'app-dir': appDir,
          'health-command': `curl -fsS http://127.0.0.1:${port}/health`,
          'health-interval': '200ms',
        },
        async () => (await httpGet(port, '/health')) === 'v1\n',
      );
      healthy.push(t.healthyMs);
      step.push(t.stepMs);
      reported.push(t.reported);
    }
  } finally {
    composeDown(appDir);
    removeAppDir(appDir);
  }
  return { healthy: median(healthy), step: median(step), reported: median(reported) };
}

async function benchRelease(): Promise<{ healthy: number; step: number; reported: number }> {
  const appDir = uniqueAppDir('bench-rb-release');
  const workspace = mkdtempSync(join(tmpdir(), 'ops-bench-rb-'));
  // the application: serves <app-dir>/current/health, read at each request
  const server = http.createServer((_req, res) => {
    const file = join(appDir, 'current', 'health');
    const body = existsSync(file) ? readFileSync(file, 'utf8') : '';
    res.writeHead(body ? 200 : 503).end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const deploy = async (id: string): Promise<void> => {
    rmSync(join(workspace, 'dist'), { recursive: true, force: true });
    mkdirSync(join(workspace, 'dist'));
    writeFileSync(join(workspace, 'dist', 'health'), id);
    const r = await runAction('deploy-ssh', {
      workspace,
      inputs: { ...sshInputs(), strategy: 'release', 'app-dir': appDir, 'release-id': id, source: 'dist' },
    });
    if (r.exitCode !== 0) throw new Error(`deploy failed:\n${r.log}`);
  };
  const healthy: number[] = [];
  const step: number[] = [];
  const reported: number[] = [];
  try {
    await deploy('r1');
    for (let i = 0; i < ROUNDS; i++) {
      await deploy(`r2-${i}`);
      const t = await timeToHealthy(
        {
          ...sshInputs(),
          strategy: 'release',
          'app-dir': appDir,
          'health-command': 'test -s health',
        },
        async () => (await httpGet(port, '/')) === 'r1',
      );
      healthy.push(t.healthyMs);
      step.push(t.stepMs);
      reported.push(t.reported);
    }
  } finally {
    server.close();
    removeAppDir(appDir);
  }
  return { healthy: median(healthy), step: median(step), reported: median(reported) };
}

const fmt = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const compose = await benchCompose();
const release = await benchRelease();
console.log(
  `rollback, median of ${ROUNDS} rounds (from the step's start; the step is the bundled action, started like the runner does)`,
);
console.log('strategy  previous version healthy  step done  duration-ms output  target');
console.log(
  `compose   ${fmt(compose.healthy).padEnd(24)}  ${fmt(compose.step).padEnd(9)}  ${fmt(compose.reported).padEnd(18)}  ≤ 5 s ${compose.healthy <= 5000 ? 'met' : 'NOT met'}`,
);
console.log(
  `release   ${fmt(release.healthy).padEnd(24)}  ${fmt(release.step).padEnd(9)}  ${fmt(release.reported).padEnd(18)}  ≤ 1 s ${release.healthy <= 1000 ? 'met' : 'NOT met'}`,
);
