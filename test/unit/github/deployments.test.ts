import { describe, expect, it } from 'vitest';
import { ConfigurationError, OperationError } from '../../../lib/errors.js';
import type { GitHubRunContext } from '../../../lib/github/client.js';
import {
  createDeploymentBody,
  type DeploymentLog,
  type DeploymentState,
  type DeploymentStatusRecord,
  deploymentStatusBody,
  githubDeployments,
  parsePayload,
  REQUEST_ID_PAYLOAD_KEY,
  readGithubDeploymentInputs,
  successOf,
  toDeploymentRecord,
  toDeploymentStatusRecord,
  truncateDescription,
} from '../../../lib/github/deployments.js';
import { Inputs, recordInputs } from '../../../lib/inputs.js';

const SHA = '0123456789abcdef0123456789abcdef01234567';
const ctx: GitHubRunContext = {
  apiUrl: 'https://api.github.com',
  serverUrl: 'https://github.com',
  owner: 'acme',
  repo: 'shop',
  runId: '4242',
  sha: SHA,
  refName: 'main',
};

describe('createDeploymentBody', () => {
  it('deploys the run commit, without auto-merge or required status checks', () => {
    expect(
      createDeploymentBody(
        { environment: 'production', payload: { release: '20240101-0123456' } },
        ctx,
        'req-1',
      ),
    ).toEqual({
      ref: SHA,
      task: 'deploy',
      auto_merge: false,
      required_contexts: [],
      environment: 'production',
      payload: { release: '20240101-0123456', [REQUEST_ID_PAYLOAD_KEY]: 'req-1' },
    });
  });

  it('sends the optional fields only when given', () => {
    expect(
      createDeploymentBody(
        {
          environment: 'pr-12',
          ref: 'feature/x',
          description: 'Review app',
          task: 'deploy:review',
          transient: true,
          production: false,
        },
        ctx,
      ),
    ).toEqual({
      ref: 'feature/x',
      task: 'deploy:review',
      auto_merge: false,
      required_contexts: [],
      environment: 'pr-12',
      payload: {},
      description: 'Review app',
      transient_environment: true,
      production_environment: false,
    });
  });

  it('falls back to the ref name, and needs some ref', () => {
    expect(createDeploymentBody({ environment: 'staging' }, { sha: undefined, refName: 'v1.2.0' }).ref).toBe(
      'v1.2.0',
    );
    expect(() =>
      createDeploymentBody({ environment: 'staging' }, { sha: undefined, refName: undefined }),
    ).toThrow(OperationError);
  });
});

describe('deploymentStatusBody', () => {
  it('links the workflow run as log_url by default and sends environment_url when given', () => {
    expect(
      deploymentStatusBody(
        'success',
        { environmentUrl: 'https://shop.example.com', description: 'Deployed' },
        ctx,
      ),
    ).toEqual({
      state: 'success',
      log_url: 'https://github.com/acme/shop/actions/runs/4242',
      description: 'Deployed',
      environment_url: 'https://shop.example.com',
    });
  });

  it('sends auto_inactive only when set, and an explicit log_url over the run URL', () => {
    expect(
      deploymentStatusBody('inactive', { autoInactive: false, logUrl: 'https://ci.example.com/1' }, ctx),
    ).toEqual({ state: 'inactive', log_url: 'https://ci.example.com/1', auto_inactive: false });
  });

  it('has no log_url outside a workflow run', () => {
    expect(deploymentStatusBody('in_progress', {}, { ...ctx, runId: undefined })).toEqual({
      state: 'in_progress',
    });
  });

  it("cuts the description to GitHub's 140 characters", () => {
    const body = deploymentStatusBody(
      'failure',
      { description: `Smoke test failed: ${'x'.repeat(300)}` },
      ctx,
    );
    expect(body.description).toHaveLength(140);
    expect(body.description?.endsWith('…')).toBe(true);
  });
});

describe('truncateDescription', () => {
  it('keeps 140 characters, cuts 141, and makes one line', () => {
    expect(truncateDescription('a'.repeat(140))).toBe('a'.repeat(140));
    expect(truncateDescription('a'.repeat(141))).toBe(`${'a'.repeat(139)}…`);
    expect(truncateDescription('  line one\n  line two  ')).toBe('line one line two');
  });
});

