import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createService, type Service } from '../../app/service.ts';
import { parseConfig } from '../../core/config.ts';
import { createLogger } from '../../core/logger.ts';
import type { FakeTelegramApi } from '../../test/fakes/telegram-api.ts';
import { clearRedisPrefix, testRedisPrefix, testRedisUrl } from '../../test/support/redis.ts';

export const WEBHOOK_SECRET = 'bench-secret_token';

type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** The whole service in webhook mode (API and Telegram bot) against a fake Bot API. */
export interface WebhookService {
  readonly service: Service;
  /** Where Telegram would POST updates: the service's own webhook on loopback. */
  readonly url: string;
  readonly secret: string;
  /** Log lines at error level or above, counted (their contents are not kept). */
  readonly errorsLogged: () => number;
  close(): Promise<void>;
}

/**
 * Builds and starts the service as `npm start` would in webhook mode (ROLES api,bots), with its
 * own Redis key prefix. Logs go nowhere, but are still written, since that is part of the
 * service's cost; only lines at error level or above are counted.
 */
export async function startWebhookService(options: {
  databaseUrl: string;
  api: FakeTelegramApi;
  logLevel?: LogLevel;
}): Promise<WebhookService> {
  const redisPrefix = testRedisPrefix();
  const mediaDir = mkdtempSync(join(tmpdir(), 'oneclick-media-'));
  const config = parseConfig({
    MEDIA_DIR: mediaDir,
    DATABASE_URL: options.databaseUrl,
    REDIS_URL: testRedisUrl(),
    REDIS_PREFIX: redisPrefix,
    PORT: '0',
    HOST: '127.0.0.1',
    ROLES: 'api,bots',
    TELEGRAM_BOT_TOKEN: options.api.token,
    TELEGRAM_API_ROOT: options.api.apiRoot,
    // Registered with the fake only; updates are POSTed to the service's real address.
    TELEGRAM_WEBHOOK_URL: 'http://127.0.0.1:9/telegram/webhook',
    TELEGRAM_WEBHOOK_SECRET: WEBHOOK_SECRET,
    LOG_LEVEL: options.logLevel ?? 'info',
  });

  let errors = 0;
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      // pino writes one JSON line per call; level 50 is "error", 60 "fatal".
      if (/"level":[56]0/.test(chunk.toString('utf8'))) errors += 1;
      done();
    },
  });
  const service = await createService(config, {
    log: createLogger(config.LOG_LEVEL, sink),
    telegramBotInfo: options.api.botInfo,
  });
  await service.start();

  const address = service.server?.server.address() as AddressInfo | null;
  if (!address) {
    await service.stop();
    throw new Error('The service did not start its HTTP server');
  }
  return {
    service,
    url: `http://127.0.0.1:${address.port}/telegram/webhook`,
    secret: WEBHOOK_SECRET,
    errorsLogged: () => errors,
    async close() {
      await service.stop();
      await clearRedisPrefix(redisPrefix);
      rmSync(mediaDir, { recursive: true, force: true });
    },
  };
}
