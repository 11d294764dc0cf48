// bench/swarm: a real nginx in front of a 2-replica Swarm service on the host network (replica N
// listens on BASE+N through the {{.Task.Slot}} template, nginx balances both); wrk (the blue-green
// bench's load: 1 thread, 4 connections, one connection per request, 1 ms pause) loads nginx while
//   - deploy-ssh strategy stack updates v1 → v2: failed requests and the time from the step's start
//     to converged;
//   - the same update by hand: `docker service update --image …` (which waits until converged).
// SERVER=reuseport (default) is the pattern that gives 0 failed requests (README, Swarm): the
// replicas run examples/swarm/reuseport-httpd (binds with SO_REUSEPORT, stops accepting on
// SIGTERM), the stack file says `order: start-first` (the new task binds the port beside the old
// one), and nginx (max_fails=0) retries a refused or reset connection on the other replica
// (proxy_next_upstream error timeout, its default). SERVER=busybox is the stack's host-network
// default: busybox httpd (PID 1 without a SIGTERM handler: killed at stop_grace_period), stop-first.
// Target (issue 18): 0 failed requests. Run: npm run bench -- swarm (needs npm run env:up)
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAction } from '../test/harness/run-action.js';
import { startNginx } from '../test/helpers/nginx.js';
import { appDirs, asDeploy, registryInputs, sshInputs } from '../test/helpers/server.js';
import { freePort } from '../test/helpers/sshd.js';
import { BUSYBOX, REUSEPORT_HTTPD, buildWebImage, httpGet } from '../test/helpers/web-image.js';
import { startWrk, type WrkResult } from '../test/helpers/wrk.js';

const repo = `ops-bench-swarm/web-${randomBytes(3).toString('hex')}`;
const stack = `ops-bench-${randomBytes(3).toString('hex')}`;

