// examples/production-on-tag.yml turns attested deploys on: this follows its inputs through the
// reusable deploy.yml as the runner would (GitHub's expression evaluator over the example's `with:`
// and deploy.yml's defaults) to the build-push and deploy-ssh steps, then runs the bundled
// deploy-ssh with exactly the inputs that step receives. The seams: the hosts, key and host key
// become a local TCP listener that counts connections (a refusal must leave it at zero), the GitHub
// API is the fake serving recorded bundles, and `trusted-root` is the recorded public-good root (the
// example leaves it empty: Sigstore through TUF, which needs the internet).
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { type FakeGitHub, startFakeGitHub } from '../fakes/github-api.js';
import { type ActionResult, repoRoot, runAction } from '../harness/run-action.js';
import { interpolate } from '../harness/workflow-runner.js';
import { appDirs, sshInputs } from '../helpers/server.js';
import { freePort } from '../helpers/sshd.js';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
interface Step {
  id?: string;
  uses?: string;
  with?: Record<string, Json>;
}
interface Workflow {
  on: { workflow_call: { inputs: Record<string, { type: string; default?: Json }> } };
  jobs: Record<
    string,
    { uses?: string; permissions?: Record<string, string>; with?: Record<string, Json>; steps?: Step[] }
  >;
}

const FIXTURES = new URL('../fixtures/provenance/', import.meta.url);
const TRUSTED_ROOT = new URL('trusted_root.json', FIXTURES).pathname;
const REUSABLE = JSON.parse(
  readFileSync(new URL('reusable-workflow-attestation.sigstore.json', FIXTURES), 'utf8'),
) as unknown;
const ATTESTED_DIGEST = 'sha256:07e4b8c0e3580b3e4a1eb62c70f1ffb86004d3d94f50767cb404fa7a639b4d05';

const readYaml = <T>(path: string): T => parse(readFileSync(`${repoRoot}/${path}`, 'utf8')) as T;
const example = readYaml<Workflow>('examples/production-on-tag.yml');
const reusable = readYaml<Workflow>('.github/workflows/deploy.yml');
const callerJob = example.jobs['deploy'];

/** deploy.yml's `inputs` context for the example's call: its defaults, the example's `with:` over them, typed. */
function reusableInputs(github: Record<string, Json>): Record<string, Json> {
  const ctx = { github, vars: { PRODUCTION_KNOWN_HOSTS: '127.0.0.1 ssh-ed25519 AAAA…' } };
  const out: Record<string, Json> = {};
  for (const [name, spec] of Object.entries(reusable.on.workflow_call.inputs)) {
    const given = callerJob?.with?.[name];
    const raw = given === undefined ? (spec.default ?? '') : given;
    const text = typeof raw === 'string' ? interpolate(raw, ctx) : raw;
    out[name] =
      spec.type === 'boolean'
        ? text === true || text === 'true'
        : spec.type === 'number'
          ? Number(text)
          : text;
  }
  return out;
}

/** The evaluated `with:` of deploy.yml's step `id` in `job`, as that stage receives it. */
function stepInputs(job: string, id: string, ctx: Record<string, Json>): Record<string, string> {
  const step = reusable.jobs[job]?.steps?.find((s) => s.id === id);
  if (!step?.with) throw new Error(`deploy.yml has no step ${job}.${id}`);
  return Object.fromEntries(Object.entries(step.with).map(([k, v]) => [k, interpolate(v, ctx)]));
}

const REPOSITORY = 'acme/shop-api';
const TOKEN_PLACEHOLDER = 'ghs_example_job_token';

function deployStepInputs(image: string): Record<string, string> {
  const github = { actor: 'octocat', token: TOKEN_PLACEHOLDER, repository: REPOSITORY };
  return stepInputs('deploy', 'ssh', {
    github,
    inputs: reusableInputs(github),
    secrets: { SSH_PRIVATE_KEY: 'from the production environment' },
    needs: { build: { outputs: { image, 'migrate-where': 'ssh' } } },
    env: { MIGRATE_WHERE: 'ssh' },
  });
}

