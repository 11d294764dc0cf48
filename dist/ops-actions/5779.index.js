export const id = 5779;
export const ids = [5779,1374,8993];
export const modules = {

/***/ 85779:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  main: () => (/* binding */ main)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 7 modules
var core = __webpack_require__(33838);
// EXTERNAL MODULE: ./build/lib/errors.js
var errors = __webpack_require__(61469);
// EXTERNAL MODULE: ./build/lib/summary.js
var summary = __webpack_require__(3476);
// EXTERNAL MODULE: ./build/lib/inputs.js
var lib_inputs = __webpack_require__(52307);
// EXTERNAL MODULE: ./build/lib/secrets.js
var lib_secrets = __webpack_require__(41853);
;// CONCATENATED MODULE: ./build/actions/notify/reports.js
// The other stages' results, read from what a workflow can pass: a stage's `report` output (JSON),
// or `toJSON(steps.<id>.outputs)` — every output of a step as one JSON object, which is how the
// stages without a `report` output (rollback, migrate, deploy-koyeb) are passed. An empty value or
// `{}` (a step that was skipped) means the stage did not run.

function parseReports(inputs) {
    const deploy = readObject(inputs, 'deploy-report', '${{ steps.deploy.outputs.report }}');
    const smoke = readObject(inputs, 'smoke-test-report', '${{ steps.smoke.outputs.report }}');
    const rollback = readObject(inputs, 'rollback-report', '${{ toJSON(steps.rollback.outputs) }}');
    const migrate = readObject(inputs, 'migrate-report', '${{ toJSON(steps.migrate.outputs) }}');
    return {
        ...(deploy ? { deploy: deployFacts(deploy) } : {}),
        ...(smoke ? { smokeTest: smokeFacts(smoke) } : {}),
        ...(rollback ? { rollback: rollbackFacts(rollback) } : {}),
        ...(migrate ? { migrate: migrateFacts(migrate) } : {}),
    };
}
/** A JSON object, or undefined for '' and `{}`. Anything else names the input. */
function readObject(inputs, name, example) {
    const text = inputs.raw(name);
    if (text === '')
        return undefined;
    const value = parseJson(text);
    if (!isObject(value)) {
        throw new errors/* ConfigurationError */.j1(name, `must be a JSON object: a stage's report output, or toJSON(steps.<id>.outputs); got ${value === undefined ? 'text that is not JSON' : 'another JSON value'}: '${text.slice(0, 60)}'.`, `${name}: ${example}`);
    }
    return Object.keys(value).length === 0 ? undefined : value;
}
function parseJson(text) {
    try {
        return JSON.parse(text);
    }
    catch {
        return undefined;
    }
}
function isObject(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}
/** The step's outputs may carry the stage's `report` (a JSON string) inside: its fields win. */
function withNestedReport(o) {
    const nested = typeof o['report'] === 'string' ? parseJson(o['report']) : undefined;
    return isObject(nested) ? { ...o, ...nested } : o;
}
function str(o, ...keys) {
    for (const k of keys) {
        const v = o[k];
        if (typeof v === 'string' && v !== '')
            return v;
        if (typeof v === 'number')
            return String(v);
    }
    return undefined;
}
function num(o, ...keys) {
    for (const k of keys) {
        const v = o[k];
        if (typeof v === 'number' && Number.isFinite(v))
            return v;
        if (typeof v === 'string' && /^\d+(\.\d+)?$/.test(v))
            return Number(v);
    }
    return undefined;
}
function list(o, key) {
    const v = o[key];
    if (Array.isArray(v))
        return v.map(String);
    if (typeof v !== 'string' || v === '')
        return [];
    const parsed = parseJson(v);
    if (Array.isArray(parsed))
        return parsed.map(String);
    return v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
}
/** deploy-ssh (`report` or its outputs) or deploy-koyeb (its outputs). */
function deployFacts(raw) {
    const o = withNestedReport(raw);
    const hosts = Array.isArray(o['hosts']) ? o['hosts'].filter(isObject) : undefined;
    const koyeb = o['deployment-id'] !== undefined || o['service-id'] !== undefined;
    const facts = {
        strategy: koyeb ? 'koyeb' : str(o, 'strategy'),
        releaseId: str(o, 'releaseId', 'release-id', 'deployment-id'),
        previousReleaseId: str(o, 'previousReleaseId', 'previous-release-id', 'previous-deployment-id'),
        image: str(o, 'image'),
        previousImage: str(o, 'previousImage', 'previous-image'),
        hostsSucceeded: hosts
            ? hosts.filter((h) => h['result'] === 'succeeded').map((h) => str(h, 'host') ?? '?')
            : list(o, 'hosts-succeeded'),
        hostsFailed: hosts
            ? hosts
                .filter((h) => h['result'] !== 'succeeded')
                .map((h) => ({
                host: str(h, 'host') ?? '?',
                result: str(h, 'result') ?? 'failed',
                ...(str(h, 'phase') ? { phase: str(h, 'phase') } : {}),
                ...(str(h, 'error') ? { error: str(h, 'error') } : {}),
            }))
            : list(o, 'hosts-failed').map((host) => ({ host, result: 'failed' })),
        durationMs: num(o, 'durationMs'),
        serviceUrl: str(o, 'service-url'),
        koyebStatus: koyeb ? str(o, 'status') : undefined,
    };
    const rbId = str(o, 'rollback-deployment-id');
    if (rbId)
        facts.autoRollback = { deploymentId: rbId, status: str(o, 'rollback-status') };
    return facts;
}
/** smoke-test's `report` (or its outputs, which carry it). */
function smokeFacts(raw) {
    const o = withNestedReport(raw);
    const checks = Array.isArray(o['checks']) ? o['checks'].filter(isObject) : [];
    const passed = o['passed'] === true || o['passed'] === 'true';
    const watch = isObject(o['watch']) ? o['watch'] : undefined;
    return {
        passed,
        elapsedMs: num(o, 'elapsedMs'),
        ...(watch
            ? {
                watch: {
                    outcome: str(watch, 'outcome') ?? '?',
                    watchMs: num(watch, 'watchMs'),
                    rounds: num(watch, 'rounds'),
                    passedRounds: num(watch, 'passedRounds'),
                    failingSinceMs: num(watch, 'failingSinceMs'),
                    failedAtMs: num(watch, 'failedAtMs'),
                },
            }
            : {}),
        total: checks.length,
        failed: checks
            .filter((c) => c['passed'] !== true)
            .map((c) => ({
            name: str(c, 'name', 'url') ?? '?',
            status: typeof c['status'] === 'number' ? c['status'] : null,
            error: typeof c['error'] === 'string' ? c['error'] : null,
            attempts: num(c, 'attempts'),
        })),
    };
}
/** rollback's outputs: rolled-back-from, rolled-back-to, duration-ms, migrations-reverted. */
function rollbackFacts(o) {
    return {
        from: str(o, 'rolled-back-from', 'rolledBackFrom'),
        to: str(o, 'rolled-back-to', 'rolledBackTo'),
        durationMs: num(o, 'duration-ms', 'durationMs'),
        migrationsReverted: list(o, 'migrations-reverted'),
    };
}
/** migrate's outputs: outcome, applied, current, failed-migration. */
function migrateFacts(o) {
    return {
        outcome: str(o, 'outcome'),
        applied: list(o, 'applied'),
        current: str(o, 'current'),
        failedMigration: str(o, 'failed-migration', 'failedMigration'),
    };
}

;// CONCATENATED MODULE: ./build/actions/notify/template.js
// The `template` input: the team's own text with `{{ name }}` placeholders for named fields. Plain
// substitution — no expressions, no code: a placeholder is a name from FIELD_NAMES, nothing else.

/** The placeholders a template may use, each with what it holds (the README's table). */
const FIELD_NAMES = {
    title: "the message's title line, e.g. `acme/shop: release r42 deployed to production`",
    status: 'the job status: `success`, `failure`, `cancelled` or `skipped`',
    outcome: '`deployed`, `failed`, `rolled back`, `cancelled` or `skipped`',
    environment: 'the `environment` input',
    repository: '`owner/name`',
    ref: 'the branch or tag (`GITHUB_REF_NAME`)',
    commit: 'the full commit SHA',
    commit_short: 'its first 7 characters',
    commit_url: 'the commit on GitHub',
    actor: 'who started the run',
    workflow: 'the workflow name',
    run_url: 'the workflow run on GitHub',
    release: 'the release id (deploy-ssh) or Koyeb deployment id (deploy-koyeb)',
    previous_release: 'the release / deployment that was live before',
    image: 'the image deployed (`image` input, else the deploy report)',
    previous_image: 'the image that was live before (deploy-ssh compose)',
    hosts_succeeded: 'hosts where the release is live, comma-separated',
    hosts_failed: 'hosts that failed, comma-separated',
    smoke_test: 'e.g. `passed (3 checks in 1.2s)`, `failed: 1 of 3 checks` or `failed during the watch, 2m10s after go-live: 1 of 3 checks (12 of 15 rounds passed)`',
    failed_checks: 'the failing checks with their status and error, `; `-separated',
    migrations: 'e.g. `2 applied (0002_orders, 0003_index)`, `up-to-date`, `failed at 0003_index`',
    rollback: 'e.g. `rolled back to r41 in 12s`',
    rolled_back_to: 'the release the rollback restored',
    rollback_duration: 'how long the rollback took, e.g. `12s`',
};
const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;
const MAX_LENGTH = 3000;
function parseTemplate(text) {
    if (text === '')
        return undefined;
    if (text.length > MAX_LENGTH) {
        throw new errors/* ConfigurationError */.j1('template', `is ${text.length} characters long; at most ${MAX_LENGTH} (Slack's limit for one text block).`);
    }
    const parts = [];
    let last = 0;
    for (const m of text.matchAll(PLACEHOLDER)) {
        const name = m[1] ?? '';
        if (!Object.hasOwn(FIELD_NAMES, name)) {
            throw new errors/* ConfigurationError */.j1('template', `has an unknown placeholder '{{ ${name} }}'. A placeholder is one of: ${Object.keys(FIELD_NAMES).join(', ')}.`, 'template: "{{ title }} — smoke test {{ smoke_test }} ({{ run_url }})"');
        }
        parts.push({ text: text.slice(last, m.index) }, { field: name });
        last = m.index + m[0].length;
    }
    parts.push({ text: text.slice(last) });
    return { parts: parts.filter((p) => !('text' in p) || p.text !== '') };
}
/** Substitutes the values, each passed through `escape` (the target's markup); the template's own text is kept. */
function renderTemplate(template, values, escape = (v) => v) {
    return template.parts.map((p) => ('text' in p ? p.text : escape(values[p.field]))).join('');
}

;// CONCATENATED MODULE: ./build/actions/notify/inputs.js
// Every input of notify, read and validated once, before anything is sent.





const TARGET_KINDS = ['slack', 'discord', 'teams', 'webhook'];
const STATUSES = ['success', 'failure', 'cancelled', 'skipped'];
/** The input that holds each target's webhook URL(s). */
const URL_INPUT = {
    slack: 'slack-webhook-url',
    discord: 'discord-webhook-url',
    teams: 'teams-webhook-url',
    webhook: 'webhook-url',
};
const URL_EXAMPLE = {
    slack: 'slack-webhook-url: ${{ secrets.SLACK_WEBHOOK_URL }}',
    discord: 'discord-webhook-url: ${{ secrets.DISCORD_WEBHOOK_URL }}',
    teams: 'teams-webhook-url: ${{ secrets.TEAMS_WEBHOOK_URL }}',
    webhook: 'webhook-url: ${{ secrets.DEPLOY_WEBHOOK_URL }}',
};
function parseInputs(inputs = new lib_inputs/* Inputs */.G0()) {
    // URLs first: they are secrets, masked before any message could print them.
    const urls = new Map();
    for (const kind of TARGET_KINDS) {
        const raw = inputs.raw(URL_INPUT[kind]);
        (0,lib_secrets/* maskSecret */.$l)(raw);
        const list = raw
            .split(/\r?\n/)
            .map((l) => l.trim())
            .filter((l) => l !== '' && !l.startsWith('#'));
        for (const url of list)
            (0,lib_secrets/* maskSecret */.$l)(url);
        urls.set(kind, list);
    }
    const webhookSecret = inputs.secret('webhook-secret');
    const status = inputs.choice('status', STATUSES);
    const targets = parseTargets(inputs.raw('targets'), urls);
    if (webhookSecret !== undefined && !targets.some((t) => t.kind === 'webhook')) {
        throw new errors/* ConfigurationError */.j1('webhook-secret', "signs the generic webhook's payload, but no 'webhook' target is sent to. Give webhook-url too, or drop webhook-secret.", 'webhook-url: ${{ secrets.DEPLOY_WEBHOOK_URL }}\nwebhook-secret: ${{ secrets.DEPLOY_WEBHOOK_SECRET }}');
    }
    const signatureHeader = inputs.string('webhook-signature-header', { default: 'X-Ops-Signature-256' });
    if (!/^[A-Za-z0-9-]+$/.test(signatureHeader)) {
        throw new errors/* ConfigurationError */.j1('webhook-signature-header', `must be an HTTP header name (letters, digits, '-'), got '${signatureHeader}'.`, 'webhook-signature-header: X-Ops-Signature-256');
    }
    return {
        status,
        targets,
        webhookSecret,
        signatureHeader,
        environment: inputs.optionalString('environment'),
        image: inputs.optionalString('image'),
        reports: parseReports(inputs),
        template: parseTemplate(inputs.raw('template')),
        failOnError: inputs.boolean('fail-on-error', false),
        requestTimeoutMs: inputs.duration('request-timeout', '10s', { min: 100, max: 300_000 }),
        timeoutMs: inputs.duration('timeout', '1m', { min: 1000, max: 30 * 60_000 }),
        dryRun: inputs.boolean('dry-run', false),
    };
}
/**
 * `targets` names the kinds to send to; empty means every kind whose URL input is given. A named
 * kind without a URL is an error (a secret that did not reach the job), as is a URL nobody asked for.
 */
function parseTargets(targetsText, urls) {
    const named = (0,lib_inputs/* splitList */.ry)(targetsText).map((name) => {
        const kind = TARGET_KINDS.find((k) => k === name.toLowerCase());
        if (!kind) {
            throw new errors/* ConfigurationError */.j1('targets', `unknown target '${name}': use slack, discord, teams or webhook.`, 'targets: slack, teams');
        }
        return kind;
    });
    const kinds = named.length > 0 ? [...new Set(named)] : TARGET_KINDS.filter((k) => urls.get(k)?.length);
    if (kinds.length === 0) {
        throw new errors/* ConfigurationError */.j1(undefined, `Nothing to notify: give at least one of ${TARGET_KINDS.map((k) => URL_INPUT[k]).join(', ')} (from a secret).`, URL_EXAMPLE.slack);
    }
    for (const kind of TARGET_KINDS) {
        const given = urls.get(kind)?.length ?? 0;
        if (kinds.includes(kind) && given === 0) {
            throw new errors/* ConfigurationError */.j1(URL_INPUT[kind], `is required because 'targets' names ${kind}, but it is empty (is the secret defined for this repository or environment?).`, URL_EXAMPLE[kind]);
        }
        if (!kinds.includes(kind) && given > 0) {
            throw new errors/* ConfigurationError */.j1('targets', `does not name ${kind}, but ${URL_INPUT[kind]} is given. Add ${kind} to targets, or leave targets empty to send to every URL given.`, `targets: ${[...kinds, kind].join(', ')}`);
        }
    }
    return kinds.flatMap((kind) => {
        const list = urls.get(kind) ?? [];
        return list.map((url, i) => {
            const host = checkWebhookUrl(URL_INPUT[kind], url, list.length > 1 ? i + 1 : undefined);
            const n = list.length > 1 ? ` #${i + 1}` : '';
            return { kind, url, label: `${kind}${n} (${host})` };
        });
    });
}
/**
 * https only (the URL is a credential), plain http only to a loopback address. The error never
 * repeats the URL: it is a secret. Returns the host, which the log may show.
 */
function checkWebhookUrl(input, text, line) {
    const which = line === undefined ? '' : ` (line ${line})`;
    let url;
    try {
        url = new URL(text);
    }
    catch {
        throw new errors/* ConfigurationError */.j1(input, `is not a URL${which}. Paste the whole webhook URL, starting with https://, into the secret.`, URL_EXAMPLE[kindOf(input)]);
    }
    const loopback = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/.test(url.hostname);
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
        throw new errors/* ConfigurationError */.j1(input, `must be an https:// URL${which} (plain http only to a loopback address), got a ${url.protocol} URL.`, URL_EXAMPLE[kindOf(input)]);
    }
    return url.host;
}
function kindOf(input) {
    return TARGET_KINDS.find((k) => URL_INPUT[k] === input) ?? 'webhook';
}

