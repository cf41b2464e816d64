import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminApi } from '../support/admin-api.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { BroadcastHarness, waitUntil } from './broadcast-harness.ts';
import { addFollowers, chatRange } from './followers.ts';

let db: TestDatabase;
let harness: BroadcastHarness;
let api: AdminApi;
let gagarinsky: number;
let oktyabrsky: number;

const VOLUNTEERS = chatRange(910_001, 8);
const GAGARINSKY_FOLLOWERS = chatRange(920_001, 6);
const CANCEL_FOLLOWERS = chatRange(930_001, 60);

beforeAll(async () => {
  db = await createTestDatabase();
  // Slow enough that a broadcast to 60 followers is still sending when it is cancelled.
  harness = await BroadcastHarness.start(db, {
    telegram: { enforceLimits: true },
    broadcast: { rates: { telegram: { max: 10, durationMs: 1_000 } } },
  });
  api = await AdminApi.start(db);
  const district = (code: string) =>
    db.prisma.district.findUniqueOrThrow({ where: { code } }).then((found) => found.id);
  gagarinsky = await district('gagarinsky');
  oktyabrsky = await district('oktyabrsky');
  await addFollowers(db.prisma, {
    channel: 'telegram',
    chatIds: VOLUNTEERS,
    topic: 'volunteering',
  });
  await addFollowers(db.prisma, {
    channel: 'telegram',
    chatIds: GAGARINSKY_FOLLOWERS,
    topic: 'district_news',
    districtId: gagarinsky,
    localeOf: (index) => (index === 0 ? 'en' : 'ru'),
  });
  await addFollowers(db.prisma, {
    channel: 'telegram',
    chatIds: CANCEL_FOLLOWERS,
    topic: 'district_news',
    districtId: oktyabrsky,
  });
});
afterAll(async () => {
  await api?.close();
  await harness?.close();
  await db?.drop();
});

const news = {
  topic: 'volunteering',
  text: { ru: 'Нужны волонтёры на субботник в Гагаринском сквере', en: 'Volunteers wanted' },
  key: 'cleanup-2026-05',
};

describe('when an organiser publishes volunteering news over the API', () => {
  let id: number;

  beforeAll(async () => {
    const token = await api.token('organiser');
    const response = await api.post(token, '/api/v1/broadcasts', news);
    expect(response.statusCode).toBe(201);
    id = response.json().id;
    expect(response.json()).toMatchObject({ recipients: VOLUNTEERS.length, repeat: false });
    await harness.finished(id);
  });

  it('sends each follower the text under the topic’s heading', () => {
    const sent = harness.telegram.sentMessages(VOLUNTEERS[0]);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.text).toBe(`🤝 Новости для волонтёров\n\n${news.text.ru}`);
  });

  it('publishes nothing new when the same key is sent again', async () => {
    const token = await api.token('admin');
    const again = await api.post(token, '/api/v1/broadcasts', news);
    // Another token's key is its own: the news is new for it.
    expect(again.statusCode).toBe(201);
    const organiser = await api.token('organiser');
    const first = await api.post(organiser, '/api/v1/broadcasts', { ...news, key: 'repeat-me' });
    const repeated = await api.post(organiser, '/api/v1/broadcasts', { ...news, key: 'repeat-me' });
    expect(repeated.statusCode).toBe(200);
    expect(repeated.json()).toMatchObject({ id: first.json().id, repeat: true });
    await harness.finished(first.json().id);
    await harness.finished(again.json().id);
    // Three broadcasts published in all: each follower got three messages, not four.
    expect(harness.telegram.sentMessages(VOLUNTEERS[1])).toHaveLength(3);
  });

  it('shows the outcome: recipients by status, when it finished, its pace', async () => {
    const response = await api.get(await api.token('admin'), `/api/v1/broadcasts/${id}`);
    expect(response.statusCode).toBe(200);
    const detail = response.json();
    expect(detail).toMatchObject({
      id,
      topic: 'volunteering',
      status: 'done',
      total: VOLUNTEERS.length,
      counts: { pending: 0, sending: 0, sent: VOLUNTEERS.length, unreachable: 0, failed: 0 },
    });
    expect(detail.finishedAt).not.toBeNull();
    expect(detail.sentPerSecond).toBeGreaterThan(0);
  });

  it('lists broadcasts newest first, page by page', async () => {
    const token = await api.token('admin');
    const page = await api.get(token, '/api/v1/broadcasts?limit=2');
    const ids = page.json().broadcasts.map((b: { id: number }) => b.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const next = await api.get(
      token,
      `/api/v1/broadcasts?limit=2&before=${page.json().nextCursor}`,
    );
    expect(next.json().broadcasts[0].id).toBeLessThan(ids[1]);
  });
});

