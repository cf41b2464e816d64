import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  formatReplaySummary,
  type ReplaySummary,
  replayAppeals,
} from '../../bench/support/appeal-replay.ts';
import { startWebhookService, type WebhookService } from '../../bench/support/webhook-service.ts';
import { parseCsv, parseCsvWithHeader } from '../../core/classification/history/csv.ts';
import { type FakeTelegramApi, startFakeTelegramApi } from '../fakes/telegram-api.ts';
import { appealsMissingReason, readAppeals, sampleAppeals } from '../support/appeals.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

const APPEALS = 300;
const RESIDENTS_AT_ONCE = 12;

describe('when an appeals CSV is read', () => {
  it('keeps commas, doubled quotes and line breaks inside quoted fields', () => {
    const text = 'id,text\r\n1,"Яма, глубокая"\r\n2,"ТСЖ ""Вечера""\nне отвечает"\n3,\n';
    expect(parseCsv(text)).toEqual([
      ['id', 'text'],
      ['1', 'Яма, глубокая'],
      ['2', 'ТСЖ "Вечера"\nне отвечает'],
      ['3', ''],
    ]);
  });

  it('keeps empty fields, a last record without a line break and stray inner quotes', () => {
    expect(parseCsv('a,,b\nc,"",\n5 "дюймов",x')).toEqual([
      ['a', '', 'b'],
      ['c', '', ''],
      ['5 "дюймов"', 'x'],
    ]);
    expect(parseCsv('a,')).toEqual([['a', '']]);
  });

  it('names fields by the header and leaves missing ones empty', () => {
    expect(parseCsvWithHeader('\uFEFFa,b,c\n1,"2"\n')).toEqual([{ a: '1', b: '2', c: '' }]);
  });

  it('refuses a file that ends inside quotes', () => {
    expect(() => parseCsv('a\n"open')).toThrow(/inside a quoted field/);
  });
});

const missing = appealsMissingReason();
const title = missing
  ? `when real appeals are replayed through the webhook (skipped: ${missing})`
  : `when ${APPEALS} real appeals are replayed through the webhook`;

describe.skipIf(missing !== undefined)(title, () => {
  let db: TestDatabase;
  let api: FakeTelegramApi;
  let bot: WebhookService;
  let summary: ReplaySummary;

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startFakeTelegramApi();
    bot = await startWebhookService({ databaseUrl: db.url, api, logLevel: 'warn' });
    summary = await replayAppeals({
      prisma: db.prisma,
      target: { api, url: bot.url, secret: bot.secret },
      appeals: sampleAppeals(readAppeals(), APPEALS),
      concurrency: RESIDENTS_AT_ONCE,
      firstChatId: 810_000,
    });
    process.stdout.write(`${formatReplaySummary(summary).join('\n')}\n`);
  }, 120_000);
  afterAll(async () => {
    await bot?.close();
    await api?.close();
    await db?.drop();
  });

  it('files every appeal and stores each exactly once', () => {
    expect(summary.failures).toEqual([]);
    expect(summary.filed).toBe(APPEALS);
    expect(summary.storedOnce).toBe(APPEALS);
    expect(summary.reportsInDatabase).toBe(APPEALS);
  });

  it('stores each in the district its location falls in, all eight districts used', () => {
    expect(summary.rightDistrict).toBe(APPEALS);
    expect(Object.keys(summary.byDistrict)).toHaveLength(8);
  });

  it('keeps the category the resident confirmed, by suggestion or from the full list', () => {
    expect(summary.rightCategory).toBe(APPEALS);
    expect(summary.tookSuggestion).toBeGreaterThan(0);
    expect(summary.choseFromList).toBeGreaterThan(0);
  });

  it('keeps every photo, albums included', () => {
    expect(summary.rightPhotos).toBe(APPEALS);
    expect(summary.photos).toBeGreaterThan(APPEALS);
  });

  it('answers "too short" to exactly the texts that break the rule, then takes more words', () => {
    expect(summary.tooShortTexts).toBeGreaterThan(0);
    expect(summary.refused.too_short).toBe(summary.tooShortTexts);
    expect(summary.rightDescription).toBe(APPEALS);
  });

  it('logs no error while doing so', () => {
    expect(bot.errorsLogged()).toBe(0);
  });
});
