import { describe, expect, it } from 'vitest';
import { OperationError } from '../../../lib/errors.js';
import {
  describeGitHubError,
  githubRunContext,
  isAmbiguousGitHubFailure,
  isRetryableGitHubError,
  parseLinkHeader,
  workflowRunUrl,
} from '../../../lib/github/client.js';

/** The shape of an Octokit RequestError for an HTTP reply. */
function httpError(status: number, data: unknown, headers: Record<string, string> = {}): unknown {
  const e = new Error(typeof data === 'object' && data && 'message' in data ? String(data.message) : 'x');
  e.name = 'HttpError';
  return Object.assign(e, { status, response: { status, url: 'https://api.github.com/x', headers, data } });
}

/** The shape of an Octokit RequestError for a network failure (status 500, no response). */
function networkError(code: string, message: string): unknown {
  const fetchFailed = new TypeError('fetch failed', { cause: Object.assign(new Error(message), { code }) });
  const e = new Error(message, { cause: fetchFailed });
  e.name = 'HttpError';
  return Object.assign(e, { status: 500 });
}

describe('describeGitHubError', () => {
  it('reads a 403 from a missing permission as access denied', () => {
    const f = describeGitHubError(
      httpError(403, {
        message: 'Resource not accessible by integration',
        documentation_url: 'https://docs.github.com/rest/deployments/deployments#create-a-deployment',
        status: '403',
      }),
    );
    expect(f).toMatchObject({
      status: 403,
      message: 'Resource not accessible by integration',
      network: false,
      accessDenied: true,
      rateLimited: false,
    });
  });

  it('tells a rate-limit 403 from a permission 403', () => {
    const primary = describeGitHubError(
      httpError(
        403,
        { message: 'API rate limit exceeded for installation.' },
        { 'x-ratelimit-remaining': '0' },
      ),
    );
    expect(primary).toMatchObject({ accessDenied: false, rateLimited: true, rateLimitExhausted: true });
    const secondary = describeGitHubError(
      httpError(403, { message: 'You have exceeded a secondary rate limit.' }, { 'retry-after': '60' }),
    );
    expect(secondary).toMatchObject({ accessDenied: false, rateLimited: true, rateLimitExhausted: false });
    expect(describeGitHubError(httpError(429, { message: 'Too many' }))).toMatchObject({ rateLimited: true });
  });

  it('reads 401 as access denied and 5xx as neither', () => {
    expect(describeGitHubError(httpError(401, { message: 'Bad credentials' }))).toMatchObject({
      status: 401,
      accessDenied: true,
    });
    expect(describeGitHubError(httpError(502, '<html>Bad gateway</html>'))).toMatchObject({
      status: 502,
      message: '<html>Bad gateway</html>',
      accessDenied: false,
    });
  });

  it('reads a refused connection as a network failure that was never sent', () => {
    const f = describeGitHubError(networkError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:9'));
    expect(f).toMatchObject({ status: undefined, network: true, notSent: true });
    expect(f.message).toContain('ECONNREFUSED');
  });

  it('reads a reset connection and a timeout as network failures of unknown effect', () => {
    expect(describeGitHubError(networkError('ECONNRESET', 'socket hang up'))).toMatchObject({
      network: true,
      notSent: false,
    });
    // AbortSignal.timeout's TimeoutError is wrapped by Octokit; an AbortError is rethrown with status 500.
    const cause = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    const timeout = Object.assign(new Error(cause.message, { cause }), { name: 'HttpError', status: 500 });
    const aborted = Object.assign(new DOMException('This operation was aborted', 'AbortError'), {
      status: 500,
    });
    for (const e of [timeout, aborted]) {
      expect(describeGitHubError(e)).toMatchObject({
        network: true,
        notSent: false,
        message: 'no reply before the request timed out',
      });
    }
  });

  it('does not mistake a plain error or a thrown string for a network failure', () => {
    expect(describeGitHubError(new OperationError('GitHub answered 202'))).toMatchObject({
      network: false,
      status: undefined,
      message: 'GitHub answered 202',
    });
    expect(describeGitHubError('boom')).toMatchObject({ network: false, message: 'boom' });
  });
});

describe('isRetryableGitHubError', () => {
  it.each([
    ['502 on a read', httpError(502, {}), true, true],
    ['502 on a create (may have been applied)', httpError(502, {}), false, false],
    ['503 on a create (not applied)', httpError(503, {}), false, true],
    ['secondary rate limit', httpError(429, {}), false, true],
    ['exhausted rate limit', httpError(403, { message: 'x' }, { 'x-ratelimit-remaining': '0' }), true, false],
    ['403 permission', httpError(403, { message: 'Resource not accessible by integration' }), true, false],
    ['404', httpError(404, { message: 'Not Found' }), true, false],
    ['422', httpError(422, { message: 'Validation Failed' }), true, false],
    ['refused connection on a create', networkError('ECONNREFUSED', 'refused'), false, true],
    ['reset connection on a create', networkError('ECONNRESET', 'reset'), false, false],
    ['reset connection on a read', networkError('ECONNRESET', 'reset'), true, true],
  ])('%s', (_name, error, idempotent, expected) => {
    expect(isRetryableGitHubError(error, idempotent)).toBe(expected);
  });

  it('calls 502 and a lost reply ambiguous, 503 and a refused connection not', () => {
    expect(isAmbiguousGitHubFailure(httpError(502, {}))).toBe(true);
    expect(isAmbiguousGitHubFailure(networkError('ECONNRESET', 'reset'))).toBe(true);
    expect(isAmbiguousGitHubFailure(httpError(503, {}))).toBe(false);
    expect(isAmbiguousGitHubFailure(networkError('ECONNREFUSED', 'refused'))).toBe(false);
    expect(isAmbiguousGitHubFailure(httpError(422, {}))).toBe(false);
  });
});

describe('githubRunContext', () => {
  it('reads the runner variables, trimming trailing slashes', () => {
    const ctx = githubRunContext({
      GITHUB_API_URL: 'https://ghe.example.com/api/v3/',
      GITHUB_SERVER_URL: 'https://ghe.example.com/',
      GITHUB_REPOSITORY: 'acme/shop',
      GITHUB_RUN_ID: '4242',
      GITHUB_SHA: 'a'.repeat(40),
      GITHUB_REF_NAME: 'main',
    });
    expect(ctx).toEqual({
      apiUrl: 'https://ghe.example.com/api/v3',
      serverUrl: 'https://ghe.example.com',
      owner: 'acme',
      repo: 'shop',
      runId: '4242',
      sha: 'a'.repeat(40),
      refName: 'main',
    });
    expect(workflowRunUrl(ctx)).toBe('https://ghe.example.com/acme/shop/actions/runs/4242');
  });

  it("defaults to github.com's URLs and has no run URL outside a run", () => {
    const ctx = githubRunContext({ GITHUB_REPOSITORY: 'acme/shop' });
    expect(ctx.apiUrl).toBe('https://api.github.com');
    expect(ctx.serverUrl).toBe('https://github.com');
    expect(workflowRunUrl(ctx)).toBeUndefined();
  });

  it('refuses a missing or malformed GITHUB_REPOSITORY', () => {
    expect(() => githubRunContext({})).toThrow(/GITHUB_REPOSITORY is not set/);
    expect(() => githubRunContext({ GITHUB_REPOSITORY: 'shop' })).toThrow(/'shop', not owner\/name/);
  });
});

describe('parseLinkHeader', () => {
  it("reads GitHub's Link header", () => {
    const link =
      '<https://api.github.com/repositories/1296269/deployments?environment=production&per_page=2&page=1>; rel="prev", ' +
      '<https://api.github.com/repositories/1296269/deployments?environment=production&per_page=2&page=3>; rel="next", ' +
      '<https://api.github.com/repositories/1296269/deployments?environment=production&per_page=2&page=5>; rel="last", ' +
      '<https://api.github.com/repositories/1296269/deployments?environment=production&per_page=2&page=1>; rel="first"';
    const rels = parseLinkHeader(link);
    expect(Object.keys(rels).sort()).toEqual(['first', 'last', 'next', 'prev']);
    expect(rels['next']).toBe(
      'https://api.github.com/repositories/1296269/deployments?environment=production&per_page=2&page=3',
    );
  });

  it('is empty without a header', () => {
    expect(parseLinkHeader(undefined)).toEqual({});
    expect(parseLinkHeader('')).toEqual({});
  });
});
