// Posting one payload to one webhook: Node's fetch, a timeout per request, lib/retry.ts for
// 408/429/5xx and network errors (a 429's or 503's Retry-After is waited out when it fits before the
// deadline), never a redirect (the URL is a credential: the body does not follow it elsewhere). Every
// message is built here, from the status, the host and the reply: the URL itself is never in one.
import { createHmac, randomUUID } from 'node:crypto';
import { errorMessage } from '../../lib/errors.js';
import { RetryError, retry } from '../../lib/retry.js';
import { redact } from '../../lib/secrets.js';
import type { Target } from './inputs.js';

export interface Delivery {
  label: string;
  kind: Target['kind'];
  delivered: boolean;
  attempts: number;
  /** The last HTTP status, null when no answer came. */
  httpStatus: number | null;
  durationMs: number;
  error?: string;
}

export class WebhookError extends Error {
  override readonly name: string = 'WebhookError';
  constructor(
    message: string,
    readonly httpStatus: number | null,
    readonly retryable: boolean,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

export interface SendOptions {
  requestTimeoutMs: number;
  /** Deadline for all attempts to one target. */
  timeoutMs: number;
  /** The generic webhook's signature: HMAC-SHA256 of the raw body with `secret`, in `header`. */
  signature?: { secret: string; header: string };
  log?: (line: string) => void;
  fetchFn?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
}

/** `sha256=<hex>` over the exact bytes sent, as GitHub signs its webhooks (X-Hub-Signature-256). */
export function signBody(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

/** Retry-After: seconds, or an HTTP date. Undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Math.ceil(Number(v) * 1000);
  const date = Date.parse(v);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export async function deliver(target: Target, body: string, opts: SendOptions): Promise<Delivery> {
  const fetchFn = opts.fetchFn ?? fetch;
  const start = Date.now();
  let attempts = 0;
  let httpStatus: number | null = null;
  const headers: Record<string, string> = {
    'Content-Type': 'application/json; charset=utf-8',
    'User-Agent': 'ops-actions-notify',
  };
  if (target.kind === 'webhook') {
    headers['X-Ops-Event'] = 'notify';
    headers['X-Ops-Delivery'] = randomUUID();
    if (opts.signature) headers[opts.signature.header] = signBody(body, opts.signature.secret);
  }
  const secrets = [target.url, opts.signature?.secret];
  try {
    await retry(
      async (attempt) => {
        attempts = attempt;
        let response: Response;
        try {
          response = await fetchFn(target.url, {
            method: 'POST',
            headers,
            body,
            redirect: 'manual',
            signal: AbortSignal.timeout(opts.requestTimeoutMs),
          });
        } catch (error) {
          httpStatus = null;
          throw new WebhookError(redact(networkMessage(error, opts.requestTimeoutMs), secrets), null, true);
        }
        httpStatus = response.status;
        const text = await response.text().catch(() => '');
        if (response.status >= 200 && response.status < 300) return;
        const reply = redact(text.replace(/\s+/g, ' ').trim().slice(0, 200), secrets);
        const status = response.status;
        const retryable = status === 408 || status === 429 || status >= 500;
        const wait = status === 429 || status === 503 ? retryAfter(response, text) : undefined;
        throw new WebhookError(
          `HTTP ${status}${reply ? `: ${reply}` : ''}${status >= 300 && status < 400 ? ' (a redirect: not followed; check the webhook URL)' : ''}`,
          status,
          retryable,
          wait,
        );
      },
      {
        deadlineMs: opts.timeoutMs,
        initialDelayMs: 1000,
        maxDelayMs: 10_000,
        isRetryable: (e) => e instanceof WebhookError && e.retryable,
        retryAfterMs: (e) => (e instanceof WebhookError ? e.retryAfterMs : undefined),
        onRetry: ({ attempt, error, delayMs }) =>
          opts.log?.(
            `${target.label}: attempt ${attempt} failed (${errorMessage(error)}), retrying in ${(delayMs / 1000).toFixed(1)}s`,
          ),
        ...(opts.sleep ? { sleep: opts.sleep } : {}),
      },
    );
    return {
      label: target.label,
      kind: target.kind,
      delivered: true,
      attempts,
      httpStatus,
      durationMs: Date.now() - start,
    };
  } catch (error) {
    const last = error instanceof RetryError ? error.lastError : error;
    const gaveUp = error instanceof RetryError && attempts > 1 ? ` (gave up after ${attempts} attempts)` : '';
    return {
      label: target.label,
      kind: target.kind,
      delivered: false,
      attempts,
      httpStatus,
      durationMs: Date.now() - start,
      error: `${redact(errorMessage(last), secrets)}${gaveUp}`,
    };
  }
}

/** Retry-After header, else Discord's `retry_after` (seconds) in the JSON body. */
function retryAfter(response: Response, text: string): number | undefined {
  const header = parseRetryAfter(response.headers.get('retry-after'));
  if (header !== undefined) return header;
  try {
    const json = JSON.parse(text) as { retry_after?: unknown };
    return typeof json.retry_after === 'number' ? Math.ceil(json.retry_after * 1000) : undefined;
  } catch {
    return undefined;
  }
}

function networkMessage(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return `no answer within ${timeoutMs}ms (request-timeout)`;
  }
  const cause = error instanceof Error ? (error as Error & { cause?: unknown }).cause : undefined;
  return cause === undefined ? errorMessage(error) : `${errorMessage(error)}: ${errorMessage(cause)}`;
}
