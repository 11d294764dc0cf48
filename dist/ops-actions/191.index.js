export const id = 191;
export const ids = [191];
export const modules = {

/***/ 11539:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   dT: () => (/* binding */ imageOf),
/* harmony export */   z4: () => (/* binding */ chooseKoyebTarget)
/* harmony export */ });
/* unused harmony exports isSetTime, wasHealthy, stableJson, chronological, releaseLine */
/* harmony import */ var _choose_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(11264);

/** A timestamp Koyeb really set (proto3 JSON sends unset ones as '' or the zero time 0001-01-01). */
function isSetTime(value) {
    if (typeof value !== 'string' || value === '')
        return false;
    const t = Date.parse(value);
    return Number.isFinite(t) && t > Date.parse('1971-01-01T00:00:00Z');
}
function wasHealthy(d) {
    const status = (d.status ?? '').toUpperCase();
    return status === 'HEALTHY' || status === 'SLEEPING' || isSetTime(d['succeeded_at']);
}
/** JSON with object keys sorted: two definitions with the same content give the same text. */
function stableJson(value) {
    if (Array.isArray(value))
        return `[${value.map(stableJson).join(',')}]`;
    if (value && typeof value === 'object') {
        const o = value;
        return `{${Object.keys(o)
            .filter((k) => o[k] !== undefined)
            .sort()
            .map((k) => `${JSON.stringify(k)}:${stableJson(o[k])}`)
            .join(',')}}`;
    }
    return JSON.stringify(value) ?? 'null';
}
function imageOf(d) {
    const image = d.definition?.docker?.image;
    return image ? image : undefined;
}
function key(def) {
    return stableJson(def ?? null);
}
function time(d) {
    const t = Date.parse(typeof d.created_at === 'string' ? d.created_at : '');
    return Number.isFinite(t) ? t : 0;
}
/** Oldest first (by created_at; the API lists newest first, so equal times keep the reverse list order). */
function chronological(deployments) {
    return deployments
        .map((d, i) => ({ d, i }))
        .sort((a, b) => time(a.d) - time(b.d) || b.i - a.i)
        .map((x) => x.d);
}
/**
 * The line of releases that led to `active`: healthy deployments in order, where going back to an
 * earlier definition drops everything after it. The last element is the active one.
 */
function releaseLine(deployments, activeId) {
    const line = [];
    for (const d of chronological(deployments)) {
        if (d.id !== activeId && !wasHealthy(d))
            continue;
        const again = line.findLastIndex((e) => key(e.definition) === key(d.definition));
        if (again >= 0)
            line.splice(again);
        line.push(d);
        if (d.id === activeId)
            break;
    }
    return line;
}
function describe(d) {
    return `${d.id} (${imageOf(d) ?? 'no image'}, ${d.status ?? '?'})`;
}
/** Decides where the service goes. Throws NoRollbackTargetError when there is nowhere. */
function chooseKoyebTarget(deployments, activeId, to) {
    const active = deployments.find((d) => d.id === activeId);
    if (!active)
        throw new Error(`internal: the active deployment ${activeId} is not in the list`);
    const notes = [];
    const sameAsActive = (d) => key(d.definition) === key(active.definition);
    if (to.kind === 'named') {
        const byId = deployments.find((d) => d.id === to.value);
        const byImage = [...chronological(deployments)]
            .reverse()
            .filter((d) => d.id !== activeId && wasHealthy(d))
            .find((d) => (0,_choose_js__WEBPACK_IMPORTED_MODULE_0__/* .releaseMatches */ .rI)({ id: undefined, image: imageOf(d), source: 'server' }, to.value) === 'image');
        const target = byId ?? byImage;
        if (!target) {
            throw new _choose_js__WEBPACK_IMPORTED_MODULE_0__/* .NoRollbackTargetError */ .P8(`No deployment of the service matches to: '${to.value}' (a Koyeb deployment id, or an image tag of a deployment that was healthy). ` +
                `Its deployments, newest first: ${[...chronological(deployments)].reverse().slice(0, 10).map(describe).join(', ')}.`);
        }
        if (!target.definition)
            throw new _choose_js__WEBPACK_IMPORTED_MODULE_0__/* .NoRollbackTargetError */ .P8(`Deployment ${target.id} has no definition to deploy again.`);
        if (!wasHealthy(target)) {
            notes.push(`deployment ${target.id} was never healthy (${target.status ?? '?'}); deploying it again because 'to' names it`);
        }
        return { active, target, noop: target.id === activeId || sameAsActive(target), notes };
    }
    const line = releaseLine(deployments, activeId);
    for (let i = line.length - 2; i >= 0; i--) {
        const d = line[i];
        if (sameAsActive(d))
            continue;
        return { active, target: d, noop: false, notes };
    }
    throw new _choose_js__WEBPACK_IMPORTED_MODULE_0__/* .NoRollbackTargetError */ .P8(`Nothing to roll back to: no deployment before the active one, ${describe(active)}, was healthy ` +
        '(deployments abandoned by an earlier rollback are skipped). ' +
        `The service's deployments, newest first: ${[...chronological(deployments)].reverse().slice(0, 10).map(describe).join(', ')}.`);
}


/***/ }),

/***/ 11264:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   JC: () => (/* binding */ chooseForHost),
/* harmony export */   LD: () => (/* binding */ decide),
/* harmony export */   P8: () => (/* binding */ NoRollbackTargetError),
/* harmony export */   rI: () => (/* binding */ releaseMatches)
/* harmony export */ });
/* unused harmony exports describeReleases, currentOf, imagesKey */
/* harmony import */ var _lib_deploy_history_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83210);
/* harmony import */ var _lib_deploy_image_lines_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(90473);
/* harmony import */ var _lib_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(61469);
// Where an SSH rollback goes, decided from what each host reports (its release history, the
// `current` link, the image in the compose env file) before anything changes. Pure: the same
// states give the same decision, and every refusal says why and what the history holds.



/** There is nothing to roll back to, or the request cannot be met: nothing was changed. */
class NoRollbackTargetError extends _lib_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .OperationError */ .OK {
    name = 'NoRollbackTargetError';
}
const OUTCOME_WORD = {
    deployed: 'deployed',
    failed: 'failed',
    'rolled-back': 'rolled back',
    bad: 'marked bad',
};
/** `v1 (deployed), v2 (marked bad, running now)` — the newest `max` releases. */
function describeReleases(releases, currentId, max = 10) {
    if (releases.length === 0)
        return 'no releases';
    const shown = releases.slice(-max).map((r) => {
        const running = r.id === currentId ? ', running now' : '';
        return `${r.id} (${OUTCOME_WORD[r.outcome]}${running})`;
    });
    return `${releases.length > max ? '…, ' : ''}${shown.join(', ')}`;
}
function refOf(r, source = 'history') {
    const { image, images, stack, sha } = r.record;
    return { id: r.id, image, ...(images ? { images, stack } : {}), sha, outcome: r.outcome, source };
}
/** What the host runs now: `current` (release), the env file's image (compose), read against the history. */
function currentOf(strategy, snap, releases = (0,_lib_deploy_history_js__WEBPACK_IMPORTED_MODULE_0__/* .foldHistory */ .E)(snap.state.history)) {
    const fromHistory = (0,_lib_deploy_history_js__WEBPACK_IMPORTED_MODULE_0__/* .currentRelease */ .BX)(releases);
    if (strategy === 'release') {
        const live = snap.state.currentRelease;
        if (live === undefined) {
            throw new NoRollbackTargetError(`${snap.host}: there is no 'current' link in the app directory: no release is live, so there is nothing to roll back from.`);
        }
        const release = releases.find((r) => r.id === live);
        return { ref: release ? refOf(release) : { id: live, source: 'server' }, release };
    }
    // a deploy of several images: the env file holds every one of them
    const envImages = snap.state.images ?? {};
    const holdsAll = (r) => r.record.strategy === 'compose' &&
        r.record.images !== undefined &&
        (0,_lib_deploy_image_lines_js__WEBPACK_IMPORTED_MODULE_1__/* .envHoldsImages */ .A5)(envImages, r.record.images);
    if (fromHistory && holdsAll(fromHistory))
        return { ref: refOf(fromHistory), release: fromHistory };
    const several = newestFirst(releases).find(holdsAll);
    if (several)
        return { ref: refOf(several), release: several };
    const image = snap.state.image;
    if (image === undefined) {
        if (fromHistory)
            return { ref: refOf(fromHistory), release: fromHistory };
        throw new NoRollbackTargetError(`${snap.host}: the env file names no image and the release history is empty: nothing was deployed here to roll back from.`);
    }
    if (fromHistory?.record.image === image)
        return { ref: refOf(fromHistory), release: fromHistory };
    // the env file was changed since the last deploy: the release that deployed this image, if any
    const byImage = newestFirst(releases).find((r) => r.record.image === image);
    return byImage
        ? { ref: refOf(byImage), release: byImage }
        : { ref: { id: undefined, image, source: 'server' }, release: undefined };
}
function newestFirst(releases) {
    return [...releases].sort((a, b) => b.firstIndex - a.firstIndex);
}
function sameAsCurrent(strategy, r, current) {
    if (strategy === 'compose')
        return r.image !== undefined && imagesKey(r) === imagesKey(current);
    return r.id !== undefined && r.id === current.id;
}
/** compose: what a release runs, as one string (every image of a deploy of several). */
function imagesKey(r) {
    return r.images ? (0,_lib_deploy_image_lines_js__WEBPACK_IMPORTED_MODULE_1__/* .formatImageLines */ .uJ)(r.images) : (r.image ?? '');
}
/** Whether `value` names the release: its id, its image (whole, tag or digest) or its git sha (7+ hex). */
function releaseMatches(r, value) {
    if (r.id === value)
        return 'id';
    const image = r.image;
    if (image && (image === value || image.endsWith(`:${value}`) || image.endsWith(`@${value}`)))
        return 'image';
    if (/^[0-9a-f]{7,40}$/i.test(value) && r.sha?.toLowerCase().startsWith(value.toLowerCase()))
        return 'sha';
    return undefined;
}
/**
 * Decides where one host goes. Throws NoRollbackTargetError when there is nowhere, or when the host
 * runs a zero-downtime (blue-green) compose release, which this stage does not switch (nothing changed).
 */
