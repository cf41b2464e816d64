import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passNoticeOn, queueOfficeNotice } from '../../core/staff/office-notices.ts';
import type { StaffRole } from '../../generated/prisma/enums.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

let db: TestDatabase;
let officeId: number;
let nextUser = 7_310_000;

beforeAll(async () => {
  db = await createTestDatabase();
  // An office with nobody linked: every notice for it falls back to someone city-wide.
  const office = await db.prisma.office.create({
    data: { code: 'empty-office', name: 'Пустая служба', kind: 'city' },
  });
  officeId = office.id;
  await staff('dispatcher');
  await staff('admin');
});
afterAll(() => db.drop());

async function staff(role: StaffRole, office: number | null = null): Promise<string> {
  nextUser += 1;
  const chatId = String(nextUser);
  await db.prisma.official.create({
    data: { channel: 'telegram', platformUserId: chatId, chatId, role, officeId: office },
  });
  return chatId;
}

async function recipients(key: string): Promise<string[]> {
  const rows = await db.prisma.delivery.findMany({
    where: { key: { startsWith: key } },
    orderBy: { id: 'asc' },
  });
  const roles = await Promise.all(
    rows.map(async (row) => {
      const official = await db.prisma.official.findFirstOrThrow({
        where: { chatId: row.chatId },
      });
      return official.role;
    }),
  );
  return roles;
}

describe('when nobody at an office can be reached', () => {
  it('passes a card to the dispatchers and admins', async () => {
    const queued = await queueOfficeNotice(db.prisma, {
      officeId,
      audience: 'team',
      key: 'test:card:1',
      messages: [{ text: 'Новое обращение' }],
    });
    expect(queued).toBe(2);
    expect((await recipients('test:card:1')).sort()).toEqual(['admin', 'dispatcher']);
  });

  it('passes what only the office or an admin may answer to the admins alone', async () => {
    await queueOfficeNotice(db.prisma, {
      officeId,
      audience: 'answerers',
      key: 'test:question:1',
      messages: [{ text: 'Вопрос к отчёту' }],
    });
    expect(await recipients('test:question:1')).toEqual(['admin']);
  });

  it('keeps the audience when a refused notice is passed on', async () => {
    const member = await staff('official', officeId);
    await queueOfficeNotice(db.prisma, {
      officeId,
      audience: 'answerers',
      key: 'test:question:2',
      messages: [{ text: 'Вопрос к отчёту' }],
    });
    const [sent] = await db.prisma.delivery.findMany({ where: { chatId: member } });
    if (!sent) throw new Error('the office member should have been sent the question');
    await db.prisma.official.updateMany({
      where: { chatId: member },
      data: { unreachableAt: new Date() },
    });
    await passNoticeOn(db.prisma, { key: sent.key, officeId, messages: [{ text: 'Вопрос' }] });
    expect((await recipients('test:question:2')).sort()).toEqual(['admin', 'official']);
  });
});
