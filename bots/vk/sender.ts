import { APIError } from 'vk-io';
import type { Outgoing } from '../../core/conversation/types.ts';
import type { ChannelSender, SendOutcome } from '../../core/delivery/senders.ts';
import { ensurePhotosReady } from '../../core/media/media-reader.ts';
import { sendVkOutgoing, type VkRenderDeps } from './render.ts';

/**
 * VK's answers that mean the person will not take our messages: they have not allowed
 * messages from the community or blocked it (900-902), or their page is gone (18).
 */
const UNREACHABLE_CODES = new Set([18, 900, 901, 902]);

/**
 * Sends deliveries through the VK API. vk-io paces calls under the community's request rate
 * and retries "too many requests"; every piece carries a random_id derived from the delivery,
 * so VK itself drops a repeat and a send interrupted mid-way can simply be sent again.
 */
export function createVkSender(deps: VkRenderDeps): ChannelSender {
  return {
    idempotent: true,
    async send(chatId: string, messages: Outgoing[], options = {}): Promise<SendOutcome> {
      const peerId = Number(chatId);
      const key = options.key ?? `${chatId}:${Date.now()}`;
      try {
        await ensurePhotosReady(messages, 'vk', deps.media);
        for (const [index, message] of messages.entries()) {
          await sendVkOutgoing(deps, peerId, message, `${key}:${index}`);
        }
        return { delivered: true };
      } catch (err) {
        if (isUnreachable(err)) {
          const { code, message } = err as APIError;
          return { delivered: false, unreachable: `${code} ${message}` };
        }
        throw err;
      }
    },
  };
}

export function isUnreachable(err: unknown): boolean {
  return err instanceof APIError && UNREACHABLE_CODES.has(Number(err.code));
}
