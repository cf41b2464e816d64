import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Outgoing } from '../../core/conversation/types.ts';
import { submitComment } from '../../core/hearings/comments.ts';
import { AdminApi } from '../support/admin-api.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { consentedResident } from '../support/residents.ts';

const DAY = 86_400_000;
const BOM = '\uFEFF';

let db: TestDatabase;
let api: AdminApi;
let organiser: string;

beforeAll(async () => {
  db = await createTestDatabase();
  api = await AdminApi.start(db);
  organiser = await api.token('organiser');
});
afterAll(async () => {
  await api.close();
  await db.drop();
});

function fields(overrides: Record<string, unknown> = {}) {
  return {
    title: 'Проект планировки квартала 203',
    description: 'Дороги, парковки и сквер квартала 203.',
    materialsUrl: 'https://example.org/hearings/203.pdf',
    districtCode: 'tsentralny',
    commentsFrom: new Date(Date.now() - DAY).toISOString(),
    commentsUntil: new Date(Date.now() + 7 * DAY).toISOString(),
    ...overrides,
  };
}

async function create(overrides: Record<string, unknown> = {}): Promise<number> {
  const created = await api.post(organiser, '/api/v1/hearings', fields(overrides));
  expect(created.statusCode, created.body).toBe(201);
  return created.json().id;
}

/** A comment as the bot stores it, from a resident of the given platform id. */
async function comment(hearingId: number, userId: string, text: string, fullName: string) {
  const resident =
    (await db.prisma.resident.findFirst({ where: { platformUserId: userId } })) ??
    (await consentedResident(db.prisma, { userId }));
  const stored = await db.prisma.$transaction((tx) =>
    submitComment(tx, {
      hearingId,
      residentId: resident.id,
      kind: 'comment',
      text,
      identity: {
        fullName,
        address: 'ул. Ленина, 10',
        phone: '+79141234567',
        phoneFromContact: true,
      },
      now: new Date(),
    }),
  );
  expect(stored.ok).toBe(true);
  return resident;
}

function patch(token: string, url: string, payload: unknown) {
  return api.request(token, { method: 'PATCH', url, payload: payload as object });
}

