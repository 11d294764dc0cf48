// The GitHub deployment inputs every stage shares (github-token, environment, environment-url),
// apart from lib/github/deployments.ts so that reading them does not load the GitHub client
// (@actions/github and Octokit): a stage loads that only when a deployment is to be recorded.
import { ConfigurationError } from '../errors.js';
import type { Inputs } from '../inputs.js';
import type { DeploymentBookkeeping, DeploymentTracker } from './deployments.js';

/** The input names every stage uses for GitHub deployments. */
export const GITHUB_DEPLOYMENT_INPUTS = {
  token: 'github-token',
  environment: 'environment',
  environmentUrl: 'environment-url',
} as const;

export interface GitHubDeploymentInputs {
  /** `github-token` (masked). Users pass `${{ github.token }}`; empty: no deployment is recorded. */
  token: string | undefined;
  /** `environment`; empty: no deployment is recorded. */
  environment: string | undefined;
  /** `environment-url`: an http(s) URL. */
  environmentUrl: string | undefined;
}

/** Reads and validates `github-token`, `environment` and `environment-url`. */
export function readGithubDeploymentInputs(inputs: Inputs): GitHubDeploymentInputs {
  const names = GITHUB_DEPLOYMENT_INPUTS;
  const token = inputs.secret(names.token);
  const environment = inputs.optionalString(names.environment);
  if (environment !== undefined && (environment.length > 255 || /[\r\n\t]/.test(environment))) {
    throw new ConfigurationError(
      names.environment,
      'must be one line of at most 255 characters: the name of a GitHub environment.',
      `${names.environment}: production`,
    );
  }
  const environmentUrl = inputs.optionalString(names.environmentUrl);
  if (environmentUrl !== undefined && !isHttpUrl(environmentUrl)) {
    throw new ConfigurationError(
      names.environmentUrl,
      `must be an http:// or https:// URL, got '${environmentUrl}'.`,
      `${names.environmentUrl}: https://shop.example.com`,
    );
  }
  return { token, environment, environmentUrl };
}

function isHttpUrl(text: string): boolean {
  try {
    const u = new URL(text);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
  } catch {
    return false;
  }
}

/** What a deploy stage does with its GitHub deployment. */
export type DeploymentHandle = Pick<DeploymentTracker, 'id' | 'succeed' | 'fail'>;

const OFF: DeploymentHandle = {
  id: undefined,
  succeed: () => Promise.resolve(false),
  fail: () => Promise.resolve(false),
};

/**
 * Creates the GitHub deployment and sets it in_progress — loading the GitHub client only when
 * github-token or environment was given; otherwise (the common case) nothing is loaded or sent.
 */
export async function startGithubDeployment(
  github: GitHubDeploymentInputs,
  options: Parameters<DeploymentBookkeeping['startDeployment']>[0],
): Promise<DeploymentHandle> {
  if (!github.token && !github.environment) return OFF;
  const { githubDeployments } = await import('./deployments.js');
  return githubDeployments(github).startDeployment(options);
}
