export const id = 1771;
export const ids = [1771];
export const modules = {

/***/ 61771:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   restoreDependencies: () => (/* binding */ restoreDependencies),
/* harmony export */   saveDependencies: () => (/* binding */ saveDependencies)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var _actions_cache__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(60142);
/* harmony import */ var _lib_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(61469);



/**
 * Restores a component's dependency folders. Caching only ever speeds a job up: when the cache
 * service is missing (a self-hosted or local runner), down or refuses, we warn and go on.
 */
async function restoreDependencies(state, log) {
    const none = { ...state, restoredKey: '' };
    if (state.paths.length === 0) {
        log.info(`${state.component}: nothing to cache for this package manager.`);
        return none;
    }
    if (!_actions_cache__WEBPACK_IMPORTED_MODULE_1__.isFeatureAvailable()) {
        log.warning('The Actions cache service is not available on this runner (no ACTIONS_CACHE_URL/ACTIONS_RESULTS_URL): dependencies are not cached.');
        return none;
    }
    try {
        const restoredKey = await _actions_cache__WEBPACK_IMPORTED_MODULE_1__.restoreCache([...state.paths], state.key, [state.restoreKey]);
        if (restoredKey)
            log.info(`${state.component}: restored ${restoredKey}${restoredKey === state.key ? '' : ' (near miss)'}.`);
        else
            log.info(`${state.component}: no cache restored for ${state.key}.`);
        return { ...state, restoredKey: restoredKey ?? '' };
    }
    catch (error) {
        log.warning(`Could not restore the dependency cache ${state.key}: ${(0,_lib_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .errorMessage */ .gJ)(error)}. Continuing without it.`);
        return none;
    }
}
/** Saves the folders under the key unless it was an exact hit; failures are warnings. */
async function saveDependencies(state, log) {
    if (state.restoredKey === state.key) {
        log.info(`${state.component}: cache ${state.key} was restored exactly; not saving it again.`);
        return 'skipped';
    }
    const paths = state.paths.filter((p) => (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(p));
    if (paths.length === 0) {
        log.info(`${state.component}: none of ${state.paths.join(', ')} exists; nothing to save.`);
        return 'skipped';
    }
    if (!_actions_cache__WEBPACK_IMPORTED_MODULE_1__.isFeatureAvailable()) {
        log.warning('The Actions cache service is not available on this runner: the dependency cache is not saved.');
        return 'failed';
    }
    try {
        const id = await _actions_cache__WEBPACK_IMPORTED_MODULE_1__.saveCache(paths, state.key);
        if (id === -1) {
            log.warning(`The dependency cache ${state.key} was not saved (see the messages above).`);
            return 'failed';
        }
        log.info(`${state.component}: saved ${state.key}.`);
        return 'saved';
    }
    catch (error) {
        log.warning(`Could not save the dependency cache ${state.key}: ${(0,_lib_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .errorMessage */ .gJ)(error)}.`);
        return 'failed';
    }
}


/***/ })

};
