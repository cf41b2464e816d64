import type { Channel, MediaRef } from '../conversation/types.ts';

const CHANNELS: readonly string[] = ['telegram', 'vk', 'console'];

/**
 * Photos kept in a history event's data, read back as MediaRefs. Older events kept bare
 * Telegram file ids; anything unreadable is left out rather than sent broken.
 */
export function mediaRefsOf(stored: unknown): MediaRef[] {
  if (!Array.isArray(stored)) return [];
  return stored.flatMap((item): MediaRef[] => {
    if (typeof item === 'string') return [{ channel: 'telegram', fileId: item }];
    if (!item || typeof item !== 'object') return [];
    const { channel, fileId } = item as { channel?: unknown; fileId?: unknown };
    if (typeof fileId !== 'string' || typeof channel !== 'string' || !CHANNELS.includes(channel)) {
      return [];
    }
    return [{ channel: channel as Channel, fileId }];
  });
}
