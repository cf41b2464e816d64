/**
 * Every call a fake platform API answered, in order, and promises that resolve once the calls
 * satisfy a condition. Conditions are checked once per turn of the event loop, not once per
 * call, so a bench of thousands of calls does not pay for every waiter each time. The Bot API
 * and VK fakes each record their own kind of call through it.
 */

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

export class CallRecorder<Call extends { method: string }> {
  private readonly all: Call[] = [];
  private readonly counts = new Map<string, number>();
  private readonly waiters = new Set<Waiter>();
  private checkScheduled = false;

  /**
   * `name` says which fake in a timeout's message; `describe` shows a call there by method,
   * chat and outcome only, never texts residents wrote.
   */
  constructor(
    private readonly name: string,
    private readonly describe: (call: Call) => string,
  ) {}

  record(call: Call): void {
    this.all.push(call);
    this.counts.set(call.method, (this.counts.get(call.method) ?? 0) + 1);
    if (this.waiters.size > 0 && !this.checkScheduled) {
      this.checkScheduled = true;
      setImmediate(() => this.checkWaiters());
    }
  }

  calls(method?: string): Call[] {
    return method === undefined ? [...this.all] : this.all.filter((c) => c.method === method);
  }

  count(method: string): number {
    return this.counts.get(method) ?? 0;
  }

  /** Resolves with all calls so far once `predicate` holds for them. */
  waitFor(predicate: (calls: readonly Call[]) => boolean, opts?: WaitOptions): Promise<Call[]> {
    return this.wait(
      () => predicate(this.all),
      () => this.calls(),
      'a condition on calls',
      opts,
    );
  }

  /** Resolves with the calls of `method` once there are at least `count` of them. */
  waitForCalls(method: string, count: number, opts?: WaitOptions): Promise<Call[]> {
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
    result: () => Call[],
    what: string,
    opts: WaitOptions | undefined,
  ): Promise<Call[]> {
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

  private recent(): string {
    const shown = this.all.slice(-RECENT_CALLS_SHOWN).map(this.describe);
    if (shown.length === 0) return `${this.name} received no calls.`;
    return `Last ${shown.length} of ${this.all.length} calls: ${shown.join(', ')}`;
  }
}
