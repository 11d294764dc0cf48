// Where a Koyeb rollback goes, from the service's deployments. Koyeb has no release history of its
// own and marks nothing bad, but its deployments tell the story: a deployment "was healthy" when it
// is HEALTHY/SLEEPING or has `succeeded_at` (a replaced one is STOPPED, with the time it succeeded);
// and a deployment whose definition is the same as an earlier one's is a return to it (a rollback),
// which abandons everything deployed in between. `previous` walks that story like a browser's
// back button, so a second rollback does not return to the release the first one left. Pure.
import type { Deployment, DeploymentDefinition } from '../../lib/koyeb/types.js';
import { NoRollbackTargetError, releaseMatches } from './choose.js';
import type { ToSpec } from './inputs.js';

export interface KoyebChoice {
  /** The service's active deployment: what runs now. */
  active: Deployment;
  /** The deployment whose definition goes back. */
  target: Deployment;
  /** The service already runs the target's definition. */
  noop: boolean;
  notes: string[];
}

/** A timestamp Koyeb really set (proto3 JSON sends unset ones as '' or the zero time 0001-01-01). */
export function isSetTime(value: unknown): boolean {
  if (typeof value !== 'string' || value === '') return false;
  const t = Date.parse(value);
  return Number.isFinite(t) && t > Date.parse('1971-01-01T00:00:00Z');
}

export function wasHealthy(d: Deployment): boolean {
  const status = (d.status ?? '').toUpperCase();
  return status === 'HEALTHY' || status === 'SLEEPING' || isSetTime(d['succeeded_at']);
}

/** JSON with object keys sorted: two definitions with the same content give the same text. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function imageOf(d: Pick<Deployment, 'definition'>): string | undefined {
  const image = d.definition?.docker?.image;
  return image ? image : undefined;
}

function key(def: DeploymentDefinition | undefined): string {
  return stableJson(def ?? null);
}

function time(d: Deployment): number {
  const t = Date.parse(typeof d.created_at === 'string' ? d.created_at : '');
  return Number.isFinite(t) ? t : 0;
}

/** Oldest first (by created_at; the API lists newest first, so equal times keep the reverse list order). */
export function chronological(deployments: readonly Deployment[]): Deployment[] {
  return deployments
    .map((d, i) => ({ d, i }))
    .sort((a, b) => time(a.d) - time(b.d) || b.i - a.i)
    .map((x) => x.d);
}

/**
 * The line of releases that led to `active`: healthy deployments in order, where going back to an
 * earlier definition drops everything after it. The last element is the active one.
 */
export function releaseLine(deployments: readonly Deployment[], activeId: string): Deployment[] {
  const line: Deployment[] = [];
  for (const d of chronological(deployments)) {
    if (d.id !== activeId && !wasHealthy(d)) continue;
    const again = line.findLastIndex((e) => key(e.definition) === key(d.definition));
    if (again >= 0) line.splice(again);
    line.push(d);
    if (d.id === activeId) break;
  }
  return line;
}

function describe(d: Deployment): string {
  return `${d.id} (${imageOf(d) ?? 'no image'}, ${d.status ?? '?'})`;
}

/** Decides where the service goes. Throws NoRollbackTargetError when there is nowhere. */
export function chooseKoyebTarget(
  deployments: readonly Deployment[],
  activeId: string,
  to: ToSpec,
): KoyebChoice {
  const active = deployments.find((d) => d.id === activeId);
  if (!active) throw new Error(`internal: the active deployment ${activeId} is not in the list`);
  const notes: string[] = [];
  const sameAsActive = (d: Deployment): boolean => key(d.definition) === key(active.definition);

  if (to.kind === 'named') {
    const byId = deployments.find((d) => d.id === to.value);
    const byImage = [...chronological(deployments)]
      .reverse()
      .filter((d) => d.id !== activeId && wasHealthy(d))
      .find(
        (d) => releaseMatches({ id: undefined, image: imageOf(d), source: 'server' }, to.value) === 'image',
      );
    const target = byId ?? byImage;
    if (!target) {
      throw new NoRollbackTargetError(
        `No deployment of the service matches to: '${to.value}' (a Koyeb deployment id, or an image tag of a deployment that was healthy). ` +
          `Its deployments, newest first: ${[...chronological(deployments)].reverse().slice(0, 10).map(describe).join(', ')}.`,
      );
    }
    if (!target.definition)
      throw new NoRollbackTargetError(`Deployment ${target.id} has no definition to deploy again.`);
    if (!wasHealthy(target)) {
      notes.push(
        `deployment ${target.id} was never healthy (${target.status ?? '?'}); deploying it again because 'to' names it`,
      );
    }
    return { active, target, noop: target.id === activeId || sameAsActive(target), notes };
  }

  const line = releaseLine(deployments, activeId);
  for (let i = line.length - 2; i >= 0; i--) {
    const d = line[i] as Deployment;
    if (sameAsActive(d)) continue;
    return { active, target: d, noop: false, notes };
  }
  throw new NoRollbackTargetError(
    `Nothing to roll back to: no deployment before the active one, ${describe(active)}, was healthy ` +
      '(deployments abandoned by an earlier rollback are skipped). ' +
      `The service's deployments, newest first: ${[...chronological(deployments)].reverse().slice(0, 10).map(describe).join(', ')}.`,
  );
}
