import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Outgoing } from '../../core/conversation/types.ts';
import { type JobsRuntime, startJobs } from '../../core/jobs/runtime.ts';
import { updateEvent } from '../../core/volunteering/organise.ts';
import { sweepVolunteerReminders } from '../../core/volunteering/reminder-sweep.ts';
import { signUp } from '../../core/volunteering/signups.ts';
import { type FakeTelegramApi, startFakeTelegramApi } from '../fakes/telegram-api.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { clearRedisPrefix, testRedisPrefix, testRedisUrl } from '../support/redis.ts';
import { telegramSendersFor } from '../support/telegram-senders.ts';
import { HOUR_MS, newVolunteerEvent } from '../support/volunteer-events.ts';

let db: TestDatabase;
let nextChat = 970_000;

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

/** A resident with a seat (or a given-back seat) at an event; returns the signup's id. */
async function seat(
  eventId: number,
  options: { status?: 'going' | 'cancelled'; locale?: string } = {},
): Promise<{ signupId: number; chatId: string }> {
  const chatId = String(nextChat++);
  const resident = await db.prisma.resident.create({
    data: {
      channel: 'telegram',
      platformUserId: chatId,
      chatId,
      locale: options.locale ?? 'ru',
      consentAt: new Date(),
      consentVersion: 'test',
    },
  });
  const signup = await db.prisma.volunteerSignup.create({
    data: { eventId, residentId: resident.id, status: options.status ?? 'going' },
  });
  return { signupId: signup.id, chatId };
}

const sweep = (now: Date) => sweepVolunteerReminders(db.prisma, { now });
const hoursBefore = (startsAt: Date, hours: number) =>
  new Date(startsAt.getTime() - hours * HOUR_MS);

async function reminders(chatId: string) {
  const rows = await db.prisma.delivery.findMany({ where: { chatId }, orderBy: { id: 'asc' } });
  return rows.map((row) => ({ key: row.key, messages: row.messages as unknown as Outgoing[] }));
}