function docker(args: string[]): string {
  return execFileSync('docker', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function line(name: string, w: WrkResult, ms: number): void {
  const s = w.socketErrors;
  console.log(
    `${name.padEnd(40)} ${String(w.requests).padStart(7)} requests, ${String(w.failed).padStart(5)} failed ` +
      `(non-2xx ${w.non2xx}, connect ${s.connect}, read ${s.read}, timeout ${s.timeout}); ` +
      `${(ms / 1000).toFixed(1)} s to converged; served by ${JSON.stringify(w.versions)}`,
  );
}

async function main(): Promise<void> {
  const base = await freePort();
  // the replicas listen on base+1 and base+2: make sure those are free too
  const ports = [base + 1, base + 2];
  const reuseport = (process.env['SERVER'] ?? 'reuseport') === 'reuseport';
  const v1 = buildWebImage(repo, 'v1', { reuseport });
  const v2 = buildWebImage(repo, 'v2', { reuseport });
  const dirs = appDirs();
  const appDir = dirs.next('bench-stack');
  const workspace = mkdtempSync(join(tmpdir(), 'ops-bench-swarm-'));
  const listen = reuseport
    ? `exec ${REUSEPORT_HTTPD} 127.0.0.1:$$((BASE+SLOT)) /www`
    : `exec httpd -f -p 127.0.0.1:$$((BASE+SLOT)) -h /www`;
  const probe = `wget -q -O /dev/null http://127.0.0.1:$$((BASE+SLOT))/health`;
  writeFileSync(
    join(workspace, 'stack.yml'),
    [
      'version: "3.8"',
      'services:',
      '  web:',
      `    image: ${v1}`,
      `    command: ["sh", "-c", "${listen}"]`,
      `    environment: {BASE: "${base}", SLOT: "{{.Task.Slot}}"}`,
      '    networks: [hostnet]',
      `    stop_grace_period: ${reuseport ? '10s' : '1s'}`,
      '    healthcheck:',
      `      test: ["CMD", "${BUSYBOX}", "sh", "-c", "${probe}"]`,
      '      interval: 1s',
      '      timeout: 2s',
      '      retries: 3',
      '    deploy:',
      '      replicas: 2',
      `      update_config: {parallelism: 1, delay: 1s${reuseport ? ', order: start-first' : ''}}`,
      '      restart_policy: {condition: any, delay: 1s}',
      'networks:',
      '  hostnet:',
      '    external: true',
      '    name: host',
      '',
    ].join('\n'),
  );
  // MAX_FAILS=0: nginx never marks a replica down, it tries the other one on every refused connection.
  // By default (max_fails=1 fail_timeout=10s) a replica that refused once is skipped for 10 s — longer
  // than Swarm takes to replace it and move on to the other one, so both end up marked down (502).
  const maxFails = process.env['MAX_FAILS'] ?? (reuseport ? '0' : undefined);
  const mark = maxFails !== undefined ? ` max_fails=${maxFails}` : '';
  console.log(
    `replicas: ${reuseport ? 'reuseport-httpd, order start-first' : 'busybox httpd, order stop-first (the host-network default)'}; ` +
      `nginx upstream servers: ${mark ? mark.trim() : "nginx's default (max_fails=1 fail_timeout=10s)"}`,
  );
  const nginx = startNginx(await freePort(), ports[0] ?? 0);
  asDeploy(
    `printf 'server 127.0.0.1:${ports[0]}${mark};\\nserver 127.0.0.1:${ports[1]}${mark};\\n' > '${nginx.upstreamFile}' && ${nginx.reloadCommand}`,
  );
  await nginx.reloaded();
  const deploy = (release: string, image: string) =>
    runAction('deploy-ssh', {
      inputs: {
        ...sshInputs(),
        strategy: 'stack',
        'app-dir': appDir,
        'stack-file': 'stack.yml',
        'stack-name': stack,
        'release-id': release,
        image,
        'converge-timeout': '120s',
        ...registryInputs(),
      },
      workspace,
      timeoutMs: 200_000,
    });
  try {
    const first = await deploy('b1', v1);
    if (first.exitCode !== 0) throw new Error(`first deploy failed:\n${first.log}`);
    for (const p of ports)
      if ((await httpGet(p, '/health')) !== 'v1\n') throw new Error(`replica on ${p} not v1`);
    console.log(`wrk -t1 -c4 against nginx (2 replicas on ${ports.join(', ')}) during a v1 → v2 update\n`);

    let load = startWrk(`http://127.0.0.1:${nginx.port}/`);
    let t0 = Date.now();
    const r = await deploy('b2', v2);
    let ms = Date.now() - t0;
    const w1 = await load.stop();
    if (r.exitCode !== 0) throw new Error(`deploy v2 failed:\n${r.log}`);
    line(`deploy-ssh strategy stack (${reuseport ? 'start' : 'stop'}-first)`, w1, ms);

    load = startWrk(`http://127.0.0.1:${nginx.port}/`);
    t0 = Date.now();
    docker(['service', 'update', '--quiet', '--with-registry-auth', '--image', v1, `${stack}_web`]);
    ms = Date.now() - t0;
    const w2 = await load.stop();
    line('by hand: docker service update --image', w2, ms);
    console.log(
      `\ntarget: 0 failed requests during the stack deploy: ${w1.failed === 0 ? 'met' : 'NOT met'}` +
        ` (floor: the same update by hand, ${w2.failed} failed)`,
    );
  } finally {
    // what nginx met on the way (and retried on the other replica unless it says "no live upstreams")
    const kinds = new Map<string, number>();
    for (const m of nginx.errorLog().matchAll(/\[error\] [^*]*\*\d+ ([^,]*?)(?: while [^,]*)?,/g)) {
      const kind = (m[1] ?? '').replace(/\d{4,}/g, 'N');
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    }
    console.log(
      `nginx error log: ${kinds.size === 0 ? 'no errors' : JSON.stringify(Object.fromEntries(kinds))}`,
    );
    nginx.stop();
    try {
      docker(['stack', 'rm', stack]);
    } catch {
      /* not deployed */
    }
    dirs.removeAll();
    rmSync(workspace, { recursive: true, force: true });
  }
}

await main();
