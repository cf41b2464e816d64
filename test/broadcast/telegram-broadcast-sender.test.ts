import { createServer } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTelegramBroadcastSender } from '../../bots/telegram/broadcast-sender.ts';
import {
  RateLimitedError,
  SendOutcomeUnknownError,
  SendRefusedError,
} from '../../core/broadcast/send-errors.ts';
import { type FakeTelegramApi, startFakeTelegramApi } from '../fakes/telegram-api.ts';

let telegram: FakeTelegramApi;
let nextChat = 760_001;

beforeAll(async () => {
  telegram = await startFakeTelegramApi({ enforceLimits: true });
});
afterAll(async () => {
  await telegram.close();
});
beforeEach(() => telegram.reset());

function sender(timeoutSeconds?: number) {
  return createTelegramBroadcastSender({
    token: telegram.token,
    apiRoot: telegram.apiRoot,
    ...(timeoutSeconds ? { timeoutSeconds } : {}),
  });
}

describe('when Telegram refuses a broadcast message', () => {
  it('hands a 429 to the queue with its retry_after, having sent nothing', async () => {
    telegram.rateLimitNext('sendMessage', 3);
    const sent = sender().send(String(nextChat++), [{ text: 'Новость' }]);
    await expect(sent).rejects.toBeInstanceOf(RateLimitedError);
    await expect(sent).rejects.toMatchObject({ retryAfterMs: 3_000 });
  });

  it('gives up a request Telegram will never take', async () => {
    telegram.failNext('sendMessage', {
      error_code: 400,
      description: 'Bad Request: message text is empty',
    });
    const sent = sender().send(String(nextChat++), [{ text: 'Новость' }]);
    await expect(sent).rejects.toBeInstanceOf(SendRefusedError);
  });

  it('reports a blocked chat as unreachable', async () => {
    const chatId = nextChat++;
    telegram.blockChat(chatId);
    const outcome = await sender().send(String(chatId), [{ text: 'Новость' }]);
    expect(outcome).toMatchObject({ delivered: false });
  });
});

describe('when a message takes more than one send', () => {
  it('waits out the chat’s limit between its pieces rather than repeat the first', async () => {
    const chatId = nextChat++;
    const long = 'Подробности субботника. '.repeat(300);
    const outcome = await sender().send(String(chatId), [{ text: long }]);
    expect(outcome).toEqual({ delivered: true });
    expect(telegram.sentMessages(chatId)).toHaveLength(2);
    expect(telegram.calls('sendMessage').some((call) => call.error?.error_code === 429)).toBe(true);
  });
});

describe('when no answer comes back', () => {
  it('calls the outcome unknown after a timeout, as the message may have arrived', async () => {
    telegram.delayNext('sendMessage', 2_500);
    const sent = sender(1).send(String(nextChat++), [{ text: 'Новость' }]);
    await expect(sent).rejects.toBeInstanceOf(SendOutcomeUnknownError);
  });

  it('leaves a refused connection an ordinary failure, to be retried', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as { port: number };
    await new Promise((resolve) => closed.close(resolve));
    const unreachableApi = createTelegramBroadcastSender({
      token: telegram.token,
      apiRoot: `http://127.0.0.1:${port}`,
    });
    const sent = unreachableApi.send(String(nextChat++), [{ text: 'Новость' }]);
    await expect(sent).rejects.toThrow();
    await expect(sent).rejects.not.toBeInstanceOf(SendOutcomeUnknownError);
  });
});
