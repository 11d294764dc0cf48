// strategy compose with `zero-downtime: true` (blue-green): the same compose file runs as two
// compose projects, `<project>-blue` and `<project>-green`, each with its own env file
// (`<env-file>.<color>`: the env file's other lines + IMAGE=<image> — or every VAR=<image> of
// `images` — + PORT=<its port>). A deploy starts the idle color with the new images beside the live one and health-checks it on its own
// port; only then the nginx upstream file is pointed at it and nginx reloaded (old workers finish
// the requests in flight); after drain-timeout the old color is stopped. If the new color never
// gets healthy it is removed and the old one keeps serving, untouched.
import { imageAssignments, isComposeV1 } from '../../lib/deploy/compose.js';
import { formatImageLines } from '../../lib/deploy/image-lines.js';
import {
  parseUpstreamPort,
  restoreUpstreamScript,
  upstreamPath,
  writeUpstreamScript,
} from '../../lib/deploy/proxy-nginx.js';
import { replaceFileScript } from '../../lib/deploy/replace-file.js';
import { shellJoin, shellQuote } from '../../lib/quote.js';
import { registryLoginStep } from '../../lib/deploy/steps.js';
import type { BlueGreenConfig, Color, ComposeConfig, DeployConfig } from './inputs.js';
import type { PlanContext, PreviousState, Step, StrategyPlan } from './plan.js';

/** The color that is not live (blue when none is). `undefined` previous: a dry run, not known yet. */
export function idleColor(previous: PreviousState): Color | undefined {
  if (!previous.known) return undefined;
  return previous.color === 'blue' ? 'green' : 'blue';
}

const IDLE = '<idle color>';
const LIVE = '<live color>';

/** `<env-file>.<color>`, relative to app-dir unless env-file is absolute. */
export function colorEnvFile(c: ComposeConfig, color: string): string {
  return `${c.settings.envFile}.${color}`;
}

/** The compose command of one color's project: `docker compose -p shop-green [-f …] [--env-file …]`. */
export function colorCompose(
  c: ComposeConfig,
  bg: BlueGreenConfig,
  color: string,
  withEnvFile = true,
): string {
  const args = [...c.settings.command, '-p', `${bg.project}-${color}`];
  for (const f of c.settings.files) args.push('-f', f);
  if (withEnvFile) args.push('--env-file', colorEnvFile(c, color));
  return shellJoin(args);
}

function cd(appDir: string): string {
  return `cd ${shellQuote(appDir)}`;
}

function lineMatcher(variables: string[]): string {
  return `^[[:space:]]*(export[[:space:]]+)?(${variables.join('|')})[[:space:]]*=`;
}

/**
 * Writes `<env-file>.<color>`: the env file's lines without IMAGE/PORT (every images variable), then
 * IMAGE= (each VAR= of `images`; a string is the one image of image-variable) and PORT=. It
 * holds the env file's secrets, so it gets the env file's mode (0600 when there is no env file),
 * written to a temporary file and renamed into place. Pure.
 */
export function writeColorEnvScript(
  appDir: string,
  c: ComposeConfig,
  bg: BlueGreenConfig,
  color: string,
  image: string | Readonly<Record<string, string>>,
  port: number | string,
): string {
  const f = shellQuote(c.settings.envFile);
  const images = typeof image === 'string' ? { [c.settings.imageVariable]: image } : image;
  const vars = [...Object.keys(images), bg.portVariable];
  const lines = [...Object.entries(images).map(([v, ref]) => `${v}=${ref}`), `${bg.portVariable}=${port}`];
  const producer = `if [ -f ${f} ]; then grep -Ev ${shellQuote(lineMatcher(vars))} ${f} || true; fi; printf '%s\\n' ${lines.map(shellQuote).join(' ')}`;
  return [
    cd(appDir),
    replaceFileScript(colorEnvFile(c, color), producer, { modeFrom: c.settings.envFile, secret: true }),
  ].join(' && ');
}

/** Pulls the image for a color (the variables are set for this command only). Pure. */
export function colorPullCommand(
  appDir: string,
  c: ComposeConfig,
  bg: BlueGreenConfig,
  color: string,
  port: number | string,
): string {
  return `${cd(appDir)} && ${imageAssignments(c.images)} ${bg.portVariable}=${shellQuote(String(port))} ${colorCompose(c, bg, color, false)} pull --quiet`;
}

