import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConversationEngine } from '../../core/conversation/engine.ts';
import type { GeoPoint } from '../../core/conversation/types.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { TestChat, testEngine } from '../support/dialogue.ts';

let db: TestDatabase;
let engine: ConversationEngine;

beforeAll(async () => {
  db = await createTestDatabase();
  engine = await testEngine(db);
});
afterAll(() => db.drop());

/**
 * A place of its own in the Central okrug for each test, about 260 m from the next one, so
 * that one test's reports are never "nearby" in another.
 */
let places = 0;
function freshPlace(): GeoPoint {
  places += 1;
  return { latitude: 62.0285, longitude: 129.715 + places * 0.005 };
}

/** About `metres` north of a point. */
const northOf = (point: GeoPoint, metres: number): GeoPoint => ({
  latitude: point.latitude + metres / 111_195,
  longitude: point.longitude,
});

const ROADS = 'Дороги и тротуары';
const LIGHTING = 'Уличное освещение';
const POTHOLE = 'Глубокая яма на дороге у остановки';

async function newResident(): Promise<TestChat> {
  const chat = new TestChat(engine);
  await chat.command('start');
  await chat.press('Согласен(на)');
  return chat;
}

/** Walks a report up to the summary: place, one photo, description, category. */
async function reachSummary(
  chat: TestChat,
  point: GeoPoint,
  category = ROADS,
  description = POTHOLE,
): Promise<void> {
  await chat.command('report');
  await chat.send({ kind: 'location', point });
  await chat.send({ kind: 'photo', photo: { fileId: `file-${chat.chatId}` } });
  await chat.text('Готово ➡');
  await chat.text(description);
  if (category !== ROADS) await chat.press('Другие категории…');
  await chat.press(category);
}

async function fileReport(chat: TestChat, point: GeoPoint, category = ROADS): Promise<number> {
  await reachSummary(chat, point, category);
  await chat.press('✅ Отправить');
  const number = Number(/№ (\d+)/.exec(chat.said)?.[1]);
  expect(number).toBeGreaterThan(0);
  return number;
}

const reportCount = () => db.prisma.report.count();

describe('when a resident reports a problem 20 m from an open report of the same category', () => {
  it('offers to join it, above the summary', async () => {
    const place = freshPlace();
    const first = await fileReport(await newResident(), place);

    const second = await newResident();
    await reachSummary(second, northOf(place, 20));

    expect(second.said).toContain(`Рядом уже есть открытое обращение № ${first}`);
    expect(second.said).toMatch(/\(2\d м от вашей точки\)/);
    // The other resident's words are not shown to a stranger.
    expect(second.lastReply.messages[0]?.text).not.toContain(POTHOLE);
    expect(second.said).toContain('Проверьте обращение');
    const labels = second.lastReply.messages.flatMap((m) => m.inline ?? []).flat();
    expect(labels.map((button) => button.label)).toEqual([
      `Присоединиться к № ${first}`,
      'Нет, подать новое',
      '✅ Отправить',
    ]);
  });

  it('subscribes them when they join, and files no second report', async () => {
    const place = freshPlace();
    const first = await fileReport(await newResident(), place);
    const before = await reportCount();

    const second = await newResident();
    await reachSummary(second, northOf(place, 20));
    await second.press(`Присоединиться к № ${first}`);

    expect(second.said).toContain(`Вы присоединились к обращению № ${first}`);
    expect(await reportCount()).toBe(before);
    const resident = await db.prisma.resident.findFirstOrThrow({
      where: { chatId: second.chatId },
    });
    const subscriptions = await db.prisma.reportSubscription.findMany({
      where: { residentId: resident.id },
      select: { report: { select: { number: true } } },
    });
    expect(subscriptions.map((s) => s.report.number)).toEqual([first]);
  });

  it('lets a double tap on "join" do nothing more', async () => {
    const place = freshPlace();
    const first = await fileReport(await newResident(), place);

    const second = await newResident();
    await reachSummary(second, northOf(place, 10));
    const offer = second.lastReply;
    await second.press(`Присоединиться к № ${first}`);
    second.lastReply = offer;
    await second.press(`Присоединиться к № ${first}`);

    expect(second.lastReply.messages).toEqual([]);
    expect(second.lastReply.buttonNotice).toBeDefined();
    const report = await db.prisma.report.findUniqueOrThrow({
      where: { number: first },
      select: { _count: { select: { subscriptions: true } } },
    });
    expect(report._count.subscriptions).toBe(1);
  });

  it('files a new report normally when they say no', async () => {
    const place = freshPlace();
    const first = await fileReport(await newResident(), place);
    const before = await reportCount();

    const second = await newResident();
    await reachSummary(second, northOf(place, 20));
    await second.press('Нет, подать новое');
    expect(second.said).toContain('Проверьте обращение');
    expect(second.said).not.toContain('Рядом уже есть');
    await second.press('✅ Отправить');

    const filed = Number(/№ (\d+) принято/.exec(second.said)?.[1]);
    expect(filed).toBeGreaterThan(first);
    expect(await reportCount()).toBe(before + 1);
    expect(await db.prisma.reportSubscription.count({ where: { report: { number: first } } })).toBe(
      0,
    );
  });
});

describe('when no open report of the same category is within 50 m', () => {
  it('does not offer one 100 m away', async () => {
    const place = freshPlace();
    await fileReport(await newResident(), place);

    const second = await newResident();
    await reachSummary(second, northOf(place, 100));
    expect(second.said).toContain('Проверьте обращение');
    expect(second.said).not.toContain('Рядом уже есть');
  });

  it('does not offer one of another category at the same place', async () => {
    const place = freshPlace();
    await fileReport(await newResident(), place, LIGHTING);

    const second = await newResident();
    await reachSummary(second, place);
    expect(second.said).not.toContain('Рядом уже есть');
  });

  it.each(['closed', 'rejected', 'duplicate'] as const)(
    'does not offer a %s one',
    async (status) => {
      const place = freshPlace();
      const first = await fileReport(await newResident(), place);
      await db.prisma.report.update({ where: { number: first }, data: { status } });

      const second = await newResident();
      await reachSummary(second, place);
      expect(second.said).not.toContain('Рядом уже есть');
    },
  );

  it("does not offer the resident's own open report", async () => {
    const place = freshPlace();
    const resident = await newResident();
    await fileReport(resident, place);

    await reachSummary(resident, northOf(place, 5));
    expect(resident.said).toContain('Проверьте обращение');
    expect(resident.said).not.toContain('Рядом уже есть');
  });
});