describe('parsePayload', () => {
  it('returns objects, parses JSON strings, and gives {} for anything else', () => {
    expect(parsePayload({ release: 'r1' })).toEqual({ release: 'r1' });
    expect(parsePayload('{"image":"registry/shop:1"}')).toEqual({ image: 'registry/shop:1' });
    expect(parsePayload('')).toEqual({});
    expect(parsePayload('not json')).toEqual({});
    expect(parsePayload('[1,2]')).toEqual({});
    expect(parsePayload(null)).toEqual({});
    expect(parsePayload(undefined)).toEqual({});
  });
});

function statuses(...states: DeploymentState[]): DeploymentStatusRecord[] {
  // newest first, as the API lists them
  return states
    .map((state, i) => ({
      id: i + 1,
      state,
      description: '',
      environment: 'staging',
      environmentUrl: undefined,
      logUrl: undefined,
      createdAt: `2024-01-01T00:00:0${i}Z`,
    }))
    .reverse();
}

describe('successOf', () => {
  it('counts a deployment whose newest status is success', () => {
    expect(successOf(statuses('in_progress', 'success'))?.id).toBe(2);
  });

  it('counts a success that GitHub superseded (made inactive), unless told not to', () => {
    expect(successOf(statuses('in_progress', 'success', 'inactive'))?.id).toBe(2);
    expect(successOf(statuses('in_progress', 'success', 'inactive'), false)).toBeUndefined();
  });

  it('never counts a deployment marked failure or error after its success', () => {
    expect(successOf(statuses('in_progress', 'success', 'failure'))).toBeUndefined();
    expect(successOf(statuses('in_progress', 'success', 'failure', 'inactive'))).toBeUndefined();
    expect(successOf(statuses('in_progress', 'success', 'error'))).toBeUndefined();
  });

  it('does not count unfinished, failed or abandoned deployments', () => {
    expect(successOf([])).toBeUndefined();
    expect(successOf(statuses('in_progress'))).toBeUndefined();
    expect(successOf(statuses('queued', 'pending'))).toBeUndefined();
    expect(successOf(statuses('in_progress', 'failure'))).toBeUndefined();
    expect(successOf(statuses('in_progress', 'inactive'))).toBeUndefined();
  });

  it('does not depend on the order of the list', () => {
    expect(successOf([...statuses('in_progress', 'success', 'failure')].reverse())).toBeUndefined();
    expect(successOf([...statuses('failure', 'in_progress', 'success')].reverse())?.id).toBe(3);
  });
});