describe('when organisers create and change hearings', () => {
  it('announces a new hearing to the followers of hearings in the same step', async () => {
    const follower = await consentedResident(db.prisma, { userId: '920001' });
    await db.prisma.topicSubscription.create({
      data: { residentId: follower.id, topic: 'hearings' },
    });
    const created = await api.post(organiser, '/api/v1/hearings', fields());
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      status: 'announced',
      phase: 'open',
      districtCode: 'tsentralny',
      commentCount: 0,
    });
    const id = created.json().id;
    const broadcast = await db.prisma.broadcast.findUniqueOrThrow({
      where: { key: `hearing:${id}:announced` },
      include: { recipients: true },
    });
    expect(broadcast.topic).toBe('hearings');
    expect(broadcast.recipients.map((recipient) => recipient.residentId)).toContain(follower.id);
    const messages = broadcast.messages as unknown as Record<string, Outgoing>;
    expect(messages.ru?.text).toContain('Объявлены публичные слушания');
    expect(JSON.stringify(messages.ru?.inline)).toContain(`v|hear-open|${id}`);
  });

  it('refuses a period backwards or already over, a bad link and an unknown district', async () => {
    const now = Date.now();
    const cases: Array<[Record<string, unknown>, number, string]> = [
      [{ commentsUntil: new Date(now - 2 * DAY).toISOString() }, 400, 'bad_period'],
      [
        {
          commentsFrom: new Date(now - 3 * DAY).toISOString(),
          commentsUntil: new Date(now - DAY).toISOString(),
        },
        400,
        'period_over',
      ],
      [{ materialsUrl: 'javascript:alert(1)' }, 400, 'invalid_request'],
      [{ commentsFrom: '10 декабря' }, 400, 'invalid_request'],
      [{ districtCode: 'atlantis' }, 404, 'not_found'],
    ];
    for (const [overrides, status, code] of cases) {
      const refused = await api.post(organiser, '/api/v1/hearings', fields(overrides));
      expect(refused.statusCode, JSON.stringify(overrides)).toBe(status);
      expect(refused.json().error).toBe(code);
    }
  });

  it('tells followers once when the comment period moves, not for a new title', async () => {
    const id = await create();
    const url = `/api/v1/hearings/${id}`;
    const periodNews = () =>
      db.prisma.broadcast.findMany({ where: { key: { startsWith: `hearing:${id}:period:` } } });

    await patch(organiser, url, { title: 'Квартал 203: уточнённый проект' });
    expect(await periodNews()).toHaveLength(0);

    const until = new Date(Date.now() + 20 * DAY).toISOString();
    expect((await patch(organiser, url, { commentsUntil: until })).statusCode).toBe(200);
    expect((await patch(organiser, url, { commentsUntil: until })).statusCode).toBe(200);
    const [news, ...more] = await periodNews();
    expect(more).toHaveLength(0);
    const messages = news?.messages as unknown as Record<string, Outgoing>;
    expect(messages.ru?.text).toContain('Изменились сроки публичных слушаний');
    expect(messages.en?.text).toContain('have changed');
  });

  it('changes a hearing, keeps its period in order, lists it for all staff', async () => {
    const id = await create();
    const url = `/api/v1/hearings/${id}`;
    const changed = await patch(organiser, url, { title: 'Квартал 203: новая редакция' });
    expect(changed.json()).toMatchObject({ title: 'Квартал 203: новая редакция' });
    const backwards = await patch(organiser, url, {
      commentsUntil: new Date(Date.now() - 5 * DAY).toISOString(),
    });
    expect(backwards.statusCode).toBe(400);

    for (const role of ['official', 'dispatcher', 'moderator', 'operator'] as const) {
      const token = await api.token(role, role === 'official' ? 'animals' : undefined);
      expect((await api.get(token, url)).statusCode, role).toBe(200);
      const listed = (await api.get(token, '/api/v1/hearings?limit=100')).json();
      expect(
        listed.hearings.map((hearing: { id: number }) => hearing.id),
        role,
      ).toContain(id);
    }
    expect((await api.get(organiser, '/api/v1/hearings/999999')).statusCode).toBe(404);
  });

  it('lets only organisers and admins run hearings and read comments', async () => {
    const id = await create();
    const admin = await api.token('admin');
    expect((await api.get(admin, `/api/v1/hearings/${id}/comments`)).statusCode).toBe(200);
    for (const role of ['dispatcher', 'moderator', 'operator', 'head'] as const) {
      const token = await api.token(role, role === 'head' ? 'animals' : undefined);
      expect((await api.post(token, '/api/v1/hearings', fields())).statusCode, role).toBe(403);
      expect((await patch(token, `/api/v1/hearings/${id}`, { title: 'Чужое' })).statusCode).toBe(
        403,
      );
      expect((await api.get(token, `/api/v1/hearings/${id}/comments`)).statusCode).toBe(403);
      expect((await api.get(token, `/api/v1/hearings/${id}/comments.csv`)).statusCode).toBe(403);
      const outcome = { outcome: 'Итог' };
      expect((await api.post(token, `/api/v1/hearings/${id}/outcome`, outcome)).statusCode).toBe(
        403,
      );
      expect((await api.post(token, `/api/v1/hearings/${id}/cancel`, {})).statusCode).toBe(403);
    }
    expect((await api.get(undefined, '/api/v1/hearings')).statusCode).toBe(401);
  });

  it('documents the hearings in the OpenAPI document', async () => {
    const doc = await api.get(undefined, '/api/openapi.json');
    expect(doc.statusCode).toBe(200);
    const paths = Object.keys(doc.json().paths);
    for (const path of [
      '/api/v1/hearings',
      '/api/v1/hearings/{id}',
      '/api/v1/hearings/{id}/outcome',
      '/api/v1/hearings/{id}/cancel',
      '/api/v1/hearings/{id}/comments',
      '/api/v1/hearings/{id}/comments.csv',
    ]) {
      expect(paths).toContain(path);
    }
  });
});

