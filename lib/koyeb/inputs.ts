// The inputs every stage that talks to Koyeb reads (deploy-koyeb, rollback with target: koyeb):
// the API token, the API URL and the service, with the same names, checks and messages.
import { ConfigurationError } from '../errors.js';
import type { Inputs } from '../inputs.js';
import { DEFAULT_KOYEB_API_URL } from './types.js';
import type { ServiceRef } from './deploy.js';

const SERVICE_ID_EXAMPLE = `service-id: \${{ vars.KOYEB_SERVICE_ID }}`;

export interface KoyebServiceInputs {
  /** `api-token` (masked). */
  token: string;
  /** `api-url`, checked by parseApiUrl. */
  apiUrl: string;
  /** `service-id`, or `app` + `service`. */
  service: ServiceRef;
}

/** Reads api-token (required, masked), api-url and the service (service-id, or app + service). */
export function readKoyebServiceInputs(inputs: Inputs): KoyebServiceInputs {
  const token = inputs.secret('api-token', { required: true }) as string;
  const apiUrl = parseApiUrl(inputs.string('api-url', { default: DEFAULT_KOYEB_API_URL }));
  const service = parseServiceRef(inputs);
  return { token, apiUrl, service };
}

/** `service-id`, or `app` and `service` names — exactly one of the two forms. */
export function parseServiceRef(inputs: Inputs): ServiceRef {
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
