import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { ConfigurationError } from '../errors.js';
import { knownHostsName } from './host.js';

/** `SHA256:` + unpadded base64 of the SHA-256 of the key blob: what `ssh-keygen -lf` prints. */
export function fingerprintOf(keyBlob: Buffer): string {
  return `SHA256:${createHash('sha256').update(keyBlob).digest('base64').replace(/=+$/, '')}`;
}

/** The key type written inside an SSH public key blob (`ssh-ed25519`, `ssh-rsa`, …). */
export function keyTypeOf(keyBlob: Buffer): string {
  if (keyBlob.length < 4) return 'unknown';
  const len = keyBlob.readUInt32BE(0);
  if (len <= 0 || len > 64 || 4 + len > keyBlob.length) return 'unknown';
  return keyBlob.subarray(4, 4 + len).toString('latin1');
}

/** ED25519 / RSA / ECDSA / DSA: as `ssh-keygen -l` names key types. */
export function keyTypeLabel(type: string): string {
  if (type === 'ssh-ed25519') return 'ED25519';
  if (type === 'ssh-rsa' || type.startsWith('rsa-')) return 'RSA';
  if (type.startsWith('ecdsa-')) return 'ECDSA';
  if (type === 'ssh-dss') return 'DSA';
  return type;
}

/**
 * A SHA256 fingerprint in canonical form (`SHA256:` + 43 base64 characters, padding removed), or
 * undefined when the text is not one.
 */
export function normalizeFingerprint(text: string): string | undefined {
  const m = /^SHA256:([A-Za-z0-9+/]{43})=?$/i.exec(text.trim());
  if (!m || !/^sha256:/i.test(text.trim())) return undefined;
  return `SHA256:${m[1]}`;
}

export const FINGERPRINT_EXAMPLE = 'host-fingerprint: SHA256:Y2hhbmdlLW1lLXRvLXlvdXItc2VydmVycy1maW5nZXJwcmk';

/** The command that prints a server's host key fingerprints, for error messages. */
export function keyscanCommand(host: string, port: number): string {
  return `ssh-keyscan -p ${port} ${host} | ssh-keygen -lf -`;
}

// ---------------------------------------------------------------------------------------------
// known_hosts

export interface KnownHostsEntry {
  /** `@revoked` keys are refused; `@cert-authority` lines are not supported and skipped. */
  marker?: 'revoked' | 'cert-authority';
  /** Plain patterns (`example.com`, `[10.0.0.1]:2222`, `*.example.com`, `!bad.example.com`). */
  patterns: string[];
  /** Hashed names (`|1|salt|hash`). */
  hashed: { salt: Buffer; hash: Buffer }[];
  keyType: string;
  key: Buffer;
  lineNumber: number;
}

/** Parses known_hosts content as `ssh-keyscan` writes it; a malformed line is a ConfigurationError. */
export function parseKnownHosts(text: string, input = 'known-hosts'): KnownHostsEntry[] {
  const entries: KnownHostsEntry[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const fields = line.split(/\s+/);
    let marker: KnownHostsEntry['marker'];
    if (fields[0]?.startsWith('@')) {
      const m = fields.shift();
      if (m === '@revoked') marker = 'revoked';
      else if (m === '@cert-authority') marker = 'cert-authority';
      else throw knownHostsError(input, i + 1, `unknown marker '${m}'`);
    }
    const [names, keyType, keyB64] = fields;
    if (!names || !keyType || !keyB64) {
      throw knownHostsError(input, i + 1, 'expected "host key-type base64-key"');
    }
    const key = Buffer.from(keyB64, 'base64');
    if (key.length === 0 || keyTypeOf(key) !== keyType) {
      throw knownHostsError(input, i + 1, `the key is not a valid ${keyType} public key`);
    }
    const patterns: string[] = [];
    const hashed: { salt: Buffer; hash: Buffer }[] = [];
    for (const name of names.split(',')) {
      const h = /^\|1\|([^|]+)\|([^|]+)$/.exec(name);
      if (h)
        hashed.push({ salt: Buffer.from(h[1] ?? '', 'base64'), hash: Buffer.from(h[2] ?? '', 'base64') });
      else if (name !== '') patterns.push(name.toLowerCase());
    }
    entries.push({ marker, patterns, hashed, keyType, key, lineNumber: i + 1 });
  });
  return entries;
}

function knownHostsError(input: string, line: number, problem: string): ConfigurationError {
  return new ConfigurationError(
    input,
    `line ${line} is not a known_hosts line: ${problem}. Paste the output of ssh-keyscan.`,
    `${input}: |\n  203.0.113.10 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI...\n  [203.0.113.11]:2222 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI...`,
  );
}

