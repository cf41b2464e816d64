import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueLinkCode } from '../../core/staff/link-codes.ts';
import {
  command,
  locationMessage,
  photoMessage as telegramPhoto,
  textMessage,
} from '../fakes/telegram-updates.ts';
import { geoMessage, messageNew, photoMessage } from '../fakes/vk-events.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { VkHarness } from '../support/vk-harness.ts';

const CENTRE = { latitude: 62.0285, longitude: 129.7325 };

let db: TestDatabase;
let harness: VkHarness;

beforeAll(async () => {
  db = await createTestDatabase();
  harness = await VkHarness.start(db, 'callback');
});
afterAll(async () => {
  await harness.close();
  await db.drop();
});

async function roadsCode(): Promise<{ code: string; name: string }> {
  const office = await db.prisma.office.findUniqueOrThrow({ where: { code: 'roads-transport' } });
  const { code } = await issueLinkCode(db.prisma, { role: 'official', officeId: office.id });
  return { code, name: office.name };
}

describe('one report, two platforms', () => {
  it('a VK resident’s report is answered by an official in Telegram', async () => {
    const official = 880_001;
    const { code } = await roadsCode();
    await harness.telegramSendAll(command(official, `/link ${code}`));
    expect(harness.telegramTexts(official).at(-1)).toContain('Готово');

    const peer = 620_001;
    await harness.sendAll(messageNew(peer, { text: 'Начать', payload: { command: 'start' } }));
    await harness.press(peer, 'Согласен(на)');
    await harness.text(peer, '📝 Сообщить о проблеме');
    await harness.sendAll(geoMessage(peer, CENTRE.latitude, CENTRE.longitude));
    await harness.sendAll(photoMessage(peer, [harness.vk.registerPhoto()]));
    await harness.text(peer, 'Готово ➡');
    await harness.text(peer, 'Глубокая яма на проезжей части у остановки');
    await harness.press(peer, 'Другие категории…');
    await harness.press(peer, 'Дороги и тротуары');
    await harness.press(peer, '✅ Отправить');

    // The card reaches Telegram, its VK photo uploaded from our stored copy.
    await expect
      .poll(() => harness.telegramTexts(official).join('\n'), { timeout: 15_000 })
      .toContain('Новое обращение №');
    const photoSends = harness.telegram
      .sentMessages(official)
      .filter((m) => m.method === 'sendPhoto');
    expect(photoSends.length).toBe(1);

    await harness.telegramPress(official, '✅ Ответить (решено)');
    await harness.telegramSendAll(textMessage(official, 'Яму заделали асфальтом.'));
    await harness.telegramPress(official, '📨 Отправить');

    await expect
      .poll(() => harness.texts(peer).join('\n'), { timeout: 15_000 })
      .toContain('действительно устранена');
    expect(harness.texts(peer).join('\n')).toContain('Яму заделали асфальтом.');
    await harness.press(peer, '✅ Да, устранена');
    expect(harness.lastText(peer)).toContain('закрыто');
  });

  it('a Telegram resident’s report is taken by an official in VK', async () => {
    const officialPeer = 620_002;
    const { code, name } = await roadsCode();
    await harness.text(officialPeer, `/link ${code}`);
    expect(harness.lastText(officialPeer)).toContain(name);

    const resident = 880_002;
    await harness.telegramSendAll(command(resident, '/start'));
    await harness.telegramPress(resident, 'Согласен(на)');
    await harness.telegramSendAll(textMessage(resident, '📝 Сообщить о проблеме'));
    await harness.telegramSendAll(locationMessage(resident, CENTRE.latitude, CENTRE.longitude));
    await harness.telegramSendAll(telegramPhoto(resident));
    await harness.telegramSendAll(textMessage(resident, 'Готово ➡'));
    await harness.telegramSendAll(textMessage(resident, 'Провал асфальта посреди дороги'));
    await harness.telegramPress(resident, 'Другие категории…');
    await harness.telegramPress(resident, 'Дороги и тротуары');
    await harness.telegramPress(resident, '✅ Отправить');

    await expect
      .poll(() => harness.texts(officialPeer).join('\n'), { timeout: 15_000 })
      .toContain('Новое обращение №');
    await harness.press(officialPeer, '🛠 Взять в работу');
    expect(harness.lastText(officialPeer)).toContain('взято в работу');
    await expect
      .poll(() => harness.telegramTexts(resident).join('\n'), { timeout: 15_000 })
      .toContain('взято в работу');
  });
});
