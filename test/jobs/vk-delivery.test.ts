import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createVkClient } from '../../bots/vk/bot.ts';
import { createVkSender } from '../../bots/vk/sender.ts';
import { deliver } from '../../core/delivery/deliver.ts';
import { queueDelivery } from '../../core/delivery/deliveries.ts';
import type { Senders } from '../../core/delivery/senders.ts';
import { type FakeVkApi, startFakeVkApi } from '../fakes/vk-api.ts';
import { createEmptyDatabase, type TestDatabase } from '../support/database.ts';

let db: TestDatabase;
let vk: FakeVkApi;
let senders: Senders;
let nextPeer = 630_000;

beforeAll(async () => {
  db = await createEmptyDatabase();
  vk = await startFakeVkApi();
  const client = createVkClient(vk.token, vk.apiBaseUrl);
  senders = { vk: createVkSender({ api: client.api, upload: client.upload }) };
});
afterAll(async () => {
  await vk.close();
  await db.drop();
});
beforeEach(() => vk.reset());

async function queued(peer: number, text: string): Promise<number> {
  const key = `test:${peer}:${text.length}`;
  await queueDelivery(db.prisma, {
    key,
    channel: 'vk',
    chatId: String(peer),
    messages: [{ text }],
  });
  return (await db.prisma.delivery.findUniqueOrThrow({ where: { key } })).id;
}

describe('deliveries to VK', () => {
  it('splits a text over VK’s limit into several messages', async () => {
    const peer = nextPeer++;
    const id = await queued(peer, 'Ответ службы. '.repeat(700));
    expect(await deliver(db.prisma, senders, id)).toBe('sent');
    const sent = vk.sentMessages(peer);
    expect(sent.length).toBe(3);
    expect(sent.every((message) => message.text.length <= 4096)).toBe(true);
  });

  it('marks a resident who does not allow messages unreachable (error 901)', async () => {
    const peer = nextPeer++;
    await db.prisma.resident.create({
      data: {
        channel: 'vk',
        platformUserId: String(peer),
        chatId: String(peer),
        consentAt: new Date(),
        consentVersion: 'test',
      },
    });
    vk.blockPeer(peer);
    const id = await queued(peer, 'Обращение № 1 передано в службу');
    expect(await deliver(db.prisma, senders, id)).toBe('unreachable');
    const resident = await db.prisma.resident.findFirstOrThrow({ where: { chatId: String(peer) } });
    expect(resident.unreachableAt).not.toBeNull();
  });

  it('waits out "too many requests" and sends once', async () => {
    const peer = nextPeer++;
    vk.rateLimitNext('messages.send', 1);
    const id = await queued(peer, 'Обращение № 2 взято в работу');
    expect(await deliver(db.prisma, senders, id)).toBe('sent');
    expect(vk.sentMessages(peer)).toHaveLength(1);
    expect(vk.calls('messages.send').length).toBe(2);
  });

  it('sends again a delivery a dead worker left mid-send, and VK shows it once', async () => {
    const peer = nextPeer++;
    const id = await queued(peer, 'Обращение № 3 решено');
    expect(await deliver(db.prisma, senders, id)).toBe('sent');
    // What a worker that died after VK took the message but before we recorded it leaves.
    await db.prisma.delivery.update({ where: { id }, data: { status: 'sending' } });
    expect(await deliver(db.prisma, senders, id)).toBe('sent');
    expect(vk.calls('messages.send').length).toBe(2);
    expect(vk.sentMessages(peer)).toHaveLength(1);
  });
});
