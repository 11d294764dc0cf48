// A real nginx (Debian's) for blue-green tests, run as the deploy user with its own prefix, config,
// pid and logs under the deploy user's home, listening on 127.0.0.1 only — so the deploy (as that
// user, over SSH) can rewrite its upstream file and reload it, as on a server.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { loadTestEnv } from '../harness/env.js';
import { asDeploy } from './server.js';

export const NGINX = '/usr/sbin/nginx';

export interface TestNginx {
  port: number;
  dir: string;
  /** Absolute path of the file included in the upstream block. */
  upstreamFile: string;
  /** Reloads this nginx (what proxy-reload-command is set to). */
  reloadCommand: string;
  /**
   * Waits until the last reload has finished: the master's only child is a worker not shutting down.
   * A reload's old worker keeps accepting a few connections (with the old upstream) for a moment
   * after the new worker answers — measured here: 2 to 7 of the next 200 requests.
   */
  reloaded(withinMs?: number): Promise<void>;
  /** nginx's error log so far (for failure messages: which upstream refused, when). */
  errorLog(): string;
  stop(): void;
}

function nginxArgs(dir: string): string {
  return `${NGINX} -p ${dir} -c ${dir}/nginx.conf -e ${dir}/error.log`;
}

/** Starts nginx on 127.0.0.1:port proxying to 127.0.0.1:upstreamPort (through the upstream file). */
export function startNginx(port: number, upstreamPort: number): TestNginx {
  const dir = join(loadTestEnv().ssh.home, 'ops-it', `nginx-${randomBytes(4).toString('hex')}`);
  const conf = [
    'worker_processes 1;',
    `pid ${dir}/nginx.pid;`,
    `error_log ${dir}/error.log notice;`,
    'events { worker_connections 512; }',
    'http {',
    '  access_log off;',
    ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `  ${t}_temp_path ${dir}/tmp-${t};`),
    `  upstream app { include ${dir}/upstream.conf; }`,
    '  server {',
    `    listen 127.0.0.1:${port};`,
    '    location / { proxy_pass http://app; }',
    '  }',
    '}',
    '',
  ].join('\n');
  asDeploy(
    `mkdir -p '${dir}' && cat > '${dir}/nginx.conf' <<'EOF'\n${conf}EOF\nprintf 'server 127.0.0.1:${upstreamPort};\\n' > '${dir}/upstream.conf' && ${nginxArgs(dir)}`,
  );
  return {
    port,
    dir,
    upstreamFile: `${dir}/upstream.conf`,
    reloadCommand: `${nginxArgs(dir)} -s reload`,
    async reloaded(withinMs = 10_000) {
      const master = Number(readFileSync(join(dir, 'nginx.pid'), 'utf8').trim());
      const deadline = Date.now() + withinMs;
      for (;;) {
        const workers = childCommandLines(master);
        if (workers.length === 1 && workers[0] === 'nginx: worker process') return;
        if (Date.now() >= deadline)
          throw new Error(`nginx ${dir} still has ${JSON.stringify(workers)} after ${withinMs} ms`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    errorLog() {
      const f = join(dir, 'error.log');
      return existsSync(f) ? readFileSync(f, 'utf8') : '';
    },
    stop() {
      const pidFile = join(dir, 'nginx.pid');
      if (existsSync(pidFile)) {
        const pid = Number(readFileSync(pidFile, 'utf8').trim());
        if (pid > 0) {
          try {
            process.kill(pid, 'SIGTERM');
          } catch {
            /* already gone */
          }
        }
      }
      if (dir.includes('/ops-it/')) setTimeout(() => rmSync(dir, { recursive: true, force: true }), 500);
    },
  };
}

/** The command lines (process titles) of a process's children, from /proc. */
function childCommandLines(parent: number): string[] {
  const out: string[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // pid (comm) state ppid …: comm may hold spaces and parentheses, so read after the last ')'
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid !== parent) continue;
      out.push(readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0+$/, '').replace(/\0/g, ' ').trim());
    } catch {
      /* exited meanwhile */
    }
  }
  return out;
}

/** Removes every container of a compose project (as root). */
export function removeComposeProject(project: string): void {
  const ids = execFileSync(
    'docker',
    ['ps', '-aq', '--filter', `label=com.docker.compose.project=${project}`],
    {
      encoding: 'utf8',
    },
  )
    .split('\n')
    .filter(Boolean);
  if (ids.length > 0) execFileSync('docker', ['rm', '-f', ...ids], { stdio: 'ignore' });
}

/** The running containers of a compose project. */
export function projectContainers(project: string): string[] {
  return execFileSync(
    'docker',
    ['ps', '-q', '--filter', `label=com.docker.compose.project=${project}`, '--filter', 'status=running'],
    { encoding: 'utf8' },
  )
    .split('\n')
    .filter(Boolean);
}
