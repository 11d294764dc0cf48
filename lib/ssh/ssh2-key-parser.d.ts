// Types for ssh2's key parser module, imported alone by keys.ts (@types/ssh2 types it only as
// `ssh2.utils.parseKey`, the same function).
declare module 'ssh2/lib/protocol/keyParser.js' {
  import type { ParsedKey } from 'ssh2';
  export function parseKey(
    data: string | Buffer | ParsedKey,
    passphrase?: string | Buffer,
  ): ParsedKey | Error;
}
