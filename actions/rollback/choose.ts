// Where an SSH rollback goes, decided from what each host reports (its release history, the
// `current` link, the image in the compose env file) before anything changes. Pure: the same
// states give the same decision, and every refusal says why and what the history holds.
import { currentRelease, foldHistory, type Release, type ReleaseOutcome } from '../../lib/deploy/history.js';
import { envHoldsImages, formatImageLines } from '../../lib/deploy/image-lines.js';
import type { DeployState } from '../../lib/deploy/state.js';
import { OperationError } from '../../lib/errors.js';
import type { RollbackStrategy, ToSpec } from './inputs.js';

/** What one host reported (read under the lock, or without it for a dry run). */
export interface HostSnapshot {
  /** `user@host:port`. */
  host: string;
  state: DeployState;
  /** strategy release: the directories in releases/ (a release pruned by keep-releases is gone). */
  releaseDirs?: readonly string[];
}

/** A release: what a host runs, or where it goes back to. */
export interface ReleaseRef {
  /** Undefined when the host runs something the history does not know (an env file edited by hand). */
  id: string | undefined;
  image?: string;
  sha?: string;
  /** Its outcome in the history, when it is there. */
  outcome?: ReleaseOutcome;
  /** compose with several images: env-file variable → reference; stack: the image of each service, as recorded. */
  images?: Record<string, string>;
  /** stack: the Swarm stack name the history recorded. */
  stack?: string;
  /** Where it was found: the host's history, the server itself (a release directory), or a GitHub deployment. */
  source: 'history' | 'server' | 'github';
}

/** The last successful GitHub deployment of the environment (for hosts without a history). */
export interface GithubCandidate {
  deploymentId: number;
  release: string | undefined;
  image: string | undefined;
  sha: string | undefined;
}

export interface HostChoice {
  host: string;
  from: ReleaseRef;
  to: ReleaseRef;
  /** The host already runs `to`: nothing to do there. */
  noop: boolean;
  /** Things a person should know (a target marked bad, a release skipped because it was pruned). */
  notes: string[];
}

/** There is nothing to roll back to, or the request cannot be met: nothing was changed. */
export class NoRollbackTargetError extends OperationError {
  override readonly name: string = 'NoRollbackTargetError';
}

const OUTCOME_WORD: Record<ReleaseOutcome, string> = {
  deployed: 'deployed',
  failed: 'failed',
  'rolled-back': 'rolled back',
  bad: 'marked bad',
};

/** `v1 (deployed), v2 (marked bad, running now)` — the newest `max` releases. */
export function describeReleases(releases: readonly Release[], currentId?: string, max = 10): string {
  if (releases.length === 0) return 'no releases';
  const shown = releases.slice(-max).map((r) => {
    const running = r.id === currentId ? ', running now' : '';
    return `${r.id} (${OUTCOME_WORD[r.outcome]}${running})`;
  });
  return `${releases.length > max ? '…, ' : ''}${shown.join(', ')}`;
}

function refOf(r: Release, source: ReleaseRef['source'] = 'history'): ReleaseRef {
  const { image, images, stack, sha } = r.record;
  return { id: r.id, image, ...(images ? { images, stack } : {}), sha, outcome: r.outcome, source };
}

/** What the host runs now: `current` (release), the env file's image (compose), read against the history. */
export function currentOf(
  strategy: RollbackStrategy,
  snap: HostSnapshot,
  releases: readonly Release[] = foldHistory(snap.state.history),
): { ref: ReleaseRef; release: Release | undefined } {
  const fromHistory = currentRelease(releases);
  if (strategy === 'release') {
    const live = snap.state.currentRelease;
    if (live === undefined) {
      throw new NoRollbackTargetError(
        `${snap.host}: there is no 'current' link in the app directory: no release is live, so there is nothing to roll back from.`,
      );
    }
    const release = releases.find((r) => r.id === live);
    return { ref: release ? refOf(release) : { id: live, source: 'server' }, release };
  }
  // a deploy of several images: the env file holds every one of them
  const envImages = snap.state.images ?? {};
  const holdsAll = (r: Release): boolean =>
    r.record.strategy === 'compose' &&
    r.record.images !== undefined &&
    envHoldsImages(envImages, r.record.images);
  if (fromHistory && holdsAll(fromHistory)) return { ref: refOf(fromHistory), release: fromHistory };
  const several = newestFirst(releases).find(holdsAll);
  if (several) return { ref: refOf(several), release: several };
  const image = snap.state.image;
  if (image === undefined) {
    if (fromHistory) return { ref: refOf(fromHistory), release: fromHistory };
    throw new NoRollbackTargetError(
      `${snap.host}: the env file names no image and the release history is empty: nothing was deployed here to roll back from.`,
    );
  }
  if (fromHistory?.record.image === image) return { ref: refOf(fromHistory), release: fromHistory };
  // the env file was changed since the last deploy: the release that deployed this image, if any
  const byImage = newestFirst(releases).find((r) => r.record.image === image);
  return byImage
    ? { ref: refOf(byImage), release: byImage }
    : { ref: { id: undefined, image, source: 'server' }, release: undefined };
}