describe('when volunteers are reminded of their events', () => {
  it('reminds the day before and two hours before, each once', async () => {
    const startsAt = new Date('2031-03-10T02:00:00Z');
    const eventId = await newVolunteerEvent(db.prisma, { title: 'Уборка сквера', startsAt });
    const { signupId, chatId } = await seat(eventId);

    expect(await sweep(hoursBefore(startsAt, 24.01))).toMatchObject({ day: 0, soon: 0 });
    expect(await sweep(hoursBefore(startsAt, 24))).toMatchObject({ day: 1, soon: 0, queued: 1 });
    expect(await sweep(hoursBefore(startsAt, 20))).toMatchObject({ day: 0, soon: 0 });
    expect(await sweep(hoursBefore(startsAt, 2.01))).toMatchObject({ day: 0, soon: 0 });
    expect(await sweep(hoursBefore(startsAt, 2))).toMatchObject({ day: 0, soon: 1, queued: 1 });
    expect(await sweep(hoursBefore(startsAt, 0.5))).toMatchObject({ day: 0, soon: 0 });
    expect(await sweep(startsAt)).toMatchObject({ day: 0, soon: 0 });

    const sent = await reminders(chatId);
    const iso = startsAt.toISOString();
    expect(sent.map((row) => row.key)).toEqual([
      `volunteer:signup:${signupId}:day:${iso}`,
      `volunteer:signup:${signupId}:soon:${iso}`,
    ]);
    const day = sent[0]?.messages[0];
    // What, when (in Yakutsk: UTC+9), where, and the seat offered back.
    expect(day?.text).toContain('Напоминаем: вы записаны на «Уборка сквера»');
    expect(day?.text).toContain('10.03.2031, 11:00–14:00');
    expect(day?.text).toContain('ул. Ленина, 1');
    expect(day?.text).toContain('https://yandex.ru/maps/');
    expect(day?.inline?.[0]?.[0]).toEqual({
      label: '❌ Отменить запись',
      payload: `v|vol-leave|${eventId}`,
    });
    expect(sent[1]?.messages[0]?.text).toContain('Скоро начало');
    const stored = await db.prisma.volunteerSignup.findUniqueOrThrow({ where: { id: signupId } });
    expect(stored.dayReminderAt).toEqual(hoursBefore(startsAt, 24));
    expect(stored.soonReminderAt).toEqual(hoursBefore(startsAt, 2));
  });

  it('sends only the reminder still due to a resident who signed up late', async () => {
    const startsAt = new Date('2032-05-01T00:00:00Z');
    const eventId = await newVolunteerEvent(db.prisma, { startsAt });
    const { chatId } = await seat(eventId, { locale: 'en' });

    expect(await sweep(hoursBefore(startsAt, 1))).toMatchObject({ day: 0, soon: 1 });
    expect(await sweep(hoursBefore(startsAt, 0.5))).toMatchObject({ day: 0, soon: 0 });
    const sent = await reminders(chatId);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.messages[0]?.text).toContain('Starting soon');
  });

  it('sends no day-before reminder to one who signed up within the last day', async () => {
    const startsAt = new Date('2032-06-01T00:00:00Z');
    const eventId = await newVolunteerEvent(db.prisma, { startsAt });
    const chatId = String(nextChat++);
    const resident = await db.prisma.resident.create({
      data: {
        channel: 'telegram',
        platformUserId: chatId,
        chatId,
        consentAt: new Date(),
        consentVersion: 'test',
      },
    });
    const signedUp = await db.prisma.$transaction((tx) =>
      signUp(tx, { eventId, residentId: resident.id, now: hoursBefore(startsAt, 10) }),
    );
    expect(signedUp.ok).toBe(true);

    expect(await sweep(hoursBefore(startsAt, 9))).toMatchObject({ day: 0, soon: 0 });
    expect(await sweep(hoursBefore(startsAt, 1))).toMatchObject({ day: 0, soon: 1 });
    expect((await reminders(chatId)).map((row) => row.key)).toHaveLength(1);
  });

  it('reminds nobody who gave the seat back, nor of a cancelled event', async () => {
    const startsAt = new Date('2033-07-01T00:00:00Z');
    const open = await newVolunteerEvent(db.prisma, { startsAt });
    const cancelled = await newVolunteerEvent(db.prisma, { startsAt, status: 'cancelled' });
    const gaveBack = await seat(open, { status: 'cancelled' });
    const atCancelled = await seat(cancelled);

    expect(await sweep(hoursBefore(startsAt, 10))).toMatchObject({ day: 0, soon: 0 });
    expect(await sweep(hoursBefore(startsAt, 1))).toMatchObject({ day: 0, soon: 0 });
    expect(await reminders(gaveBack.chatId)).toEqual([]);
    expect(await reminders(atCancelled.chatId)).toEqual([]);
  });

  it('reminds afresh of an event moved to another day', async () => {
    const startsAt = new Date('2034-09-01T00:00:00Z');
    const eventId = await newVolunteerEvent(db.prisma, { startsAt });
    const { chatId } = await seat(eventId);
    expect(await sweep(hoursBefore(startsAt, 12))).toMatchObject({ day: 1 });

    const movedTo = new Date(startsAt.getTime() + 48 * HOUR_MS);
    const endsAt = new Date(movedTo.getTime() + 3 * HOUR_MS);
    const moved = await db.prisma.$transaction((tx) =>
      updateEvent(tx, eventId, { startsAt: movedTo, endsAt }, hoursBefore(startsAt, 11)),
    );
    expect(moved).toMatchObject({ ok: true, notified: 1 });
    expect(await sweep(hoursBefore(movedTo, 12))).toMatchObject({ day: 1 });

    const keys = (await reminders(chatId)).map((row) => row.key);
    expect(keys).toHaveLength(3);
    expect(keys[1]).toMatch(/:changed:/);
    expect(keys[2]).toContain(`:day:${movedTo.toISOString()}`);
  });
});

describe('when the maintenance worker runs the reminders on a short schedule', () => {
  let telegram: FakeTelegramApi;
  let jobs: JobsRuntime;
  const prefix = testRedisPrefix();

  beforeAll(async () => {
    telegram = await startFakeTelegramApi();
    jobs = await startJobs({
      redisUrl: testRedisUrl(),
      prefix,
      prisma: db.prisma,
      log: pino({ level: 'silent' }),
      calendar: { addWorkingDays: (from: Date) => from },
      senders: telegramSendersFor(telegram),
      runWorkers: true,
      deadlineSweepEveryMs: 200,
    });
  });
  afterAll(async () => {
    await jobs.close();
    await telegram.close();
    await clearRedisPrefix(prefix);
  });

  it('delivers the day-before reminder to the resident’s chat', async () => {
    const startsAt = new Date(Date.now() + 5 * HOUR_MS);
    const eventId = await newVolunteerEvent(db.prisma, { title: 'Живая очередь', startsAt });
    const { chatId } = await seat(eventId);

    // The reminders the tests above queued are sent too: this chat's is the one that counts.
    const texts = () => telegram.sentMessages(Number(chatId)).map((sent) => sent.text ?? '');
    await expect.poll(texts, { timeout: 15_000 }).toHaveLength(1);
    expect(texts()[0]).toContain('Напоминаем: вы записаны на «Живая очередь»');
  });
});
