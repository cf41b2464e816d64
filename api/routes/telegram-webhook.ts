import { timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsync } from 'fastify';
import type { Update } from 'grammy/types';
import type { TelegramBot } from '../../bots/telegram/bot.ts';

const SECRET_HEADER = 'x-telegram-bot-api-secret-token';

const updateSchema = {
  type: 'object',
  required: ['update_id'],
  properties: { update_id: { type: 'integer', minimum: 0 } },
} as const;

/**
 * Telegram's webhook. It answers as soon as the update is recorded: Telegram redelivers an
 * update whose webhook answers late or with an error, so the dialogue runs after the answer.
 */
export const telegramWebhookRoutes: FastifyPluginAsync<{
  bot: TelegramBot;
  secret: string;
}> = async (app, { bot, secret }) => {
  const expected = Buffer.from(secret);

  app.post<{ Body: Update }>(
    '/telegram/webhook',
    {
      schema: { body: updateSchema, hide: true },
      // The secret is checked before the body is even parsed: strangers learn nothing.
      onRequest: async (request, reply) => {
        const given = Buffer.from(String(request.headers[SECRET_HEADER] ?? ''));
        if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
          return reply.status(401).send({ error: 'unauthorized', message: 'Wrong secret token' });
        }
      },
    },
    async (request, reply) => {
      await bot.receive(request.body);
      return reply.status(200).send({ ok: true });
    },
  );
};
