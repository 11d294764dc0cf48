import { describe, expect, it } from 'vitest';
import { parseInputs, parseTargets, type TargetKind } from '../../../actions/notify/inputs.js';
import { ConfigurationError } from '../../../lib/errors.js';
import { Inputs, recordInputs } from '../../../lib/inputs.js';

const urls = (o: Partial<Record<TargetKind, string[]>>) =>
  new Map(Object.entries(o) as [TargetKind, string[]][]);

function error(fn: () => unknown): ConfigurationError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfigurationError) return e;
    throw e;
  }
  throw new Error('no error thrown');
}

describe('parseTargets', () => {
  it('without targets, sends to every kind that has a URL; several URLs in one input are numbered', () => {
    const t = parseTargets(
      '',
      urls({
        slack: ['https://hooks.slack.com/services/A', 'https://hooks.slack.com/services/B'],
        teams: ['https://prod.logic.azure.com/x?sig=s'],
      }),
    );
    expect(t.map((x) => x.label)).toEqual([
      'slack #1 (hooks.slack.com)',
      'slack #2 (hooks.slack.com)',
      'teams (prod.logic.azure.com)',
    ]);
  });

  it('rejects an unknown target, a named target without URL, and a URL no target names', () => {
    expect(error(() => parseTargets('slack, sms', urls({ slack: ['https://h/x'] }))).message).toMatch(
      /Input 'targets': unknown target 'sms'/,
    );
    expect(error(() => parseTargets('discord', urls({}))).input).toBe('discord-webhook-url');
    expect(
      error(() => parseTargets('slack', urls({ slack: ['https://h/x'], discord: ['https://d/y'] }))).message,
    ).toMatch(/does not name discord, but discord-webhook-url is given/);
    expect(error(() => parseTargets('', urls({}))).message).toMatch(/Nothing to notify/);
  });

  it('never repeats a URL in an error: it is a secret', () => {
    for (const bad of [
      'hooks.slack.com/services/T0/B0/tok3nValue',
      'http://hooks.slack.com/services/tok3nValue',
      'ftp://x/tok3nValue',
    ]) {
      const e = error(() => parseTargets('', urls({ slack: [bad] })));
      expect(e.input).toBe('slack-webhook-url');
      expect(e.message).not.toContain('tok3nValue');
    }
  });

  it('allows plain http only to a loopback address', () => {
    expect(parseTargets('', urls({ webhook: ['http://127.0.0.1:8080/hook'] }))[0]?.label).toBe(
      'webhook (127.0.0.1:8080)',
    );
  });
});

describe('parseInputs', () => {
  const base = { status: 'success', 'slack-webhook-url': 'https://hooks.slack.com/services/T/B/x' };
  it('reads the defaults as the runner passes them', () => {
    const i = parseInputs(
      new Inputs(
        recordInputs({
          ...base,
          'fail-on-error': 'false',
          'request-timeout': '10s',
          timeout: '1m',
          'dry-run': 'false',
          'webhook-signature-header': 'X-Ops-Signature-256',
          targets: '',
        }),
      ),
    );
    expect(i).toMatchObject({
      status: 'success',
      failOnError: false,
      requestTimeoutMs: 10_000,
      timeoutMs: 60_000,
      dryRun: false,
      reports: {},
    });
  });

  it('a webhook-secret without a webhook target is a mistake', () => {
    expect(error(() => parseInputs(new Inputs(recordInputs({ ...base, 'webhook-secret': 'k' })))).input).toBe(
      'webhook-secret',
    );
  });

  it('reads a deploy-ssh report nested in toJSON(steps.deploy.outputs), and treats {} as absent', () => {
    const outputs = JSON.stringify({
      'release-id': 'r2',
      report: JSON.stringify({
        releaseId: 'r2',
        previousReleaseId: 'r1',
        image: 'img@sha256:1',
        hosts: [
          { host: 'a', result: 'succeeded' },
          { host: 'b', result: 'failed', phase: 'health', error: 'unhealthy' },
        ],
      }),
    });
    const i = parseInputs(
      new Inputs(recordInputs({ ...base, 'deploy-report': outputs, 'rollback-report': '{}' })),
    );
    expect(i.reports.deploy).toMatchObject({
      releaseId: 'r2',
      previousReleaseId: 'r1',
      image: 'img@sha256:1',
      hostsSucceeded: ['a'],
      hostsFailed: [{ host: 'b', result: 'failed', phase: 'health', error: 'unhealthy' }],
    });
    expect(i.reports.rollback).toBeUndefined();
  });
});
