import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Bot, webhookCallback } from 'grammy';
import type { FakeTelegramApi } from '../../test/fakes/telegram-api.ts';

const ECHO_SECRET = 'echo-secret_token';

/** A bare grammY bot that echoes text, on a plain node:http server: the bench's yardstick. */
export interface EchoBot {
  readonly url: string;
  readonly secret: string;
  close(): Promise<void>;
}

/**
 * Nothing but grammY's own webhook handling: no database, no queue, no dialogue. The webhook
 * answers once the echo is sent, as grammY's webhookCallback does by default.
 */
export async function startEchoBot(api: FakeTelegramApi): Promise<EchoBot> {
  const bot = new Bot(api.token, { botInfo: api.botInfo, client: { apiRoot: api.apiRoot } });
  bot.on('message:text', async (ctx) => {
    await ctx.api.sendMessage(ctx.chat.id, ctx.message.text);
  });
  await bot.init();

  const handle = webhookCallback(bot, 'http', { secretToken: ECHO_SECRET });
  const server = createServer((req, res) => {
    if (req.method === 'POST' && req.url === '/telegram/webhook') void handle(req, res);
    else res.writeHead(404).end();
  });
  await listen(server);
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/telegram/webhook`,
    secret: ECHO_SECRET,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}

function listen(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
}