function chooseForHost(strategy, snap, to, opts = {}) {
    const releases = (0,_lib_deploy_history_js__WEBPACK_IMPORTED_MODULE_0__/* .foldHistory */ .E)(snap.state.history);
    const current = currentOf(strategy, snap, releases);
    const choice = chooseTarget(strategy, snap, to, opts, releases, current);
    const color = current.release?.record.color;
    if (strategy === 'compose' && color !== undefined && !choice.noop) {
        const { from, to: target } = choice;
        throw new NoRollbackTargetError(`${snap.host}: release ${from.id ?? from.image ?? '?'} runs with zero-downtime (blue-green, as ${color}); ` +
            "rollback does not switch colors ('docker compose up' of the app's own project would start a third copy " +
            'beside blue and green). Go back with actions/deploy-ssh and the same zero-downtime inputs, ' +
            `image: ${target.image ?? '?'} (release ${target.id ?? '?'}): it starts that image as the idle color, ` +
            'checks it and switches nginx, without downtime.');
    }
    return choice;
}
function chooseTarget(strategy, snap, to, opts, releases, current) {
    const { github, onlyFrom } = opts;
    const { ref: from, release: fromRelease } = current;
    const notes = [];
    if (onlyFrom !== undefined && from.id !== onlyFrom && from.image !== onlyFrom) {
        notes.push(`runs ${from.id ?? from.image ?? 'an unknown release'}, not ${onlyFrom} ('from'): left as it is`);
        return { host: snap.host, from, to: from, noop: true, notes };
    }
    const dirs = snap.releaseDirs;
    const present = (id) => (strategy !== 'release' && strategy !== 'stack') ||
        dirs === undefined ||
        (id !== undefined && dirs.includes(id));
    const gone = strategy === 'stack'
        ? 'its stack file is no longer in .ops-actions/stacks/ on the manager'
        : 'no longer in releases/ (keep-releases removed it)';
    const known = `The history of this app directory: ${describeReleases(releases, from.id)}.`;
    if (to.kind === 'named') {
        const value = to.value;
        const matches = newestFirst(releases)
            .map((r) => ({ r, how: releaseMatches(refOf(r), value) }))
            .filter((m) => m.how !== undefined);
        const best = matches.find((m) => m.how === 'id') ?? matches[0];
        let target = best ? refOf(best.r) : undefined;
        if (!target && strategy === 'release' && dirs?.includes(value))
            target = { id: value, source: 'server' };
        if (!target) {
            throw new NoRollbackTargetError(`${snap.host}: no release matches to: '${value}' (a release id, image tag or git sha). ${known}`);
        }
        if (strategy === 'compose' && !target.image) {
            throw new NoRollbackTargetError(`${snap.host}: the history records no image for release ${target.id ?? value}.`);
        }
        if (!present(target.id)) {
            throw new NoRollbackTargetError(`${snap.host}: release ${target.id ?? value} is in the history but ${gone}.`);
        }
        if (target.outcome !== undefined && target.outcome !== 'deployed') {
            notes.push(`release ${target.id ?? value} is ${OUTCOME_WORD[target.outcome]} in the history; going back to it because 'to' names it`);
        }
        return { host: snap.host, from, to: target, noop: sameAsCurrent(strategy, target, from), notes };
    }
    // previous: the newest release deployed before the current one that is still good
    const before = fromRelease ? releases.filter((r) => r.firstIndex < fromRelease.firstIndex) : releases;
    for (const r of newestFirst(before)) {
        if (r.outcome !== 'deployed' || r.id === from.id)
            continue;
        const ref = refOf(r);
        if (strategy === 'compose' && (!ref.image || sameAsCurrent(strategy, ref, from)))
            continue;
        if (!present(r.id)) {
            notes.push(`skipped release ${r.id}: ${gone}`);
            continue;
        }
        return { host: snap.host, from, to: ref, noop: false, notes };
    }
    if (releases.length === 0 && github) {
        const candidate = {
            id: github.release ?? github.image,
            image: github.image,
            sha: github.sha,
            source: 'github',
        };
        const usable = candidate.id !== undefined &&
            (strategy === 'compose'
                ? candidate.image !== undefined
                : github.release !== undefined && present(github.release)) &&
            !sameAsCurrent(strategy, candidate, from);
        if (usable) {
            notes.push(`the host has no release history: going back to GitHub deployment ${github.deploymentId}, the last successful one of the environment`);
            return { host: snap.host, from, to: candidate, noop: false, notes };
        }
    }
    const running = from.id ?? from.image ?? 'an unknown release';
    throw new NoRollbackTargetError(`${snap.host}: nothing to roll back to: no release deployed before ${running} is still good ` +
        `(releases marked bad, failed or rolled back are skipped). ${known}` +
        (notes.length ? ` (${notes.join('; ')})` : '') +
        (releases.length === 0 && !github
            ? ' With github-token and environment, the last successful GitHub deployment is used when the history is missing.'
            : ''));
}
/** The release every host goes to. Hosts must agree; a disagreement is refused before anything changes. */
function decide(strategy, choices) {
    const first = choices[0];
    if (!first)
        throw new Error('internal: no hosts');
    const moving = choices.filter((c) => !c.noop);
    const key = (r) => (strategy === 'compose' ? imagesKey(r) : (r.id ?? ''));
    const targets = [...new Set(moving.map((c) => key(c.to)))];
    if (targets.length > 1) {
        throw new NoRollbackTargetError(`The hosts do not agree on the release to roll back to: ${moving.map((c) => `${c.host} → ${c.to.id ?? c.to.image}`).join(', ')}. ` +
            "Name the release with 'to' (a release id, image tag or git sha) to roll every host back to it.");
    }
    const to = (moving[0] ?? first).to;
    const from = [...new Set(moving.map((c) => c.from.id ?? c.from.image ?? '?'))];
    return { hosts: [...choices], to, from };
}


/***/ }),

/***/ 30191:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  main: () => (/* binding */ main),
  post: () => (/* binding */ post)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 7 modules
var core = __webpack_require__(33838);
// EXTERNAL MODULE: ./build/lib/deploy/lock.js
var lock = __webpack_require__(2431);
// EXTERNAL MODULE: ./build/lib/deploy/paths.js
var paths = __webpack_require__(44738);
// EXTERNAL MODULE: ./build/lib/errors.js
var errors = __webpack_require__(61469);
// EXTERNAL MODULE: ./build/lib/inputs.js
var lib_inputs = __webpack_require__(52307);
// EXTERNAL MODULE: ./build/lib/ssh/inputs.js
var ssh_inputs = __webpack_require__(85648);
// EXTERNAL MODULE: ./build/lib/summary.js
var summary = __webpack_require__(3476);
;// CONCATENATED MODULE: ./build/actions/rollback/verify-target.js
// verify-provenance on the ssh targets: which images of the release the hosts go back to are
// verified. Pure, so each kind of history entry is unit-tested: compose (one image, or each of a
// several-images deploy) and swarm (each service's image). Only digests: the history holds what was
// deployed, and a tag may point to another image now than when it was deployed and verified.

const BY_DIGEST = /@sha256:[a-f0-9]{64}$/;
/** The distinct images of `to`, each by digest; throws (nothing has changed yet) when one is not. */
function rollbackTargetImages(to) {
    const images = to.images ? [...new Set(Object.values(to.images))] : to.image ? [to.image] : [];
    const what = `release ${to.id ?? '(unknown)'}`;
    if (images.length === 0)
        throw new errors/* OperationError */.OK(`verify-provenance: ${what} names no image to verify.`);
    const tag = images.find((i) => !BY_DIGEST.test(i));
    if (tag !== undefined) {
        throw new errors/* OperationError */.OK(`verify-provenance: ${what} runs ${tag}, which is a tag: it may point to another image now than when it was deployed, so it cannot be verified for a rollback. ` +
            'Roll back to a release deployed by digest (deploy-ssh with verify-provenance records the verified digest), or remove verify-provenance for this rollback.');
    }
    return images;
}

// EXTERNAL MODULE: ./build/actions/rollback/choose-koyeb.js
var choose_koyeb = __webpack_require__(11539);
;// CONCATENATED MODULE: ./build/actions/rollback/github-record.js
/** The payload keys of a deployment that say what was deployed (deploy stages write them). */
const PAYLOAD_RELEASE = 'release';
const PAYLOAD_IMAGE = 'image';
const PAYLOAD_ROLLED_BACK_FROM = 'rolled_back_from';
function payloadString(d, key) {
    const v = d.payload[key];
    return typeof v === 'string' && v !== '' ? v : undefined;
}
/**
 * Whether a deployment is the one of release `from`: its payload names that release or image;
 * a deployment whose payload names neither (made by another tool) is taken to be what runs.
 */
