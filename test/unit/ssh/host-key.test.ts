import { describe, expect, it } from 'vitest';
import {
  checkHostKey,
  expectationFor,
  fingerprintOf,
  keyscanCommand,
  keyTypeOf,
  knownHostsEntryMatches,
  normalizeFingerprint,
  parseKnownHosts,
} from '../../../lib/ssh/host-key.js';

// generated with ssh-keygen; fingerprints as `ssh-keygen -lf` printed them
const ED_B64 = 'AAAAC3NzaC1lZDI1NTE5AAAAIKCS3vup3zuwd5+TX2cQ5B5e3Vi9ifZT8GWeJnU6Bls3';
const ED_FP = 'SHA256:V1IaUtXww63JCAKCEyoVyuKHWSIsUNAdPtRbUq0cGcQ';
const RSA_B64 =
  'AAAAB3NzaC1yc2EAAAADAQABAAABAQD9jEeU1zoI6HeNA4HxrA1LUIAPqTPcYvQ7GWVaJheUc6J0ZgJ8LlJFCQnBzW1kIbckGW0pOuKEU5OFUiH1qyMi8PUxDfOgS3FiXmZNzG/RCd/7F+PqO9cVyzj6YBpp12PHM3koPPAG78vReWaf38B5Sz7XLNsn8VeK+WdeYXgb9j5lC06QBh8R9mdDeFda5YRIlC60WILo7UIS5rt2nIp5WWT6aIGSxMC9VYrMX6dmwlbt8kSJ1nlAwAGpjZxQ7v8DWUG9/Oll18npo4ObQfbOotSQX0/VO/rezkmJawcXeIykw7EbZQFmGE1vS8MCczZijWdi/kDnJBPRzswcZPq7';
const RSA_FP = 'SHA256:SqFfxCuiE7M+LUH9lMEzA69wlRB43BjnpenybkS87Dw';
// `ssh-keygen -H` of "[127.0.0.1]:2222 ssh-ed25519 …"
const HASHED = `|1|pf0SC2Qepx5w0gEyuLVEtRWzaxM=|JRMiKSntWAJyyYO7TZDV3FSb/OA= ssh-ed25519 ${ED_B64}`;
const ed = Buffer.from(ED_B64, 'base64');
const rsa = Buffer.from(RSA_B64, 'base64');

describe('fingerprints', () => {
  it('match ssh-keygen -lf', () => {
    expect(fingerprintOf(ed)).toBe(ED_FP);
    expect(fingerprintOf(rsa)).toBe(RSA_FP);
    expect(keyTypeOf(ed)).toBe('ssh-ed25519');
    expect(keyTypeOf(rsa)).toBe('ssh-rsa');
  });
  it('normalise with or without padding, reject anything else', () => {
    expect(normalizeFingerprint(`${ED_FP}=`)).toBe(ED_FP);
    expect(normalizeFingerprint(` ${ED_FP} `)).toBe(ED_FP);
    expect(normalizeFingerprint('V1IaUtXww63JCAKCEyoVyuKHWSIsUNAdPtRbUq0cGcQ')).toBeUndefined();
    expect(normalizeFingerprint('MD5:aa:bb')).toBeUndefined();
    expect(normalizeFingerprint('SHA256:short')).toBeUndefined();
  });
  it('the keyscan hint is the command from the docs', () => {
    expect(keyscanCommand('127.0.0.1', 2222)).toBe('ssh-keyscan -p 2222 127.0.0.1 | ssh-keygen -lf -');
  });
});

describe('known_hosts', () => {
  const text = [
    '# comment',
    `[127.0.0.1]:2222 ssh-ed25519 ${ED_B64}`,
    `web-1.example.com,10.0.0.1 ssh-rsa ${RSA_B64} comment here`,
    `*.internal,!bad.internal ssh-ed25519 ${ED_B64}`,
    HASHED,
    `@revoked old.example.com ssh-rsa ${RSA_B64}`,
    `@cert-authority *.example.com ssh-ed25519 ${ED_B64}`,
  ].join('\n');
  const entries = parseKnownHosts(text);

  it('parses plain, port, wildcard, hashed and marked lines', () => {
    expect(entries).toHaveLength(6);
    expect(entries[0]).toMatchObject({
      patterns: ['[127.0.0.1]:2222'],
      keyType: 'ssh-ed25519',
      lineNumber: 2,
    });
    expect(entries[4]?.marker).toBe('revoked');
  });

  it('matches hosts as OpenSSH does', () => {
    const [port, multi, wild, hashed] = entries as [never, never, never, never];
    expect(knownHostsEntryMatches(port, '127.0.0.1', 2222)).toBe(true);
    expect(knownHostsEntryMatches(port, '127.0.0.1', 22)).toBe(false);
    expect(knownHostsEntryMatches(multi, '10.0.0.1', 22)).toBe(true);
    expect(knownHostsEntryMatches(multi, 'WEB-1.example.com', 22)).toBe(true);
    expect(knownHostsEntryMatches(wild, 'db.internal', 22)).toBe(true);
    expect(knownHostsEntryMatches(wild, 'bad.internal', 22)).toBe(false);
    expect(knownHostsEntryMatches(hashed, '127.0.0.1', 2222)).toBe(true);
    expect(knownHostsEntryMatches(hashed, '127.0.0.1', 2223)).toBe(false);
  });

  it('rejects a malformed line, naming the line', () => {
    expect(() => parseKnownHosts('host ssh-ed25519')).toThrow(
      /Input 'known-hosts': line 1 is not a known_hosts line/,
    );
    expect(() => parseKnownHosts(`host ssh-rsa ${ED_B64}`)).toThrow(/not a valid ssh-rsa public key/);
  });

  it('checks presented keys: known, pinned, mismatch, revoked, unknown', () => {
    const policy = { knownHosts: entries, pins: [], acceptUnknown: false };
    expect(checkHostKey(expectationFor(policy, '127.0.0.1', 2222), ed)).toEqual({
      ok: true,
      how: 'known-hosts',
    });
    expect(checkHostKey(expectationFor(policy, '127.0.0.1', 2222), rsa)).toEqual({
      ok: false,
      reason: 'mismatch',
    });
    expect(checkHostKey(expectationFor(policy, 'old.example.com', 22), rsa)).toEqual({
      ok: false,
      reason: 'revoked',
    });
    expect(checkHostKey(expectationFor(policy, 'elsewhere', 22), rsa)).toEqual({
      ok: false,
      reason: 'unknown',
    });
    const open = { knownHosts: [], pins: [], acceptUnknown: true };
    expect(checkHostKey(expectationFor(open, 'elsewhere', 22), rsa)).toEqual({
      ok: true,
      how: 'accepted-unknown',
    });
    // a pin is never overridden by accept-unknown
    const pinned = { knownHosts: [], pins: [{ fingerprint: ED_FP }], acceptUnknown: true };
    expect(checkHostKey(expectationFor(pinned, 'x', 22), ed)).toEqual({ ok: true, how: 'pinned' });
    expect(checkHostKey(expectationFor(pinned, 'x', 22), rsa)).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('a host-specific pin wins over a pin for all hosts', () => {
    const policy = {
      knownHosts: [],
      pins: [{ fingerprint: ED_FP }, { host: 'b', port: 22, fingerprint: RSA_FP }],
      acceptUnknown: false,
    };
    expect(expectationFor(policy, 'a', 22).fingerprints).toEqual([ED_FP]);
    expect(expectationFor(policy, 'B', 22).fingerprints).toEqual([RSA_FP]);
  });
});