/** `up -d --remove-orphans --wait` for one color. Pure. */
export function colorUpCommand(appDir: string, c: ComposeConfig, bg: BlueGreenConfig, color: string): string {
  const args = ['up', '-d', '--remove-orphans'];
  if (!isComposeV1(c.settings)) args.push('--wait');
  return `${cd(appDir)} && ${colorCompose(c, bg, color)} ${shellJoin(args)}`;
}

/** Stops and removes one color's containers (with its env file when it exists). Pure. */
export function colorDownCommand(
  appDir: string,
  c: ComposeConfig,
  bg: BlueGreenConfig,
  color: string,
): string {
  const ef = shellQuote(colorEnvFile(c, color));
  return `${cd(appDir)} && if [ -f ${ef} ]; then ${colorCompose(c, bg, color)} down --remove-orphans; else ${colorCompose(c, bg, color, false)} down --remove-orphans; fi`;
}

/** The color the upstream file points at now, from its port. */
export function liveColorFromUpstream(bg: BlueGreenConfig, upstream: string | undefined): Color | undefined {
  const port = upstream === undefined ? undefined : parseUpstreamPort(upstream);
  if (port === bg.ports.blue) return 'blue';
  if (port === bg.ports.green) return 'green';
  return undefined;
}

/** Files the deploy reads under the lock to learn the live color and its image. */
export function blueGreenStateFiles(config: DeployConfig): Record<string, string> {
  const c = config.compose;
  const bg = c?.blueGreen;
  if (!c || !bg) return {};
  const inApp = (f: string): string => (f.startsWith('/') ? f : `${config.appDir}/${f}`);
  return {
    upstream: upstreamPath(config.appDir, bg.upstreamFile),
    'env-blue': inApp(colorEnvFile(c, 'blue')),
    'env-green': inApp(colorEnvFile(c, 'green')),
  };
}

export function blueGreenPhases(config: DeployConfig, ctx: PlanContext): StrategyPlan {
  const c = config.compose;
  const bg = c?.blueGreen;
  if (!c || !bg) throw new Error('blue-green settings missing');
  const app = config.appDir;
  const compose = c.settings.command.join(' ');
  const next = idleColor(ctx.previous);
  const nextName = next ?? IDLE;
  const nextPort = next ? bg.ports[next] : '<idle port>';
  const live: string | undefined = ctx.previous.known ? ctx.previous.color : LIVE;

  const many = Object.keys(c.images).length > 1 || c.images[c.settings.imageVariable] === undefined;
  const listed = many
    ? formatImageLines(c.images).split('\n').join(', ')
    : `${c.settings.imageVariable}=${c.image}`;
  const pull: Step[] = c.login ? [registryLoginStep(c.login.registry, c.login.username)] : [];
  pull.push({
    kind: 'exec',
    title: `${compose} -p ${bg.project}-${nextName} pull ${many ? listed : c.image}`,
    command: colorPullCommand(app, c, bg, nextName, nextPort),
    registry: true,
  });

  const start: Step[] = [
    {
      kind: 'exec',
      title: `write ${colorEnvFile(c, nextName)} (${listed}, ${bg.portVariable}=${nextPort})`,
      command: writeColorEnvScript(app, c, bg, nextName, c.images, nextPort),
    },
    {
      kind: 'exec',
      title: `${compose} -p ${bg.project}-${nextName} up -d --remove-orphans${isComposeV1(c.settings) ? '' : ' --wait'}`,
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

  const reload: Step = {
    kind: 'script',
    title: `proxy-reload-command`,
    script: bg.reloadCommand,
    cwd: app,
  };
  const switchSteps: Step[] = [
    {
      kind: 'exec',
      title: `point ${bg.upstreamFile} at 127.0.0.1:${nextPort} (${nextName})`,
      command: writeUpstreamScript(app, bg.upstreamFile, nextPort, nextName, ctx.releaseId),
    },
    reload,
  ];

  const retire: Step[] = [];
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

  const removeNew: Step = {
    kind: 'exec',
    title: `${compose} -p ${bg.project}-${nextName} down (the new color)`,
    command: colorDownCommand(app, c, bg, nextName),
  };
  const undoAfterCommit: Step[] = [];
  if (live !== undefined) {
    undoAfterCommit.push({
      kind: 'exec',
      title: `${compose} -p ${bg.project}-${live} up (the previous color)`,
      command: colorUpCommand(app, c, bg, live),
    });
  }
  undoAfterCommit.push(
    {
      kind: 'exec',
      title: `restore ${bg.upstreamFile}`,
      command: restoreUpstreamScript(app, bg.upstreamFile),
    },
    reload,
    removeNew,
  );
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
