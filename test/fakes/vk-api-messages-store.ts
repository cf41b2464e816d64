import { nextConversationMessageId, nextMessageId } from './vk-api-ids.ts';
import type { KeyboardSupport, VkKeyboard } from './vk-api-keyboard.ts';

/**
 * What the fake remembers about conversations: what the community sent (with the random_id
 * that makes a repeated send harmless), answers to callback buttons, who does not accept the
 * community's messages and what each resident's client can show.
 */

export interface VkSentMessage {
  peerId: number;
  messageId: number;
  conversationMessageId: number;
  randomId: number;
  text: string;
  /** The keyboard as sent, parsed; absent when the send had none. */
  keyboard?: VkKeyboard;
  /** Attachments as sent, e.g. ["photo-229000001_457239001_ab12"]. */
  attachments: string[];
  lat?: number;
  long?: number;
  /** How many times messages.edit changed it. */
  edits: number;
}

export interface VkEventAnswer {
  eventId: string;
  userId: number;
  peerId: number;
  /** event_data parsed (show_snackbar, open_link, open_app); absent when none was sent. */
  eventData?: unknown;
}

export type NewMessage = Omit<VkSentMessage, 'messageId' | 'conversationMessageId' | 'edits'>;

export class VkConversationStore {
  readonly sent: VkSentMessage[] = [];
  readonly eventAnswers: VkEventAnswer[] = [];
  private readonly byRandomId = new Map<string, VkSentMessage>();
  private readonly blocked = new Set<number>();
  private readonly clients = new Map<number, KeyboardSupport>();

  /** Stores a message, or returns the one an earlier send with the same random_id stored. */
  send(message: NewMessage): VkSentMessage {
    const key = `${message.peerId}:${message.randomId}`;
    const earlier = message.randomId === 0 ? undefined : this.byRandomId.get(key);
    if (earlier !== undefined) return earlier;
    const stored: VkSentMessage = {
      ...message,
      messageId: nextMessageId(),
      conversationMessageId: nextConversationMessageId(message.peerId),
      edits: 0,
    };
    this.sent.push(stored);
    if (message.randomId !== 0) this.byRandomId.set(key, stored);
    return stored;
  }

  find(peerId: number, ids: { messageId?: number; cmid?: number }): VkSentMessage | undefined {
    return this.sent.find(
      (m) =>
        m.peerId === peerId &&
        (m.messageId === ids.messageId || m.conversationMessageId === ids.cmid),
    );
  }

  isBlocked(peerId: number): boolean {
    return this.blocked.has(peerId);
  }

  block(peerId: number): void {
    this.blocked.add(peerId);
  }

  allow(peerId: number): void {
    this.blocked.delete(peerId);
  }

  clientOf(peerId: number): KeyboardSupport | undefined {
    return this.clients.get(peerId);
  }

  learnClient(peerId: number, client: KeyboardSupport): void {
    this.clients.set(peerId, client);
  }

  reset(): void {
    this.sent.length = 0;
    this.eventAnswers.length = 0;
    this.byRandomId.clear();
    this.blocked.clear();
    this.clients.clear();
  }
}
