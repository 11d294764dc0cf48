export const id = 232;
export const ids = [232];
export const modules = {

/***/ 99851:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  verifyImagesProvenance: () => (/* binding */ verifyImagesProvenance)
});

// UNUSED EXPORTS: ProvenanceRefusedError

// EXTERNAL MODULE: ./build/lib/errors.js
var lib_errors = __webpack_require__(61469);
// EXTERNAL MODULE: ./build/lib/github/client.js
var client = __webpack_require__(20835);
;// CONCATENATED MODULE: ./build/lib/provenance/attestations-api.js
// Reads the attestations GitHub stores for a subject digest: "List attestations" of the REST API,
// GET /repos/{owner}/{repo}/attestations/{subject_digest} (or /orgs/{org}/… and /users/{user}/…
// for an owner). Reply: `{ "attestations": [{ "bundle": {…Sigstore bundle…}, "repository_id": 1,
// "bundle_url": "…" }] }`; 404 when there are none. A bundle left out of the listing (`bundle`
// null) is read from its `bundle_url`. Nothing here is trusted: every bundle is verified after.


/** The bundles GitHub has for `digest` (`sha256:…`): [] when it has none. */
async function fetchAttestationBundles(source, digest) {
    const paths = source.repository
        ? [`/repos/${source.repository}/attestations/${digest}`]
        : [
            `/orgs/${source.owner ?? ''}/attestations/${digest}`,
            `/users/${source.owner ?? ''}/attestations/${digest}`,
        ];
    for (const path of paths) {
        const reply = await get(source, `${source.apiUrl}${path}?per_page=100`);
        if (reply.status === 404)
            continue;
        const list = reply.body.attestations ?? [];
        const bundles = [];
        for (const a of list) {
            if (a.bundle)
                bundles.push(a.bundle);
            else if (a.bundle_url)
                bundles.push((await get(source, a.bundle_url, false)).body);
        }
        return bundles;
    }
    return [];
}
async function get(source, url, authenticated = true) {
    let res;
    try {
        res = await fetch(url, {
            headers: {
                Accept: 'application/vnd.github+json',
                'X-GitHub-Api-Version': client/* GITHUB_API_VERSION */.a9,
                'User-Agent': 'ops-actions',
                ...(authenticated && source.token ? { Authorization: `Bearer ${source.token}` } : {}),
            },
            signal: AbortSignal.timeout(source.timeoutMs ?? 30_000),
        });
    }
    catch (error) {
        throw new lib_errors/* OperationError */.OK(`Could not read the attestations from GitHub (${new URL(url).origin}): ${(0,lib_errors/* errorMessage */.gJ)(error)}.`);
    }
    if (res.status === 404)
        return { status: 404, body: undefined };
    const text = await res.text();
    if (res.status === 401 || res.status === 403) {
        throw new lib_errors/* OperationError */.OK(`GitHub answered ${res.status} to ${new URL(url).pathname}: the token cannot read attestations. ` +
            'Give the job `permissions: attestations: read` (and `contents: read`) and pass `provenance-token: ${{ github.token }}` (the default).');
    }
    if (res.status !== 200) {
        throw new lib_errors/* OperationError */.OK(`GitHub answered ${res.status} to ${new URL(url).pathname}: ${text.slice(0, 200)}`);
    }
    try {
        return { status: 200, body: JSON.parse(text) };
    }
    catch {
        throw new lib_errors/* OperationError */.OK(`GitHub's reply to ${new URL(url).pathname} is not JSON.`);
    }
}

;// CONCATENATED MODULE: ./build/lib/provenance/resolve-digest.js
// An image given by tag is resolved to its digest before it is verified — and that digest is what
// gets deployed, so the tag cannot move between the check and the pull. One HEAD of the manifest
// (distribution spec: the `Docker-Content-Digest` header), with basic credentials or the
// bearer-token challenge flow (Docker Hub, GHCR, …).

