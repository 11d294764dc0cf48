import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  parseUpstreamPort,
  restoreUpstreamScript,
  upstreamContent,
  writeUpstreamScript,
} from '../../../lib/deploy/proxy-nginx.js';
import { parseState, readStateScript } from '../../../lib/deploy/state.js';

const sh = (script: string) => execFileSync('sh', ['-c', script], { encoding: 'utf8' });

describe('nginx upstream file', () => {
  it('parses the port of the first server line', () => {
    expect(parseUpstreamPort(upstreamContent(8082, 'green', 'r2'))).toBe(8082);
    expect(parseUpstreamPort('  server 127.0.0.1:9000 max_fails=0;\nserver x:1;')).toBe(9000);
    expect(parseUpstreamPort('# server 127.0.0.1:1;\n')).toBeUndefined();
    expect(parseUpstreamPort('')).toBeUndefined();
  });
  it('is written atomically with a backup, and restored (or removed when there was none)', () => {
    const app = mkdtempSync(join(tmpdir(), "ops-up it's-"));
    const file = 'nginx/up.conf';
    sh(`mkdir -p '${app.replace(/'/g, `'\\''`)}/nginx'`);
    sh(writeUpstreamScript(app, file, 8081, 'blue', 'r1'));
    expect(readFileSync(join(app, file), 'utf8')).toBe(upstreamContent(8081, 'blue', 'r1'));
    sh(restoreUpstreamScript(app, file));
    expect(existsSync(join(app, file))).toBe(false); // there was no file before
    writeFileSync(join(app, file), 'server 127.0.0.1:3000;\n');
    sh(writeUpstreamScript(app, file, 8082, 'green', 'r2'));
    expect(parseUpstreamPort(readFileSync(join(app, file), 'utf8'))).toBe(8082);
    sh(restoreUpstreamScript(app, file));
    expect(readFileSync(join(app, file), 'utf8')).toBe('server 127.0.0.1:3000;\n');
  });
  it('the state script reads extra files', () => {
    const app = mkdtempSync(join(tmpdir(), 'ops-state-'));
    writeFileSync(join(app, 'up.conf'), 'server 127.0.0.1:8081;\n');
    const state = parseState(
      sh(readStateScript(app, { files: { upstream: `${app}/up.conf`, missing: `${app}/nope` } })),
    );
    expect(state.files).toEqual({ upstream: 'server 127.0.0.1:8081;\n' });
  });
});