function deploymentIsRelease(d, from) {
    const release = payloadString(d, PAYLOAD_RELEASE);
    const image = payloadString(d, PAYLOAD_IMAGE);
    if (release === undefined && image === undefined)
        return true;
    return from.some((f) => (release !== undefined && release === f.id) || (image !== undefined && image === f.image));
}
const NO_RECORD = {
    enabled: false,
    ids: { bad: undefined, restored: undefined },
    previousCandidate: () => Promise.resolve(undefined),
    begin: () => Promise.resolve(),
    succeed: () => Promise.resolve(),
    fail: () => Promise.resolve(),
};
class GithubRollbackRecord {
    book;
    latest;
    bad;
    restored;
    log;
    constructor(book, opts = {}) {
        this.book = book;
        this.log = opts.log ?? (() => undefined);
    }
    /** Recording is on: a token, an environment, and the token was not refused. */
    get enabled() {
        return this.book.enabled && this.book.environment !== undefined;
    }
    /** The ids of the deployment marked bad and of the one created for the restored release. */
    get ids() {
        return { bad: this.bad?.id, restored: this.restored?.id };
    }
    newest() {
        const environment = this.book.environment;
        if (!this.enabled || !environment)
            return Promise.resolve(undefined);
        this.latest ??= this.book.latestDeployment(environment);
        return this.latest;
    }
    /** The last successful deployment other than the newest (which is being rolled back from). */
    async previousCandidate() {
        const environment = this.book.environment;
        if (!this.enabled || !environment)
            return undefined;
        const newest = await this.newest();
        const found = await this.book.lastSuccessfulDeployment(environment, {
            excludeIds: newest ? [newest.id] : [],
        });
        if (!found)
            return undefined;
        return {
            deploymentId: found.id,
            release: payloadString(found, PAYLOAD_RELEASE),
            image: payloadString(found, PAYLOAD_IMAGE),
            sha: found.sha,
        };
    }
    /** Before any change: find the deployment rolled back from, create the restored one (in_progress). */
    async begin(from, to, reason) {
        if (!this.enabled)
            return;
        const newest = await this.newest();
        if (newest && deploymentIsRelease(newest, from)) {
            this.bad = this.book.track(newest.id);
        }
        else if (newest) {
            this.log(`GitHub deployment ${newest.id} (the newest of '${this.book.environment ?? ''}') is of release ` +
                `${payloadString(newest, PAYLOAD_RELEASE) ?? payloadString(newest, PAYLOAD_IMAGE) ?? '?'}, not of ` +
                `${from.map((f) => f.id ?? f.image).join(', ')}: it is left as it is.`);
        }
        const fromText = from.map((f) => f.id ?? f.image ?? '?').join(', ') || 'an unknown release';
        this.restored = await this.book.startDeployment({
            ...(to.sha ? { ref: to.sha } : {}),
            description: `Rollback from ${fromText} to ${to.id ?? to.image ?? '?'}`.slice(0, 140),
            payload: {
                [PAYLOAD_RELEASE]: to.id,
                ...(to.image ? { [PAYLOAD_IMAGE]: to.image } : {}),
                [PAYLOAD_ROLLED_BACK_FROM]: fromText,
                reason,
            },
        });
    }
    /** The rollback worked: the bad deployment `failure`, the restored one `success`. */
    async succeed(to, reason) {
        await this.bad?.fail(`Rolled back to ${to.id ?? to.image ?? '?'}: ${reason}`);
        await this.restored?.succeed(undefined, `Rolled back to ${to.id ?? to.image ?? '?'}`);
    }
    /** The rollback failed: the restored deployment `failure` (the bad one is still what runs). */
    async fail(message) {
        await this.restored?.fail(`Rollback failed: ${message}`);
    }
}

// EXTERNAL MODULE: ./build/lib/provenance/inputs.js
var provenance_inputs = __webpack_require__(77537);
// EXTERNAL MODULE: ./build/lib/deploy/lock-inputs.js
var lock_inputs = __webpack_require__(80765);
// EXTERNAL MODULE: ./build/lib/deploy/compose-inputs.js
var compose_inputs = __webpack_require__(54546);
// EXTERNAL MODULE: ./build/lib/deploy/command-env.js
var command_env = __webpack_require__(58777);
// EXTERNAL MODULE: ./build/lib/deploy/health.js
var deploy_health = __webpack_require__(37474);
// EXTERNAL MODULE: ./build/lib/ssh/script.js + 1 modules
var script = __webpack_require__(66143);
;// CONCATENATED MODULE: ./build/actions/rollback/inputs.js
// Every input of the rollback stage, parsed and validated into one object before any server, API
// or database is contacted.








const TARGETS = ['ssh', 'koyeb', 'swarm'];
/** The strategies deploy-ssh records that can be rolled back (a `script` deploy has no artifact to go back to). */
const ROLLBACK_STRATEGIES = ['compose', 'release'];
/** The inputs of migrate-down (read by migrate-down.ts); each needs migrate-down: true. */
const MIGRATE_DOWN_INPUTS = [
    'migrate-tool',
    'migrate-applied',
    'migrate-backup-path',
    'migrate-where',
    'database-url',
    'migrate-working-directory',
    'migrate-migrations-dir',
    'migrate-down-command',
    'migrate-compose-service',
];
/** lib/github/deployments GITHUB_DEPLOYMENT_INPUTS (not imported: it would load the GitHub client). */
const GITHUB_INPUTS = ['github-token', 'environment', 'environment-url'];
/** Inputs read only for one target (none of them has a default in action.yml, so `has` is meaningful). */
const SSH_ONLY = [
    'hosts',
    'private-key',
    'app-dir',
    'strategy',
    'jump-host',
    'health-command',
    'after-switch',
    'compose-file',
    'registry-username',
    'registry-password',
];
const KOYEB_ONLY = ['api-token', 'service-id', 'app', 'service', 'api-url', 'timeout', 'poll-interval'];
const COMPOSE_ONLY = [
    'compose-file',
    'compose-command',
    'env-file',
    'image-variable',
    'registry',
    'registry-username',
    'registry-password',
];
const RELEASE_ONLY = ['after-switch'];
/** target swarm: what the stack deploy does not use (Swarm gates with the service's own health check). */
const NOT_SWARM = [
    'compose-file',
    'compose-command',
    'env-file',
    'image-variable',
    'after-switch',
    'health-command',
    'migrate-compose-service',
];
const SWARM_ONLY = ['stack-name', 'converge-timeout'];
function runInfoFromEnv(env = process.env) {
    return {
        sha: env['GITHUB_SHA'],
        runId: env['GITHUB_RUN_ID'],
        runAttempt: env['GITHUB_RUN_ATTEMPT'],
        actor: env['GITHUB_ACTOR'],
        repository: env['GITHUB_REPOSITORY'],
        workflow: env['GITHUB_WORKFLOW'],
    };
}
/** `previous`, or one line naming a release: letters, digits and `._:@/+-` (ids, image references, shas). */
function parseTo(text) {
    const v = text.trim();
    if (v === '' || v.toLowerCase() === 'previous')
        return { kind: 'previous' };
    if (!/^[A-Za-z0-9][A-Za-z0-9._:@/+-]{0,299}$/.test(v)) {
        throw new errors/* ConfigurationError */.j1('to', `'${text.slice(0, 80)}' is neither 'previous' nor a release id, image tag or git sha (one word: letters, digits, . _ : @ / + -).`, 'to: previous   # or a release id such as 20250314T101500Z-0123abc, an image tag, a git sha');
    }
    return { kind: 'named', value: v };
}
/** `from`: a release id, image or Koyeb deployment id (one word), or nothing. */
function parseFrom(text) {
    const v = text.trim();
    if (v === '')
        return undefined;
    if (!/^[A-Za-z0-9][A-Za-z0-9._:@/+-]{0,299}$/.test(v) || v.toLowerCase() === 'previous') {
        throw new errors/* ConfigurationError */.j1('from', `'${text.slice(0, 80)}' is not a release id, image reference or deployment id (one word: letters, digits, . _ : @ / + -).`, `from: \${{ steps.deploy.outputs.release-id }}`);
    }
    return v;
}
/**
 * Reads and validates every input; throws a ConfigurationError before anything is contacted. Async:
 * ssh2's key parser loads only to check a given key.
 */
async function readRollbackInputs(inputs, env = process.env) {
    const target = inputs.choice('target', TARGETS, 'ssh');
    const foreign = target === 'koyeb'
        ? [...SSH_ONLY, ...SWARM_ONLY]
        : target === 'swarm'
            ? [...KOYEB_ONLY, ...NOT_SWARM]
            : [...KOYEB_ONLY, ...SWARM_ONLY];
    for (const name of foreign) {
        if (inputs.has(name)) {
            const other = SWARM_ONLY.includes(name) ? 'swarm' : KOYEB_ONLY.includes(name) ? 'koyeb' : 'ssh';
            throw new errors/* ConfigurationError */.j1(name, `is not used with target '${target}'. Remove it, or set target: ${other}.`, `target: ${other}`);
        }
    }
    const to = parseTo(inputs.raw('to'));
    const onlyFrom = parseFrom(inputs.raw('from'));
    const run = runInfoFromEnv(env);
    const reason = inputs.optionalString('reason')?.replace(/\s+/g, ' ').slice(0, 300) ??
        `rolled back by ${run.workflow ? `${run.workflow} ` : ''}run ${run.runId ?? '?'}${run.actor ? ` (${run.actor})` : ''}`;
    // target koyeb: its inputs are read by rollback-koyeb.ts (readKoyebRollbackInputs), loaded only then
    const ssh = target === 'ssh' ? await readSsh(inputs) : target === 'swarm' ? await readSwarm(inputs) : undefined;
    const migrateDown = inputs.boolean('migrate-down', false);
    if (!migrateDown) {
        for (const name of MIGRATE_DOWN_INPUTS) {
            if (inputs.has(name)) {
                throw new errors/* ConfigurationError */.j1(name, "is set but 'migrate-down' is not true.", 'migrate-down: true');
            }
        }
    }
    const github = GITHUB_INPUTS.some((name) => inputs.has(name));
    return {
        target,
        to,
        onlyFrom,
        reason,
        dryRun: inputs.boolean('dry-run', false),
        ssh,
        migrateDown,
        github,
        run,
    };
}
async function readSsh(inputs) {
    const strategyText = inputs.raw('strategy');
    if (strategyText.toLowerCase() === 'script') {
        throw new errors/* ConfigurationError */.j1('strategy', 'script deploys cannot be rolled back by this action: a script leaves nothing it could switch back to. ' +
            'Deploy with strategy compose or release, or roll back with your own script.', 'strategy: compose');
    }
    const strategy = inputs.choice('strategy', ROLLBACK_STRATEGIES);
    const only = strategy === 'compose' ? RELEASE_ONLY : COMPOSE_ONLY;
    for (const name of only) {
        if (inputs.has(name)) {
            throw new errors/* ConfigurationError */.j1(name, `is only used by strategy '${strategy === 'compose' ? 'release' : 'compose'}', but strategy is '${strategy}'.`, `strategy: ${strategy === 'compose' ? 'release' : 'compose'}`);
        }
    }
    const appDir = (0,paths/* parseAppDir */.ME)(inputs.raw('app-dir'));
    const userEnv = (0,command_env/* readCommandEnv */.t)(inputs);
    const health = (0,deploy_health/* readHealthGate */.w)(inputs);
    const compose = strategy === 'compose'
        ? { settings: (0,compose_inputs/* readComposeSettings */._)(inputs), login: (0,compose_inputs/* readRegistryLogin */.T)(inputs) }
        : undefined;
    return {
        ssh: await (0,ssh_inputs/* readSshInputs */.sl)(inputs),
        strategy,
        appDir,
        shell: { shell: (0,script/* parseShell */.aV)(inputs.raw('shell')), login: inputs.boolean('login-shell', false) },
        env: userEnv,
        compose,
        afterSwitch: strategy === 'release' ? inputs.optionalString('after-switch') : undefined,
        stack: undefined,
        health,
        lock: (0,lock_inputs/* readLockSettings */.p)(inputs),
        commandTimeoutMs: inputs.duration('command-timeout', '10m', { min: 1000 }),
    };
}
/**
 * target swarm: the manager deploy-ssh's strategy stack went through, its app-dir (history and the
 * stack file of every release) and the stack. The release goes back by deploying its own recorded
 * stack file again.
 */
