import { describe, expect, it } from 'vitest';
import { type DeployReport, failureMessage } from '../../../actions/deploy-koyeb/deploy.js';
import { renderStoppedSummary, renderSummary } from '../../../actions/deploy-koyeb/summary.js';

const healthy: DeployReport = {
  service: { id: 'svc-1', name: 'web', appId: 'app-1' },
  plan: {
    definition: {},
    image: 'ghcr.io/acme/shop:1.1.0',
    previousImage: 'ghcr.io/acme/shop:1.0.0',
    changes: ['image ghcr.io/acme/shop:1.0.0 → ghcr.io/acme/shop:1.1.0', 'env: change LOG_LEVEL'],
  },
  outcome: 'healthy',
  deploymentId: 'dep-2',
  previousDeploymentId: 'dep-1',
  status: 'HEALTHY',
  messages: [],
  timeline: [
    { deploymentId: 'dep-2', status: 'PENDING', elapsedMs: 40, messages: [] },
    { deploymentId: 'dep-2', status: 'HEALTHY', elapsedMs: 65_000, messages: ['Instance is healthy.'] },
  ],
  cancelled: false,
  serviceUrl: 'https://shop-acme.koyeb.app',
  timeoutMs: 600_000,
};

describe('renderSummary', () => {
  it('renders a healthy deploy', () => {
    expect(renderSummary(healthy)).toBe(
      [
        '## ✅ Koyeb: web deployed',
        '',
        '| What | Details |',
        '| --- | --- |',
        '| Service | `web` (`svc-1`) |',
        '| Image | `ghcr.io/acme/shop:1.1.0` (was `ghcr.io/acme/shop:1.0.0`) |',
        '| Deployment | `dep-2` — HEALTHY |',
        '| Previous deployment | `dep-1` |',
        '| Service URL | https://shop-acme.koyeb.app |',
        '| Environment | change LOG_LEVEL |',
        '',
        '### Status timeline',
        '',
        '| Deployment | Status | Elapsed | Messages |',
        '| --- | --- | --- | --- |',
        '| `dep-2` | ⏳ PENDING | +40ms | — |',
        '| `dep-2` | ✅ HEALTHY | +1m5s | Instance is healthy. |',
        '',
        'To restore the previous version later, pass `previous-koyeb-deployment-id` (`dep-1`) to `actions/rollback` with `target: koyeb`.',
        '',
      ].join('\n'),
    );
    expect(failureMessage(healthy)).toBeUndefined();
  });

  it('renders a failed deploy that was rolled back', () => {
    const report: DeployReport = {
      ...healthy,
      outcome: 'failed',
      status: 'ERROR',
      messages: ['exited with code 1'],
      serviceUrl: undefined,
      timeline: [
        { deploymentId: 'dep-2', status: 'ERROR', elapsedMs: 3000, messages: ['exited with code 1'] },
      ],
      rollback: {
        fromDeploymentId: 'dep-1',
        outcome: 'healthy',
        deploymentId: 'dep-3',
        status: 'HEALTHY',
        timeline: [{ deploymentId: 'dep-3', status: 'HEALTHY', elapsedMs: 9000, messages: [] }],
      },
    };
    expect(failureMessage(report)).toBe(
      'Deployment dep-2 of service web ended ERROR.\nKoyeb says: exited with code 1\nRolled back: the definition of deployment dep-1 was deployed again as deployment dep-3, which is HEALTHY.',
    );
    const md = renderSummary(report);
    expect(md).toContain('## ❌ Koyeb: web deployment failed');
    expect(md).toContain(
      '| Rollback | ✅ Rolled back: the definition of deployment dep-1 was deployed again',
    );
    expect(md).toContain(
      '> Deployment dep-2 of service web ended ERROR.\n> Koyeb says: exited with code 1\n> Rolled back',
    );
    expect(md).toContain('| `dep-2` | ❌ ERROR | +3.0s | exited with code 1 |');
    expect(md).toContain('| `dep-3` (rollback) | ✅ HEALTHY | +9.0s | — |');
    expect(md).not.toContain('Service URL');
  });

  it('says why there was no rollback, and when the rollback failed too', () => {
    const timedOut: DeployReport = {
      ...healthy,
      outcome: 'timeout',
      status: 'PROVISIONING',
      cancelled: true,
      previousDeploymentId: undefined,
      rollback: {
        fromDeploymentId: undefined,
        outcome: 'skipped',
        reason: 'no active deployment',
        timeline: [],
      },
    };
    expect(failureMessage(timedOut)).toBe(
      'Deployment dep-2 of service web was still PROVISIONING after the 10m timeout and was cancelled.\nNot rolled back: no active deployment.',
    );
    expect(renderSummary(timedOut)).toContain('| Rollback | ⏭️ Not rolled back: no active deployment. |');
    expect(renderSummary(timedOut)).not.toContain('actions/rollback');
    const both: DeployReport = {
      ...healthy,
      outcome: 'failed',
      status: 'UNHEALTHY',
      rollback: {
        fromDeploymentId: 'dep-1',
        outcome: 'failed',
        deploymentId: 'dep-3',
        status: 'ERROR',
        timeline: [],
      },
    };
    expect(failureMessage(both)).toContain(
      'The rollback deployment dep-3 (definition of dep-1) ended ERROR too — the service needs attention now.',
    );
  });

  it('renders a deploy that stopped before anything was deployed', () => {
    expect(renderStoppedSummary("service 'shop/web'", 'HTTP 401.\nCheck the token.', false)).toBe(
      "## ❌ Koyeb: service 'shop/web' not deployed\n\n> HTTP 401.\n> Check the token.\n\nNothing was changed on Koyeb.\n",
    );
    expect(renderStoppedSummary('x', 'lost', true)).toContain('may or may not have been applied');
  });
});
