import { invalidParam, VK_ERRORS, vkError } from './vk-api-errors.ts';
import type { VkParams } from './vk-api-http.ts';
import { randomKey } from './vk-api-ids.ts';
import type { VkMethodHandler } from './vk-api-method.ts';
import type { VkEvent } from './vk-events.ts';

/**
 * Bots Long Poll: groups.getLongPollServer hands out a key, the server URL and the current ts;
 * a GET of `server?act=a_check&key=&ts=&wait=` answers the events from ts on, waiting up to
 * `wait` seconds for one (capped, so a test's client stops quickly). Asking with a newer ts
 * confirms, and forgets, the events before it. An unknown key answers {failed: 2}; a ts the
 * fake no longer has (or never had) answers {failed: 1, ts} as VK does.
 */

interface QueuedEvent {
  ts: number;
  event: VkEvent;
}

export class BotsLongPoll {
  private queue: QueuedEvent[] = [];
  private nextTs = 1;
  private firstKept = 1;
  private readonly keys = new Set<string>();
  private readonly sleepers = new Set<() => void>();

  constructor(
    private readonly serverUrl: () => string,
    private readonly groupId: number,
    private readonly waitCapMs: number,
  ) {}

  methods(): Record<string, VkMethodHandler> {
    return { 'groups.getLongPollServer': (p) => this.server(p) };
  }

  enqueue(event: VkEvent): void {
    this.queue.push({ ts: this.nextTs, event });
    this.nextTs += 1;
    this.wake();
  }

  /** Makes every key given so far unknown, as when VK's keys expire. */
  expireKeys(): void {
    this.keys.clear();
    this.wake();
  }

  /** Answers every waiting poll now, as when the server shuts down. */
  wake(): void {
    for (const sleeper of [...this.sleepers]) sleeper();
  }

  reset(): void {
    this.queue = [];
    this.firstKept = this.nextTs;
    this.keys.clear();
    this.wake();
  }

  async check(params: VkParams, signal: AbortSignal): Promise<unknown> {
    if (params.act !== 'a_check' || !this.keys.has(params.key ?? '')) return { failed: 2 };
    const ts = Number(params.ts);
    if (!Number.isInteger(ts) || ts < this.firstKept || ts > this.nextTs) {
      return { failed: 1, ts: String(this.nextTs) };
    }
    this.queue = this.queue.filter((queued) => queued.ts >= ts);
    this.firstKept = ts;

    const waitMs = Math.min(Math.max(Number(params.wait) || 0, 0) * 1_000, this.waitCapMs);
    if (this.queue.length === 0 && waitMs > 0) await this.sleep(waitMs, signal);
    if (!this.keys.has(params.key ?? '')) return { failed: 2 };
    return { ts: String(this.nextTs), updates: this.queue.map((queued) => queued.event) };
  }

  private server(params: VkParams) {
    if (params.group_id === undefined) throw invalidParam('group_id is undefined');
    if (Number(params.group_id) !== this.groupId) throw vkError(VK_ERRORS.accessDenied);
    const key = randomKey(20);
    this.keys.add(key);
    return { key, server: this.serverUrl(), ts: String(this.nextTs) };
  }

  private sleep(ms: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        this.sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal.addEventListener('abort', done);
      this.sleepers.add(done);
    });
  }
}
