export const id = 2566;
export const ids = [2566];
export const modules = {

/***/ 22566:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   koyebClient: () => (/* binding */ koyebClient),
/* harmony export */   koyebRollbackError: () => (/* binding */ koyebRollbackError),
/* harmony export */   readKoyebRollbackInputs: () => (/* binding */ readKoyebRollbackInputs),
/* harmony export */   rollbackKoyeb: () => (/* binding */ rollbackKoyeb)
/* harmony export */ });
/* harmony import */ var _lib_duration_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(39386);
/* harmony import */ var _lib_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(61469);
/* harmony import */ var _lib_koyeb_client_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(83386);
/* harmony import */ var _lib_koyeb_deploy_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(53386);
/* harmony import */ var _choose_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(11264);
/* harmony import */ var _choose_koyeb_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(11539);
/* harmony import */ var _lib_koyeb_inputs_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(97620);
// target: koyeb — re-deploys an earlier deployment's definition through the Koyeb API (Koyeb has
// no rollback endpoint; lib/koyeb/deploy redeployDeployment) and waits until it is healthy. Until
// then Koyeb keeps the active deployment serving, so a rollback that fails leaves the service as it was.







/** The inputs of target koyeb: the same names and checks as deploy-koyeb (lib/koyeb/inputs). */
function readKoyebRollbackInputs(inputs) {
    return {
        ...(0,_lib_koyeb_inputs_js__WEBPACK_IMPORTED_MODULE_6__/* .readKoyebServiceInputs */ .rt)(inputs),
        timeoutMs: inputs.duration('timeout', '10m', { min: 1000, max: 6 * 3_600_000 }),
        pollIntervalMs: inputs.duration('poll-interval', '5s', { min: 100, max: 300_000 }),
    };
}
/** The service's deployments, newest first, at most `max` (GET /v1/deployments?service_id=, paged). */
async function listAll(client, serviceId, max = 300) {
    const all = [];
    for (let offset = 0; all.length < max;) {
        const page = await client.listDeployments({ serviceId, limit: 100, offset });
        all.push(...page.items);
        if (!page.hasNext || page.items.length === 0)
            break;
        offset += page.items.length;
    }
    return all;
}
async function rollbackKoyeb(client, cfg, opts) {
    const started = Date.now();
    const { service, deployments } = await opts.group('Read the service and its deployments', async () => {
        const s = await (0,_lib_koyeb_deploy_js__WEBPACK_IMPORTED_MODULE_3__.resolveService)(client, cfg.service);
        const list = await listAll(client, s.id);
        opts.log(`${(0,_lib_koyeb_deploy_js__WEBPACK_IMPORTED_MODULE_3__.describeServiceRef)(cfg.service)}: ${list.length} deployment(s); active: ${s.active_deployment_id || 'none'}`);
        return { service: s, deployments: list };
    });
    const activeId = (0,_lib_koyeb_deploy_js__WEBPACK_IMPORTED_MODULE_3__.presentId)(service.active_deployment_id);
    if (!activeId) {
        throw new _choose_js__WEBPACK_IMPORTED_MODULE_4__/* .NoRollbackTargetError */ .P8(`${(0,_lib_koyeb_deploy_js__WEBPACK_IMPORTED_MODULE_3__.describeServiceRef)(cfg.service)} has no active deployment: nothing runs, so there is nothing to roll back from.`);
    }
    if (!deployments.some((d) => d.id === activeId))
        deployments.push(await client.getDeployment(activeId));
    const active = deployments.find((d) => d.id === activeId);
    if (opts.onlyFrom !== undefined && activeId !== opts.onlyFrom && (0,_choose_koyeb_js__WEBPACK_IMPORTED_MODULE_5__/* .imageOf */ .dT)(active) !== opts.onlyFrom) {
        opts.log(`The active deployment is ${activeId} (${(0,_choose_koyeb_js__WEBPACK_IMPORTED_MODULE_5__/* .imageOf */ .dT)(active) ?? '?'}), not ${opts.onlyFrom} ('from'): nothing to roll back.`);
        return {
            serviceId: service.id,
            serviceName: service.name ?? service.id,
            choice: { active, target: active, noop: true, notes: [] },
            deploymentId: undefined,
            status: undefined,
            outcome: 'unchanged',
            timeline: [],
            error: undefined,
            durationMs: Date.now() - started,
        };
    }
    const choice = (0,_choose_koyeb_js__WEBPACK_IMPORTED_MODULE_5__/* .chooseKoyebTarget */ .z4)(deployments, activeId, opts.to);
    for (const note of choice.notes)
        opts.warn(note);
    const base = {
        serviceId: service.id,
        serviceName: service.name ?? service.id,
        choice,
        deploymentId: undefined,
        status: undefined,
        timeline: [],
        error: undefined,
    };
    const what = `${choice.active.id} (${(0,_choose_koyeb_js__WEBPACK_IMPORTED_MODULE_5__/* .imageOf */ .dT)(choice.active) ?? '?'}) → the definition of ${choice.target.id} (${(0,_choose_koyeb_js__WEBPACK_IMPORTED_MODULE_5__/* .imageOf */ .dT)(choice.target) ?? '?'})`;
    if (choice.noop) {
        opts.log(`The service already runs the definition of ${choice.target.id}: nothing to do.`);
        return { ...base, outcome: 'unchanged', durationMs: Date.now() - started };
    }
    if (opts.dryRun) {
        opts.log(`dry-run: would roll back ${what}: PUT /v1/services/${service.id} with that definition, then wait up to ${(0,_lib_duration_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a)(cfg.timeoutMs)} for it to be HEALTHY.`);
        return { ...base, outcome: 'dry-run', durationMs: Date.now() - started };
    }
    const pinned = await opts.onDecided?.(choice);
    const image = pinned !== undefined && pinned !== (0,_choose_koyeb_js__WEBPACK_IMPORTED_MODULE_5__/* .imageOf */ .dT)(choice.target) ? pinned : undefined;
    opts.log(`Rolling back ${what}${image ? `, its image pinned to ${image}` : ''}.`);
    const redeployed = await (0,_lib_koyeb_deploy_js__WEBPACK_IMPORTED_MODULE_3__.redeployDeployment)(client, {
        serviceId: service.id,
        deploymentId: choice.target.id,
        ...(image ? { image } : {}),
        log: opts.log,
    });
    const deploymentId = redeployed.deploymentId;
    try {
        const watch = await opts.group(`Wait for deployment ${deploymentId}`, () => (0,_lib_koyeb_deploy_js__WEBPACK_IMPORTED_MODULE_3__.waitForDeployment)(client, deploymentId, {
            timeoutMs: cfg.timeoutMs,
            pollIntervalMs: cfg.pollIntervalMs,
            log: opts.log,
            label: 'rollback',
            since: started,
        }));
        const result = {
            ...base,
            deploymentId,
            status: watch.decision.status,
            outcome: watch.decision.kind,
            timeline: watch.timeline,
            durationMs: Date.now() - started,
        };
        if (watch.decision.kind === 'timeout')
            await (0,_lib_koyeb_deploy_js__WEBPACK_IMPORTED_MODULE_3__.cancelIfCancellable)(client, watch.deployment, opts.log).catch(() => false);
        if (watch.decision.kind !== 'healthy') {
            const messages = (watch.deployment.messages ?? []).slice(-3).join(' ');
            result.error =
                `The rollback deployment ${deploymentId} ${watch.decision.kind === 'timeout' ? `was still ${watch.decision.status} after ${(0,_lib_duration_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a)(cfg.timeoutMs)}` : `ended ${watch.decision.status}`}` +
                    `${messages ? ` (${messages})` : ''}. Koyeb keeps the active deployment ${choice.active.id} serving: the service is as it was.`;
        }
        return result;
    }
    catch (error) {
        return {
            ...base,
            deploymentId,
            outcome: 'error',
            error: `Deployment ${deploymentId} was created, but following it failed: ${(0,_lib_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .gJ)(error)}. Check it in the Koyeb console.`,
            durationMs: Date.now() - started,
        };
    }
}
/** The client for the rollback's API calls; the token is only ever sent in the Authorization header. */
function koyebClient(cfg) {
    return new _lib_koyeb_client_js__WEBPACK_IMPORTED_MODULE_2__.KoyebClient({
        token: cfg.token,
        apiUrl: cfg.apiUrl,
        tokenHint: "Check the 'api-token' input: a Koyeb API token from the Koyeb control panel, passed from a secret.",
    });
}
/** The error main throws for a Koyeb rollback that did not end healthy. */
function koyebRollbackError(result) {
    return result.error ? new _lib_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .OperationError */ .OK(result.error) : undefined;
}


