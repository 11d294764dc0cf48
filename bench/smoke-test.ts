// bench/smoke-test: 20 URLs that each answer after 300 ms, checked by the bundled action through
// the runner harness. Target: wall time ≤ 1.3 × 300 ms + process start, where process start is the
// cold start of the bundle that exits at once on invalid input. Medians of a few runs.
//
//   npm run build && npm run bench -- smoke-test
import type { Report } from '../actions/smoke-test/report.js';
import { runAction } from '../test/harness/run-action.js';
import { slow, startServer } from '../test/helpers/http-servers.js';

const URLS = 20;
const DELAY_MS = 300;
const RUNS = 5;

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};
const ms = (n: number): string => `${Math.round(n)} ms`;

const server = await startServer({ '/slow': slow(DELAY_MS) });
try {
  // cold start: the bundle loads, reads its inputs, finds none, fails the step and exits
  const cold: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const r = await runAction('smoke-test', { inputs: {} });
    if (r.exitCode !== 1 || !r.errors.join().includes("Input 'url'")) {
      throw new Error(`the invalid-input run did not fail as expected:\n${r.log}`);
    }
    cold.push(r.durationMs);
  }

  const url = Array.from({ length: URLS }, (_, i) => `${server.url('/slow')}?n=${i}`).join('\n');
  const wall: number[] = [];
  const gate: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const r = await runAction('smoke-test', { inputs: { url } });
    const report = JSON.parse(r.outputs['report'] ?? 'null') as Report | null;
    if (r.exitCode !== 0 || !report?.passed || report.checks.length !== URLS) {
      throw new Error(`the ${URLS}-URL run did not pass:\n${r.log}`);
    }
    wall.push(r.durationMs);
    gate.push(report.elapsedMs);
  }

  const coldMs = median(cold);
  const wallMs = median(wall);
  const target = 1.3 * DELAY_MS + coldMs;
  console.log(
    `cold start (invalid input → exit), median of ${RUNS}: ${ms(coldMs)}   [${cold.map(ms).join(', ')}]`,
  );
  console.log(
    `${URLS} URLs × ${DELAY_MS} ms each, wall, median of ${RUNS}: ${ms(wallMs)}   [${wall.map(ms).join(', ')}]`,
  );
  console.log(`  of which the gate itself (report.elapsedMs): ${ms(median(gate))}`);
  console.log(`  server saw at most ${server.maxInFlight} requests at once`);
  console.log(
    `target: wall ≤ 1.3 × ${DELAY_MS} ms + cold start = ${ms(target)} → ${wallMs <= target ? 'MET' : 'NOT MET'} (${ms(wallMs - coldMs)} over process start)`,
  );
} finally {
  await server.close();
}
