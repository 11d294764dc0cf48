// How a network error reads in the report: the fix a workflow can apply, on Node 20 and Node 24.
import { describe, expect, it } from 'vitest';
import { toProbeError } from '../../../actions/smoke-test/http-probe.js';

function tlsError(message: string): Error {
  return Object.assign(new Error(message), { code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' });
}

describe('toProbeError', () => {
  it.each([
    ['Node 20', 'unable to verify the first certificate'],
    [
      'Node 24',
      'unable to verify the first certificate; if the root CA is installed locally, try running Node.js with --use-system-ca',
    ],
  ])('an untrusted certificate (%s) names ca-cert, not a node flag the workflow cannot set', (_, message) => {
    const e = toProbeError(tlsError(message), 12);
    expect(e.message).toBe(
      "TLS: unable to verify the first certificate (UNABLE_TO_VERIFY_LEAF_SIGNATURE) — give the CA that signed the server certificate in 'ca-cert'",
    );
    expect(e.code).toBe('UNABLE_TO_VERIFY_LEAF_SIGNATURE');
  });

  it('a refused connection says so, with the address', () => {
    const e = toProbeError(
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }),
      1,
    );
    expect(e.message).toBe('connection refused (connect ECONNREFUSED 127.0.0.1:9)');
  });
});
