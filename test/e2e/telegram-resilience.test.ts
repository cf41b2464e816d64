import { describe, expect, it } from 'vitest';
import { TELEGRAM_ERRORS } from '../fakes/telegram-api.ts';
import {
  command,
  documentMessage,
  locationMessage,
  myChatMemberKicked,
  photoMessage,
  stickerMessage,
  textMessage,
  voiceMessage,
} from '../fakes/telegram-updates.ts';
import { useTelegramHarness } from '../support/e2e.ts';

const CENTRE = { latitude: 62.0285, longitude: 129.7325 };
let nextChat = 720_000;

const e2e = useTelegramHarness('webhook');

async function consentedResident(): Promise<number> {
  const chatId = nextChat++;
  await e2e.harness.sendAll(command(chatId, '/start'));
  await e2e.harness.press(chatId, 'Согласен(на)');
  return chatId;
}

describe('when a resident sends what a step cannot use', () => {
  it('answers each bad input politely and carries on with the report', async () => {
    const chatId = await consentedResident();
    await e2e.harness.sendAll(textMessage(chatId, '📝 Сообщить о проблеме'));

    await e2e.harness.sendAll(locationMessage(chatId, 55.7558, 37.6173));
    expect(e2e.harness.lastText(chatId)).toContain('за пределами Якутска');

    await e2e.harness.sendAll(locationMessage(chatId, CENTRE.latitude, CENTRE.longitude));
    await e2e.harness.sendAll(stickerMessage(chatId));
    expect(e2e.harness.texts(chatId).at(-2)).toContain('Стикер');
    await e2e.harness.sendAll(voiceMessage(chatId));
    expect(e2e.harness.texts(chatId).at(-2)).toContain('Голосовые');
    const huge = { fileName: 'yama.jpg', mimeType: 'image/jpeg', fileSize: 25 * 1024 * 1024 };
    await e2e.harness.sendAll(documentMessage(chatId, huge));
    expect(e2e.harness.texts(chatId).at(-2)).toContain('20 МБ');
    const pdf = { fileName: 'akt.pdf', mimeType: 'application/pdf', fileSize: 10_000 };
    await e2e.harness.sendAll(documentMessage(chatId, pdf));
    expect(e2e.harness.texts(chatId).at(-2)).toContain('Этот файл не получится приложить');

    const picture = { fileName: 'yama.png', mimeType: 'image/png', fileSize: 3_000_000 };
    await e2e.harness.sendAll(documentMessage(chatId, picture));
    expect(e2e.harness.lastText(chatId)).toContain('Фото: 1 из 10');

    await e2e.harness.sendAll(textMessage(chatId, 'Готово ➡'), textMessage(chatId, 'яма'));
    expect(e2e.harness.lastText(chatId)).toContain('Слишком коротко');
    await e2e.harness.sendAll(textMessage(chatId, 'Яма на дороге возле школы'));
    expect(e2e.harness.lastText(chatId)).toMatch(/категори/);
  });
});

describe('when a message holds characters the database cannot store', () => {
  it('answers it instead of failing the webhook', async () => {
    const chatId = nextChat++;
    await e2e.harness.sendAll(textMessage(chatId, 'Яма\u0000 у дома \ud800'));
    expect(e2e.harness.lastText(chatId)).toContain('Выберите действие в меню');
  });
});

describe('when the process restarts', () => {
  it('keeps a half-written report', async () => {
    const chatId = await consentedResident();
    await e2e.harness.sendAll(locationMessage(chatId, CENTRE.latitude, CENTRE.longitude));
    await e2e.harness.sendAll(photoMessage(chatId));

    await e2e.harness.shutdown();
    await e2e.harness.boot();

    await e2e.harness.sendAll(textMessage(chatId, 'Готово ➡'));
    await e2e.harness.sendAll(textMessage(chatId, 'Не горит фонарь у подъезда'));
    await e2e.harness.press(chatId, 'Другие категории…');
    await e2e.harness.press(chatId, 'Уличное освещение');
    await e2e.harness.press(chatId, '✅ Отправить');
    expect(e2e.harness.texts(chatId).some((text) => /Обращение № \d+ принято/.test(text))).toBe(
      true,
    );
  });

  it('handles an update that was recorded but not processed before the stop', async () => {
    const chatId = nextChat++;
    const update = command(chatId, '/start');
    await e2e.harness.shutdown();
    await e2e.db.prisma.inboundUpdate.create({
      data: {
        channel: 'telegram',
        updateId: String(update.update_id),
        chatKey: String(chatId),
        payload: JSON.parse(JSON.stringify(update)),
      },
    });
    await e2e.harness.boot();
    await expect
      .poll(() => e2e.harness.lastText(chatId), { timeout: 10_000 })
      .toContain('согласие');
  });
});

describe('when the Bot API refuses a call', () => {
  it('waits out a 429 and delivers the message', async () => {
    const chatId = nextChat++;
    e2e.harness.api.rateLimitNext('sendMessage', 1);
    await e2e.harness.sendAll(command(chatId, '/help'));
    expect(e2e.harness.lastText(chatId)).toContain('Как сообщить о проблеме');
    const outcomes = e2e.harness.api.calls('sendMessage').slice(-2);
    expect(outcomes).toHaveLength(2);
  });

  it('marks a resident who blocks the bot unreachable, and reachable again on return', async () => {
    const chatId = await consentedResident();
    await e2e.harness.sendAll(myChatMemberKicked(chatId));
    const resident = () =>
      e2e.db.prisma.resident.findFirstOrThrow({ where: { chatId: String(chatId) } });
    expect((await resident()).unreachableAt).not.toBeNull();
    const unblocked = myChatMemberKicked(chatId);
    unblocked.my_chat_member.new_chat_member = {
      ...unblocked.my_chat_member.new_chat_member,
      status: 'member',
    } as typeof unblocked.my_chat_member.new_chat_member;
    await e2e.harness.sendAll(unblocked);
    expect((await resident()).unreachableAt).toBeNull();
  });

  it('stops quietly for a chat that blocked the bot, and serves the others', async () => {
    const blocked = nextChat++;
    e2e.harness.api.blockChat(blocked);
    await e2e.harness.sendAll(command(blocked, '/start'));
    const other = nextChat++;
    await e2e.harness.sendAll(command(other, '/start'));
    expect(e2e.harness.lastText(other)).toContain('согласие');
    expect(e2e.harness.logLines.join('')).toContain('chat unreachable');
  });

  it('survives "message is too long" and "can\'t parse entities" and keeps serving', async () => {
    const chatId = nextChat++;
    e2e.harness.api.failNext('sendMessage', {
      error_code: 400,
      description: TELEGRAM_ERRORS.textTooLong,
    });
    await e2e.harness.sendAll(command(chatId, '/help'));
    e2e.harness.api.failNext('sendMessage', {
      error_code: 400,
      description: "Bad Request: can't parse entities: Unexpected end tag at byte offset 12",
    });
    await e2e.harness.sendAll(command(chatId, '/help'));
    await e2e.harness.sendAll(command(chatId, '/help'));
    expect(e2e.harness.lastText(chatId)).toContain('Как сообщить о проблеме');
    expect(e2e.harness.logLines.join('')).toContain('reply could not be sent; apologising');
    expect(e2e.harness.texts(chatId)).toContain(
      'Простите, что-то пошло не так. Попробуйте ещё раз чуть позже — ваши данные не потерялись.',
    );
  });
});
