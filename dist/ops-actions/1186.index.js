export const id = 1186;
export const ids = [1186];
export const modules = {

/***/ 1186:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   pushAttestation: () => (/* binding */ pushAttestation)
/* harmony export */ });
/* unused harmony exports BUNDLE_MEDIA_TYPE, ociImageName */
/* harmony import */ var _lib_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(61469);
/* harmony import */ var _lib_provenance_resolve_digest_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(45551);
// attest-push: true — the Sigstore bundle of an attestation is also pushed to the image's own
// repository as an OCI artifact whose `subject` is the image digest, as
// actions/attest-build-provenance `push-to-registry` does, with the same library (@sigstore/oci
// attachArtifactToImage). Registries with the referrers API list it there; others (distribution
// 2.x) get the referrers tag schema: an OCI index tagged `sha256-<hex>` listing it. Registries are
// reached over https, except localhost and 127.0.0.1 (http), as @sigstore/oci decides.


/** The media type (and so the artifactType) of a v0.3 Sigstore bundle. */
const BUNDLE_MEDIA_TYPE = 'application/vnd.dev.sigstore.bundle.v0.3+json';
const PROVENANCE_PREDICATE = 'https://slsa.dev/provenance/v1';
/** The fully qualified `registry/path` @sigstore/oci needs (it does not add docker.io itself). */
function ociImageName(name) {
    const { registry, path } = (0,_lib_provenance_resolve_digest_js__WEBPACK_IMPORTED_MODULE_1__/* .imageParts */ .C)(name);
    return `${registry}/${path}`;
}
/** Pushes the bundle as a referrer of the image; returns the artifact manifest's digest. */
async function pushAttestation(push) {
    const { attachArtifactToImage } = await Promise.all(/* import() */[__webpack_require__.e(2830), __webpack_require__.e(2088), __webpack_require__.e(8275), __webpack_require__.e(4403), __webpack_require__.e(1057)]).then(__webpack_require__.t.bind(__webpack_require__, 81057, 19));
    const bundle = push.bundle;
    const mediaType = typeof bundle.mediaType === 'string' ? bundle.mediaType : BUNDLE_MEDIA_TYPE;
    try {
        const descriptor = await attachArtifactToImage({
            imageName: ociImageName(push.name),
            imageDigest: push.digest,
            artifact: Buffer.from(JSON.stringify(push.bundle)),
            mediaType,
            annotations: {
                'dev.sigstore.bundle.content': 'dsse-envelope',
                'dev.sigstore.bundle.predicateType': PROVENANCE_PREDICATE,
            },
            credentials: push.credentials,
            // proxy/noProxy are required by the declared type (make-fetch-happen ships no types);
            // undefined keeps its default: the HTTPS_PROXY / NO_PROXY environment
            fetchOpts: { timeout: 30_000, retry: { retries: push.retries }, proxy: undefined, noProxy: undefined },
        });
        return descriptor.digest;
    }
    catch (error) {
        throw new _lib_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .OperationError */ .OK(`attest-push: could not push the attestation of ${push.name}@${push.digest} to the registry: ${causeChain(error)}. ` +
            'The attestation itself was made and is stored in GitHub (verify-provenance finds it there); only the copy in the registry is missing. ' +
            'Check that username/password may push to this repository, or set attest-push: false.');
    }
}
/** "Error uploading artifact to container registry" says little alone: add what caused it. */
function causeChain(error) {
    const parts = [];
    for (let e = error; e !== undefined && parts.length < 4;) {
        parts.push((0,_lib_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorMessage */ .gJ)(e));
        e = e instanceof Error ? e.cause : undefined;
    }
    return parts.join(': ');
}


/***/ }),

/***/ 45551:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   C: () => (/* binding */ imageParts),
/* harmony export */   j: () => (/* binding */ resolveDigest)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(61469);
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
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .OperationError */ .OK(`'${image}' has a digest that is not sha256:<64 hex>.`);
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
    const fail = (why) => new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .OperationError */ .OK(`Could not resolve ${image} to a digest (${why}): provenance is verified for a digest. ` +
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
        if (error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .OperationError */ .OK)
            throw error;
        throw fail(error instanceof Error ? error.message : String(error));
    }
}


/***/ })

};
