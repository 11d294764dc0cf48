export const id = 8993;
export const ids = [8993,1374];
export const modules = {

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
