// The Docker Compose inputs of the stages that run Compose on a server (deploy-ssh, rollback): the
// same names, defaults, validation and messages.
import { ConfigurationError } from '../errors.js';
import type { Inputs } from '../inputs.js';
import { type ComposeSettings, DEFAULT_COMPOSE } from './compose.js';

/** `docker login` on the server; the password goes over stdin. */
export interface RegistryLogin {
  /** Undefined: the registry of the image being deployed (known once it is chosen). */
  registry: string | undefined;
  username: string;
  password: string;
}

/** Reads compose-command, compose-file, env-file and image-variable. */
export function readComposeSettings(inputs: Inputs): Omit<ComposeSettings, 'appDir'> {
  const commandText = inputs.string('compose-command', { default: DEFAULT_COMPOSE.command.join(' ') });
  if (!/^[A-Za-z0-9_./-]+( [A-Za-z0-9_./-]+)*$/.test(commandText)) {
    throw new ConfigurationError(
      'compose-command',
      `'${commandText}' must be a program and its words, such as 'docker compose' or 'docker-compose'.`,
      'compose-command: docker-compose',
    );
  }
  const files = inputs.list('compose-file');
  for (const f of files) checkRelativeFile(f, 'compose-file', 'compose-file: compose.production.yaml');
  const envFile = inputs.string('env-file', { default: DEFAULT_COMPOSE.envFile });
  checkRelativeFile(envFile, 'env-file', 'env-file: .env');
  const imageVariable = inputs.string('image-variable', { default: DEFAULT_COMPOSE.imageVariable });
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(imageVariable)) {
    throw new ConfigurationError(
      'image-variable',
      `'${imageVariable}' is not a variable name.`,
      'image-variable: IMAGE',
    );
  }
  return { command: commandText.split(' '), files, envFile, imageVariable };
}

/**
 * Reads registry, registry-username and registry-password (masked): both or neither of the
 * user and password; `registry` only with them.
 */
export function readRegistryLogin(inputs: Inputs): RegistryLogin | undefined {
  const password = inputs.secret('registry-password');
  const username = inputs.optionalString('registry-username');
  if (password === undefined && username === undefined) {
    if (inputs.has('registry')) {
      throw new ConfigurationError(
        'registry-username',
        "and 'registry-password' are required when 'registry' is set.",
        `registry-username: \${{ github.actor }}`,
      );
    }
    return undefined;
  }
  if (password === undefined) {
    throw new ConfigurationError(
      'registry-password',
      "is required when 'registry-username' is set.",
      `registry-password: \${{ secrets.REGISTRY_PASSWORD }}`,
    );
  }
  if (username === undefined) {
    throw new ConfigurationError(
      'registry-username',
      "is required when 'registry-password' is set.",
      `registry-username: \${{ github.actor }}`,
    );
  }
  const registry = inputs.optionalString('registry');
  if (registry !== undefined && !/^[A-Za-z0-9.-]+(:\d+)?(\/[A-Za-z0-9._/-]*)?$/.test(registry)) {
    throw new ConfigurationError('registry', `'${registry}' is not a registry host.`, 'registry: ghcr.io');
  }
  return { registry, username, password };
}

function checkRelativeFile(path: string, input: string, example: string): void {
  if (/[\n\r\0]/.test(path) || path.split('/').includes('..')) {
    throw new ConfigurationError(
      input,
      `'${path}' must be a path relative to app-dir (or absolute), without '..'.`,
      example,
    );
  }
}
