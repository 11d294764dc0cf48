// The SSH connection inputs every stage that talks to servers accepts (deploy-ssh, migrate, rollback):
// the same names, the same validation, the same messages.
import { ConfigurationError } from '../errors.js';
import type { Inputs } from '../inputs.js';
import { maskSecret } from '../secrets.js';
import type { SshAuth } from './connection.js';
import { parseHost, parseHosts, type SshHost } from './host.js';
import {
  expectationFor,
  FINGERPRINT_EXAMPLE,
  type HostKeyExpectation,
  type HostKeyPolicy,
  hasPinnedKey,
  keyscanCommand,
  normalizeFingerprint,
  parseKnownHosts,
} from './host-key.js';
import type { PrivateKeyInfo } from './keys.js';

/** The action.yml input names read by readSshInputs, for stages to declare the same inputs. */
export const SSH_INPUT_NAMES = [
  'hosts',
  'username',
  'port',
  'private-key',
  'passphrase',
  'known-hosts',
  'host-fingerprint',
  'insecure-accept-unknown-host-key',
  'jump-host',
  'jump-username',
  'jump-private-key',
  'jump-passphrase',
  'jump-host-fingerprint',
  'connect-timeout',
] as const;

export const DEFAULT_CONNECT_TIMEOUT = '30s';

/** A jump host (bastion) every target connection goes through. */
export interface JumpSettings {
  host: SshHost;
  auth: SshAuth;
  hostKey: HostKeyExpectation;
}

/** Everything needed to connect to the target hosts, validated. */
export interface SshSettings {
  hosts: SshHost[];
  auth: SshAuth;
  /** `ED25519 SHA256:…` of the public half of `private-key` (safe to print). */
  keyFingerprint: string;
  hostKeys: HostKeyPolicy;
  jump?: JumpSettings;
  connectTimeoutMs: number;
}

/** What a target host's key is checked against. */
export function hostKeyFor(settings: SshSettings, host: SshHost): HostKeyExpectation {
  return expectationFor(settings.hostKeys, host.host, host.port);
}

/**
 * Reads and validates the SSH inputs (see SSH_INPUT_NAMES). Masks the key and passphrases. Throws a
 * ConfigurationError naming the input and showing a valid example — before any connection.
 *
 * Async because ssh2's key parser (0.3 MB with its ciphers) is imported only once a key is given:
 * a run that fails on an earlier input, or a stage whose inputs need no SSH, never loads it.
 */
export async function readSshInputs(inputs: Inputs): Promise<SshSettings> {
  const username = inputs.optionalString('username');
  const port = inputs.integer('port', 22, { min: 1, max: 65535 });
  const hosts = parseHosts(inputs.list('hosts'), { user: username, port });

  const privateKey = await readKey(inputs, 'private-key', true);
  if (privateKey === undefined) throw new Error('unreachable: private-key is required');
  const passphrase = inputs.secret('passphrase');
  const keyInfo = await checkKey(privateKey, passphrase, 'private-key', 'passphrase');

  const knownHosts = parseKnownHosts(inputs.raw('known-hosts'), 'known-hosts');
  const acceptUnknown = inputs.boolean('insecure-accept-unknown-host-key', false);
  const pins = parseFingerprintPins(inputs.list('host-fingerprint'), hosts, 'host-fingerprint');

  let jump: JumpSettings | undefined;
  const jumpSpec = inputs.optionalString('jump-host');
  const jumpPins: HostKeyPolicy['pins'] = [];
  if (jumpSpec !== undefined) {
    const jumpUser = inputs.optionalString('jump-username') ?? username;
    const jumpHost = parseHost(jumpSpec, { user: jumpUser, port: 22 }, 'jump-host');
    const jumpKey = await readKey(inputs, 'jump-private-key', false);
    const jumpPassphrase = jumpKey === undefined ? passphrase : inputs.secret('jump-passphrase');
    if (jumpKey !== undefined) await checkKey(jumpKey, jumpPassphrase, 'jump-private-key', 'jump-passphrase');
    const jumpFp = inputs.optionalString('jump-host-fingerprint');
    if (jumpFp !== undefined) {
      for (const item of jumpFp.split(/[\s,]+/).filter((s) => s !== '')) {
        jumpPins.push({
          host: jumpHost.host,
          port: jumpHost.port,
          fingerprint: fingerprintOrThrow(item, 'jump-host-fingerprint'),
        });
      }
    }
    const jumpPolicy: HostKeyPolicy = { knownHosts, pins: jumpPins, acceptUnknown };
    const hostKey = expectationFor(jumpPolicy, jumpHost.host, jumpHost.port);
    if (!hasPinnedKey(hostKey) && !acceptUnknown) throw missingHostKey(jumpHost, 'jump-host-fingerprint');
    jump = {
      host: jumpHost,
      auth: { privateKey: jumpKey ?? privateKey, passphrase: jumpPassphrase },
      hostKey,
    };
  } else {
    for (const name of ['jump-username', 'jump-private-key', 'jump-host-fingerprint'] as const) {
      if (inputs.has(name)) {
        throw new ConfigurationError(
          name,
          "is set but 'jump-host' is not.",
          'jump-host: deploy@bastion.example.com',
        );
      }
    }
  }

  const hostKeys: HostKeyPolicy = { knownHosts, pins, acceptUnknown };
  for (const host of hosts) {
    if (!hasPinnedKey(expectationFor(hostKeys, host.host, host.port)) && !acceptUnknown) {
      throw missingHostKey(host, 'host-fingerprint');
    }
  }

  return {
    hosts,
    auth: { privateKey, passphrase },
    keyFingerprint: keyInfo.publicFingerprint,
    hostKeys,
    jump,
    connectTimeoutMs: inputs.duration('connect-timeout', DEFAULT_CONNECT_TIMEOUT, { min: 1000 }),
  };
}

