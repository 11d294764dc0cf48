export const id = 58;
export const ids = [58,641];
export const modules = {

/***/ 42058:
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
// EXTERNAL MODULE: ./build/lib/deploy/release.js
var deploy_release = __webpack_require__(1451);
// EXTERNAL MODULE: ./build/lib/errors.js
var errors = __webpack_require__(61469);
// EXTERNAL MODULE: ./build/lib/github/inputs.js
var github_inputs = __webpack_require__(98641);
// EXTERNAL MODULE: ./build/lib/inputs.js
var lib_inputs = __webpack_require__(52307);
// EXTERNAL MODULE: ./build/lib/provenance/inputs.js
var provenance_inputs = __webpack_require__(77537);
// EXTERNAL MODULE: ./build/lib/ssh/inputs.js
var ssh_inputs = __webpack_require__(85648);
// EXTERNAL MODULE: ./build/lib/summary.js
var summary = __webpack_require__(3476);
// EXTERNAL MODULE: ./build/lib/deploy/fleet.js
var deploy_fleet = __webpack_require__(31826);
// EXTERNAL MODULE: ./build/lib/deploy/history.js
var deploy_history = __webpack_require__(83210);
// EXTERNAL MODULE: ./build/lib/deploy/locked-fleet.js + 1 modules
var locked_fleet = __webpack_require__(3600);
// EXTERNAL MODULE: ./build/lib/deploy/compose.js
var deploy_compose = __webpack_require__(98922);
// EXTERNAL MODULE: ./build/lib/deploy/paths.js
var paths = __webpack_require__(44738);
;// CONCATENATED MODULE: ./build/lib/deploy/rolling.js
// Rolling deploys across hosts: the first host alone (the canary), then the rest in batches of a
// fixed size or a share of the hosts. Pure: which hosts go in which batch.

function parseBatchSize(text, input = 'rolling-batch') {
    const t = text.trim();
    const m = /^(\d+)(%?)$/.exec(t);
    const value = m ? Number(m[1]) : NaN;
    if (!m || value < 1 || (m[2] === '%' && value > 100)) {
        throw new errors/* ConfigurationError */.j1(input, `must be a number of hosts (such as 2) or a percentage of the hosts (such as 25%), got '${text}'.`, `${input}: 2`);
    }
    return m[2] === '%' ? { kind: 'percent', value } : { kind: 'count', value };
}
function batchHosts(size, total) {
    if (size.kind === 'count')
        return size.value;
    return Math.max(1, Math.ceil((total * size.value) / 100));
}
/**
 * Host indexes per batch: the hosts in order, `size` at a time, except that the first host goes
 * alone first (the canary) and the rest of its batch follows it.
 * planBatches(6, {count 2}) → [[0], [1], [2, 3], [4, 5]].
 */
function planBatches(total, size) {
    if (total === 0)
        return [];
    const n = batchHosts(size, total);
    const batches = [];
    for (let i = 0; i < total; i += n) {
        batches.push(Array.from({ length: Math.min(n, total - i) }, (_, k) => i + k));
    }
    const first = batches[0] ?? [];
    return first.length > 1 ? [[0], first.slice(1), ...batches.slice(1)] : batches;
}

// EXTERNAL MODULE: ./build/lib/deploy/steps.js + 1 modules
var steps = __webpack_require__(25093);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(38815);
// EXTERNAL MODULE: ./build/lib/duration.js
var duration = __webpack_require__(39386);
// EXTERNAL MODULE: ./build/lib/quote.js
var quote = __webpack_require__(51328);
// EXTERNAL MODULE: ./build/lib/retry.js
var retry = __webpack_require__(81374);
;// CONCATENATED MODULE: ./build/lib/deploy/swarm.js
// Docker Swarm stacks (deploy-ssh strategy stack): the stack file we deploy (images set, safe
// update defaults filled in), the `docker stack deploy` command, and following every service of
// the stack until it has converged, Swarm rolled it back, or the time is up.
//
// Measured on Docker 20.10 (single node, host networking, --bridge=none): a task only counts as
// running once its health check passed, so the health check of the image or stack gates the
// update. With `order: start-first` on the host network the new task cannot bind the port the old
// one holds (`task: non-zero exit (1)`), the update fails and Swarm rolls it back: services on the
// host network get `stop-first` unless the stack file says otherwise.





/** What we set in a service's update_config (and rollback_config) where the stack file is silent. */
const SAFE_UPDATE = { failureAction: 'rollback', monitor: '10s' };
/**
 * Reads the stack file, sets the images and fills in safe update settings. Throws a
 * ConfigurationError naming `stack-file` or `images` for anything Docker would refuse or we
 * cannot apply — before anything is contacted. Pure.
 */
function renderStack(text, given, fileName = 'stack-file') {
    const doc = (0,dist/* parseDocument */.Tp)(text, { merge: true });
    if (doc.errors.length > 0) {
        throw new errors/* ConfigurationError */.j1('stack-file', `${fileName} is not valid YAML: ${doc.errors[0]?.message.split('\n')[0] ?? ''}`);
    }
    const root = doc.contents;
    const services = (0,dist/* isMap */.jh)(root) ? root.get('services') : undefined;
    if (!(0,dist/* isMap */.jh)(services) || services.items.length === 0) {
        throw new errors/* ConfigurationError */.j1('stack-file', `${fileName} has no services: a stack file is a Compose file with a 'services:' mapping.`, 'services:\n  web:\n    image: ghcr.io/acme/shop:1.4.2');
    }
    const names = services.items.map((pair) => String((0,dist/* isScalar */.jn)(pair.key) ? pair.key.value : pair.key));
    for (const name of Object.keys(given.images)) {
        if (!names.includes(name)) {
            throw new errors/* ConfigurationError */.j1('images', `names the service '${name}', which ${fileName} does not define (its services: ${names.join(', ')}).`, `images: |\n  ${names[0] ?? 'web'}=ghcr.io/acme/shop:1.4.2`);
        }
    }
    if (given.image !== undefined && names.length !== 1) {
        throw new errors/* ConfigurationError */.j1('image', `is for a stack of one service, but ${fileName} defines ${names.length} (${names.join(', ')}). Use 'images' with one SERVICE=ref line per service.`, `images: |\n${names.map((n) => `  ${n}=ghcr.io/acme/${n}:1.4.2`).join('\n')}`);
    }
    const hostNetworks = hostNetworkKeys((0,dist/* isMap */.jh)(root) ? root.get('networks') : undefined);
    const images = {};
    const defaults = [];
    for (const name of names) {
        const node = services.get(name);
        if (!(0,dist/* isMap */.jh)(node)) {
            throw new errors/* ConfigurationError */.j1('stack-file', `service '${name}' in ${fileName} is not a mapping.`);
        }
        const image = given.images[name] ?? given.image;
        const svc = node;
        if (image !== undefined)
            svc.set('image', image);
        const current = svc.get('image');
        if (typeof current !== 'string' || current.trim() === '') {
            throw new errors/* ConfigurationError */.j1('images', `service '${name}' has no image: set it in ${fileName} or give '${name}=<ref>' in images.`, `images: |\n  ${name}=ghcr.io/acme/${name}:1.4.2`);
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
    if (!(0,dist/* isMap */.jh)(networks))
        return keys;
    for (const pair of networks.items) {
        const key = String((0,dist/* isScalar */.jn)(pair.key) ? pair.key.value : pair.key);
        const def = pair.value;
        const name = (0,dist/* isMap */.jh)(def) ? def.get('name') : undefined;
        const external = (0,dist/* isMap */.jh)(def) ? def.get('external') : undefined;
        if ((name ?? key) === 'host' && external !== undefined && external !== false)
            keys.add(key);
    }
    return keys;
}
function serviceNetworks(svc) {
    const n = svc.get('networks');
    if ((0,dist/* isSeq */.oP)(n))
        return n.items.map((i) => String((0,dist/* isScalar */.jn)(i) ? i.value : i));
    if ((0,dist/* isMap */.jh)(n))
        return n.items.map((p) => String((0,dist/* isScalar */.jn)(p.key) ? p.key.value : p.key));
    return [];
}
function fillUpdateDefaults(doc, svc, name, onHost) {
    const order = onHost ? 'stop-first' : 'start-first';
    const why = onHost
        ? ' (host network: a second task cannot bind the same port, so start-first would always fail)'
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
/** Prints the server's time (seconds), then deploys; `--with-registry-auth` passes our login to the agents. */
function stackDeployCommand(s) {
    // no --detach: the 20.10 CLI has no such flag and 26+ detaches by default; we follow the services ourselves
    return `date -u +%s && ${(0,quote/* shellJoin */.nZ)(['docker', 'stack', 'deploy', '--with-registry-auth', '--compose-file', s.file, s.stack])}`;
}
/** The stack file, written atomically from base64 (its text never passes through a shell). */
function writeStackFileCommand(path, yaml) {
    const dir = path.slice(0, path.lastIndexOf('/'));
    const tmp = (0,quote/* shellQuote */.ZL)(`${path}.tmp`);
    return [
        `mkdir -p ${(0,quote/* shellQuote */.ZL)(dir)}`,
        `(umask 077 && printf '%s' ${(0,quote/* shellQuote */.ZL)(Buffer.from(yaml).toString('base64'))} | base64 -d > ${tmp})`,
        `mv -f ${tmp} ${(0,quote/* shellQuote */.ZL)(path)}`,
    ].join(' && ');
}
/** Rolls back the services of a stack whose update is still running or paused (a deploy that timed out). */
function rollbackUnfinishedScript(stack) {
    const st = (0,quote/* shellQuote */.ZL)(stack);
    return [
        `for s in $(docker stack services -q ${st}); do`,
        `  state=$(docker service inspect --format '{{if .UpdateStatus}}{{.UpdateStatus.State}}{{end}}' "$s")`,
        '  case "$state" in updating|paused) echo "rolling back $s ($state)"; docker service rollback --detach "$s" >/dev/null;; esac',
        'done',
    ].join('\n');
}
const MARK = '@@ops-actions-swarm:tasks';
/** One read of the whole stack: the services' inspect JSON, then its tasks, one JSON per line. */
function readStackScript(stack) {
    const st = (0,quote/* shellQuote */.ZL)(stack);
    return [
        `ids=$(docker stack services -q ${st})`,
        'if [ -n "$ids" ]; then docker service inspect $ids; else echo "[]"; fi',
        `echo '${MARK}'`,
        `docker stack ps --no-trunc --format '{{json .}}' ${st} 2>/dev/null || true`,
    ].join('\n');
}
/** `name@sha256:…` → `name`. */
function withoutDigest(image) {
    return image.replace(/@sha256:[0-9a-f]{64}$/, '');
}
/**
 * The status of a stack's services from readStackScript's output. Updates that started before
 * `sinceS` (epoch seconds, the server's clock) belong to an earlier deploy and are ignored. Pure.
 */
function parseStackStatus(stack, text, sinceS) {
    const at = text.indexOf(MARK);
    const inspectText = at < 0 ? text : text.slice(0, at);
    const taskText = at < 0 ? '' : text.slice(at + MARK.length);
    const inspected = JSON.parse(inspectText.trim() || '[]');
    const tasks = taskText
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l));
    const prefix = `${stack}_`;
    return inspected.map((s) => {
        const full = s.Spec?.Name ?? '?';
        const service = full.startsWith(prefix) ? full.slice(prefix.length) : full;
        const specImage = s.Spec?.TaskTemplate?.ContainerSpec?.Image ?? '';
        // `docker stack ps` names tasks <service>.<slot> (or <service>.<node> for global services)
        const own = tasks.filter((t) => (t.Name ?? '').startsWith(`${full}.`));
        const live = own.filter((t) => t.DesiredState === 'Running');
        const running = live.filter((t) => (t.CurrentState ?? '').startsWith('Running') && t.Image === specImage).length;
        const desired = s.Spec?.Mode?.Replicated?.Replicas ?? live.length;
        const u = s.UpdateStatus;
        const started = u?.StartedAt ? Date.parse(u.StartedAt.replace(/(\.\d{3})\d+/, '$1')) / 1000 : NaN;
        const ours = u?.State !== undefined && (Number.isNaN(started) || started >= sinceS - 1);
        return {
            service,
            image: withoutDigest(specImage),
            running,
            desired,
            update: ours ? (u?.State ?? 'none') : 'none',
            updateMessage: ours ? u?.Message : undefined,
            taskErrors: own
                .filter((t) => (t.Error ?? '') !== '')
                .map((t) => `${t.Name ?? '?'} (${withoutDigest(t.Image ?? '?')}): ${t.Error ?? ''}`),
        };
    });
}
/** Where a stack stands: done (converged or failed) or still moving. Pure. */
function stackOutcome(services) {
    if (services.some((s) => s.update === 'paused' || s.update === 'rollback_paused'))
        return 'paused';
    // one service rolled back: wait for the others to settle too, so the report says where each ended
    if (services.some((s) => s.update === 'rollback_started' || s.update === 'updating'))
        return 'moving';
    // rolled back: done once the previous spec runs its replicas again (the previous release serves)
    if (services.some((s) => s.update === 'rollback_completed')) {
        return services.every((s) => s.running === s.desired) ? 'rolled-back' : 'moving';
    }
    const settled = services.every((s) => (s.update === 'none' || s.update === 'completed') && s.running === s.desired);
    return settled ? 'converged' : 'moving';
}
class StackDeployError extends Error {
    status;
    name = 'StackDeployError';
    constructor(message, status) {
        super(message);
        this.status = status;
    }
}
/**
 * Polls the stack until every service has converged (returns its status), Swarm rolled an update
 * back or paused it, or timeoutMs passed (throws a StackDeployError naming each service that did
 * not converge and its tasks' errors).
 */
async function followStack(conn, o) {
    const t0 = Date.now();
    let last = '';
    let services = [];
    for (;;) {
        const r = await conn.exec(readStackScript(o.stack), {
            label: `read stack ${o.stack}`,
            silent: true,
            timeoutMs: o.commandTimeoutMs,
            signal: o.signal,
        });
        const read = parseStackStatus(o.stack, r.stdout, o.sinceS);
        services = o.services.flatMap((name) => read.filter((s) => s.service === name));
        const line = services
            .map((s) => `${s.service} ${s.running}/${s.desired}${s.update === 'none' ? '' : ` ${s.update}`}`)
            .join(', ');
        if (line !== last)
            o.logger.info(`[${o.host}]   ${(0,duration/* formatDuration */.a)(Date.now() - t0)}: ${line}`);
        last = line;
        const outcome = stackOutcome(services);
        const missing = o.services.filter((name) => !services.some((s) => s.service === name));
        if (outcome === 'converged' && missing.length === 0) {
            return { stack: o.stack, services, outcome };
        }
        if (outcome === 'rolled-back' || outcome === 'paused') {
            throw stackError(o.stack, services, outcome);
        }
        if (Date.now() - t0 >= o.timeoutMs) {
            throw stackError(o.stack, services, 'timed-out', o.timeoutMs);
        }
        await (0,retry/* abortableSleep */.Mf)(o.intervalMs, o.signal);
    }
}
function stackError(stack, services, outcome, timeoutMs) {
    const bad = services.filter((s) => !(s.update === 'none' || s.update === 'completed') || s.running !== s.desired);
    const head = outcome === 'rolled-back'
        ? `Swarm rolled the update of stack ${stack} back (failure_action: rollback); the previous spec runs again.`
        : outcome === 'paused'
            ? `Swarm paused the update of stack ${stack} (failure_action: pause); fix the service or run docker service rollback.`
            : `stack ${stack} did not converge within converge-timeout (${(0,duration/* formatDuration */.a)(timeoutMs ?? 0)}); the services still updating are rolled back.`;
    const lines = bad.map((s) => {
        const errors = s.taskErrors.slice(0, 3);
        return [
            `service ${s.service}: ${s.running}/${s.desired} running, update ${s.update}${s.updateMessage ? ` (${s.updateMessage})` : ''}`,
            ...errors.map((e) => `  task ${e}`),
        ].join('\n');
    });
    return new StackDeployError([head, ...lines].join('\n'), { stack, services, outcome });
}

// EXTERNAL MODULE: ./build/lib/deploy/state.js
var deploy_state = __webpack_require__(85287);
// EXTERNAL MODULE: ./build/lib/ssh/connection.js
var connection = __webpack_require__(41429);
// EXTERNAL MODULE: ./build/lib/ssh/pool.js
var ssh_pool = __webpack_require__(90963);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./build/lib/deadline.js
var deadline = __webpack_require__(95842);
;// CONCATENATED MODULE: ./build/lib/ssh/sftp.js
// File transfer over the connection's SFTP session (no scp binary, no shell quoting of file names).



/** Runs a transfer within `limits`; giving up ends the SFTP session (a stalled server never answers). */
async function limited(conn, what, limits, work) {
    let sftp;
    return (0,deadline/* withDeadline */.N)((async () => {
        sftp = await conn.sftp();
        return work();
    })(), {
        ...limits,
        what: `${conn.host.label}: ${what}`,
        onGiveUp: () => {
            try {
                sftp?.end();
            }
            catch {
                /* already closed */
            }
        },
    });
}
/** Every file, directory and symlink under `dir`, parents before children, sorted. */
async function listLocalTree(dir) {
    const out = [];
    async function walk(rel) {
        const names = (await (0,promises_.readdir)((0,external_node_path_.join)(dir, rel))).sort();
        for (const name of names) {
            const relPath = rel === '' ? name : `${rel}/${name}`;
            const full = (0,external_node_path_.join)(dir, relPath);
            const st = await (0,promises_.lstat)(full);
            const mode = st.mode & 0o7777;
            if (st.isSymbolicLink()) {
                out.push({ path: relPath, kind: 'symlink', mode, size: 0, target: await (0,promises_.readlink)(full) });
            }
            else if (st.isDirectory()) {
                out.push({ path: relPath, kind: 'dir', mode, size: 0 });
                await walk(relPath);
            }
            else if (st.isFile()) {
                out.push({ path: relPath, kind: 'file', mode, size: st.size });
            }
            // sockets, fifos and devices are not deployable: skipped
        }
    }
    await walk('');
    return out;
}
function summarizeTree(entries) {
    return {
        files: entries.filter((e) => e.kind === 'file').length,
        dirs: entries.filter((e) => e.kind === 'dir').length,
        symlinks: entries.filter((e) => e.kind === 'symlink').length,
        bytes: entries.reduce((n, e) => n + e.size, 0),
    };
}
/**
 * Uploads the contents of `localDir` into `remoteDir` (which must exist), keeping permission bits
 * and symlinks. Directories are created first, then files go `concurrency` at a time over the
 * connection's one SFTP session.
 */
async function uploadDirectory(conn, localDir, remoteDir, opts = {}) {
    return limited(conn, `SFTP upload to ${remoteDir}`, opts, () => uploadTree(conn, localDir, remoteDir, opts));
}
async function uploadTree(conn, localDir, remoteDir, opts) {
    const sftp = await conn.sftp();
    const entries = opts.entries ?? (await listLocalTree(localDir));
    const remote = (p) => external_node_path_.posix.join(remoteDir, p);
    for (const e of entries.filter((x) => x.kind === 'dir')) {
        await new Promise((resolve, reject) => sftp.mkdir(remote(e.path), { mode: e.mode | 0o700 }, (err) => err ? reject(sftpError(conn, err, 'mkdir', remote(e.path))) : resolve()));
    }
    const files = entries.filter((x) => x.kind !== 'dir');
    let next = 0;
    const worker = async () => {
        for (let i = next++; i < files.length; i = next++) {
            if (opts.signal?.aborted)
                return; // given up: start no more transfers
            const e = files[i];
            if (e.kind === 'symlink') {
                await new Promise((resolve, reject) => sftp.symlink(e.target ?? '', remote(e.path), (err) => err ? reject(sftpError(conn, err, 'symlink', remote(e.path))) : resolve()));
            }
            else {
                await new Promise((resolve, reject) => sftp.fastPut((0,external_node_path_.join)(localDir, e.path), remote(e.path), { mode: e.mode }, (err) => err ? reject(sftpError(conn, err, 'upload', remote(e.path))) : resolve()));
            }
        }
    };
    await Promise.all(Array.from({ length: Math.min(opts.concurrency ?? 8, Math.max(files.length, 1)) }, worker));
    return summarizeTree(entries);
}
/** Uploads one file. */
async function uploadFile(conn, localPath, remotePath, mode = 0o644, limits = {}) {
    await limited(conn, `SFTP upload to ${remotePath}`, limits, async () => {
        const sftp = await conn.sftp();
        await new Promise((resolve, reject) => sftp.fastPut(localPath, remotePath, { mode }, (err) => err ? reject(sftpError(conn, err, 'upload', remotePath)) : resolve()));
    });
}
/** Writes `content` to a remote file (created or truncated). */
async function writeRemoteFile(conn, remotePath, content, mode = 0o644, limits = {}) {
    await limited(conn, `SFTP write of ${remotePath}`, limits, async () => {
        const sftp = await conn.sftp();
        await new Promise((resolve, reject) => sftp.writeFile(remotePath, content, { mode }, (err) => err ? reject(sftpError(conn, err, 'write', remotePath)) : resolve()));
    });
}
function sftpError(conn, err, op, path) {
    return new Error(`${conn.host.label}: SFTP ${op} ${path} failed: ${err.message}`);
}

// EXTERNAL MODULE: ./build/lib/deploy/replace-file.js
var replace_file = __webpack_require__(59933);
;// CONCATENATED MODULE: ./build/lib/deploy/proxy-nginx.js
// The nginx side of a blue-green switch: the upstream file the user's nginx config includes inside
// its `upstream { … }` block holds one line, `server 127.0.0.1:<port>;`. Switching is writing that
// file atomically (temporary file + `mv -T`, the old one kept for the undo) and reloading nginx,
// whose old workers finish the requests in flight. Pure builders of the remote commands.



/** What nginx reads: `server 127.0.0.1:8081;` and a comment saying who wrote it. */
function upstreamContent(port, color, releaseId) {
    return `# written by ops-actions deploy-ssh: ${color}, release ${releaseId}\nserver 127.0.0.1:${port};\n`;
}
/** The port of the first `server host:port` line of an upstream file, if any. */
function parseUpstreamPort(text) {
    for (const line of text.split('\n')) {
        const m = /^\s*server\s+[^\s;]*:(\d+)\b[^;]*;/.exec(line);
        if (m)
            return Number(m[1]);
    }
    return undefined;
}
/** Where the upstream file before the last switch is kept (for the undo). */
function upstreamBackupPath(appDir) {
    return `${(0,paths/* stateDir */.Pn)(appDir)}/upstream.previous`;
}
/** The upstream file's path on the server (relative to app-dir unless absolute). */
function upstreamPath(appDir, file) {
    return file.startsWith('/') ? file : `${appDir}/${file}`;
}
/**
 * Points the upstream file at `port`: the old file is copied aside first, the new one written next
 * to it (with the old one's mode) and renamed over it, so nginx never reads half a file and a failed
 * write leaves the old one whole. Pure.
 */
function writeUpstreamScript(appDir, file, port, color, releaseId) {
    const path = upstreamPath(appDir, file);
    const f = (0,quote/* shellQuote */.ZL)(path);
    const backup = (0,quote/* shellQuote */.ZL)(upstreamBackupPath(appDir));
    return [
        `mkdir -p ${(0,quote/* shellQuote */.ZL)((0,paths/* stateDir */.Pn)(appDir))}`,
        `if [ -f ${f} ]; then ${(0,replace_file/* copyFileScript */.PJ)(path, upstreamBackupPath(appDir))} && rm -f ${backup}.absent; else rm -f ${backup} && : > ${backup}.absent; fi`,
        // nginx (often another user) reads it: the old file's mode is kept, a new one gets the umask's
        (0,replace_file/* replaceFileScript */.Ac)(path, `printf '%s' ${(0,quote/* shellQuote */.ZL)(upstreamContent(port, color, releaseId))}`, {
            secret: false,
        }),
    ].join(' && ');
}
/** Puts back the upstream file saved by writeUpstreamScript (atomically). Pure. */
function restoreUpstreamScript(appDir, file) {
    const f = (0,quote/* shellQuote */.ZL)(upstreamPath(appDir, file));
    const backup = (0,quote/* shellQuote */.ZL)(upstreamBackupPath(appDir));
    return `if [ -f ${backup} ]; then ${(0,replace_file/* copyFileScript */.PJ)(upstreamBackupPath(appDir), upstreamPath(appDir, file))}; elif [ -f ${backup}.absent ]; then rm -f ${f}; else echo 'ops-actions: no saved upstream file to restore' >&2; exit 1; fi`;
}
/** Prints the upstream file ('' when there is none). Read-only. Pure. */
function readUpstreamScript(appDir, file) {
    const f = shellQuote(upstreamPath(appDir, file));
    return `if [ -f ${f} ]; then cat ${f}; fi`;
}

;// CONCATENATED MODULE: ./build/actions/deploy-ssh/strategy-blue-green.js
// strategy compose with `zero-downtime: true` (blue-green): the same compose file runs as two
// compose projects, `<project>-blue` and `<project>-green`, each with its own env file
// (`<env-file>.<color>`: the env file's other lines + IMAGE=<image> + PORT=<its port>). A deploy
// starts the idle color with the new image beside the live one and health-checks it on its own
// port; only then the nginx upstream file is pointed at it and nginx reloaded (old workers finish
// the requests in flight); after drain-timeout the old color is stopped. If the new color never
// gets healthy it is removed and the old one keeps serving, untouched.





/** The color that is not live (blue when none is). `undefined` previous: a dry run, not known yet. */
function idleColor(previous) {
    if (!previous.known)
        return undefined;
    return previous.color === 'blue' ? 'green' : 'blue';
}
const IDLE = '<idle color>';
const LIVE = '<live color>';
/** `<env-file>.<color>`, relative to app-dir unless env-file is absolute. */
function colorEnvFile(c, color) {
    return `${c.settings.envFile}.${color}`;
}
/** The compose command of one color's project: `docker compose -p shop-green [-f …] [--env-file …]`. */
function colorCompose(c, bg, color, withEnvFile = true) {
    const args = [...c.settings.command, '-p', `${bg.project}-${color}`];
    for (const f of c.settings.files)
        args.push('-f', f);
    if (withEnvFile)
        args.push('--env-file', colorEnvFile(c, color));
    return (0,quote/* shellJoin */.nZ)(args);
}
function cd(appDir) {
    return `cd ${(0,quote/* shellQuote */.ZL)(appDir)}`;
}
function lineMatcher(variables) {
    return `^[[:space:]]*(export[[:space:]]+)?(${variables.join('|')})[[:space:]]*=`;
}
/**
 * Writes `<env-file>.<color>`: the env file's lines without IMAGE/PORT, then IMAGE= and PORT=. It
 * holds the env file's secrets, so it gets the env file's mode (0600 when there is no env file),
 * written to a temporary file and renamed into place. Pure.
 */
function writeColorEnvScript(appDir, c, bg, color, image, port) {
    const f = (0,quote/* shellQuote */.ZL)(c.settings.envFile);
    const vars = [c.settings.imageVariable, bg.portVariable];
    const producer = `if [ -f ${f} ]; then grep -Ev ${(0,quote/* shellQuote */.ZL)(lineMatcher(vars))} ${f} || true; fi; printf '%s\\n' ${(0,quote/* shellQuote */.ZL)(`${c.settings.imageVariable}=${image}`)} ${(0,quote/* shellQuote */.ZL)(`${bg.portVariable}=${port}`)}`;
    return [
        cd(appDir),
        (0,replace_file/* replaceFileScript */.Ac)(colorEnvFile(c, color), producer, { modeFrom: c.settings.envFile, secret: true }),
    ].join(' && ');
}
/** Pulls the image for a color (the variables are set for this command only). Pure. */
function colorPullCommand(appDir, c, bg, color, port) {
    return `${cd(appDir)} && ${c.settings.imageVariable}=${(0,quote/* shellQuote */.ZL)(c.image)} ${bg.portVariable}=${(0,quote/* shellQuote */.ZL)(String(port))} ${colorCompose(c, bg, color, false)} pull --quiet`;
}
/** `up -d --remove-orphans --wait` for one color. Pure. */
function colorUpCommand(appDir, c, bg, color) {
    const args = ['up', '-d', '--remove-orphans'];
    if (!(0,deploy_compose/* isComposeV1 */.e3)(c.settings))
        args.push('--wait');
    return `${cd(appDir)} && ${colorCompose(c, bg, color)} ${(0,quote/* shellJoin */.nZ)(args)}`;
}
/** Stops and removes one color's containers (with its env file when it exists). Pure. */
function colorDownCommand(appDir, c, bg, color) {
    const ef = (0,quote/* shellQuote */.ZL)(colorEnvFile(c, color));
    return `${cd(appDir)} && if [ -f ${ef} ]; then ${colorCompose(c, bg, color)} down --remove-orphans; else ${colorCompose(c, bg, color, false)} down --remove-orphans; fi`;
}
/** The color the upstream file points at now, from its port. */
function liveColorFromUpstream(bg, upstream) {
    const port = upstream === undefined ? undefined : parseUpstreamPort(upstream);
    if (port === bg.ports.blue)
        return 'blue';
    if (port === bg.ports.green)
        return 'green';
    return undefined;
}
/** Files the deploy reads under the lock to learn the live color and its image. */
function blueGreenStateFiles(config) {
    const c = config.compose;
    const bg = c?.blueGreen;
    if (!c || !bg)
        return {};
    const inApp = (f) => (f.startsWith('/') ? f : `${config.appDir}/${f}`);
    return {
        upstream: upstreamPath(config.appDir, bg.upstreamFile),
        'env-blue': inApp(colorEnvFile(c, 'blue')),
        'env-green': inApp(colorEnvFile(c, 'green')),
    };
}
function blueGreenPhases(config, ctx) {
    const c = config.compose;
    const bg = c?.blueGreen;
    if (!c || !bg)
        throw new Error('blue-green settings missing');
    const app = config.appDir;
    const compose = c.settings.command.join(' ');
    const next = idleColor(ctx.previous);
    const nextName = next ?? IDLE;
    const nextPort = next ? bg.ports[next] : '<idle port>';
    const live = ctx.previous.known ? ctx.previous.color : LIVE;
    const pull = c.login ? [(0,steps/* registryLoginStep */.tK)(c.login.registry, c.login.username)] : [];
    pull.push({
        kind: 'exec',
        title: `${compose} -p ${bg.project}-${nextName} pull ${c.image}`,
        command: colorPullCommand(app, c, bg, nextName, nextPort),
        registry: true,
    });
    const start = [
        {
            kind: 'exec',
            title: `write ${colorEnvFile(c, nextName)} (${c.settings.imageVariable}=${c.image}, ${bg.portVariable}=${nextPort})`,
            command: writeColorEnvScript(app, c, bg, nextName, c.image, nextPort),
        },
        {
            kind: 'exec',
            title: `${compose} -p ${bg.project}-${nextName} up -d --remove-orphans${(0,deploy_compose/* isComposeV1 */.e3)(c.settings) ? '' : ' --wait'}`,
            command: colorUpCommand(app, c, bg, nextName),
        },
    ];
    if (config.health) {
        start.push({
            kind: 'health',
            title: `health-command (${nextName} on port ${nextPort})`,
            gate: config.health,
            cwd: app,
        });
    }
    const reload = {
        kind: 'script',
        title: `proxy-reload-command`,
        script: bg.reloadCommand,
        cwd: app,
    };
    const switchSteps = [
        {
            kind: 'exec',
            title: `point ${bg.upstreamFile} at 127.0.0.1:${nextPort} (${nextName})`,
            command: writeUpstreamScript(app, bg.upstreamFile, nextPort, nextName, ctx.releaseId),
        },
        reload,
    ];
    const retire = [];
    if (live !== undefined) {
        if (bg.drainMs > 0) {
            retire.push({
                kind: 'exec',
                title: `drain ${live} for ${bg.drainMs / 1000}s (drain-timeout)`,
                command: `sleep ${Math.ceil(bg.drainMs / 1000)}`,
            });
        }
        retire.push({
            kind: 'exec',
            title: `${compose} -p ${bg.project}-${live} down`,
            command: colorDownCommand(app, c, bg, live),
        });
    }
    const removeNew = {
        kind: 'exec',
        title: `${compose} -p ${bg.project}-${nextName} down (the new color)`,
        command: colorDownCommand(app, c, bg, nextName),
    };
    const undoAfterCommit = [];
    if (live !== undefined) {
        undoAfterCommit.push({
            kind: 'exec',
            title: `${compose} -p ${bg.project}-${live} up (the previous color)`,
            command: colorUpCommand(app, c, bg, live),
        });
    }
    undoAfterCommit.push({
        kind: 'exec',
        title: `restore ${bg.upstreamFile}`,
        command: restoreUpstreamScript(app, bg.upstreamFile),
    }, reload, removeNew);
    return {
        phases: [
            { name: 'Pull', steps: pull },
            { name: 'Start', steps: start },
            { name: 'Switch', commits: true, steps: switchSteps },
            { name: 'Retire', steps: retire },
        ],
        undoBeforeCommit: [removeNew],
        undoAfterCommit,
    };
}

;// CONCATENATED MODULE: ./build/actions/deploy-ssh/strategy-compose.js
// strategy: compose — pull the new image everywhere first (nothing changes yet), then on each host
// write the image reference into the env file, `up -d --remove-orphans --wait` and run the health
// command. A failure there puts the previous env file back and brings the previous image up again.



function composeSettings(config) {
    if (!config.compose)
        throw new Error('compose settings missing');
    return { ...config.compose.settings, appDir: config.appDir };
}
function composePhases(config, ctx) {
    const c = config.compose;
    if (!c)
        throw new Error('compose settings missing');
    const s = composeSettings(config);
    const compose = s.command.join(' ');
    const pull = c.login ? [(0,steps/* registryLoginStep */.tK)(c.login.registry, c.login.username)] : [];
    pull.push({
        kind: 'exec',
        title: `${compose} pull ${c.image}`,
        command: (0,deploy_compose/* pullCommand */.TW)(s, c.image),
        registry: true,
    });
    const activate = [
        {
            kind: 'exec',
            title: `set ${s.imageVariable}=${c.image} in ${s.envFile}`,
            command: (0,deploy_compose/* setImageScript */.tL)(s, c.image),
        },
        {
            kind: 'exec',
            title: `${compose} up -d --remove-orphans${s.command[0] === 'docker-compose' ? '' : ' --wait'}`,
            command: (0,deploy_compose/* upCommand */.Pl)(s),
        },
    ];
    activate.push(...healthSteps(config, config.appDir));
    const undoAfterCommit = [];
    if (c.restoreOnFailure) {
        const previous = ctx.previous.known ? ctx.previous.image : UNKNOWN_PREVIOUS;
        undoAfterCommit.push({
            kind: 'exec',
            title: `restore ${s.envFile} (${s.imageVariable}=${previous ?? 'none'})`,
            command: (0,deploy_compose/* restoreImageScript */.$h)(s),
        });
        // with no previous image there is nothing to bring back up
        if (previous !== undefined) {
            undoAfterCommit.push({
                kind: 'exec',
                title: `${compose} up the previous image ${previous}`,
                command: (0,deploy_compose/* upCommand */.Pl)(s),
            });
        }
    }
    return {
        phases: [
            { name: 'Pull', steps: pull },
            { name: 'Activate', commits: true, steps: activate },
        ],
        undoBeforeCommit: [],
        undoAfterCommit,
    };
}

;// CONCATENATED MODULE: ./build/actions/deploy-ssh/strategy-release.js
// strategy: release — upload the build to releases/<id> (SFTP), link shared paths, run
// before-switch and the health command inside the new release, then switch `current` atomically and
// run after-switch. Before the switch a failure just deletes the new release; after it, `current`
// goes back to the previous release (and after-switch runs again for it).




function releasePhases(config, ctx) {
    const r = config.release;
    if (!r)
        throw new Error('release settings missing');
    const app = config.appDir;
    const id = ctx.releaseId;
    const dir = (0,deploy_release/* releaseDir */.ZI)(app, id);
    const partial = (0,deploy_release/* partialDir */.$v)(app, id, ctx.token);
    const upload = [
        { kind: 'exec', title: `create ${partial}`, command: (0,deploy_release/* prepareReleaseScript */.oA)(app, id, ctx.token) },
    ];
    if (r.sourceKind === 'directory') {
        upload.push({
            kind: 'upload',
            title: `upload ${r.sourceInput}`,
            local: r.source,
            remote: partial,
            archive: false,
        });
    }
    else {
        const remoteArchive = `${partial}.${(0,external_node_path_.basename)(r.source)}`;
        upload.push({
            kind: 'upload',
            title: `upload ${r.sourceInput}`,
            local: r.source,
            remote: remoteArchive,
            archive: true,
        });
        upload.push({
            kind: 'exec',
            title: `extract ${(0,external_node_path_.basename)(r.source)}`,
            command: (0,deploy_release/* extractArchiveScript */.nC)(remoteArchive, partial),
        });
    }
    upload.push({ kind: 'exec', title: `rename to ${dir}`, command: (0,deploy_release/* finishUploadScript */.mw)(app, id, ctx.token) });
    const prepare = [];
    if (r.shared.length > 0) {
        prepare.push({
            kind: 'exec',
            title: `link shared ${r.shared.map((s) => s.path + (s.directory ? '/' : '')).join(', ')}`,
            command: (0,deploy_release/* linkSharedScript */.RX)(app, id, r.shared),
        });
    }
    if (r.beforeSwitch)
        prepare.push({ kind: 'script', title: 'before-switch', script: r.beforeSwitch, cwd: dir });
    prepare.push(...healthSteps(config, dir));
    const activate = [
        {
            kind: 'exec',
            title: `switch current → releases/${id}`,
            command: (0,deploy_release/* switchCurrentScript */.lI)(app, id, ctx.token),
        },
    ];
    if (r.afterSwitch)
        activate.push({ kind: 'script', title: 'after-switch', script: r.afterSwitch, cwd: dir });
    const phases = [{ name: 'Upload', steps: upload }];
    if (prepare.length > 0)
        phases.push({ name: 'Prepare', steps: prepare });
    phases.push({ name: 'Activate', commits: true, steps: activate });
    phases.push({
        name: 'Clean up',
        steps: [
            {
                kind: 'exec',
                title: `keep the newest ${r.keepReleases} releases`,
                command: (0,deploy_release/* pruneReleasesScript */.Ch)(app, r.keepReleases),
                output: 'pruned',
            },
        ],
    });
    const removeNew = {
        kind: 'exec',
        title: `remove releases/${id}`,
        command: `rm -rf ${(0,quote/* shellQuote */.ZL)(partial)} && ${(0,deploy_release/* removeReleaseScript */.JA)(app, id)}`,
    };
    const previous = ctx.previous.known ? ctx.previous.releaseId : UNKNOWN_PREVIOUS;
    const undoAfterCommit = [];
    if (previous !== undefined) {
        undoAfterCommit.push({
            kind: 'exec',
            title: `switch current back → releases/${previous}`,
            command: (0,deploy_release/* switchCurrentScript */.lI)(app, previous, ctx.token),
        });
        if (r.afterSwitch) {
            const prevDir = (0,deploy_release/* releaseDir */.ZI)(app, previous);
            undoAfterCommit.push({
                kind: 'script',
                title: 'after-switch (previous release)',
                script: r.afterSwitch,
                cwd: prevDir,
                env: { RELEASE_ID: previous, RELEASE_DIR: prevDir, PREVIOUS_RELEASE_ID: id },
            });
        }
    }
    else {
        undoAfterCommit.push({
            kind: 'exec',
            title: 'remove current (there was no previous release)',
            command: (0,deploy_release/* removeCurrentScript */.te)(app),
        });
    }
    undoAfterCommit.push(removeNew);
    return { phases, undoBeforeCommit: [removeNew], undoAfterCommit };
}

;// CONCATENATED MODULE: ./build/actions/deploy-ssh/strategy-script.js

function scriptPhases(config, _ctx) {
    const steps = [
        { kind: 'script', title: 'script', script: config.script ?? '', cwd: config.appDir },
        ...healthSteps(config, config.appDir),
    ];
    const phases = [{ name: 'Run script', commits: true, steps }];
    // a script's effects are its own: there is nothing generic to undo
    return { phases, undoBeforeCommit: [], undoAfterCommit: [] };
}

;// CONCATENATED MODULE: ./build/actions/deploy-ssh/strategy-stack.js
// strategy: stack — a Docker Swarm stack deployed through one manager: log in (our login reaches
// the agents through --with-registry-auth), write the stack file (images set, safe update defaults
// filled in) to the app dir, `docker stack deploy`, then follow every service until it converged.
// Swarm itself rolls a failing update back (failure_action: rollback); when the deploy times out,
// the services still updating are rolled back.



/** Where the stack file of a release is kept on the manager. */
function stackFilePath(appDir, releaseId) {
    return `${(0,paths/* stateDir */.Pn)(appDir)}/stacks/${releaseId}.yml`;
}
function stackPhases(config, ctx) {
    const s = config.stack;
    if (!s)
        throw new Error('stack settings missing');
    const file = stackFilePath(config.appDir, ctx.releaseId);
    const prepare = s.login ? [(0,steps/* registryLoginStep */.tK)(s.login.registry, s.login.username)] : [];
    prepare.push({
        kind: 'exec',
        title: `write the stack file ${file} (${s.rendered.services.length} service(s))`,
        command: writeStackFileCommand(file, s.rendered.yaml),
    });
    const deploy = {
        kind: 'stack',
        title: `docker stack deploy ${s.name}, then follow ${s.rendered.services.join(', ')} until converged (up to ${s.convergeTimeoutMs / 1000}s)`,
        command: stackDeployCommand({ stack: s.name, file }),
        stack: s.name,
        services: s.rendered.services,
        timeoutMs: s.convergeTimeoutMs,
        intervalMs: s.pollIntervalMs,
    };
    return {
        phases: [
            { name: 'Prepare', steps: prepare },
            { name: 'Deploy stack', commits: true, steps: [deploy] },
        ],
        undoBeforeCommit: [],
        undoAfterCommit: [
            {
                kind: 'exec',
                title: `roll back the services of ${s.name} still updating`,
                command: rollbackUnfinishedScript(s.name),
            },
        ],
    };
}

;// CONCATENATED MODULE: ./build/actions/deploy-ssh/plan.js
// A deploy is data before it is anything else: for each host, the phases and the exact remote
// commands, plus what to run to undo a failure. `dry-run` prints this; the executor runs it.








/** How a previous release/image is shown in a dry run, where it is not known yet. */
const UNKNOWN_PREVIOUS = '<previous>';
function commandEnv(config, host, ctx) {
    const env = {
        ...config.env,
        RELEASE_ID: ctx.releaseId,
        PREVIOUS_RELEASE_ID: ctx.previous.known ? (ctx.previous.releaseId ?? '') : UNKNOWN_PREVIOUS,
        APP_DIR: config.appDir,
        DEPLOY_HOST: host.label,
        GIT_SHA: config.run.sha ?? '',
    };
    if (config.strategy === 'release')
        env['RELEASE_DIR'] = `${config.appDir}/releases/${ctx.releaseId}`;
    if (config.compose)
        env['DEPLOY_IMAGE'] = config.compose.image;
    const bg = config.compose?.blueGreen;
    if (bg) {
        const color = idleColor(ctx.previous);
        env['DEPLOY_COLOR'] = color ?? '<idle color>';
        env['DEPLOY_PORT'] = color ? String(bg.ports[color]) : '<idle port>';
    }
    return env;
}
/** The health gate step, run in `cwd` (app-dir, or the new release), when health-command is set. */
function healthSteps(config, cwd) {
    if (!config.health)
        return [];
    return [{ kind: 'health', title: 'health-command', gate: config.health, cwd }];
}
/** The plan for one host. Pure: the same inputs give the same plan. */
function planHost(config, host, ctx) {
    const strategy = config.strategy === 'compose'
        ? config.compose?.blueGreen
            ? blueGreenPhases(config, ctx)
            : composePhases(config, ctx)
        : config.strategy === 'release'
            ? releasePhases(config, ctx)
            : config.strategy === 'stack'
                ? stackPhases(config, ctx)
                : scriptPhases(config, ctx);
    return {
        host,
        releaseId: ctx.releaseId,
        previous: ctx.previous,
        env: commandEnv(config, host, ctx),
        ...strategy,
    };
}
function describeStep(step) {
    if (step.kind === 'upload')
        return `${step.title}: ${step.local} → ${step.remote} (SFTP${step.archive ? ', one archive' : ''})`;
    if (step.kind === 'stack')
        return `${step.title}\n        ${step.command}`;
    return (0,steps/* describeRemoteStep */.yA)(step);
}
/** The full plan of every host as text: what `dry-run: true` prints. */
function formatPlan(config, plans) {
    const out = [];
    const first = plans[0];
    out.push(`Strategy ${config.strategy}, release ${first?.releaseId ?? '?'}, app-dir ${config.appDir}, ` +
        `${plans.length} host(s), parallel ${config.parallel === 0 ? 'all' : config.parallel}, fail-fast ${config.failFast}.`);
    if (config.ssh.jump)
        out.push(`Every connection goes through the jump host ${config.ssh.jump.host.label}.`);
    if (config.rolling) {
        const batches = planBatches(plans.length, config.rolling.batch);
        out.push(`Rolling: batches ${batches.map((b) => `[${b.map((i) => plans[i]?.host.label ?? '?').join(', ')}]`).join(' → ')}` +
            `${config.rolling.waitMs > 0 ? `, ${config.rolling.waitMs / 1000}s between batches` : ''}; ` +
            'a failing batch stops the rollout and rolls back the hosts of earlier batches.');
    }
    for (const plan of plans) {
        out.push('', `Host ${plan.host.label}`);
        out.push(`  1. Connect (key ${config.ssh.keyFingerprint}; retry transient failures for up to ${config.ssh.connectTimeoutMs / 1000}s)`);
        out.push(`  2. Lock ${config.appDir}/.ops-actions/lock (wait up to ${config.lock.timeoutMs / 1000}s; ` +
            `break it when older than ${config.lock.staleAfterMs > 0 ? `${config.lock.staleAfterMs / 1000}s` : 'never'}), read the release history`);
        let n = 3;
        for (const phase of plan.phases) {
            out.push(`  ${n++}. ${phase.name}${phase.commits ? ' (goes live here)' : ''}`);
            for (const step of phase.steps)
                out.push(`     - ${describeStep(step)}`);
        }
        out.push(`  ${n}. Append the outcome to ${config.appDir}/.ops-actions/history.jsonl, release the lock`);
        if (plan.undoBeforeCommit.length > 0) {
            out.push('  On failure before going live:');
            for (const step of plan.undoBeforeCommit)
                out.push(`     - ${describeStep(step)}`);
        }
        if (plan.undoAfterCommit.length > 0) {
            out.push('  On failure after going live:');
            for (const step of plan.undoAfterCommit)
                out.push(`     - ${describeStep(step)}`);
        }
    }
    if (config.stack) {
        out.push('', `The stack file as it is deployed (${config.stack.fileInput}, images and update settings set):`);
        out.push((0,quote/* indentLines */.eT)(config.stack.rendered.yaml.replace(/\n+$/, ''), '  '));
    }
    out.push('', `Environment of user commands: ${Object.keys(first?.env ?? {}).join(', ')}.`);
    if (!first?.previous.known)
        out.push(`${UNKNOWN_PREVIOUS} is what the host runs when the deploy starts.`);
    return out.join('\n');
}

;// CONCATENATED MODULE: ./build/actions/deploy-ssh/outputs.js
// The step's outputs: the action's own (action.yml) and those the hosts' scripts set in $OPS_OUTPUT.
/** The outputs action.yml declares: a script may not set these names (a unit test keeps the two equal). */
const DEPLOY_OUTPUT_NAMES = [
    'release-id',
    'previous-release-id',
    'previous-image',
    'hosts-succeeded',
    'hosts-failed',
    'report',
    'services',
    'github-deployment-id',
    'deployment-id',
];
/** The step outputs of all hosts' scripts as one set of names. Pure. */
function mergeScriptOutputs(hosts) {
    const values = {};
    const differing = new Set();
    for (const h of hosts) {
        for (const [name, value] of Object.entries(h.outputs ?? {})) {
            if (!(name in values))
                values[name] = value;
            else if (values[name] !== value)
                differing.add(name);
        }
    }
    return { values, differing: [...differing] };
}

;// CONCATENATED MODULE: ./build/actions/deploy-ssh/deploy.js
// Executes deploy plans: connect, lock, read what each host runs now, run the strategy's phases
// across hosts (lib/deploy/fleet), undo failures, record the outcome in each host's history and
// release the locks.




















async function deploy(config, opts) {
    const logger = opts.logger ?? connection/* runnerLogger */.hB;
    const started = Date.now();
    const pool = new ssh_pool/* SshPool */.V(config.ssh, { logger, signal: opts.signal });
    const secrets = [config.compose?.login?.password, config.stack?.login?.password];
    const run = (h, step, signal) => runStep(config, h, step, { logger, secrets, signal });
    // every host has the same phases; their commands are planned per host once its state is read
    const template = planHost(config, config.ssh.hosts[0], {
        releaseId: opts.releaseId,
        token: opts.token,
        previous: { known: false },
    });
    const phases = (0,locked_fleet/* connectAndLockPhases */.b)({
        pool,
        logger,
        lockInfo: opts.lockInfo,
        lock: config.lock,
        beforeLock: opts.beforeLock,
        appDir: (h) => h.data.config.appDir,
        readState: (h) => (0,deploy_state/* readStateScript */.Dt)(h.data.config.appDir, stateQuery(h.data.config)),
        onLocked: (h, state) => {
            const c = h.data.config;
            const parsed = (0,deploy_state/* parseState */.Bu)(state);
            // checked under the lock, before anything runs: the same in every strategy
            const reused = (0,deploy_history/* reusedReleaseError */.q8)(parsed.history, opts.releaseId);
            if (reused)
                throw new Error(reused);
            const previous = previousFrom(c, parsed);
            h.data.previous = previous;
            h.data.plan = planHost(c, h.host, { releaseId: opts.releaseId, token: opts.token, previous });
            return `; running now: ${previous.releaseId ?? 'no release yet'}${previous.image ? ` (${previous.image})` : ''}`;
        },
    });
    const strategyPhase = (name, commits) => ({
        name,
        commits,
        run: async (h) => {
            const phase = need(h.data.plan).phases.find((p) => p.name === name);
            if (!phase)
                return;
            h.data.started = true;
            for (const step of phase.steps) {
                await run(h, step, h.signal);
                h.data.changed = true;
                if (h.committed)
                    h.data.live = true;
            }
        },
    });
    const batches = config.rolling ? planBatches(config.ssh.hosts.length, config.rolling.batch) : undefined;
    const rollout = {};
    if (!batches) {
        phases.push(...template.phases.map((p) => strategyPhase(p.name, p.commits)));
    }
    else {
        const waitMs = config.rolling?.waitMs ?? 0;
        batches.forEach((_, b) => {
            const inBatch = (h) => h.data.batch === b && rollout.failedBatch === undefined;
            if (b > 0 && waitMs > 0) {
                phases.push({
                    name: `Batch ${b + 1}: wait ${(0,duration/* formatDuration */.a)(waitMs)}`,
                    skip: (h) => !inBatch(h),
                    run: (h) => (0,retry/* abortableSleep */.Mf)(waitMs, h.signal),
                });
            }
            for (const p of template.phases) {
                const inner = strategyPhase(p.name, p.commits);
                phases.push({
                    name: `Batch ${b + 1}${b === 0 ? ' (canary)' : ''}: ${p.name}`,
                    commits: p.commits,
                    skip: (h) => !inBatch(h),
                    run: async (h) => {
                        try {
                            await inner.run(h);
                        }
                        catch (error) {
                            rollout.failedBatch ??= b;
                            throw error;
                        }
                    },
                });
            }
        });
        phases.push({
            name: 'Roll back',
            skip: () => rollout.failedBatch === undefined,
            run: async (h) => {
                const failed = (rollout.failedBatch ?? 0) + 1;
                if (!h.data.started) {
                    h.data.rollout = 'not-started';
                    throw new Error(`not deployed: batch ${failed} failed, the rollout stopped`);
                }
                const plan = need(h.data.plan);
                if (plan.undoAfterCommit.length === 0) {
                    logger.warning(`${h.host.label}: batch ${failed} failed, but strategy ${config.strategy} has nothing to undo: this host keeps ${opts.releaseId}.`);
                    return;
                }
                logger.info(`[${h.host.label}] rolling back (batch ${failed} failed): ${plan.undoAfterCommit.map((s) => s.title).join('; ')}`);
                h.data.rollout = 'rollback-failed';
                for (const step of plan.undoAfterCommit)
                    await run(h, step, h.signal);
                h.data.rollout = 'rolled-back';
                throw new Error(`rolled back to ${h.data.previous?.releaseId ?? 'the state before the deploy'}: batch ${failed} failed`);
            },
        });
    }
    opts.onLocking?.({ appDir: config.appDir, token: opts.token, hosts: config.ssh.hosts.map((h) => h.label) });
    let fleet;
    try {
        fleet = await (0,deploy_fleet/* runFleet */.g)({
            hosts: config.ssh.hosts,
            init: (host) => ({
                locked: false,
                started: false,
                changed: false,
                live: false,
                pruned: [],
                outputs: {},
                config: hostConfig(config, host),
                batch: batches?.findIndex((b) => b.includes(config.ssh.hosts.indexOf(host))),
            }),
            phases,
            parallel: batches ? 0 : config.parallel,
            failFast: config.failFast,
            hostTimeoutMs: config.hostTimeoutMs,
            logger,
            group: opts.group,
            signal: opts.signal,
            undo: async (h) => {
                const plan = h.data.plan;
                if (h.data.rollout)
                    return; // the rollback already ran its undo
                if (h.data.lockLost)
                    return; // another deploy holds the lock now: its changes are not ours to undo
                if (!plan || !h.data.changed || !h.data.conn || h.data.conn.isClosed)
                    return;
                // a failure in the very first step of going live (e.g. the switch itself) left nothing live
                const steps = h.data.live ? plan.undoAfterCommit : plan.undoBeforeCommit;
                if (steps.length === 0)
                    return;
                logger.info(`[${h.host.label}] undoing: ${steps.map((s) => s.title).join('; ')}`);
                for (const step of steps)
                    await run(h, step, undefined);
            },
            finishName: 'Record and unlock',
            finish: async (h) => {
                const c = h.data.config;
                const record = h.data.started ? (0,deploy_history/* appendHistoryScript */._m)(c.appDir, historyEntry(c, opts, h)) : undefined;
                await (0,locked_fleet/* recordAndUnlock */.T)(h, { appDir: c.appDir, token: opts.token, record, logger });
            },
        });
    }
    finally {
        await pool.closeAll();
    }
    if (fleet.every((h) => !h.data.locked))
        opts.onUnlocked?.();
    const hosts = fleet.map((h) => ({
        host: h.host.label,
        result: h.status === 'succeeded'
            ? 'succeeded'
            : h.data.rollout === 'rolled-back'
                ? 'rolled-back'
                : h.status === 'cancelled' || h.data.rollout === 'not-started'
                    ? 'cancelled'
                    : 'failed',
        batch: h.data.batch === undefined ? undefined : h.data.batch + 1,
        durationMs: h.durationMs,
        releaseId: opts.releaseId,
        previousReleaseId: h.data.previous?.releaseId,
        previousImage: h.data.previous?.image,
        color: config.compose?.blueGreen && h.data.previous ? idleColor(h.data.previous) : undefined,
        phase: h.status === 'succeeded' ? undefined : h.failedPhase,
        error: h.status === 'succeeded' ? undefined : (0,errors/* errorMessage */.gJ)(h.error),
        pruned: h.data.pruned.length > 0 ? h.data.pruned : undefined,
        outputs: Object.keys(h.data.outputs).length > 0 ? h.data.outputs : undefined,
        stack: h.data.stack,
    }));
    return {
        strategy: config.strategy,
        releaseId: opts.releaseId,
        previousReleaseId: hosts.find((h) => h.previousReleaseId !== undefined)?.previousReleaseId,
        previousImage: hosts.find((h) => h.previousImage !== undefined)?.previousImage,
        hosts,
        durationMs: Date.now() - started,
        batches: batches ? batchReports(batches, hosts) : undefined,
    };
}
/** How each batch ended, from its hosts' results. Pure. */
function batchReports(batches, hosts) {
    return batches.map((indexes, b) => {
        const hs = indexes.map((i) => hosts[i]).filter((h) => h !== undefined);
        const result = hs.every((h) => h.result === 'succeeded')
            ? 'deployed'
            : hs.some((h) => h.result === 'failed')
                ? 'failed'
                : hs.some((h) => h.result === 'rolled-back')
                    ? 'rolled back'
                    : 'not started';
        return { batch: b + 1, hosts: hs.map((h) => h.host), result };
    });
}
/** The configuration for one host: `{host}` and `{port}` in app-dir replaced. */
function hostConfig(config, host) {
    return (0,paths/* forHost */.cE)(config, host);
}
function need(v) {
    if (v === undefined)
        throw new Error('internal: a previous phase did not complete');
    return v;
}
/** What the host runs now: the `current` link (release), the env file (compose), else the history. */
function previousFrom(config, state) {
    const fromHistory = (0,deploy_history/* currentRelease */.BX)((0,deploy_history/* foldHistory */.E)(state.history));
    const bg = config.compose?.blueGreen;
    if (bg) {
        // the upstream file says which color is live; the history when there is no upstream file yet
        const files = state.files ?? {};
        const recorded = fromHistory?.record.color;
        const color = files['upstream'] !== undefined
            ? liveColorFromUpstream(bg, files['upstream'])
            : recorded === 'blue' || recorded === 'green'
                ? recorded
                : undefined;
        const envText = color ? files[`env-${color}`] : undefined;
        const image = envText === undefined ? undefined : envValue(envText, config.compose?.settings.imageVariable);
        let releaseId = color ? fromHistory?.id : undefined;
        if (fromHistory?.record.image && image && fromHistory.record.image !== image)
            releaseId = undefined;
        return { known: true, releaseId, image, color };
    }
    let releaseId = fromHistory?.id;
    if (config.strategy === 'release')
        releaseId = state.currentRelease;
    // the env file was changed by hand since: the history no longer says what runs
    if (config.strategy === 'compose' &&
        fromHistory?.record.image &&
        state.image &&
        fromHistory.record.image !== state.image) {
        releaseId = undefined;
    }
    return { known: true, releaseId, image: state.image };
}
/** The last `NAME=value` of an env file's text. */
function envValue(text, name = 'IMAGE') {
    let value;
    for (const line of text.split('\n')) {
        const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=(.*)$/.exec(line);
        if (m?.[1] === name)
            value = (0,deploy_compose/* parseImageLine */.tz)(m[2] ?? '');
    }
    return value;
}
function stateQuery(config) {
    if (config.compose?.blueGreen)
        return { files: blueGreenStateFiles(config) };
    return {
        release: config.strategy === 'release',
        compose: config.strategy === 'compose' ? composeSettings(config) : undefined,
    };
}
function historyEntry(config, opts, h) {
    const ok = h.status === 'succeeded';
    return {
        id: opts.releaseId,
        outcome: ok ? 'deployed' : h.data.rollout === 'rolled-back' ? 'rolled-back' : 'failed',
        time: (opts.now?.() ?? new Date()).toISOString(),
        strategy: config.strategy,
        image: config.compose?.image,
        images: config.stack?.rendered.images,
        stack: config.stack?.name,
        color: config.compose?.blueGreen && h.data.previous ? idleColor(h.data.previous) : undefined,
        artifact: config.release?.sourceInput,
        sha: config.run.sha,
        ref: config.run.ref,
        runId: config.run.runId,
        runAttempt: config.run.runAttempt,
        actor: config.run.actor,
        repository: config.run.repository,
        previous: h.data.previous?.releaseId,
        host: h.host.label,
        durationMs: h.durationMs || Date.now() - h.startedAt,
        note: ok ? undefined : `${h.failedPhase ?? ''}: ${(0,errors/* errorMessage */.gJ)(h.error).split('\n')[0]}`.slice(0, 500),
    };
}
async function runStep(config, h, step, ctx) {
    const conn = need(h.data.conn);
    if (step.kind === 'stack') {
        await (0,steps/* logStep */.Lc)(ctx.logger, h.host.label, step.title, async () => {
            const r = await conn.exec(step.command, {
                label: `docker stack deploy ${step.stack}`,
                timeoutMs: config.commandTimeoutMs,
                signal: ctx.signal,
                secrets: ctx.secrets,
            });
            for (const line of config.stack?.rendered.defaults ?? [])
                ctx.logger.info(`[${h.host.label}]   set ${line}`);
            const sinceS = Number(r.stdout.split('\n')[0]);
            try {
                h.data.stack = await followStack(conn, {
                    stack: step.stack,
                    services: step.services,
                    sinceS: Number.isFinite(sinceS) ? sinceS : 0,
                    timeoutMs: step.timeoutMs,
                    intervalMs: step.intervalMs,
                    commandTimeoutMs: config.commandTimeoutMs,
                    signal: ctx.signal,
                    logger: ctx.logger,
                    host: h.host.label,
                });
            }
            catch (error) {
                if (error instanceof StackDeployError)
                    h.data.stack = error.status;
                throw error;
            }
        });
        return;
    }
    if (step.kind === 'upload') {
        await (0,steps/* logStep */.Lc)(ctx.logger, h.host.label, step.title, async () => {
            // the step's abort signal (host-timeout, cancel) and command-timeout end a stalled transfer
            const limits = {
                signal: ctx.signal,
                timeoutMs: config.commandTimeoutMs,
                timeoutInput: 'command-timeout',
            };
            if (step.archive)
                return uploadFile(conn, step.local, step.remote, 0o600, limits);
            const stats = await uploadDirectory(conn, step.local, step.remote, limits);
            ctx.logger.info(`[${h.host.label}] uploaded ${stats.files} files, ${stats.dirs} directories, ${stats.symlinks} symlinks (${(stats.bytes / 1024).toFixed(0)} KiB)`);
        });
        return;
    }
    const r = await (0,steps/* runRemoteStep */.iv)(step, {
        ...ctx,
        conn,
        shell: config.shell,
        env: need(h.data.plan).env,
        commandTimeoutMs: config.commandTimeoutMs,
        registryPassword: config.compose?.login?.password ?? config.stack?.login?.password,
        outputs: {
            reserved: DEPLOY_OUTPUT_NAMES,
            set: (values) => Object.assign(h.data.outputs, values),
        },
    });
    if (step.kind === 'exec' && step.output === 'pruned' && r)
        h.data.pruned = (0,deploy_release/* parsePruned */.E$)(r.stdout);
}
/** The error main throws when some hosts failed: names each failed host and its reason. */
function deployError(result) {
    const failed = result.hosts.filter((h) => h.result !== 'succeeded');
    if (failed.length === 0)
        return undefined;
    const lines = failed.map((h) => {
        const error = (h.error ?? '').startsWith(`${h.host}: `)
            ? (h.error ?? '').slice(h.host.length + 2)
            : (h.error ?? '');
        return `  ${h.host} (${h.result}${h.phase ? ` in ${h.phase}` : ''}): ${error.split('\n').join('\n    ')}`;
    });
    return new errors/* OperationError */.OK(`Deploy of ${result.releaseId} failed on ${failed.length} of ${result.hosts.length} host(s):\n${lines.join('\n')}`, { failed: failed.map((h) => h.host) });
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: ./build/lib/deploy/lock-inputs.js
var lock_inputs = __webpack_require__(80765);
// EXTERNAL MODULE: ./build/lib/deploy/command-env.js
var command_env = __webpack_require__(58777);
// EXTERNAL MODULE: ./build/lib/deploy/compose-inputs.js
var compose_inputs = __webpack_require__(54546);
// EXTERNAL MODULE: ./build/lib/deploy/health.js
var deploy_health = __webpack_require__(37474);
// EXTERNAL MODULE: ./build/lib/ssh/script.js + 1 modules
var ssh_script = __webpack_require__(66143);
;// CONCATENATED MODULE: ./build/actions/deploy-ssh/inputs.js
// Every input of deploy-ssh, parsed and validated into one object before any connection is made.















const STRATEGIES = ['script', 'compose', 'release', 'stack'];
/** Names every user command sees in its environment; `env` may not redefine them. */
const BUILTIN_ENV = [...command_env/* BUILTIN_ENV */.u, 'DEPLOY_COLOR', 'DEPLOY_PORT'];
const COLORS = (/* unused pure expression or super */ null && (['blue', 'green']));
/** The `default:` values action.yml declares for strategy-specific inputs. */
const ACTION_DEFAULTS = {
    'env-file': '.env',
    'image-variable': 'IMAGE',
    'compose-command': 'docker compose',
    'restore-on-failure': 'true',
    'keep-releases': '5',
};
const ONLY_FOR = {
    script: 'script',
    image: ['compose', 'stack'],
    'env-file': 'compose',
    'image-variable': 'compose',
    'compose-file': 'compose',
    'compose-command': 'compose',
    registry: ['compose', 'stack'],
    'registry-username': ['compose', 'stack'],
    'registry-password': ['compose', 'stack'],
    'restore-on-failure': 'compose',
    'zero-downtime': 'compose',
    ports: 'compose',
    'port-variable': 'compose',
    'compose-project': 'compose',
    'upstream-file': 'compose',
    'proxy-reload-command': 'compose',
    'drain-timeout': 'compose',
    source: 'release',
    shared: 'release',
    'before-switch': 'release',
    'after-switch': 'release',
    'keep-releases': 'release',
    'stack-file': 'stack',
    'stack-name': 'stack',
    images: 'stack',
    'converge-timeout': 'stack',
};
function runInfoFromEnv(env = process.env) {
    return {
        sha: env['GITHUB_SHA'],
        ref: env['GITHUB_REF'],
        runId: env['GITHUB_RUN_ID'],
        runAttempt: env['GITHUB_RUN_ATTEMPT'],
        actor: env['GITHUB_ACTOR'],
        repository: env['GITHUB_REPOSITORY'],
        workflow: env['GITHUB_WORKFLOW'],
    };
}
/** Reads and validates every input; throws a ConfigurationError before anything is contacted. */
function readDeployInputs(inputs, env = process.env) {
    const strategy = inputs.choice('strategy', STRATEGIES);
    for (const [name, onlyFor] of Object.entries(ONLY_FOR)) {
        const only = typeof onlyFor === 'string' ? [onlyFor] : onlyFor;
        // The runner passes action.yml's default for every input, so a value equal to its default
        // was not necessarily given by the user: only a different value is a mistake.
        if (!only.includes(strategy) && inputs.has(name) && inputs.raw(name) !== ACTION_DEFAULTS[name]) {
            throw new errors/* ConfigurationError */.j1(name, `is only used by strategy '${only.join("' or '")}', but strategy is '${strategy}'. Remove it or set strategy: ${only[0] ?? ''}.`, `strategy: ${only[0] ?? ''}`);
        }
    }
    const appDir = (0,paths/* parseAppDir */.ME)(inputs.raw('app-dir'));
    const releaseId = inputs.has('release-id') ? (0,deploy_release/* parseReleaseId */.y_)(inputs.raw('release-id')) : undefined;
    const userEnv = (0,command_env/* readCommandEnv */.t)(inputs, 'env', BUILTIN_ENV);
    const shell = {
        shell: (0,ssh_script/* parseShell */.aV)(inputs.raw('shell')),
        login: inputs.boolean('login-shell', false),
    };
    let script;
    let compose;
    let release;
    let stack;
    if (strategy === 'script') {
        script = inputs.string('script', {
            example: '|\n  cd /srv/app\n  git pull --ff-only\n  systemctl --user restart app',
        });
    }
    else if (strategy === 'compose') {
        compose = readCompose(inputs);
        compose.blueGreen = readBlueGreen(inputs, appDir);
        if (compose.blueGreen && compose.settings.imageVariable === compose.blueGreen.portVariable) {
            throw new errors/* ConfigurationError */.j1('port-variable', 'must differ from image-variable.', 'port-variable: PORT');
        }
    }
    else if (strategy === 'stack') {
        stack = readStack(inputs, appDir, env);
    }
    else {
        release = readRelease(inputs, env);
    }
    const health = (0,deploy_health/* readHealthGate */.w)(inputs);
    if (stack && health) {
        throw new errors/* ConfigurationError */.j1('health-command', "is not used by strategy stack: Swarm gates the update with the service's own health check (healthcheck: in the stack file or HEALTHCHECK in the image) and rolls it back when it fails.", 'healthcheck:\n  test: ["CMD", "wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8080/health"]');
    }
    const ssh = (0,ssh_inputs/* readSshInputs */.sl)(inputs);
    if (stack && ssh.hosts.length !== 1) {
        throw new errors/* ConfigurationError */.j1('hosts', `strategy stack deploys through one Swarm manager, but ${ssh.hosts.length} hosts are given: Swarm itself places the tasks on its nodes.`, 'hosts: deploy@manager.example.com');
    }
    const github = (0,github_inputs/* readGithubDeploymentInputs */.yo)(inputs);
    return {
        ssh,
        strategy,
        appDir,
        releaseId,
        shell,
        env: userEnv,
        script,
        compose,
        release,
        stack,
        health,
        lock: (0,lock_inputs/* readLockSettings */.p)(inputs),
        parallel: readParallel(inputs),
        rolling: readRolling(inputs),
        failFast: inputs.boolean('fail-fast', true),
        commandTimeoutMs: inputs.duration('command-timeout', '10m', { min: 1000 }),
        hostTimeoutMs: inputs.duration('host-timeout', '30m', { min: 1000 }),
        dryRun: inputs.boolean('dry-run', false),
        run: runInfoFromEnv(env),
        github,
    };
}
function readRolling(inputs) {
    if (!inputs.has('rolling-batch')) {
        if (inputs.has('rolling-wait')) {
            throw new errors/* ConfigurationError */.j1('rolling-wait', "is set but 'rolling-batch' is not.", 'rolling-batch: 2');
        }
        return undefined;
    }
    const parallel = inputs.raw('parallel').toLowerCase();
    if (parallel !== '' && parallel !== 'all') {
        throw new errors/* ConfigurationError */.j1('parallel', "and 'rolling-batch' both say how many hosts deploy at once; set only one.", 'rolling-batch: 25%');
    }
    return {
        batch: parseBatchSize(inputs.raw('rolling-batch')),
        waitMs: inputs.duration('rolling-wait', '0s', { min: 0 }),
    };
}
const BLUE_GREEN_INPUTS = [
    'ports',
    'port-variable',
    'compose-project',
    'upstream-file',
    'proxy-reload-command',
    'drain-timeout',
];
function readBlueGreen(inputs, appDir) {
    if (!inputs.boolean('zero-downtime', false)) {
        for (const name of BLUE_GREEN_INPUTS) {
            if (inputs.has(name)) {
                throw new errors/* ConfigurationError */.j1(name, "is only used with 'zero-downtime: true'.", 'zero-downtime: true');
            }
        }
        return undefined;
    }
    const portsText = inputs.list('ports');
    const ports = (portsText.length === 0 ? ['8081', '8082'] : portsText).map(Number);
    const [blue, green] = ports;
    if (ports.length !== 2 ||
        blue === undefined ||
        green === undefined ||
        blue === green ||
        !ports.every((p) => Number.isInteger(p) && p >= 1 && p <= 65535)) {
        throw new errors/* ConfigurationError */.j1('ports', `must be two different ports, blue then green, got '${inputs.raw('ports')}'.`, 'ports: 8081,8082');
    }
    const portVariable = inputs.string('port-variable', { default: 'PORT' });
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(portVariable)) {
        throw new errors/* ConfigurationError */.j1('port-variable', `'${portVariable}' is not a variable name.`, 'port-variable: PORT');
    }
    const defaultProject = (appDir.split('/').pop() ?? '').toLowerCase().replace(/[^a-z0-9_-]/g, '-');
    const project = inputs.string('compose-project', { default: defaultProject });
    if (!/^[a-z0-9][a-z0-9_-]*$/.test(project)) {
        throw new errors/* ConfigurationError */.j1('compose-project', `'${project}' is not a Compose project name (lower-case letters, digits, - and _, starting with a letter or digit).`, 'compose-project: shop');
    }
    const upstreamFile = inputs.string('upstream-file', { example: '/etc/nginx/upstreams/shop.conf' });
    checkRelativeFile(upstreamFile, 'upstream-file', 'upstream-file: /etc/nginx/upstreams/shop.conf');
    return {
        ports: { blue, green },
        portVariable,
        project,
        upstreamFile,
        reloadCommand: inputs.string('proxy-reload-command', { default: 'nginx -s reload' }),
        drainMs: inputs.duration('drain-timeout', '10s', { min: 0 }),
    };
}
function readParallel(inputs) {
    const raw = inputs.raw('parallel').toLowerCase();
    if (raw === '' || raw === 'all')
        return 0;
    return inputs.integer('parallel', 0, { min: 1, max: 1000 });
}
function readCompose(inputs) {
    const image = (0,deploy_compose/* parseImageReference */.o_)(inputs.string('image', { example: `ghcr.io/acme/shop:\${{ github.sha }}` }));
    const settings = (0,compose_inputs/* readComposeSettings */._)(inputs);
    const shared = (0,compose_inputs/* readRegistryLogin */.T)(inputs);
    let login;
    if (shared) {
        // without a registry input, the image's registry (which may not be a usable host name)
        const registry = shared.registry ?? (0,deploy_compose/* registryOf */.Fv)(image);
        if (!/^[A-Za-z0-9.-]+(:\d+)?(\/[A-Za-z0-9._/-]*)?$/.test(registry)) {
            throw new errors/* ConfigurationError */.j1('registry', `'${registry}' is not a registry host.`, 'registry: ghcr.io');
        }
        login = { ...shared, registry };
    }
    return {
        settings,
        image,
        login,
        restoreOnFailure: inputs.boolean('restore-on-failure', true),
    };
}
function checkRelativeFile(path, input, example) {
    if (/[\n\r\0]/.test(path) || path.split('/').includes('..')) {
        throw new errors/* ConfigurationError */.j1(input, `'${path}' must be a path relative to app-dir (or absolute), without '..'.`, example);
    }
}
function readStack(inputs, appDir, env) {
    const fileInput = inputs.string('stack-file', { example: 'deploy/stack.yml' });
    const workspace = env['GITHUB_WORKSPACE'] ?? process.cwd();
    const file = (0,external_node_path_.isAbsolute)(fileInput) ? fileInput : (0,external_node_path_.resolve)(workspace, fileInput);
    if (!(0,external_node_fs_.existsSync)(file) || !(0,external_node_fs_.statSync)(file).isFile()) {
        throw new errors/* ConfigurationError */.j1('stack-file', `'${fileInput}' is not a file in the workspace (${file}). Check out the repository first, or fix the path.`, 'stack-file: deploy/stack.yml');
    }
    const defaultName = (appDir.split('/').pop() ?? '').toLowerCase().replace(/[^a-z0-9_-]/g, '-');
    const name = inputs.string('stack-name', { default: defaultName });
    if (!/^[a-z0-9][a-z0-9_-]{0,62}$/.test(name)) {
        throw new errors/* ConfigurationError */.j1('stack-name', `'${name}' is not a stack name (lower-case letters, digits, - and _, starting with a letter or digit).`, 'stack-name: shop');
    }
    const images = {};
    for (const line of inputs.list('images')) {
        const m = /^([A-Za-z0-9][A-Za-z0-9_.-]*)=(.+)$/.exec(line);
        if (!m?.[1] || !m[2]) {
            throw new errors/* ConfigurationError */.j1('images', `'${line}' is not SERVICE=image.`, 'images: |\n  web=ghcr.io/acme/shop-web:1.4.2\n  worker=ghcr.io/acme/shop-worker:1.4.2');
        }
        if (images[m[1]] !== undefined) {
            throw new errors/* ConfigurationError */.j1('images', `names the service '${m[1]}' twice.`);
        }
        images[m[1]] = (0,deploy_compose/* parseImageReference */.o_)(m[2], 'images');
    }
    const image = inputs.has('image')
        ? (0,deploy_compose/* parseImageReference */.o_)(inputs.string('image', { example: 'ghcr.io/acme/shop:1.4.2' }))
        : undefined;
    if (image !== undefined && Object.keys(images).length > 0) {
        throw new errors/* ConfigurationError */.j1('image', "and 'images' both set images; give 'image' for a one-service stack, or 'images' lines.", 'images: |\n  web=ghcr.io/acme/shop-web:1.4.2');
    }
    const rendered = renderStack((0,external_node_fs_.readFileSync)(file, 'utf8'), { images, image }, `'${fileInput}'`);
    const shared = (0,compose_inputs/* readRegistryLogin */.T)(inputs);
    let login;
    if (shared) {
        const first = Object.values(rendered.images)[0] ?? '';
        const registry = shared.registry ?? (0,deploy_compose/* registryOf */.Fv)(first);
        login = { ...shared, registry };
    }
    return {
        name,
        fileInput,
        rendered,
        login,
        convergeTimeoutMs: inputs.duration('converge-timeout', '5m', { min: 1000 }),
        pollIntervalMs: 1000,
    };
}
function readRelease(inputs, env) {
    const sourceInput = inputs.string('source', { example: 'dist/' });
    const workspace = env['GITHUB_WORKSPACE'] ?? process.cwd();
    const source = (0,external_node_path_.isAbsolute)(sourceInput) ? sourceInput : (0,external_node_path_.resolve)(workspace, sourceInput);
    if (!(0,external_node_fs_.existsSync)(source)) {
        throw new errors/* ConfigurationError */.j1('source', `'${sourceInput}' does not exist in the workspace (${source}). Build it in an earlier step.`, 'source: dist/');
    }
    let sourceKind;
    if ((0,external_node_fs_.statSync)(source).isDirectory())
        sourceKind = 'directory';
    else if (/\.(tar|tar\.gz|tgz)$/.test(source))
        sourceKind = 'archive';
    else {
        throw new errors/* ConfigurationError */.j1('source', `'${sourceInput}' must be a directory or a .tar, .tar.gz or .tgz archive.`, 'source: build/app.tar.gz');
    }
    return {
        source,
        sourceInput,
        sourceKind,
        shared: (0,deploy_release/* parseSharedPaths */.jq)(inputs.list('shared')),
        beforeSwitch: inputs.optionalString('before-switch'),
        afterSwitch: inputs.optionalString('after-switch'),
        keepReleases: inputs.integer('keep-releases', 5, { min: 1, max: 100 }),
    };
}

;// CONCATENATED MODULE: ./build/actions/deploy-ssh/report.js
// What a person reads after a deploy: the outputs, the job summary table, the failure message.


/** The report output: a JSON document other steps (and the rollback stage) can read. */
function reportJson(config, result, dryRun = false) {
    return JSON.stringify({
        strategy: result.strategy,
        releaseId: result.releaseId,
        previousReleaseId: result.previousReleaseId ?? null,
        previousImage: result.previousImage ?? null,
        appDir: config.appDir,
        image: config.compose?.image,
        dryRun,
        durationMs: result.durationMs,
        hosts: result.hosts.map((h) => ({
            host: h.host,
            result: h.result,
            durationMs: h.durationMs,
            releaseId: h.releaseId,
            previousReleaseId: h.previousReleaseId ?? null,
            ...(h.previousImage ? { previousImage: h.previousImage } : {}),
            ...(h.phase ? { phase: h.phase } : {}),
            ...(h.error ? { error: h.error } : {}),
            ...(h.pruned ? { pruned: h.pruned } : {}),
            ...(h.batch ? { batch: h.batch } : {}),
            ...(h.color ? { color: h.color } : {}),
            ...(h.outputs ? { outputs: h.outputs } : {}),
        })),
        ...(result.batches ? { batches: result.batches } : {}),
        ...(config.stack
            ? { stack: config.stack.name, services: JSON.parse(servicesJson(result)) }
            : {}),
    });
}
/** strategy stack: each service's replicas running/desired, image and update outcome, as JSON. */
function servicesJson(result) {
    const stack = result.hosts.find((h) => h.stack)?.stack;
    if (!stack)
        return '[]';
    return JSON.stringify(stack.services.map((s) => ({
        service: s.service,
        running: s.running,
        desired: s.desired,
        image: s.image,
        update: s.update,
        ...(s.updateMessage ? { message: s.updateMessage } : {}),
    })));
}
function deployOutputs(config, result, dryRun = false) {
    return {
        'release-id': result.releaseId,
        'previous-release-id': result.previousReleaseId ?? '',
        'previous-image': result.previousImage ?? '',
        'hosts-succeeded': result.hosts
            .filter((h) => h.result === 'succeeded')
            .map((h) => h.host)
            .join(','),
        'hosts-failed': result.hosts
            .filter((h) => h.result !== 'succeeded')
            .map((h) => h.host)
            .join(','),
        report: reportJson(config, result, dryRun),
        services: servicesJson(result),
    };
}
function resultCell(h) {
    if (h.result === 'succeeded')
        return `${(0,summary/* statusIcon */.I8)('success')} deployed`;
    if (h.result === 'cancelled')
        return `${(0,summary/* statusIcon */.I8)('skipped')} cancelled`;
    if (h.result === 'rolled-back')
        return `${(0,summary/* statusIcon */.I8)('failure')} rolled back`;
    return `${(0,summary/* statusIcon */.I8)('failure')} failed${h.phase ? ` (${h.phase})` : ''}`;
}
/** The job summary: one row per host, then the errors. */
function deploySummary(config, result) {
    const ok = result.hosts.filter((h) => h.result === 'succeeded').length;
    const what = config.compose
        ? ` \`${config.compose.image}\``
        : config.stack
            ? ` (stack \`${config.stack.name}\`)`
            : config.release
                ? ` from \`${config.release.sourceInput}\``
                : '';
    const head = ok === result.hosts.length
        ? `### ${(0,summary/* statusIcon */.I8)('success')} deploy-ssh: release \`${result.releaseId}\`${what} is live on ${ok} host${ok === 1 ? '' : 's'}`
        : `### ${(0,summary/* statusIcon */.I8)('failure')} deploy-ssh: release \`${result.releaseId}\`${what} failed on ${result.hosts.length - ok} of ${result.hosts.length} hosts`;
    const table = (0,summary/* markdownTable */.Qj)(['Host', 'Result', 'Duration', 'Release', 'Previous'], result.hosts.map((h) => [
        h.host,
        resultCell(h),
        (0,duration/* formatDuration */.a)(h.durationMs),
        h.result === 'succeeded' ? `${h.releaseId}${h.color ? ` (${h.color})` : ''}` : '—',
        h.previousReleaseId,
    ]));
    const mode = config.compose?.blueGreen ? ' · zero-downtime (blue-green)' : '';
    const parts = [
        head,
        '',
        `Strategy \`${config.strategy}\`${mode} · app-dir \`${config.appDir}\` · ${(0,duration/* formatDuration */.a)(result.durationMs)}`,
        '',
    ];
    if (result.batches)
        parts.push(...rolloutSection(result), '');
    parts.push(table);
    const stack = result.hosts.find((h) => h.stack)?.stack;
    if (config.stack)
        parts.push('', ...stackSection(config, stack));
    const failed = result.hosts.filter((h) => h.result === 'failed');
    if (failed.length > 0) {
        parts.push('', (0,summary/* details */.zH)('Errors', failed.map((h) => `${h.host} (${h.phase ?? '?'}):\n${h.error ?? ''}`).join('\n\n')));
    }
    return `${parts.join('\n')}\n`;
}
/** strategy stack: one row per service, then the update settings we filled in. */
function stackSection(config, stack) {
    const s = config.stack;
    if (!s)
        return [];
    const out = [];
    if (stack) {
        const outcome = {
            converged: `${(0,summary/* statusIcon */.I8)('success')} converged`,
            'rolled-back': `${(0,summary/* statusIcon */.I8)('failure')} rolled back by Swarm`,
            paused: `${(0,summary/* statusIcon */.I8)('failure')} update paused`,
            'timed-out': `${(0,summary/* statusIcon */.I8)('failure')} did not converge in time`,
        };
        out.push(`Stack \`${s.name}\`: ${outcome[stack.outcome] ?? stack.outcome}`, '', (0,summary/* markdownTable */.Qj)(['Service', 'Running', 'Image', 'Update'], stack.services.map((v) => [
            v.service,
            `${v.running}/${v.desired}`,
            `\`${v.image}\``,
            `${v.update}${v.updateMessage ? `: ${v.updateMessage}` : ''}`,
        ])));
    }
    if (s.rendered.defaults.length > 0) {
        out.push('', (0,summary/* details */.zH)('Update settings filled in (the stack file did not set them)', s.rendered.defaults.join('\n')));
    }
    return out;
}
const BATCH_ICON = {
    deployed: (0,summary/* statusIcon */.I8)('success'),
    failed: (0,summary/* statusIcon */.I8)('failure'),
    'rolled back': (0,summary/* statusIcon */.I8)('failure'),
    'not started': (0,summary/* statusIcon */.I8)('skipped'),
};
/** Rolling deploy: one line saying how far it got, then one row per batch. */
function rolloutSection(result) {
    const batches = result.batches ?? [];
    const failed = batches.find((b) => b.result === 'failed');
    const rolledBack = result.hosts.filter((h) => h.result === 'rolled-back').map((h) => h.host);
    const line = failed
        ? `**Rolling deploy stopped at batch ${failed.batch} of ${batches.length}**` +
            (rolledBack.length > 0 ? `; rolled back: ${rolledBack.join(', ')}` : '; no earlier host to roll back') +
            `; not started: ${batches
                .filter((b) => b.result === 'not started')
                .flatMap((b) => b.hosts)
                .join(', ') || 'none'}.`
        : `Rolling deploy: ${batches.length} batches, the first host alone as the canary.`;
    const table = (0,summary/* markdownTable */.Qj)(['Batch', 'Hosts', 'Result'], batches.map((b) => [
        `${b.batch}${b.batch === 1 ? ' (canary)' : ''}`,
        b.hosts.join(', '),
        `${BATCH_ICON[b.result] ?? ''} ${b.result}`,
    ]));
    return [line, '', table];
}
function dryRunSummary(config, releaseId, planText) {
    return [
        `### ${(0,summary/* statusIcon */.I8)('skipped')} deploy-ssh (dry run): release \`${releaseId}\` to ${config.ssh.hosts.length} host(s) — nothing was changed`,
        '',
        (0,summary/* details */.zH)('Plan', planText),
        '',
    ].join('\n');
}

;// CONCATENATED MODULE: ./build/actions/deploy-ssh/main.js















async function main() {
    const inputs = new lib_inputs/* Inputs */.G0();
    const config = readDeployInputs(inputs);
    const provenance = (0,provenance_inputs/* readProvenanceInputs */.l)(inputs);
    // before any host is contacted (and on a dry run too): refuse an image without a passing
    // attestation; deploy the digest that was verified
    if (provenance)
        await verifyDeployImages(config, provenance);
    const releaseId = config.releaseId ?? (0,deploy_release/* defaultReleaseId */.sQ)(new Date(), config.run.sha, config.run);
    const token = (0,lock/* newLockToken */.$I)();
    if (config.dryRun) {
        const plans = config.ssh.hosts.map((host) => planHost(config, host, { releaseId, token, previous: { known: false } }));
        const text = formatPlan(config, plans);
        await core/* group */.Os('Plan (dry run: nothing is contacted or changed)', async () => core/* info */.pq(text));
        const outputs = deployOutputs(config, { strategy: config.strategy, releaseId, hosts: [], durationMs: 0 }, true);
        for (const [k, v] of Object.entries(outputs))
            core/* setOutput */.uH(k, v);
        setGithubDeploymentId('');
        await (0,summary/* writeSummary */.Sy)(dryRunSummary(config, releaseId, text));
        return;
    }
    // Recorded as a GitHub deployment (in_progress) before any server is touched, while the hosts
    // connect (that changes nothing); the bookkeeping never throws and is off without github-token +
    // environment. Rollback reads release/image from its payload.
    const starting = (0,github_inputs/* startGithubDeployment */.ZX)(config.github, {
        description: `Deploying ${releaseId}`,
        payload: { release: releaseId, image: config.compose?.image, strategy: config.strategy },
    }).then((deployment) => {
        setGithubDeploymentId(deployment.id === undefined ? '' : String(deployment.id));
        return deployment;
    });
    // the runner cancels a job with SIGINT (then SIGTERM): stop, undo, release the locks
    const cancel = new AbortController();
    const onSignal = () => {
        core/* warning */.$e('Cancelled: stopping the running commands, undoing unfinished hosts and releasing the locks.');
        cancel.abort();
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    try {
        const result = await deploy(config, {
            releaseId,
            token,
            lockInfo: (0,lock/* lockInfoFromEnv */.rd)(token),
            signal: cancel.signal,
            beforeLock: starting,
            onLocking: (saved) => core/* saveState */.LZ(lock/* LOCK_STATE_KEY */.or, JSON.stringify(saved)),
            onUnlocked: () => core/* saveState */.LZ(lock/* LOCK_RELEASED_STATE_KEY */.My, 'true'),
        }).catch(async (error) => {
            await (await starting).fail(oneLine((0,errors/* errorMessage */.gJ)(error)));
            throw error;
        });
        const deployment = await starting;
        const outputs = deployOutputs(config, result);
        for (const [k, v] of Object.entries(outputs))
            core/* setOutput */.uH(k, v);
        setScriptOutputs(result.hosts);
        for (const h of result.hosts) {
            core/* info */.pq(`${h.host}: ${h.result}${h.phase && h.result !== 'succeeded' ? ` in ${h.phase}` : ''} (${(h.durationMs / 1000).toFixed(1)}s)`);
        }
        await (0,summary/* writeSummary */.Sy)(deploySummary(config, result));
        const error = deployError(result);
        if (error) {
            await deployment.fail(oneLine(error.message));
            throw error;
        }
        await deployment.succeed(config.github.environmentUrl, `Deployed ${releaseId}`);
    }
    finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
    }
}
/** github-deployment-id, and deployment-id: its deprecated name, kept with the same value in v1. */
function setGithubDeploymentId(id) {
    core/* setOutput */.uH('github-deployment-id', id);
    core/* setOutput */.uH('deployment-id', id);
}
/** The outputs the hosts' scripts set in $OPS_OUTPUT become step outputs (not masked: not for secrets). */
function setScriptOutputs(hosts) {
    const { values, differing } = mergeScriptOutputs(hosts);
    for (const [k, v] of Object.entries(values))
        core/* setOutput */.uH(k, v);
    if (differing.length > 0) {
        core/* warning */.$e(`The hosts' scripts set different values for ${differing.map((n) => `'${n}'`).join(', ')} in $OPS_OUTPUT: ` +
            `the step output has the value of the first host (in the order of hosts) that set it; ` +
            `every host's values are in the report output (hosts[].outputs).`);
    }
}
/** A deployment status description: one line (the library cuts it to GitHub's 140 characters). */
function oneLine(text) {
    return text.replace(/\s+/g, ' ').trim();
}
/** Releases the deploy locks main took, if main could not (killed, cancelled, connection lost). */
async function post() {
    const saved = (0,lock/* parseSavedLocks */.NE)(core/* getState */.Gu(lock/* LOCK_STATE_KEY */.or));
    if (!saved)
        return;
    if (core/* getState */.Gu(lock/* LOCK_RELEASED_STATE_KEY */.My) === 'true') {
        core/* info */.pq('The deploy released its locks itself.');
        return;
    }
    const ssh = (0,ssh_inputs/* readSshInputs */.sl)(new lib_inputs/* Inputs */.G0());
    await (0,lock/* releaseSavedLocks */.T_)(ssh, saved);
}
/** verify-provenance: the compose image or the stack's images, pinned to their verified digests. */
async function verifyDeployImages(config, provenance) {
    const images = config.compose
        ? [config.compose.image]
        : config.stack
            ? [...new Set(Object.values(config.stack.rendered.images))]
            : [];
    if (images.length === 0) {
        throw new errors/* ConfigurationError */.j1('verify-provenance', `checks the image a deploy runs; strategy '${config.strategy}' deploys no image. Use strategy compose or stack, or remove verify-provenance.`, 'strategy: compose');
    }
    const login = config.compose?.login ?? config.stack?.login;
    const { verifyImagesProvenance } = await Promise.all(/* import() */[__webpack_require__.e(758), __webpack_require__.e(168), __webpack_require__.e(851)]).then(__webpack_require__.bind(__webpack_require__, 99851));
    const verified = await core/* group */.Os('Verify provenance', () => verifyImagesProvenance(images, provenance, {
        log: (line) => core/* info */.pq(line),
        ...(login ? { registry: { username: login.username, password: login.password } } : {}),
    }));
    for (const v of verified) {
        if (config.compose)
            config.compose.image = v.pinned;
        if (config.stack && v.pinned !== v.image) {
            const stack = config.stack.rendered;
            for (const [service, image] of Object.entries(stack.images)) {
                if (image === v.image)
                    stack.images[service] = v.pinned;
            }
            // the whole reference only (not a prefix of a longer one)
            const escaped = v.image.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
            stack.yaml = stack.yaml.replace(new RegExp(`${escaped}(?=["'\\s]|$)`, 'gm'), v.pinned);
        }
    }
}


/***/ }),

/***/ 98641:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ZX: () => (/* binding */ startGithubDeployment),
/* harmony export */   yo: () => (/* binding */ readGithubDeploymentInputs)
/* harmony export */ });
/* unused harmony export GITHUB_DEPLOYMENT_INPUTS */
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
    const { githubDeployments } = await Promise.all(/* import() */[__webpack_require__.e(72), __webpack_require__.e(758), __webpack_require__.e(462)]).then(__webpack_require__.bind(__webpack_require__, 70462));
    return githubDeployments(github).startDeployment(options);
}


/***/ })

};
