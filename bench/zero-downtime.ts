// bench/zero-downtime: a real nginx in front of the busybox web image; wrk (1 thread, 4 connections,
// one connection per request, 1 ms pause) loads nginx while deploy-ssh deploys v1 → v2:
//   - with zero-downtime (blue-green): requests served and failed, deploy time, the Start phase (new
//     color up + healthy) and the Switch phase (upstream file + nginx reload) as the log reports them;
//   - the same with HTTP keep-alive connections (wrk does not retry a request on a connection nginx
//     closes while reloading, which browsers and HTTP libraries do);
//   - the plain compose deploy (`up -d` recreates the container) for comparison.
// Targets: 0 failed requests with zero-downtime; every response after the deploy from v2.
// Run: npm run bench -- zero-downtime   (needs the real-server environment: npm run env:up)
import { randomBytes } from 'node:crypto';
import { basename } from 'node:path';
import { type ActionResult, runAction } from '../test/harness/run-action.js';
import { removeComposeProject, startNginx } from '../test/helpers/nginx.js';
import {
  registryInputs,
  removeAppDir,
  sshInputs,
  uniqueAppDir,
  writeComposeApp,
} from '../test/helpers/server.js';
import { freePort } from '../test/helpers/sshd.js';
import {
  blueGreenComposeFile,
  buildWebImage,
  composeDown,
  httpGet,
  webComposeFile,
} from '../test/helpers/web-image.js';
import { startWrk, type WrkOptions, type WrkResult } from '../test/helpers/wrk.js';

const repo = `ops-bench-zd/web-${randomBytes(3).toString('hex')}`;

function phaseTime(r: ActionResult, phase: string): string {
  return new RegExp(`✓ ${phase} \\(([^)]+)\\)`).exec(r.log)?.[1] ?? '?';
}

function line(name: string, w: WrkResult, r: ActionResult, extra = ''): void {
  const s = w.socketErrors;
  console.log(
    `${name.padEnd(34)} ${String(w.requests).padStart(7)} requests, ${String(w.failed).padStart(5)} failed ` +
      `(non-2xx ${w.non2xx}, connect ${s.connect}, read ${s.read}, write ${s.write}, timeout ${s.timeout}); ` +
      `v1 ${w.versions['v1'] ?? 0}, v2 ${w.versions['v2'] ?? 0}; deploy ${(r.durationMs / 1000).toFixed(1)}s${extra}`,
  );
}

async function main(): Promise<void> {
  const images = { v1: buildWebImage(repo, 'v1'), v2: buildWebImage(repo, 'v2') };
  const blue = await freePort();
  const green = await freePort();
  const appDir = uniqueAppDir('bench-bluegreen');
  const project = basename(appDir);
  writeComposeApp(appDir, blueGreenComposeFile());
  const nginx = startNginx(await freePort(), await freePort());
  const plainPort = await freePort();
  const plainDir = uniqueAppDir('bench-plain');
  writeComposeApp(plainDir, webComposeFile(plainPort));
  const plainNginx = startNginx(await freePort(), plainPort);

  const common = {
    ...sshInputs(),
    strategy: 'compose',
    ...registryInputs(),
    'command-timeout': '2m',
  };
  const blueGreen = (version: 'v1' | 'v2'): Promise<ActionResult> =>
    runAction('deploy-ssh', {
      inputs: {
        ...common,
        'app-dir': appDir,
        image: images[version],
        'release-id': `${version}-${randomBytes(2).toString('hex')}`,
        'zero-downtime': 'true',
        ports: `${blue},${green}`,
        'upstream-file': nginx.upstreamFile,
        'proxy-reload-command': nginx.reloadCommand,
        'drain-timeout': '2s',
        'health-command': 'curl -fsS "http://127.0.0.1:$DEPLOY_PORT/health"',
      },
      timeoutMs: 170_000,
    });
  const plain = (version: 'v1' | 'v2'): Promise<ActionResult> =>
    runAction('deploy-ssh', {
      inputs: {
        ...common,
        'app-dir': plainDir,
        image: images[version],
        'release-id': `${version}-${randomBytes(2).toString('hex')}`,
      },
      timeoutMs: 170_000,
    });
  const underLoad = async (
    port: number,
    deploy: () => Promise<ActionResult>,
    opts: WrkOptions = {},
  ): Promise<[WrkResult, ActionResult]> => {
    const load = startWrk(`http://127.0.0.1:${port}/`, opts);
    const r = await deploy();
    const w = await load.stop();
    if (r.exitCode !== 0) throw new Error(`deploy failed:\n${r.log}`);
    return [w, r];
  };

  try {
    for (const r of [await blueGreen('v1'), await plain('v1')])
      if (r.exitCode !== 0) throw new Error(`first deploy failed:\n${r.log}`);
    await nginx.reloaded(); // the first reload's old worker (dead upstream) must not take the load
    console.log(
      'wrk -t1 -c4 against nginx on 127.0.0.1 during a v1 → v2 deploy (then back for the next row)\n',
    );

    const [w1, r1] = await underLoad(nginx.port, () => blueGreen('v2'));
    const after = new Set<string | undefined>();
    for (let i = 0; i < 50; i++) after.add(await httpGet(nginx.port, '/'));
    line(
      'zero-downtime, new connections',
      w1,
      r1,
      `; Start ${phaseTime(r1, 'Start')}, Switch ${phaseTime(r1, 'Switch')}`,
    );
    console.log(
      `${''.padEnd(34)} after the deploy, 50 requests answered by: ${[...after].map((a) => a?.trim()).join(', ')}`,
    );
    await blueGreen('v1');

    const [w2, r2] = await underLoad(nginx.port, () => blueGreen('v2'), { keepAlive: true });
    line('zero-downtime, keep-alive', w2, r2, `; Switch ${phaseTime(r2, 'Switch')}`);

    const [w3, r3] = await underLoad(plainNginx.port, () => plain('v2'));
    line('plain compose up -d, new conns', w3, r3);

    console.log(
      `\ntarget: 0 failed with zero-downtime (new connections): ${w1.failed === 0 ? 'met' : 'NOT met'}; ` +
        `every response after the switch from v2: ${after.size === 1 && after.has('<h1>v2</h1>\n') ? 'met' : 'NOT met'}`,
    );
  } finally {
    nginx.stop();
    plainNginx.stop();
    removeComposeProject(`${project}-blue`);
    removeComposeProject(`${project}-green`);
    composeDown(plainDir);
    removeAppDir(appDir);
    removeAppDir(plainDir);
  }
}

await main();
