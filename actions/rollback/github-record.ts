// The rollback in GitHub Deployments (lib/github/deployments: never throws, one warning without
// permission). Before anything changes: find the environment's newest deployment — the one being
// rolled back from — and create a deployment for the restored release (`in_progress`). After:
// the bad one gets `failure` (that is what makes it bad: a deployment whose newest real status is
// not `success` is never picked as "last good"), the restored one `success` with environment_url.
// When a host has no release history, the last successful deployment (other than the newest) says
// where `to: previous` goes.
import type {
  DeploymentBookkeeping,
  DeploymentTracker,
  DeploymentWithStatuses,
} from '../../lib/github/deployments.js';
import type { GithubCandidate } from './choose.js';

/** The payload keys of a deployment that say what was deployed (deploy stages write them). */
export const PAYLOAD_RELEASE = 'release';
export const PAYLOAD_IMAGE = 'image';
export const PAYLOAD_ROLLED_BACK_FROM = 'rolled_back_from';

/** What a release is called on GitHub: its release id (or Koyeb deployment id) and image. */
export interface GithubRelease {
  id: string | undefined;
  image?: string | undefined;
  sha?: string | undefined;
}

function payloadString(d: { payload: Record<string, unknown> }, key: string): string | undefined {
  const v = d.payload[key];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/**
 * Whether a deployment is the one of release `from`: its payload names that release or image;
 * a deployment whose payload names neither (made by another tool) is taken to be what runs.
 */
export function deploymentIsRelease(
  d: { payload: Record<string, unknown> },
  from: readonly GithubRelease[],
): boolean {
  const release = payloadString(d, PAYLOAD_RELEASE);
  const image = payloadString(d, PAYLOAD_IMAGE);
  if (release === undefined && image === undefined) return true;
  return from.some(
    (f) => (release !== undefined && release === f.id) || (image !== undefined && image === f.image),
  );
}

/** How the stage records a rollback; NO_RECORD when no GitHub input is given. */
export interface RollbackRecorder {
  readonly enabled: boolean;
  readonly ids: { bad: number | undefined; restored: number | undefined };
  previousCandidate(): Promise<GithubCandidate | undefined>;
  begin(from: readonly GithubRelease[], to: GithubRelease, reason: string): Promise<void>;
  succeed(to: GithubRelease, reason: string): Promise<void>;
  fail(message: string): Promise<void>;
}

export const NO_RECORD: RollbackRecorder = {
  enabled: false,
  ids: { bad: undefined, restored: undefined },
  previousCandidate: () => Promise.resolve(undefined),
  begin: () => Promise.resolve(),
  succeed: () => Promise.resolve(),
  fail: () => Promise.resolve(),
};

export class GithubRollbackRecord implements RollbackRecorder {
  private latest: Promise<DeploymentWithStatuses | undefined> | undefined;
  private bad: DeploymentTracker | undefined;
  private restored: DeploymentTracker | undefined;
  private readonly log: (line: string) => void;

  constructor(
    private readonly book: DeploymentBookkeeping,
    opts: { log?: (line: string) => void } = {},
  ) {
    this.log = opts.log ?? (() => undefined);
  }

  /** Recording is on: a token, an environment, and the token was not refused. */
  get enabled(): boolean {
    return this.book.enabled && this.book.environment !== undefined;
  }

  /** The ids of the deployment marked bad and of the one created for the restored release. */
  get ids(): { bad: number | undefined; restored: number | undefined } {
    return { bad: this.bad?.id, restored: this.restored?.id };
  }

  private newest(): Promise<DeploymentWithStatuses | undefined> {
    const environment = this.book.environment;
    if (!this.enabled || !environment) return Promise.resolve(undefined);
    this.latest ??= this.book.latestDeployment(environment);
    return this.latest;
  }

  /** The last successful deployment other than the newest (which is being rolled back from). */
  async previousCandidate(): Promise<GithubCandidate | undefined> {
    const environment = this.book.environment;
    if (!this.enabled || !environment) return undefined;
    const newest = await this.newest();
    const found = await this.book.lastSuccessfulDeployment(environment, {
      excludeIds: newest ? [newest.id] : [],
    });
    if (!found) return undefined;
    return {
      deploymentId: found.id,
      release: payloadString(found, PAYLOAD_RELEASE),
      image: payloadString(found, PAYLOAD_IMAGE),
      sha: found.sha,
    };
  }

  /** Before any change: find the deployment rolled back from, create the restored one (in_progress). */
  async begin(from: readonly GithubRelease[], to: GithubRelease, reason: string): Promise<void> {
    if (!this.enabled) return;
    const newest = await this.newest();
    if (newest && deploymentIsRelease(newest, from)) {
      this.bad = this.book.track(newest.id);
    } else if (newest) {
      this.log(
        `GitHub deployment ${newest.id} (the newest of '${this.book.environment ?? ''}') is of release ` +
          `${payloadString(newest, PAYLOAD_RELEASE) ?? payloadString(newest, PAYLOAD_IMAGE) ?? '?'}, not of ` +
          `${from.map((f) => f.id ?? f.image).join(', ')}: it is left as it is.`,
      );
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
  async succeed(to: GithubRelease, reason: string): Promise<void> {
    await this.bad?.fail(`Rolled back to ${to.id ?? to.image ?? '?'}: ${reason}`);
    await this.restored?.succeed(undefined, `Rolled back to ${to.id ?? to.image ?? '?'}`);
  }

  /** The rollback failed: the restored deployment `failure` (the bad one is still what runs). */
  async fail(message: string): Promise<void> {
    await this.restored?.fail(`Rollback failed: ${message}`);
  }
}