function newestFirst(releases: readonly Release[]): Release[] {
  return [...releases].sort((a, b) => b.firstIndex - a.firstIndex);
}

function sameAsCurrent(strategy: RollbackStrategy, r: ReleaseRef, current: ReleaseRef): boolean {
  if (strategy === 'compose') return r.image !== undefined && imagesKey(r) === imagesKey(current);
  return r.id !== undefined && r.id === current.id;
}

/** compose: what a release runs, as one string (every image of a deploy of several). */
export function imagesKey(r: ReleaseRef): string {
  return r.images ? formatImageLines(r.images) : (r.image ?? '');
}

/** Whether `value` names the release: its id, its image (whole, tag or digest) or its git sha (7+ hex). */
export function releaseMatches(r: ReleaseRef, value: string): 'id' | 'image' | 'sha' | undefined {
  if (r.id === value) return 'id';
  const image = r.image;
  if (image && (image === value || image.endsWith(`:${value}`) || image.endsWith(`@${value}`)))
    return 'image';
  if (/^[0-9a-f]{7,40}$/i.test(value) && r.sha?.toLowerCase().startsWith(value.toLowerCase())) return 'sha';
  return undefined;
}

export interface ChooseOptions {
  /** For a host without history and `to: previous`: the last successful GitHub deployment. */
  github?: GithubCandidate | undefined;
  /** Roll back only from this release (id or image): a host running anything else is left alone. */
  onlyFrom?: string | undefined;
}

/**
 * Decides where one host goes. Throws NoRollbackTargetError when there is nowhere, or when the host
 * runs a zero-downtime (blue-green) compose release, which this stage does not switch (nothing changed).
 */
export function chooseForHost(
  strategy: RollbackStrategy,
  snap: HostSnapshot,
  to: ToSpec,
  opts: ChooseOptions = {},
): HostChoice {
  const releases = foldHistory(snap.state.history);
  const current = currentOf(strategy, snap, releases);
  const choice = chooseTarget(strategy, snap, to, opts, releases, current);
  const color = current.release?.record.color;
  if (strategy === 'compose' && color !== undefined && !choice.noop) {
    const { from, to: target } = choice;
    throw new NoRollbackTargetError(
      `${snap.host}: release ${from.id ?? from.image ?? '?'} runs with zero-downtime (blue-green, as ${color}); ` +
        "rollback does not switch colors ('docker compose up' of the app's own project would start a third copy " +
        'beside blue and green). Go back with actions/deploy-ssh and the same zero-downtime inputs, ' +
        `image: ${target.image ?? '?'} (release ${target.id ?? '?'}): it starts that image as the idle color, ` +
        'checks it and switches nginx, without downtime.',
    );
  }
  return choice;
}

