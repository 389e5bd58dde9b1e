/**
 * `npm start`: the whole system on this machine. Settings come from the environment variables
 * the README's "Local runtime settings" lists; every startup failure is explained in one line.
 */
import { companyZone } from '../shared/app/status.js';
import { DEFAULT_DATA_DIR } from '../shared/config/runtime-file.js';
import { localTimeWords } from '../shared/presentation/local-time-words.js';
import { sourceSecretsFromEnv } from '../shared/sources/source-secrets.js';
import { startupBanner } from './banner.js';
import { ConfigFileError, startRuntime } from './runtime.js';

function fail(message: string): never {
  console.error(`sla: ${message}`);
  process.exit(1);
}

function clockStart(): number | undefined {
  const raw = process.env.SLA_CLOCK;
  if (!raw) return undefined;
  const at = Date.parse(raw);
  if (Number.isNaN(at))
    fail(`SLA_CLOCK '${raw}' is not an ISO-8601 instant, e.g. 2026-11-18T10:00:00-05:00.`);
  return at;
}

function port(): number {
  const raw = process.env.PORT ?? '3000';
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535)
    fail(`PORT '${raw}' is not a port number (0-65535).`);
  return value;
}

async function main() {
  // Lambda runs Node 22; on an older local Node the AWS SDK would print a support notice at start.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const options = {
    host: process.env.HOST ?? '127.0.0.1',
    port: port(),
    dataDir: process.env.SLA_DATA_DIR ?? DEFAULT_DATA_DIR,
    configPath: process.env.SLA_CONFIG ?? 'examples/commitments.yaml',
    clockStart: clockStart(),
    slackSigningSecret: process.env.SLACK_SIGNING_SECRET || undefined,
    slackBotToken: process.env.SLACK_BOT_TOKEN || undefined,
    sourceSecrets: sourceSecretsFromEnv(process.env),
    log: (line: string) => console.log(line),
    // Nothing works without the store; a clear exit beats a server answering 500 to everything.
    onStoreLost: (reason: string) => fail(reason),
  };
  let runtime: Awaited<ReturnType<typeof startRuntime>>;
  try {
    runtime = await startRuntime(options);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (error instanceof ConfigFileError || typeof code === 'string') fail((error as Error).message);
    throw error;
  }
  const loaded = runtime.loadedConfig
    ? `loaded ${options.configPath}: ${runtime.loadedConfig.counts.create} commitments created`
    : 'kept the data of the last run';
  const clockWords = localTimeWords(runtime.clock.now(), await companyZone(runtime.stores));
  // sla finds this runtime through the default data folder, whatever the port; with another
  // folder the hints say where it is.
  const sla = options.dataDir === DEFAULT_DATA_DIR ? 'npx sla' : `SLA_API_URL=${runtime.url} npx sla`;
  console.log(
    startupBanner({
      url: runtime.url,
      dataDir: runtime.dataDir,
      loaded,
      clockWords,
      clockFromEnv: options.clockStart !== undefined,
      outboxPath: runtime.outboxPath,
      slackSigningSecret: runtime.slackSigningSecret,
      signingSecretFromEnv: options.slackSigningSecret !== undefined,
      postsToSlack: options.slackBotToken !== undefined,
      sla,
    }),
  );
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) {
      // A second Ctrl-C means now; the emulator's watchdog stops it (SIGTERM) once we are gone.
      console.log(`\n${signal} again: exiting without waiting.`);
      process.exit(130);
    }
    stopping = true;
    console.log(`\n${signal}: stopping…`);
    await runtime.stop();
    console.log('stopped.');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
