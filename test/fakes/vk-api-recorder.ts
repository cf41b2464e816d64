import type { VkErrorObject } from './vk-api-errors.ts';
import type { VkParams } from './vk-api-http.ts';

/**
 * Every API method call the fake answered, in order, and promises that resolve once the calls
 * satisfy a condition (checked once per turn of the event loop, not once per call).
 */

export interface VkRecordedCall {
  method: string;
  /** The parameters as received, without access_token. */
  params: VkParams;
  /** When the fake answered, in milliseconds since the epoch. */
  at: number;
  /** Present when the fake answered with an error. */
  error?: VkErrorObject;
}

export interface VkWaitOptions {
  /** How long to wait before rejecting; 3 seconds by default. */
  timeoutMs?: number;
}

interface Waiter {
  check: () => boolean;
  settle: () => void;
}

const DEFAULT_TIMEOUT_MS = 3_000;
const RECENT_CALLS_SHOWN = 10;

export class VkCallRecorder {
  private readonly all: VkRecordedCall[] = [];
  private readonly waiters = new Set<Waiter>();
  private checkScheduled = false;

  record(call: VkRecordedCall): void {
    this.all.push(call);
    if (this.waiters.size > 0 && !this.checkScheduled) {
      this.checkScheduled = true;
      setImmediate(() => this.checkWaiters());
    }
  }

  calls(method?: string): VkRecordedCall[] {
    return method === undefined ? [...this.all] : this.all.filter((c) => c.method === method);
  }

  /** Resolves with all calls so far once `predicate` holds for them. */
  waitFor(
    predicate: (calls: readonly VkRecordedCall[]) => boolean,
    opts?: VkWaitOptions,
  ): Promise<VkRecordedCall[]> {
    return this.wait(
      () => predicate(this.all),
      () => this.calls(),
      'a condition on calls',
      opts,
    );
  }

  /** Resolves with the calls of `method` once there are at least `count` of them. */
  waitForCalls(method: string, count: number, opts?: VkWaitOptions): Promise<VkRecordedCall[]> {
    return this.wait(
      () => this.calls(method).length >= count,
      () => this.calls(method),
      `${count} call(s) of ${method}`,
      opts,
    );
  }

  reset(): void {
    this.all.length = 0;
  }

  private wait(
    check: () => boolean,
    result: () => VkRecordedCall[],
    what: string,
    opts: VkWaitOptions | undefined,
  ): Promise<VkRecordedCall[]> {
    if (check()) return Promise.resolve(result());
    const timeoutMs = opts?.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        check,
        settle: () => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve(result());
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${what}. ${this.recent()}`));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  private checkWaiters(): void {
    this.checkScheduled = false;
    for (const waiter of [...this.waiters]) {
      if (waiter.check()) waiter.settle();
    }
  }

  /** The last calls by method, peer and outcome only: never texts residents wrote. */
  private recent(): string {
    const shown = this.all.slice(-RECENT_CALLS_SHOWN).map(describeCall);
    if (shown.length === 0) return 'The fake VK API received no calls.';
    return `Last ${shown.length} of ${this.all.length} calls: ${shown.join(', ')}`;
  }
}

function describeCall(call: VkRecordedCall): string {
  const peer = call.params.peer_id ?? call.params.user_id ?? call.params.peer_ids;
  const outcome = call.error === undefined ? 'ok' : String(call.error.error_code);
  return `${call.method}(${peer === undefined ? '' : `peer=${peer}`}) -> ${outcome}`;
}
