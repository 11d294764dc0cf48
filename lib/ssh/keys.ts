import type ssh2 from 'ssh2';
// ssh2's key parser alone (what `ssh2.utils.parseKey` is): the inputs check the key at start, and the
// rest of ssh2 loads only when connecting (connection.ts)
import { parseKey } from 'ssh2/lib/protocol/keyParser.js';
import { ConfigurationError } from '../errors.js';
import { fingerprintOf, keyTypeLabel } from './host-key.js';

const KEY_EXAMPLE = (input: string): string =>
  `${input}: \${{ secrets.${input.toUpperCase().replace(/-/g, '_')} }}   # the whole file: -----BEGIN OPENSSH PRIVATE KEY----- …`;

/**
 * Repairs the usual damage a key takes on its way into a secret: Windows line ends, `\n` typed
 * as two characters, missing final newline.
 */
export function normalizePrivateKey(text: string): string {
  let key = text.replace(/\r\n?/g, '\n').trim();
  if (!key.includes('\n') && key.includes('\\n')) key = key.replace(/\\n/g, '\n');
  return `${key}\n`;
}

/** A private key that parsed: its type and the fingerprint of its public half (safe to print). */
export interface PrivateKeyInfo {
  type: string;
  publicFingerprint: string;
}

/**
 * Checks that a private key parses (and decrypts with `passphrase`), so a bad key fails before any
 * connection with a message naming the input. Never includes the key in a message.
 */
export function checkPrivateKey(
  key: string,
  passphrase: string | undefined,
  input = 'private-key',
  passphraseInput = 'passphrase',
): PrivateKeyInfo {
  const first = loadPrivateKey(key, passphrase, input, passphraseInput);
  return {
    type: first.type,
    publicFingerprint: `${keyTypeLabel(first.type)} ${fingerprintOf(first.getPublicSSH())}`,
  };
}

const loaded = new Map<string, ssh2.ParsedKey>();

/**
 * The parsed (and decrypted) key, parsed once per run and reused by every connection — decrypting
 * an encrypted OpenSSH key costs about a second of CPU. Throws a ConfigurationError like checkPrivateKey.
 */
export function loadPrivateKey(
  key: string,
  passphrase: string | undefined,
  input = 'private-key',
  passphraseInput = 'passphrase',
): ssh2.ParsedKey {
  const cacheKey = `${passphrase ?? ''}\0${key}`;
  const cached = loaded.get(cacheKey);
  if (cached) return cached;
  const parsed = parseKey(key, passphrase);
  if (parsed instanceof Error) {
    const msg = parsed.message;
    if (/no passphrase given|encrypted/i.test(msg) && passphrase === undefined) {
      throw new ConfigurationError(
        passphraseInput,
        `the key in '${input}' is encrypted: give its passphrase.`,
        `${passphraseInput}: \${{ secrets.SSH_PASSPHRASE }}`,
      );
    }
    if (/integrity check failed|bad decrypt|decrypt/i.test(msg)) {
      throw new ConfigurationError(
        passphraseInput,
        `does not decrypt the key in '${input}' (wrong passphrase).`,
        `${passphraseInput}: \${{ secrets.SSH_PASSPHRASE }}`,
      );
    }
    throw new ConfigurationError(
      input,
      `is not a private key ssh2 can read (${msg}). Paste the whole private key file, including the BEGIN and END lines.`,
      KEY_EXAMPLE(input),
    );
  }
  const first = Array.isArray(parsed) ? parsed[0] : parsed;
  if (!first?.isPrivateKey()) {
    throw new ConfigurationError(
      input,
      'holds a public key; it must be the PRIVATE key (the file without .pub).',
      KEY_EXAMPLE(input),
    );
  }
  loaded.set(cacheKey, first);
  return first;
}

/** The public fingerprint of a private key, or undefined when it does not parse. */
export function publicKeyFingerprint(key: string, passphrase?: string): string | undefined {
  try {
    return checkPrivateKey(key, passphrase).publicFingerprint;
  } catch {
    return undefined;
  }
}
