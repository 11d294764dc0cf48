// The stack file deploy-ssh's strategy stack deploys: the user's file with the images set and safe
// update defaults filled in (the measurements behind those defaults are in swarm.ts). A module of
// its own because it needs the YAML parser: deploy-ssh imports it only when strategy is stack, so
// no other run loads the parser at start.
import { isMap, isScalar, isSeq, parseDocument, type YAMLMap } from 'yaml';
import { ConfigurationError } from '../errors.js';

/** What we set in a service's update_config (and rollback_config) where the stack file is silent. */
export const SAFE_UPDATE = { failureAction: 'rollback', monitor: '10s' } as const;

export interface RenderedStack {
  /** The stack file to deploy: images set, update defaults filled in. */
  yaml: string;
  /** The services the file defines, in file order. */
  services: string[];
  /** service → the image it deploys. */
  images: Record<string, string>;
  /** One line per default we filled in, e.g. `web: update_config order stop-first (host network)`. */
  defaults: string[];
}

export interface StackImages {
  /** `images`: SERVICE=ref. */
  images: Record<string, string>;
  /** `image`: the one service's image. */
  image?: string;
}

/**
 * Reads the stack file, sets the images and fills in safe update settings. Throws a
 * ConfigurationError naming `stack-file` or `images` for anything Docker would refuse or we
 * cannot apply — before anything is contacted. Pure.
 */
export function renderStack(text: string, given: StackImages, fileName = 'stack-file'): RenderedStack {
  const doc = parseDocument(text, { merge: true });
  if (doc.errors.length > 0) {
    throw new ConfigurationError(
      'stack-file',
      `${fileName} is not valid YAML: ${doc.errors[0]?.message.split('\n')[0] ?? ''}`,
    );
  }
  const root = doc.contents;
  const services = isMap(root) ? root.get('services') : undefined;
  if (!isMap(services) || services.items.length === 0) {
    throw new ConfigurationError(
      'stack-file',
      `${fileName} has no services: a stack file is a Compose file with a 'services:' mapping.`,
      'services:\n  web:\n    image: ghcr.io/acme/shop:1.4.2',
    );
  }
  const names = services.items.map((pair) => String(isScalar(pair.key) ? pair.key.value : pair.key));
  for (const name of Object.keys(given.images)) {
    if (!names.includes(name)) {
      throw new ConfigurationError(
        'images',
        `names the service '${name}', which ${fileName} does not define (its services: ${names.join(', ')}).`,
        `images: |\n  ${names[0] ?? 'web'}=ghcr.io/acme/shop:1.4.2`,
      );
    }
  }
  if (given.image !== undefined && names.length !== 1) {
    throw new ConfigurationError(
      'image',
      `is for a stack of one service, but ${fileName} defines ${names.length} (${names.join(', ')}). Use 'images' with one SERVICE=ref line per service.`,
      `images: |\n${names.map((n) => `  ${n}=ghcr.io/acme/${n}:1.4.2`).join('\n')}`,
    );
  }
  const hostNetworks = hostNetworkKeys(isMap(root) ? root.get('networks') : undefined);
  const images: Record<string, string> = {};
  const defaults: string[] = [];
  for (const name of names) {
    const node: unknown = services.get(name);
    if (!isMap(node)) {
      throw new ConfigurationError('stack-file', `service '${name}' in ${fileName} is not a mapping.`);
    }
    const image = given.images[name] ?? given.image;
    const svc = node as YAMLMap<unknown, unknown>;
    if (image !== undefined) svc.set('image', image);
    const current: unknown = svc.get('image');
    if (typeof current !== 'string' || current.trim() === '') {
      throw new ConfigurationError(
        'images',
        `service '${name}' has no image: set it in ${fileName} or give '${name}=<ref>' in images.`,
        `images: |\n  ${name}=ghcr.io/acme/${name}:1.4.2`,
      );
    }
    images[name] = current;
    const onHost = serviceNetworks(svc).some((n) => hostNetworks.has(n));
    defaults.push(...fillUpdateDefaults(doc, svc, name, onHost));
  }
  return { yaml: doc.toString(), services: names, images, defaults };
}

/** Keys of the top-level networks that are the engine's `host` network (external, name host). */
function hostNetworkKeys(networks: unknown): Set<string> {
  const keys = new Set<string>();
  if (!isMap(networks)) return keys;
  for (const pair of networks.items) {
    const key = String(isScalar(pair.key) ? pair.key.value : pair.key);
    const def = pair.value;
    const name = isMap(def) ? def.get('name') : undefined;
    const external = isMap(def) ? def.get('external') : undefined;
    if ((name ?? key) === 'host' && external !== undefined && external !== false) keys.add(key);
  }
  return keys;
}

function serviceNetworks(svc: YAMLMap): string[] {
  const n = svc.get('networks');
  if (isSeq(n)) return n.items.map((i) => String(isScalar(i) ? i.value : i));
  if (isMap(n)) return n.items.map((p) => String(isScalar(p.key) ? p.key.value : p.key));
  return [];
}

function fillUpdateDefaults(
  doc: ReturnType<typeof parseDocument>,
  svc: YAMLMap,
  name: string,
  onHost: boolean,
): string[] {
  const order = onHost ? 'stop-first' : 'start-first';
  const why = onHost
    ? ' (host network: a second task cannot bind the same port unless the app binds with SO_REUSEPORT; set order start-first if it does)'
    : '';
  const set: string[] = [];
  for (const key of ['update_config', 'rollback_config'] as const) {
    const path = ['deploy', key];
    const filled: string[] = [];
    const fill = (field: string, value: string): void => {
      if (doc.hasIn(['services', name, ...path, field])) return;
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
