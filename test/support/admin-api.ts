import type { FastifyInstance, InjectOptions } from 'fastify';
import { Redis } from 'ioredis';
import pino from 'pino';
import { buildServer } from '../../api/server.ts';
import type { MediaStore } from '../../core/media/media-store.ts';
import { loadCityCalendar } from '../../core/routing/city-calendar.ts';
import { issueApiToken } from '../../core/staff/api-tokens.ts';
import type { StaffRole } from '../../generated/prisma/enums.ts';
import type { TestDatabase } from './database.ts';
import { testRedisUrl } from './redis.ts';

/** The HTTP server with the admin API on a test database, driven by inject (no port). */
export class AdminApi {
  private constructor(
    readonly app: FastifyInstance,
    readonly db: TestDatabase,
    private readonly redis: Redis,
  ) {}

  static async start(
    db: TestDatabase,
    options: { media?: MediaStore; requestsPerMinute?: number } = {},
  ): Promise<AdminApi> {
    const redis = new Redis(testRedisUrl(), { lazyConnect: true, maxRetriesPerRequest: 1 });
    const app = await buildServer({
      log: pino({ level: 'silent' }),
      prisma: db.prisma,
      redis,
      admin: {
        prisma: db.prisma,
        calendar: await loadCityCalendar(),
        requestsPerMinute: options.requestsPerMinute ?? 100_000,
        ...(options.media ? { media: options.media } : {}),
      },
    });
    await app.ready();
    return new AdminApi(app, db, redis);
  }

  /** A fresh token of this role (and office, by code, for officials and heads). */
  async token(role: StaffRole, officeCode?: string): Promise<string> {
    const office = officeCode
      ? await this.db.prisma.office.findUniqueOrThrow({ where: { code: officeCode } })
      : null;
    const issued = await issueApiToken(this.db.prisma, {
      name: `test ${role}`,
      role,
      officeId: office?.id ?? null,
    });
    return issued.token;
  }

  request(token: string | undefined, options: InjectOptions) {
    const headers = { ...(token ? { authorization: `Bearer ${token}` } : {}), ...options.headers };
    return this.app.inject({ ...options, headers });
  }

  get(token: string | undefined, url: string) {
    return this.request(token, { method: 'GET', url });
  }

  post(token: string | undefined, url: string, payload: unknown) {
    return this.request(token, { method: 'POST', url, payload: payload as object });
  }

  async close(): Promise<void> {
    await this.app.close();
    this.redis.disconnect();
  }
}