// EXTERNAL MODULE: ./build/lib/duration.js
var duration = __webpack_require__(39386);
;// CONCATENATED MODULE: ./build/actions/notify/message.js
// What a notification says, independent of where it goes: the title, the lines under it, the facts
// (name → value) and the template's field values — all from the job status, the stage reports and
// the run's own context, never typed by hand. A pure function: the renderers turn it into payloads.

function readRunContext(env = process.env) {
    const server = (env['GITHUB_SERVER_URL'] || 'https://github.com').replace(/\/+$/, '');
    const repo = env['GITHUB_REPOSITORY'] || undefined;
    const runId = env['GITHUB_RUN_ID'];
    const attempt = env['GITHUB_RUN_ATTEMPT'];
    const sha = env['GITHUB_SHA'] || undefined;
    return {
        repository: repo,
        ref: env['GITHUB_REF_NAME'] || undefined,
        sha,
        actor: env['GITHUB_TRIGGERING_ACTOR'] || env['GITHUB_ACTOR'] || undefined,
        workflow: env['GITHUB_WORKFLOW'] || undefined,
        runUrl: repo && runId
            ? `${server}/${repo}/actions/runs/${runId}${attempt && attempt !== '1' ? `/attempts/${attempt}` : ''}`
            : undefined,
        commitUrl: repo && sha ? `${server}/${repo}/commit/${sha}` : undefined,
    };
}
const ICON = { success: '✅', failure: '❌', cancelled: '⚪', skipped: '⏭️' };
function buildMessage(input) {
    const { status, environment, reports, run } = input;
    const { deploy, smokeTest, rollback, migrate } = reports;
    const image = input.image ?? deploy?.image;
    const rolledBackTo = rollback?.to ?? deploy?.autoRollback?.deploymentId;
    const outcome = status === 'success'
        ? 'deployed'
        : status === 'failure'
            ? rolledBackTo
                ? 'rolled back'
                : 'failed'
            : status;
    const repo = run.repository ? `${run.repository}: ` : '';
    const where = environment ? ` to ${environment}` : '';
    let title;
    if (deploy?.releaseId) {
        const what = `release ${deploy.releaseId}`;
        title =
            status === 'success'
                ? `${repo}${what} deployed${where}`
                : status === 'failure'
                    ? `${repo}deploy of ${what}${where} failed${rolledBackTo ? ` — rolled back to ${rolledBackTo}` : ''}`
                    : `${repo}deploy of ${what}${where} was ${status}`;
    }
    else {
        const what = run.workflow ?? 'deploy';
        const word = {
            success: 'succeeded',
            failure: 'failed',
            cancelled: 'was cancelled',
            skipped: 'was skipped',
        }[status];
        title = `${repo}${what} ${word}${environment ? ` (${environment})` : ''}${status === 'failure' && rolledBackTo ? ` — rolled back to ${rolledBackTo}` : ''}`;
    }
    const smokeText = smokeTest ? describeSmoke(smokeTest) : '';
    const failedChecks = (smokeTest?.failed ?? []).map((c) => `${c.name} (${c.status === null ? 'no response' : `HTTP ${c.status}`}): ${oneLine(c.error ?? 'failed')}`);
    const migrationsText = migrate
        ? migrate.failedMigration || migrate.outcome === 'failure'
            ? `failed${migrate.failedMigration ? ` at ${migrate.failedMigration}` : ''}`
            : migrate.applied.length > 0
                ? `${migrate.applied.length} applied (${migrate.applied.join(', ')})`
                : (migrate.outcome ?? '')
        : '';
    const rollbackDuration = rollback?.durationMs !== undefined ? (0,duration/* formatDuration */.a)(rollback.durationMs) : '';
    const rollbackText = rollback?.to
        ? `rolled back to ${rollback.to}${rollback.from ? ` from ${rollback.from}` : ''}${rollbackDuration ? ` in ${rollbackDuration}` : ''}${rollback.migrationsReverted.length > 0 ? `; migrations reverted: ${rollback.migrationsReverted.join(', ')}` : ''}`
        : deploy?.autoRollback
            ? `Koyeb rolled back automatically (deployment ${deploy.autoRollback.deploymentId ?? '?'}${deploy.autoRollback.status ? `: ${deploy.autoRollback.status}` : ''})`
            : '';
    const lines = [];
    if (deploy && deploy.hostsFailed.length > 0) {
        for (const h of deploy.hostsFailed) {
            lines.push(`Host ${h.host} ${h.result}${h.phase ? ` (${h.phase})` : ''}${h.error ? `: ${oneLine(h.error)}` : ''}`);
        }
    }
    if (deploy?.koyebStatus && deploy.koyebStatus !== 'HEALTHY' && status !== 'success') {
        lines.push(`Koyeb deployment ${deploy.releaseId ?? ''} ended ${deploy.koyebStatus}`.replace('  ', ' '));
    }
    if (migrate && migrationsText.startsWith('failed'))
        lines.push(`Migration ${migrationsText}`);
    if (smokeTest && !smokeTest.passed) {
        lines.push(`Smoke test ${smokeText}:`, ...failedChecks.map((c) => `• ${c}`));
    }
    if (rollbackText)
        lines.push(capitalize(rollbackText));
    const hostsOk = deploy?.hostsSucceeded ?? [];
    const hostsBad = deploy?.hostsFailed.map((h) => h.host) ?? [];
    const facts = [
        { name: 'Environment', value: environment ?? '' },
        { name: deploy?.strategy === 'koyeb' ? 'Deployment' : 'Release', value: deploy?.releaseId ?? '' },
        { name: 'Previous', value: deploy?.previousReleaseId ?? '' },
        { name: 'Image', value: image ?? '' },
        { name: 'Previous image', value: deploy?.previousImage ?? '' },
        {
            name: 'Hosts',
            value: [
                hostsOk.length > 0 ? `${hostsOk.length} live: ${hostsOk.join(', ')}` : '',
                hostsBad.length > 0 ? `${hostsBad.length} failed: ${hostsBad.join(', ')}` : '',
            ]
                .filter(Boolean)
                .join('; '),
        },
        { name: 'Service URL', value: deploy?.serviceUrl ?? '' },
        { name: 'Migrations', value: migrationsText },
        { name: 'Smoke test', value: smokeText },
        { name: 'Rollback', value: rollbackText },
        { name: 'Commit', value: run.sha ? `${run.sha.slice(0, 7)}${run.ref ? ` (${run.ref})` : ''}` : '' },
        { name: 'Actor', value: run.actor ?? '' },
    ].filter((f) => f.value !== '');
    const values = {
        title,
        status,
        outcome,
        environment: environment ?? '',
        repository: run.repository ?? '',
        ref: run.ref ?? '',
        commit: run.sha ?? '',
        commit_short: run.sha?.slice(0, 7) ?? '',
        commit_url: run.commitUrl ?? '',
        actor: run.actor ?? '',
        workflow: run.workflow ?? '',
        run_url: run.runUrl ?? '',
        release: deploy?.releaseId ?? '',
        previous_release: deploy?.previousReleaseId ?? '',
        image: image ?? '',
        previous_image: deploy?.previousImage ?? '',
        hosts_succeeded: hostsOk.join(', '),
        hosts_failed: hostsBad.join(', '),
        smoke_test: smokeText,
        failed_checks: failedChecks.join('; '),
        migrations: migrationsText,
        rollback: rollbackText,
        rolled_back_to: rolledBackTo ?? '',
        rollback_duration: rollbackDuration,
    };
    return {
        status,
        icon: ICON[status],
        title,
        lines,
        facts,
        run,
        values,
        ...(input.template ? { template: input.template } : {}),
        reports,
    };
}
function oneLine(text) {
    const t = text.replace(/\s+/g, ' ').trim();
    return t.length > 300 ? `${t.slice(0, 299)}…` : t;
}
function capitalize(s) {
    return s.charAt(0).toUpperCase() + s.slice(1);
}
/**
 * `passed (3 checks in 1.2s, watched 5m: 30 rounds)`, `failed: 1 of 3 checks`, or, when it broke
 * after go-live, `failed during the watch, 2m10s after go-live: 1 of 3 checks (12 of 15 rounds passed)`.
 */
