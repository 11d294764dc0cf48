// Every input of deploy-koyeb, read and validated once, before any request is made.
import { type GitHubDeploymentInputs, readGithubDeploymentInputs } from '../../lib/github/inputs.js';
import { Inputs } from '../../lib/inputs.js';
import { type ProvenanceInputs, readProvenanceInputs } from '../../lib/provenance/inputs.js';
import type { ServiceRef } from '../../lib/koyeb/deploy.js';
import { readKoyebServiceInputs } from '../../lib/koyeb/inputs.js';
import { type EnvChange, IMAGE_EXAMPLE, type ImageInput, parseEnvChanges, parseImageInput } from './plan.js';

export { parseApiUrl } from '../../lib/koyeb/inputs.js';

export interface DeployKoyebInputs {
  token: string;
  apiUrl: string;
  service: ServiceRef;
  image: ImageInput;
  env: EnvChange[];
  wait: boolean;
  timeoutMs: number;
  pollIntervalMs: number;
  rollbackOnFailure: boolean;
  dryRun: boolean;
  /** github-token (masked), environment, environment-url: the deploy recorded as a GitHub deployment. */
  github: GitHubDeploymentInputs;
  /** verify-provenance and its policy; undefined when off. */
  provenance: ProvenanceInputs | undefined;
}

export function parseInputs(inputs: Inputs = new Inputs()): DeployKoyebInputs {
  const { token, apiUrl, service } = readKoyebServiceInputs(inputs);
  const image = parseImageInput(inputs.string('image', { example: IMAGE_EXAMPLE }));
  const env = parseEnvChanges(inputs.raw('env'));
  const wait = inputs.boolean('wait', true);
  const timeoutMs = inputs.duration('timeout', '10m', { min: 1000, max: 6 * 3_600_000 });
  const pollIntervalMs = inputs.duration('poll-interval', '5s', { min: 100, max: 300_000 });
  const rollbackOnFailure = inputs.boolean('rollback-on-failure', true);
  const dryRun = inputs.boolean('dry-run', false);
  const github = readGithubDeploymentInputs(inputs);
  const provenance = readProvenanceInputs(inputs);
  return {
    token,
    apiUrl,
    service,
    image,
    env,
    wait,
    timeoutMs,
    pollIntervalMs,
    rollbackOnFailure,
    dryRun,
    github,
    provenance,
  };
}
