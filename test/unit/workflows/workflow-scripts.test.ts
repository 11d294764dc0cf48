// The shell steps of the reusable workflows, run as the runner runs them: deploy.yml's input and
// secret checks (everything wrong is reported at once, before anything is built or contacted) and
// test.yml's environment step.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runStep, stepScript } from './run-step.js';

const deployYml = fileURLToPath(new URL('../../../.github/workflows/deploy.yml', import.meta.url));
const testYml = fileURLToPath(new URL('../../../.github/workflows/test.yml', import.meta.url));

const errors = (stdout: string): string[] =>
  stdout
    .split('\n')
    .filter((l) => l.startsWith('::error'))
    .map((l) => l.replace(/^::error title=[^:]*::/, ''));

describe('deploy.yml: Check the inputs', () => {
  const script = stepScript(deployYml, 'build', 'Check the inputs');
  const ssh = {
    TARGET: 'ssh',
    HOSTS: 'deploy@app.example.com',
    APP_DIR: '/srv/shop',
    HOST_FINGERPRINT: 'SHA256:abc',
    STRATEGY: 'compose',
    SMOKE: 'https://app.example.com/health',
    IMAGE: 'ghcr.io/acme/shop-api',
  };

  it('ssh + compose: migrations default to the server', () => {
    const r = runStep(script, { ...ssh, MIGRATE_TOOL: 'alembic' });
    expect(r.exitCode, r.stdout).toBe(0);
    expect(r.outputs).toEqual({ 'migrate-where': 'ssh' });
    expect(r.stdout).not.toContain('::warning');
  });

  it('verify-provenance: needs attest, signer-workflow and strategy compose, all said at once', () => {
    const ok = {
      ...ssh,
      ATTEST: 'true',
      VERIFY_PROVENANCE: 'true',
      SIGNER_WORKFLOW: 'org/ops-actions/.github/workflows/deploy.yml',
    };
    expect(runStep(script, ok).exitCode).toBe(0);
    const r = runStep(script, {
      ...ssh,
      STRATEGY: 'script',
      SCRIPT: './deploy.sh',
      VERIFY_PROVENANCE: 'true',
    });
    expect(r.exitCode).toBe(1);
    expect(errors(r.stdout)).toEqual([
      'attest: verify-provenance needs attest: true (the deployed image is the one built here; unattested, it is always refused)',
      'verify-provenance: checks the image deploy-ssh deploys; strategy script deploys none (use strategy compose)',
      'signer-workflow: required with verify-provenance: this reusable workflow signs the build, e.g. signer-workflow: org/ops-actions/.github/workflows/deploy.yml',
    ]);
  });

  it('no migrate-tool: no migrate step', () => {
    expect(runStep(script, ssh).outputs).toEqual({ 'migrate-where': '' });
  });

  it('koyeb: migrations default to the runner; ssh is refused', () => {
    const koyeb = {
      TARGET: 'koyeb',
      KOYEB_APP: 'xylo',
      KOYEB_SERVICE: 'api',
      MIGRATE_TOOL: 'prisma',
      SMOKE: 'x',
    };
    expect(runStep(script, koyeb).outputs).toEqual({ 'migrate-where': 'runner' });
    const r = runStep(script, { ...koyeb, MIGRATE_WHERE: 'ssh' });
    expect(r.exitCode).toBe(1);
    expect(errors(r.stdout)).toEqual(["migrate-where: ssh needs target ssh (the servers' SSH settings)"]);
  });

  it('reports every missing ssh input at once', () => {
    const r = runStep(script, { TARGET: 'ssh', STRATEGY: 'script', SMOKE: 'x' });
    expect(r.exitCode).toBe(1);
    expect(errors(r.stdout)).toEqual([
      'hosts: required with target ssh, e.g. hosts: deploy@app.example.com',
      'app-dir: required with target ssh, e.g. app-dir: /srv/shop',
      'host-fingerprint or known-hosts: required to verify the servers (ssh-keyscan HOST | ssh-keygen -lf -)',
      'script: required with strategy script',
    ]);
    expect(r.outputs).toEqual({});
  });

  it('refuses an unknown target, strategy or migrate-where', () => {
    expect(errors(runStep(script, { ...ssh, TARGET: 'k8s' }).stdout)).toEqual([
      "target: 'k8s' is not ssh or koyeb",
    ]);
    expect(errors(runStep(script, { ...ssh, STRATEGY: 'release' }).stdout)).toEqual([
      "strategy: 'release' is not compose or script",
    ]);
    expect(errors(runStep(script, { ...ssh, MIGRATE_TOOL: 'sql', MIGRATE_WHERE: 'laptop' }).stdout)).toEqual([
      "migrate-where: 'laptop' is not runner or ssh",
    ]);
  });

  it('github-deployment is stage or job', () => {
    expect(errors(runStep(script, { ...ssh, GITHUB_DEPLOYMENT: 'both' }).stdout)).toEqual([
      "github-deployment: 'both' is not stage or job",
    ]);
    for (const mode of ['stage', 'job'])
      expect(runStep(script, { ...ssh, GITHUB_DEPLOYMENT: mode }).exitCode, mode).toBe(0);
  });

  it('koyeb needs a service id, or an app and a service', () => {
    const r = runStep(script, { TARGET: 'koyeb', KOYEB_APP: 'xylo', SMOKE: 'x' });
    expect(errors(r.stdout)).toEqual([
      'koyeb-service-id (or koyeb-app and koyeb-service): required with target koyeb',
    ]);
    expect(runStep(script, { TARGET: 'koyeb', KOYEB_SERVICE_ID: 'svc-1', SMOKE: 'x' }).exitCode).toBe(0);
  });

  it('warns when a registry other than ghcr.io gets no password', () => {
    const warning =
      "No registry-password secret: the push of docker.io/uvis/backend relies on the runner's own docker login";
    expect(runStep(script, { ...ssh, IMAGE: 'docker.io/uvis/backend' }).stdout).toContain(warning);
    expect(
      runStep(script, { ...ssh, IMAGE: 'docker.io/uvis/backend', HAS_REGISTRY_PASSWORD: 'true' }).stdout,
    ).not.toContain('::warning');
    expect(runStep(script, { ...ssh, IMAGE: 'ghcr.io/acme/shop-api' }).stdout).not.toContain('::warning');
  });

  it('warns when nothing smoke-tests the release', () => {
    const r = runStep(script, { ...ssh, SMOKE: '' });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('::warning title=deploy.yml::No smoke-url or smoke-checks');
  });

  it('input values are data, never shell code', () => {
    const r = runStep(script, { ...ssh, HOSTS: '$(touch /tmp/ops-wf-pwned)', STRATEGY: '`id`' });
    expect(errors(r.stdout)).toEqual(["strategy: '`id`' is not compose or script"]);
  });
});