const DIGEST = /^sha256:[a-f0-9]{64}$/;
const ACCEPT = [
    'application/vnd.oci.image.index.v1+json',
    'application/vnd.docker.distribution.manifest.list.v2+json',
    'application/vnd.oci.image.manifest.v1+json',
    'application/vnd.docker.distribution.manifest.v2+json',
].join(', ');
/** Splits `[registry/]path[:tag][@sha256:…]`; Docker Hub names get `docker.io` and `library/`. */
function imageParts(image) {
    const at = image.indexOf('@');
    const digest = at >= 0 ? image.slice(at + 1) : undefined;
    const rest = at >= 0 ? image.slice(0, at) : image;
    const slash = rest.lastIndexOf('/');
    const colon = rest.lastIndexOf(':');
    const tag = colon > slash ? rest.slice(colon + 1) : undefined;
    const repository = colon > slash ? rest.slice(0, colon) : rest;
    const first = repository.split('/')[0] ?? '';
    const hasRegistry = repository.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
    const registry = hasRegistry ? first : 'docker.io';
    let path = hasRegistry ? repository.slice(first.length + 1) : repository;
    if (!hasRegistry && !path.includes('/'))
        path = `library/${path}`;
    return { registry, path, tag, digest, repository };
}
/** The digest `image` names: its own `@sha256:…`, or what its tag points at now. */
async function resolveDigest(image, creds, timeoutMs = 15_000) {
    const parts = imageParts(image);
    if (parts.digest !== undefined) {
        if (!DIGEST.test(parts.digest))
            throw new lib_errors/* OperationError */.OK(`'${image}' has a digest that is not sha256:<64 hex>.`);
        return parts.digest;
    }
    const host = parts.registry === 'docker.io' ? 'registry-1.docker.io' : parts.registry;
    const bare = host.replace(/:\d+$/, '');
    const loopback = bare === 'localhost' || /^127\.\d+\.\d+\.\d+$/.test(bare);
    const url = `${loopback ? 'http' : 'https'}://${host}/v2/${parts.path}/manifests/${parts.tag ?? 'latest'}`;
    const basic = creds
        ? `Basic ${Buffer.from(`${creds.username}:${creds.password}`).toString('base64')}`
        : undefined;
    const head = (authorization) => fetch(url, {
        method: 'HEAD',
        headers: { Accept: ACCEPT, ...(authorization ? { Authorization: authorization } : {}) },
        signal: AbortSignal.timeout(timeoutMs),
    });
    const fail = (why) => new lib_errors/* OperationError */.OK(`Could not resolve ${image} to a digest (${why}): provenance is verified for a digest. ` +
        "Deploy by digest (build-push's `digest` output, e.g. ghcr.io/acme/shop@sha256:…), or give registry credentials.");
    try {
        let res = await head(basic);
        if (res.status === 401) {
            const challenge = /^Bearer\s+(.*)$/i.exec(res.headers.get('www-authenticate') ?? '');
            const params = Object.fromEntries([...(challenge?.[1] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1]?.toLowerCase(), m[2]]));
            if (params['realm']) {
                const tokenUrl = new URL(params['realm']);
                if (params['service'])
                    tokenUrl.searchParams.set('service', params['service']);
                tokenUrl.searchParams.set('scope', params['scope'] ?? `repository:${parts.path}:pull`);
                const t = await fetch(tokenUrl, {
                    headers: basic && tokenUrl.protocol === 'https:' ? { Authorization: basic } : {},
                    signal: AbortSignal.timeout(timeoutMs),
                });
                if (!t.ok)
                    throw fail(`token request: HTTP ${t.status}`);
                const body = (await t.json());
                res = await head(`Bearer ${body.token ?? body.access_token ?? ''}`);
            }
        }
        if (!res.ok)
            throw fail(`HEAD ${url}: HTTP ${res.status}`);
        const digest = res.headers.get('docker-content-digest') ?? '';
        if (!DIGEST.test(digest))
            throw fail('the registry sent no Docker-Content-Digest');
        return digest;
    }
    catch (error) {
        if (error instanceof lib_errors/* OperationError */.OK)
            throw error;
        throw fail(error instanceof Error ? error.message : String(error));
    }
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./node_modules/@sigstore/protobuf-specs/dist/index.js
var dist = __webpack_require__(19654);
;// CONCATENATED MODULE: ./build/lib/provenance/trusted-root.js
// The Sigstore trusted roots a bundle is verified against. Either a recorded file (`trusted-root`:
// one trusted root as JSON, or several as JSON lines — what `gh attestation trusted-root` prints),
// or Sigstore's public-good root through TUF (@sigstore/tuf, with the root of trust it ships).





