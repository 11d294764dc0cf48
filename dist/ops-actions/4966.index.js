export const id = 4966;
export const ids = [4966,1374,8993];
export const modules = {

/***/ 34966:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   MaybeAppliedError: () => (/* binding */ MaybeAppliedError),
/* harmony export */   deployToKoyeb: () => (/* binding */ deployToKoyeb),
/* harmony export */   failureMessage: () => (/* binding */ failureMessage),
/* harmony export */   rollbackSentence: () => (/* binding */ rollbackSentence)
/* harmony export */ });
/* harmony import */ var _lib_duration_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(39386);
/* harmony import */ var _lib_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(61469);
/* harmony import */ var _lib_koyeb_client_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(83386);
/* harmony import */ var _lib_koyeb_deploy_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(53386);
/* harmony import */ var _lib_koyeb_status_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(61323);
/* harmony import */ var _lib_retry_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(81374);
/* harmony import */ var _plan_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(71118);
// The deploy-koyeb flow: read the service and its current definition, PUT the definition with the
// new image, follow the new deployment, and on failure or timeout cancel it and re-deploy the
// definition of the deployment that was active before. Returns a report; never half-reports.







/** A PUT failed in a way that leaves it unknown whether Koyeb applied it. */
class MaybeAppliedError extends _lib_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .OperationError */ .OK {
    name = 'MaybeAppliedError';
}
async function deployToKoyeb(client, inputs, hooks) {
    const { log, warn, group } = hooks;
    const output = hooks.output ?? (() => { });
    const watchOpts = { timeoutMs: inputs.timeoutMs, pollIntervalMs: inputs.pollIntervalMs, log };
    const read = await group(`Read ${(0,_lib_koyeb_deploy_js__WEBPACK_IMPORTED_MODULE_3__.describeServiceRef)(inputs.service)}`, async () => {
        const service = await (0,_lib_koyeb_deploy_js__WEBPACK_IMPORTED_MODULE_3__.resolveService)(client, inputs.service);
        const activeId = (0,_lib_koyeb_deploy_js__WEBPACK_IMPORTED_MODULE_3__.presentId)(service.active_deployment_id);
        const latestId = (0,_lib_koyeb_deploy_js__WEBPACK_IMPORTED_MODULE_3__.presentId)(service.latest_deployment_id);
        log(`Service ${service.name ?? service.id} (${service.id}): ${service.status ?? 'status unknown'}; active deployment ${activeId ?? 'none'}, latest ${latestId ?? 'none'}.`);
        if (!latestId) {
            throw new _lib_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .OperationError */ .OK(`Service ${service.name ?? service.id} has no deployment yet, so there is no definition to update. Deploy it once from the Koyeb console or CLI.`);
        }
        // Like the Koyeb CLI and console, start from the latest deployment's definition: it holds
        // the service's current configuration, including changes saved without deploying.
        const latest = await client.getDeployment(latestId);
        if (!latest.definition)
            throw new _lib_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .OperationError */ .OK(`Deployment ${latestId} has no definition.`);
        if (latestId !== activeId && (0,_lib_koyeb_status_js__WEBPACK_IMPORTED_MODULE_4__/* .statusMeaning */ .uj)(latest.status).phase === 'pending') {
            warn(`Deployment ${latestId} is still ${latest.status}; this deploy replaces it.`);
        }
        if (!activeId)
            warn('The service has no active (healthy) deployment: there is nothing to roll back to.');
        const plan = (0,_plan_js__WEBPACK_IMPORTED_MODULE_6__/* .planDefinition */ .fw)(latest.definition, inputs.image, inputs.env);
        for (const change of plan.changes)
            log(`Plan: ${change}`);
        return { service, activeId, latestId, plan };
    });
    const report = {
        service: { id: read.service.id, name: read.service.name, appId: read.service.app_id },
        plan: read.plan,
        outcome: 'dry-run',
        previousDeploymentId: read.activeId,
        messages: [],
        timeline: [],
        cancelled: false,
        timeoutMs: inputs.timeoutMs,
    };
    output('service-id', report.service.id);
    output('previous-koyeb-deployment-id', report.previousDeploymentId ?? '');
    if (inputs.dryRun) {
        await group('Validate (dry run)', async () => {
            await client.updateService(read.service.id, { definition: read.plan.definition }, { dryRun: true });
            log('Koyeb validated the new definition (dry_run=true); nothing was deployed.');
        });
        return report;
    }
    // the timeline counts from here; the timeout counts from each deployment's creation
    const deployStarted = Date.now();
    const applied = await group('Deploy', async () => {
        try {
            const result = await (0,_lib_koyeb_deploy_js__WEBPACK_IMPORTED_MODULE_3__.applyDefinition)(client, {
                serviceId: read.service.id,
                definition: read.plan.definition,
                knownLatestId: read.latestId,
                log,
            });
            log(`Koyeb created deployment ${result.deploymentId} with image ${read.plan.image}.`);
            return result;
        }
        catch (error) {
            if ((0,_lib_koyeb_client_js__WEBPACK_IMPORTED_MODULE_2__.isAmbiguousFailure)(error) || error instanceof _lib_retry_js__WEBPACK_IMPORTED_MODULE_5__/* .RetryError */ .J_) {
                throw new MaybeAppliedError(`${(0,_lib_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .gJ)(error)}\nThe update may or may not have been applied: check service ${read.service.name ?? read.service.id} in the Koyeb console.`);
            }
            throw error;
        }
    });
    report.deploymentId = applied.deploymentId;
    output('koyeb-deployment-id', applied.deploymentId);
    await hooks.created?.(applied.deploymentId, read.plan.image);
    if (!inputs.wait) {
        const deployment = await client.getDeployment(applied.deploymentId);
        report.status = deployment.status;
        report.outcome = 'not-waited';
        log(`Not waiting (wait: false): deployment ${applied.deploymentId} is ${deployment.status}.`);
        return report;
    }
    let last;
    try {
        const watch = await group(`Wait for deployment ${applied.deploymentId}`, () => (0,_lib_koyeb_deploy_js__WEBPACK_IMPORTED_MODULE_3__.waitForDeployment)(client, applied.deploymentId, { ...watchOpts, since: deployStarted }));
        report.timeline = watch.timeline;
        report.status = watch.decision.status;
        report.outcome = watch.decision.kind;
        last = watch.deployment;
    }
    catch (error) {
        // The API stopped answering (after retries): the deployment's fate is unknown, so it is left
        // alone rather than rolled back blind.
        report.outcome = 'watch-error';
        report.error = (0,_lib_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .gJ)(error);
        return report;
    }
    if (report.outcome === 'healthy') {
        report.serviceUrl = await (0,_lib_koyeb_deploy_js__WEBPACK_IMPORTED_MODULE_3__.findServiceUrl)(client, read.service.app_id, read.plan.definition, warn);
        log(`Deployment ${applied.deploymentId} is ${report.status}.${report.serviceUrl ? ` ${report.serviceUrl}` : ''}`);
        return report;
    }
    report.messages = (last.messages ?? []).slice(-5);
    await group('Roll back', async () => {
        if (report.outcome === 'timeout') {
            warn(`Deployment ${applied.deploymentId} is still ${report.status} after ${(0,_lib_duration_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a)(inputs.timeoutMs)}.`);
        }
        else {
            warn(`Deployment ${applied.deploymentId} ended ${report.status}.`);
        }
        try {
            report.cancelled = await (0,_lib_koyeb_deploy_js__WEBPACK_IMPORTED_MODULE_3__.cancelIfCancellable)(client, last, log);
            if (report.cancelled) {
                const after = await client.getDeployment(applied.deploymentId);
                const status = after.status ?? 'CANCELING';
                report.timeline = [
                    ...report.timeline,
                    { deploymentId: applied.deploymentId, status, elapsedMs: Date.now() - deployStarted, messages: [] },
                ];
            }
        }
        catch (error) {
            warn(`Could not cancel deployment ${applied.deploymentId}: ${(0,_lib_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .gJ)(error)}`);
        }
        report.rollback = await rollBack(client, inputs, read.service.id, read.activeId, watchOpts, log, deployStarted);
    });
    return report;
}
async function rollBack(client, inputs, serviceId, previousId, watchOpts, log, since) {
    const base = { fromDeploymentId: previousId, timeline: [] };
    if (!inputs.rollbackOnFailure)
        return { ...base, outcome: 'skipped', reason: "'rollback-on-failure' is false" };
    if (!previousId) {
        return { ...base, outcome: 'skipped', reason: 'the service had no active deployment before this deploy' };
    }
    let deploymentId;
    try {
        log(`Re-deploying the definition of deployment ${previousId}, which was active before.`);
        const redeployed = await (0,_lib_koyeb_deploy_js__WEBPACK_IMPORTED_MODULE_3__.redeployDeployment)(client, { serviceId, deploymentId: previousId, log });
        deploymentId = redeployed.deploymentId;
        log(`Rollback deployment ${deploymentId} created.`);
        // the rollback gets a full timeout of its own; its timeline continues the deploy's
        const watch = await (0,_lib_koyeb_deploy_js__WEBPACK_IMPORTED_MODULE_3__.waitForDeployment)(client, deploymentId, {
            ...watchOpts,
            label: 'rollback',
            since,
            timeoutMs: Date.now() - since + watchOpts.timeoutMs,
        });
        return {
            ...base,
            outcome: watch.decision.kind,
            deploymentId,
            status: watch.decision.status,
            timeline: watch.timeline,
        };
    }
    catch (error) {
        return {
            ...base,
            outcome: 'error',
            ...(deploymentId ? { deploymentId } : {}),
            reason: (0,_lib_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .gJ)(error),
        };
    }
}
/** The message that fails the step, or undefined when the deploy succeeded. */
function failureMessage(report) {
    const name = report.service.name ?? report.service.id;
    const id = report.deploymentId;
    switch (report.outcome) {
        case 'healthy':
        case 'not-waited':
        case 'dry-run':
            return undefined;
        case 'watch-error':
            return `Deployment ${id} of service ${name} was created, but following it failed: ${report.error}\nIt was neither cancelled nor rolled back; check it in the Koyeb console (the previous deployment was ${report.previousDeploymentId ?? 'none'}).`;
        default:
            break;
    }
    const what = report.outcome === 'timeout'
        ? `Deployment ${id} of service ${name} was still ${report.status} after the ${(0,_lib_duration_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a)(report.timeoutMs)} timeout${report.cancelled ? ' and was cancelled' : ''}.`
        : `Deployment ${id} of service ${name} ended ${report.status}${report.cancelled ? ' (cancelled)' : ''}.`;
    const said = report.messages.length ? `\nKoyeb says: ${report.messages.join(' / ')}` : '';
    return `${what}${said}\n${rollbackSentence(report.rollback)}`;
}
function rollbackSentence(rollback) {
    if (!rollback)
        return 'No rollback was attempted.';
    const from = rollback.fromDeploymentId;
    switch (rollback.outcome) {
        case 'healthy':
            return `Rolled back: the definition of deployment ${from} was deployed again as deployment ${rollback.deploymentId}, which is ${rollback.status}.`;
        case 'skipped':
            return `Not rolled back: ${rollback.reason}.`;
        case 'error':
            return `The rollback to deployment ${from} failed: ${rollback.reason} — the service needs attention now.`;
        case 'timeout':
            return `The rollback deployment ${rollback.deploymentId} (definition of ${from}) was still ${rollback.status} at the timeout — the service needs attention now.`;
        default:
            return `The rollback deployment ${rollback.deploymentId} (definition of ${from}) ended ${rollback.status} too — the service needs attention now.`;
    }
}


