import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { askOperators } from '../../core/helpdesk/questions.ts';
import { loadCityCalendar } from '../../core/routing/city-calendar.ts';
import { AdminApi } from '../support/admin-api.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { consentedResident } from '../support/residents.ts';

let db: TestDatabase;
let api: AdminApi;
let residentId = 0;

beforeAll(async () => {
  db = await createTestDatabase();
  api = await AdminApi.start(db);
  const resident = await consentedResident(db.prisma, { userId: '910001' });
  residentId = resident.id;
});
afterAll(async () => {
  await api.close();
  await db.drop();
});

async function question(text: string): Promise<number> {
  const asked = await askOperators(db.prisma, await loadCityCalendar(), {
    residentId,
    text,
    now: new Date(),
  });
  return asked.id;
}

describe('the help desk over the API', () => {
  it('lets operators answer the queue oldest first, once, and make an article of it', async () => {
    const first = await question('Где получить справку о составе семьи?');
    const second = await question('Можно ли поставить шлагбаум во дворе?');
    const operator = await api.token('operator');

    const queue = (await api.get(operator, '/api/v1/help/questions')).json().questions;
    const ids = queue.map((item: { id: number }) => item.id);
    expect(ids.indexOf(first)).toBeLessThan(ids.indexOf(second));

    const url = `/api/v1/help/questions/${first}/answer`;
    const answered = await api.post(operator, url, { text: 'В МФЦ или на Госуслугах.' });
    expect(answered.statusCode).toBe(200);
    expect((await api.post(operator, url, { text: 'Ещё раз' })).statusCode).toBe(409);
    expect(
      (await api.post(operator, url.replace(String(first), '999999'), { text: 'x' })).statusCode,
    ).toBe(404);

    const delivery = await db.prisma.delivery.findFirstOrThrow({
      where: { key: `help:${first}:answer` },
    });
    expect(JSON.stringify(delivery.messages)).toContain('В МФЦ или на Госуслугах.');

    const article = await api.post(operator, `/api/v1/help/questions/${first}/article`, {
      tags: ['документы'],
      topic: 'documents',
    });
    expect(article.statusCode).toBe(201);
    const notYet = await api.post(operator, `/api/v1/help/questions/${second}/article`, {});
    expect(notYet.statusCode).toBe(409);
  });

  it('manages articles: a contact filled in makes an article visible', async () => {
    const operator = await api.token('operator');
    const created = await api.post(operator, '/api/v1/help/articles', {
      slug: 'test-edds',
      question: 'Как связаться с диспетчерской города?',
      answer: 'Номер уточняется.',
      topic: 'emergency',
      needsContact: true,
    });
    expect(created.statusCode).toBe(201);
    const again = await api.post(operator, '/api/v1/help/articles', {
      slug: 'test-edds',
      question: 'Дубль',
      answer: 'Дубль',
      topic: 'emergency',
    });
    expect(again.statusCode).toBe(409);
    const filled = await api.request(operator, {
      method: 'PATCH',
      url: '/api/v1/help/articles/test-edds',
      payload: { answer: 'Звоните 112.', needsContact: false },
    });
    expect(filled.json()).toMatchObject({ answer: 'Звоните 112.', needsContact: false });
  });

  it('keeps everyone but operators and admins out', async () => {
    for (const role of ['dispatcher', 'moderator'] as const) {
      const token = await api.token(role);
      expect((await api.get(token, '/api/v1/help/questions')).statusCode, role).toBe(403);
    }
    const official = await api.token('official', 'animals');
    expect((await api.get(official, '/api/v1/help/articles')).statusCode).toBe(403);
  });
});