function describeSmoke(smoke) {
    const checks = `${smoke.total} check${smoke.total === 1 ? '' : 's'}`;
    const w = smoke.watch;
    const rounds = w?.passedRounds !== undefined && w.rounds !== undefined
        ? `${w.passedRounds} of ${w.rounds} round${w.rounds === 1 ? '' : 's'} passed`
        : '';
    if (smoke.passed) {
        const watched = w?.watchMs !== undefined
            ? `, watched ${(0,duration/* formatDuration */.a)(w.watchMs)}${w.rounds !== undefined ? `: ${w.rounds} rounds` : ''}`
            : '';
        return `passed (${checks}${smoke.elapsedMs !== undefined ? ` in ${(0,duration/* formatDuration */.a)(smoke.elapsedMs)}` : ''}${watched})`;
    }
    const failed = `${smoke.failed.length} of ${checks}`;
    if (w?.outcome === 'failed') {
        const since = w.failingSinceMs ?? w.failedAtMs;
        return `failed during the watch${since !== undefined ? `, ${(0,duration/* formatDuration */.a)(since)} after go-live` : ''}: ${failed}${rounds ? ` (${rounds})` : ''}`;
    }
    if (w?.outcome === 'cancelled')
        return `passed, then its watch was cancelled${rounds ? ` (${rounds})` : ''}`;
    return `failed: ${failed}`;
}

