import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import { type DeployConfig, readDeployInputs } from '../../../actions/deploy-ssh/inputs.js';
import { Inputs, recordInputs } from '../../../lib/inputs.js';

export const KEY = ssh2.utils.generateKeyPairSync('ed25519').private;
export const FP = `SHA256:${'K'.repeat(43)}`;

export const workspace = mkdtempSync(join(tmpdir(), 'ops-ws-'));
mkdirSync(join(workspace, 'dist'), { recursive: true });
writeFileSync(join(workspace, 'dist', 'index.html'), 'hi');
writeFileSync(join(workspace, 'app.tar.gz'), '');
mkdirSync(join(workspace, 'deploy'), { recursive: true });
/** A two-service stack file (strategy stack), web on the host network. */
export const STACK_FILE = [
  'services:',
  '  web:',
  '    image: ghcr.io/acme/shop-web:1.0.0',
  '    networks: [hostnet]',
  '  worker:',
  '    image: ghcr.io/acme/shop-worker:1.0.0',
  '    deploy:',
  '      update_config: {order: stop-first}',
  'networks:',
  '  hostnet: {external: true, name: host}',
  '',
].join('\n');
writeFileSync(join(workspace, 'deploy', 'stack.yml'), STACK_FILE);

export const RUN_ENV = {
  GITHUB_WORKSPACE: workspace,
  GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
  GITHUB_REF: 'refs/heads/main',
  GITHUB_RUN_ID: '1000',
  GITHUB_RUN_ATTEMPT: '1',
  GITHUB_ACTOR: 'octocat',
  GITHUB_REPOSITORY: 'acme/shop',
};

export const BASE = {
  hosts: 'deploy@10.0.0.1\ndeploy@10.0.0.2:2222',
  'private-key': KEY,
  'host-fingerprint': FP,
  'app-dir': '/srv/shop',
};

export function config(record: Record<string, string>): Promise<DeployConfig> {
  return readDeployInputs(new Inputs(recordInputs({ ...BASE, ...record })), RUN_ENV);
}
