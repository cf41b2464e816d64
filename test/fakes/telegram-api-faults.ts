import { type ApiErrorBody, type ErrorParameters, errorBody } from './telegram-api-errors.ts';

/** An error to answer instead of doing the method, as Telegram words it. */
export interface FaultSpec {
  error_code: number;
  description: string;
  parameters?: ErrorParameters;
}

/** Failures and slow answers queued per method, each used up by one call. */
export class FaultPlan {
  private readonly errors = new Map<string, ApiErrorBody[]>();
  private readonly delays = new Map<string, number[]>();

  failNext(method: string, fault: FaultSpec, times: number): void {
    const body = errorBody(fault.error_code, fault.description, fault.parameters);
    push(
      this.errors,
      method,
      Array.from({ length: times }, () => body),
    );
  }

  delayNext(method: string, ms: number, times: number): void {
    push(
      this.delays,
      method,
      Array.from({ length: times }, () => ms),
    );
  }

  takeError(method: string): ApiErrorBody | undefined {
    return this.errors.get(method.toLowerCase())?.shift();
  }

  takeDelay(method: string): number | undefined {
    return this.delays.get(method.toLowerCase())?.shift();
  }

  reset(): void {
    this.errors.clear();
    this.delays.clear();
  }
}

// Telegram matches method names case-insensitively, so the plan does too.
function push<T>(plan: Map<string, T[]>, method: string, items: T[]): void {
  const key = method.toLowerCase();
  plan.set(key, [...(plan.get(key) ?? []), ...items]);
}