;// CONCATENATED MODULE: ./build/actions/notify/payloads.js

const COLOR = {
    success: 0x2eb67d,
    failure: 0xe01e5a,
    cancelled: 0x9aa0a6,
    skipped: 0x9aa0a6,
};
const TEAMS_COLOR = {
    success: 'Good',
    failure: 'Attention',
    cancelled: 'Default',
    skipped: 'Default',
};
function cut(text, max) {
    const chars = [...text];
    return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
/** The lines under the title: the template, or the default lines. Values are escaped for the target. */
function body(message, escape) {
    if (message.template)
        return renderTemplate(message.template, message.values, escape);
    return message.lines.map(escape).join('\n');
}
// --- Slack ---------------------------------------------------------------------------------
/** Slack's mrkdwn treats &, < and > as control characters (links, mentions): escape them. */
function escapeSlack(text) {
    return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
function slackPayload(message) {
    const title = `${message.icon} ${message.title}`;
    const text = [`*${escapeSlack(title)}*`, body(message, escapeSlack)].filter(Boolean).join('\n');
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: cut(text, 3000) } }];
    for (let i = 0; i < message.facts.length; i += 10) {
        blocks.push({
            type: 'section',
            fields: message.facts.slice(i, i + 10).map((f) => ({
                type: 'mrkdwn',
                text: cut(`*${escapeSlack(f.name)}*\n${escapeSlack(f.value)}`, 2000),
            })),
        });
    }
    const context = [
        message.run.runUrl ? `<${escapeSlack(message.run.runUrl)}|Workflow run>` : '',
        message.run.commitUrl && message.run.sha
            ? `<${escapeSlack(message.run.commitUrl)}|${message.run.sha.slice(0, 7)}>`
            : '',
        message.run.workflow ? escapeSlack(message.run.workflow) : '',
    ].filter(Boolean);
    if (context.length > 0) {
        blocks.push({
            type: 'context',
            elements: context.slice(0, 10).map((t) => ({ type: 'mrkdwn', text: t })),
        });
    }
    return {
        text: cut(title, 3000),
        attachments: [{ color: `#${COLOR[message.status].toString(16).padStart(6, '0')}`, blocks }],
    };
}
// --- Discord -------------------------------------------------------------------------------
function discordPayload(message, now = new Date()) {
    const fields = message.facts.slice(0, 25).map((f) => ({
        name: cut(f.name, 256),
        value: cut(f.value, 1024),
        inline: f.value.length <= 40,
    }));
    const footer = cut([message.run.repository, message.run.workflow].filter(Boolean).join(' · '), 2048);
    const embed = {
        title: cut(`${message.icon} ${message.title}`, 256),
        ...(message.run.runUrl ? { url: message.run.runUrl } : {}),
        color: COLOR[message.status],
        timestamp: now.toISOString(),
    };
    // 6000 characters across title, description, fields, footer: the description gives way first
    const used = String(embed['title']).length +
        footer.length +
        fields.reduce((n, f) => n + f.name.length + f.value.length, 0);
    const description = cut(body(message, (s) => s), Math.max(0, Math.min(4096, 6000 - used)));
    if (description)
        embed['description'] = description;
    if (fields.length > 0)
        embed['fields'] = fields;
    if (footer)
        embed['footer'] = { text: footer };
    return { allowed_mentions: { parse: [] }, embeds: [embed] };
}
// --- Microsoft Teams -----------------------------------------------------------------------
function teamsPayload(message) {
    const text = body(message, (s) => s);
    const cardBody = [
        {
            type: 'TextBlock',
            text: `${message.icon} ${message.title}`,
            weight: 'Bolder',
            size: 'Medium',
            wrap: true,
            color: TEAMS_COLOR[message.status],
        },
    ];
    if (text)
        cardBody.push({ type: 'TextBlock', text: cut(text, 4000), wrap: true });
    if (message.facts.length > 0) {
        cardBody.push({
            type: 'FactSet',
            facts: message.facts.map((f) => ({ title: f.name, value: cut(f.value, 1000) })),
        });
    }
    const actions = [
        message.run.runUrl
            ? { type: 'Action.OpenUrl', title: 'Workflow run', url: message.run.runUrl }
            : undefined,
        message.run.commitUrl
            ? { type: 'Action.OpenUrl', title: 'Commit', url: message.run.commitUrl }
            : undefined,
    ].filter((a) => a !== undefined);
    return {
        type: 'message',
        attachments: [
            {
                contentType: 'application/vnd.microsoft.card.adaptive',
                contentUrl: null,
                content: {
                    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
                    type: 'AdaptiveCard',
                    version: '1.4',
                    msteams: { width: 'Full' },
                    body: cardBody,
                    ...(actions.length > 0 ? { actions } : {}),
                },
            },
        ],
    };
}
// --- Generic JSON webhook ------------------------------------------------------------------
function webhookPayload(message, now = new Date()) {
    return {
        event: 'ops-actions.notify',
        status: message.status,
        outcome: message.values.outcome,
        title: message.title,
        text: body(message, (s) => s),
        environment: message.values.environment || null,
        fields: message.values,
        facts: message.facts,
        reports: message.reports,
        run: {
            repository: message.run.repository ?? null,
            ref: message.run.ref ?? null,
            sha: message.run.sha ?? null,
            actor: message.run.actor ?? null,
            workflow: message.run.workflow ?? null,
            url: message.run.runUrl ?? null,
            commitUrl: message.run.commitUrl ?? null,
        },
        sentAt: now.toISOString(),
    };
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: ./build/lib/retry.js
var retry = __webpack_require__(81374);
;// CONCATENATED MODULE: ./build/actions/notify/send.js
// Posting one payload to one webhook: Node's fetch, a timeout per request, lib/retry.ts for
// 408/429/5xx and network errors (a 429's or 503's Retry-After is waited out when it fits before the
// deadline), never a redirect (the URL is a credential: the body does not follow it elsewhere). Every
// message is built here, from the status, the host and the reply: the URL itself is never in one.




class WebhookError extends Error {
    httpStatus;
    retryable;
    retryAfterMs;
    name = 'WebhookError';
    constructor(message, httpStatus, retryable, retryAfterMs) {
        super(message);
        this.httpStatus = httpStatus;
        this.retryable = retryable;
        this.retryAfterMs = retryAfterMs;
    }
}
/** `sha256=<hex>` over the exact bytes sent, as GitHub signs its webhooks (X-Hub-Signature-256). */
function signBody(body, secret) {
    return `sha256=${(0,external_node_crypto_.createHmac)('sha256', secret).update(body, 'utf8').digest('hex')}`;
}
/** Retry-After: seconds, or an HTTP date. Undefined when absent or unreadable. */
function parseRetryAfter(value, now = Date.now()) {
    if (!value)
        return undefined;
    const v = value.trim();
    if (/^\d+(\.\d+)?$/.test(v))
        return Math.ceil(Number(v) * 1000);
    const date = Date.parse(v);
    return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
async function deliver(target, body, opts) {
    const fetchFn = opts.fetchFn ?? fetch;
    const start = Date.now();
    let attempts = 0;
    let httpStatus = null;
    const headers = {
        'Content-Type': 'application/json; charset=utf-8',
        'User-Agent': 'ops-actions-notify',
    };
    if (target.kind === 'webhook') {
        headers['X-Ops-Event'] = 'notify';
        headers['X-Ops-Delivery'] = (0,external_node_crypto_.randomUUID)();
        if (opts.signature)
            headers[opts.signature.header] = signBody(body, opts.signature.secret);
    }
    const secrets = [target.url, opts.signature?.secret];
    try {
        await (0,retry/* retry */.L5)(async (attempt) => {
            attempts = attempt;
            let response;
            try {
                response = await fetchFn(target.url, {
                    method: 'POST',
                    headers,
                    body,
                    redirect: 'manual',
                    signal: AbortSignal.timeout(opts.requestTimeoutMs),
                });
            }
            catch (error) {
                httpStatus = null;
                throw new WebhookError((0,lib_secrets/* redact */.E$)(networkMessage(error, opts.requestTimeoutMs), secrets), null, true);
            }
            httpStatus = response.status;
            const text = await response.text().catch(() => '');
            if (response.status >= 200 && response.status < 300)
                return;
            const reply = (0,lib_secrets/* redact */.E$)(text.replace(/\s+/g, ' ').trim().slice(0, 200), secrets);
            const status = response.status;
            const retryable = status === 408 || status === 429 || status >= 500;
            const wait = status === 429 || status === 503 ? retryAfter(response, text) : undefined;
            throw new WebhookError(`HTTP ${status}${reply ? `: ${reply}` : ''}${status >= 300 && status < 400 ? ' (a redirect: not followed; check the webhook URL)' : ''}`, status, retryable, wait);
        }, {
            deadlineMs: opts.timeoutMs,
            initialDelayMs: 1000,
            maxDelayMs: 10_000,
            isRetryable: (e) => e instanceof WebhookError && e.retryable,
            retryAfterMs: (e) => (e instanceof WebhookError ? e.retryAfterMs : undefined),
            onRetry: ({ attempt, error, delayMs }) => opts.log?.(`${target.label}: attempt ${attempt} failed (${(0,errors/* errorMessage */.gJ)(error)}), retrying in ${(delayMs / 1000).toFixed(1)}s`),
            ...(opts.sleep ? { sleep: opts.sleep } : {}),
        });
        return {
            label: target.label,
            kind: target.kind,
            delivered: true,
            attempts,
            httpStatus,
            durationMs: Date.now() - start,
        };
    }
    catch (error) {
        const last = error instanceof retry/* RetryError */.J_ ? error.lastError : error;
        const gaveUp = error instanceof retry/* RetryError */.J_ && attempts > 1 ? ` (gave up after ${attempts} attempts)` : '';
        return {
            label: target.label,
            kind: target.kind,
            delivered: false,
            attempts,
            httpStatus,
            durationMs: Date.now() - start,
            error: `${(0,lib_secrets/* redact */.E$)((0,errors/* errorMessage */.gJ)(last), secrets)}${gaveUp}`,
        };
    }
}
/** Retry-After header, else Discord's `retry_after` (seconds) in the JSON body. */
function retryAfter(response, text) {
    const header = parseRetryAfter(response.headers.get('retry-after'));
    if (header !== undefined)
        return header;
    try {
        const json = JSON.parse(text);
        return typeof json.retry_after === 'number' ? Math.ceil(json.retry_after * 1000) : undefined;
    }
    catch {
        return undefined;
    }
}
function networkMessage(error, timeoutMs) {
    if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
        return `no answer within ${timeoutMs}ms (request-timeout)`;
    }
    const cause = error instanceof Error ? error.cause : undefined;
    return cause === undefined ? (0,errors/* errorMessage */.gJ)(error) : `${(0,errors/* errorMessage */.gJ)(error)}: ${(0,errors/* errorMessage */.gJ)(cause)}`;
}

;// CONCATENATED MODULE: ./build/actions/notify/notify.js


const RENDER = {
    slack: slackPayload,
    discord: (m) => discordPayload(m),
    teams: teamsPayload,
    webhook: (m) => webhookPayload(m),
};
async function notify(message, inputs, io) {
    const bodies = inputs.targets.map((t) => JSON.stringify(RENDER[t.kind](message)));
    if (inputs.dryRun) {
        return io.group('Dry run: the payloads (nothing is sent)', async () => inputs.targets.map((t, i) => {
            io.log(`${t.label}:\n${JSON.stringify(JSON.parse(bodies[i] ?? '{}'), null, 2)}`);
            return {
                label: t.label,
                kind: t.kind,
                delivered: false,
                attempts: 0,
                httpStatus: null,
                durationMs: 0,
            };
        }));
    }
    return io.group(`Sending to ${inputs.targets.length} target${inputs.targets.length === 1 ? '' : 's'}`, async () => {
        const deliveries = await Promise.all(inputs.targets.map((t, i) => deliver(t, bodies[i] ?? '', {
            requestTimeoutMs: inputs.requestTimeoutMs,
            timeoutMs: inputs.timeoutMs,
            ...(t.kind === 'webhook' && inputs.webhookSecret
                ? { signature: { secret: inputs.webhookSecret, header: inputs.signatureHeader } }
                : {}),
            log: io.log,
            ...(io.fetchFn ? { fetchFn: io.fetchFn } : {}),
        })));
        for (const d of deliveries) {
            io.log(d.delivered
                ? `${d.label}: delivered (HTTP ${d.httpStatus ?? '?'}, ${d.attempts} attempt${d.attempts === 1 ? '' : 's'}, ${Math.round(d.durationMs)}ms)`
                : `${d.label}: NOT delivered after ${d.attempts} attempt${d.attempts === 1 ? '' : 's'}: ${d.error ?? ''}`);
        }
        return deliveries;
    });
}

;// CONCATENATED MODULE: ./build/actions/notify/summary.js
// What a person reads after the step: the message's title, then one row per target — delivered or
// not, attempts, last HTTP status, time, error. Targets are named by kind and host, never by URL.


function buildReport(message, deliveries, dryRun) {
    return {
        status: message.status,
        title: message.title,
        dryRun,
        delivered: !dryRun && deliveries.every((d) => d.delivered),
        targets: deliveries.map((d) => ({
            target: d.label,
            kind: d.kind,
            delivered: d.delivered,
            attempts: d.attempts,
            httpStatus: d.httpStatus,
            durationMs: Math.round(d.durationMs),
            error: d.error ?? null,
        })),
    };
}
function summaryMarkdown(message, deliveries, dryRun) {
    const ok = deliveries.filter((d) => d.delivered).length;
    const head = dryRun
        ? `### ${(0,summary/* statusIcon */.I8)('skipped')} notify (dry run): ${deliveries.length} message${deliveries.length === 1 ? '' : 's'} built, none sent`
        : ok === deliveries.length
            ? `### ${(0,summary/* statusIcon */.I8)('success')} notify: delivered to ${ok} of ${deliveries.length} target${deliveries.length === 1 ? '' : 's'}`
            : `### ${(0,summary/* statusIcon */.I8)('warning')} notify: delivered to ${ok} of ${deliveries.length} target${deliveries.length === 1 ? '' : 's'}`;
    const rows = deliveries.map((d) => [
        d.label,
        dryRun
            ? `${(0,summary/* statusIcon */.I8)('skipped')} not sent`
            : d.delivered
                ? `${(0,summary/* statusIcon */.I8)('success')} delivered`
                : `${(0,summary/* statusIcon */.I8)('failure')} not delivered`,
        d.attempts,
        d.httpStatus ?? '—',
        (0,duration/* formatDuration */.a)(d.durationMs),
        d.error ?? '',
    ]);
    return [
        head,
        '',
        `Message: ${message.icon} ${message.title}`,
        '',
        (0,summary/* markdownTable */.Qj)(['Target', 'Result', 'Attempts', 'HTTP', 'Time', 'Error'], rows),
        '',
    ].join('\n');
}

;// CONCATENATED MODULE: ./build/actions/notify/main.js







async function main() {
    const inputs = parseInputs();
    const message = buildMessage({
        status: inputs.status,
        environment: inputs.environment,
        image: inputs.image,
        reports: inputs.reports,
        template: inputs.template,
        run: readRunContext(),
    });
    core/* info */.pq(`${message.icon} ${message.title}`);
    const deliveries = await notify(message, inputs, {
        log: (line) => core/* info */.pq(line),
        group: (name, fn) => core/* group */.Os(name, fn),
    });
    const report = buildReport(message, deliveries, inputs.dryRun);
    core/* setOutput */.uH('delivered', String(report.delivered));
    core/* setOutput */.uH('report', JSON.stringify(report));
    await (0,summary/* writeSummary */.Sy)(summaryMarkdown(message, deliveries, inputs.dryRun));
    const failed = deliveries.filter((d) => !d.delivered && !inputs.dryRun);
    if (failed.length === 0)
        return;
    const text = `Notification not delivered to ${failed.map((d) => `${d.label}: ${d.error ?? 'failed'}`).join('; ')}`;
    if (inputs.failOnError)
        throw new errors/* OperationError */.OK(`${text}. (fail-on-error: true)`);
    for (const d of failed) {
        core/* warning */.$e(`Notification not delivered to ${d.label}: ${d.error ?? 'failed'} (the step does not fail: fail-on-error is false)`);
    }
}


/***/ }),

