import type { ApiErrorBody } from './telegram-api-errors.ts';
import type { ApiParams } from './telegram-params.ts';

/**
 * Every call the bot made, in the order the fake answered them, and promises that resolve
 * when the calls satisfy a condition. Conditions are checked once per turn of the event loop,
 * not once per call, so a bench of thousands of calls does not pay for every waiter each time.
 */

export interface RecordedCall {
  method: string;
  params: ApiParams;
  /** When the fake answered, in milliseconds since the epoch. */
  at: number;
  /** Present when the fake answered with an error. */
  error?: ApiErrorBody;
}

export interface WaitOptions {
  /** How long to wait before rejecting; 3 seconds by default. */
  timeoutMs?: number;
}

interface Waiter {
  check: () => boolean;
  settle: () => void;
}

const DEFAULT_TIMEOUT_MS = 3_000;
const RECENT_CALLS_SHOWN = 10;

export class CallRecorder {
  private readonly all: RecordedCall[] = [];
  private readonly counts = new Map<string, number>();
  private readonly waiters = new Set<Waiter>();
  private checkScheduled = false;

  record(call: RecordedCall): void {
    this.all.push(call);
    this.counts.set(call.method, (this.counts.get(call.method) ?? 0) + 1);
    if (this.waiters.size > 0 && !this.checkScheduled) {
      this.checkScheduled = true;
      setImmediate(() => this.checkWaiters());
    }
  }

  calls(method?: string): RecordedCall[] {
    return method === undefined ? [...this.all] : this.all.filter((c) => c.method === method);
  }

  count(method: string): number {
    return this.counts.get(method) ?? 0;
  }

  /** Resolves with all calls so far once `predicate` holds for them. */
  waitFor(
    predicate: (calls: readonly RecordedCall[]) => boolean,
    opts?: WaitOptions,
  ): Promise<RecordedCall[]> {
    return this.wait(
      () => predicate(this.all),
      () => this.calls(),
      'a condition on calls',
      opts,
    );
  }

  /** Resolves with the calls of `method` once there are at least `count` of them. */
  waitForCalls(method: string, count: number, opts?: WaitOptions): Promise<RecordedCall[]> {
    const what = `${count} call(s) of ${method} (seen ${this.count(method)})`;
    return this.wait(
      () => this.count(method) >= count,
      () => this.calls(method),
      what,
      opts,
    );
  }

  reset(): void {
    this.all.length = 0;
    this.counts.clear();
  }

  private wait(
    check: () => boolean,
    result: () => RecordedCall[],
    what: string,
    opts: WaitOptions | undefined,
  ): Promise<RecordedCall[]> {
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

  /** The last calls, by method, chat and outcome only: never texts residents wrote. */
  private recent(): string {
    const shown = this.all.slice(-RECENT_CALLS_SHOWN).map(describeCall);
    if (shown.length === 0) return 'The fake Bot API received no calls.';
    return `Last ${shown.length} of ${this.all.length} calls: ${shown.join(', ')}`;
  }
}

function describeCall(call: RecordedCall): string {
  const chat = call.params.chat_id === undefined ? '' : `chat_id=${String(call.params.chat_id)}`;
  const outcome = call.error === undefined ? 'ok' : String(call.error.error_code);
  return `${call.method}(${chat}) -> ${outcome}`;
}
