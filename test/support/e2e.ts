import { afterAll, beforeAll } from 'vitest';
import { createTestDatabase, type TestDatabase } from './database.ts';
import { type DeliveryMode, TelegramHarness } from './telegram-harness.ts';
import { VkHarness, type VkMode } from './vk-harness.ts';

/** A test file's own database and running service, made before its tests, closed after. */
interface E2e<H> {
  readonly db: TestDatabase;
  readonly harness: H;
}

function useHarness<H extends { close(): Promise<void> }>(
  start: (db: TestDatabase) => Promise<H>,
): E2e<H> {
  const scope: { db?: TestDatabase; harness?: H } = {};
  beforeAll(async () => {
    scope.db = await createTestDatabase();
    scope.harness = await start(scope.db);
  });
  afterAll(async () => {
    await scope.harness?.close();
    await scope.db?.drop();
  });
  return {
    get db() {
      if (!scope.db) throw new Error('The database exists once the tests run');
      return scope.db;
    },
    get harness() {
      if (!scope.harness) throw new Error('The service runs once the tests run');
      return scope.harness;
    },
  };
}

/** The service with its Telegram bot, updates arriving by webhook or long polling. */
export function useTelegramHarness(mode: DeliveryMode): E2e<TelegramHarness> {
  return useHarness((db) => TelegramHarness.start(db, mode));
}

/** The service with its VK bot (and Telegram, for officials), by Callback API or Long Poll. */
export function useVkHarness(mode: VkMode): E2e<VkHarness> {
  return useHarness((db) => VkHarness.start(db, mode));
}
