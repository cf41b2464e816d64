import { describe, expect, it } from 'vitest';
import { issueLinkCode } from '../../core/staff/link-codes.ts';
import { command, locationMessage, photoMessage, textMessage } from '../fakes/telegram-updates.ts';
import { useTelegramHarness } from '../support/e2e.ts';

const CENTRE = { latitude: 62.0285, longitude: 129.7325 };
const OFFICIAL_CHAT = 730_001;
const RESIDENT_CHAT = 730_002;

const e2e = useTelegramHarness('polling');

/** Waits until the bot has sent a chat a message containing this text (deliveries are jobs). */
async function waitFor(chatId: number, text: string): Promise<void> {
  await expect
    .poll(() => e2e.harness.texts(chatId).join('\n---\n'), { timeout: 15_000, interval: 50 })
    .toContain(text);
}

describe('an official answering a resident through Telegram', () => {
  it('links, gets the card, takes and answers it; the resident reopens it', async () => {
    // Roads belong to the city's roads office everywhere (seed/category-routes.json).
    const office = await e2e.db.prisma.office.findUniqueOrThrow({
      where: { code: 'roads-transport' },
    });
    const { code } = await issueLinkCode(e2e.db.prisma, { role: 'official', officeId: office.id });
    await e2e.harness.sendAll(command(OFFICIAL_CHAT, `/link ${code}`));
    expect(e2e.harness.lastText(OFFICIAL_CHAT)).toContain(office.name);

    await e2e.harness.sendAll(command(RESIDENT_CHAT, '/start'));
    await e2e.harness.press(RESIDENT_CHAT, 'Согласен(на)');
    await e2e.harness.sendAll(textMessage(RESIDENT_CHAT, '📝 Сообщить о проблеме'));
    await e2e.harness.sendAll(locationMessage(RESIDENT_CHAT, CENTRE.latitude, CENTRE.longitude));
    await e2e.harness.sendAll(photoMessage(RESIDENT_CHAT));
    await e2e.harness.sendAll(textMessage(RESIDENT_CHAT, 'Готово ➡'));
    await e2e.harness.sendAll(
      textMessage(RESIDENT_CHAT, 'Глубокая яма на проезжей части у остановки'),
    );
    await e2e.harness.press(RESIDENT_CHAT, 'Другие категории…');
    await e2e.harness.press(RESIDENT_CHAT, 'Дороги и тротуары');
    await e2e.harness.press(RESIDENT_CHAT, '✅ Отправить');

    await waitFor(OFFICIAL_CHAT, 'Новое обращение №');
    expect(e2e.harness.texts(OFFICIAL_CHAT).join('\n')).toContain('yandex.ru/maps');

    await e2e.harness.press(OFFICIAL_CHAT, '🛠 Взять в работу');
    expect(e2e.harness.lastText(OFFICIAL_CHAT)).toContain('взято в работу');
    await waitFor(RESIDENT_CHAT, 'взято в работу');

    await e2e.harness.press(OFFICIAL_CHAT, '✅ Ответить (решено)');
    await e2e.harness.sendAll(textMessage(OFFICIAL_CHAT, 'Яму заделали асфальтом.'));
    await e2e.harness.press(OFFICIAL_CHAT, '📨 Отправить');
    await waitFor(RESIDENT_CHAT, 'действительно устранена');
    expect(e2e.harness.texts(RESIDENT_CHAT).join('\n')).toContain('Яму заделали асфальтом.');

    await e2e.harness.press(RESIDENT_CHAT, '❌ Нет, не устранена');
    await e2e.harness.sendAll(textMessage(RESIDENT_CHAT, 'Заделали только половину ямы'));
    expect(e2e.harness.lastText(RESIDENT_CHAT)).toContain('возобновлено');
    await waitFor(OFFICIAL_CHAT, 'возобновил обращение');

    await e2e.harness.sendAll(command(OFFICIAL_CHAT, '/inbox'));
    expect(e2e.harness.lastText(OFFICIAL_CHAT)).toContain('Открытые обращения: 1');
  });
});
