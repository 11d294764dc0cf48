export const id = 5989;
export const ids = [5989];
export const modules = {

/***/ 95989:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   renderStack: () => (/* binding */ renderStack)
/* harmony export */ });
/* unused harmony export SAFE_UPDATE */
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(38815);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(61469);
// The stack file deploy-ssh's strategy stack deploys: the user's file with the images set and safe
// update defaults filled in (the measurements behind those defaults are in swarm.ts). A module of
// its own because it needs the YAML parser: deploy-ssh imports it only when strategy is stack, so
// no other run loads the parser at start.


/** What we set in a service's update_config (and rollback_config) where the stack file is silent. */
const SAFE_UPDATE = { failureAction: 'rollback', monitor: '10s' };
/**
 * Reads the stack file, sets the images and fills in safe update settings. Throws a
 * ConfigurationError naming `stack-file` or `images` for anything Docker would refuse or we
 * cannot apply — before anything is contacted. Pure.
 */
function renderStack(text, given, fileName = 'stack-file') {
    const doc = (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .parseDocument */ .Tp)(text, { merge: true });
    if (doc.errors.length > 0) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1('stack-file', `${fileName} is not valid YAML: ${doc.errors[0]?.message.split('\n')[0] ?? ''}`);
    }
    const root = doc.contents;
    const services = (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(root) ? root.get('services') : undefined;
    if (!(0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(services) || services.items.length === 0) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1('stack-file', `${fileName} has no services: a stack file is a Compose file with a 'services:' mapping.`, 'services:\n  web:\n    image: ghcr.io/acme/shop:1.4.2');
    }
    const names = services.items.map((pair) => String((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(pair.key) ? pair.key.value : pair.key));
    for (const name of Object.keys(given.images)) {
        if (!names.includes(name)) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1('images', `names the service '${name}', which ${fileName} does not define (its services: ${names.join(', ')}).`, `images: |\n  ${names[0] ?? 'web'}=ghcr.io/acme/shop:1.4.2`);
        }
    }
    if (given.image !== undefined && names.length !== 1) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1('image', `is for a stack of one service, but ${fileName} defines ${names.length} (${names.join(', ')}). Use 'images' with one SERVICE=ref line per service.`, `images: |\n${names.map((n) => `  ${n}=ghcr.io/acme/${n}:1.4.2`).join('\n')}`);
    }
    const hostNetworks = hostNetworkKeys((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(root) ? root.get('networks') : undefined);
    const images = {};
    const defaults = [];
    for (const name of names) {
        const node = services.get(name);
        if (!(0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(node)) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1('stack-file', `service '${name}' in ${fileName} is not a mapping.`);
        }
        const image = given.images[name] ?? given.image;
        const svc = node;
        if (image !== undefined)
            svc.set('image', image);
        const current = svc.get('image');
        if (typeof current !== 'string' || current.trim() === '') {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1('images', `service '${name}' has no image: set it in ${fileName} or give '${name}=<ref>' in images.`, `images: |\n  ${name}=ghcr.io/acme/${name}:1.4.2`);
        }
        images[name] = current;
        const onHost = serviceNetworks(svc).some((n) => hostNetworks.has(n));
        defaults.push(...fillUpdateDefaults(doc, svc, name, onHost));
    }
    return { yaml: doc.toString(), services: names, images, defaults };
}
/** Keys of the top-level networks that are the engine's `host` network (external, name host). */
function hostNetworkKeys(networks) {
    const keys = new Set();
    if (!(0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(networks))
        return keys;
    for (const pair of networks.items) {
        const key = String((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(pair.key) ? pair.key.value : pair.key);
        const def = pair.value;
        const name = (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(def) ? def.get('name') : undefined;
        const external = (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(def) ? def.get('external') : undefined;
        if ((name ?? key) === 'host' && external !== undefined && external !== false)
            keys.add(key);
    }
    return keys;
}
function serviceNetworks(svc) {
    const n = svc.get('networks');
    if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isSeq */ .oP)(n))
        return n.items.map((i) => String((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(i) ? i.value : i));
    if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(n))
        return n.items.map((p) => String((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(p.key) ? p.key.value : p.key));
    return [];
}
function fillUpdateDefaults(doc, svc, name, onHost) {
    const order = onHost ? 'stop-first' : 'start-first';
    const why = onHost
        ? ' (host network: a second task cannot bind the same port unless the app binds with SO_REUSEPORT; set order start-first if it does)'
        : '';
    const set = [];
    for (const key of ['update_config', 'rollback_config']) {
        const path = ['deploy', key];
        const filled = [];
        const fill = (field, value) => {
            if (doc.hasIn(['services', name, ...path, field]))
                return;
            svc.setIn([...path, field], value);
            filled.push(`${field} ${value}`);
        };
        fill('order', order);
        if (key === 'update_config') {
            fill('failure_action', SAFE_UPDATE.failureAction);
            fill('monitor', SAFE_UPDATE.monitor);
        }
        if (filled.length > 0)
            set.push(`${name}: ${key} ${filled.join(', ')}${key === 'update_config' ? why : ''}`);
    }
    return set;
}


/***/ })

};
