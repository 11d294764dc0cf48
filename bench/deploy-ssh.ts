// bench/deploy-ssh: the bundled action deploying a script to 1, 5 and 10 hosts (sshd instances on
// loopback) against a sequential loop of plain `ssh` commands running the same script on the same
// hosts — what a workflow step looping over hosts does. Prints wall times and the targets:
//   10 hosts ≤ 1.5 × 1 host, and 10 hosts ≤ 0.25 × the sequential loop over 10 hosts.
// It also measures the floor of this rig: every sshd runs on this machine, so 10 hosts cost 10 ×
// sshd's CPU per connection on the cores the client runs on. A warm process with bare ssh2 (no
// action, no node start) connecting and making three round trips, like the action's lock, script
// and record-and-unlock, shows the least time 9 more hosts can add here.
// Run: npm run bench -- deploy-ssh   (needs the real-server environment: npm run env:up)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadTestEnv } from '../test/harness/env.js';
import { runAction } from '../test/harness/run-action.js';
import { removeAppDir, sshInputs, uniqueAppDir } from '../test/helpers/server.js';
import { plainSshArgs, rawSsh2Time } from './_ssh2-floor.js';
import { startSshds } from '../test/helpers/sshd.js';

const env = loadTestEnv();
/** The action is fast and this machine's neighbours are noisy: the median of 7 runs; the ssh loops (up to 12 s each) 3. */
const ROUNDS = 7;
const LOOP_ROUNDS = 3;
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
  for (let i = 0; i < LOOP_ROUNDS; i++) {
    const started = process.hrtime.bigint();
    for (const port of ports) {
      execFileSync('ssh', plainSshArgs(port, knownHosts, script));
    }
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return median(times);
}

const fmt = (ms: number): string => `${(ms / 1000).toFixed(2)}s`;

/** CPU (ms) an sshd instance and its reaped children have used, from /proc (clock ticks of 10 ms). */
function sshdCpuMs(port: number): number {
  const pid = readFileSync(join(env.stateDir, 'ssh', `sshd-${port}.pid`), 'utf8').trim();
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  // utime stime cutime cstime are fields 14-17 of stat, 12-15 after "pid (comm) "
  return [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i] ?? 0), 0) * 10;
}

async function rigFloor(ports: number[]): Promise<void> {
  const raw1: number[] = [];
  const raw10: number[] = [];
  await rawSsh2Time(ports, 3); // warm up
  for (let i = 0; i < 5; i++) {
    raw1.push(await rawSsh2Time(ports.slice(0, 1), 3));
    raw10.push(await rawSsh2Time(ports, 3));
  }
  const port = ports[0] as number;
  const before = sshdCpuMs(port);
  const n = 20;
  for (let i = 0; i < n; i++) await rawSsh2Time([port], 3);
  await new Promise((r) => setTimeout(r, 300)); // let sshd reap its children
  const perConnection = (sshdCpuMs(port) - before) / n;
  const r1 = median(raw1);
  const r10 = median(raw10);
  console.log(
    `\nfloor of this rig (${cpus().length} CPUs shared by the client and all ${ports.length} sshd servers)`,
  );
  console.log(`  sshd CPU per connection ≈ ${perConnection.toFixed(0)} ms (${n} connections)`);
  console.log(
    `  bare ssh2, warm process, connect + 3 round trips:  1 host ${fmt(r1)}   10 hosts ${fmt(r10)}   9 more hosts add ${fmt(r10 - r1)}`,
  );
  floor = r10 - r1;
}
let floor: number | undefined;

const sshds = await startSshds(10);
const tmp = mkdtempSync(join(tmpdir(), 'ops-bench-'));
const knownHosts = join(tmp, 'known_hosts');
writeFileSync(knownHosts, sshds.ports.map((p) => `[127.0.0.1]:${p} ${env.ssh.hostPublicKey}`).join('\n'));
const appDir = uniqueAppDir('bench');
let failed = false;
const added: { name: string; ms: number; t1: number }[] = [];
try {
  console.log(
    `deploy-ssh: strategy script, median of ${ROUNDS} runs (ssh loops ${LOOP_ROUNDS}), hosts are sshd instances on 127.0.0.1`,
  );
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
    added.push({ name, ms: t10 - t1, t1 });
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
  await rigFloor(sshds.ports);
  for (const a of added) {
    console.log(
      `  ${a.name}: 9 more hosts add ${fmt(a.ms)} to the action (floor ${fmt(floor ?? Number.NaN)}); ` +
        `10 hosts ≤ 1.5 × 1 host allows ${fmt(a.t1 * 0.5)}`,
    );
  }
} finally {
  await sshds.stop();
  removeAppDir(appDir);
  rmSync(tmp, { recursive: true, force: true });
}
if (failed) console.log('\nSome targets were missed (see above).');
