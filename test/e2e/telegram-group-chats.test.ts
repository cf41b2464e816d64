import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { StaffRole } from '../../generated/prisma/enums.ts';
import {
  album,
  callbackQuery,
  command,
  groupMigratedTo,
  locationMessage,
  myChatMemberChanged,
  supergroupMigratedFrom,
  textMessage,
} from '../fakes/telegram-updates.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { TelegramHarness } from '../support/telegram-harness.ts';

const CENTRE = { latitude: 62.0285, longitude: 129.7325 };
/** Where a pothole in the centre is routed (seed/). */
const ROADS = 'roads-transport';

let db: TestDatabase;
let harness: TelegramHarness;
let nextResident = 740_000;
let nextStaff = 741_000;
let nextGroup = -4_740_000;

beforeAll(async () => {
  db = await createTestDatabase();
  harness = await TelegramHarness.start(db, 'webhook');
});
afterAll(async () => {
  await harness.close();
  await db.drop();
});
// Each test gives the roads office its own group; an earlier test's group must not get cards.
beforeEach(async () => {
  await db.prisma.officeChat.updateMany({ data: { active: false } });
});

async function staff(role: StaffRole, officeCode: string | null): Promise<number> {
  const id = nextStaff++;
  const office = officeCode
    ? await db.prisma.office.findUniqueOrThrow({ where: { code: officeCode } })
    : null;
  await db.prisma.official.create({
    data: {
      channel: 'telegram',
      platformUserId: String(id),
      chatId: String(id),
      role,
      officeId: office?.id ?? null,
    },
  });
  return id;
}

function newGroup(): number {
  nextGroup -= 1;
  return nextGroup;
}

/** The supergroup id Telegram gives an upgraded group: -100 and then the group's digits. */
function supergroupOf(groupId: number): number {
  return -(1_000_000_000_000 + Math.abs(groupId));
}

async function officeChat(chatId: number) {
  return db.prisma.officeChat.findUnique({
    where: { channel_chatId: { channel: 'telegram', chatId: String(chatId) } },
    include: { office: true },
  });
}

/** A resident files a pothole report in the centre; returns its number once it is routed. */
async function fileReport(): Promise<number> {
  const chatId = nextResident++;
  await harness.sendAll(command(chatId, '/start'));
  await harness.press(chatId, 'Согласен(на)');
  await harness.sendAll(textMessage(chatId, '📝 Сообщить о проблеме'));
  await harness.sendAll(locationMessage(chatId, CENTRE.latitude, CENTRE.longitude));
  await harness.sendAll(...album(chatId, 1));
  await harness.sendAll(textMessage(chatId, 'Готово ➡'));
  await harness.sendAll(textMessage(chatId, 'Глубокая яма на проезжей части у остановки'));
  await harness.press(chatId, 'Другие категории…');
  await harness.press(chatId, 'Дороги и тротуары');
  await harness.press(chatId, '✅ Отправить');
  const ticket = harness
    .texts(chatId)
    .map((text) => /№ (\d+) принято/.exec(text))
    .find((match) => match !== null);
  expect(ticket, harness.texts(chatId).join('\n---\n')).toBeDefined();
  return Number(ticket?.[1]);
}

/** Waits for the report's card to reach a chat. */
async function cardArrives(chatId: number, number: number): Promise<void> {
  await expect
    .poll(() => harness.texts(chatId).some((text) => text.includes(`обращение № ${number}`)), {
      timeout: 15_000,
      interval: 50,
    })
    .toBe(true);
}

function cardsIn(chatId: number, number: number): number {
  return harness.texts(chatId).filter((text) => text.includes(`обращение № ${number}`)).length;
}

async function linkGroup(groupId: number, officialId: number): Promise<void> {
  await harness.sendAll(command(groupId, '/team', undefined, { from: { id: officialId } }));
}

