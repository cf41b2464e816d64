import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminApi } from '../support/admin-api.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { consentedResident } from '../support/residents.ts';
import { CENTRE, DAY_MS, HOUR_MS } from '../support/volunteer-events.ts';

let db: TestDatabase;
let api: AdminApi;
let organiser: string;
let nextUser = 980_000;

beforeAll(async () => {
  db = await createTestDatabase();
  api = await AdminApi.start(db);
  organiser = await api.token('organiser');
});
afterAll(async () => {
  await api.close();
  await db.drop();
});

function newEvent(fields: Record<string, unknown> = {}) {
  const startsAt = new Date(Date.now() + 3 * DAY_MS);
  return {
    title: 'Уборка набережной',
    description: 'Собираем мусор вдоль реки, инвентарь выдадим.',
    address: 'набережная р. Лены',
    location: CENTRE,
    districtCode: 'tsentralny',
    startsAt: startsAt.toISOString(),
    endsAt: new Date(startsAt.getTime() + 4 * HOUR_MS).toISOString(),
    seats: 5,
    skills: ['аккуратность'],
    ...fields,
  };
}

async function publish(fields: Record<string, unknown> = {}): Promise<number> {
  const created = await api.post(organiser, '/api/v1/volunteer-events', newEvent(fields));
  expect(created.statusCode, created.body).toBe(201);
  return created.json().id;
}

/** A resident holding a seat, with the name they gave. */
async function volunteer(eventId: number, name: string | null = 'Иван Петров') {
  const resident = await consentedResident(db.prisma, { userId: String(nextUser++) });
  if (name) {
    await db.prisma.residentIdentity.create({ data: { residentId: resident.id, fullName: name } });
  }
  const signup = await db.prisma.volunteerSignup.create({
    data: { eventId, residentId: resident.id },
  });
  return { residentId: resident.id, chatId: resident.chatId, signupId: signup.id };
}

/** Moves an event into the past, as time would. */
async function startedAgo(eventId: number, days: number, hours = 4): Promise<void> {
  const startsAt = new Date(Date.now() - days * DAY_MS);
  await db.prisma.volunteerEvent.update({
    where: { id: eventId },
    data: { startsAt, endsAt: new Date(startsAt.getTime() + hours * HOUR_MS) },
  });
}

