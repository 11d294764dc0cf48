import ssh2 from 'ssh2';
import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../../lib/errors.js';
import { Inputs, recordInputs } from '../../../lib/inputs.js';
import { parseHosts } from '../../../lib/ssh/host.js';
import { fingerprintOf } from '../../../lib/ssh/host-key.js';
import { hostKeyFor, parseFingerprintPins, readSshInputs } from '../../../lib/ssh/inputs.js';
import { checkPrivateKey, normalizePrivateKey } from '../../../lib/ssh/keys.js';

const plain = ssh2.utils.generateKeyPairSync('ed25519');
const encrypted = ssh2.utils.generateKeyPairSync('ed25519', {
  passphrase: 'sekret',
  cipher: 'aes256-ctr',
  rounds: 4,
});
const FP_A = `SHA256:${'A'.repeat(43)}`;
const FP_B = `SHA256:${'B'.repeat(43)}`;

function read(record: Record<string, string>) {
  return readSshInputs(new Inputs(recordInputs(record)));
}
async function configError(fn: () => unknown): Promise<ConfigurationError> {
  try {
    await fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    return error as ConfigurationError;
  }
  throw new Error('expected a ConfigurationError');
}

describe('private keys', () => {
  it('accepts a key and reports its public fingerprint', () => {
    const info = checkPrivateKey(plain.private, undefined);
    const pub = ssh2.utils.parseKey(plain.public);
    if (pub instanceof Error || Array.isArray(pub)) throw new Error('bad test key');
    expect(info.publicFingerprint).toBe(`ED25519 ${fingerprintOf(pub.getPublicSSH())}`);
  });
  it('needs the passphrase of an encrypted key, and the right one', async () => {
    expect((await configError(() => checkPrivateKey(encrypted.private, undefined))).input).toBe('passphrase');
    expect((await configError(() => checkPrivateKey(encrypted.private, 'wrong'))).message).toMatch(
      /wrong passphrase/,
    );
    expect(checkPrivateKey(encrypted.private, 'sekret').type).toBe('ssh-ed25519');
  });
  it('rejects a public key or garbage without echoing it', async () => {
    expect((await configError(() => checkPrivateKey(plain.public, undefined))).message).toMatch(
      /PRIVATE key/,
    );
    const e = await configError(() => checkPrivateKey('not-a-key-SECRETVALUE', undefined));
    expect(e.input).toBe('private-key');
    expect(e.message).not.toContain('SECRETVALUE');
  });
  it('repairs keys mangled on their way into a secret', () => {
    const crlf = plain.private.replace(/\n/g, '\r\n');
    expect(normalizePrivateKey(crlf)).toBe(`${plain.private.trim()}\n`);
    const escaped = plain.private.trim().replace(/\n/g, '\\n');
    expect(checkPrivateKey(normalizePrivateKey(escaped), undefined).type).toBe('ssh-ed25519');
  });
});

