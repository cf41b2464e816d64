import type { FastifyInstance } from 'fastify';
import type { UserFromGetMe } from 'grammy/types';
import { Redis } from 'ioredis';
import { buildServer } from '../api/server.ts';
import { createGrammyBot, createTelegramBot, type TelegramBot } from '../bots/telegram/bot.ts';
import { createTelegramBroadcastSender } from '../bots/telegram/broadcast-sender.ts';
import { publishCommands } from '../bots/telegram/commands.ts';
import { createTelegramPhotoSource } from '../bots/telegram/photo-source.ts';
import { ALLOWED_UPDATES, type Poller, startPolling } from '../bots/telegram/poller.ts';
import { createTelegramSender } from '../bots/telegram/sender.ts';
import { createVkBot, createVkClient, type VkBot } from '../bots/vk/bot.ts';
import { createVkSender } from '../bots/vk/sender.ts';
import { loadShippedClassifier } from '../core/classification/classifier.ts';
import { loadClassifierModel } from '../core/classification/history/model-file.ts';
import type { Config } from '../core/config.ts';
import { ConfigError } from '../core/config.ts';
import { type ConversationEngine, createConversationEngine } from '../core/conversation/engine.ts';
import { createPrismaClient, type PrismaClient } from '../core/db/client.ts';
import { loadDistrictLocator } from '../core/geo/load-district-locator.ts';
import { createKnowledgeBase } from '../core/helpdesk/knowledge-base.ts';
import { createHelpSearch } from '../core/helpdesk/search.ts';
import { type JobsRuntime, startJobs } from '../core/jobs/runtime.ts';
import type { Logger } from '../core/logger.ts';
import { createMediaReader } from '../core/media/media-reader.ts';
import { createLocalMediaStore } from '../core/media/media-store.ts';
import type { PhotoSources } from '../core/media/photo-sources.ts';
import { createUrlPhotoSource } from '../core/media/url-source.ts';
import { loadCategoryCatalog } from '../core/reports/categories.ts';
import { loadCityCalendar } from '../core/routing/city-calendar.ts';
import { ensureBootstrapAdmin } from '../core/staff/api-tokens.ts';
import { moveOfficeChat } from '../core/staff/office-chats.ts';

export interface ServiceOptions {
  log: Logger;
  /** Known bot identity, so tests and benchmarks skip getMe. */
  telegramBotInfo?: UserFromGetMe;
}

/** The assembled service: everything built, nothing listening until start(). */
export interface Service {
  readonly prisma: PrismaClient;
  readonly redis: Redis;
  readonly engine: ConversationEngine;
  readonly telegram: TelegramBot | undefined;
  readonly vk: VkBot | undefined;
  readonly server: FastifyInstance | undefined;
  start(): Promise<void>;
  /** Stops taking work, finishes what is running, closes connections. */
  stop(): Promise<void>;
}