describe('when organisers publish volunteer events', () => {
  it('publishes one and announces it to the followers of volunteer news', async () => {
    const follower = await consentedResident(db.prisma, { userId: String(nextUser++) });
    await db.prisma.topicSubscription.create({
      data: { residentId: follower.id, topic: 'volunteering' },
    });

    const created = await api.post(organiser, '/api/v1/volunteer-events', newEvent());
    expect(created.statusCode).toBe(201);
    const event = created.json();
    expect(event).toMatchObject({
      title: 'Уборка набережной',
      districtCode: 'tsentralny',
      seats: 5,
      going: 0,
      seatsLeft: 5,
      status: 'open',
      announcedTo: 1,
      location: CENTRE,
    });
    expect(event.mapUrl).toContain('yandex.ru/maps');

    const broadcast = await db.prisma.broadcast.findUniqueOrThrow({
      where: { key: `volunteer-event:${event.id}:announced` },
      include: { recipients: true },
    });
    expect(broadcast.topic).toBe('volunteering');
    expect(broadcast.recipients.map((row) => row.residentId)).toEqual([follower.id]);
    expect(JSON.stringify(broadcast.messages)).toContain(`v|vol-open|${event.id}`);
  });

  it('refuses what cannot be an event, with a reason', async () => {
    const url = '/api/v1/volunteer-events';
    const past = new Date(Date.now() - HOUR_MS).toISOString();
    const cases = [
      [newEvent({ startsAt: past }), 400, 'in_past'],
      [newEvent({ endsAt: new Date(Date.now() + DAY_MS).toISOString() }), 400, 'ends_before_start'],
      [newEvent({ seats: 0 }), 400, 'invalid_request'],
      [newEvent({ title: '' }), 400, 'invalid_request'],
      [newEvent({ startsAt: 'tomorrow' }), 400, 'invalid_request'],
      [newEvent({ location: { latitude: 91, longitude: 0 } }), 400, 'invalid_request'],
      [newEvent({ districtCode: 'atlantida' }), 404, 'not_found'],
    ] as const;
    for (const [body, status, code] of cases) {
      const answer = await api.post(organiser, url, body);
      expect([answer.statusCode, answer.json().error], JSON.stringify(body)).toEqual([
        status,
        code,
      ]);
    }
  });

  it('lists upcoming events soonest first and reads one', async () => {
    const later = await publish({
      title: 'Позже',
      startsAt: new Date(Date.now() + 20 * DAY_MS).toISOString(),
      endsAt: new Date(Date.now() + 20 * DAY_MS + HOUR_MS).toISOString(),
    });
    const sooner = await publish({
      title: 'Раньше',
      startsAt: new Date(Date.now() + DAY_MS).toISOString(),
      endsAt: new Date(Date.now() + DAY_MS + HOUR_MS).toISOString(),
    });
    await volunteer(sooner);

    const list = (await api.get(organiser, '/api/v1/volunteer-events?limit=100')).json();
    const ids = list.events.map((event: { id: number }) => event.id);
    expect(ids.indexOf(sooner)).toBeLessThan(ids.indexOf(later));
    expect(list.total).toBe(ids.length);

    const one = (await api.get(organiser, `/api/v1/volunteer-events/${sooner}`)).json();
    expect(one).toMatchObject({ title: 'Раньше', going: 1, seatsLeft: 4 });
    expect((await api.get(organiser, '/api/v1/volunteer-events/999999')).statusCode).toBe(404);
  });

  it('lets admins do it too, and no other role', async () => {
    const admin = await api.token('admin');
    expect((await api.post(admin, '/api/v1/volunteer-events', newEvent())).statusCode).toBe(201);
    const eventId = await publish();
    const official = await api.token('official', 'roads-transport');
    for (const token of [official, await api.token('operator'), await api.token('dispatcher')]) {
      const urls = [
        '/api/v1/volunteer-events',
        `/api/v1/volunteer-events/${eventId}`,
        `/api/v1/volunteer-events/${eventId}/attendees`,
        '/api/v1/residents/1/volunteering',
      ];
      for (const url of urls) expect((await api.get(token, url)).statusCode).toBe(403);
      const created = await api.post(token, '/api/v1/volunteer-events', newEvent());
      expect(created.statusCode).toBe(403);
      const cancel = await api.post(token, `/api/v1/volunteer-events/${eventId}/cancel`, {});
      expect(cancel.statusCode).toBe(403);
    }
    expect((await api.get(undefined, '/api/v1/volunteer-events')).statusCode).toBe(401);
  });
});

describe('when organisers change or cancel an event', () => {
  it('tells those signed up of a new time, and keeps seats above those taken', async () => {
    const eventId = await publish({ seats: 3 });
    const first = await volunteer(eventId);
    await volunteer(eventId);
    const url = `/api/v1/volunteer-events/${eventId}`;

    const tooFew = await api.request(organiser, { method: 'PATCH', url, payload: { seats: 1 } });
    expect([tooFew.statusCode, tooFew.json().error]).toEqual([409, 'seats_taken']);

    const renamed = await api.request(organiser, {
      method: 'PATCH',
      url,
      payload: { title: 'Уборка набережной и сквера', skills: [] },
    });
    expect(renamed.json()).toMatchObject({ title: 'Уборка набережной и сквера', notified: 0 });

    const startsAt = new Date(Date.now() + 4 * DAY_MS);
    const moved = await api.request(organiser, {
      method: 'PATCH',
      url,
      payload: {
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + 2 * HOUR_MS).toISOString(),
      },
    });
    expect(moved.json()).toMatchObject({ notified: 2 });
    const notice = await db.prisma.delivery.findFirstOrThrow({
      where: { chatId: first.chatId, key: { contains: ':changed:' } },
    });
    expect(JSON.stringify(notice.messages)).toContain('Изменилось время или место');
  });

  it('cancels one and tells everyone signed up, once', async () => {
    const eventId = await publish();
    const going = await volunteer(eventId);
    const gaveBack = await volunteer(eventId);
    await db.prisma.volunteerSignup.update({
      where: { id: gaveBack.signupId },
      data: { status: 'cancelled' },
    });
    const url = `/api/v1/volunteer-events/${eventId}/cancel`;

    const cancelled = await api.post(organiser, url, {});
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', notified: 1 });
    const again = await api.post(organiser, url, {});
    expect([again.statusCode, again.json().error]).toEqual([409, 'cancelled']);

    const notices = await db.prisma.delivery.findMany({
      where: { chatId: { in: [going.chatId, gaveBack.chatId] } },
    });
    expect(notices.map((row) => row.key)).toEqual([
      `volunteer:signup:${going.signupId}:event-cancelled`,
    ]);
    expect(JSON.stringify(notices[0]?.messages)).toContain('Организатор отменил');
  });
});