const TRUSTED_ROOT_INPUT = 'trusted-root';
/** Parses a trusted-root file: one JSON document, or one per line. */
function parseTrustedRoots(text, where) {
    const docs = [];
    try {
        docs.push(JSON.parse(text));
    }
    catch {
        for (const line of text.split(/\r?\n/)) {
            if (line.trim() === '')
                continue;
            try {
                docs.push(JSON.parse(line));
            }
            catch {
                throw new lib_errors/* ConfigurationError */.j1(TRUSTED_ROOT_INPUT, `${where} is neither a trusted root (JSON) nor trusted roots one per line (JSON lines).`, `${TRUSTED_ROOT_INPUT}: .github/trusted_root.jsonl   # gh attestation trusted-root > .github/trusted_root.jsonl`);
            }
        }
    }
    const roots = docs.map((d) => dist.TrustedRoot.fromJSON(d));
    if (roots.length === 0 || roots.some((r) => r.certificateAuthorities.length === 0)) {
        throw new lib_errors/* ConfigurationError */.j1(TRUSTED_ROOT_INPUT, `${where} holds no certificate authority: it is not a Sigstore trusted root.`, `${TRUSTED_ROOT_INPUT}: .github/trusted_root.jsonl`);
    }
    return roots;
}
/** The roots: from `file` when given, else public-good through TUF (needs the network). */
async function loadTrustedRoots(file) {
    if (file !== undefined)
        return parseTrustedRoots((0,external_node_fs_.readFileSync)(file, 'utf8'), `'${file}'`);
    try {
        const { getTrustedRoot } = await Promise.all(/* import() */[__webpack_require__.e(830), __webpack_require__.e(694)]).then(__webpack_require__.t.bind(__webpack_require__, 84423, 19));
        const cachePath = (0,external_node_path_.join)(process.env['RUNNER_TEMP'] || (0,external_node_os_.tmpdir)(), 'ops-actions-sigstore-tuf');
        return [await getTrustedRoot({ cachePath })];
    }
    catch (error) {
        throw new lib_errors/* OperationError */.OK(`Could not get Sigstore's trusted root through TUF: ${(0,lib_errors/* errorMessage */.gJ)(error)}. ` +
            `Give a recorded one with '${TRUSTED_ROOT_INPUT}' (gh attestation trusted-root > trusted_root.jsonl).`);
    }
}

// EXTERNAL MODULE: ./node_modules/@sigstore/bundle/dist/index.js
var bundle_dist = __webpack_require__(61040);
// EXTERNAL MODULE: ./node_modules/@sigstore/verify/dist/index.js
var verify_dist = __webpack_require__(54187);
// EXTERNAL MODULE: ./node_modules/@sigstore/core/dist/index.js
var core_dist = __webpack_require__(83917);
;// CONCATENATED MODULE: ./build/lib/provenance/facts.js

