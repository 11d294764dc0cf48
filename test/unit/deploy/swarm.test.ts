import { describe, expect, it } from 'vitest';
import { renderStack } from '../../../lib/deploy/stack-file.js';
import { parseStackStatus, stackOutcome, type ServiceStatus } from '../../../lib/deploy/swarm.js';

const D = `sha256:${'a'.repeat(64)}`;

function inspect(
  name: string,
  image: string,
  replicas: number,
  update?: { State: string; StartedAt: string; Message?: string },
): object {
  return {
    Spec: {
      Name: name,
      Mode: { Replicated: { Replicas: replicas } },
      TaskTemplate: { ContainerSpec: { Image: image } },
    },
    ...(update ? { UpdateStatus: update } : {}),
  };
}

function task(name: string, image: string, desired: string, current: string, error = ''): string {
  return JSON.stringify({
    Name: name,
    Image: image,
    DesiredState: desired,
    CurrentState: current,
    Error: error,
  });
}

describe('renderStack', () => {
  it('refuses a file without services, and a service left without an image', () => {
    expect(() => renderStack('version: "3.8"\n', { images: {} })).toThrow(
      "Input 'stack-file': stack-file has no services",
    );
    expect(() => renderStack('services:\n  web:\n    command: ["x"]\n', { images: {} })).toThrow(
      "Input 'images': service 'web' has no image",
    );
  });
  it('keeps what the stack file says about updates', () => {
    const r = renderStack(
      'services:\n  web:\n    image: a/b:1\n    deploy:\n      update_config:\n        order: start-first\n        failure_action: pause\n        monitor: 30s\n      rollback_config:\n        order: start-first\n',
      { images: {}, image: 'a/b:2' },
    );
    expect(r.defaults).toEqual([]);
    expect(r.images).toEqual({ web: 'a/b:2' });
  });
});

describe('parseStackStatus / stackOutcome', () => {
  const since = Date.parse('2026-12-04T16:00:00Z') / 1000;
  it('counts only running tasks of the current spec, and ignores an update older than this deploy', () => {
    const text = [
      JSON.stringify([
        inspect('s_web', `r/web:2@${D}`, 2, {
          State: 'updating',
          StartedAt: '2026-12-04T16:00:01.123456789Z',
        }),
        inspect('s_api', `r/api:1@${D}`, 1, {
          State: 'rollback_completed',
          StartedAt: '2026-12-04T15:00:00Z',
        }),
      ]),
      '@@ops-actions-swarm:tasks',
      task('s_web.1', `r/web:2@${D}`, 'Running', 'Running 3 seconds ago'),
      task('s_web.2', `r/web:1@${D}`, 'Running', 'Running 2 hours ago'),
      task('s_web.2', `r/web:2@${D}`, 'Shutdown', 'Failed 5 seconds ago', 'task: non-zero exit (1)'),
      task('s_api.1', `r/api:1@${D}`, 'Running', 'Running 2 hours ago'),
    ].join('\n');
    const s = parseStackStatus('s', text, since);
    expect(s).toEqual([
      {
        service: 'web',
        image: 'r/web:2',
        running: 1,
        desired: 2,
        update: 'updating',
        updateMessage: undefined,
        taskErrors: [`s_web.2 (r/web:2): task: non-zero exit (1)`],
      },
      {
        service: 'api',
        image: 'r/api:1',
        running: 1,
        desired: 1,
        update: 'none',
        updateMessage: undefined,
        taskErrors: [],
      },
    ]);
    expect(stackOutcome(s)).toBe('moving');
  });
  it('waits for every service to settle before calling a rollback', () => {
    const base: ServiceStatus = {
      service: 'a',
      image: 'x',
      running: 1,
      desired: 1,
      update: 'completed',
      taskErrors: [],
    };
    expect(stackOutcome([base, { ...base, service: 'b', update: 'none' }])).toBe('converged');
    expect(stackOutcome([base, { ...base, running: 0 }])).toBe('moving');
    expect(
      stackOutcome([
        { ...base, update: 'rollback_completed' },
        { ...base, update: 'updating' },
      ]),
    ).toBe('moving');
    expect(stackOutcome([{ ...base, update: 'rollback_completed' }, base])).toBe('rolled-back');
    // Swarm says rollback_completed while the previous task is still starting: not done yet
    expect(stackOutcome([{ ...base, update: 'rollback_completed', running: 0 }, base])).toBe('moving');
    expect(
      stackOutcome([
        { ...base, update: 'paused' },
        { ...base, update: 'updating' },
      ]),
    ).toBe('paused');
  });
});
