/**
 * Telegram's broadcast limits as sliding windows: about 30 messages per second overall, one
 * per second in a private chat and 20 per minute in a group. Every check is O(1), so a bench
 * can push tens of thousands of sends through it.
 */

/** The last `capacity` accepted sends, in a ring; room exists once the oldest left the window. */
class SlidingWindow {
  private readonly stamps: number[];
  private head = 0;
  private size = 0;

  constructor(
    private readonly capacity: number,
    private readonly windowMs: number,
  ) {
    this.stamps = new Array<number>(capacity).fill(0);
  }

  /** Milliseconds until one more send fits; 0 when it fits now. */
  waitMs(now: number): number {
    if (this.size < this.capacity) return 0;
    const oldest = this.stamps[this.head] ?? 0;
    return Math.max(0, oldest + this.windowMs - now);
  }

  add(now: number): void {
    if (this.size < this.capacity) {
      this.stamps[(this.head + this.size) % this.capacity] = now;
      this.size += 1;
    } else {
      this.stamps[this.head] = now;
      this.head = (this.head + 1) % this.capacity;
    }
  }
}

export const OVERALL_PER_SECOND = 30;
export const PRIVATE_CHAT_PER_SECOND = 1;
export const GROUP_PER_MINUTE = 20;

export class BroadcastLimits {
  private readonly overall = new SlidingWindow(OVERALL_PER_SECOND, 1_000);
  private readonly perChat = new Map<number, SlidingWindow>();

  /**
   * Takes one send to the chat if the windows allow it; otherwise returns the whole seconds
   * to wait, which is what Telegram puts in retry_after.
   */
  take(chatId: number, now: number): number | undefined {
    const chat = this.chatWindow(chatId);
    const waitMs = Math.max(this.overall.waitMs(now), chat.waitMs(now));
    if (waitMs > 0) return Math.max(1, Math.ceil(waitMs / 1_000));
    this.overall.add(now);
    chat.add(now);
    return undefined;
  }

  private chatWindow(chatId: number): SlidingWindow {
    let window = this.perChat.get(chatId);
    if (window === undefined) {
      window =
        chatId > 0
          ? new SlidingWindow(PRIVATE_CHAT_PER_SECOND, 1_000)
          : new SlidingWindow(GROUP_PER_MINUTE, 60_000);
      this.perChat.set(chatId, window);
    }
    return window;
  }
}
