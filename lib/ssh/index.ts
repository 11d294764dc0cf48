// The shared SSH layer: parse hosts and connection inputs, verify host keys, connect with retries
// (directly or through a jump host), run commands and transfer files over one connection per host.
export {
  buildRemoteCommand,
  type ConnectOptions,
  type ExecOptions,
  runnerLogger,
  type SshAuth,
  SshConnection,
  type SshLogger,
} from './connection.js';
export {
  classifySsh2Error,
  isTransientSshError,
  RemoteCommandError,
  type RemoteResult,
  SshConnectError,
  type SshFailureKind,
} from './errors.js';
export {
  formatHost,
  type HostDefaults,
  knownHostsName,
  parseHost,
  parseHosts,
  type SshHost,
} from './host.js';
export {
  checkHostKey,
  expectationFor,
  fingerprintOf,
  type HostKeyExpectation,
  type HostKeyPolicy,
  type HostKeyVerdict,
  hasPinnedKey,
  type KnownHostsEntry,
  keyscanCommand,
  keyTypeOf,
  knownHostsEntryMatches,
  normalizeFingerprint,
  parseKnownHosts,
} from './host-key.js';
export {
  DEFAULT_CONNECT_TIMEOUT,
  hostKeyFor,
  type JumpSettings,
  parseFingerprintPins,
  readSshInputs,
  SSH_INPUT_NAMES,
  type SshSettings,
} from './inputs.js';
export {
  checkPrivateKey,
  loadPrivateKey,
  normalizePrivateKey,
  type PrivateKeyInfo,
  publicKeyFingerprint,
} from './keys.js';
export { SshPool } from './pool.js';
export {
  type BuiltScript,
  buildScript,
  DEFAULT_SHELL,
  parseShell,
  runScript,
  type RunScriptOptions,
  type ScriptOptions,
  type ScriptResult,
  type ShellSettings,
} from './script.js';
export { parseScriptOutputs, type ScriptOutputs } from './script-outputs.js';
export {
  downloadFile,
  type LocalEntry,
  listLocalTree,
  summarizeTree,
  type UploadStats,
  uploadDirectory,
  uploadFile,
  writeRemoteFile,
} from './sftp.js';
