import { createHash } from 'node:crypto';
import { Agent as HttpAgent } from 'node:http';
import type { Agent as HttpsAgent } from 'node:https';
import { PollingTransport, VK } from 'vk-io';
import type { ConversationEngine } from '../../core/conversation/engine.ts';
import { createUpdateIntake } from '../../core/conversation/intake.ts';
import type { Incoming, Reply } from '../../core/conversation/types.ts';
import type { PrismaClient } from '../../core/db/client.ts';
import type { MediaReader } from '../../core/delivery/senders.ts';
import type { Logger } from '../../core/logger.ts';
import { metrics } from '../../core/metrics.ts';
import { setChatReachable } from '../../core/residents/residents.ts';
import { storableJson } from '../../core/text/sanitize.ts';
import type { VkEvent, VkMessageEvent } from './events.ts';
import { peerOf, toIncomings } from './incoming.ts';
import { sendVkOutgoing } from './render.ts';
import { isUnreachable } from './sender.ts';

/** A group token may make 20 API calls a second; vk-io paces its calls under that. */
export const VK_REQUESTS_PER_SECOND = 20;
/** VK shows a button's snackbar text up to this length. */
const SNACKBAR_LIMIT = 90;

export interface VkBotOptions {
  token: string;
  groupId: number;
  /** VK_API_BASE_URL; vk-io's default (api.vk.ru) when unset. */
  apiBaseUrl?: string;
  engine: ConversationEngine;
  /** Where events are recorded (the inbox). */
  prisma: PrismaClient;
  log: Logger;
  media?: MediaReader;
}

export interface VkBot {
  readonly vk: VK;
  /** Records an event once and queues it; false for a redelivery. */
  receive(event: VkEvent): Promise<boolean>;
  recover(): Promise<number>;
  idle(): Promise<void>;
  /** Bots Long Poll, when no Callback API is configured. */
  startPolling(): Promise<void>;
  stopPolling(): Promise<void>;
}

/** One part of an event: a message with several photos is handled photo by photo. */
interface StoredPart {
  event: VkEvent;
  part: number;
}

/**
 * A VK client configured as every part of the service uses it. vk-io speaks HTTPS by default;
 * an http:// API root (a local fake) needs a plain HTTP agent, which vk-io accepts at runtime
 * though its types name only the HTTPS one.
 */
export function createVkClient(token: string, apiBaseUrl?: string): VK {
  const plainHttp = apiBaseUrl?.startsWith('http://') ?? false;
  return new VK({
    token,
    apiLimit: VK_REQUESTS_PER_SECOND,
    ...(apiBaseUrl ? { apiBaseUrl } : {}),
    ...(plainHttp ? { agent: new HttpAgent({ keepAlive: true }) as unknown as HttpsAgent } : {}),
  });
}

/** Assembles the VK adapter: events in (callback or long poll), the same dialogue engine. */
export function createVkBot(options: VkBotOptions): VkBot {
  const { engine, log, prisma } = options;
  const vk = createVkClient(options.token, options.apiBaseUrl);
  const deps = {
    api: vk.api,
    upload: vk.upload,
    ...(options.media ? { media: options.media } : {}),
  };
  let polling: PollingTransport | undefined;

  async function handlePart(stored: StoredPart): Promise<void> {
    const { event, part } = stored;
    if (event.type === 'message_allow' || event.type === 'message_deny') {
      const userId = peerOf(event);
      if (userId) await setChatReachable(prisma, 'vk', userId, event.type === 'message_allow');
      return;
    }
    const incoming = toIncomings(event, eventIdOf(event))[part];
    if (!incoming) return;
    const eventLog = log.child({ channel: 'vk', updateId: incoming.updateId });

    let reply: Reply;
    try {
      reply = await engine.handle(incoming, { fromInbox: true });
    } catch (err) {
      eventLog.error({ err }, 'dialogue failed; apologising');
      reply = engine.apology(incoming);
    }
    if (event.type === 'message_event') await answerButton(event, reply.buttonNotice, eventLog);
    await deliver(incoming, reply, eventLog);
    eventLog.info({ kind: incoming.kind, replies: reply.messages.length }, 'update handled');
    metrics.updatesHandled.inc({ channel: 'vk' });
  }

  /** A pressed callback button spins until answered; a notice shows as a snackbar. */
  async function answerButton(event: VkEvent, notice: string | undefined, eventLog: Logger) {
    const object = event.object as VkMessageEvent;
    const data = notice
      ? {
          event_data: JSON.stringify({
            type: 'show_snackbar',
            text: notice.slice(0, SNACKBAR_LIMIT),
          }),
        }
      : {};
    await vk.api.messages
      .sendMessageEventAnswer({
        event_id: object.event_id,
        user_id: object.user_id,
        peer_id: object.peer_id,
        ...data,
      })
      .catch((err: unknown) => eventLog.warn({ err }, 'button answer failed'));
  }

  async function deliver(incoming: Incoming, reply: Reply, eventLog: Logger): Promise<void> {
    const peerId = Number(incoming.chatId);
    try {
      for (const [index, message] of reply.messages.entries()) {
        await sendVkOutgoing(deps, peerId, message, `update:${incoming.updateId}:${index}`);
      }
    } catch (err) {
      if (isUnreachable(err)) {
        eventLog.info('chat unreachable: messages from the community are not allowed');
        return;
      }
      eventLog.error({ err }, 'reply could not be sent; apologising');
      for (const message of engine.apology(incoming).messages) {
        await sendVkOutgoing(deps, peerId, message, `apology:${incoming.updateId}`).catch(
          (again: unknown) => eventLog.error({ err: again }, 'apology could not be sent either'),
        );
      }
    }
  }

  const intake = createUpdateIntake<StoredPart>({
    prisma,
    channel: 'vk',
    log,
    process: handlePart,
  });

  async function receive(raw: VkEvent): Promise<boolean> {
    const event = storableJson(raw);
    const eventId = eventIdOf(event);
    const chatKey = peerOf(event) ?? `event:${eventId}`;
    // Each photo of a message is its own row: recorded together, claimed one by one.
    const parts = Math.max(1, toIncomings(event, eventId).length);
    let fresh = false;
    for (let part = 0; part < parts; part += 1) {
      const updateId = part === 0 ? eventId : `${eventId}#${part}`;
      if (await intake.receive(updateId, chatKey, { event, part })) fresh = true;
    }
    return fresh;
  }

  return {
    vk,
    receive,
    recover: () => intake.recover(),
    idle: () => intake.idle(),
    async startPolling() {
      polling = new PollingTransport({
        api: vk.api,
        agent: vk.api.options.agent,
        pollingGroupId: options.groupId,
        pollingWait: 3_000,
        pollingRetryLimit: 3,
      });
      polling.subscribe((update) =>
        receive(update as unknown as VkEvent).catch((err: unknown) =>
          log.error({ err, channel: 'vk' }, 'long poll event could not be recorded'),
        ),
      );
      await polling.start();
    },
    async stopPolling() {
      await polling?.stop();
    },
  };
}

/**
 * VK's id for an event. Events of the old format carry none; their content stands in for it,
 * so a redelivered one is still recognised.
 */
export function eventIdOf(event: VkEvent): string {
  if (typeof event.event_id === 'string' && event.event_id !== '') return event.event_id;
  const digest = createHash('sha256')
    .update(JSON.stringify(event.object ?? event))
    .digest('hex');
  return `content:${digest.slice(0, 32)}`;
}
