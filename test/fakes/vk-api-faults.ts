import { VK_ERRORS, type VkFaultSpec } from './vk-api-errors.ts';

/**
 * What can go wrong on purpose: errors and slow answers queued per method, each used up by one
 * call, and VK's limit of requests per second for a community token.
 */

export class FaultPlan {
  private readonly errors = new Map<string, VkFaultSpec[]>();
  private readonly delays = new Map<string, number[]>();

  failNext(method: string, fault: VkFaultSpec, times: number): void {
    const queued = this.errors.get(method) ?? [];
    for (let i = 0; i < times; i += 1) queued.push({ ...fault });
    this.errors.set(method, queued);
  }

  takeError(method: string): VkFaultSpec | undefined {
    return this.errors.get(method)?.shift();
  }

  delayNext(method: string, ms: number, times: number): void {
    this.delays.set(method, [...(this.delays.get(method) ?? []), ...Array(times).fill(ms)]);
  }

  takeDelay(method: string): number | undefined {
    return this.delays.get(method)?.shift();
  }

  reset(): void {
    this.errors.clear();
    this.delays.clear();
  }
}

/**
 * VK lets a community token make 20 requests per second and answers error 6 beyond that. The
 * window slides over accepted requests only, and reads time from an injected clock, so a test
 * that hammers the fake with a frozen clock knows exactly which request is refused.
 */
export class RequestLimit {
  private readonly stamps = new Map<string, number[]>();

  constructor(
    private readonly perSecond: number,
    private readonly now: () => number,
  ) {}

  /** Counts the request, or returns error 6 when the token used up this second. */
  take(token: string): VkFaultSpec | undefined {
    const now = this.now();
    const recent = (this.stamps.get(token) ?? []).filter((at) => at > now - 1_000);
    if (recent.length >= this.perSecond) {
      this.stamps.set(token, recent);
      return VK_ERRORS.tooMany;
    }
    recent.push(now);
    this.stamps.set(token, recent);
    return undefined;
  }

  reset(): void {
    this.stamps.clear();
  }
}
