import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { UserFromGetMe } from 'grammy/types';
import { createService, type Service } from '../../app/service.ts';
import { parseConfig } from '../../core/config.ts';
import { createLogger } from '../../core/logger.ts';
import type { TestDatabase } from './database.ts';
import { clearRedisPrefix, testRedisPrefix, testRedisUrl } from './redis.ts';

/**
 * The whole service (API, bots, workers) as one process runs it, on a test database, a Redis
 * prefix and a media folder of its own, logging into `logLines` so tests can read the logs.
 * The harnesses of each platform add how updates reach it.
 */
export class ServiceUnderTest {
  readonly logLines: string[] = [];
  private running: Service | undefined;
  private readonly redisPrefix = testRedisPrefix();
  /** Report photos are copied into a folder of this service's own, removed at close. */
  private readonly mediaDir = mkdtempSync(join(tmpdir(), 'oneclick-media-'));

  constructor(
    private readonly db: TestDatabase,
    /** The platform settings (tokens, API roots, webhook or callback) on top of the base. */
    private readonly settings: Record<string, string>,
    private readonly telegramBotInfo: UserFromGetMe,
  ) {}

  get service(): Service | undefined {
    return this.running;
  }

  /** Builds and starts a fresh service process-equivalent on the same database and fakes. */
  async boot(): Promise<void> {
    const config = parseConfig({
      DATABASE_URL: this.db.url,
      REDIS_URL: testRedisUrl(),
      REDIS_PREFIX: this.redisPrefix,
      MEDIA_DIR: this.mediaDir,
      PORT: '0',
      ROLES: 'api,bots,worker',
      LOG_LEVEL: 'debug',
      ...this.settings,
    });
    const sink = new Writable({
      write: (chunk: Buffer, _encoding, done) => {
        this.logLines.push(chunk.toString('utf8'));
        done();
      },
    });
    this.running = await createService(config, {
      log: createLogger(config.LOG_LEVEL, sink),
      telegramBotInfo: this.telegramBotInfo,
    });
    await this.running.start();
  }

  /** Stops the service as a restart would: it finishes what it was doing first. */
  async shutdown(): Promise<void> {
    await this.running?.stop();
    this.running = undefined;
  }

  async close(): Promise<void> {
    await this.shutdown();
    await clearRedisPrefix(this.redisPrefix);
    rmSync(this.mediaDir, { recursive: true, force: true });
  }

  /** The running service's HTTP root on loopback. */
  get baseUrl(): string {
    const address = this.running?.server?.server.address() as AddressInfo | null;
    if (!address) throw new Error('The service is not listening');
    return `http://127.0.0.1:${address.port}`;
  }
}
