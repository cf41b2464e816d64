import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ConversationEngine } from '../../core/conversation/engine.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { IN_CITY, OUTSIDE_CITY, TestChat, testEngine } from '../support/dialogue.ts';

let db: TestDatabase;
let engine: ConversationEngine;
let chat: TestChat;

beforeAll(async () => {
  db = await createTestDatabase();
  engine = await testEngine(db);
});
afterAll(() => db.drop());
beforeEach(() => {
  chat = new TestChat(engine);
});

const photo = (n: number, mediaGroupId?: string) =>
  ({
    kind: 'photo',
    photo: { fileId: `file-${n}`, fileUniqueId: `unique-${n}`, width: 1280, height: 960 },
    ...(mediaGroupId ? { mediaGroupId } : {}),
  }) as const;

async function consent(): Promise<void> {
  await chat.command('start');
  await chat.press('Согласен(на)');
}

describe('when a new person starts the bot', () => {
  it('greets them and asks for consent before anything else', async () => {
    await chat.command('start');
    expect(chat.said).toContain('Здравствуйте');
    expect(chat.said).toContain('согласие на обработку персональных данных');
    expect(await db.prisma.resident.count({ where: { chatId: chat.chatId } })).toBe(0);
  });

  it('stores the resident only once they accept', async () => {
    await consent();
    expect(chat.said).toContain('Спасибо');
    expect(await db.prisma.resident.count({ where: { chatId: chat.chatId } })).toBe(1);
  });

  it('lets someone who declined read, but not report', async () => {
    await chat.command('start');
    await chat.press('Не согласен(на)');
    expect(chat.said).toContain('режиме чтения');
    await chat.text('📝 Сообщить о проблеме');
    expect(chat.said).toContain('сначала нужно согласие');
    expect(await db.prisma.resident.count({ where: { chatId: chat.chatId } })).toBe(0);
  });
});

describe('when a resident reports a problem step by step', () => {
  it('files it with a ticket number, in the district of its location', async () => {
    await consent();
    await chat.text('📝 Сообщить о проблеме');
    expect(chat.said).toContain('Где находится проблема');

    await chat.send({ kind: 'location', point: IN_CITY });
    expect(chat.said).toContain('Центральный округ');
    await chat.send(photo(1));
    await chat.send(photo(2));
    expect(chat.said).toContain('Фото: 2 из 10');
    await chat.text('Готово ➡');
    await chat.text('Глубокая яма на дороге у остановки');
    expect(chat.said).toContain('Похоже, это «Дороги и тротуары»');
    await chat.press('Дороги и тротуары');
    expect(chat.said).toContain('Проверьте обращение');
    await chat.press('✅ Отправить');

    const number = Number(/№ (\d+)/.exec(chat.said)?.[1]);
    const report = await db.prisma.report.findUniqueOrThrow({
      where: { number },
      include: { photos: true, category: true, district: true },
    });
    expect(report.category.code).toBe('roads');
    expect(report.district?.code).toBe('tsentralny');
    expect(report.photos.map((p) => p.fileId)).toEqual(['file-1', 'file-2']);
    expect(report.suggestedCategory).toBe('roads');
  });

  it('takes a typed address when the resident cannot share a location', async () => {
    await consent();
    await chat.command('report');
    await chat.text('ул. Ленина, 10, у аптеки');
    expect(chat.said).toContain('ул. Ленина, 10, у аптеки');
    await chat.send(photo(3));
    await chat.text('Готово ➡');
    await chat.text('Не горит фонарь во дворе');
    await chat.press('Другие категории…');
    await chat.press('Уличное освещение');
    await chat.press('✅ Отправить');
    const report = await db.prisma.report.findFirstOrThrow({
      where: { resident: { chatId: chat.chatId } },
    });
    expect(report).toMatchObject({ address: 'ул. Ленина, 10, у аптеки', latitude: null });
  });
});

describe('when a resident sends a photo or a location out of the blue', () => {
  it('starts a report with the photo kept, its caption as the description', async () => {
    await consent();
    await chat.send({ ...photo(4), caption: 'Огромная яма во дворе дома' });
    expect(chat.said).toContain('Фото сохранено');
    expect(chat.said).toContain('Подпись к фото взята как описание');
    expect(chat.said).toContain('Где находится проблема');
    await chat.send({ kind: 'location', point: IN_CITY });
    await chat.text('Готово ➡');
    // The caption already describes it, so the category comes next.
    expect(chat.said).toContain('Похоже, это «Дороги и тротуары»');
  });

  it('starts a report at the photos step from a location', async () => {
    await consent();
    await chat.send({ kind: 'location', point: IN_CITY });
    expect(chat.said).toContain('Пришлите от 1 до 10 фото');
  });
});

