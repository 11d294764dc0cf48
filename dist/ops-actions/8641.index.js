export const id = 8641;
export const ids = [8641];
export const modules = {

/***/ 98641:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ZX: () => (/* binding */ startGithubDeployment),
/* harmony export */   qq: () => (/* binding */ GITHUB_DEPLOYMENT_INPUTS),
/* harmony export */   yo: () => (/* binding */ readGithubDeploymentInputs)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(61469);
// The GitHub deployment inputs every stage shares (github-token, environment, environment-url),
// apart from lib/github/deployments.ts so that reading them does not load the GitHub client
// (@actions/github and Octokit): a stage loads that only when a deployment is to be recorded.

/** The input names every stage uses for GitHub deployments. */
const GITHUB_DEPLOYMENT_INPUTS = {
    token: 'github-token',
    environment: 'environment',
    environmentUrl: 'environment-url',
};
/** Reads and validates `github-token`, `environment` and `environment-url`. */
function readGithubDeploymentInputs(inputs) {
    const names = GITHUB_DEPLOYMENT_INPUTS;
    const token = inputs.secret(names.token);
    const environment = inputs.optionalString(names.environment);
    if (environment !== undefined && (environment.length > 255 || /[\r\n\t]/.test(environment))) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(names.environment, 'must be one line of at most 255 characters: the name of a GitHub environment.', `${names.environment}: production`);
    }
    const environmentUrl = inputs.optionalString(names.environmentUrl);
    if (environmentUrl !== undefined && !isHttpUrl(environmentUrl)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(names.environmentUrl, `must be an http:// or https:// URL, got '${environmentUrl}'.`, `${names.environmentUrl}: https://shop.example.com`);
    }
    return { token, environment, environmentUrl };
}
function isHttpUrl(text) {
    try {
        const u = new URL(text);
        return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
    }
    catch {
        return false;
    }
}
const OFF = {
    id: undefined,
    succeed: () => Promise.resolve(false),
    fail: () => Promise.resolve(false),
};
/**
 * Creates the GitHub deployment and sets it in_progress — loading the GitHub client only when
 * github-token or environment was given; otherwise (the common case) nothing is loaded or sent.
 */
async function startGithubDeployment(github, options) {
    if (!github.token && !github.environment)
        return OFF;
    const { githubDeployments } = await Promise.all(/* import() */[__webpack_require__.e(9691), __webpack_require__.e(1351), __webpack_require__.e(462), __webpack_require__.e(1374)]).then(__webpack_require__.bind(__webpack_require__, 70462));
    return githubDeployments(github).startDeployment(options);
}


/***/ })

};