describe('when organisers export the comments', () => {
  it('gives every comment with who made it, as CSV safe for spreadsheets and as JSON', async () => {
    const id = await create();
    await comment(id, '920101', 'Против парковки во дворе, там играют дети', 'Иванова Мария');
    await comment(id, '920102', 'Сделать тротуар, "как в проекте", шире\nна метр', 'Петров Пётр');
    await comment(id, '920103', '=HYPERLINK("http://evil")', 'Сидоров Семён');

    const csv = await api.get(organiser, `/api/v1/hearings/${id}/comments.csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['cache-control']).toBe('no-store');
    expect(csv.headers['content-disposition']).toContain(`hearing-${id}-comments.csv`);
    const rows = csv.body.split('\r\n');
    expect(rows[0]).toBe(`${BOM}number,created_at,kind,full_name,address,phone,text`);
    expect(rows[1]?.split(',')[1]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    // The time aside, each row as a spreadsheet reads it: "+7" and "=" cannot start a formula.
    const withoutTime = rows.map((row) => row.replace(/^([^,]*),[^,]*,/, '$1,T,'));
    const who = `"ул. Ленина, 10",'+79141234567`;
    expect(withoutTime.slice(1)).toEqual([
      `${id}-1,T,comment,Иванова Мария,${who},"Против парковки во дворе, там играют дети"`,
      `${id}-2,T,comment,Петров Пётр,${who},"Сделать тротуар, ""как в проекте"", шире\nна метр"`,
      `${id}-3,T,comment,Сидоров Семён,${who},"'=HYPERLINK(""http://evil"")"`,
      '',
    ]);

    const page = await api.get(organiser, `/api/v1/hearings/${id}/comments?limit=2`);
    expect(page.json().comments.map((c: { number: string }) => c.number)).toEqual([
      `${id}-1`,
      `${id}-2`,
    ]);
    expect(page.json().comments[0]).toMatchObject({
      fullName: 'Иванова Мария',
      address: 'ул. Ленина, 10',
      phone: '+79141234567',
      kind: 'comment',
    });
    const next = await api.get(
      organiser,
      `/api/v1/hearings/${id}/comments?limit=2&after=${page.json().nextAfter}`,
    );
    expect(next.json()).toMatchObject({ comments: [{ number: `${id}-3` }], nextAfter: null });
    expect((await api.get(organiser, '/api/v1/hearings/999999/comments.csv')).statusCode).toBe(404);
  });
});

describe('when organisers publish the outcome', () => {
  it('waits for the period to end, then tells commenters and followers', async () => {
    const id = await create();
    const first = await comment(id, '920201', 'Прошу сохранить сквер у школы', 'Иванова Мария');
    const second = await comment(id, '920202', 'Предлагаю пешеходный переход', 'Петров Пётр');
    await comment(id, '920201', 'И ещё: нужен пандус у подъезда', 'Иванова Мария');
    const url = `/api/v1/hearings/${id}/outcome`;
    const body = {
      outcome: 'Проект одобрен, замечания о сквере учтены.',
      outcomeUrl: 'https://example.org/hearings/203-protocol.pdf',
    };
    const early = await api.post(organiser, url, body);
    expect(early.statusCode).toBe(409);
    expect(early.json().error).toBe('comments_open');

    await db.prisma.hearing.update({
      where: { id },
      data: { commentsUntil: new Date(Date.now() - 1000) },
    });
    const published = await api.post(organiser, url, body);
    expect(published.statusCode).toBe(200);
    expect(published.json()).toMatchObject({ status: 'concluded', phase: 'concluded', ...body });
    expect((await api.post(organiser, url, body)).statusCode).toBe(409);
    expect((await patch(organiser, `/api/v1/hearings/${id}`, { title: 'Поздно' })).statusCode).toBe(
      409,
    );

    const notices = await db.prisma.delivery.findMany({
      where: { key: { startsWith: `hearing:${id}:concluded:resident:` } },
      orderBy: { key: 'asc' },
    });
    expect(notices.map((notice) => notice.chatId).sort()).toEqual(
      [first.chatId, second.chatId].sort(),
    );
    const toFirst = notices.find((notice) => notice.chatId === first.chatId);
    const text = ((toFirst?.messages ?? []) as unknown as Outgoing[])[0]?.text ?? '';
    expect(text).toContain('Опубликованы итоги публичных слушаний');
    expect(text).toContain('Проект одобрен, замечания о сквере учтены.');
    expect(text).toContain('203-protocol.pdf');
    expect(text).toContain(`№ ${id}-1, № ${id}-3`);
    const broadcast = await db.prisma.broadcast.findUnique({
      where: { key: `hearing:${id}:concluded` },
    });
    expect(broadcast?.topic).toBe('hearings');
  });

  it('cancels a hearing with a reason, once, telling those who commented', async () => {
    const id = await create();
    const commenter = await comment(
      id,
      '920301',
      'Прошу перенести слушания на вечер',
      'Иванова Мария',
    );
    const url = `/api/v1/hearings/${id}/cancel`;
    const cancelled = await api.post(organiser, url, { reason: 'Проект отозван заказчиком.' });
    expect(cancelled.json()).toMatchObject({
      status: 'cancelled',
      phase: 'cancelled',
      outcome: 'Проект отозван заказчиком.',
    });
    expect((await api.post(organiser, url, {})).statusCode).toBe(409);
    expect(
      (await api.post(organiser, `/api/v1/hearings/${id}/outcome`, { outcome: 'x' })).statusCode,
    ).toBe(409);
    const notice = await db.prisma.delivery.findUniqueOrThrow({
      where: { key: `hearing:${id}:cancelled:resident:${commenter.id}` },
    });
    expect(JSON.stringify(notice.messages)).toContain('Проект отозван заказчиком.');
  });
});
