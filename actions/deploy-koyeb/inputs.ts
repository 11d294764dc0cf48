// Every input of deploy-koyeb, read and validated once, before any request is made.
import { ConfigurationError } from '../../lib/errors.js';
import { Inputs } from '../../lib/inputs.js';
import { DEFAULT_KOYEB_API_URL } from '../../lib/koyeb/client.js';
import type { ServiceRef } from '../../lib/koyeb/deploy.js';
import { type EnvChange, IMAGE_EXAMPLE, type ImageInput, parseEnvChanges, parseImageInput } from './plan.js';

const SERVICE_ID_EXAMPLE = 'service-id: ${{ vars.KOYEB_SERVICE_ID }}';

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
}

export function parseInputs(inputs: Inputs = new Inputs()): DeployKoyebInputs {
  const token = inputs.secret('api-token', { required: true }) as string;
  const apiUrl = parseApiUrl(inputs.string('api-url', { default: DEFAULT_KOYEB_API_URL }));
  const service = parseServiceRef(inputs);
  const image = parseImageInput(inputs.string('image', { example: IMAGE_EXAMPLE }));
  const env = parseEnvChanges(inputs.raw('env'));
  const wait = inputs.boolean('wait', true);
  const timeoutMs = inputs.duration('timeout', '10m', { min: 1000, max: 6 * 3_600_000 });
  const pollIntervalMs = inputs.duration('poll-interval', '5s', { min: 100, max: 300_000 });
  const rollbackOnFailure = inputs.boolean('rollback-on-failure', true);
  const dryRun = inputs.boolean('dry-run', false);
  return { token, apiUrl, service, image, env, wait, timeoutMs, pollIntervalMs, rollbackOnFailure, dryRun };
}

function parseServiceRef(inputs: Inputs): ServiceRef {
  const id = inputs.optionalString('service-id');
  const app = inputs.optionalString('app');
  const name = inputs.optionalString('service');
  if (id !== undefined) {
    if (app !== undefined || name !== undefined) {
      throw new ConfigurationError(
        'service-id',
        "give either 'service-id', or 'app' and 'service' — not both.",
        SERVICE_ID_EXAMPLE,
      );
    }
    return { serviceId: id };
  }
  if (app !== undefined && name !== undefined) return { app, service: name };
  if (app !== undefined || name !== undefined) {
    const missing = app === undefined ? 'app' : 'service';
    throw new ConfigurationError(
      missing,
      "is required with the other: a service is named by its app's name and its own name.",
      'app: shop\n    service: web',
    );
  }
  throw new ConfigurationError(
    'service-id',
    "is required (or give 'app' and 'service' names instead).",
    SERVICE_ID_EXAMPLE,
  );
}

/** https only — a token must not travel in clear — except to a loopback address (tests, proxies). */
export function parseApiUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ConfigurationError('api-url', `is not a URL: '${text}'.`, `api-url: ${DEFAULT_KOYEB_API_URL}`);
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new ConfigurationError(
      'api-url',
      'must be a base URL without credentials, query or fragment.',
      `api-url: ${DEFAULT_KOYEB_API_URL}`,
    );
  }
  const loopback = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/.test(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new ConfigurationError(
      'api-url',
      `must be an https:// URL (plain http is allowed only for a loopback address), got '${text}'.`,
      `api-url: ${DEFAULT_KOYEB_API_URL}`,
    );
  }
  return url.toString().replace(/\/+$/, '');
}
