import { timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsync } from 'fastify';
import type { VkBot } from '../../bots/vk/bot.ts';
import type { VkEvent } from '../../bots/vk/events.ts';

const eventSchema = {
  type: 'object',
  required: ['type'],
  properties: {
    type: { type: 'string', minLength: 1, maxLength: 64 },
    group_id: { type: 'integer' },
    secret: { type: 'string', maxLength: 256 },
    event_id: { type: 'string', maxLength: 128 },
  },
} as const;

/**
 * VK's Callback API. The confirmation request gets the community's code; every other event
 * is answered "ok" as soon as it is recorded, because VK retries an event whose answer is
 * slow or anything but "ok", and the dialogue runs after the answer.
 */
export const vkCallbackRoutes: FastifyPluginAsync<{
  bot: VkBot;
  groupId: number;
  secret: string;
  confirmation: string;
}> = async (app, options) => {
  const expected = Buffer.from(options.secret);

  app.post<{ Body: VkEvent }>(
    '/vk/callback',
    { schema: { body: eventSchema, hide: true } },
    async (request, reply) => {
      const event = request.body;
      const given = Buffer.from(event.secret ?? '');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        return reply.status(403).send({ error: 'forbidden', message: 'Wrong secret' });
      }
      if (event.group_id !== undefined && event.group_id !== options.groupId) {
        return reply.status(403).send({ error: 'forbidden', message: 'Not this community' });
      }
      if (event.type === 'confirmation') {
        return reply.type('text/plain').send(options.confirmation);
      }
      await options.bot.receive(event);
      return reply.type('text/plain').send('ok');
    },
  );
};