async function readSwarm(inputs) {
    const strategyText = inputs.raw('strategy').trim();
    if (strategyText !== '' && strategyText !== 'stack') {
        throw new errors/* ConfigurationError */.j1('strategy', `is '${strategyText}', but target swarm rolls back what deploy-ssh strategy stack deployed. Remove strategy, or set target: ssh.`, 'target: swarm');
    }
    const ssh = await (0,ssh_inputs/* readSshInputs */.sl)(inputs);
    if (ssh.hosts.length !== 1) {
        throw new errors/* ConfigurationError */.j1('hosts', `target swarm rolls back through one Swarm manager (the host deploy-ssh deployed the stack through), but ${ssh.hosts.length} hosts are given.`, 'hosts: deploy@manager1.example.com');
    }
    const nameText = inputs.optionalString('stack-name');
    if (nameText !== undefined && !/^[a-z0-9][a-z0-9_-]{0,62}$/.test(nameText)) {
        throw new errors/* ConfigurationError */.j1('stack-name', `'${nameText}' is not a stack name (lower-case letters, digits, - and _, starting with a letter or digit).`, 'stack-name: shop');
    }
    return {
        ssh,
        strategy: 'stack',
        appDir: (0,paths/* parseAppDir */.ME)(inputs.raw('app-dir')),
        shell: { shell: (0,script/* parseShell */.aV)(inputs.raw('shell')), login: inputs.boolean('login-shell', false) },
        env: (0,command_env/* readCommandEnv */.t)(inputs),
        compose: undefined,
        afterSwitch: undefined,
        stack: {
            name: nameText,
            login: (0,compose_inputs/* readRegistryLogin */.T)(inputs),
            convergeTimeoutMs: inputs.duration('converge-timeout', '5m', { min: 1000 }),
            pollIntervalMs: 1000,
        },
        health: undefined,
        lock: (0,lock_inputs/* readLockSettings */.p)(inputs),
        commandTimeoutMs: inputs.duration('command-timeout', '10m', { min: 1000 }),
    };
}

// EXTERNAL MODULE: ./build/lib/deploy/swarm-report.js
var swarm_report = __webpack_require__(15905);
// EXTERNAL MODULE: ./build/lib/duration.js
var duration = __webpack_require__(39386);
;// CONCATENATED MODULE: ./build/actions/rollback/report.js
// What a person reads after a rollback (the job summary) and what later steps read (the outputs).




function sshOutputs(result, durationMs, migrate) {
    const to = result?.decision?.to;
    return {
        'rolled-back-from': result?.decision?.from.join(',') ?? '',
        'rolled-back-to': to ? (to.id ?? to.image ?? '') : '',
        'duration-ms': String(Math.round(durationMs)),
        'migrations-reverted': migrateOutput(migrate),
        services: stackOf(result) ? (0,swarm_report/* servicesJson */.n)(stackOf(result)) : '',
    };
}
function koyebOutputs(result, durationMs, migrate) {
    return {
        'rolled-back-from': result?.choice.active.id ?? '',
        'rolled-back-to': result?.choice.target.id ?? '',
        'duration-ms': String(Math.round(durationMs)),
        'migrations-reverted': migrateOutput(migrate),
        services: '',
    };
}
/** target swarm: the stack as the rollback last read it. */
function stackOf(result) {
    return result?.hosts.find((h) => h.stack)?.stack;
}
function migrateOutput(m) {
    return m?.reverted === undefined ? '' : JSON.stringify(m.reverted);
}
function resultCell(h) {
    switch (h.result) {
        case 'rolled-back':
            return `${(0,summary/* statusIcon */.I8)('success')} rolled back`;
        case 'unchanged':
            return `${(0,summary/* statusIcon */.I8)('skipped')} already on it`;
        case 'cancelled':
            return `${(0,summary/* statusIcon */.I8)('skipped')} cancelled${h.phase ? ` (${h.phase})` : ''}`;
        case 'failed':
            return `${(0,summary/* statusIcon */.I8)('failure')} failed${h.phase ? ` (${h.phase})` : ''}${h.restored === true ? ', restored' : h.restored === false ? ', NOT restored' : ''}`;
    }
}
function githubLine(g) {
    if (!g.enabled)
        return undefined;
    const parts = [];
    if (g.bad !== undefined)
        parts.push(`deployment ${g.bad} marked \`failure\``);
    if (g.restored !== undefined)
        parts.push(`deployment ${g.restored} records the restored release`);
    return parts.length ? `GitHub environment \`${g.environment ?? ''}\`: ${parts.join('; ')}.` : undefined;
}
function migrateLines(m) {
    if (!m)
        return [];
    if (m.mode === 'nothing')
        return ['migrate-down: the failed release applied no migration.'];
    if (m.mode === 'manual') {
        return [
            `${(0,summary/* statusIcon */.I8)('warning')} migrate-down: **${m.tool} has no down migrations — the schema was not rolled back** ` +
                `(${m.applied.map((a) => `\`${a}\``).join(', ')} still applied).` +
                (m.backupPath ? ` Restore the backup \`${m.backupPath}\` by hand.` : ''),
        ];
    }
    if (m.error) {
        return [`${(0,summary/* statusIcon */.I8)('failure')} migrate-down (${m.tool}) failed: ${(0,summary/* cell */.Hn)(m.error)}`];
    }
    return [
        `${(0,summary/* statusIcon */.I8)('success')} migrate-down (${m.tool}): reverted ${(m.reverted ?? []).map((a) => `\`${a}\``).join(', ') || 'none'}.`,
    ];
}
function sshSummary(config, result, error, extra) {
    const ssh = config.ssh;
    const to = result.decision?.to;
    const toText = to ? `\`${to.id ?? to.image ?? '?'}\`` : 'nothing';
    const fromText = result.decision?.from.length
        ? result.decision.from.map((f) => `\`${f}\``).join(', ')
        : '—';
    const rolled = result.hosts.filter((h) => h.result === 'rolled-back').length;
    const head = error
        ? `### ${(0,summary/* statusIcon */.I8)('failure')} rollback: ${to ? `${fromText} → ${toText}` : 'refused'} — ${result.decision ? 'failed' : 'nothing was changed'}`
        : rolled === 0
            ? `### ${(0,summary/* statusIcon */.I8)('skipped')} rollback: nothing to do — ${config.onlyFrom ? `no host runs \`${config.onlyFrom}\`` : `every host already runs ${toText}`}`
            : `### ${(0,summary/* statusIcon */.I8)('success')} rollback: ${fromText} → ${toText} on ${rolled} host${rolled === 1 ? '' : 's'}`;
    const parts = [
        head,
        '',
        `Strategy \`${ssh?.strategy ?? '?'}\` · app-dir \`${ssh?.appDir ?? '?'}\` · to: \`${config.to.kind === 'previous' ? 'previous' : config.to.value}\`` +
            `${to?.images
                ? ` · images ${Object.entries(to.images)
                    .map(([v, ref]) => `\`${v}=${ref}\``)
                    .join(', ')}`
                : to?.image && to.image !== to.id
                    ? ` · image \`${to.image}\``
                    : ''}${to?.source === 'github' ? ' · found in the GitHub deployments' : ''} · ${(0,duration/* formatDuration */.a)(extra.durationMs)}`,
        '',
        `Reason: ${(0,summary/* cell */.Hn)(config.reason)}`,
        '',
        (0,summary/* markdownTable */.Qj)(['Host', 'Result', 'From', 'To', 'Duration'], result.hosts.map((h) => [h.host, resultCell(h), h.from, h.to, (0,duration/* formatDuration */.a)(h.durationMs)])),
    ];
    const stack = stackOf(result);
    if (stack)
        parts.push('', ...(0,swarm_report/* stackStatusLines */.E)(stack));
    const notes = result.hosts.flatMap((h) => h.notes.map((n) => `- ${h.host}: ${n}`));
    if (notes.length)
        parts.push('', ...notes);
    const gh = githubLine(extra.github);
    const more = [gh, ...migrateLines(extra.migrate)].filter((x) => x !== undefined);
    if (more.length)
        parts.push('', ...more);
    if (error)
        parts.push('', (0,summary/* details */.zH)('Error', error));
    return `${parts.join('\n')}\n`;
}
function koyebSummary(config, result, error, extra) {
    if (!result) {
        return `### ${(0,summary/* statusIcon */.I8)('failure')} rollback (Koyeb): nothing was changed\n\n${(0,summary/* details */.zH)('Error', error ?? '')}\n`;
    }
    const { active, target } = result.choice;
    const ok = !error;
    const head = result.outcome === 'unchanged'
        ? `### ${(0,summary/* statusIcon */.I8)('skipped')} rollback (Koyeb): nothing to do — ${target.id === active.id ? `the active deployment is not \`${config.onlyFrom ?? '?'}\`` : `the service already runs the definition of \`${target.id}\``}`
        : result.outcome === 'dry-run'
            ? `### ${(0,summary/* statusIcon */.I8)('skipped')} rollback (Koyeb, dry run): would go back to \`${target.id}\` — nothing was changed`
            : `### ${(0,summary/* statusIcon */.I8)(ok ? 'success' : 'failure')} rollback (Koyeb): ${result.serviceName} ${ok ? 'is back on' : 'could not go back to'} \`${(0,choose_koyeb/* imageOf */.dT)(target) ?? target.id}\``;
    const rows = [
        ['Service', `${result.serviceName} (\`${result.serviceId}\`)`],
        ['Rolled back from', `\`${active.id}\` ${(0,choose_koyeb/* imageOf */.dT)(active) ?? ''}`],
        ['Definition of', `\`${target.id}\` ${(0,choose_koyeb/* imageOf */.dT)(target) ?? ''}`],
        ['New deployment', result.deploymentId ? `\`${result.deploymentId}\` — ${result.status ?? '?'}` : '—'],
        ['Reason', config.reason],
        ['Duration', (0,duration/* formatDuration */.a)(extra.durationMs)],
    ];
    const parts = [head, '', (0,summary/* markdownTable */.Qj)(['', ''], rows)];
    if (result.timeline.length) {
        parts.push('', (0,summary/* details */.zH)('Status timeline', result.timeline
            .map((t) => `+${(0,duration/* formatDuration */.a)(t.elapsedMs)} ${t.status}${t.messages.length ? ` — ${t.messages.join(' ')}` : ''}`)
            .join('\n')));
    }
    const more = [githubLine(extra.github), ...migrateLines(extra.migrate)].filter((x) => x !== undefined);
    if (more.length)
        parts.push('', ...more);
    if (error)
        parts.push('', (0,summary/* details */.zH)('Error', error));
    return `${parts.join('\n')}\n`;
}
function dryRunSummary(title, planText) {
    return [
        `### ${(0,summary/* statusIcon */.I8)('skipped')} rollback (dry run): ${title} — nothing was changed`,
        '',
        (0,summary/* details */.zH)('Plan', planText),
        '',
    ].join('\n');
}