describe('when a head publishes district news', () => {
  it('reaches the followers of their office’s district, each in their language', async () => {
    const head = await api.token('head', 'uprava-gagarinsky');
    const response = await api.post(head, '/api/v1/broadcasts', {
      topic: 'district_news',
      districtId: gagarinsky,
      text: { ru: 'Во вторник отключат воду на улице Ленина', en: 'No water on Tuesday' },
    });
    expect(response.statusCode).toBe(201);
    await harness.finished(response.json().id);
    const english = harness.telegram.sentMessages(GAGARINSKY_FOLLOWERS[0]);
    expect(english[0]?.text).toBe('📰 News of Гагаринский округ\n\nNo water on Tuesday');
    expect(harness.telegram.sentMessages(GAGARINSKY_FOLLOWERS[1])).toHaveLength(1);
  });

  it('refuses another district’s news and volunteering news', async () => {
    const head = await api.token('head', 'uprava-gagarinsky');
    const text = { ru: 'Новость' };
    const other = { topic: 'district_news', districtId: oktyabrsky, text };
    expect((await api.post(head, '/api/v1/broadcasts', other)).statusCode).toBe(403);
    const volunteering = { topic: 'volunteering', text };
    expect((await api.post(head, '/api/v1/broadcasts', volunteering)).statusCode).toBe(403);
  });

  it('shows a head only their district’s news', async () => {
    const head = await api.token('head', 'uprava-gagarinsky');
    const list = await api.get(head, '/api/v1/broadcasts');
    const listed = list.json().broadcasts as Array<{ topic: string; districtId: number }>;
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.every((b) => b.topic === 'district_news' && b.districtId === gagarinsky)).toBe(
      true,
    );
  });
});

describe('when news is refused', () => {
  it('refuses staff who do not broadcast', async () => {
    for (const role of ['official', 'operator', 'dispatcher', 'moderator'] as const) {
      const token = await api.token(role, role === 'official' ? 'uprava-gagarinsky' : undefined);
      expect((await api.post(token, '/api/v1/broadcasts', news)).statusCode).toBe(403);
      expect((await api.get(token, '/api/v1/broadcasts')).statusCode).toBe(403);
    }
  });

  it('answers 400 with a reason for a missing or unknown district and an empty text', async () => {
    const token = await api.token('admin');
    const post = (body: object) => api.post(token, '/api/v1/broadcasts', body);
    const missing = await post({ topic: 'district_news', text: { ru: 'Новость' } });
    expect(missing.json()).toMatchObject({ error: 'district_needed' });
    const unknown = await post({ topic: 'district_news', districtId: 99_999, text: { ru: 'Н' } });
    expect(unknown.json()).toMatchObject({ error: 'unknown_district' });
    expect((await post({ topic: 'volunteering', text: { ru: '   ' } })).statusCode).toBe(400);
  });
});

describe('when a broadcast is cancelled while sending', () => {
  it('stops sending and takes its waiting sends off the queue', async () => {
    const admin = await api.token('admin');
    const published = await api.post(admin, '/api/v1/broadcasts', {
      topic: 'district_news',
      districtId: oktyabrsky,
      text: { ru: 'Ярмарка выходного дня переносится' },
    });
    const id = published.json().id;
    const reached = () => CANCEL_FOLLOWERS.filter((c) => harness.telegram.sentMessages(c).length);
    await waitUntil(() => reached().length >= 3, 'the first sends');
    const cancel = await api.post(admin, `/api/v1/broadcasts/${id}/cancel`, {});
    expect(cancel.statusCode).toBe(200);

    const queued = () => harness.queuedSends('telegram');
    await waitUntil(async () => (await queued()) === 0, 'the cancelled sends to leave the queue');
    const detail = (await api.get(admin, `/api/v1/broadcasts/${id}`)).json();
    expect(detail.status).toBe('cancelled');
    expect(detail.counts.pending).toBeGreaterThan(0);
    expect(reached()).toHaveLength(detail.counts.sent);

    expect((await api.post(admin, `/api/v1/broadcasts/${id}/cancel`, {})).statusCode).toBe(409);
  });
});

describe('when an operator sends again what a crash left uncertain', () => {
  const FOLLOWERS = chatRange(940_001, 4);
  let id: number;

  beforeAll(async () => {
    await addFollowers(db.prisma, {
      channel: 'telegram',
      chatIds: FOLLOWERS,
      topic: 'official_reports',
    });
    const published = await harness.publish('report-2026-q4', 'official_reports');
    id = published?.broadcastId ?? -1;
    await harness.finished(id);
  });

  it('sends those recipients once more, and the broadcast finishes again', async () => {
    const token = await api.token('organiser');
    const url = `/api/v1/broadcasts/${id}/resend-uncertain`;
    const none = await api.post(token, url, {});
    expect([none.statusCode, none.json().error]).toEqual([409, 'none_uncertain']);

    // As if a worker had died while Telegram had the second follower's message.
    const lost = FOLLOWERS[1] ?? 0;
    await db.prisma.broadcastRecipient.updateMany({
      where: { broadcastId: id, chatId: String(lost) },
      data: { status: 'uncertain' },
    });
    const resent = await api.post(token, url, {});
    expect(resent.json()).toEqual({ id, resent: 1 });
    await waitUntil(
      async () => harness.telegram.sentMessages(lost).length === 2,
      'the second copy',
    );
    const { broadcast, recipients } = await harness.finished(id);
    expect(broadcast.status).toBe('done');
    expect(recipients.every((recipient) => recipient.status === 'sent')).toBe(true);
    for (const chat of FOLLOWERS.filter((chat) => chat !== lost)) {
      expect(harness.telegram.sentMessages(chat)).toHaveLength(1);
    }
  });
});