describe('deploy.yml: Check the secrets', () => {
  const script = stepScript(deployYml, 'deploy', 'Check the secrets');

  it('passes when the target has its secret', () => {
    expect(runStep(script, { TARGET: 'ssh', HAS_SSH_KEY: 'true' }).exitCode).toBe(0);
    expect(runStep(script, { TARGET: 'koyeb', HAS_KOYEB_TOKEN: 'true' }).exitCode).toBe(0);
  });

  it('names each missing secret', () => {
    const r = runStep(script, {
      TARGET: 'ssh',
      HAS_SSH_KEY: 'false',
      MIGRATE_TOOL: 'alembic',
      MIGRATE_WHERE: 'ssh',
      MIGRATE_BACKUP: 'true',
      HAS_DATABASE_URL: 'false',
    });
    expect(r.exitCode).toBe(1);
    expect(errors(r.stdout)).toEqual([
      'ssh-private-key: required with target ssh (or an SSH_PRIVATE_KEY environment secret with secrets: inherit)',
      'database-url: required to migrate on the runner, with tool sql, and for the backup (or set migrate-backup: false)',
    ]);
  });

  it('alembic on the server without a backup needs no database-url (the container has its own)', () => {
    const r = runStep(script, {
      TARGET: 'ssh',
      HAS_SSH_KEY: 'true',
      MIGRATE_TOOL: 'alembic',
      MIGRATE_WHERE: 'ssh',
      MIGRATE_BACKUP: 'false',
      HAS_DATABASE_URL: 'false',
    });
    expect(r.exitCode).toBe(0);
  });

  it('koyeb without a token fails', () => {
    expect(errors(runStep(script, { TARGET: 'koyeb', HAS_KOYEB_TOKEN: 'false' }).stdout)).toEqual([
      'koyeb-token: required with target koyeb (or a KOYEB_API_TOKEN environment secret with secrets: inherit)',
    ]);
  });
});

describe('test.yml: the environment step', () => {
  const script = stepScript(testYml, 'test', 'Environment (service URLs, then the env input)');

  it('points DATABASE_URL and REDIS_URL at the service containers the component has', () => {
    expect(runStep(script, { POSTGRES_IMAGE: 'postgres:16-alpine', REDIS_IMAGE: '' }).githubEnv).toBe(
      'DATABASE_URL=postgresql://test:test@localhost:5432/test\n',
    );
    expect(runStep(script, { POSTGRES_IMAGE: '', REDIS_IMAGE: 'redis:7-alpine' }).githubEnv).toBe(
      'REDIS_URL=redis://localhost:6379/0\n',
    );
    expect(runStep(script, {}).githubEnv).toBe('');
  });

  it('adds the env input after them, so a line of it wins; skips blanks and comments', () => {
    const r = runStep(script, {
      POSTGRES_IMAGE: 'postgres:16-alpine',
      EXTRA_ENV:
        '# for pytest\nSECRET_KEY=test-secret\n\nDATABASE_URL=postgresql+asyncpg://test:test@localhost:5432/test\n',
    });
    expect(r.exitCode).toBe(0);
    expect(r.githubEnv).toBe(
      [
        'DATABASE_URL=postgresql://test:test@localhost:5432/test',
        'SECRET_KEY=test-secret',
        'DATABASE_URL=postgresql+asyncpg://test:test@localhost:5432/test',
        '',
      ].join('\n'),
    );
  });

  it('refuses a line that is not KEY=value (a multi-line GITHUB_ENV delimiter included)', () => {
    for (const bad of ['not a variable', 'KEY<<EOF', '1KEY=x', ' KEY=x']) {
      const r = runStep(script, { EXTRA_ENV: `OK=1\n${bad}` });
      expect(r.exitCode, bad).toBe(1);
      expect(r.stdout).toContain("::error title=test.yml input 'env'::each line must be KEY=value");
    }
  });
});

describe('deploy.yml: Prisma cannot go down', () => {
  const script = stepScript(deployYml, 'deploy', 'Prisma cannot go down');

  it('warns with what stays applied and the backup to restore', () => {
    const r = runStep(script, {
      APPLIED: '["20250101_orders"]',
      BACKUP: '/tmp/ops-actions-migrate/shop.dump',
    });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('the schema keeps ["20250101_orders"]');
    expect(r.stdout).toContain(
      'pg_restore --clean --if-exists -d <database> /tmp/ops-actions-migrate/shop.dump',
    );
  });
});