/***/ }),

/***/ 97620:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   rt: () => (/* binding */ readKoyebServiceInputs)
/* harmony export */ });
/* unused harmony exports parseServiceRef, parseApiUrl */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(61469);
/* harmony import */ var _types_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(70256);
// The inputs every stage that talks to Koyeb reads (deploy-koyeb, rollback with target: koyeb):
// the API token, the API URL and the service, with the same names, checks and messages.


const SERVICE_ID_EXAMPLE = `service-id: \${{ vars.KOYEB_SERVICE_ID }}`;
/** Reads api-token (required, masked), api-url and the service (service-id, or app + service). */
function readKoyebServiceInputs(inputs) {
    const token = inputs.secret('api-token', { required: true });
    const apiUrl = parseApiUrl(inputs.string('api-url', { default: _types_js__WEBPACK_IMPORTED_MODULE_1__/* .DEFAULT_KOYEB_API_URL */ .w }));
    const service = parseServiceRef(inputs);
    return { token, apiUrl, service };
}
/** `service-id`, or `app` and `service` names — exactly one of the two forms. */
function parseServiceRef(inputs) {
    const id = inputs.optionalString('service-id');
    const app = inputs.optionalString('app');
    const name = inputs.optionalString('service');
    if (id !== undefined) {
        if (app !== undefined || name !== undefined) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1('service-id', "give either 'service-id', or 'app' and 'service' — not both.", SERVICE_ID_EXAMPLE);
        }
        return { serviceId: id };
    }
    if (app !== undefined && name !== undefined)
        return { app, service: name };
    if (app !== undefined || name !== undefined) {
        const missing = app === undefined ? 'app' : 'service';
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(missing, "is required with the other: a service is named by its app's name and its own name.", 'app: shop\n    service: web');
    }
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1('service-id', "is required (or give 'app' and 'service' names instead).", SERVICE_ID_EXAMPLE);
}
/** https only — a token must not travel in clear — except to a loopback address (tests, proxies). */
function parseApiUrl(text) {
    let url;
    try {
        url = new URL(text);
    }
    catch {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1('api-url', `is not a URL: '${text}'.`, `api-url: ${_types_js__WEBPACK_IMPORTED_MODULE_1__/* .DEFAULT_KOYEB_API_URL */ .w}`);
    }
    if (url.username || url.password || url.search || url.hash) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1('api-url', 'must be a base URL without credentials, query or fragment.', `api-url: ${_types_js__WEBPACK_IMPORTED_MODULE_1__/* .DEFAULT_KOYEB_API_URL */ .w}`);
    }
    const loopback = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/.test(url.hostname);
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1('api-url', `must be an https:// URL (plain http is allowed only for a loopback address), got '${text}'.`, `api-url: ${_types_js__WEBPACK_IMPORTED_MODULE_1__/* .DEFAULT_KOYEB_API_URL */ .w}`);
    }
    return url.toString().replace(/\/+$/, '');
}


/***/ }),

/***/ 70256:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   w: () => (/* binding */ DEFAULT_KOYEB_API_URL)
/* harmony export */ });
/* unused harmony export DEPLOYMENT_STATUSES */
// The parts of Koyeb's REST API that ops-actions reads and writes, as published in
// koyeb/koyeb-api-client-go `api/v1/koyeb/openapi.json` (Swagger 2.0, host app.koyeb.com).
// Objects keep every field the API returns: a deployment definition is sent back to the API
// as it was read, with only the fields we mean to change replaced.
/** The API's host in the spec. Here, not in client.ts, so that reading the inputs does not load zod. */
const DEFAULT_KOYEB_API_URL = 'https://app.koyeb.com';
/** `Deployment.Status` in the spec, in the spec's order. */
const DEPLOYMENT_STATUSES = (/* unused pure expression or super */ null && ([
    'PENDING',
    'PROVISIONING',
    'SCHEDULED',
    'CANCELING',
    'CANCELED',
    'ALLOCATING',
    'STARTING',
    'HEALTHY',
    'DEGRADED',
    'UNHEALTHY',
    'STOPPING',
    'STOPPED',
    'ERRORING',
    'ERROR',
    'STASHED',
    'SLEEPING',
]));


/***/ })

};
