import type { VkEvent } from './vk-events.ts';

/**
 * The Callback API's side of a delivery: VK POSTs an event as JSON to the community's server
 * and wants the body `ok` back (the confirmation code for a `confirmation` event). Anything
 * else, an error status or no answer in time, counts as a failure, and VK sends the same event
 * (same event_id) again, numbering its retries in the X-Retry-Counter header.
 */

export interface CallbackTarget {
  url: string;
  /** Put in the event as `secret`, as VK does when the server has a secret key set. */
  secret?: string;
}

export interface CallbackDelivery {
  status: number;
  body: string;
  /** True when the server did not answer within the timeout (status is then 0). */
  timedOut?: boolean;
}

export interface CallbackRetryOptions extends CallbackTarget {
  /** How many times to send at most; VK gives up after a few attempts. 5 by default. */
  attempts?: number;
  /** The answer that counts as success; `ok` by default. */
  expected?: string;
  /** How long to wait for an answer; VK waits seconds, tests want less. 5 s by default. */
  timeoutMs?: number;
}

export interface CallbackRetries {
  /** Whether an attempt got the expected answer. */
  ok: boolean;
  deliveries: CallbackDelivery[];
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
const DEFAULT_ATTEMPTS = 5;
const DEFAULT_TIMEOUT_MS = 5_000;

/** One POST of an already enveloped event. */
export async function postEvent(
  event: VkEvent,
  target: CallbackTarget,
  retry = 0,
  timeoutMs = DEFAULT_TIMEOUT_MS,
): Promise<CallbackDelivery> {
  if (!LOOPBACK_HOSTS.has(new URL(target.url).hostname)) {
    throw new Error('deliverCallback: the fake delivers to loopback addresses only');
  }
  const body = JSON.stringify(
    target.secret === undefined ? event : { ...event, secret: target.secret },
  );
  try {
    const response = await fetch(target.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(retry > 0 ? { 'X-Retry-Counter': String(retry) } : {}),
      },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    return { status: response.status, body: await response.text() };
  } catch (error) {
    if (error instanceof DOMException && error.name === 'TimeoutError') {
      return { status: 0, body: '', timedOut: true };
    }
    throw error;
  }
}

/** Sends until the server answers as expected or the attempts run out. */
export async function postEventUntilOk(
  event: VkEvent,
  opts: CallbackRetryOptions,
): Promise<CallbackRetries> {
  const expected = opts.expected ?? 'ok';
  const deliveries: CallbackDelivery[] = [];
  for (let retry = 0; retry < (opts.attempts ?? DEFAULT_ATTEMPTS); retry += 1) {
    const delivery = await postEvent(event, opts, retry, opts.timeoutMs);
    deliveries.push(delivery);
    if (delivery.status === 200 && delivery.body === expected) return { ok: true, deliveries };
  }
  // LIMITATION: VK spaces its retries out over minutes; the fake retries at once.
  return { ok: false, deliveries };
}
