import { describe, expect, it } from 'vitest';
import { eventIdOf } from '../../bots/vk/bot.ts';
import { buttonPayload, peerOf, toIncomings } from '../../bots/vk/incoming.ts';
import { inlineKeyboard, label, replyKeyboard } from '../../bots/vk/keyboards.ts';
import { randomId } from '../../bots/vk/render.ts';

const PEER = 51_234;

function messageNew(message: Record<string, unknown>, langId = 0) {
  return {
    type: 'message_new',
    event_id: 'e1',
    group_id: 1,
    object: {
      message: { peer_id: PEER, from_id: PEER, id: 7, conversation_message_id: 3, ...message },
      client_info: { button_actions: ['text', 'callback', 'location'], lang_id: langId },
    },
  };
}

const photo = (id: number, sizes: Array<[number, number]>) => ({
  type: 'photo',
  photo: {
    id,
    owner_id: PEER,
    access_key: 'k',
    sizes: sizes.map(([width, height], index) => ({
      type: String(index),
      url: `http://127.0.0.1/p${id}_${width}.jpg`,
      width,
      height,
    })),
  },
});

describe('VK events as the dialogue sees them', () => {
  it('reads text, commands and the Start button', () => {
    expect(toIncomings(messageNew({ text: 'яма' }), 'e1')).toMatchObject([
      { channel: 'vk', chatId: String(PEER), userId: String(PEER), kind: 'text', text: 'яма' },
    ]);
    expect(toIncomings(messageNew({ text: '/link AB-CD' }), 'e1')[0]).toMatchObject({
      kind: 'command',
      command: 'link',
      args: 'AB-CD',
    });
    const start = messageNew({ text: 'Начать', payload: '{"command":"start"}' });
    expect(toIncomings(start, 'e1')[0]).toMatchObject({ kind: 'command', command: 'start' });
    expect(toIncomings(messageNew({ text: 'hi' }, 3), 'e1')[0]?.languageCode).toBe('en');
  });

  it('reads a geo attachment as a location', () => {
    const geo = { type: 'point', coordinates: { latitude: 62.03, longitude: 129.73 } };
    expect(toIncomings(messageNew({ text: '', geo }), 'e1')[0]).toMatchObject({
      kind: 'location',
      point: { latitude: 62.03, longitude: 129.73 },
    });
  });

  it('turns each photo into its own part, the largest size, the text as the caption', () => {
    const event = messageNew({
      text: 'Яма у подъезда',
      attachments: [
        photo(1, [
          [130, 100],
          [1280, 960],
          [604, 453],
        ]),
        photo(2, [[800, 600]]),
      ],
    });
    const parts = toIncomings(event, 'e1');
    expect(parts).toHaveLength(2);
    expect(parts[0]).toMatchObject({
      updateId: 'e1',
      kind: 'photo',
      caption: 'Яма у подъезда',
      mediaGroupId: `vk:${PEER}:3`,
      photo: {
        fileId: `photo${PEER}_1_k`,
        width: 1280,
        height: 960,
        sourceUrl: 'http://127.0.0.1/p1_1280.jpg',
      },
    });
    expect(parts[1]).toMatchObject({ updateId: 'e1#1', kind: 'photo' });
    expect(parts[1]).not.toHaveProperty('caption');
  });

  it('answers stickers, voice and documents as unsupported, and a big file as too large', () => {
    const kinds = [
      [{ type: 'sticker', sticker: {} }, 'sticker'],
      [{ type: 'audio_message', audio_message: {} }, 'voice'],
      [{ type: 'doc', doc: { ext: 'pdf', size: 1000 } }, 'document'],
      [{ type: 'doc', doc: { ext: 'jpg', size: 25 * 1024 * 1024 } }, 'file_too_large'],
    ] as const;
    for (const [attachment, what] of kinds) {
      const incoming = toIncomings(messageNew({ text: '', attachments: [attachment] }), 'e1')[0];
      expect(incoming).toMatchObject({ kind: 'unsupported', what });
    }
  });

  it('takes an image sent as a file as a photo, and refuses other documents', () => {
    const doc = { id: 5, owner_id: PEER, ext: 'JPG', size: 200_000, url: 'http://127.0.0.1/d.jpg' };
    const [incoming] = toIncomings(messageNew({ attachments: [{ type: 'doc', doc }] }), 'e1');
    expect(incoming).toMatchObject({
      kind: 'photo',
      photo: { fileId: `doc${PEER}_5`, sourceUrl: 'http://127.0.0.1/d.jpg' },
    });
    const pdf = { ...doc, ext: 'pdf' };
    expect(
      toIncomings(messageNew({ attachments: [{ type: 'doc', doc: pdf }] }), 'e1')[0],
    ).toMatchObject({ kind: 'unsupported', what: 'document' });
  });

  it('takes our callback buttons and ignores foreign payloads and group conversations', () => {
    const press = (payload: unknown, peer = PEER) => ({
      type: 'message_event',
      event_id: 'e2',
      object: { user_id: PEER, peer_id: peer, event_id: 'x', payload },
    });
    expect(toIncomings(press({ b: 'v|take|5' }), 'e2')[0]).toMatchObject({
      kind: 'button',
      payload: 'v|take|5',
    });
    expect(toIncomings(press({ command: 'other' }), 'e2')).toEqual([]);
    expect(toIncomings(press({ b: 'v|take|5' }, 2_000_000_001), 'e2')).toEqual([]);
    expect(toIncomings(messageNew({ peer_id: 2_000_000_001, text: 'x' }), 'e1')).toEqual([]);
    expect(toIncomings({ type: 'wall_post_new', object: {} }, 'e3')).toEqual([]);
    expect(buttonPayload('{"b":"1|cat|roads"}')).toBe('1|cat|roads');
    expect(buttonPayload('not json')).toBeUndefined();
  });

  it('names the chat of membership events and ids events without one by content', () => {
    expect(peerOf({ type: 'message_deny', object: { user_id: 9 } })).toBe('9');
    const old = { type: 'message_new', object: { message: { peer_id: 1, from_id: 1 } } };
    expect(eventIdOf(old)).toBe(eventIdOf(structuredClone(old)));
    expect(eventIdOf({ ...old, event_id: 'abc' })).toBe('abc');
  });
});

describe('VK keyboards and sends', () => {
  it('builds callback inline keyboards with our payload inside', () => {
    const keyboard = inlineKeyboard([[{ label: 'Взять', payload: 'v|take|1' }]]);
    expect(keyboard).toEqual({
      inline: true,
      buttons: [[{ action: { type: 'callback', label: 'Взять', payload: '{"b":"v|take|1"}' } }]],
    });
  });

  it('puts the location button alone in its row and cuts long labels', () => {
    const keyboard = replyKeyboard([
      [{ label: 'Моё местоположение', requestLocation: true }, { label: 'Назад' }],
    ]);
    expect(keyboard.buttons[0]).toEqual([{ action: { type: 'location', payload: '{}' } }]);
    expect(keyboard.buttons[1]?.[0]?.action.label).toBe('Назад');
    expect([...label('а'.repeat(60))]).toHaveLength(40);
  });

  it('derives the same positive random_id for the same send', () => {
    expect(randomId('delivery:1:0')).toBe(randomId('delivery:1:0'));
    expect(randomId('delivery:1:0')).not.toBe(randomId('delivery:1:1'));
    expect(randomId('x')).toBeGreaterThan(0);
    expect(randomId('x')).toBeLessThan(2 ** 31);
  });
});
