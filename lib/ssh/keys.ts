import ssh2 from 'ssh2';
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
  const parsed = ssh2.utils.parseKey(key, passphrase);
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
  if (!first || first.getPrivatePEM() === null) {
    throw new ConfigurationError(
      input,
      'holds a public key; it must be the PRIVATE key (the file without .pub).',
      KEY_EXAMPLE(input),
    );
  }
  return {
    type: first.type,
    publicFingerprint: `${keyTypeLabel(first.type)} ${fingerprintOf(first.getPublicSSH())}`,
  };
}

/** The public fingerprint of a private key, or undefined when it does not parse. */
export function publicKeyFingerprint(key: string, passphrase?: string): string | undefined {
  try {
    return checkPrivateKey(key, passphrase).publicFingerprint;
  } catch {
    return undefined;
  }
}
