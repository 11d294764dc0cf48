import { describe, expect, it } from 'vitest';
import type { GateResult } from '../../../actions/smoke-test/gate.js';
import { readSmokeTestInputs } from '../../../actions/smoke-test/inputs.js';
import { buildReport, failureMessage, summaryMarkdown } from '../../../actions/smoke-test/report.js';
import { Inputs, recordInputs } from '../../../lib/inputs.js';

const plan = await readSmokeTestInputs(
  new Inputs(recordInputs({ url: 'https://a/ https://b/', timeout: '90s' })),
);
const result: GateResult = {
  passed: false,
  elapsedMs: 90_412.6,
  checks: [
    {
      name: 'GET https://a/',
      method: 'GET',
      url: 'https://a/',
      passed: true,
      attempts: 1,
      consecutivePasses: 1,
      status: 200,
      latencyMs: 41.7,
      elapsedMs: 42,
    },
    {
      name: 'GET https://b/',
      method: 'GET',
      url: 'https://b/',
      passed: false,
      attempts: 9,
      consecutivePasses: 0,
      error: 'connection refused | (connect ECONNREFUSED 10.0.0.2:443)',
      elapsedMs: 90_400,
    },
  ],
};

describe('buildReport', () => {
  it('has stable keys, null for what is absent, whole milliseconds', () => {
    expect(buildReport(result)).toEqual({
      passed: false,
      elapsedMs: 90_413,
      checks: [
        {
          name: 'GET https://a/',
          method: 'GET',
          url: 'https://a/',
          passed: true,
          attempts: 1,
          consecutivePasses: 1,
          status: 200,
          latencyMs: 42,
          error: null,
        },
        {
          name: 'GET https://b/',
          method: 'GET',
          url: 'https://b/',
          passed: false,
          attempts: 9,
          consecutivePasses: 0,
          status: null,
          latencyMs: null,
          error: 'connection refused | (connect ECONNREFUSED 10.0.0.2:443)',
        },
      ],
      watch: null,
    });
  });
});

describe('summaryMarkdown', () => {
  it('a headline and a table a person reads at a glance', () => {
    expect(summaryMarkdown(result, plan)).toBe(
      [
        '### ❌ Smoke test failed: 1 of 2 checks did not pass within 1m30s',
        '',
        '| Check | Result | Attempts | Last status | Latency | Error |',
        '| --- | --- | --- | --- | --- | --- |',
        '| GET https://a/ | ✅ passed | 1 | 200 | 42ms | — |',
        '| GET https://b/ | ❌ failed | 9 | — | — | connection refused \\| (connect ECONNREFUSED 10.0.0.2:443) |',
        '',
        '<sub>each check must pass once; polled every 1.0s, not ready waited for until 1m30s, failed after 3 wrong answers in a row.</sub>',
        '',
      ].join('\n'),
    );
  });

  it('says when it passed, the consecutive-pass rule and an insecure run', () => {
    const passed: GateResult = {
      passed: true,
      elapsedMs: 1234,
      checks: [result.checks[0] as GateResult['checks'][0]],
    };
    const md = summaryMarkdown(passed, {
      ...plan,
      consecutivePasses: 3,
      intervalMs: 2000,
      tls: { extraCa: [], insecure: true },
    });
    expect(md).toContain('### ✅ Smoke test passed: 1 check in 1.2s');
    expect(md).toContain(
      '<sub>each check must pass 3 times in a row, 2.0s apart; polled every 2.0s, not ready waited for until 1m30s, failed after 3 wrong answers in a row; ⚠️ TLS certificates were not verified (insecure: true).</sub>',
    );
  });
});

describe('failureMessage', () => {
  it('names every failing check with its last status and error', () => {
    expect(failureMessage(result, plan)).toBe(
      [
        'Smoke test failed: 1 of 2 checks did not pass within 1m30s:',
        '  - GET https://b/ (no response, 9 attempts): connection refused | (connect ECONNREFUSED 10.0.0.2:443)',
      ].join('\n'),
    );
  });
});

describe('failureMessage after a wrong answer', () => {
  it('says the gate ended early, and when', () => {
    expect(failureMessage({ ...result, elapsedMs: 2020, failedFast: true }, plan).split('\n')[0]).toBe(
      'Smoke test failed: 1 of 2 checks did not pass: a wrong answer ended the gate after 2.0s (failure-threshold), before the 1m30s deadline:',
    );
  });
});
