import { parseArgs } from 'node:util';
import { formatReplaySummary, replayAppeals } from '../bench/support/appeal-replay.ts';
import { createBenchDatabase } from '../bench/support/bench-database.ts';
import { startWebhookService } from '../bench/support/webhook-service.ts';
import { startFakeTelegramApi } from '../test/fakes/telegram-api.ts';
import {
  appealsMissingReason,
  readAppeals,
  SPB_APPEALS_CSV,
  sampleAppeals,
} from '../test/support/appeals.ts';

/**
 * `npx tsx scripts/replay-appeals.ts --count 300`: replays real St Petersburg appeals as
 * Telegram reports through the whole service (a fresh database, a fake Bot API on loopback)
 * and prints what was stored. The same replay runs in test/e2e/replay-appeals.test.ts.
 */

const USAGE = 'usage: npx tsx scripts/replay-appeals.ts [--count 300] [--concurrency 12]';

function readOptions(): { count: number; concurrency: number } {
  const { values } = parseArgs({
    options: {
      count: { type: 'string', default: '300' },
      concurrency: { type: 'string', default: '12' },
      help: { type: 'boolean', default: false },
    },
  });
  const count = Number(values.count);
  const concurrency = Number(values.concurrency);
  if (values.help || !isPositive(count) || !isPositive(concurrency)) {
    console.log(USAGE);
    process.exit(values.help ? 0 : 2);
  }
  return { count, concurrency };
}

function isPositive(value: number): boolean {
  return Number.isSafeInteger(value) && value > 0;
}

async function main(): Promise<number> {
  const { count, concurrency } = readOptions();
  const missing = appealsMissingReason();
  if (missing) {
    console.error(`Cannot replay: ${missing}`);
    return 1;
  }

  const appeals = sampleAppeals(readAppeals(), count);
  console.log(
    `Replaying ${appeals.length} appeals from ${SPB_APPEALS_CSV}, ${concurrency} at once`,
  );
  const db = await createBenchDatabase();
  const api = await startFakeTelegramApi();
  const bot = await startWebhookService({ databaseUrl: db.url, api, logLevel: 'warn' });
  try {
    const summary = await replayAppeals({
      prisma: db.prisma,
      target: { api, url: bot.url, secret: bot.secret },
      appeals,
      concurrency,
      firstChatId: 810_000,
    });
    console.log(formatReplaySummary(summary).join('\n'));
    console.log(`errors logged by the service: ${bot.errorsLogged()}`);
    return summary.failures.length === 0 ? 0 : 1;
  } finally {
    await bot.close();
    await api.close();
    await db.drop();
  }
}

process.exitCode = await main();