/** OpenSSH glob: `*` any run, `?` one character. */
function globMatch(pattern: string, name: string): boolean {
  const re = new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  );
  return re.test(name);
}

/** Whether a known_hosts line applies to host:port (patterns with negation, or hashed names). */
export function knownHostsEntryMatches(entry: KnownHostsEntry, host: string, port: number): boolean {
  const name = knownHostsName(host.toLowerCase(), port);
  for (const { salt, hash } of entry.hashed) {
    const mac = createHmac('sha1', salt).update(name).digest();
    if (mac.length === hash.length && timingSafeEqual(mac, hash)) return true;
  }
  let positive = false;
  for (const p of entry.patterns) {
    if (p.startsWith('!')) {
      if (globMatch(p.slice(1), name)) return false;
    } else if (globMatch(p, name)) {
      positive = true;
    }
  }
  return positive;
}

// ---------------------------------------------------------------------------------------------
// Policy: what a host's key must be

/** What a given host's key is checked against. */
export interface HostKeyExpectation {
  /** Pinned SHA256 fingerprints; the key must match one of them (or one of `keys`). */
  fingerprints: string[];
  /** Keys listed for this host in known_hosts. */
  keys: Buffer[];
  /** `@revoked` keys: always refused. */
  revoked: Buffer[];
  /** With nothing pinned: accept the key and print its fingerprint (explicit opt-in only). */
  acceptUnknown: boolean;
}

/** All the host key facts the inputs gave, for any host. */
export interface HostKeyPolicy {
  knownHosts: KnownHostsEntry[];
  /** Fingerprints pinned per host (`host` and `port` undefined = every host without its own pin). */
  pins: { host?: string; port?: number; fingerprint: string }[];
  acceptUnknown: boolean;
}

export function expectationFor(policy: HostKeyPolicy, host: string, port: number): HostKeyExpectation {
  const h = host.toLowerCase();
  const own = policy.pins.filter(
    (p) => p.host !== undefined && p.host.toLowerCase() === h && (p.port === undefined || p.port === port),
  );
  const pins = own.length > 0 ? own : policy.pins.filter((p) => p.host === undefined);
  const matching = policy.knownHosts.filter((e) => knownHostsEntryMatches(e, host, port));
  return {
    fingerprints: [...new Set(pins.map((p) => p.fingerprint))],
    keys: matching.filter((e) => e.marker === undefined).map((e) => e.key),
    revoked: matching.filter((e) => e.marker === 'revoked').map((e) => e.key),
    acceptUnknown: policy.acceptUnknown,
  };
}

/** Whether anything at all is known about a host's key. */
export function hasPinnedKey(expect: HostKeyExpectation): boolean {
  return expect.fingerprints.length > 0 || expect.keys.length > 0;
}

export type HostKeyVerdict =
  | { ok: true; how: 'pinned' | 'known-hosts' | 'accepted-unknown' }
  | { ok: false; reason: 'mismatch' | 'revoked' | 'unknown' };

/** Checks a presented host key blob against what is expected of the host. Pure. */
export function checkHostKey(expect: HostKeyExpectation, keyBlob: Buffer): HostKeyVerdict {
  if (expect.revoked.some((k) => k.equals(keyBlob))) return { ok: false, reason: 'revoked' };
  if (expect.keys.some((k) => k.equals(keyBlob))) return { ok: true, how: 'known-hosts' };
  const fp = fingerprintOf(keyBlob);
  if (expect.fingerprints.includes(fp)) return { ok: true, how: 'pinned' };
  if (hasPinnedKey(expect)) return { ok: false, reason: 'mismatch' };
  if (expect.acceptUnknown) return { ok: true, how: 'accepted-unknown' };
  return { ok: false, reason: 'unknown' };
}

/** The families of host key algorithms, in the order ssh2 prefers them. */
export const HOST_KEY_FAMILIES: readonly (readonly string[])[] = [
  ['ssh-ed25519'],
  ['ecdsa-sha2-nistp256', 'ecdsa-sha2-nistp384', 'ecdsa-sha2-nistp521'],
  ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'],
];

/** The host key algorithms to offer for a key type found in known_hosts (an RSA key may be signed three ways). */
export function algorithmsForKeyType(keyType: string): string[] {
  if (keyType === 'ssh-rsa') return ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'];
  if (keyType === 'ssh-dss') return ['ssh-dss'];
  return [keyType];
}