/***/ }),

/***/ 81374:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   J_: () => (/* binding */ RetryError),
/* harmony export */   L5: () => (/* binding */ retry),
/* harmony export */   Mf: () => (/* binding */ abortableSleep)
/* harmony export */ });
/* unused harmony export backoffDelay */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(61469);

class RetryError extends Error {
    attempts;
    elapsedMs;
    lastError;
    name = 'RetryError';
    constructor(attempts, elapsedMs, lastError) {
        super(`gave up after ${attempts} attempt${attempts === 1 ? '' : 's'} in ${Math.round(elapsedMs)}ms: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorMessage */ .gJ)(lastError)}`);
        this.attempts = attempts;
        this.elapsedMs = elapsedMs;
        this.lastError = lastError;
    }
}
/** The delay before attempt `attempt + 1` (attempt counts from 1): exponential with jitter. */
function backoffDelay(attempt, opts, random = Math.random) {
    const initial = opts.initialDelayMs ?? 500;
    const max = opts.maxDelayMs ?? 10_000;
    const factor = opts.factor ?? 2;
    const jitter = Math.min(Math.max(opts.jitter ?? 0.2, 0), 1);
    const base = Math.min(max, initial * factor ** (attempt - 1));
    return Math.max(0, Math.round(base * (1 - jitter + 2 * jitter * random())));
}
/**
 * Runs `fn` until it succeeds, a non-retryable error is thrown, the attempts run out or the
 * deadline passes. The last delay is shortened so the deadline is kept; the thrown RetryError
 * carries the last error. A non-retryable error is rethrown as it is.
 */
