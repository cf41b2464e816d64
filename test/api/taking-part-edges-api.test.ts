import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminApi } from '../support/admin-api.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { DAY_MS } from '../support/volunteer-events.ts';

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

async function newHearing(): Promise<number> {
  const created = await api.post(organiser, '/api/v1/hearings', {
    title: 'Сквер у школы',
    description: 'Проект благоустройства сквера.',
    commentsFrom: new Date(Date.now() - DAY_MS).toISOString(),
    commentsUntil: new Date(Date.now() + DAY_MS).toISOString(),
  });
  expect(created.statusCode, created.body).toBe(201);
  return created.json().id;
}

describe('when an organiser cancels a hearing without a body', () => {
  it('cancels it, as a cancel without a reason', async () => {
    const id = await newHearing();
    const cancelled = await api.request(organiser, {
      method: 'POST',
      url: `/api/v1/hearings/${id}/cancel`,
    });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', phase: 'cancelled' });
  });

  it('still refuses an empty reason', async () => {
    const id = await newHearing();
    const refused = await api.post(organiser, `/api/v1/hearings/${id}/cancel`, { reason: ' ' });
    expect(refused.statusCode).toBe(400);
  });
});
