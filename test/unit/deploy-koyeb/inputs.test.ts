import { describe, expect, it } from 'vitest';
import { parseApiUrl, parseInputs } from '../../../actions/deploy-koyeb/inputs.js';
import { Inputs, recordInputs } from '../../../lib/inputs.js';

const base = { 'api-token': 'tok', image: 'ghcr.io/acme/shop:1.0.0', 'service-id': 'svc-1' };
const parse = (extra: Record<string, string | undefined>) =>
  parseInputs(new Inputs(recordInputs({ ...base, ...extra })));

describe('parseInputs', () => {
  it('applies the defaults', () => {
    expect(parse({})).toEqual({
      token: 'tok',
      apiUrl: 'https://app.koyeb.com',
      service: { serviceId: 'svc-1' },
      image: { kind: 'reference', image: 'ghcr.io/acme/shop:1.0.0' },
      env: [],
      wait: true,
      timeoutMs: 600_000,
      pollIntervalMs: 5000,
      rollbackOnFailure: true,
      dryRun: false,
      github: { token: undefined, environment: undefined, environmentUrl: undefined },
    });
  });

  it('reads the GitHub deployment inputs and rejects a bad environment-url up front', () => {
    expect(
      parse({
        'github-token': 'ghs_x',
        environment: 'production',
        'environment-url': 'https://shop.example.com',
      }).github,
    ).toEqual({ token: 'ghs_x', environment: 'production', environmentUrl: 'https://shop.example.com' });
    expect(() => parse({ environment: 'production', 'environment-url': 'shop.example.com' })).toThrow(
      /environment-url/,
    );
  });

  it('reads app + service names and every option', () => {
    const i = parse({
      'service-id': undefined,
      app: 'shop',
      service: 'web',
      env: 'A=1',
      wait: 'false',
      timeout: '2m',
      'poll-interval': '200ms',
      'rollback-on-failure': 'false',
      'dry-run': 'true',
      'api-url': 'http://127.0.0.1:4010/',
    });
    expect(i).toMatchObject({
      service: { app: 'shop', service: 'web' },
      env: [{ kind: 'set', key: 'A', value: '1' }],
      wait: false,
      timeoutMs: 120_000,
      pollIntervalMs: 200,
      rollbackOnFailure: false,
      dryRun: true,
      apiUrl: 'http://127.0.0.1:4010',
    });
  });

  it.each([
    [{ 'api-token': '' }, /Input 'api-token': is required/],
    [{ 'service-id': '' }, /Input 'service-id': is required/],
    [{ app: 'shop' }, /Input 'service-id': give either/],
    [{ 'service-id': '', app: 'shop' }, /Input 'service': is required with the other/],
    [{ 'service-id': '', service: 'web' }, /Input 'app': is required/],
    [{ image: '' }, /Input 'image': is required/],
    [{ wait: 'yes' }, /Input 'wait': must be 'true' or 'false'/],
    [{ timeout: 'soon' }, /Input 'timeout': must be a duration/],
    [{ 'poll-interval': '10ms' }, /Input 'poll-interval': must be between/],
    [{ env: 'bad line' }, /Input 'env'/],
  ])('rejects %j', (extra, message) => {
    expect(() => parse(extra)).toThrow(message);
  });
});

describe('parseApiUrl', () => {
  it('allows https anywhere and http only on loopback', () => {
    expect(parseApiUrl('https://app.koyeb.com/')).toBe('https://app.koyeb.com');
    expect(parseApiUrl('http://localhost:8080')).toBe('http://localhost:8080');
    expect(parseApiUrl('http://127.0.0.1:8080')).toBe('http://127.0.0.1:8080');
    expect(() => parseApiUrl('http://app.koyeb.com')).toThrow(/Input 'api-url': must be an https/);
    expect(() => parseApiUrl('app.koyeb.com')).toThrow(/Input 'api-url': is not a URL/);
  });

  it('refuses credentials without echoing them', () => {
    expect(() => parseApiUrl('https://user:hunter2@app.koyeb.com')).toThrow(/without credentials/);
    expect(() => parseApiUrl('http://user:hunter2@example.com')).not.toThrow(/hunter2/);
  });
});