describe('reading replies', () => {
  const reply = {
    url: 'https://api.github.com/repos/acme/shop/deployments/42',
    id: 42,
    node_id: 'MDEwOkRlcGxveW1lbnQx',
    sha: SHA,
    ref: 'main',
    task: 'deploy',
    payload: '{"release":"r1"}',
    original_environment: 'production',
    environment: 'production',
    description: null,
    creator: null,
    created_at: '2024-01-01T00:00:00Z',
    updated_at: '2024-01-01T00:00:00Z',
    statuses_url: 'https://api.github.com/repos/acme/shop/deployments/42/statuses',
    repository_url: 'https://api.github.com/repos/acme/shop',
    transient_environment: false,
    production_environment: true,
  };

  it('reads a deployment, parsing a string payload', () => {
    expect(toDeploymentRecord(reply)).toEqual({
      id: 42,
      sha: SHA,
      ref: 'main',
      task: 'deploy',
      environment: 'production',
      description: '',
      payload: { release: 'r1' },
      createdAt: '2024-01-01T00:00:00Z',
      productionEnvironment: true,
      transientEnvironment: false,
    });
  });

  it('names the missing field of an unexpected reply', () => {
    const { sha: _sha, ...noSha } = reply;
    expect(() => toDeploymentRecord(noSha)).toThrow(/unexpected deployment in the reply \(sha:/);
  });

  it('reads a status, empty URLs as undefined', () => {
    expect(
      toDeploymentStatusRecord({
        id: 7,
        state: 'success',
        description: 'Deployed',
        environment: 'production',
        environment_url: '',
        log_url: 'https://github.com/acme/shop/actions/runs/1',
        target_url: 'https://github.com/acme/shop/actions/runs/1',
        created_at: '2024-01-01T00:00:01Z',
      }),
    ).toEqual({
      id: 7,
      state: 'success',
      description: 'Deployed',
      environment: 'production',
      environmentUrl: undefined,
      logUrl: 'https://github.com/acme/shop/actions/runs/1',
      createdAt: '2024-01-01T00:00:01Z',
    });
    expect(() => toDeploymentStatusRecord({ id: 7, state: 'destroyed', created_at: 'x' })).toThrow(/state/);
  });
});

describe('readGithubDeploymentInputs', () => {
  const read = (record: Record<string, string>) =>
    readGithubDeploymentInputs(new Inputs(recordInputs(record)));

  it('reads the three inputs, empty ones as undefined', () => {
    expect(
      read({
        'github-token': 'ghs_abc',
        environment: 'production',
        'environment-url': 'https://shop.example.com',
      }),
    ).toEqual({ token: 'ghs_abc', environment: 'production', environmentUrl: 'https://shop.example.com' });
    expect(read({})).toEqual({ token: undefined, environment: undefined, environmentUrl: undefined });
  });

  it('refuses an environment-url that is not an http(s) URL, naming the input', () => {
    for (const bad of ['shop.example.com', 'ftp://shop.example.com', 'javascript:alert(1)']) {
      let error: unknown;
      try {
        read({ 'environment-url': bad });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ConfigurationError);
      expect((error as ConfigurationError).input).toBe('environment-url');
      expect((error as Error).message).toContain('https://shop.example.com');
    }
  });

  it('refuses an environment name that is not one line of at most 255 characters', () => {
    expect(() => read({ environment: 'x'.repeat(256) })).toThrow(/Input 'environment'/);
  });
});

describe('githubDeployments without a token or an environment', () => {
  function recorder(): DeploymentLog & { warnings: string[]; infos: string[] } {
    const warnings: string[] = [];
    const infos: string[] = [];
    return { warnings, infos, warning: (l) => warnings.push(l), info: (l) => infos.push(l) };
  }

  it('is silently off when neither is given', async () => {
    const log = recorder();
    const gh = githubDeployments(
      { token: undefined, environment: undefined, environmentUrl: undefined },
      { log },
    );
    expect(gh.enabled).toBe(false);
    const tracker = await gh.startDeployment();
    expect(tracker.id).toBeUndefined();
    expect(await tracker.succeed()).toBe(false);
    expect(log.warnings).toEqual([]);
  });

  it('warns once, naming the permission, when the environment is given without a token', async () => {
    const log = recorder();
    const gh = githubDeployments(
      { token: undefined, environment: 'production', environmentUrl: undefined },
      { log },
    );
    const tracker = await gh.startDeployment({ payload: { release: 'r1' } });
    expect(await tracker.fail('smoke test failed')).toBe(false);
    expect(await gh.setDeploymentStatus(1, 'inactive')).toBe(false);
    expect(await gh.lastSuccessfulDeployment('production')).toBeUndefined();
    expect(log.warnings).toHaveLength(1);
    expect(log.warnings[0]).toContain("no 'github-token'");
    expect(log.warnings[0]).toContain('permissions: deployments: write');
    expect(log.warnings[0]).toContain('github-token: ${{ github.token }}');
  });

  it('warns once when the token is given without an environment, and records nothing', async () => {
    const log = recorder();
    const gh = githubDeployments(
      { token: 'ghs_x', environment: undefined, environmentUrl: undefined },
      // nothing listens there: a request would fail and add a second warning
      { log, env: { GITHUB_REPOSITORY: 'acme/shop', GITHUB_API_URL: 'http://127.0.0.1:9' } },
    );
    const tracker = await gh.startDeployment();
    expect(tracker.id).toBeUndefined();
    expect(await tracker.succeed()).toBe(false);
    expect(log.warnings).toHaveLength(1);
    expect(log.warnings[0]).toContain("'environment' is not");
  });
});