// EXTERNAL MODULE: ./build/lib/deploy/history.js
var deploy_history = __webpack_require__(83210);
// EXTERNAL MODULE: ./build/lib/deploy/fleet.js
var deploy_fleet = __webpack_require__(31826);
// EXTERNAL MODULE: ./build/lib/deploy/locked-fleet.js + 1 modules
var locked_fleet = __webpack_require__(3600);
// EXTERNAL MODULE: ./build/lib/deploy/steps.js + 1 modules
var steps = __webpack_require__(25093);
// EXTERNAL MODULE: ./build/lib/deploy/swarm.js
var swarm = __webpack_require__(96450);
// EXTERNAL MODULE: ./build/lib/ssh/connection.js
var connection = __webpack_require__(41429);
// EXTERNAL MODULE: ./build/lib/ssh/pool.js
var ssh_pool = __webpack_require__(90963);
// EXTERNAL MODULE: ./build/actions/rollback/choose.js
var choose = __webpack_require__(11264);
// EXTERNAL MODULE: ./build/lib/deploy/compose.js
var deploy_compose = __webpack_require__(98922);
// EXTERNAL MODULE: ./build/lib/deploy/image-lines.js
var image_lines = __webpack_require__(90473);
// EXTERNAL MODULE: ./build/lib/deploy/release.js
var release = __webpack_require__(1451);
// EXTERNAL MODULE: ./build/lib/quote.js
var quote = __webpack_require__(51328);
;// CONCATENATED MODULE: ./build/actions/rollback/plan.js
// An SSH rollback is data before it is anything else: for each host, the exact remote commands
// that bring the chosen release back, the health gate, what undoes a failure, and the history
// lines written on success. `dry-run` prints this; rollback-ssh.ts executes it.









function describeStep(step) {
    return step.kind === 'stack' ? (0,swarm/* describeStackStep */.c_)(step) : (0,steps/* describeRemoteStep */.yA)(step);
}
function composeSettings(config) {
    if (!config.compose)
        throw new Error('internal: compose settings missing');
    return { ...config.compose.settings, appDir: config.appDir };
}
function commandEnv(config, choice) {
    const to = choice.to;
    const env = {
        ...config.env,
        RELEASE_ID: to.id ?? '',
        PREVIOUS_RELEASE_ID: choice.from.id ?? '',
        APP_DIR: config.appDir,
        DEPLOY_HOST: choice.host,
        GIT_SHA: to.sha ?? '',
    };
    if (config.strategy === 'release' && to.id)
        env['RELEASE_DIR'] = (0,release/* releaseDir */.ZI)(config.appDir, to.id);
    if (config.strategy === 'compose' && to.image)
        env['DEPLOY_IMAGE'] = to.image;
    return env;
}
/** The plan for one host. Pure. A host that already runs the release gets no steps. */
function planHost(config, choice, ctx) {
    const env = commandEnv(config, choice);
    const plan = { host: choice.host, choice, env, prepare: [], activate: [], undo: [], record: [] };
    if (choice.noop)
        return plan;
    const { from, to } = choice;
    const health = (cwd) => config.health ? [{ kind: 'health', title: 'health-command', gate: config.health, cwd }] : [];
    if (config.strategy === 'stack') {
        planStack(config, choice, plan);
    }
    else if (config.strategy === 'compose') {
        const s = composeSettings(config);
        const image = to.image ?? '';
        const compose = s.command.join(' ');
        const login = config.compose?.login;
        if (login) {
            const registry = login.registry ?? (0,deploy_compose/* registryOf */.Fv)(image);
            plan.prepare.push((0,steps/* registryLoginStep */.tK)(registry, login.username));
        }
        const up = {
            kind: 'exec',
            title: `${compose} up -d --remove-orphans --wait`,
            command: (0,deploy_compose/* upCommand */.Pl)(s),
        };
        // a deploy of several images comes back whole: every image of the entry, in one env-file write
        const images = to.images ?? { [s.imageVariable]: image };
        const listed = (0,image_lines/* formatImageLines */.uJ)(images).split('\n').join(', ');
        const fromListed = from.images ? (0,image_lines/* formatImageLines */.uJ)(from.images).split('\n').join(', ') : undefined;
        plan.activate.push({
            kind: 'exec',
            title: `set ${listed} in ${s.envFile}`,
            command: (0,deploy_compose/* setImagesScript */.qh)(s, images),
        }, up, ...health(config.appDir));
        plan.undo.push({
            kind: 'exec',
            title: `restore ${s.envFile} (${fromListed ?? `${s.imageVariable}=${from.image ?? 'none'}`})`,
            command: (0,deploy_compose/* restoreImageScript */.$h)(s),
        }, { ...up, title: `${compose} up the image that ran before, ${from.image ?? 'none'}` });
    }
    else {
        const id = to.id ?? '';
        const dir = (0,release/* releaseDir */.ZI)(config.appDir, id);
        // the gate runs inside the release before it goes live: a failing release never becomes current
        plan.prepare.push(...health(dir));
        plan.activate.push({
            kind: 'exec',
            title: `switch current → releases/${id}`,
            command: (0,release/* switchCurrentScript */.lI)(config.appDir, id, ctx.token),
        });
        if (config.afterSwitch)
            plan.activate.push({ kind: 'script', title: 'after-switch', script: config.afterSwitch, cwd: dir });
        if (from.id) {
            const back = (0,release/* releaseDir */.ZI)(config.appDir, from.id);
            plan.undo.push({
                kind: 'exec',
                title: `switch current back → releases/${from.id}`,
                command: (0,release/* switchCurrentScript */.lI)(config.appDir, from.id, ctx.token),
            });
            if (config.afterSwitch) {
                plan.undo.push({
                    kind: 'script',
                    title: 'after-switch (the release that ran before)',
                    script: config.afterSwitch,
                    cwd: back,
                    env: { RELEASE_ID: from.id, RELEASE_DIR: back, PREVIOUS_RELEASE_ID: id, GIT_SHA: from.sha ?? '' },
                });
            }
        }
    }
    plan.record = historyRecord(config, choice, ctx);
    return plan;
}
/** The stack a target swarm rollback deploys: stack-name, else the one the history recorded. */
function stackNameOf(config, choice) {
    const name = config.stack?.name ?? choice.to.stack ?? choice.from.stack;
    if (name === undefined) {
        throw new choose/* NoRollbackTargetError */.P8(`${choice.host}: the history does not say which stack release ${choice.to.id ?? '?'} was deployed as: give stack-name.`);
    }
    return name;
}
/**
 * target swarm: the release comes back by deploying the stack file it deployed (kept on the
 * manager by deploy-ssh): its images and every other setting of that release, for every service
 * at once. `docker service rollback` would only go back one step per service — after Swarm rolled
 * a failed update back itself, its previous spec is the failed one — while the history knows the
 * release. The deploy is followed until every service converged; Swarm rolls a failing update back
 * itself (failure_action rollback was filled in), and what still updates at a timeout is rolled back.
 */
function planStack(config, choice, plan) {
    const s = config.stack;
    if (!s)
        throw new Error('internal: stack settings missing');
    const { to } = choice;
    const id = to.id ?? '';
    const services = Object.keys(to.images ?? {});
    if (services.length === 0) {
        throw new choose/* NoRollbackTargetError */.P8(`${choice.host}: the history records no service images for release ${id || '?'}: it was not deployed with strategy stack.`);
    }
    const stack = stackNameOf(config, choice);
    const file = (0,swarm/* stackFilePath */.k2)(config.appDir, id);
    if (s.login)
        plan.prepare.push((0,steps/* registryLoginStep */.tK)(s.login.registry ?? (0,deploy_compose/* registryOf */.Fv)(to.images?.[services[0] ?? ''] ?? ''), s.login.username));
    plan.prepare.push({
        kind: 'exec',
        title: `check that the stack file of ${id} is on the manager (${file})`,
        command: `test -f ${(0,quote/* shellQuote */.ZL)(file)} || { echo ${(0,quote/* shellQuote */.ZL)(`the stack file of release ${id} is missing: ${file}`)} >&2; exit 1; }`,
    });
    const images = services.map((name) => `${name}=${to.images?.[name] ?? '?'}`).join(', ');
    plan.activate.push({
        kind: 'stack',
        title: `docker stack deploy ${stack} with the stack file of ${id} (${images}), then follow until converged (up to ${s.convergeTimeoutMs / 1000}s)`,
        command: (0,swarm/* stackDeployCommand */.F0)({ stack, file }),
        stack,
        services,
        timeoutMs: s.convergeTimeoutMs,
        intervalMs: s.pollIntervalMs,
    });
    plan.undo.push({
        kind: 'exec',
        title: `roll back the services of ${stack} still updating`,
        command: (0,swarm/* rollbackUnfinishedScript */.RZ)(stack),
    });
}
/**
 * What the history gets once a host runs the release again: the release rolled back from is
 * marked bad (so a later `previous` never returns to it), and the restored release is recorded as
 * deployed again (it is current from now on).
 */