/***/ 39386:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E: () => (/* binding */ parseDuration),
/* harmony export */   a: () => (/* binding */ formatDuration)
/* harmony export */ });
const UNITS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
/**
 * Parses `500ms`, `30s`, `5m`, `1h`, `1m30s`, or a plain number of `defaultUnit` (seconds unless
 * told otherwise). Returns milliseconds, or undefined when the text is not a duration.
 */
function parseDuration(text, defaultUnit = 's') {
    const t = text.trim().toLowerCase();
    if (t === '')
        return undefined;
    if (/^\d+(\.\d+)?$/.test(t))
        return Math.round(Number(t) * (UNITS[defaultUnit] ?? 1000));
    const re = /(\d+(?:\.\d+)?)(ms|s|m|h)/gy;
    let total = 0;
    let consumed = 0;
    for (let m = re.exec(t); m; m = re.exec(t)) {
        total += Number(m[1]) * (UNITS[m[2]] ?? 0);
        consumed = re.lastIndex;
    }
    if (consumed !== t.length || consumed === 0)
        return undefined;
    return Math.round(total);
}
/** `1234` → `1.2s`, `65000` → `1m5s`, `800` → `800ms`: for logs and summaries. */
function formatDuration(ms) {
    if (!Number.isFinite(ms) || ms < 0)
        return '?';
    // Each branch takes the values that still read right after its own rounding: 999.6 ms is
    // `1.0s` (not `1000ms`), 59 999 ms is `1m` (not `60.0s`), 119 600 ms is `2m` (not `1m60s`).
    if (Math.round(ms) < 1000)
        return `${Math.round(ms)}ms`;
    if (Math.round(ms / 100) < 600)
        return `${(ms / 1000).toFixed(1)}s`;
    const total = Math.round(ms / 1000);
    const m = Math.floor(total / 60);
    const s = total % 60;
    return s ? `${m}m${s}s` : `${m}m`;
}


