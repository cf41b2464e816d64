import type { Update, WebhookInfo } from 'grammy/types';
import { BotApiError, badRequest, TELEGRAM_ERRORS, telegramError } from './telegram-api-errors.ts';
import { Described, type MethodContext, type MethodHandler } from './telegram-api-method.ts';
import { unixNow } from './telegram-ids.ts';
import { type ApiParams, arrayParam, boolParam, intParam, stringParam } from './telegram-params.ts';

/**
 * How updates reach the bot: the queue that getUpdates serves (long polling, offsets,
 * allowed_updates) and the webhook registration that excludes it, as on Telegram.
 */

export interface WebhookState {
  url: string;
  secretToken?: string;
  allowedUpdates?: string[];
  maxConnections: number;
  lastErrorDate?: number;
  lastErrorMessage?: string;
}

interface PendingPoll {
  limit: number;
  finish: (outcome: Update[] | BotApiError) => void;
}

// Without allowed_updates Telegram sends every type but these three.
const OPT_IN_TYPES = new Set(['chat_member', 'message_reaction', 'message_reaction_count']);
const SECRET_TOKEN = /^[A-Za-z0-9_-]+$/;
const MAX_SECRET_TOKEN_LENGTH = 256;
const MAX_LIMIT = 100;

export class UpdateFeed {
  private queue: Update[] = [];
  private allowedTypes: ReadonlySet<string> | undefined;
  private pending: PendingPoll | undefined;
  private webhookState: WebhookState | undefined;

  get webhook(): Readonly<WebhookState> | undefined {
    return this.webhookState;
  }

  enqueue(update: Update): void {
    const last = this.queue.at(-1);
    this.queue.push(update);
    if (last !== undefined && last.update_id > update.update_id) {
      this.queue.sort((a, b) => a.update_id - b.update_id);
    }
    if (this.pending !== undefined && this.isAllowed(update)) {
      this.pending.finish(this.queue.filter((u) => this.isAllowed(u)).slice(0, this.pending.limit));
    }
  }

  /** A webhook answered: remembered for getWebhookInfo the way Telegram reports failures. */
  noteDelivery(status: number, statusText: string): void {
    if (this.webhookState === undefined || (status >= 200 && status < 300)) return;
    this.webhookState.lastErrorDate = unixNow();
    this.webhookState.lastErrorMessage = `Wrong response from the webhook: ${status} ${statusText}`;
  }

  /** Answers a waiting long poll with nothing, as when the server shuts down. */
  release(): void {
    this.pending?.finish([]);
  }

  reset(): void {
    this.release();
    this.queue = [];
    this.allowedTypes = undefined;
    this.webhookState = undefined;
  }

  methods(): Record<string, MethodHandler> {
    return {
      getUpdates: (p, ctx) => this.getUpdates(p, ctx),
      setWebhook: (p) => this.setWebhook(p),
      deleteWebhook: (p) => this.deleteWebhook(p),
      getWebhookInfo: () => this.webhookInfo(),
    };
  }

  private isAllowed(update: Update): boolean {
    const type = Object.keys(update).find((key) => key !== 'update_id') ?? '';
    return this.allowedTypes === undefined ? !OPT_IN_TYPES.has(type) : this.allowedTypes.has(type);
  }

  private setAllowedTypes(params: ApiParams): string[] | undefined {
    const allowed = arrayParam(params, 'allowed_updates')?.map(String);
    // An empty list means "the default"; an absent one keeps the previous setting.
    if (allowed !== undefined)
      this.allowedTypes = allowed.length > 0 ? new Set(allowed) : undefined;
    return allowed;
  }

  private getUpdates(params: ApiParams, ctx: MethodContext): Update[] | Promise<Update[]> {
    if (this.webhookState !== undefined) throw telegramError(TELEGRAM_ERRORS.webhookActive);
    this.pending?.finish(telegramError(TELEGRAM_ERRORS.terminatedByOtherPoll));

    // Calling with an offset confirms, and forgets, every update below it.
    const offset = intParam(params, 'offset') ?? 0;
    if (offset > 0) this.queue = this.queue.filter((u) => u.update_id >= offset);
    if (offset < 0) this.queue = this.queue.slice(offset);

    this.setAllowedTypes(params);
    this.queue = this.queue.filter((u) => this.isAllowed(u));
    const limit = Math.min(Math.max(intParam(params, 'limit') ?? MAX_LIMIT, 1), MAX_LIMIT);
    const timeout = Math.max(intParam(params, 'timeout') ?? 0, 0);
    if (this.queue.length > 0 || timeout === 0) return this.queue.slice(0, limit);
    return this.waitForUpdates(limit, timeout, ctx.signal);
  }