function historyRecord(config, choice, ctx) {
    const { from, to } = choice;
    const time = ctx.now.toISOString();
    const who = {
        runId: ctx.run.runId,
        runAttempt: ctx.run.runAttempt,
        actor: ctx.run.actor,
        repository: ctx.run.repository,
        host: choice.host,
    };
    const lines = [];
    if (from.id && from.id !== to.id) {
        lines.push((0,deploy_history/* markEntry */.gj)(from.id, 'bad', {
            ...who,
            time,
            note: `rolled back to ${to.id ?? to.image ?? '?'}: ${ctx.reason}`,
        }));
    }
    lines.push({
        id: to.id ?? to.image ?? 'unknown',
        outcome: 'deployed',
        time,
        strategy: config.strategy,
        image: to.image,
        images: to.images,
        stack: config.strategy === 'stack' ? stackNameOf(config, choice) : undefined,
        sha: to.sha,
        ...who,
        previous: from.id,
        note: `rollback from ${from.id ?? from.image ?? 'an unknown release'}: ${ctx.reason}`,
    });
    return lines;
}
/**
 * The whole rollback as text: what `dry-run` prints. `revert` describes migrate-down, which runs
 * once, between the last check and the first host going live.
 */
function formatPlan(config, decision, plans, revert) {
    const out = [];
    const to = decision.to;
    out.push(`Roll back (strategy ${config.strategy}, app-dir ${config.appDir}) from ${decision.from.join(', ') || '—'} to ` +
        `${to.id ?? '?'}${to.image && to.image !== to.id ? ` (${to.image})` : ''}${to.source === 'github' ? ', found in the GitHub deployments' : ''}, ` +
        `${plans.length} host(s).`);
    for (const plan of plans) {
        out.push('', `Host ${plan.host}: runs ${plan.choice.from.id ?? plan.choice.from.image ?? '?'} now`);
        for (const note of plan.choice.notes)
            out.push(`  note: ${note}`);
        if (plan.choice.noop) {
            out.push(`  already runs ${to.id ?? to.image}: nothing to do`);
            continue;
        }
        out.push(`  1. Lock ${(0,lock/* lockPath */.HZ)(config.appDir)} (wait up to ${config.lock.timeoutMs / 1000}s) and read the release state again`);
        let n = 2;
        for (const step of plan.prepare)
            out.push(`  ${n++}. ${describeStep(step)}`);
        if (revert)
            out.push(`  ${n++}. ${revert} (once for all hosts, before any host goes live)`);
        for (const step of plan.activate)
            out.push(`  ${n++}. ${describeStep(step)}${step === plan.activate[0] ? '   (goes live here)' : ''}`);
        out.push(`  ${n}. Append to ${(0,deploy_history/* historyPath */.ae)(config.appDir)} and release the lock:`);
        for (const e of plan.record)
            out.push(`        ${e.id}: ${e.outcome} (${e.note ?? ''})`);
        if (plan.undo.length > 0) {
            out.push('  On failure after going live:');
            for (const step of plan.undo)
                out.push(`     - ${describeStep(step)}`);
        }
    }
    return out.join('\n');
}

// EXTERNAL MODULE: ./build/lib/deploy/state.js
var deploy_state = __webpack_require__(85287);
;// CONCATENATED MODULE: ./build/actions/rollback/snapshot.js
// What a host runs and what it could go back to, read in one round trip (under the deploy lock,
// or without it for a dry run): lib/deploy/state's history, `current` link and env-file image,
// plus — for the release layout — the release directories still on the host.





const DIRS_MARK = '@@ops-actions-rollback:release-dirs';
function stateQuery(config) {
    if (config.strategy === 'stack')
        return {};
    return config.strategy === 'release' ? { release: true } : { compose: composeSettings(config) };
}
/** The read-only remote script. Pure. */
function snapshotScript(config) {
    const parts = [(0,deploy_state/* readStateScript */.Dt)(config.appDir, stateQuery(config))];
    if (config.strategy === 'release') {
        const dir = (0,quote/* shellQuote */.ZL)((0,release/* releaseLayout */.kD)(config.appDir).releasesDir);
        parts.push(`echo '${DIRS_MARK}'`, `if [ -d ${dir} ]; then ls -1 ${dir}; fi`);
    }
    if (config.strategy === 'stack') {
        // the stack file each release deployed (deploy-ssh strategy stack keeps them): the releases that can come back
        const dir = (0,quote/* shellQuote */.ZL)((0,swarm/* stackFilesDir */.xG)(config.appDir));
        parts.push(`echo '${DIRS_MARK}'`, `if [ -d ${dir} ]; then ls -1 ${dir} | sed -n 's/\\.yml$//p'; fi`);
    }
    return parts.join('\n');
}
/** Parses what snapshotScript printed. */
function parseSnapshot(host, stdout) {
    const cut = stdout.indexOf(`${DIRS_MARK}\n`);
    const state = (0,deploy_state/* parseState */.Bu)(cut >= 0 ? stdout.slice(0, cut) : stdout);
    if (cut < 0)
        return { host, state };
    const releaseDirs = stdout
        .slice(cut + DIRS_MARK.length + 1)
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l !== '' && !l.includes('.partial-'));
    return { host, state, releaseDirs };
}

;// CONCATENATED MODULE: ./build/actions/rollback/rollback-ssh.js
// Executes an SSH rollback across the hosts (lib/deploy/fleet): connect, take the deploy lock and
// read each host's state in the same round trip, decide where every host goes (nothing has changed
// yet, so a refusal touches nothing), run the health gate, revert the failed release's migrations
// (once, while its code is still deployed and the locks are held), bring the release back, undo a
// host whose rollback failed, then record the outcome in its history and release the lock.












