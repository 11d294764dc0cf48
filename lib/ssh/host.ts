import { ConfigurationError } from '../errors.js';

/** One SSH server to connect to. */
export interface SshHost {
  /** The login user. */
  user: string;
  /** A host name, an IPv4 address or an IPv6 address (without brackets). */
  host: string;
  port: number;
  /** `user@host` or `user@host:port` (port shown when it is not 22): for logs, errors and outputs. */
  label: string;
}

export interface HostDefaults {
  /** The user for hosts written without `user@`; undefined means such a host is an error. */
  user?: string;
  /** The port for hosts written without `:port` (default 22). */
  port?: number;
}

const USER_RE = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
const HOSTNAME_RE =
  /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$/;
const IPV6_RE = /^[0-9A-Fa-f:.]+(%[A-Za-z0-9_.-]+)?$/;

export const HOSTS_EXAMPLE = 'hosts: |\n  deploy@203.0.113.10\n  web-2.example.com:2222';

/** `user@host:port`, with the port left out when it is 22 and IPv6 addresses in brackets. */
export function formatHost(user: string, host: string, port: number): string {
  const h = host.includes(':') ? `[${host}]` : host;
  return `${user}@${h}${port === 22 ? '' : `:${port}`}`;
}

/**
 * Parses `[user@]host[:port]` (IPv6 as `[2001:db8::1]:2222`). Throws a ConfigurationError naming
 * `input` and showing a valid example.
 */
export function parseHost(spec: string, defaults: HostDefaults = {}, input = 'hosts'): SshHost {
  const text = spec.trim();
  const bad = (problem: string): ConfigurationError =>
    new ConfigurationError(
      input,
      `'${text}' is not a valid host: ${problem} Write hosts as [user@]host[:port].`,
      input === 'hosts' ? HOSTS_EXAMPLE : `${input}: deploy@bastion.example.com:22`,
    );
  if (text === '') throw bad('it is empty.');
  if (/\s/.test(text)) throw bad('it contains a space.');
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) throw bad('it looks like a URL; give the host name only.');

  let rest = text;
  let user: string | undefined;
  const at = rest.lastIndexOf('@');
  if (at >= 0) {
    user = rest.slice(0, at);
    rest = rest.slice(at + 1);
    if (!USER_RE.test(user)) throw bad(`'${user}' is not a valid user name.`);
  }

  let host: string;
  let portText: string | undefined;
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    if (close < 0) throw bad('an IPv6 address in [brackets] is not closed.');
    host = rest.slice(1, close);
    const after = rest.slice(close + 1);
    if (after !== '') {
      if (!after.startsWith(':')) throw bad(`unexpected '${after}' after the address.`);
      portText = after.slice(1);
    }
    if (!IPV6_RE.test(host) || !host.includes(':')) throw bad(`'${host}' is not an IPv6 address.`);
  } else {
    const colons = rest.split(':').length - 1;
    if (colons > 1) throw bad('an IPv6 address must be written in brackets, e.g. [2001:db8::1]:22.');
    const colon = rest.indexOf(':');
    host = colon >= 0 ? rest.slice(0, colon) : rest;
    if (colon >= 0) portText = rest.slice(colon + 1);
    if (!HOSTNAME_RE.test(host)) throw bad(`'${host}' is not a valid host name or address.`);
  }

  let port = defaults.port ?? 22;
  if (portText !== undefined) {
    if (!/^\d{1,5}$/.test(portText)) throw bad(`'${portText}' is not a port number.`);
    port = Number(portText);
  }
  if (port < 1 || port > 65535) throw bad(`port ${port} is out of range (1-65535).`);

  user ??= defaults.user;
  if (user === undefined || user === '') {
    throw new ConfigurationError(
      'username',
      `host '${text}' has no user: write it as user@host or set 'username' for all hosts.`,
      'username: deploy',
    );
  }
  return { user, host, port, label: formatHost(user, host, port) };
}

/** Parses a list of hosts and rejects the same user@host:port given twice. */
export function parseHosts(
  specs: readonly string[],
  defaults: HostDefaults = {},
  input = 'hosts',
): SshHost[] {
  if (specs.length === 0) {
    throw new ConfigurationError(
      input,
      'is required: give one or more hosts, one per line or separated by commas.',
      HOSTS_EXAMPLE,
    );
  }
  const hosts = specs.map((s) => parseHost(s, defaults, input));
  const seen = new Set<string>();
  for (const h of hosts) {
    const key = `${h.user}@${h.host.toLowerCase()}:${h.port}`;
    if (seen.has(key)) {
      throw new ConfigurationError(
        input,
        `${h.label} is listed twice; each server must appear once.`,
        HOSTS_EXAMPLE,
      );
    }
    seen.add(key);
  }
  return hosts;
}

/** The address OpenSSH uses in known_hosts for a host: `host`, or `[host]:port` when the port is not 22. */
export function knownHostsName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}