/***/ }),

/***/ 52307:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   G0: () => (/* binding */ Inputs),
/* harmony export */   ry: () => (/* binding */ splitList)
/* harmony export */ });
/* unused harmony exports runnerInputs, recordInputs */
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(33838);
/* harmony import */ var _duration_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(39386);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(61469);
/* harmony import */ var _secrets_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(41853);




/** The runner's inputs (`INPUT_<NAME>` variables), trimmed, as `core.getInput` reads them. */
const runnerInputs = (name) => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .getInput */ .V4(name);
/** Inputs from a plain record — for unit tests and for building inputs in code. */
function recordInputs(record) {
    return (name) => (record[name] ?? '').trim();
}
/**
 * Typed, validated access to an action's inputs. Every method throws a ConfigurationError that
 * names the input and shows a valid example, so a stage parses all its inputs up front and
 * fails before it touches anything.
 */
class Inputs {
    read;
    constructor(read = runnerInputs) {
        this.read = read;
    }
    /** The raw value, '' when absent. */
    raw(name) {
        return this.read(name);
    }
    has(name) {
        return this.read(name) !== '';
    }
    string(name, opts = {}) {
        const v = this.read(name);
        if (v !== '')
            return v;
        if (opts.default !== undefined)
            return opts.default;
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigurationError */ .j1(name, 'is required but was not given.', opts.example ? `${name}: ${opts.example}` : undefined);
    }
    optionalString(name) {
        const v = this.read(name);
        return v === '' ? undefined : v;
    }
    /** A secret: masked in the log as soon as it is read (every line of a multi-line value too). */
    secret(name, opts = {}) {
        const v = this.read(name);
        if (v === '') {
            if (opts.required) {
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigurationError */ .j1(name, 'is required but was not given. Store the value as a repository or environment secret.', `${name}: \${{ secrets.${name.toUpperCase().replace(/-/g, '_')} }}`);
            }
            return undefined;
        }
        (0,_secrets_js__WEBPACK_IMPORTED_MODULE_3__/* .maskSecret */ .$l)(v);
        return v;
    }
    /** Strictly `true` or `false` (any case); anything else is an error, not a guess. */
    boolean(name, defaultValue) {
        const v = this.read(name);
        if (v === '')
            return defaultValue;
        const l = v.toLowerCase();
        if (l === 'true')
            return true;
        if (l === 'false')
            return false;
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigurationError */ .j1(name, `must be 'true' or 'false', got '${v}'.`, `${name}: ${!defaultValue}`);
    }
    integer(name, defaultValue, opts = {}) {
        const v = this.read(name);
        if (v === '')
            return defaultValue;
        if (!/^-?\d+$/.test(v)) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigurationError */ .j1(name, `must be a whole number, got '${v}'.`, `${name}: ${defaultValue}`);
        }
        const n = Number(v);
        checkRange(name, n, opts, String(defaultValue));
        return n;
    }
    /** A duration such as `30s`, `5m`, `1m30s`, `500ms` or a plain number of seconds; returns ms. */
    duration(name, defaultValue, opts = {}) {
        const v = this.read(name) || defaultValue;
        const ms = (0,_duration_js__WEBPACK_IMPORTED_MODULE_1__/* .parseDuration */ .E)(v);
        if (ms === undefined) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigurationError */ .j1(name, `must be a duration such as '30s', '5m' or '1m30s' (a plain number means seconds), got '${v}'.`, `${name}: ${defaultValue}`);
        }
        checkRange(name, ms, opts, defaultValue, 'ms');
        return ms;
    }
    choice(name, values, defaultValue) {
        const v = this.read(name);
        if (v === '') {
            if (defaultValue !== undefined)
                return defaultValue;
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigurationError */ .j1(name, `is required: one of ${values.join(', ')}.`, `${name}: ${values[0]}`);
        }
        const found = values.find((x) => x.toLowerCase() === v.toLowerCase());
        if (found === undefined) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigurationError */ .j1(name, `must be one of ${values.join(', ')}, got '${v}'.`, `${name}: ${values[0]}`);
        }
        return found;
    }
    /** A list separated by newlines or commas; blank items and `#` comment lines are dropped. */
    list(name, opts = {}) {
        const items = splitList(this.read(name));
        if (items.length === 0 && opts.required) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigurationError */ .j1(name, 'is required: give one or more values, one per line or separated by commas.', opts.example ? `${name}: |\n${opts.example}` : undefined);
        }
        return items;
    }
    /** `KEY=value` lines (values may contain `=`); keys must be valid environment variable names. */
    keyValues(name) {
        const out = {};
        for (const line of this.read(name).split(/\r?\n/)) {
            const t = line.trim();
            if (t === '' || t.startsWith('#'))
                continue;
            const eq = t.indexOf('=');
            const key = eq > 0 ? t.slice(0, eq).trim() : '';
            if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) {
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigurationError */ .j1(name, `each line must be KEY=value with KEY a valid variable name; got '${t.slice(0, 40)}'.`, `${name}: |\n  APP_ENV=production\n  LOG_LEVEL=info`);
            }
            out[key] = t.slice(eq + 1);
        }
        return out;
    }
}
function splitList(text) {
    return text
        .split(/\r?\n/)
        .filter((l) => !l.trim().startsWith('#'))
        .flatMap((l) => l.split(','))
        .map((s) => s.trim())
        .filter((s) => s !== '');
}
function checkRange(name, n, { min, max }, example, unit = '') {
    if ((min !== undefined && n < min) || (max !== undefined && n > max)) {
        const range = `${min ?? '-∞'}${unit} to ${max ?? '∞'}${unit}`;
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ConfigurationError */ .j1(name, `must be between ${range}, got ${n}${unit}.`, `${name}: ${example}`);
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


/***/ }),