const CHOOSE = 'Choose the release';
/** The phase of `beforeActivate`. */
const REVERT_MIGRATIONS = 'Revert the migrations';
/** The configuration on one host: `{host}`/`{port}` in app-dir replaced, as deploy-ssh did. */
function onHost(config, label) {
    const host = config.ssh.hosts.find((h) => h.label === label);
    return host ? (0,paths/* forHost */.cE)(config, host) : config;
}
function need(v) {
    if (v === undefined)
        throw new Error('internal: a previous phase did not complete');
    return v;
}
async function rollbackSsh(config, opts) {
    const logger = opts.logger ?? connection/* runnerLogger */.hB;
    const started = Date.now();
    const pool = new ssh_pool/* SshPool */.V(config.ssh, { logger, signal: opts.signal });
    const secrets = [config.compose?.login?.password, config.stack?.login?.password];
    const now = opts.now?.() ?? new Date();
    const data = new Map();
    // every host's choice is made once all of them were read: phases run one after the other, so
    // when the first host reaches this phase, every host that is still in the rollback has its snapshot
    let decided;
    const decideAll = () => {
        decided ??= (async () => {
            const snapshots = config.ssh.hosts
                .map((host) => data.get(host.label)?.snapshot)
                .filter((s) => s !== undefined);
            const needGithub = opts.to.kind === 'previous' &&
                snapshots.some((s) => s.state.history.length === 0) &&
                opts.githubCandidate;
            const github = needGithub ? await opts.githubCandidate?.() : undefined;
            const choices = snapshots.map((s) => (0,choose/* chooseForHost */.JC)(config.strategy, s, opts.to, { github, onlyFrom: opts.onlyFrom }));
            const decision = (0,choose/* decide */.LD)(config.strategy, choices);
            for (const choice of decision.hosts) {
                const d = data.get(choice.host);
                if (d)
                    d.plan = planHost(onHost(config, choice.host), choice, {
                        token: opts.token,
                        reason: opts.reason,
                        run: opts.run,
                        now,
                    });
            }
            if (decision.hosts.some((c) => !c.noop))
                await opts.onDecided?.(decision);
            return decision;
        })();
        return decided;
    };
    const runSteps = async (h, steps, signal, mark) => {
        for (const step of steps) {
            // a stack deploy changes the services before it can fail (Swarm rolls back what it started)
            if (mark && step.kind === 'stack')
                h.data.changed = true;
            await runStep(config, h, step, { logger, secrets, signal });
            if (mark)
                h.data.changed = true;
        }
    };
    const noop = (h) => h.data.plan?.choice.noop ?? false;
    // once for the whole fleet: every changing host waits for the same run
    let reverted;
    const beforeActivate = opts.beforeActivate;
    const phases = [
        ...(0,locked_fleet/* connectAndLockPhases */.b)({
            pool,
            logger,
            lockInfo: opts.lockInfo,
            lock: config.lock,
            appDir: (h) => onHost(config, h.host.label).appDir,
            readState: (h) => snapshotScript(onHost(config, h.host.label)),
            onLocked: (h, state) => {
                h.data.snapshot = parseSnapshot(h.host.label, state);
                return '';
            },
        }),
        {
            name: CHOOSE,
            run: async (h) => {
                await decideAll();
                const plan = need(h.data.plan);
                const { from, to } = plan.choice;
                for (const note of plan.choice.notes)
                    logger.warning(`${h.host.label}: ${note}`);
                logger.info(plan.choice.noop
                    ? `[${h.host.label}] already runs ${to.id ?? to.image}: nothing to do`
                    : `[${h.host.label}] runs ${from.id ?? from.image ?? '?'}; rolling back to ${to.id ?? '?'}${to.image && to.image !== to.id ? ` (${to.image})` : ''}`);
            },
        },
        {
            name: 'Prepare',
            skip: (h) => noop(h) || (h.data.plan?.prepare.length ?? 0) === 0,
            run: (h) => runSteps(h, need(h.data.plan).prepare, h.signal, false),
        },
        {
            name: REVERT_MIGRATIONS,
            skip: (h) => noop(h) || !beforeActivate,
            run: async () => {
                reverted ??= beforeActivate?.();
                await reverted;
            },
        },
        {
            name: 'Activate',
            commits: true,
            skip: noop,
            run: (h) => runSteps(h, need(h.data.plan).activate, h.signal, true),
        },
    ];
    opts.onLocking?.({ appDir: config.appDir, token: opts.token, hosts: config.ssh.hosts.map((h) => h.label) });
    let fleet;
    try {
        fleet = await (0,deploy_fleet/* runFleet */.g)({
            hosts: config.ssh.hosts,
            init: (host) => {
                const d = { locked: false, changed: false };
                data.set(host.label, d);
                return d;
            },
            phases,
            parallel: 0,
            failFast: true,
            logger,
            group: opts.group,
            signal: opts.signal,
            undo: async (h) => {
                const plan = h.data.plan;
                // another deploy holds the lock now: its changes are not ours to undo
                if (h.data.lockLost)
                    return;
                if (!plan || !h.data.changed || !h.data.conn || h.data.conn.isClosed)
                    return;
                logger.info(`[${h.host.label}] undoing: ${plan.undo.map((s) => s.title).join('; ')}`);
                h.data.restored = false;
                await runSteps(h, plan.undo, undefined, false);
                h.data.restored = true;
            },
            finishName: 'Record and unlock',
            finish: async (h) => {
                const plan = h.data.plan;
                const entries = h.status === 'succeeded' && plan && !plan.choice.noop ? plan.record : [];
                const { appDir } = onHost(config, h.host.label);
                const record = entries.length
                    ? entries.map((e) => (0,deploy_history/* appendHistoryScript */._m)(appDir, e)).join(' && ')
                    : undefined;
                const done = await (0,locked_fleet/* recordAndUnlock */.T)(h, { appDir, token: opts.token, record, logger });
                if (done && entries.length)
                    logger.info(`[${h.host.label}] recorded: ${entries.map((e) => `${e.id} ${e.outcome}`).join(', ')}`);
            },
        });
    }
    finally {
        await pool.closeAll();
    }
    if (fleet.every((h) => !h.data.locked))
        opts.onUnlocked?.();
    const decision = decided ? await decided.catch(() => undefined) : undefined;
    const hosts = fleet.map((h) => {
        const choice = h.data.plan?.choice;
        const ok = h.status === 'succeeded';
        return {
            host: h.host.label,
            result: ok
                ? choice?.noop
                    ? 'unchanged'
                    : 'rolled-back'
                : h.status === 'cancelled'
                    ? 'cancelled'
                    : 'failed',
            from: choice ? (choice.from.id ?? choice.from.image) : undefined,
            to: choice ? (choice.to.id ?? choice.to.image) : undefined,
            durationMs: h.durationMs,
            phase: ok ? undefined : h.failedPhase,
            error: ok ? undefined : (0,errors/* errorMessage */.gJ)(h.error),
            restored: h.data.restored,
            notes: choice?.notes ?? [],
            ...(h.data.stack ? { stack: h.data.stack } : {}),
        };
    });
    return { decision, hosts, durationMs: Date.now() - started };
}
async function runStep(config, h, step, ctx) {
    if (step.kind === 'stack') {
        const conn = need(h.data.conn);
        await (0,steps/* logStep */.Lc)(ctx.logger, h.host.label, step.title, async () => {
            try {
                h.data.stack = await (0,swarm/* runStackStep */.u2)(conn, step, { ...ctx, commandTimeoutMs: config.commandTimeoutMs });
            }
            catch (error) {
                if (error instanceof swarm/* StackDeployError */.O1)
                    h.data.stack = error.status;
                throw error;
            }
        });
        return;
    }
    await (0,steps/* runRemoteStep */.iv)(step, {
        ...ctx,
        conn: need(h.data.conn),
        shell: config.shell,
        env: need(h.data.plan).env,
        commandTimeoutMs: config.commandTimeoutMs,
        registryPassword: config.compose?.login?.password ?? config.stack?.login?.password,
    });
}
/** The error main throws when a host did not roll back: names each one, its phase and reason, and what it runs now. */
function rollbackError(result) {
    const failed = result.hosts.filter((h) => h.result === 'failed' || h.result === 'cancelled');
    if (failed.length === 0)
        return undefined;
    // a refusal before any host changed is the same on every host: say it once
    const refused = failed.filter((h) => h.result === 'failed');
    const distinct = [...new Set(refused.map((h) => h.error ?? ''))];
    if (refused.length > 0 && refused.every((h) => h.phase === CHOOSE) && distinct.length === 1) {
        return new errors/* OperationError */.OK(`Rollback refused, nothing was changed: ${distinct[0]}`);
    }
    const lines = failed.map((h) => {
        const error = (h.error ?? '').startsWith(`${h.host}: `)
            ? (h.error ?? '').slice(h.host.length + 2)
            : (h.error ?? '');
        const state = h.restored === true
            ? ` (what ran before was put back: it runs ${h.from ?? 'the previous release'} again)`
            : h.restored === false
                ? ' (putting back what ran before FAILED too: check this host now)'
                : '';
        return `  ${h.host} (${h.result}${h.phase ? ` in ${h.phase}` : ''}): ${error.split('\n').join('\n    ')}${state}`;
    });
    return new errors/* OperationError */.OK(`Rollback failed on ${failed.length} of ${result.hosts.length} host(s):\n${lines.join('\n')}`, { failed: failed.map((h) => h.host) });
}
/**
 * dry-run: reads every host's state (read-only, without the lock), decides and plans exactly as a
 * real rollback would, and returns the plan as text. Nothing on the hosts changes.
 */
async function previewSsh(config, opts) {
    const logger = opts.logger ?? connection/* runnerLogger */.hB;
    const pool = new ssh_pool/* SshPool */.V(config.ssh, { logger });
    try {
        const snapshots = await Promise.all(config.ssh.hosts.map(async (host) => {
            const conn = await pool.connect(host);
            const r = await conn.exec(snapshotScript(onHost(config, host.label)), {
                silent: true,
                label: 'read the release state',
            });
            return parseSnapshot(host.label, r.stdout);
        }));
        const needGithub = opts.to.kind === 'previous' && snapshots.some((s) => s.state.history.length === 0);
        const github = needGithub ? await opts.githubCandidate?.() : undefined;
        const decision = (0,choose/* decide */.LD)(config.strategy, snapshots.map((s) => (0,choose/* chooseForHost */.JC)(config.strategy, s, opts.to, { github, onlyFrom: opts.onlyFrom })));
        const ctx = { token: opts.token, reason: opts.reason, run: opts.run, now: opts.now?.() ?? new Date() };
        const plans = decision.hosts.map((c) => planHost(onHost(config, c.host), c, ctx));
        return { decision, plans, text: formatPlan(config, decision, plans, opts.revert) };
    }
    finally {
        await pool.closeAll();
    }
}

;// CONCATENATED MODULE: ./build/actions/rollback/main.js














const log = (line) => core/* info */.pq(line);
const warn = (line) => core/* warning */.$e(line);
const group = (name, fn) => core/* group */.Os(name, fn);
function setOutputs(outputs) {
    for (const [k, v] of Object.entries(outputs))
        core/* setOutput */.uH(k, v);
}
async function main() {
    const started = Date.now();
    const inputs = new lib_inputs/* Inputs */.G0();
    const config = await readRollbackInputs(inputs);
    // what only some rollbacks need is loaded (and its inputs read) only then — still before anything is contacted
    let koyebConfig;
    if (config.target === 'koyeb') {
        const { readKoyebRollbackInputs } = await Promise.all(/* import() */[__webpack_require__.e(9691), __webpack_require__.e(3386), __webpack_require__.e(2566)]).then(__webpack_require__.bind(__webpack_require__, 22566));
        koyebConfig = readKoyebRollbackInputs(inputs);
    }
    let migrate;
    const firstHost = config.ssh?.ssh.hosts[0];
    if (config.migrateDown) {
        const { readMigrateDown } = await Promise.all(/* import() */[__webpack_require__.e(3849), __webpack_require__.e(2963), __webpack_require__.e(7406), __webpack_require__.e(7741)]).then(__webpack_require__.bind(__webpack_require__, 17741));
        migrate = await readMigrateDown(inputs, {
            target: config.target,
            // the migrations run on the first host: its app-dir, {host}/{port} replaced
            appDir: config.ssh && firstHost ? (0,paths/* hostAppDir */.Px)(config.ssh.appDir, firstHost) : config.ssh?.appDir,
            compose: config.ssh?.compose?.settings,
            env: process.env,
        });
    }
    let github = NO_RECORD;
    let environment;
    if (config.github) {
        const { githubDeployments, readGithubDeploymentInputs } = await Promise.all(/* import() */[__webpack_require__.e(9691), __webpack_require__.e(1351), __webpack_require__.e(462), __webpack_require__.e(8641)]).then(__webpack_require__.bind(__webpack_require__, 70462));
        const ghInputs = readGithubDeploymentInputs(inputs);
        environment = ghInputs.environment;
        github = new GithubRollbackRecord(githubDeployments(ghInputs), { log });
    }
    const provenance = (0,provenance_inputs/* readProvenanceInputs */.l)(inputs);
    if (provenance && config.ssh?.strategy === 'release') {
        throw new errors/* ConfigurationError */.j1('verify-provenance', "checks the image a rollback goes back to; strategy 'release' (an uploaded directory) has none. Remove verify-provenance, or use strategy compose.", 'strategy: compose');
    }
    const run = { config, github, migrate, environment, started, provenance };
    if (koyebConfig)
        await koyeb(run, koyebConfig);
    else
        await ssh(run);
}
function githubNote(run) {
    return { enabled: run.github.enabled, environment: run.environment, ...run.github.ids };
}
/** Records the outcome in GitHub; returns the error that fails the step, if any. */
async function record({ config, github }, to, error) {
    if (error)
        await github.fail(error);
    else
        await github.succeed(to, config.reason);
    return error;
}
/**
 * Koyeb: migrate-down after the redeploy is healthy. It runs on the runner from the workflow's
 * checkout (nothing depends on what is deployed), and Koyeb keeps the failed deployment serving
 * until the new one is healthy: reverting first would leave it serving on the old schema during
 * the wait, and for good if the redeploy fails.
 */