const FULCIO = '1.3.6.1.4.1.57264.1';
const OID = {
    issuerV1: `${FULCIO}.1`,
    issuer: `${FULCIO}.8`,
    runnerEnvironment: `${FULCIO}.11`,
    sourceRepositoryUri: `${FULCIO}.12`,
    sourceRef: `${FULCIO}.14`,
    sourceRepositoryOwnerUri: `${FULCIO}.16`,
};
const IN_TOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';
/** The facts of a verified bundle; throws when it holds no in-toto statement or no certificate. */
function attestationFacts(bundle) {
    const cert = core_dist.X509Certificate.parse(Buffer.from(leafCertificate(bundle)));
    const statement = inTotoStatement(bundle);
    return {
        subjectDigests: statement.subjectDigests,
        predicateType: statement.predicateType,
        issuer: utf8Extension(cert, OID.issuer) ?? rawExtension(cert, OID.issuerV1),
        signerWorkflowUri: cert.subjectAltName,
        sourceRepositoryUri: utf8Extension(cert, OID.sourceRepositoryUri),
        sourceRepositoryOwnerUri: utf8Extension(cert, OID.sourceRepositoryOwnerUri),
        sourceRef: utf8Extension(cert, OID.sourceRef),
        runnerEnvironment: utf8Extension(cert, OID.runnerEnvironment),
    };
}
function leafCertificate(bundle) {
    const content = bundle.verificationMaterial.content;
    if (content.$case === 'certificate')
        return content.certificate.rawBytes;
    if (content.$case === 'x509CertificateChain') {
        const first = content.x509CertificateChain.certificates[0];
        if (first)
            return first.rawBytes;
    }
    throw new Error('the bundle is signed with a key, not a Fulcio certificate: it says nothing about who built the image');
}
function inTotoStatement(bundle) {
    if (bundle.content.$case !== 'dsseEnvelope') {
        throw new Error('the bundle signs a message, not an in-toto statement');
    }
    const envelope = bundle.content.dsseEnvelope;
    if (envelope.payloadType !== IN_TOTO_PAYLOAD_TYPE) {
        throw new Error(`the bundle's payload is ${envelope.payloadType}, not an in-toto statement`);
    }
    const statement = JSON.parse(envelope.payload.toString('utf8'));
    const subjectDigests = (statement.subject ?? []).flatMap((s) => Object.entries(s.digest ?? {}).map(([alg, hex]) => `${alg.toLowerCase()}:${String(hex).toLowerCase()}`));
    return { subjectDigests, predicateType: statement.predicateType ?? '' };
}
/** A Fulcio v2 extension: its value is a DER UTF8String. */
function utf8Extension(cert, oid) {
    const ext = cert.extension(oid);
    return ext?.valueObj.subs[0]?.value.toString('utf8') ?? undefined;
}
/** A Fulcio v1 extension: its value is the raw string. */
function rawExtension(cert, oid) {
    return cert.extension(oid)?.value.toString('utf8');
}

// EXTERNAL MODULE: ./build/lib/provenance/policy.js
var provenance_policy = __webpack_require__(47182);
;// CONCATENATED MODULE: ./build/lib/provenance/verify.js
// Verifies that a digest may be deployed: fetches its attestations from GitHub, verifies each
// bundle with @sigstore/verify (certificate chain to a trusted Fulcio CA at the signing time,
// the transparency-log entry or signed timestamp, the signature over the DSSE envelope) and then
// checks what the verifier does not: the in-toto subject is this digest, the predicate type, and
// the identity policy (lib/provenance/policy.ts). One attestation that passes everything is enough.





/** One verifier per trusted root: public-good needs a Rekor entry; an instance without a
 * transparency log (GitHub's own) needs a signed timestamp instead, as `gh attestation verify` does. */
function verifiersFor(roots) {
    return roots.map((root) => root.tlogs.length > 0
        ? new verify_dist/* Verifier */.BL((0,verify_dist/* toTrustMaterial */.jO)(root))
        : new verify_dist/* Verifier */.BL((0,verify_dist/* toTrustMaterial */.jO)(root), { tlogThreshold: 0, ctlogThreshold: 0, timestampThreshold: 1 }));
}
/** The verdict for one bundle (JSON as GitHub stores it). */
function verifyBundle(json, digest, policy, verifiers) {
    let bundle;
    try {
        bundle = (0,bundle_dist/* bundleFromJSON */.vw)(json);
    }
    catch (error) {
        return badSignature(`the bundle is malformed (${(0,lib_errors/* errorMessage */.gJ)(error)}).`);
    }
    const errors = [];
    let verified = false;
    for (const verifier of verifiers) {
        try {
            verifier.verify((0,verify_dist/* toSignedEntity */.DC)(bundle));
            verified = true;
            break;
        }
        catch (error) {
            errors.push((0,lib_errors/* errorMessage */.gJ)(error));
        }
    }
    if (!verified)
        return badSignature(`${[...new Set(errors)].join('; ')}.`);
    let facts;
    try {
        facts = attestationFacts(bundle);
    }
    catch (error) {
        return {
            ok: false,
            reason: 'wrong-predicate-type',
            message: `${(0,lib_errors/* errorMessage */.gJ)(error)}.`,
            fix: 'Attest the image with build-push `attest: true` (SLSA provenance for the pushed digest).',
        };
    }
    return (0,provenance_policy/* evaluatePolicy */.Uz)(facts, digest, policy);
}
function badSignature(message) {
    return {
        ok: false,
        reason: 'bad-signature',
        message: `its signature does not verify against the trusted root: ${message}`,
        fix: "The attestation was altered or signed by an untrusted Sigstore instance. Re-run the build with `attest: true`; for a private repository (GitHub's Sigstore instance) give `trusted-root` from `gh attestation trusted-root`.",
    };
}
/** The best verdict over all bundles: the first that passes, else the refusal that got furthest. */
function verifyBundles(bundles, digest, policy, verifiers) {
    if (bundles.length === 0) {
        return {
            ok: false,
            reason: 'no-attestation',
            message: `GitHub has no attestation for ${digest}${policy.repository ? ` in ${policy.repository}` : policy.owner ? ` under ${policy.owner}` : ''}.`,
            fix: 'Build and push the image with build-push `attest: true` (job permissions `id-token: write`, `attestations: write`) and deploy its `digest` output.',
        };
    }
    let best;
    for (const json of bundles) {
        const verdict = verifyBundle(json, digest, policy, verifiers);
        if (verdict.ok)
            return verdict;
        if (!best || provenance_policy/* REFUSAL_ORDER */.Gu.indexOf(verdict.reason) > provenance_policy/* REFUSAL_ORDER */.Gu.indexOf(best.reason))
            best = verdict;
    }
    return best;
}