function chooseTarget(
  strategy: RollbackStrategy,
  snap: HostSnapshot,
  to: ToSpec,
  opts: ChooseOptions,
  releases: readonly Release[],
  current: { ref: ReleaseRef; release: Release | undefined },
): HostChoice {
  const { github, onlyFrom } = opts;
  const { ref: from, release: fromRelease } = current;
  const notes: string[] = [];
  if (onlyFrom !== undefined && from.id !== onlyFrom && from.image !== onlyFrom) {
    notes.push(
      `runs ${from.id ?? from.image ?? 'an unknown release'}, not ${onlyFrom} ('from'): left as it is`,
    );
    return { host: snap.host, from, to: from, noop: true, notes };
  }
  const dirs = snap.releaseDirs;
  const present = (id: string | undefined): boolean =>
    (strategy !== 'release' && strategy !== 'stack') ||
    dirs === undefined ||
    (id !== undefined && dirs.includes(id));
  const gone =
    strategy === 'stack'
      ? 'its stack file is no longer in .ops-actions/stacks/ on the manager'
      : 'no longer in releases/ (keep-releases removed it)';
  const known = `The history of this app directory: ${describeReleases(releases, from.id)}.`;

  if (to.kind === 'named') {
    const value = to.value;
    const matches = newestFirst(releases)
      .map((r) => ({ r, how: releaseMatches(refOf(r), value) }))
      .filter((m) => m.how !== undefined);
    const best = matches.find((m) => m.how === 'id') ?? matches[0];
    let target: ReleaseRef | undefined = best ? refOf(best.r) : undefined;
    if (!target && strategy === 'release' && dirs?.includes(value)) target = { id: value, source: 'server' };
    if (!target) {
      throw new NoRollbackTargetError(
        `${snap.host}: no release matches to: '${value}' (a release id, image tag or git sha). ${known}`,
      );
    }
    if (strategy === 'compose' && !target.image) {
      throw new NoRollbackTargetError(
        `${snap.host}: the history records no image for release ${target.id ?? value}.`,
      );
    }
    if (!present(target.id)) {
      throw new NoRollbackTargetError(
        `${snap.host}: release ${target.id ?? value} is in the history but ${gone}.`,
      );
    }
    if (target.outcome !== undefined && target.outcome !== 'deployed') {
      notes.push(
        `release ${target.id ?? value} is ${OUTCOME_WORD[target.outcome]} in the history; going back to it because 'to' names it`,
      );
    }
    return { host: snap.host, from, to: target, noop: sameAsCurrent(strategy, target, from), notes };
  }

  // previous: the newest release deployed before the current one that is still good
  const before = fromRelease ? releases.filter((r) => r.firstIndex < fromRelease.firstIndex) : releases;
  for (const r of newestFirst(before)) {
    if (r.outcome !== 'deployed' || r.id === from.id) continue;
    const ref = refOf(r);
    if (strategy === 'compose' && (!ref.image || sameAsCurrent(strategy, ref, from))) continue;
    if (!present(r.id)) {
      notes.push(`skipped release ${r.id}: ${gone}`);
      continue;
    }
    return { host: snap.host, from, to: ref, noop: false, notes };
  }
  if (releases.length === 0 && github) {
    const candidate: ReleaseRef = {
      id: github.release ?? github.image,
      image: github.image,
      sha: github.sha,
      source: 'github',
    };
    const usable =
      candidate.id !== undefined &&
      (strategy === 'compose'
        ? candidate.image !== undefined
        : github.release !== undefined && present(github.release)) &&
      !sameAsCurrent(strategy, candidate, from);
    if (usable) {
      notes.push(
        `the host has no release history: going back to GitHub deployment ${github.deploymentId}, the last successful one of the environment`,
      );
      return { host: snap.host, from, to: candidate, noop: false, notes };
    }
  }
  const running = from.id ?? from.image ?? 'an unknown release';
  throw new NoRollbackTargetError(
    `${snap.host}: nothing to roll back to: no release deployed before ${running} is still good ` +
      `(releases marked bad, failed or rolled back are skipped). ${known}` +
      (notes.length ? ` (${notes.join('; ')})` : '') +
      (releases.length === 0 && !github
        ? ' With github-token and environment, the last successful GitHub deployment is used when the history is missing.'
        : ''),
  );
}

export interface Decision {
  /** Every host's choice, in the order of `hosts`. */
  hosts: HostChoice[];
  /** Where the hosts that change go (the same release everywhere). */
  to: ReleaseRef;
  /** What they run now (ids, or images when the history does not know them), deduplicated. */
  from: string[];
}

/** The release every host goes to. Hosts must agree; a disagreement is refused before anything changes. */
export function decide(strategy: RollbackStrategy, choices: readonly HostChoice[]): Decision {
  const first = choices[0];
  if (!first) throw new Error('internal: no hosts');
  const moving = choices.filter((c) => !c.noop);
  const key = (r: ReleaseRef): string => (strategy === 'compose' ? imagesKey(r) : (r.id ?? ''));
  const targets = [...new Set(moving.map((c) => key(c.to)))];
  if (targets.length > 1) {
    throw new NoRollbackTargetError(
      `The hosts do not agree on the release to roll back to: ${moving.map((c) => `${c.host} → ${c.to.id ?? c.to.image}`).join(', ')}. ` +
        "Name the release with 'to' (a release id, image tag or git sha) to roll every host back to it.",
    );
  }
  const to = (moving[0] ?? first).to;
  const from = [...new Set(moving.map((c) => c.from.id ?? c.from.image ?? '?'))];
  return { hosts: [...choices], to, from };
}
