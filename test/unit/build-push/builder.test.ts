import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  localEngineSocket,
  parseBuilderInspect,
  usesContainerdStore,
  usesImplicitDefaultBuilder,
} from '../../../actions/build-push/builder.js';

describe('parseBuilderInspect', () => {
  it('reads name and driver of `docker buildx inspect`', () => {
    const text = `Name:   default
Driver: docker

Nodes:
Name:             default
Endpoint:         default
Status:           running
BuildKit version: v0.8+unknown
Platforms:        linux/amd64, linux/386
`;
    expect(parseBuilderInspect(text)).toEqual({ name: 'default', driver: 'docker' });
    expect(parseBuilderInspect('Name: builder-1\nDriver: docker-container\n')).toEqual({
      name: 'builder-1',
      driver: 'docker-container',
    });
    expect(parseBuilderInspect('garbage')).toBeUndefined();
  });
});

describe('usesContainerdStore', () => {
  it('tells the containerd image store from the classic one', () => {
    expect(usesContainerdStore('[["Backing Filesystem","extfs"],["Supports d_type","true"]]')).toBe(false);
    expect(usesContainerdStore('[["driver-type","io.containerd.snapshotter.v1"]]')).toBe(true);
  });
});

describe('localEngineSocket', () => {
  const cfg = (content?: string): string => {
    const dir = mkdtempSync(join(tmpdir(), 'bp-sock-'));
    if (content) writeFileSync(join(dir, 'config.json'), content);
    return dir;
  };

  it('the default socket, or DOCKER_HOST when it is a unix socket', () => {
    expect(localEngineSocket({ DOCKER_CONFIG: cfg() })).toBe('/var/run/docker.sock');
    expect(
      localEngineSocket({ DOCKER_CONFIG: cfg(), DOCKER_HOST: 'unix:///run/user/1000/docker.sock' }),
    ).toBe('/run/user/1000/docker.sock');
  });

  it('nothing (ask the CLI) for a remote host or another context', () => {
    expect(localEngineSocket({ DOCKER_CONFIG: cfg(), DOCKER_HOST: 'tcp://10.0.0.5:2376' })).toBeUndefined();
    expect(localEngineSocket({ DOCKER_CONFIG: cfg(), DOCKER_CONTEXT: 'remote' })).toBeUndefined();
    expect(localEngineSocket({ DOCKER_CONFIG: cfg('{"currentContext":"colima"}') })).toBeUndefined();
    expect(localEngineSocket({ DOCKER_CONFIG: cfg('{"currentContext":"default"}') })).toBe(
      '/var/run/docker.sock',
    );
  });
});

describe('usesImplicitDefaultBuilder', () => {
  const dockerConfig = (current?: string): string => {
    const dir = mkdtempSync(join(tmpdir(), 'bp-bx-'));
    if (current !== undefined) {
      mkdirSync(join(dir, 'buildx'));
      writeFileSync(join(dir, 'buildx', 'current'), current);
    }
    return dir;
  };

  it('yes when nothing selects a builder, or the selection is the default', () => {
    expect(usesImplicitDefaultBuilder({ DOCKER_CONFIG: dockerConfig() }, undefined)).toBe(true);
    expect(
      usesImplicitDefaultBuilder(
        { DOCKER_CONFIG: dockerConfig('{"Key":"unix:///var/run/docker.sock","Name":"","Global":false}') },
        undefined,
      ),
    ).toBe(true);
  });

  it('no (ask buildx) for a selected builder, the builder input, BUILDX_BUILDER or another engine', () => {
    const selected = dockerConfig('{"Key":"unix:///var/run/docker.sock","Name":"builder-1","Global":false}');
    expect(usesImplicitDefaultBuilder({ DOCKER_CONFIG: selected }, undefined)).toBe(false);
    expect(usesImplicitDefaultBuilder({ DOCKER_CONFIG: dockerConfig('{broken') }, undefined)).toBe(false);
    expect(usesImplicitDefaultBuilder({ DOCKER_CONFIG: dockerConfig() }, 'builder-1')).toBe(false);
    expect(
      usesImplicitDefaultBuilder({ DOCKER_CONFIG: dockerConfig(), BUILDX_BUILDER: 'b' }, undefined),
    ).toBe(false);
    expect(
      usesImplicitDefaultBuilder({ DOCKER_CONFIG: dockerConfig(), BUILDX_CONFIG: '/x' }, undefined),
    ).toBe(false);
    expect(
      usesImplicitDefaultBuilder({ DOCKER_CONFIG: dockerConfig(), DOCKER_HOST: 'tcp://h:2376' }, undefined),
    ).toBe(false);
  });
});
