import 'dotenv/config';
import { createService } from './app/service.ts';
import { ConfigError, loadConfig } from './core/config.ts';
import { createLogger } from './core/logger.ts';

/** How long a stop may take before the process exits anyway. */
const STOP_TIMEOUT_MS = 30_000;

/** Starts One Click: reads the configuration, builds the service, handles signals. */
async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.LOG_LEVEL);
  const service = await createService(config, { log });

  let stopping = false;
  const shutdown = (signal: string) => {
    // A second signal means the operator will not wait: leave at once.
    if (stopping) {
      log.warn({ signal }, 'forced exit');
      process.exit(1);
    }
    stopping = true;
    log.info({ signal }, 'stopping');
    // Work in hand gets this long to finish; a stop that hangs must not keep the process.
    setTimeout(() => {
      log.error('stop took too long; exiting');
      process.exit(1);
    }, STOP_TIMEOUT_MS).unref();
    service.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error({ err }, 'stop failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));

  await service.start();
  log.info({ roles: config.ROLES, port: config.PORT }, 'One Click is running');
}

main().catch((err: unknown) => {
  // A configuration error is one clear line; anything else keeps its stack for the operator.
  if (err instanceof ConfigError) process.stderr.write(`${err.message}\n`);
  else
    process.stderr.write(
      `One Click failed to start: ${String(err instanceof Error ? err.stack : err)}\n`,
    );
  process.exit(1);
});