export async function createService(config: Config, options: ServiceOptions): Promise<Service> {
  const { log } = options;
  const runsApi = config.ROLES.includes('api');
  const runsBots = config.ROLES.includes('bots');
  const webhookMode = Boolean(config.TELEGRAM_WEBHOOK_URL);
  if (runsBots && webhookMode && config.TELEGRAM_BOT_TOKEN && !runsApi) {
    throw new ConfigError('Configuration error: ROLES: webhook mode needs the "api" role too');
  }

  const prisma = createPrismaClient(config.DATABASE_URL);
  // Recording an incoming update gets its own small pool, so a webhook answers at once even
  // while every dialogue connection is busy (Telegram redelivers what is answered late).
  const inboxPrisma = createPrismaClient(config.DATABASE_URL, { maxConnections: 3 });
  const redis = new Redis(config.REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  let jobs: JobsRuntime | undefined;
  const vkCallbackMode = Boolean(config.VK_CALLBACK_SECRET && config.VK_CONFIRMATION_CODE);
  if (runsBots && vkCallbackMode && config.VK_GROUP_TOKEN && !runsApi) {
    throw new ConfigError('Configuration error: ROLES: the VK Callback API needs the "api" role');
  }
  const mediaStore = createLocalMediaStore(config.MEDIA_DIR);
  const mediaReader = createMediaReader(prisma, mediaStore);
  const calendar = await loadCityCalendar();
  if (!calendar.covers(new Date())) {
    log.warn('seed/calendar has no file for this year: only weekends count as days off');
  }
  // One locator for the dialogue and Open311, so both place a point alike.
  const districts = await loadDistrictLocator(prisma);
  const knowledge = createKnowledgeBase(prisma, createHelpSearch);
  const engine = createConversationEngine({
    prisma,
    log,
    // The relay exists once start() ran; a report filed before that is swept up then.
    onJobsQueued: () => jobs?.relay.kick(),
    districts,
    // A city's own model (scripts/retrain-classifier.ts) when configured, else the shipped one.
    suggester: config.CLASSIFIER_MODEL
      ? cityModel(config.CLASSIFIER_MODEL)
      : loadShippedClassifier(),
    categories: await loadCategoryCatalog(prisma),
    calendar,
    knowledge,
  });

  const telegram =
    runsBots && config.TELEGRAM_BOT_TOKEN
      ? createTelegramBot({
          token: config.TELEGRAM_BOT_TOKEN,
          apiRoot: config.TELEGRAM_API_ROOT,
          engine,
          prisma: inboxPrisma,
          log,
          ...(options.telegramBotInfo ? { botInfo: options.telegramBotInfo } : {}),
        })
      : undefined;

  const vk =
    runsBots && config.VK_GROUP_TOKEN && config.VK_GROUP_ID
      ? createVkBot({
          token: config.VK_GROUP_TOKEN,
          groupId: Number(config.VK_GROUP_ID),
          ...(config.VK_API_BASE_URL ? { apiBaseUrl: config.VK_API_BASE_URL } : {}),
          engine,
          prisma: inboxPrisma,
          log,
          media: mediaReader,
        })
      : undefined;
  const vkCallback =
    vk && vkCallbackMode && config.VK_CALLBACK_SECRET && config.VK_CONFIRMATION_CODE
      ? {
          bot: vk,
          groupId: Number(config.VK_GROUP_ID),
          secret: config.VK_CALLBACK_SECRET,
          confirmation: config.VK_CONFIRMATION_CODE,
        }
      : undefined;

  const webhook =
    telegram && webhookMode && config.TELEGRAM_WEBHOOK_SECRET
      ? { bot: telegram, secret: config.TELEGRAM_WEBHOOK_SECRET }
      : undefined;
  const server = runsApi
    ? await buildServer({
        log,
        prisma,
        redis,
        ...(webhook ? { telegramWebhook: webhook } : {}),
        ...(vkCallback ? { vkCallback } : {}),
        ...(config.METRICS_TOKEN ? { metricsToken: config.METRICS_TOKEN } : {}),
        queueDashboard: { redisUrl: config.REDIS_URL, prefix: config.REDIS_PREFIX },
        admin: {
          prisma,
          calendar,
          media: mediaStore,
          knowledge,
          onJobsQueued: () => jobs?.relay.kick(),
        },
        open311: { prisma, districts, onJobsQueued: () => jobs?.relay.kick() },
      })
    : undefined;

  // Any process with a token can deliver, so a worker-only process reaches Telegram too.
  const senderApi =
    telegram?.bot.api ??
    (config.TELEGRAM_BOT_TOKEN
      ? createGrammyBot(config.TELEGRAM_BOT_TOKEN, config.TELEGRAM_API_ROOT).api
      : undefined);
  // An upgraded team group keeps getting its office's cards under its new chat id.
  const onChatMigrated = async (fromChatId: string, toChatId: string) => {
    const moved = await moveOfficeChat(prisma, 'telegram', fromChatId, toChatId);
    log.info({ channel: 'telegram', moved }, 'group upgraded to a supergroup while sending');
  };
  const vkClient =
    vk?.vk ??
    (config.VK_GROUP_TOKEN
      ? createVkClient(config.VK_GROUP_TOKEN, config.VK_API_BASE_URL)
      : undefined);
  const senders = {
    ...(senderApi
      ? { telegram: createTelegramSender(senderApi, { onChatMigrated, media: mediaReader }) }
      : {}),
    ...(vkClient
      ? { vk: createVkSender({ api: vkClient.api, upload: vkClient.upload, media: mediaReader }) }
      : {}),
  };
  // Broadcasts must see Telegram's 429s to pause their whole queue; VK's sender already drops
  // a repeated send and paces itself.
  const broadcastSenders = {
    ...(config.TELEGRAM_BOT_TOKEN
      ? {
          telegram: createTelegramBroadcastSender({
            token: config.TELEGRAM_BOT_TOKEN,
            apiRoot: config.TELEGRAM_API_ROOT,
            media: mediaReader,
          }),
        }
      : {}),
    ...(senders.vk ? { vk: senders.vk } : {}),
  };
  // Report photos are copied into MEDIA_DIR: Telegram's through its file server, VK's from the
  // direct address its API gives.
  const photoSources: PhotoSources = {
    vk: createUrlPhotoSource(),
    ...(senderApi && config.TELEGRAM_BOT_TOKEN
      ? {
          telegram: createTelegramPhotoSource({
            api: senderApi,
            token: config.TELEGRAM_BOT_TOKEN,
            apiRoot: config.TELEGRAM_API_ROOT,
          }),
        }
      : {}),
  };
  const media = { store: mediaStore, sources: photoSources };

  let poller: Poller | undefined;
  let stopped: Promise<void> | undefined;

  return {
    prisma,
    redis,
    engine,
    telegram,
    vk,
    server,
    async start() {
      await redis.connect().catch((err: unknown) => log.warn({ err }, 'Redis not reachable yet'));
      if (
        config.ADMIN_BOOTSTRAP_TOKEN &&
        (await ensureBootstrapAdmin(prisma, config.ADMIN_BOOTSTRAP_TOKEN))
      ) {
        log.info('the bootstrap admin token is stored: the admin API has its first admin');
      }
      jobs = await startJobs({
        redisUrl: config.REDIS_URL,
        prefix: config.REDIS_PREFIX,
        prisma,
        log,
        calendar,
        senders,
        broadcastSenders,
        runWorkers: config.ROLES.includes('worker'),
        deadlineSweepEveryMs: config.DEADLINE_SWEEP_SECONDS * 1000,
        reminderLeadMs: config.REMINDER_LEAD_HOURS * 3_600_000,
        media,
      });
      if (server) await server.listen({ port: config.PORT, host: config.HOST });
      if (vk) {
        await vk.recover();
        if (!vkCallback) {
          await vk.startPolling();
          log.info('VK Bots Long Poll started');
        }
      }
      if (!telegram) return;

      await telegram.bot.init();
      await publishCommands(telegram.bot.api, log);
      await telegram.recover();
      if (webhook && config.TELEGRAM_WEBHOOK_URL) {
        await telegram.bot.api.setWebhook(config.TELEGRAM_WEBHOOK_URL, {
          secret_token: webhook.secret,
          allowed_updates: [...ALLOWED_UPDATES],
        });
        log.info('Telegram webhook registered');
      } else {
        poller = startPolling(telegram, log);
        log.info('Telegram long polling started');
      }
    },
    stop() {
      // Taking no new work first (pollers, then the HTTP server, which lets requests in hand
      // finish), then finishing the updates and jobs in hand, then closing connections.
      stopped ??= stopInOrder(log, {
        polling: async () => {
          await poller?.stop();
          await vk?.stopPolling();
        },
        'http server': async () => {
          await server?.close();
        },
        'updates in hand': async () => {
          await telegram?.idle();
          await vk?.idle();
        },
        jobs: async () => {
          await jobs?.close();
        },
        connections: async () => {
          await prisma.$disconnect();
          await inboxPrisma.$disconnect();
          redis.disconnect();
        },
      });
      return stopped;
    },
  };
}

/**
 * Runs the steps of a stop one after another. A step that fails is logged and the others
 * still run, so one broken poller cannot leave the database connections open; the stop then
 * fails as a whole, naming the steps.
 */
async function stopInOrder(log: Logger, steps: Record<string, () => Promise<void>>): Promise<void> {
  const failed: string[] = [];
  for (const [name, step] of Object.entries(steps)) {
    await step().catch((err: unknown) => {
      failed.push(name);
      log.error({ err, step: name }, 'a stop step failed; going on with the others');
    });
  }
  if (failed.length > 0) throw new Error(`Stopping failed at: ${failed.join(', ')}`);
}

/** A city's trained model; a missing or broken file stops the start with one clear line. */
function cityModel(path: string): ReturnType<typeof loadClassifierModel> {
  try {
    return loadClassifierModel(path);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new ConfigError(`Configuration error: CLASSIFIER_MODEL: ${reason}`);
  }
}