async function finishKoyeb(run, to, error) {
    let migrate;
    const down = run.migrate;
    if (!error && down) {
        const { runMigrateDown } = await Promise.all(/* import() */[__webpack_require__.e(3849), __webpack_require__.e(2963), __webpack_require__.e(7406), __webpack_require__.e(7741)]).then(__webpack_require__.bind(__webpack_require__, 17741));
        migrate = await group('migrate-down', () => runMigrateDown(down, { log, warn, group, irreversible: run.irreversible }));
        if (migrate.error) {
            error = `The code was rolled back to ${to.id ?? to.image ?? '?'}, but reverting the migrations failed: ${migrate.error}`;
        }
    }
    return { migrate, error: await record(run, to, error) };
}
async function ssh(run) {
    const { config, github, started } = run;
    const cfg = config.ssh;
    if (!cfg)
        throw new Error('internal: ssh settings missing');
    const token = (0,lock/* newLockToken */.$I)();
    const common = {
        to: config.to,
        onlyFrom: config.onlyFrom,
        token,
        reason: config.reason,
        run: config.run,
        githubCandidate: () => github.previousCandidate(),
    };
    if (config.dryRun) {
        const revert = run.migrate
            ? (await Promise.all(/* import() */[__webpack_require__.e(3849), __webpack_require__.e(2963), __webpack_require__.e(7406), __webpack_require__.e(7741)]).then(__webpack_require__.bind(__webpack_require__, 17741))).describeMigrateDown(run.migrate)
            : undefined;
        const preview = await previewSsh(cfg, { ...common, revert });
        // the dry run says whether the real one would be refused
        if (run.provenance && preview.decision.hosts.some((c) => !c.noop))
            await verifySshRollbackTarget(preview.decision.to, run.provenance);
        await group('Plan (dry run: the hosts were read, nothing was changed)', async () => log(preview.text));
        setOutputs(sshOutputs({ decision: preview.decision, hosts: [], durationMs: 0 }, Date.now() - started, undefined));
        await (0,summary/* writeSummary */.Sy)(dryRunSummary(`to ${preview.decision.to.id ?? preview.decision.to.image ?? '?'}`, preview.text));
        return;
    }
    // the runner cancels a job with SIGINT (then SIGTERM): stop, undo, release the locks
    const cancel = new AbortController();
    const onSignal = () => {
        warn('Cancelled: stopping the running commands, undoing unfinished hosts and releasing the locks.');
        cancel.abort();
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    // migrate-down runs before any host switches back, while the failed release's code (and so its
    // migration files, e.g. in the compose service's container) is still deployed and the locks are held
    const down = run.migrate;
    let migrate;
    const beforeActivate = down
        ? async () => {
            const { runMigrateDown } = await Promise.all(/* import() */[__webpack_require__.e(3849), __webpack_require__.e(2963), __webpack_require__.e(7406), __webpack_require__.e(7741)]).then(__webpack_require__.bind(__webpack_require__, 17741));
            migrate = await group('migrate-down', () => runMigrateDown(down, { log, warn, group }));
            if (migrate.error)
                throw new errors/* OperationError */.OK(`migrate-down failed: ${migrate.error}`);
        }
        : undefined;
    let result;
    try {
        result = await rollbackSsh(cfg, {
            ...common,
            lockInfo: (0,lock/* lockInfoFromEnv */.rd)(token),
            signal: cancel.signal,
            onDecided: async (decision) => {
                // the release to go back to must pass, like any deploy, before any host changes
                if (run.provenance)
                    await verifySshRollbackTarget(decision.to, run.provenance);
                await github.begin(decision.hosts.filter((h) => !h.noop).map((h) => h.from), decision.to, config.reason);
            },
            onLocking: (saved) => core/* saveState */.LZ(lock/* LOCK_STATE_KEY */.or, JSON.stringify(saved)),
            onUnlocked: () => core/* saveState */.LZ(lock/* LOCK_RELEASED_STATE_KEY */.My, 'true'),
            beforeActivate,
        });
    }
    finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
    }
    for (const h of result.hosts) {
        log(`${h.host}: ${h.result}${h.phase && h.result !== 'rolled-back' ? ` in ${h.phase}` : ''} (${(h.durationMs / 1000).toFixed(1)}s)`);
    }
    const failure = await sshFailure(result, migrate);
    const to = result.decision?.to ?? { id: undefined, source: 'history' };
    // nothing was to change (every host already on the release, or not on 'from'): no migrate-down, no GitHub record
    const changing = result.decision?.hosts.some((c) => !c.noop) ?? false;
    const error = changing ? await record(run, to, failure) : failure;
    const durationMs = Date.now() - started;
    setOutputs(sshOutputs(result, durationMs, migrate));
    await (0,summary/* writeSummary */.Sy)(sshSummary(config, result, error, { github: githubNote(run), migrate, durationMs }));
    if (error)
        throw new errors/* OperationError */.OK(error);
}
/** The step's error: migrate-down's own when it failed (nothing was switched), else the hosts'. */
async function sshFailure(result, migrate) {
    if (!migrate && !rollbackError(result))
        return undefined;
    const { revertFailedMessage, revertedBeforeFailureNote } = await Promise.all(/* import() */[__webpack_require__.e(3849), __webpack_require__.e(2963), __webpack_require__.e(7406), __webpack_require__.e(7741)]).then(__webpack_require__.bind(__webpack_require__, 17741));
    if (migrate?.error)
        return revertFailedMessage(migrate, result.decision?.from ?? []);
    const failure = rollbackError(result)?.message;
    const note = revertedBeforeFailureNote(migrate);
    return failure && note ? `${failure}\n${note}` : failure;
}
async function koyeb(run, cfg) {
    const { config, github, started } = run;
    const { koyebClient, koyebRollbackError, rollbackKoyeb } = await Promise.all(/* import() */[__webpack_require__.e(9691), __webpack_require__.e(3386), __webpack_require__.e(2566)]).then(__webpack_require__.bind(__webpack_require__, 22566));
    const client = koyebClient(cfg);
    let result;
    let error;
    let begun = false;
    let pinnedImage;
    // a migration without a down step refuses the rollback here, before Koyeb redeploys anything
    const down = run.migrate;
    if (down?.mode === 'revert' && !config.dryRun) {
        const { findIrreversibleMigrations } = await Promise.all(/* import() */[__webpack_require__.e(3849), __webpack_require__.e(2963), __webpack_require__.e(7406), __webpack_require__.e(7741)]).then(__webpack_require__.bind(__webpack_require__, 17741));
        const { irreversibleMessage } = await __webpack_require__.e(/* import() */ 3099).then(__webpack_require__.bind(__webpack_require__, 23099));
        run.irreversible = await group('migrate-down: check each migration has a down step', () => findIrreversibleMigrations(down, { log, env: process.env }));
        if (run.irreversible.length > 0 && !down.allowIrreversible) {
            throw new errors/* OperationError */.OK(`migrate-down ${irreversibleMessage(run.irreversible, { allowInput: 'migrate-allow-irreversible', backupPath: down.backupPath })}`);
        }
    }
    try {
        result = await rollbackKoyeb(client, cfg, {
            to: config.to,
            onlyFrom: config.onlyFrom,
            dryRun: config.dryRun,
            log,
            warn,
            group,
            onDecided: async (choice) => {
                // the image to go back to must pass, like any deploy, before anything changes; the digest
                // that passed is what gets deployed (a tag may have moved since the check)
                const pinned = run.provenance
                    ? await verifyRollbackTarget((0,choose_koyeb/* imageOf */.dT)(choice.target), run.provenance)
                    : undefined;
                pinnedImage = pinned;
                begun = true;
                await github.begin([{ id: choice.active.id, image: (0,choose_koyeb/* imageOf */.dT)(choice.active) }], { id: choice.target.id, image: pinned ?? (0,choose_koyeb/* imageOf */.dT)(choice.target) }, config.reason);
                return pinned;
            },
        });
        error = koyebRollbackError(result)?.message;
    }
    catch (e) {
        error = (0,errors/* errorMessage */.gJ)(e);
    }
    let migrate;
    if (result && result.outcome !== 'dry-run' && result.outcome !== 'unchanged') {
        const target = result.choice.target;
        const done = await finishKoyeb(run, { id: target.id, image: pinnedImage ?? (0,choose_koyeb/* imageOf */.dT)(target) }, error);
        migrate = done.migrate;
        error = done.error;
    }
    else if (begun && error) {
        await github.fail(error);
    }
    const durationMs = Date.now() - started;
    setOutputs(koyebOutputs(result, durationMs, migrate));
    await (0,summary/* writeSummary */.Sy)(koyebSummary(config, result, error, { github: githubNote(run), migrate, durationMs }));
    if (error)
        throw new errors/* OperationError */.OK(error);
}
/** Releases the deploy locks main took, if main could not (killed, cancelled, connection lost). */
async function post() {
    const saved = (0,lock/* parseSavedLocks */.NE)(core/* getState */.Gu(lock/* LOCK_STATE_KEY */.or));
    if (!saved)
        return;
    if (core/* getState */.Gu(lock/* LOCK_RELEASED_STATE_KEY */.My) === 'true') {
        core/* info */.pq('The rollback released its locks itself.');
        return;
    }
    await (0,lock/* releaseSavedLocks */.T_)(await (0,ssh_inputs/* readSshInputs */.sl)(new lib_inputs/* Inputs */.G0()), saved);
}
/** ssh/swarm: the release to go back to must pass, like any deploy, before any host changes. */
async function verifySshRollbackTarget(to, provenance) {
    const images = rollbackTargetImages(to);
    const { verifyImagesProvenance } = await Promise.all(/* import() */[__webpack_require__.e(1351), __webpack_require__.e(1168), __webpack_require__.e(523)]).then(__webpack_require__.bind(__webpack_require__, 10523));
    await group('Verify provenance', () => verifyImagesProvenance(images, provenance, { log }));
}
/** Verifies the target deployment's image; returns the verified `repository@sha256:…` to deploy. */
async function verifyRollbackTarget(image, provenance) {
    if (!image)
        throw new errors/* OperationError */.OK('verify-provenance: the target deployment names no image to verify.');
    const { verifyImagesProvenance } = await Promise.all(/* import() */[__webpack_require__.e(1351), __webpack_require__.e(1168), __webpack_require__.e(523)]).then(__webpack_require__.bind(__webpack_require__, 10523));
    const [verified] = await group('Verify provenance', () => verifyImagesProvenance([image], provenance, { log }));
    if (!verified)
        throw new errors/* OperationError */.OK(`verify-provenance: ${image} was not verified.`);
    return verified.pinned;
}


/***/ })

};