  private waitForUpdates(limit: number, timeout: number, signal: AbortSignal): Promise<Update[]> {
    return new Promise((resolve, reject) => {
      let done = false;
      const poll: PendingPoll = {
        limit,
        finish: (outcome) => {
          if (done) return;
          done = true;
          clearTimeout(timer);
          signal.removeEventListener('abort', onAbort);
          if (this.pending === poll) this.pending = undefined;
          if (outcome instanceof BotApiError) reject(outcome);
          else resolve(outcome);
        },
      };
      const onAbort = () => poll.finish([]);
      const timer = setTimeout(() => poll.finish([]), timeout * 1_000);
      signal.addEventListener('abort', onAbort);
      this.pending = poll;
    });
  }

  private setWebhook(params: ApiParams): Described {
    const url = stringParam(params, 'url') ?? '';
    const secret = checkSecretToken(stringParam(params, 'secret_token'));
    if (boolParam(params, 'drop_pending_updates')) this.queue = [];
    if (url === '') return this.removeWebhook();
    checkWebhookUrl(url);

    const allowed = this.setAllowedTypes(params) ?? this.webhookState?.allowedUpdates;
    const same = this.webhookState?.url === url && this.webhookState.secretToken === secret;
    this.webhookState = {
      url,
      ...(secret === undefined ? {} : { secretToken: secret }),
      ...(allowed === undefined ? {} : { allowedUpdates: allowed }),
      maxConnections: intParam(params, 'max_connections') ?? 40,
    };
    this.pending?.finish(telegramError(TELEGRAM_ERRORS.terminatedBySetWebhook));
    return new Described(true, same ? 'Webhook is already set' : 'Webhook was set');
  }

  private deleteWebhook(params: ApiParams): Described {
    if (boolParam(params, 'drop_pending_updates')) this.queue = [];
    return this.removeWebhook();
  }

  private removeWebhook(): Described {
    const had = this.webhookState !== undefined;
    this.webhookState = undefined;
    return new Described(true, had ? 'Webhook was deleted' : 'Webhook is already deleted');
  }

  private webhookInfo(): WebhookInfo {
    const webhook = this.webhookState;
    const info: WebhookInfo = {
      url: webhook?.url ?? '',
      has_custom_certificate: false,
      pending_update_count: this.queue.length,
    };
    if (webhook === undefined) return info;
    info.ip_address = '127.0.0.1';
    info.max_connections = webhook.maxConnections;
    if (webhook.allowedUpdates !== undefined) {
      info.allowed_updates = webhook.allowedUpdates as WebhookInfo['allowed_updates'] & string[];
    }
    if (webhook.lastErrorDate !== undefined && webhook.lastErrorMessage !== undefined) {
      info.last_error_date = webhook.lastErrorDate;
      info.last_error_message = webhook.lastErrorMessage;
    }
    return info;
  }
}

function checkSecretToken(secret: string | undefined): string | undefined {
  if (secret === undefined || secret === '') return undefined;
  if (!SECRET_TOKEN.test(secret)) throw telegramError(TELEGRAM_ERRORS.secretTokenCharacters);
  // Wording not confirmed against Telegram; the limit itself is documented.
  if (secret.length > MAX_SECRET_TOKEN_LENGTH) throw badRequest('secret token is too long');
  return secret;
}

/**
 * Telegram wants an HTTPS URL on port 443, 80, 88 or 8443; the fake delivers to test servers
 * on loopback, so it accepts plain HTTP and any port.
 */
function checkWebhookUrl(url: string): void {
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    throw badRequest('bad webhook: Failed to resolve host: Name or service not known');
  }
  if (protocol !== 'https:' && protocol !== 'http:') {
    throw badRequest('bad webhook: An HTTPS URL must be provided for webhook');
  }
}
