// `npm run demo` (after scripts/demo.mjs brought the environment up): the whole pipeline on this
// machine — build-push v1 → deploy-ssh → migrate → smoke-test, then a broken v2 that the smoke test
// catches and rollback undoes — each stage run through its bundled dist/<stage>/index.js. Exits 0
// when the scenario went as designed. `npm run demo -- --down` removes what the demo started.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { errorMessage } from '../../lib/errors.js';
import { actionNode, nodeVersionOf, repoRoot } from '../../test/harness/run-action.js';
import { appUrl, HEALTH_PATH } from './app.js';
import { type DemoConfig, DEFAULT_PORT, demoConfig, demoPaths } from './config.js';
import { describeSchema } from './database.js';
import { takeDown } from './down.js';
import { markdownToHtml } from './markdown-html.js';
import { consoleReport, markdownReport, progressLine, type ReportData, seconds } from './report.js';
import { Scenario, STEPS } from './scenario.js';
import { readReleaseHistory } from './server.js';

const USAGE = `usage: npm run demo [-- --port <port>]     run the pipeline demo (v1, broken v2, rollback)
       npm run demo -- --down                  remove what the demo started (not the environment)`;

interface Args {
  down: boolean;
  port: number;
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { down: false, port: DEFAULT_PORT };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--down') args.down = true;
    else if (a === '--port') {
      const port = Number(argv[++i]);
      if (!Number.isInteger(port) || port < 1024 || port > 65535)
        throw new UsageError('--port takes 1024-65535');
      args.port = port;
    } else if (a === '--help' || a === '-h') throw new UsageError('');
    else throw new UsageError(`unknown argument '${a}'`);
  }
  return args;
}

class UsageError extends Error {}

/** Every stage the scenario runs must have its bundle (dist/ is committed; `npm run build` makes it). */
function missingBundles(): string[] {
  const stages = [...new Set(STEPS.map((s) => s.stage))];
  return stages.filter((s) => !existsSync(join(repoRoot, 'dist', s, 'index.js')));
}

async function up(cfg: DemoConfig): Promise<number> {
  const missing = missingBundles();
  if (missing.length) {
    console.error(
      `demo: no bundle for ${missing.map((s) => `dist/${s}/index.js`).join(', ')}: run 'npm run build'`,
    );
    return 1;
  }
  console.log(`ops-actions demo: the sample app (examples/app) through the whole pipeline`);
  console.log(
    `  app ${appUrl(cfg, HEALTH_PATH)} · server ${cfg.env.ssh.user}@${cfg.env.ssh.host}:${cfg.env.ssh.port}:${cfg.appDir}`,
  );
  const node = actionNode('deploy-ssh'); // the Node 24 every stage runs on, as on the runner
  console.log(`  image ${cfg.image} · database ${cfg.database} · stages on Node ${nodeVersionOf(node)}\n`);
  const scenario = new Scenario(cfg, {
    onSetup: (what, ms) => console.log(`  · setup: ${what} (${seconds(ms)})`),
    onStep: (r) => console.log(progressLine(r)),
  });
  await scenario.setup();
  const outcome = await scenario.runAll();

  const history = await readReleaseHistory(cfg).catch((e: unknown) => {
    console.error(`demo: could not read the release history: ${errorMessage(e)}`);
    return undefined;
  });
  const schema = await describeSchema(cfg).catch(() => undefined);
  const data: ReportData = { cfg, runs: scenario.runs, outcome, history, schema };
  const paths = demoPaths(cfg);
  mkdirSync(cfg.workDir, { recursive: true });
  const markdown = markdownReport(data);
  writeFileSync(paths.report, markdown);
  writeFileSync(paths.reportHtml, markdownToHtml(markdown, 'ops-actions demo'));
  console.log(consoleReport(data));
  return outcome.asDesigned ? 0 : 1;
}

async function down(cfg: DemoConfig): Promise<number> {
  console.log('ops-actions demo: removing what the demo started (the environment stays: npm run env:down)');
  const { done, failed } = await takeDown(cfg);
  for (const line of done) console.log(`  ✓ ${line}`);
  for (const line of failed) console.log(`  ✗ ${line}`);
  return failed.length ? 1 : 0;
}

async function main(): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    if (!error.message) {
      console.log(USAGE);
      return 0;
    }
    console.error(`demo: ${error.message}\n${USAGE}`);
    return 2;
  }
  const cfg = demoConfig({ port: args.port });
  return args.down ? down(cfg) : up(cfg);
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`demo: ${errorMessage(error)}`);
    process.exitCode = 1;
  },
);
