// bench/build-push: the second build of an unchanged context, with cache, pushed to the test
// registry — the bundled action (as the runner starts it: node + login + builder check + buildx +
// digest + size + summary) against a raw `docker buildx build` with the same tags, labels and
// cache flags (already logged in), in the same run, alternating. Target: the action's overhead
// is at most 10 % of the raw build or 300 ms, whichever is larger.
//
//   npm run bench -- build-push          (needs the environment: npm run env:up)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAction } from '../test/harness/run-action.js';
import {
  env,
  makeWorkspace,
  REGISTRY,
  removeLocalTestImages,
  uniqueRepo,
} from '../test/integration/build-push-support.js';

const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 7);
const CACHE = process.env['BENCH_CACHE'] ?? 'registry';

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
};

async function main(): Promise<void> {
  const ws = makeWorkspace();
  const repo = uniqueRepo('bench');
  const name = `${REGISTRY}/${repo}`;
  const gitEnv = {
    GITHUB_EVENT_NAME: 'push',
    GITHUB_REF: 'refs/heads/main',
    GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
    GITHUB_REPOSITORY: 'acme/shop',
  };
  const inputs = {
    image: name,
    context: 'app',
    username: env.registry.username,
    password: env.registry.password,
    cache: CACHE,
    'default-branch': 'main',
  };

  // the same command line the action runs (its dry run prints it), for the raw build
  const dry = await runAction('build-push', {
    workspace: ws,
    inputs: { ...inputs, 'dry-run': true },
    env: gitEnv,
  });
  if (dry.exitCode !== 0) throw new Error(`dry run failed:\n${dry.log}`);
  const plan = dry.log.slice(dry.log.indexOf('docker buildx build'), dry.log.indexOf('::endgroup::'));
  const rawArgs = plan
    .split(' \\\n')
    .map((l) => l.trim())
    .flatMap((l) => l.split(' '))
    .slice(1)
    .filter((a) => a !== '');
  if (rawArgs.some((a) => a.includes("'"))) throw new Error(`cannot reuse a quoted command line: ${plan}`);
  const metaIdx = rawArgs.indexOf('--metadata-file');
  const dockerConfig = mkdtempSync(join(tmpdir(), 'bench-bp-docker-'));
  const metaDir = mkdtempSync(join(tmpdir(), 'bench-bp-meta-'));
  if (metaIdx >= 0) rawArgs[metaIdx + 1] = join(metaDir, 'meta.json');
  execFileSync('docker', ['login', '--username', env.registry.username, '--password-stdin', REGISTRY], {
    env: { ...process.env, DOCKER_CONFIG: dockerConfig },
    input: env.registry.password,
    stdio: ['pipe', 'ignore', 'inherit'],
  });

  const raw = (): number => {
    // the same labels as the action, `created` included (the commit's time, or a fixed build time)
    const t = performance.now();
    execFileSync('docker', rawArgs, {
      env: { ...process.env, DOCKER_CONFIG: dockerConfig },
      stdio: 'ignore',
    });
    return performance.now() - t;
  };
  const phases: Record<string, number[]> = {};
  const record = (phase: string, ms: number): void => {
    const list = phases[phase] ?? [];
    list.push(ms);
    phases[phase] = list;
  };
  const action = async (): Promise<number> => {
    const t = performance.now();
    const r = await runAction('build-push', { workspace: ws, inputs, env: gitEnv });
    const ms = performance.now() - t;
    if (r.exitCode !== 0) throw new Error(`the action failed:\n${r.log}`);
    // the action's own phase timings (core.debug lines)
    let last = 0;
    for (const m of r.log.matchAll(/::debug::(.+) done at (\d+)ms \(uptime (\d+)ms\)/g)) {
      const [, phase = '', at = '0', uptime = '0'] = m;
      if (phase === 'inputs') record('node start + bundle load', Number(uptime) - Number(at));
      record(phase, Number(at) - last);
      last = Number(at);
    }
    return ms;
  };

  // first build: fills the cache (not measured)
  await action();
  raw();
  const rawTimes: number[] = [];
  const actionTimes: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    actionTimes.push(await action());
    rawTimes.push(raw());
  }
  rmSync(dockerConfig, { recursive: true, force: true });
  rmSync(metaDir, { recursive: true, force: true });
  removeLocalTestImages();

  const rawMs = median(rawTimes);
  const actionMs = median(actionTimes);
  // rounds alternate, so each round's difference is measured under the same load: its median is
  // the overhead (the machine is shared; a difference of medians drifts with the load)
  const overhead = median(actionTimes.map((a, i) => a - (rawTimes[i] ?? 0)));
  const target = Math.max(0.1 * rawMs, 300);
  const fmt = (ms: number): string => `${ms.toFixed(0)} ms`;
  console.log(
    `bench/build-push — second build of an unchanged context, cache: ${CACHE}, ${ROUNDS} rounds (median)`,
  );
  console.log(`  raw docker buildx build --push     ${fmt(rawMs)}   [${rawTimes.map(fmt).join(', ')}]`);
  console.log(`  ops-actions build-push (bundle)    ${fmt(actionMs)}   [${actionTimes.map(fmt).join(', ')}]`);
  console.log(
    `  overhead (median per-round diff)   ${fmt(overhead)} (${((overhead / rawMs) * 100).toFixed(0)} % of the raw median)`,
  );
  console.log(
    `  target                             ≤ ${fmt(target)} (10 % of raw or 300 ms, whichever is larger)`,
  );
  console.log(`  result                             ${overhead <= target ? 'MET' : 'MISSED'}`);
  console.log('  where the action spends its time (median per phase):');
  for (const [phase, xs] of Object.entries(phases)) console.log(`    ${phase.padEnd(30)} ${fmt(median(xs))}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
