import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONCURRENCY } from '../../core/broadcast/limits.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { BroadcastHarness, ENGLISH_TEXT, RUSSIAN_TEXT } from './broadcast-harness.ts';
import { addFollowers, chatRange } from './followers.ts';

const TELEGRAM_CHATS = chatRange(710_001, 40);
const BLOCKED_CHATS = TELEGRAM_CHATS.filter((_, index) => index % 10 === 3);
const VK_PEERS = chatRange(720_001, 20);
const BLOCKED_PEERS = VK_PEERS.filter((_, index) => index % 10 === 5);

let db: TestDatabase;
let harness: BroadcastHarness;

beforeAll(async () => {
  db = await createTestDatabase();
  harness = await BroadcastHarness.start(db, {
    telegram: { enforceLimits: true, blockedChats: BLOCKED_CHATS },
    vk: { blockedPeers: BLOCKED_PEERS },
  });
  // Every third follower on Telegram reads English.
  await addFollowers(db.prisma, {
    channel: 'telegram',
    chatIds: TELEGRAM_CHATS,
    topic: 'volunteering',
    localeOf: (index) => (index % 3 === 0 ? 'en' : 'ru'),
  });
  await addFollowers(db.prisma, { channel: 'vk', chatIds: VK_PEERS, topic: 'volunteering' });
});
afterAll(async () => {
  await harness?.close();
  await db?.drop();
});

describe('when an update goes to followers on Telegram and VK under the platforms’ limits', () => {
  let first: Awaited<ReturnType<BroadcastHarness['finished']>>;

  beforeAll(async () => {
    const published = await harness.publish('volunteering:cleanup:1');
    expect(published?.recipients).toBe(TELEGRAM_CHATS.length + VK_PEERS.length);
    first = await harness.finished(published?.broadcastId ?? -1);
  });

  it('gives each reachable follower exactly one message', () => {
    const telegram = harness.telegramMessagesByChat();
    for (const chatId of TELEGRAM_CHATS) {
      expect(telegram.get(chatId) ?? 0).toBe(BLOCKED_CHATS.includes(chatId) ? 0 : 1);
    }
    const vk = harness.vkMessagesByPeer();
    for (const peerId of VK_PEERS) {
      expect(vk.get(peerId) ?? 0).toBe(BLOCKED_PEERS.includes(peerId) ? 0 : 1);
    }
  });

  it('writes to each follower in their language, with a button to stop following', () => {
    const english = harness.telegram.sentMessages(TELEGRAM_CHATS[0]);
    const russian = harness.telegram.sentMessages(TELEGRAM_CHATS[1]);
    expect(english[0]?.text).toBe(ENGLISH_TEXT);
    expect(russian[0]?.text).toBe(RUSSIAN_TEXT);
    expect(JSON.stringify(russian[0]?.replyMarkup)).toContain('inline_keyboard');
  });

  it('finishes the broadcast with every recipient sent or unreachable', () => {
    expect(first.broadcast.status).toBe('done');
    expect(first.broadcast.finishedAt).not.toBeNull();
    const unreachable = first.recipients.filter((r) => r.status === 'unreachable');
    expect(unreachable).toHaveLength(BLOCKED_CHATS.length + BLOCKED_PEERS.length);
    expect(first.recipients.filter((r) => r.status === 'sent')).toHaveLength(
      TELEGRAM_CHATS.length + VK_PEERS.length - unreachable.length,
    );
  });

  it('marks the residents who blocked the bot unreachable', async () => {
    const blocked = [...BLOCKED_CHATS, ...BLOCKED_PEERS].map(String);
    const residents = await db.prisma.resident.findMany({ where: { chatId: { in: blocked } } });
    expect(residents).toHaveLength(blocked.length);
    expect(residents.every((resident) => resident.unreachableAt !== null)).toBe(true);
  });

  it('leaves the unreachable out of the next broadcast', async () => {
    const triedBefore = harness.telegram.calls('sendMessage').length;
    const published = await harness.publish('volunteering:cleanup:2');
    const reachable =
      TELEGRAM_CHATS.length + VK_PEERS.length - BLOCKED_CHATS.length - BLOCKED_PEERS.length;
    expect(published?.recipients).toBe(reachable);
    const second = await harness.finished(published?.broadcastId ?? -1);
    expect(second.recipients.every((r) => r.status === 'sent')).toBe(true);
    const tried = harness.telegram.calls('sendMessage').slice(triedBefore);
    const blocked = new Set(BLOCKED_CHATS.map(String));
    expect(tried.some((call) => blocked.has(String(call.params.chat_id)))).toBe(false);
  });

  it('publishes an update once however often its key is published', async () => {
    expect(await harness.publish('volunteering:cleanup:1')).toBeNull();
    expect(await db.prisma.broadcast.count({ where: { key: 'volunteering:cleanup:1' } })).toBe(1);
  });
});

describe('when Telegram answers 429 during a broadcast', () => {
  it('pauses for retry_after and still sends each follower one message', async () => {
    const chats = chatRange(730_001, 24);
    await addFollowers(db.prisma, { channel: 'telegram', chatIds: chats, topic: 'hearings' });
    harness.telegram.rateLimitNext('sendMessage', 2);

    const published = await harness.publish('hearing:7:opened', 'hearings');
    const { recipients } = await harness.finished(published?.broadcastId ?? -1);

    expect(recipients.every((r) => r.status === 'sent')).toBe(true);
    // A rate limit is no attempt of the recipient's: each one went out at its first.
    expect(recipients.every((r) => r.attempts === 1)).toBe(true);
    const byChat = harness.telegramMessagesByChat();
    expect(chats.map((chatId) => byChat.get(chatId))).toEqual(chats.map(() => 1));

    const calls = harness.telegram
      .calls('sendMessage')
      .filter((call) => chats.includes(Number(call.params.chat_id)));
    const limited = calls.find((call) => call.error?.error_code === 429);
    expect(limited).toBeDefined();
    // Only the sends already on their way when the 429 came may arrive within its retry_after;
    // the queue starts no new one before it has passed.
    const limitedAt = limited?.at ?? 0;
    const duringPause = calls.filter(
      (call) => !call.error && call.at > limitedAt && call.at < limitedAt + 2_000 - 50,
    );
    expect(duringPause.length).toBeLessThan(DEFAULT_CONCURRENCY);
  });
});

describe('when Telegram refuses a message for good', () => {
  it('records the recipient failed at once, without retrying, and finishes', async () => {
    const [chatId = 0] = chatRange(740_001, 1);
    await addFollowers(db.prisma, {
      channel: 'telegram',
      chatIds: [chatId],
      topic: 'official_reports',
    });
    harness.telegram.failNext('sendMessage', {
      error_code: 400,
      description: 'Bad Request: message is too long',
    });
    const published = await harness.publish('official-report:4:published', 'official_reports');
    const { broadcast, recipients } = await harness.finished(published?.broadcastId ?? -1);
    expect(broadcast.status).toBe('done');
    expect(recipients).toMatchObject([{ status: 'failed', attempts: 1 }]);
    expect(recipients[0]?.lastError).toContain('400');
  });
});