describe('examples/production-on-tag.yml: attested deploys', () => {
  it('grants the calling job what attesting and verifying need (deploy.yml asks for nothing itself)', () => {
    expect(callerJob?.uses).toMatch(/\/\.github\/workflows\/deploy\.yml@/);
    expect(callerJob?.permissions).toMatchObject({
      'id-token': 'write',
      attestations: 'write',
      contents: 'read',
      packages: 'write',
      deployments: 'write',
    });
    // a called workflow that asks for more than its caller grants is invalid: deploy.yml inherits
    expect(Object.keys(reusable)).not.toContain('permissions');
    for (const job of Object.values(reusable.jobs)) expect(job.permissions).toBeUndefined();
  });

  it('build-push attests and deploy-ssh verifies, with the example’s signer workflow', () => {
    const github = { actor: 'octocat', token: TOKEN_PLACEHOLDER, repository: REPOSITORY };
    const build = stepInputs('build', 'build', {
      github,
      inputs: reusableInputs(github),
      secrets: {},
      steps: {},
    });
    expect(build['attest']).toBe('true');
    expect(build['attest-token']).toBe(TOKEN_PLACEHOLDER);

    const deploy = deployStepInputs(`ghcr.io/acme/shop-api@sha256:${'1'.repeat(64)}`);
    expect(deploy).toMatchObject({
      'verify-provenance': 'true',
      'signer-workflow': 'org/ops-actions/.github/workflows/deploy.yml',
      'provenance-token': TOKEN_PLACEHOLDER,
      'trusted-root': '',
      image: `ghcr.io/acme/shop-api@sha256:${'1'.repeat(64)}`,
    });
  });

  describe('deploy-ssh run with the inputs the example gives it', () => {
    const dirs = appDirs();
    let listener: Server;
    let port = 0;
    let connections = 0;
    let gh: FakeGitHub | undefined;
    beforeAll(async () => {
      port = await freePort();
      listener = createServer((socket) => {
        connections += 1;
        socket.destroy();
      });
      await new Promise<void>((resolve) => listener.listen(port, '127.0.0.1', resolve));
    });
    afterEach(async () => {
      await gh?.close();
      gh = undefined;
    });
    afterAll(async () => {
      await new Promise<void>((resolve) => listener.close(() => resolve()));
      dirs.removeAll();
    });

    async function run(
      digest: string,
      repository: string,
      attestations: { repository: string; digest: string; bundle: unknown }[],
    ): Promise<{ r: ActionResult; connected: number }> {
      gh = await startFakeGitHub({ attestations });
      const image = `127.0.0.1:5000/shop-api@${digest}`;
      const inputs = {
        ...deployStepInputs(image),
        // the seams: servers, recorded root, the fake's token
        ...sshInputs([port]),
        'connect-timeout': '3s',
        'known-hosts': '',
        'app-dir': dirs.next('production-example'),
        'trusted-root': TRUSTED_ROOT,
        'provenance-token': gh.token,
        'github-token': '',
        environment: '',
      };
      const before = connections;
      const r = await runAction('deploy-ssh', {
        inputs,
        env: { GITHUB_API_URL: gh.url, GITHUB_REPOSITORY: repository },
      });
      return { r, connected: connections - before };
    }

    it('refuses an unattested digest before connecting to any server', async () => {
      const digest = `sha256:${'1'.repeat(64)}`;
      const { r, connected } = await run(digest, REPOSITORY, []);
      expect(r.exitCode, r.log).not.toBe(0);
      expect(r.errors.join('\n')).toMatch(/Refused to deploy .*: no attestation — .*Nothing was deployed\./s);
      expect(gh?.requestsTo('GET', `/repos/${REPOSITORY}/attestations/${digest}`)).toHaveLength(1);
      expect(connected).toBe(0);
    });

    it('refuses a digest attested by another workflow than the example’s signer-workflow', async () => {
      const { r, connected } = await run(ATTESTED_DIGEST, 'malancas/attest-demo', [
        { repository: 'malancas/attest-demo', digest: ATTESTED_DIGEST, bundle: REUSABLE },
      ]);
      expect(r.exitCode, r.log).not.toBe(0);
      expect(r.errors.join('\n')).toMatch(
        /wrong signer workflow — it was signed by https:\/\/github\.com\/bdehamer\/workflows\/.*not by org\/ops-actions\/\.github\/workflows\/deploy\.yml/,
      );
      expect(connected).toBe(0);
    });
  });
});