describe('when a resident sends an album', () => {
  it('keeps every photo and acknowledges the album once', async () => {
    await consent();
    await chat.send({ kind: 'location', point: IN_CITY });
    const replies = [];
    for (let n = 10; n < 13; n += 1) replies.push(await chat.send(photo(n, 'album-1')));
    expect(replies.map((reply) => reply.messages.length)).toEqual([1, 0, 0]);
    await chat.text('Готово ➡');
    await chat.text('Сугробы по пояс, не пройти');
    await chat.press('Другие категории…');
    await chat.press('Снег и наледь');
    expect(chat.said).toContain('Фото: 3');
  });

  it('takes ten photos at most and says so once per album', async () => {
    await consent();
    await chat.send({ kind: 'location', point: IN_CITY });
    const replies = [];
    for (let n = 0; n < 15; n += 1) replies.push(await chat.send(photo(100 + n, 'album-2')));
    const limitNotices = replies
      .flatMap((reply) => reply.messages)
      .filter((message) => message.text.includes('не больше 10 фото'));
    expect(limitNotices).toHaveLength(1);
    expect(replies[10]?.messages[0]?.text).toContain('не больше 10 фото');
  });
});

describe('when a resident sends something the step cannot use', () => {
  beforeEach(async () => {
    await consent();
    await chat.send({ kind: 'location', point: IN_CITY });
  });

  it('explains a sticker, a voice message and a huge file, and waits for photos', async () => {
    await chat.send({ kind: 'unsupported', what: 'sticker' });
    expect(chat.said).toContain('Стикер не получится приложить');
    expect(chat.said).toContain('Сейчас нужны фото');
    await chat.send({ kind: 'unsupported', what: 'voice' });
    expect(chat.said).toContain('Голосовые сообщения');
    await chat.send({ kind: 'unsupported', what: 'file_too_large' });
    expect(chat.said).toContain('20 МБ');
    await chat.send(photo(300));
    expect(chat.said).toContain('Фото: 1 из 10');
  });

  it('asks for at least one photo before moving on', async () => {
    await chat.text('Готово ➡');
    expect(chat.said).toContain('хотя бы одна фотография');
  });

  it('asks for more than one word of description', async () => {
    await chat.send(photo(301));
    await chat.text('Готово ➡');
    await chat.text('яма');
    expect(chat.said).toContain('Слишком коротко');
    await chat.text('   ');
    expect(chat.said).toContain('Опишите проблему словами');
    await chat.text('Яма во дворе у подъезда');
    expect(chat.said).toContain('Похоже');
  });

  it('refuses a location outside the city and keeps the draft', async () => {
    await chat.send({ kind: 'location', point: OUTSIDE_CITY });
    expect(chat.said).toContain('за пределами Якутска');
  });
});

describe('when a resident goes back, cancels or taps an old button', () => {
  beforeEach(consent);

  it('goes back one step and re-asks it', async () => {
    await chat.send({ kind: 'location', point: IN_CITY });
    await chat.text('◀ Назад');
    expect(chat.said).toContain('Где находится проблема');
    await chat.text('◀ Назад');
    expect(chat.said).toContain('Чтобы выйти, нажмите «Отмена»');
  });

  it('cancels without filing anything', async () => {
    await chat.send({ kind: 'location', point: IN_CITY });
    await chat.text('✖ Отмена');
    expect(chat.said).toContain('Обращение отменено');
    expect(await db.prisma.report.count({ where: { resident: { chatId: chat.chatId } } })).toBe(0);
  });

  it('files once when submit is tapped twice', async () => {
    await chat.send({ kind: 'location', point: IN_CITY });
    await chat.send(photo(400));
    await chat.text('Готово ➡');
    await chat.text('Яма на дороге, глубокая');
    await chat.press('Дороги и тротуары');
    const summary = chat.lastReply;
    await chat.press('✅ Отправить');
    chat.lastReply = summary;
    const second = await chat.press('✅ Отправить');
    expect(second.buttonNotice).toBe('Эта кнопка уже не действует.');
    expect(await db.prisma.report.count({ where: { resident: { chatId: chat.chatId } } })).toBe(1);
  });

  it('keeps a draft over /start unless the resident starts again', async () => {
    await chat.send({ kind: 'location', point: IN_CITY });
    await chat.command('start');
    expect(chat.said).toContain('незаконченное обращение');
    await chat.press('Продолжить');
    expect(chat.said).toContain('Пришлите от 1 до 10 фото');
    await chat.command('start');
    await chat.press('Начать заново');
    expect(chat.said).toContain('Где находится проблема');
  });
});

describe('when a resident switches the language', () => {
  it('answers in English from then on, keeping a draft', async () => {
    await consent();
    await chat.send({ kind: 'location', point: IN_CITY });
    await chat.command('language');
    expect(chat.said).toContain('Send 1 to 10 photos');
    await chat.command('language');
    expect(chat.said).toContain('Пришлите от 1 до 10 фото');
  });
});

describe('when a button is forged or tapped again', () => {
  it('treats odd numbers in a button as a stale button', async () => {
    await consent();
    for (const payload of ['v|open|abc', 'v|open', 'v|page|99999999999999999999', 'v|page|1e400']) {
      const reply = await chat.send({ kind: 'button', payload });
      expect(reply).toEqual({
        messages: [],
        buttonNotice: 'Эта кнопка устарела. Откройте меню: /menu',
      });
    }
  });

  it('records consent once and says so on a second tap', async () => {
    await chat.command('start');
    const request = chat.lastReply;
    await chat.press('Согласен(на)');
    chat.lastReply = request;
    const again = await chat.press('Согласен(на)');
    expect(again).toEqual({ messages: [], buttonNotice: 'Согласие уже получено.' });
  });
});