describe('readSshInputs', () => {
  const base = { hosts: 'deploy@127.0.0.1:2222', 'private-key': plain.private, 'host-fingerprint': FP_A };

  it('reads hosts, key and pins', async () => {
    const s = await read({
      ...base,
      hosts: '127.0.0.1:2222\n# a comment\nweb-2, web-3:2200',
      username: 'app',
    });
    expect(s.hosts.map((h) => h.label)).toEqual(['app@127.0.0.1:2222', 'app@web-2', 'app@web-3:2200']);
    expect(s.connectTimeoutMs).toBe(30_000);
    expect(s.keyFingerprint).toMatch(/^ED25519 SHA256:/);
    for (const h of s.hosts) expect(hostKeyFor(s, h).fingerprints).toEqual([FP_A]);
    expect(s.jump).toBeUndefined();
  });

  it('fails without a way to verify the host key, with the command to get the fingerprint', async () => {
    const e = await configError(() => read({ ...base, 'host-fingerprint': '' }));
    expect(e.input).toBe('host-fingerprint');
    expect(e.message).toContain('ssh-keyscan -p 2222 127.0.0.1 | ssh-keygen -lf -');
    expect(e.message).toContain('insecure-accept-unknown-host-key');
  });

  it('accepts unknown keys only when explicitly asked', async () => {
    const s = await read({ ...base, 'host-fingerprint': '', 'insecure-accept-unknown-host-key': 'true' });
    expect(s.hostKeys.acceptUnknown).toBe(true);
    expect(
      (await configError(() => read({ ...base, 'insecure-accept-unknown-host-key': 'yes' }))).input,
    ).toBe('insecure-accept-unknown-host-key');
  });

  it('known-hosts is enough when it lists every host', async () => {
    const known = `[127.0.0.1]:2222 ${plain.public.split(' ').slice(0, 2).join(' ')}`;
    expect((await read({ ...base, 'host-fingerprint': '', 'known-hosts': known })).hosts).toHaveLength(1);
    const e = await configError(() =>
      read({
        ...base,
        hosts: 'deploy@127.0.0.1:2222, deploy@127.0.0.1:2223',
        'host-fingerprint': '',
        'known-hosts': known,
      }),
    );
    expect(e.message).toContain('deploy@127.0.0.1:2223');
  });

  it('names each bad input', async () => {
    expect((await configError(() => read({ ...base, hosts: '' }))).input).toBe('hosts');
    expect((await configError(() => read({ ...base, hosts: 'deploy@bad host' }))).input).toBe('hosts');
    expect((await configError(() => read({ ...base, 'private-key': '' }))).input).toBe('private-key');
    expect((await configError(() => read({ ...base, 'host-fingerprint': 'SHA256:nope' }))).input).toBe(
      'host-fingerprint',
    );
    expect((await configError(() => read({ ...base, port: '99999' }))).input).toBe('port');
    expect((await configError(() => read({ ...base, 'connect-timeout': 'soon' }))).input).toBe(
      'connect-timeout',
    );
    expect((await configError(() => read({ ...base, 'jump-username': 'x' }))).input).toBe('jump-username');
  });

  it('reads a jump host with its own user, key and fingerprint', async () => {
    const other = ssh2.utils.generateKeyPairSync('ed25519');
    const s = await read({
      ...base,
      'jump-host': 'bastion.example.com:2200',
      'jump-username': 'hop',
      'jump-private-key': other.private,
      'jump-host-fingerprint': FP_B,
    });
    expect(s.jump?.host.label).toBe('hop@bastion.example.com:2200');
    expect(s.jump?.hostKey.fingerprints).toEqual([FP_B]);
    expect(s.jump?.auth.privateKey).toBe(`${other.private.trim()}\n`);
    const e = await configError(() => read({ ...base, 'jump-host': 'deploy@bastion.example.com' }));
    expect(e.input).toBe('jump-host-fingerprint');
    expect(e.message).toContain('ssh-keyscan -p 22 bastion.example.com');
  });
});

describe('parseFingerprintPins', () => {
  const hosts = parseHosts(['a', 'b:2222', 'c'], { user: 'd' });
  it('one for all, one per host in order, or per named host', () => {
    expect(parseFingerprintPins([FP_A], hosts)).toEqual([{ fingerprint: FP_A }]);
    expect(parseFingerprintPins([FP_A, FP_B, FP_A], hosts)).toEqual([
      { host: 'a', port: 22, fingerprint: FP_A },
      { host: 'b', port: 2222, fingerprint: FP_B },
      { host: 'c', port: 22, fingerprint: FP_A },
    ]);
    expect(parseFingerprintPins([`b:2222 ${FP_B}`, `a=${FP_A}`], hosts)).toEqual([
      { host: 'b', port: 2222, fingerprint: FP_B },
      { host: 'a', port: undefined, fingerprint: FP_A },
    ]);
  });
  it('rejects a count that fits neither, and unknown host names', () => {
    expect(() => parseFingerprintPins([FP_A, FP_B], hosts)).toThrow(/2 fingerprints for 3 hosts/);
    expect(() => parseFingerprintPins([`zzz ${FP_A}`], hosts)).toThrow(/names 'zzz'/);
  });
});
