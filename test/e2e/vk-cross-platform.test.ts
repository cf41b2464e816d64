import { describe, expect, it } from 'vitest';
import { issueLinkCode } from '../../core/staff/link-codes.ts';
import {
  command,
  locationMessage,
  photoMessage as telegramPhoto,
  textMessage,
} from '../fakes/telegram-updates.ts';
import { geoMessage, messageNew, photoMessage } from '../fakes/vk-events.ts';
import { useVkHarness } from '../support/e2e.ts';

const CENTRE = { latitude: 62.0285, longitude: 129.7325 };

const e2e = useVkHarness('callback');

async function roadsCode(): Promise<{ code: string; name: string }> {
  const office = await e2e.db.prisma.office.findUniqueOrThrow({
    where: { code: 'roads-transport' },
  });
  const { code } = await issueLinkCode(e2e.db.prisma, { role: 'official', officeId: office.id });
  return { code, name: office.name };
}

describe('one report, two platforms', () => {
  it('a VK resident’s report is answered by an official in Telegram', async () => {
    const official = 880_001;
    const { code } = await roadsCode();
    await e2e.harness.telegramSendAll(command(official, `/link ${code}`));
    expect(e2e.harness.telegramTexts(official).at(-1)).toContain('Готово');

    const peer = 620_001;
    await e2e.harness.sendAll(messageNew(peer, { text: 'Начать', payload: { command: 'start' } }));
    await e2e.harness.press(peer, 'Согласен(на)');
    await e2e.harness.text(peer, '📝 Сообщить о проблеме');
    await e2e.harness.sendAll(geoMessage(peer, CENTRE.latitude, CENTRE.longitude));
    await e2e.harness.sendAll(photoMessage(peer, [e2e.harness.vk.registerPhoto()]));
    await e2e.harness.text(peer, 'Готово ➡');
    await e2e.harness.text(peer, 'Глубокая яма на проезжей части у остановки');
    await e2e.harness.press(peer, 'Другие категории…');
    await e2e.harness.press(peer, 'Дороги и тротуары');
    await e2e.harness.press(peer, '✅ Отправить');

    // The card reaches Telegram, its VK photo uploaded from our stored copy.
    await expect
      .poll(() => e2e.harness.telegramTexts(official).join('\n'), { timeout: 15_000 })
      .toContain('Новое обращение №');
    const photoSends = e2e.harness.telegram
      .sentMessages(official)
      .filter((m) => m.method === 'sendPhoto');
    expect(photoSends.length).toBe(1);

    await e2e.harness.telegramPress(official, '✅ Ответить (решено)');
    await e2e.harness.telegramSendAll(textMessage(official, 'Яму заделали асфальтом.'));
    await e2e.harness.telegramPress(official, '📨 Отправить');

    await expect
      .poll(() => e2e.harness.texts(peer).join('\n'), { timeout: 15_000 })
      .toContain('действительно устранена');
    expect(e2e.harness.texts(peer).join('\n')).toContain('Яму заделали асфальтом.');
    await e2e.harness.press(peer, '✅ Да, устранена');
    expect(e2e.harness.lastText(peer)).toContain('закрыто');
  });

  it('a Telegram resident’s report is taken by an official in VK', async () => {
    const officialPeer = 620_002;
    const { code, name } = await roadsCode();
    await e2e.harness.text(officialPeer, `/link ${code}`);
    expect(e2e.harness.lastText(officialPeer)).toContain(name);

    const resident = 880_002;
    await e2e.harness.telegramSendAll(command(resident, '/start'));
    await e2e.harness.telegramPress(resident, 'Согласен(на)');
    await e2e.harness.telegramSendAll(textMessage(resident, '📝 Сообщить о проблеме'));
    await e2e.harness.telegramSendAll(locationMessage(resident, CENTRE.latitude, CENTRE.longitude));
    await e2e.harness.telegramSendAll(telegramPhoto(resident));
    await e2e.harness.telegramSendAll(textMessage(resident, 'Готово ➡'));
    await e2e.harness.telegramSendAll(textMessage(resident, 'Провал асфальта посреди дороги'));
    await e2e.harness.telegramPress(resident, 'Другие категории…');
    await e2e.harness.telegramPress(resident, 'Дороги и тротуары');
    await e2e.harness.telegramPress(resident, '✅ Отправить');

    await expect
      .poll(() => e2e.harness.texts(officialPeer).join('\n'), { timeout: 15_000 })
      .toContain('Новое обращение №');
    await e2e.harness.press(officialPeer, '🛠 Взять в работу');
    expect(e2e.harness.lastText(officialPeer)).toContain('взято в работу');
    await expect
      .poll(() => e2e.harness.telegramTexts(resident).join('\n'), { timeout: 15_000 })
      .toContain('взято в работу');
  });
});
