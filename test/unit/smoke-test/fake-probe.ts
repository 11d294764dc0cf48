// A virtual clock and scripted servers for the gate and the watch: no sockets, no real time.
import type { GateDeps } from '../../../actions/smoke-test/gate.js';
import { ProbeError, type ProbeRequest, type ProbeResponse } from '../../../actions/smoke-test/http-probe.js';

export type Answer = Partial<ProbeResponse> | ProbeError;

/**
 * A virtual clock and scripted servers. Each URL answers from its script (the last entry
 * repeats) after `latencyMs` of virtual time. Sleeps and latencies are virtual timers: when every
 * check is waiting, the clock jumps to the earliest timer — so checks run concurrently as they
 * would for real, in no real time.
 */
export function fake(scripts: Record<string, Answer[]>) {
  let clock = 0;
  let seq = 0;
  const timers: { at: number; seq: number; wake: () => void }[] = [];
  let pumping = false;
  const pump = (): void => {
    if (pumping) return;
    pumping = true;
    setImmediate(() => {
      pumping = false;
      timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = timers.shift();
      if (!next) return;
      clock = Math.max(clock, next.at);
      next.wake();
      pump();
    });
  };
  const wait = (ms: number): Promise<void> =>
    new Promise((wake) => {
      timers.push({ at: clock + ms, seq: seq++, wake });
      pump();
    });
  const sent: { url: string; at: number; timeoutMs: number; headers: Record<string, string> }[] = [];
  const sleeps: number[] = [];
  const log: string[] = [];
  const deps: GateDeps = {
    now: () => clock,
    sleep: (ms, signal) => {
      sleeps.push(ms);
      if (!signal) return wait(ms);
      // like abortableSleep: the gate stopping wakes it at once
      return Promise.race([
        wait(ms),
        new Promise<void>((wake) => signal.addEventListener('abort', () => wake(), { once: true })),
      ]);
    },
    log: (l) => log.push(l),
    send: async (req: ProbeRequest) => {
      const script = scripts[req.url] ?? [];
      const n = sent.filter((s) => s.url === req.url).length;
      sent.push({ url: req.url, at: clock, timeoutMs: req.timeoutMs, headers: req.headers });
      const answer = script[Math.min(n, script.length - 1)] ?? {};
      if (answer instanceof ProbeError) {
        await wait(answer.latencyMs);
        throw answer;
      }
      const latencyMs = answer.latencyMs ?? 10;
      await wait(latencyMs);
      return {
        status: 200,
        contentType: 'text/plain',
        body: 'ok',
        bodyTruncated: false,
        redirects: [],
        ...answer,
        latencyMs,
      };
    },
  };
  return { deps, sent, sleeps, log };
}
