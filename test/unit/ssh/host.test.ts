import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../../lib/errors.js';
import { formatHost, knownHostsName, parseHost, parseHosts } from '../../../lib/ssh/host.js';

describe('parseHost', () => {
  it('reads [user@]host[:port] with defaults', () => {
    expect(parseHost('web-1.example.com', { user: 'deploy' })).toEqual({
      user: 'deploy',
      host: 'web-1.example.com',
      port: 22,
      label: 'deploy@web-1.example.com',
    });
    expect(parseHost('root@10.0.0.5:2222', { user: 'deploy' })).toEqual({
      user: 'root',
      host: '10.0.0.5',
      port: 2222,
      label: 'root@10.0.0.5:2222',
    });
    expect(parseHost('127.0.0.1', { user: 'deploy', port: 2200 }).port).toBe(2200);
  });

  it('reads IPv6 in brackets', () => {
    expect(parseHost('deploy@[2001:db8::1]:2222')).toMatchObject({
      host: '2001:db8::1',
      port: 2222,
      label: 'deploy@[2001:db8::1]:2222',
    });
    expect(parseHost('[::1]', { user: 'u' })).toMatchObject({ host: '::1', port: 22 });
  });

  it.each([
    ['', 'empty'],
    ['deploy@', 'valid host name'],
    ['ssh://deploy@host', 'URL'],
    ['host:abc', 'not a port number'],
    ['host:70000', 'out of range'],
    ['2001:db8::1', 'brackets'],
    ['bad_host!', 'valid host name'],
    ['us er@host', 'space'],
    ['-oProxyCommand=x@host', 'valid user name'],
  ])('rejects %j naming the input and showing an example', (spec, problem) => {
    try {
      parseHost(spec, { user: 'deploy' });
      expect.fail('should throw');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigurationError);
      const e = error as ConfigurationError;
      expect(e.input).toBe('hosts');
      expect(e.message).toContain(problem);
      expect(e.message).toContain('For example');
    }
  });

  it('needs a user from user@ or username', () => {
    expect(() => parseHost('10.0.0.1')).toThrow(/Input 'username'.*no user/s);
  });

  it('formats labels and known_hosts names as OpenSSH does', () => {
    expect(formatHost('d', 'h', 22)).toBe('d@h');
    expect(formatHost('d', '::1', 2222)).toBe('d@[::1]:2222');
    expect(knownHostsName('h', 22)).toBe('h');
    expect(knownHostsName('127.0.0.1', 2222)).toBe('[127.0.0.1]:2222');
  });
});

describe('parseHosts', () => {
  it('requires at least one host', () => {
    expect(() => parseHosts([], { user: 'd' })).toThrow(/Input 'hosts': is required/);
  });
  it('rejects the same server twice', () => {
    expect(() => parseHosts(['a.example.com', 'deploy@A.example.com:22'], { user: 'deploy' })).toThrow(
      /listed twice/,
    );
    expect(parseHosts(['a:22', 'a:2222'], { user: 'd' })).toHaveLength(2);
  });
});
