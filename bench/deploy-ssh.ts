// bench/deploy-ssh: the bundled action deploying a script to 1, 5 and 10 hosts (sshd instances on
// loopback) against a sequential loop of plain `ssh` commands running the same script on the same
// hosts — what a workflow step looping over hosts does. Prints wall times and the targets:
//   10 hosts ≤ 1.5 × 1 host, and 10 hosts ≤ 0.25 × the sequential loop over 10 hosts.
// Run: npm run bench -- deploy-ssh   (needs the real-server environment: npm run env:up)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadTestEnv } from '../test/harness/env.js';
import { runAction } from '../test/harness/run-action.js';
import { removeAppDir, sshInputs, uniqueAppDir } from '../test/helpers/server.js';
import { startSshds } from '../test/helpers/sshd.js';

const env = loadTestEnv();
const ROUNDS = 3;
/** Two scripts: an empty one (pure overhead) and one that takes a second, like a small real deploy step. */
const SCRIPTS: { name: string; script: string }[] = [
  { name: 'trivial script (true)', script: 'true' },
  { name: '1 s script (sleep 1)', script: 'sleep 1' },
];

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
}

async function actionTime(ports: number[], appDir: string, script: string): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const started = process.hrtime.bigint();
    const r = await runAction('deploy-ssh', {
      inputs: { ...sshInputs(ports), strategy: 'script', 'app-dir': appDir, script },
    });
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
    if (r.exitCode !== 0) throw new Error(`deploy failed:\n${r.log}`);
  }
  return median(times);
}

function sshLoopTime(ports: number[], knownHosts: string, script: string): number {
  const times: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const started = process.hrtime.bigint();
    for (const port of ports) {
      execFileSync('ssh', [
        '-i',
        env.ssh.privateKeyPath,
        '-p',
        String(port),
        '-o',
        `UserKnownHostsFile=${knownHosts}`,
        '-o',
        'StrictHostKeyChecking=yes',
        '-o',
        'BatchMode=yes',
        `${env.ssh.user}@${env.ssh.host}`,
        script,
      ]);
    }
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return median(times);
}

const fmt = (ms: number): string => `${(ms / 1000).toFixed(2)}s`;

const sshds = await startSshds(10);
const tmp = mkdtempSync(join(tmpdir(), 'ops-bench-'));
const knownHosts = join(tmp, 'known_hosts');
writeFileSync(knownHosts, sshds.ports.map((p) => `[127.0.0.1]:${p} ${env.ssh.hostPublicKey}`).join('\n'));
const appDir = uniqueAppDir('bench');
let failed = false;
try {
  console.log(`deploy-ssh: strategy script, median of ${ROUNDS} runs, hosts are sshd instances on 127.0.0.1`);
  console.log(
    '(the action time includes starting node and the bundle, connecting, the lock, the history and unlocking)',
  );
  for (const { name, script } of SCRIPTS) {
    const t: Record<number, number> = {};
    for (const n of [1, 5, 10]) t[n] = await actionTime(sshds.ports.slice(0, n), appDir, script);
    const loop10 = sshLoopTime(sshds.ports, knownHosts, script);
    const loop1 = sshLoopTime(sshds.ports.slice(0, 1), knownHosts, script);
    const t1 = t[1] as number;
    const t10 = t[10] as number;
    const scale = t10 / t1;
    const vsLoop = t10 / loop10;
    const okScale = scale <= 1.5;
    const okLoop = vsLoop <= 0.25;
    failed ||= !okScale || !okLoop;
    console.log(`\n${name}`);
    console.log(`  action     1 host ${fmt(t1)}   5 hosts ${fmt(t[5] as number)}   10 hosts ${fmt(t10)}`);
    console.log(`  ssh loop   1 host ${fmt(loop1)}   10 hosts ${fmt(loop10)} (sequential)`);
    console.log(
      `  10 hosts / 1 host        = ${scale.toFixed(2)}  target ≤ 1.50  ${okScale ? 'met' : 'MISSED'}`,
    );
    console.log(
      `  10 hosts / ssh loop (10) = ${vsLoop.toFixed(2)}  target ≤ 0.25  ${okLoop ? 'met' : 'MISSED'}`,
    );
  }
} finally {
  await sshds.stop();
  removeAppDir(appDir);
  rmSync(tmp, { recursive: true, force: true });
}
if (failed) console.log('\nSome targets were missed (see above).');
