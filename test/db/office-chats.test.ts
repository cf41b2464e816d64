import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ChatRef,
  deactivateOfficeChat,
  isActiveOfficeChat,
  linkOfficeChat,
  moveOfficeChat,
  unlinkOfficeChat,
} from '../../core/staff/office-chats.ts';
import type { Official } from '../../core/staff/officials.ts';
import type { StaffRole } from '../../generated/prisma/enums.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

let db: TestDatabase;
let ours: { id: number; name: string };
let theirs: { id: number; name: string };
let nextChat = -4_863_000;

beforeAll(async () => {
  db = await createTestDatabase();
  const offices = await db.prisma.office.findMany({ orderBy: { id: 'asc' }, take: 2 });
  const [first, second] = offices;
  if (!first || !second) throw new Error('The seed has fewer than two offices');
  ours = first;
  theirs = second;
});
afterAll(() => db.drop());

function member(role: StaffRole, officeId: number | null): Official {
  return { id: 1, channel: 'telegram', chatId: '1', role, officeId };
}

function newChat(): ChatRef {
  nextChat -= 1;
  return { channel: 'telegram', chatId: String(nextChat) };
}

async function row(chat: ChatRef) {
  return db.prisma.officeChat.findUnique({ where: { channel_chatId: chat } });
}

describe('when a chat is linked to an office', () => {
  it("links it to the member's office, then says it already is", async () => {
    const chat = newChat();
    const first = await linkOfficeChat(db.prisma, chat, member('official', ours.id));
    expect(first).toEqual({ ok: true, outcome: 'linked', officeName: ours.name });
    const again = await linkOfficeChat(db.prisma, chat, member('head', ours.id));
    expect(again).toEqual({ ok: true, outcome: 'already', officeName: ours.name });
    expect(await row(chat)).toMatchObject({ officeId: ours.id, active: true });
  });

  it('switches a chat that was switched off back on', async () => {
    const chat = newChat();
    await linkOfficeChat(db.prisma, chat, member('official', ours.id));
    await deactivateOfficeChat(db.prisma, chat);
    const outcome = await linkOfficeChat(db.prisma, chat, member('official', ours.id));
    expect(outcome).toMatchObject({ ok: true, outcome: 'linked' });
    expect(await isActiveOfficeChat(db.prisma, chat)).toBe(true);
  });

  it('moves it when another office links it, naming both', async () => {
    const chat = newChat();
    await linkOfficeChat(db.prisma, chat, member('official', ours.id));
    const outcome = await linkOfficeChat(db.prisma, chat, member('official', theirs.id));
    expect(outcome).toEqual({
      ok: true,
      outcome: 'moved',
      officeName: theirs.name,
      previousOfficeName: ours.name,
    });
    expect(await row(chat)).toMatchObject({ officeId: theirs.id, active: true });
  });

  it('refuses strangers and staff without an office', async () => {
    const chat = newChat();
    expect(await linkOfficeChat(db.prisma, chat, null)).toEqual({ ok: false, reason: 'not_staff' });
    for (const role of ['admin', 'dispatcher', 'moderator'] as const) {
      const outcome = await linkOfficeChat(db.prisma, chat, member(role, null));
      expect(outcome).toEqual({ ok: false, reason: 'no_office' });
    }
    expect(await row(chat)).toBeNull();
  });
});

describe('when a chat is unlinked', () => {
  it('lets its own office and an admin do it, and nobody else', async () => {
    const chat = newChat();
    await linkOfficeChat(db.prisma, chat, member('official', ours.id));
    for (const who of [null, member('head', theirs.id), member('dispatcher', null)]) {
      const refused = await unlinkOfficeChat(db.prisma, chat, who);
      expect(refused.ok).toBe(false);
    }
    expect(await isActiveOfficeChat(db.prisma, chat)).toBe(true);

    const done = await unlinkOfficeChat(db.prisma, chat, member('admin', null));
    expect(done).toEqual({ ok: true, officeName: ours.name });
    const twice = await unlinkOfficeChat(db.prisma, chat, member('official', ours.id));
    expect(twice).toEqual({ ok: false, reason: 'not_linked' });
  });
});

describe('when a chat gets a new id', () => {
  it('moves the link once; later calls find nothing to move', async () => {
    const from = newChat();
    const to = newChat();
    await linkOfficeChat(db.prisma, from, member('official', ours.id));
    expect(await moveOfficeChat(db.prisma, 'telegram', from.chatId, to.chatId)).toBe(true);
    expect(await moveOfficeChat(db.prisma, 'telegram', from.chatId, to.chatId)).toBe(false);
    expect(await row(from)).toBeNull();
    expect(await row(to)).toMatchObject({ officeId: ours.id, active: true });
  });

  it('keeps a link made under the new id and drops the old one', async () => {
    const from = newChat();
    const to = newChat();
    await linkOfficeChat(db.prisma, from, member('official', ours.id));
    await linkOfficeChat(db.prisma, to, member('official', theirs.id));
    expect(await moveOfficeChat(db.prisma, 'telegram', from.chatId, to.chatId)).toBe(true);
    expect(await row(from)).toBeNull();
    expect(await row(to)).toMatchObject({ officeId: theirs.id });
  });
});