describe('when organisers mark who came', () => {
  it('lists who comes by name, and credits hours to those who came', async () => {
    const eventId = await publish();
    const anna = await volunteer(eventId, 'Анна');
    const boris = await volunteer(eventId, 'Борис');
    const nameless = await volunteer(eventId, null);
    const mark = (signupId: number, payload: object) =>
      api.request(organiser, {
        method: 'PUT',
        url: `/api/v1/volunteer-events/${eventId}/attendees/${signupId}`,
        payload,
      });

    const early = await mark(anna.signupId, { attended: true });
    expect([early.statusCode, early.json().error]).toEqual([409, 'not_started']);
    await startedAgo(eventId, 2, 4);

    const list = (await api.get(organiser, `/api/v1/volunteer-events/${eventId}/attendees`)).json();
    expect(list.attendees.map((row: { name: string | null }) => row.name)).toEqual([
      'Анна',
      'Борис',
      null,
    ]);

    expect((await mark(anna.signupId, { attended: true })).json()).toMatchObject({
      attended: true,
      hours: null,
      creditedHours: 4,
    });
    expect((await mark(boris.signupId, { attended: true, hours: 2.5 })).json()).toMatchObject({
      creditedHours: 2.5,
    });
    expect((await mark(nameless.signupId, { attended: false })).json()).toMatchObject({
      attended: false,
      creditedHours: 0,
    });
    const bad = await mark(nameless.signupId, { attended: false, hours: 2 });
    expect(bad.statusCode).toBe(400);
    expect((await mark(999_999, { attended: true })).statusCode).toBe(404);
    const tooMany = await mark(anna.signupId, { attended: true, hours: 4.5 });
    expect([tooMany.statusCode, tooMany.json().error]).toEqual([400, 'too_many_hours']);
  });

  it('asks for the hours worked at an event longer than a working day', async () => {
    const eventId = await publish({ title: 'Неделя сбора книг' });
    const seat = await volunteer(eventId, 'Галина');
    await startedAgo(eventId, 8, 7 * 24);
    const url = `/api/v1/volunteer-events/${eventId}/attendees/${seat.signupId}`;

    const put = (payload: object) => api.request(organiser, { method: 'PUT', url, payload });
    const bare = await put({ attended: true });
    expect([bare.statusCode, bare.json().error]).toEqual([400, 'hours_needed']);
    const given = await put({ attended: true, hours: 6 });
    expect(given.json()).toMatchObject({ attended: true, creditedHours: 6 });
  });

  it('shows a resident’s record with their hours in total', async () => {
    const first = await publish({ title: 'Первое' });
    const second = await publish({ title: 'Второе' });
    const upcoming = await publish({ title: 'Будущее' });
    const seat = await volunteer(first, 'Вера');
    const residentId = seat.residentId;
    const other = await db.prisma.volunteerSignup.create({
      data: { eventId: second, residentId },
    });
    await db.prisma.volunteerSignup.create({ data: { eventId: upcoming, residentId } });
    await startedAgo(first, 10, 3);
    await startedAgo(second, 5, 6);
    const url = (eventId: number, signupId: number) =>
      `/api/v1/volunteer-events/${eventId}/attendees/${signupId}`;
    await api.request(organiser, {
      method: 'PUT',
      url: url(first, seat.signupId),
      payload: {
        attended: true,
      },
    });
    await api.request(organiser, {
      method: 'PUT',
      url: url(second, other.id),
      payload: {
        attended: true,
        hours: 1.25,
      },
    });

    const record = (
      await api.get(organiser, `/api/v1/residents/${residentId}/volunteering`)
    ).json();
    expect(record).toMatchObject({ residentId, name: 'Вера', totalHours: 4.25 });
    expect(record.attended.map((row: { title: string }) => row.title)).toEqual([
      'Второе',
      'Первое',
    ]);
    expect(record.upcoming.map((row: { title: string }) => row.title)).toEqual(['Будущее']);
    expect((await api.get(organiser, '/api/v1/residents/999999/volunteering')).statusCode).toBe(
      404,
    );
  });

  it('describes the routes in the OpenAPI document', async () => {
    const document = (await api.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/volunteer-events',
        '/api/v1/volunteer-events/{id}',
        '/api/v1/volunteer-events/{id}/cancel',
        '/api/v1/volunteer-events/{id}/attendees',
        '/api/v1/volunteer-events/{id}/attendees/{signupId}',
        '/api/v1/residents/{id}/volunteering',
      ]),
    );
  });
});
