import { Writable } from 'node:stream';
import { Bot, BotError, GrammyError } from 'grammy';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../core/logger.ts';

function capture(): { lines: string[]; stream: Writable } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  return { lines, stream };
}

describe('when an error from the Telegram client is logged', () => {
  it('keeps its description and code, and drops the update, the payload and the token', () => {
    const { lines, stream } = capture();
    const log = createLogger('info', stream);
    const token = '7000000001:AAsecretTokenValue';
    const bot = new Bot(token, {
      botInfo: { id: 1, is_bot: true, first_name: 'Бот', username: 'b' } as never,
    });
    const apiError = new GrammyError(
      "Call to 'sendMessage' failed!",
      { ok: false, error_code: 400, description: 'Bad Request: chat not found' },
      'sendMessage',
      { chat_id: 1, text: 'ул. Ленина, 15, кв 7, Иван Петров +79141234567' },
    );
    const update = {
      update_id: 5,
      message: {
        message_id: 1,
        date: 0,
        chat: { id: 1, type: 'private', first_name: 'Иван' },
        from: { id: 1, is_bot: false, first_name: 'Иван', last_name: 'Петров', username: 'ivanp' },
        text: 'ул. Ленина, 15, кв 7, +79141234567',
      },
    };
    // A BotError as grammY builds it: the context holds the update and the API client.
    const ctx = { update, api: bot.api, me: bot.botInfo } as never;
    log.error({ err: new BotError(apiError, ctx) }, 'update handling failed');

    const logged = lines.join('');
    expect(logged).toContain('chat not found');
    expect(logged).toContain('"code":400');
    for (const secret of ['Петров', 'Ленина', '79141234567', 'ivanp', 'AAsecretTokenValue']) {
      expect(logged).not.toContain(secret);
    }
  });
});
