// A fake of GitHub's Actions results service, as @actions/artifact (v6) talks to it when it uploads
// an artifact — a real HTTP server on 127.0.0.1 (ephemeral port). Reach it through the two variables
// the runner gives JavaScript actions: ACTIONS_RESULTS_URL (its url) and ACTIONS_RUNTIME_TOKEN (a JWT
// whose `scp` claim carries `Actions.Results:<workflowRunBackendId>:<workflowJobRunBackendId>`,
// which the library decodes with jwt-decode, unsigned: see lib/internal/shared/util.js).
//
//   POST /twirp/github.actions.results.api.v1.ArtifactService/CreateArtifact
//        Twirp JSON, proto field names: {workflow_run_backend_id, workflow_job_run_backend_id, name,
//        mime_type, version, expires_at?} → {ok: true, signed_upload_url}
//   PUT  <signed_upload_url>&comp=block&blockid=…   Azure Blob "Put Block" (BlockBlobClient.uploadStream) → 201
//   PUT  <signed_upload_url>&comp=blocklist         "Put Block List": <BlockList><Latest>id</Latest>…</BlockList> → 201
//   POST …/FinalizeArtifact {workflow_run_backend_id, workflow_job_run_backend_id, name, size, hash?}
//        → {ok: true, artifact_id}
//
// Bearer auth is checked (401 otherwise). `failUpload: true` answers every blob PUT with 403
// (AuthorizationFailure, not retried), as an expired signed URL would.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';

export interface FakeArtifact {
  id: number;
  name: string;
  runBackendId: string;
  jobBackendId: string;
  expiresAt: string | undefined;
  /** The committed blob (the zip the library built). */
  bytes: Buffer | undefined;
  finalized: boolean;
  /** FinalizeArtifact's size and hash, as the library reported them. */
  size: string | undefined;
  hash: string | undefined;
}

export interface FakeArtifactResults {
  url: string;
  token: string;
  /** The env a step needs to upload here. */
  env: Record<string, string>;
  artifacts: FakeArtifact[];
  requests: { method: string; path: string; status: number }[];
  close(): Promise<void>;
}

const SERVICE = '/twirp/github.actions.results.api.v1.ArtifactService/';

function b64url(v: unknown): string {
  return Buffer.from(JSON.stringify(v)).toString('base64url');
}

function body(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export async function startFakeArtifactResults(
  opts: { failUpload?: boolean } = {},
): Promise<FakeArtifactResults> {
  const runBackendId = `run-${randomBytes(4).toString('hex')}`;
  const jobBackendId = `job-${randomBytes(4).toString('hex')}`;
  const token = [
    b64url({ alg: 'none', typ: 'JWT' }),
    b64url({ scp: `Actions.ExampleScope Actions.Results:${runBackendId}:${jobBackendId}` }),
    'sig',
  ].join('.');
  const artifacts: FakeArtifact[] = [];
  const blocks = new Map<string, Buffer>();
  const requests: FakeArtifactResults['requests'] = [];
  let base = '';

  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', base);
      const data = await body(req);
      const reply = (status: number, json?: unknown, headers: Record<string, string> = {}): void => {
        requests.push({ method: req.method ?? '', path: url.pathname, status });
        res.writeHead(status, {
          ...(json === undefined ? {} : { 'content-type': 'application/json' }),
          'x-ms-request-id': randomBytes(8).toString('hex'),
          'x-ms-version': '2025-01-05',
          date: new Date().toUTCString(),
          ...headers,
        });
        res.end(json === undefined ? undefined : JSON.stringify(json));
      };
      if (url.pathname.startsWith(SERVICE)) {
        if (req.headers.authorization !== `Bearer ${token}`)
          return reply(401, { code: 'unauthenticated', msg: 'bad token' });
        const msg = JSON.parse(data.toString() || '{}') as Record<string, unknown>;
        const method = url.pathname.slice(SERVICE.length);
        const runId = String(msg['workflow_run_backend_id'] ?? '');
        const jobId = String(msg['workflow_job_run_backend_id'] ?? '');
        if (runId !== runBackendId || jobId !== jobBackendId) {
          return reply(400, { code: 'invalid_argument', msg: 'unknown backend ids' });
        }
        if (method === 'CreateArtifact') {
          const a: FakeArtifact = {
            id: 1000 + artifacts.length,
            name: String(msg['name']),
            runBackendId: runId,
            jobBackendId: jobId,
            expiresAt: typeof msg['expires_at'] === 'string' ? msg['expires_at'] : undefined,
            bytes: undefined,
            finalized: false,
            size: undefined,
            hash: undefined,
          };
          artifacts.push(a);
          return reply(200, {
            ok: true,
            signed_upload_url: `${base}blob/container/${a.id}?sv=2025-01-05&sig=fake`,
          });
        }
        if (method === 'FinalizeArtifact') {
          const a = artifacts.find((x) => x.name === msg['name'] && !x.finalized);
          if (!a || a.bytes === undefined) return reply(404, { code: 'not_found', msg: 'no such artifact' });
          a.finalized = true;
          a.size = String(msg['size']);
          a.hash = typeof msg['hash'] === 'string' ? msg['hash'] : undefined;
          return reply(200, { ok: true, artifact_id: String(a.id) });
        }
        return reply(404, { code: 'bad_route', msg: method });
      }
      const blob = /^\/blob\/container\/(\d+)$/.exec(url.pathname);
      if (blob && req.method === 'PUT') {
        if (opts.failUpload) {
          res.setHeader('x-ms-error-code', 'AuthorizationFailure');
          return reply(403);
        }
        const a = artifacts.find((x) => x.id === Number(blob[1]));
        if (!a) return reply(404);
        const comp = url.searchParams.get('comp');
        if (comp === 'block') {
          blocks.set(`${a.id}/${url.searchParams.get('blockid') ?? ''}`, data);
          return reply(201);
        }
        if (comp === 'blocklist') {
          const ids = [...data.toString().matchAll(/<(?:Latest|Uncommitted|Committed)>([^<]*)</g)].map(
            (m) => m[1] ?? '',
          );
          a.bytes = Buffer.concat(ids.map((id) => blocks.get(`${a.id}/${id}`) ?? Buffer.alloc(0)));
          return reply(201, undefined, { etag: '"0x1"', 'last-modified': new Date().toUTCString() });
        }
        a.bytes = data; // a single Put Blob
        return reply(201, undefined, { etag: '"0x1"', 'last-modified': new Date().toUTCString() });
      }
      return reply(404);
    })().catch(() => {
      res.statusCode = 500;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const addr = server.address();
  base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/`;
  return {
    url: base,
    token,
    env: { ACTIONS_RESULTS_URL: base, ACTIONS_RUNTIME_TOKEN: token },
    artifacts,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