/***/ 41853:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $l: () => (/* binding */ maskSecret),
/* harmony export */   E$: () => (/* binding */ redact),
/* harmony export */   gn: () => (/* binding */ maskUrlCredentials)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(33838);

/**
 * Masks a secret in the runner's log. The runner masks line by line, so a multi-line secret (a
 * private key) is masked whole and each of its lines on its own.
 */
function maskSecret(value) {
    if (!value)
        return;
    mask(value);
    const lines = value.split(/\r?\n/).map((l) => l.trim());
    for (const line of lines)
        if (line.length >= 4 && line !== value)
            mask(line);
}
/** Values already registered with the runner: each is sent once (a key read twice is not re-sent). */
const masked = new Set();
function mask(value) {
    if (masked.has(value))
        return;
    masked.add(value);
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setSecret */ .Pq(value);
}
/**
 * Masks the credentials inside a URL (`postgres://user:pass@host/db`): the password alone, its
 * URL-decoded form, and the whole URL.
 */
function maskUrlCredentials(url) {
    if (!url)
        return;
    maskSecret(url);
    const password = urlPassword(url);
    if (password) {
        maskSecret(password);
        try {
            maskSecret(decodeURIComponent(password));
        }
        catch {
            /* not percent-encoded */
        }
    }
}
function urlPassword(url) {
    const m = /^[a-z][a-z0-9+.-]*:\/\/[^:/@]*:([^@]*)@/i.exec(url);
    return m?.[1] || undefined;
}
/**
 * Replaces every occurrence of each secret with `***` — for text we build ourselves. Like
 * maskSecret, each line (4+ characters) of a multi-line secret is replaced on its own too, since
 * output is logged line by line; longer values go first, so an overlap is replaced whole.
 */
