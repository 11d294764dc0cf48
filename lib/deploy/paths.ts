import { ConfigurationError } from '../errors.js';

/** Where ops-actions keeps its own files in an app directory: lock, history, backups. */
export const STATE_DIR_NAME = '.ops-actions';

/** `<app-dir>/.ops-actions` */
export function stateDir(appDir: string): string {
  return `${appDir}/${STATE_DIR_NAME}`;
}

/**
 * Checks and normalises an app directory on the server: an absolute path, or a path relative to
 * the login user's home (`~/app` and `app` mean the same). Trailing slashes are dropped.
 */
export function parseAppDir(text: string, input = 'app-dir'): string {
  const example = `${input}: /srv/shop`;
  let dir = text.trim();
  if (dir === '')
    throw new ConfigurationError(input, 'is required: the application directory on the server.', example);
  if (/[\n\r\0]/.test(dir)) throw new ConfigurationError(input, 'must be a single line.', example);
  if (dir === '~' || dir === '~/') {
    throw new ConfigurationError(
      input,
      'must be a directory of its own, not the home directory itself.',
      example,
    );
  }
  if (dir.startsWith('~/')) dir = dir.slice(2);
  else if (dir.startsWith('~')) {
    throw new ConfigurationError(
      input,
      `'${text}': ~user paths are not supported; give an absolute path.`,
      example,
    );
  }
  dir = dir.replace(/\/+$/, '');
  if (dir === '' || dir === '.' || /^\/+$/.test(text.trim())) {
    throw new ConfigurationError(input, `'${text}' is not an application directory.`, example);
  }
  if (dir.split('/').includes('..'))
    throw new ConfigurationError(input, `'${text}' must not contain '..'.`, example);
  return dir;
}

/**
 * The app directory on one host: `{host}` and `{port}` in app-dir are replaced by the host's name and
 * SSH port (several instances of an app on one server, each reached through its own port). Pure.
 */
export function hostAppDir(appDir: string, host: { host: string; port: number }): string {
  return appDir.replace(/\{host\}/g, host.host).replace(/\{port\}/g, String(host.port));
}