describe('when someone sends /team in a group', () => {
  it('links the group to the office of a linked official, and says so there', async () => {
    const official = await staff('official', ROADS);
    const group = newGroup();
    await linkGroup(group, official);

    const linked = await officeChat(group);
    expect(linked).toMatchObject({ active: true, office: { code: ROADS } });
    expect(harness.lastText(group)).toContain(`подключён к службе «${linked?.office.name}»`);
    // The command never reached the dialogues: no conversation for the group or the sender.
    expect(await db.prisma.conversation.count({ where: { chatId: String(group) } })).toBe(0);
    expect(harness.api.sentMessages(official)).toHaveLength(0);
  });

  it('answers /team@botname too, and ignores /team meant for another bot', async () => {
    const head = await staff('head', ROADS);
    const group = newGroup();
    const other = command(group, '/team@some_other_bot', undefined, { from: { id: head } });
    await harness.sendAll(other);
    expect(await officeChat(group)).toBeNull();
    expect(harness.texts(group)).toHaveLength(0);

    const ours = `/team@${harness.api.botInfo.username}`;
    await harness.sendAll(command(group, ours, undefined, { from: { id: head } }));
    expect(await officeChat(group)).toMatchObject({ active: true });
  });

  it('politely refuses a stranger and links nothing', async () => {
    const group = newGroup();
    await harness.sendAll(command(group, '/team', undefined, { from: { id: nextResident++ } }));
    expect(await officeChat(group)).toBeNull();
    expect(harness.lastText(group)).toContain('только сотрудник, привязанный к боту');
  });

  it('explains to an admin or a dispatcher that they have no office', async () => {
    for (const role of ['admin', 'dispatcher'] as const) {
      const group = newGroup();
      await linkGroup(group, await staff(role, null));
      expect(await officeChat(group)).toBeNull();
      expect(harness.lastText(group)).toContain('не закреплена за одной службой');
    }
  });

  it("moves a group to a second office's /team, and says it moved", async () => {
    const group = newGroup();
    await linkGroup(group, await staff('official', ROADS));
    const other = await db.prisma.office.findFirstOrThrow({ where: { code: { not: ROADS } } });
    await linkGroup(group, await staff('official', other.code));

    expect(await officeChat(group)).toMatchObject({ active: true, officeId: other.id });
    expect(harness.lastText(group)).toContain(`на службу «${other.name}»`);
    expect(await db.prisma.officeChat.count({ where: { chatId: String(group) } })).toBe(1);
  });

  it('unlinks with /team_off from the office, not from a stranger', async () => {
    const official = await staff('official', ROADS);
    const group = newGroup();
    await linkGroup(group, official);

    const stranger = { from: { id: nextResident++ } };
    await harness.sendAll(command(group, '/team_off', undefined, stranger));
    expect(harness.lastText(group)).toContain('может только сотрудник этой службы');
    expect(await officeChat(group)).toMatchObject({ active: true });

    await harness.sendAll(command(group, '/team_off', undefined, { from: { id: official } }));
    expect(harness.lastText(group)).toContain('Чат отключён от службы');
    expect(await officeChat(group)).toMatchObject({ active: false });

    await linkGroup(group, official);
    expect(await officeChat(group)).toMatchObject({ active: true });
  });
});

