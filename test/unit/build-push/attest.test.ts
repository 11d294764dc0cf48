// build-push attest: the checks made before anything is built. The signing itself (Fulcio, Rekor,
// GitHub's attestations API) needs the internet and a real OIDC token: not testable here.
import { describe, expect, it } from 'vitest';
import { readAttestInputs } from '../../../actions/build-push/attest.js';
import { Inputs, recordInputs } from '../../../lib/inputs.js';

const OIDC = {
  ACTIONS_ID_TOKEN_REQUEST_URL: 'http://127.0.0.1:1/token',
  ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'x',
};
const LOGIN = { username: 'ops', password: 'pw' };
const read = (
  record: Record<string, string>,
  env: NodeJS.ProcessEnv,
  push = true,
  dryRun = false,
  login: { username: string | undefined; password: string | undefined } = LOGIN,
) => readAttestInputs(new Inputs(recordInputs(record)), push, dryRun, env, login);

describe('readAttestInputs', () => {
  it('off by default', () => {
    expect(read({}, {})).toBeUndefined();
    expect(read({ attest: 'false' }, {})).toBeUndefined();
  });

  it('without the OIDC token (no id-token: write) fails naming attest and the permissions to give', () => {
    expect(() => read({ attest: 'true', 'attest-token': 't' }, {})).toThrow(
      /Input 'attest': needs the job's OIDC token .*ACTIONS_ID_TOKEN_REQUEST_URL is not set.*id-token: write[\s\S]*attestations: write/,
    );
  });

  it('needs push: there is no registry digest to attest otherwise', () => {
    expect(() => read({ attest: 'true' }, OIDC, false)).toThrow(/Input 'attest': .*push is false/);
  });

  it('needs a token to store the attestation; GITHUB_TOKEN from the environment will do', () => {
    expect(() => read({ attest: 'true' }, OIDC)).toThrow(/Input 'attest-token': is required/);
    expect(read({ attest: 'true' }, { ...OIDC, GITHUB_TOKEN: 'g' })).toEqual({ token: 'g', push: undefined });
    expect(read({ attest: 'true', 'attest-token': 't' }, OIDC)).toEqual({ token: 't', push: undefined });
  });

  it('a dry run does not need the OIDC token', () => {
    expect(read({ attest: 'true' }, {}, true, true)).toEqual({ token: '', push: undefined });
  });

  it('strict boolean', () => {
    expect(() => read({ attest: 'yes' }, OIDC)).toThrow(/Input 'attest': must be 'true' or 'false'/);
  });

  it('attest-push: off by default; with attest, pushes with the registry login', () => {
    expect(read({ attest: 'true', 'attest-token': 't' }, OIDC)?.push).toBeUndefined();
    expect(read({ attest: 'true', 'attest-push': 'true', 'attest-token': 't' }, OIDC)).toEqual({
      token: 't',
      push: LOGIN,
    });
  });

  it('attest-push without attest is refused, naming attest-push and the fix', () => {
    expect(() => read({ 'attest-push': 'true' }, OIDC)).toThrow(
      /Input 'attest-push': pushes the attestation that attest: true makes, but attest is false/,
    );
  });

  it('attest-push needs username/password: the login it pushes with', () => {
    expect(() =>
      read({ attest: 'true', 'attest-push': 'true', 'attest-token': 't' }, OIDC, true, false, {
        username: undefined,
        password: undefined,
      }),
    ).toThrow(/Input 'attest-push': .*username\/password are not set/);
  });

  it('attest-push is a strict boolean', () => {
    expect(() => read({ attest: 'true', 'attest-push': 'yes' }, OIDC)).toThrow(
      /Input 'attest-push': must be 'true' or 'false'/,
    );
  });
});
