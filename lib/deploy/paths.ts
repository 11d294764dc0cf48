import { ConfigurationError } from '../errors.js';

/** Where ops-actions keeps its own files in an app directory: lock, history, backups. */
export const STATE_DIR_NAME = '.ops-actions';

/** `<app-dir>/.ops-actions` */
export function stateDir(appDir: string): string {
  return `${appDir}/${STATE_DIR_NAME}`;
}

/**
 * The one parser of app-dir, for every stage that reads it (deploy-ssh, rollback): an absolute path,
 * or a path relative to the login user's home (`~/app`, `./app` and `app` mean the same). Empty and
 * `.` segments and trailing slashes are dropped. Refused, before anything is touched: the home itself
 * (`~`, `.`, `./.`), the root (`/`, `/.`), `..`, `~user`, and a relative path starting with `-`
 * (`cd -x`, `mkdir -p -x/…` would read it as an option). `{host}` and `{port}` are kept: hostAppDir
 * replaces them per host.
 */
export function parseAppDir(text: string, input = 'app-dir'): string {
  const example = `${input}: /srv/shop`;
  const raw = text.trim();
  const refuse = (problem: string): never => {
    throw new ConfigurationError(input, problem, example);
  };
  if (raw === '') refuse('is required: the application directory on the server.');
  if (/[\n\r\0]/.test(raw)) refuse('must be a single line.');
  let dir = raw;
  if (dir === '~') dir = '';
  else if (dir.startsWith('~/')) dir = dir.slice(2);
  else if (dir.startsWith('~')) refuse(`'${text}': ~user paths are not supported; give an absolute path.`);
  const absolute = dir.startsWith('/');
  const segments = dir.split('/').filter((part) => part !== '' && part !== '.');
  if (segments.includes('..')) refuse(`'${text}' must not contain '..'.`);
  if (segments.length === 0) {
    refuse(
      absolute
        ? `'${text}' is the root directory: give a directory of its own.`
        : `'${text}' is the home directory itself: give a directory of its own, e.g. ~/shop.`,
    );
  }
  if (!absolute && (segments[0] ?? '').startsWith('-'))
    refuse(`'${text}' must not start with '-' (commands would read it as an option).`);
  return `${absolute ? '/' : ''}${segments.join('/')}`;
}

/**
 * The app directory on one host: `{host}` and `{port}` in app-dir are replaced by the host's name and
 * SSH port (several instances of an app on one server, each reached through its own port). Pure.
 */
export function hostAppDir(appDir: string, host: { host: string; port: number }): string {
  return appDir.replace(/\{host\}/g, host.host).replace(/\{port\}/g, String(host.port));
}

/** A configuration for one host: its `appDir` with `{host}`/`{port}` replaced (the same object when unchanged). */
export function forHost<T extends { appDir: string }>(config: T, host: { host: string; port: number }): T {
  const appDir = hostAppDir(config.appDir, host);
  return appDir === config.appDir ? config : { ...config, appDir };
}