function redact(text, secrets) {
    const needles = new Set();
    for (const s of secrets) {
        if (!s)
            continue;
        needles.add(s);
        if (!/[\r\n]/.test(s))
            continue;
        for (const line of s.split(/\r?\n/).map((l) => l.trim()))
            if (line.length >= 4)
                needles.add(line);
    }
    let out = text;
    for (const n of [...needles].sort((a, b) => b.length - a.length))
        out = out.split(n).join('***');
    return out;
}


/***/ }),

/***/ 3476:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Hn: () => (/* binding */ cell),
/* harmony export */   I8: () => (/* binding */ statusIcon),
/* harmony export */   Qj: () => (/* binding */ markdownTable),
/* harmony export */   Sy: () => (/* binding */ writeSummary),
/* harmony export */   zH: () => (/* binding */ details)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(33838);

/** Escapes text for a Markdown table cell: pipes and newlines would break the row. */
function cell(value) {
    if (value === undefined || value === null || value === '')
        return '—';
    return String(value).replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}
/** A GitHub-flavoured Markdown table. */
function markdownTable(headers, rows) {
    const head = `| ${headers.map((h) => cell(h)).join(' | ')} |`;
    const sep = `| ${headers.map(() => '---').join(' | ')} |`;
    const body = rows.map((r) => `| ${headers.map((_, i) => cell(r[i])).join(' | ')} |`);
    return [head, sep, ...body].join('\n');
}
/** ✅ / ❌ / ⚠️ / ⏭️ for a result, so a person reads the summary at a glance. */
function statusIcon(status) {
    if (status === true || status === 'success')
        return '✅';
    if (status === false || status === 'failure')
        return '❌';
    if (status === 'warning')
        return '⚠️';
    return '⏭️';
}
/** `<details>` block for long content (logs, JSON) that should not crowd the summary. */
function details(summaryLine, body, lang = '') {
    return `<details><summary>${summaryLine}</summary>\n\n\`\`\`${lang}\n${body}\n\`\`\`\n\n</details>`;
}
/**
 * Appends Markdown to the job summary. Does nothing (and never fails the step) when the runner
 * gives no summary file, e.g. when run outside Actions.
 */
async function writeSummary(markdown) {
    if (!process.env['GITHUB_STEP_SUMMARY'])
        return;
    try {
        await _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .summary */ .z.addRaw(markdown.endsWith('\n') ? markdown : `${markdown}\n`).write();
    }
    catch (error) {
        // core.summary keeps unwritten text in its buffer: drop it, or the next write repeats it
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .summary */ .z.emptyBuffer();
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(`Could not write the job summary: ${error instanceof Error ? error.message : String(error)}`);
    }
}


/***/ })

};