async function retry(fn, opts) {
    const now = opts.now ?? Date.now;
    const sleep = opts.sleep ?? ((ms) => abortableSleep(ms, opts.signal));
    const random = opts.random ?? Math.random;
    const start = now();
    for (let attempt = 1;; attempt++) {
        try {
            return await fn(attempt);
        }
        catch (error) {
            if (opts.isRetryable && !opts.isRetryable(error))
                throw error;
            const elapsedMs = now() - start;
            const remaining = opts.deadlineMs - elapsedMs;
            if ((opts.maxAttempts !== undefined && attempt >= opts.maxAttempts) ||
                remaining <= 0 ||
                opts.signal?.aborted) {
                throw new RetryError(attempt, elapsedMs, error);
            }
            const asked = opts.retryAfterMs?.(error);
            if (asked !== undefined && asked > remaining)
                throw new RetryError(attempt, elapsedMs, error);
            const delayMs = asked ?? Math.min(backoffDelay(attempt, opts, random), remaining);
            opts.onRetry?.({ attempt, error, delayMs, elapsedMs });
            await sleep(delayMs);
        }
    }
}
function abortableSleep(ms, signal) {
    return new Promise((resolve) => {
        if (signal?.aborted)
            return resolve();
        const t = setTimeout(done, ms);
        function done() {
            clearTimeout(t);
            signal?.removeEventListener('abort', done);
            resolve();
        }
        signal?.addEventListener('abort', done, { once: true });
    });
}


/***/ })

};