async function readKey(inputs: Inputs, name: string, required: boolean): Promise<string | undefined> {
  const raw = inputs.secret(name, { required });
  if (raw === undefined) return undefined;
  const { normalizePrivateKey } = await import('./keys.js');
  const key = normalizePrivateKey(raw);
  maskSecret(key.trim());
  return key;
}

/** keys.ts checkPrivateKey, with ssh2's key parser loaded now (see readSshInputs). */
async function checkKey(
  key: string,
  passphrase: string | undefined,
  input: string,
  passphraseInput: string,
): Promise<PrivateKeyInfo> {
  const { checkPrivateKey } = await import('./keys.js');
  return checkPrivateKey(key, passphrase, input, passphraseInput);
}

function fingerprintOrThrow(text: string, input: string): string {
  const fp = normalizeFingerprint(text);
  if (!fp) {
    throw new ConfigurationError(
      input,
      `'${text.slice(0, 60)}' is not a SHA256 host key fingerprint (SHA256: followed by 43 base64 characters, as ssh-keygen -lf prints).`,
      input === 'host-fingerprint' ? FINGERPRINT_EXAMPLE : `${input}: SHA256:…`,
    );
  }
  return fp;
}

/**
 * `host-fingerprint` items: `SHA256:…` alone (one for every host, or one per host in the order
 * of `hosts`), or `host[:port] SHA256:…` / `host[:port]=SHA256:…` for a given host.
 */
export function parseFingerprintPins(
  items: readonly string[],
  hosts: readonly SshHost[],
  input = 'host-fingerprint',
): HostKeyPolicy['pins'] {
  const named: HostKeyPolicy['pins'] = [];
  const bare: string[] = [];
  for (const item of items) {
    const m = /^(\S+?)(?:\s+|=)(\S+)$/.exec(item);
    if (m && !/^sha256:/i.test(item)) {
      const spec = m[1] ?? '';
      const where = parseHost(spec, { user: '_' }, input);
      const port = /^(\[[^\]]+\]|[^:]+):\d+$/.test(spec.replace(/^[^@]*@/, '')) ? where.port : undefined;
      const fp = fingerprintOrThrow(m[2] ?? '', input);
      const matches = hosts.filter(
        (h) => h.host.toLowerCase() === where.host.toLowerCase() && (port === undefined || h.port === port),
      );
      if (matches.length === 0) {
        throw new ConfigurationError(
          input,
          `names '${m[1]}', which is not one of the hosts (${hosts.map((h) => h.label).join(', ')}).`,
          `${input}: |\n  ${hosts[0]?.host ?? 'web-1.example.com'} SHA256:…`,
        );
      }
      named.push({ host: where.host, port, fingerprint: fp });
    } else {
      bare.push(fingerprintOrThrow(item, input));
    }
  }
  if (bare.length <= 1 || hosts.length <= 1) {
    // one fingerprint for every host (several are all accepted, e.g. during a key rotation)
    return [...named, ...bare.map((fingerprint) => ({ fingerprint }))];
  }
  if (bare.length !== hosts.length) {
    throw new ConfigurationError(
      input,
      `has ${bare.length} fingerprints for ${hosts.length} hosts: give one for all hosts, one per host in the order of 'hosts', or 'host SHA256:…' lines.`,
      `${input}: |\n${hosts.map((h) => `  ${h.host}${h.port === 22 ? '' : `:${h.port}`} SHA256:…`).join('\n')}`,
    );
  }
  return [...named, ...hosts.map((h, i) => ({ host: h.host, port: h.port, fingerprint: bare[i] as string }))];
}

function missingHostKey(host: SshHost, input: string): ConfigurationError {
  return new ConfigurationError(
    input,
    `nothing to verify the host key of ${host.label} against: give '${input}' or 'known-hosts'. ` +
      `Get the fingerprint on a trusted machine with \`${keyscanCommand(host.host, host.port)}\` and compare it with ` +
      `the server's own \`ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub\`. To connect without checking (not ` +
      `recommended), set insecure-accept-unknown-host-key: true; the key's fingerprint is then printed so you can pin it.`,
    `${input}: SHA256:…   # or known-hosts: \${{ vars.SSH_KNOWN_HOSTS }}`,
  );
}