;// CONCATENATED MODULE: ./build/lib/provenance/gate.js
// What a deploy stage calls before it touches any server: for each image, resolve it to a digest,
// fetch and verify its attestations, and refuse with the reason and what to change — or log who
// built it and hand back the digest-pinned reference to deploy. Loaded lazily (only when
// `verify-provenance: true`), so stages that do not verify never load the Sigstore libraries.





/** A refused image: `reason` says why, the message what to change. Nothing was deployed. */
class ProvenanceRefusedError extends lib_errors/* OperationError */.OK {
    image;
    reason;
    name = 'ProvenanceRefusedError';
    constructor(image, reason, message) {
        super(message, { image, reason });
        this.image = image;
        this.reason = reason;
    }
}
const TITLES = {
    'no-attestation': 'no attestation',
    'bad-signature': 'bad signature',
    'wrong-subject': 'attestation for another digest',
    'wrong-predicate-type': 'wrong predicate type',
    'wrong-issuer': 'wrong issuer',
    'wrong-repository': 'wrong repository',
    'wrong-workflow': 'wrong signer workflow',
    'wrong-source-ref': 'wrong source ref',
    'self-hosted-runner': 'built on a self-hosted runner',
};
/** Verifies every image (in order); throws ProvenanceRefusedError at the first that fails. */
async function verifyImagesProvenance(images, inputs, options) {
    const verifiers = verifiersFor(await loadTrustedRoots(inputs.trustedRoot));
    const out = [];
    for (const image of images) {
        const bare = /^sha256:[a-f0-9]{64}$/.test(image);
        const digest = bare ? image : await resolveDigest(image, options.registry);
        const bundles = await fetchAttestationBundles({
            apiUrl: inputs.apiUrl,
            token: inputs.token,
            repository: inputs.policy.repository,
            owner: inputs.policy.owner,
        }, digest);
        const verdict = verifyBundles(bundles, digest, inputs.policy, verifiers);
        if (!verdict.ok) {
            throw new ProvenanceRefusedError(image, verdict.reason, `Refused to deploy ${image}${image.endsWith(digest) ? '' : ` (${digest})`}: ${TITLES[verdict.reason]} — ` +
                `${verdict.message} Nothing was deployed.\n  To fix: ${verdict.fix}`);
        }
        const pinned = bare ? digest : `${imageParts(image).repository}@${digest}`;
        options.log(`Provenance verified: ${pinned} was built by ${verdict.signerWorkflow} from ${verdict.sourceRepository} at ${verdict.sourceRef}.`);
        out.push({
            image,
            digest,
            pinned,
            signerWorkflow: verdict.signerWorkflow,
            sourceRepository: verdict.sourceRepository,
            sourceRef: verdict.sourceRef,
        });
    }
    return out;
}


/***/ })

};