describe('when Telegram upgrades a linked group to a supergroup', () => {
  it('follows the service messages and sends the next card to the supergroup', async () => {
    const group = newGroup();
    const supergroup = supergroupOf(group);
    await linkGroup(group, await staff('official', ROADS));

    await harness.sendAll(
      groupMigratedTo(group, supergroup),
      supergroupMigratedFrom(supergroup, group),
    );
    expect(await officeChat(group)).toBeNull();
    expect(await officeChat(supergroup)).toMatchObject({ active: true, office: { code: ROADS } });

    const number = await fileReport();
    await cardArrives(supergroup, number);
    expect(cardsIn(group, number)).toBe(0);
  });

  it('moves the link once, whichever service message comes first or alone', async () => {
    const group = newGroup();
    const supergroup = supergroupOf(group);
    await linkGroup(group, await staff('official', ROADS));

    await harness.sendAll(supergroupMigratedFrom(supergroup, group));
    await harness.sendAll(groupMigratedTo(group, supergroup));
    expect(await officeChat(supergroup)).toMatchObject({ active: true });
    const rows = await db.prisma.officeChat.count({
      where: { chatId: { in: [String(group), String(supergroup)] } },
    });
    expect(rows).toBe(1);
  });

  it('moves the link when a send to the old group is refused with the new id', async () => {
    const group = newGroup();
    const supergroup = supergroupOf(group);
    await linkGroup(group, await staff('official', ROADS));
    // Upgraded without the bot hearing of it (the service messages were missed).
    harness.api.migrateChat(group, supergroup);

    const number = await fileReport();
    await cardArrives(supergroup, number);
    const refused = harness.api
      .calls()
      .filter((call) => call.error?.error_code === 400 && Number(call.params.chat_id) === group);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused[0]?.error?.parameters?.migrate_to_chat_id).toBe(supergroup);
    expect(await officeChat(supergroup)).toMatchObject({ active: true, office: { code: ROADS } });
    expect(await officeChat(group)).toBeNull();
    expect(cardsIn(supergroup, number)).toBe(1);
  });
});

describe('when the bot is removed from a linked group', () => {
  it("stops sending there and the office's members get the card instead", async () => {
    const official = await staff('official', ROADS);
    const group = newGroup();
    await linkGroup(group, official);

    await harness.sendAll(myChatMemberChanged(group, 'member', 'kicked'));
    expect(await officeChat(group)).toMatchObject({ active: false });

    const number = await fileReport();
    await cardArrives(official, number);
    expect(cardsIn(group, number)).toBe(0);
  });

  it('says how to link it when added back, without linking it by itself', async () => {
    const official = await staff('official', ROADS);
    const group = newGroup();
    await linkGroup(group, official);
    await harness.sendAll(myChatMemberChanged(group, 'member', 'left'));
    const before = harness.texts(group).length;

    await harness.sendAll(myChatMemberChanged(group, 'left', 'member'));
    expect(await officeChat(group)).toMatchObject({ active: false });
    expect(harness.texts(group)).toHaveLength(before + 1);
    expect(harness.lastText(group)).toContain('команду /team');
  });
});

describe("when an official presses a card's button in the group", () => {
  it('is handled in their private dialogue, not in the group', async () => {
    const official = await staff('official', ROADS);
    const group = newGroup();
    await linkGroup(group, official);
    const number = await fileReport();
    await cardArrives(group, number);

    const card = harness.api
      .sentMessages(group)
      .find((sent) => (sent.text ?? sent.caption ?? '').includes(`обращение № ${number}`));
    const markup = card?.replyMarkup as
      | { inline_keyboard: Array<Array<{ callback_data?: string }>> }
      | undefined;
    const data = markup?.inline_keyboard.flat()[0]?.callback_data;
    expect(data).toMatch(/^v\|/);
    const groupTexts = harness.texts(group).length;

    const press = callbackQuery(group, data ?? '', card?.messageId, { from: { id: official } });
    await harness.sendAll(press);

    const dialogues = await db.prisma.conversation.findMany({
      where: { chatId: { in: [String(official), String(group)] } },
    });
    expect(dialogues.map((row) => row.chatId)).toEqual([String(official)]);
    expect(harness.texts(group)).toHaveLength(groupTexts);
    // What the engine answers goes to the presser's private chat.
    expect(harness.texts(official).join('\n')).toContain(`№ ${number}`);
    const answered = harness.api.calls('answerCallbackQuery');
    expect(answered.map((call) => call.params.callback_query_id)).toContain(
      press.callback_query.id,
    );
  });
});
