import type { Update } from 'grammy/types';
import { describe, expect, it } from 'vitest';
import { chatKeyOf, toIncoming } from '../../bots/telegram/incoming.ts';
import { callbackQuery, command, textMessage } from '../fakes/telegram-updates.ts';

const OFFICIAL = 862_001;
const GROUP = -4_862_001;
const SUPERGROUP = -1_000_004_862_001;

describe('when a button is pressed under a message in a group', () => {
  it("becomes a button of the presser's private chat, marked as from a group", () => {
    for (const chat of [GROUP, SUPERGROUP]) {
      const press = callbackQuery(chat, 'v|take|12', undefined, { from: { id: OFFICIAL } });
      expect(toIncoming(press)).toMatchObject({
        kind: 'button',
        payload: 'v|take|12',
        chatId: String(OFFICIAL),
        userId: String(OFFICIAL),
        fromGroup: true,
      });
      expect(chatKeyOf(press)).toBe(String(OFFICIAL));
    }
  });

  it('is ignored without data', () => {
    const press = callbackQuery(GROUP, 'v|take|12', undefined, { from: { id: OFFICIAL } });
    const { data: _data, ...withoutData } = press.callback_query;
    expect(toIncoming({ ...press, callback_query: withoutData } as Update)).toBeNull();
  });
});

describe('when a button is pressed in a private chat', () => {
  it('stays in that chat and is not marked as from a group', () => {
    const incoming = toIncoming(callbackQuery(OFFICIAL, 'v|take|12'));
    expect(incoming).toMatchObject({ chatId: String(OFFICIAL), kind: 'button' });
    expect(incoming).not.toHaveProperty('fromGroup');
  });
});

describe('when a button is pressed under a channel post', () => {
  it('is ignored', () => {
    const press = callbackQuery(GROUP, 'v|take|12', undefined, { from: { id: OFFICIAL } });
    const message = press.callback_query.message;
    const channel = { id: -1_000_009_000_001, type: 'channel' as const, title: 'Новости' };
    const update = {
      ...press,
      callback_query: { ...press.callback_query, message: { ...message, chat: channel } },
    };
    expect(toIncoming(update as Update)).toBeNull();
  });
});

describe('when people write in a group', () => {
  it('reaches no dialogue, commands included', () => {
    expect(toIncoming(textMessage(GROUP, 'Коллеги, кто возьмёт?'))).toBeNull();
    expect(toIncoming(command(GROUP, '/start', undefined, { from: { id: OFFICIAL } }))).toBeNull();
  });
});
