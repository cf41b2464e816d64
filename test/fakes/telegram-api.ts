import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { File, Message, Update, UserFromGetMe } from 'grammy/types';
import { chatMethods } from './telegram-api-chat-methods.ts';
import {
  type ApiErrorBody,
  BotApiError,
  errorBody,
  TELEGRAM_ERRORS,
  tooManyRequests,
} from './telegram-api-errors.ts';
import { FaultPlan, type FaultSpec } from './telegram-api-faults.ts';
import { UpdateFeed, type WebhookState } from './telegram-api-feed.ts';
import { internalError, runMethod, writeFile, writeJson } from './telegram-api-http.ts';
import type { MethodHandler } from './telegram-api-method.ts';
import {
  createBotApiRecorder,
  type RecordedCall,
  type WaitOptions,
} from './telegram-api-recorder.ts';
import { type SendingDeps, sendingMethods } from './telegram-api-sending.ts';
import { FakeChatStore, type FileRegistration, type SentMessage } from './telegram-api-store.ts';
import { DEFAULT_BOT_TOKEN, fakeBotInfo } from './telegram-ids.ts';
import type { ApiParams } from './telegram-params.ts';
import { BroadcastLimits } from './telegram-rate-limits.ts';
import { readParams } from './telegram-request-body.ts';

/**
 * A fake of the Telegram Bot API on loopback, for running the real grammY client in tests and
 * benches: it serves /bot<token>/<method> and /file/bot<token>/<path> the way Telegram does,
 * records every call, and can be told to fail, to rate-limit, to be slow or to be blocked.
 *
 * @example
 * const telegram = await startFakeTelegramApi();
 * const bot = new Bot(telegram.token, { client: { apiRoot: telegram.apiRoot } });
 * telegram.enqueueUpdate(command(1001, '/start'));
 */

export type {
  ApiErrorBody,
  FaultSpec,
  FileRegistration,
  MethodHandler,
  RecordedCall,
  SentMessage,
  WaitOptions,
  WebhookState,
};
export { BotApiError, TELEGRAM_ERRORS };

export interface FakeTelegramApiOptions {
  token?: string;
  /** Models Telegram's broadcast limits (30 messages/s overall, 1/s per private chat). */
  enforceLimits?: boolean;
  /** Chats whose resident has blocked the bot from the start. */
  blockedChats?: Array<number>;
}

export interface WebhookDelivery {
  status: number;
  body: string;
  /** How long the webhook took to answer. */
  ms: number;
}

export interface FakeTelegramApi {
  /** Pass as grammY's `client.apiRoot`. */
  readonly apiRoot: string;
  readonly token: string;
  readonly botInfo: UserFromGetMe;
  /** What setWebhook registered, if a webhook is set. */
  readonly webhook: Readonly<WebhookState> | undefined;

  /** Queues an update for getUpdates and learns its chat, files and callback query. */
  enqueueUpdate(update: Update): Update;
  enqueueUpdates(updates: readonly Update[]): void;
  registerCallbackQuery(id: string): void;
  /** Makes answerCallbackQuery for this id fail as Telegram does for a too old query. */
  expireCallbackQuery(id: string): void;
  registerFile(file: FileRegistration): File;

  failNext(method: string, error: FaultSpec, times?: number): void;
  rateLimitNext(method: string, retryAfterSeconds: number, times?: number): void;
  delayNext(method: string, ms: number, times?: number): void;
  blockChat(chatId: number): void;
  unblockChat(chatId: number): void;
  /**
   * Upgrades a group to a supergroup without telling the bot: sending to the old id then
   * answers 400 with parameters.migrate_to_chat_id. Delivering the migration service messages
   * (groupMigratedTo, supergroupMigratedFrom) teaches the fake the same.
   */
  migrateChat(fromChatId: number, toChatId: number): void;
  /** Answers a method the fake does not model, or replaces its answer. */
  setHandler(method: string, handler: MethodHandler): void;

  calls(method?: string): RecordedCall[];
  /** What the bot sent (sendMessage, sendPhoto, sendMediaGroup, ...), in order. */
  sentMessages(chatId?: number): SentMessage[];
  /** A message as it is now in its chat (after edits), if it exists. */
  message(chatId: number, messageId: number): Message | undefined;
  waitFor(
    predicate: (calls: readonly RecordedCall[]) => boolean,
    opts?: WaitOptions,
  ): Promise<RecordedCall[]>;
  waitForCalls(method: string, count: number, opts?: WaitOptions): Promise<RecordedCall[]>;

  /**
   * POSTs an update to a webhook as Telegram does (with the secret header when there is a
   * secret; `secret: null` sends none). Defaults to what setWebhook registered. A method the
   * webhook answers in its response body is executed, as Telegram executes webhook replies.
   */
  deliverWebhook(
    update: Update,
    opts?: { url?: string; secret?: string | null },
  ): Promise<WebhookDelivery>;

  /** Forgets calls, updates, chats, faults and the webhook; keeps token and handlers. */
  reset(): void;
  close(): Promise<void>;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export async function startFakeTelegramApi(
  options: FakeTelegramApiOptions = {},
): Promise<FakeTelegramApi> {
  const fake = new FakeTelegramServer(options);
  await fake.listen();
  return fake;
}

class FakeTelegramServer implements FakeTelegramApi {
  readonly token: string;
  readonly botInfo: UserFromGetMe;
  apiRoot = '';
  private readonly server: Server;
  private readonly store: FakeChatStore;
  private readonly feed = new UpdateFeed();
  private readonly faults = new FaultPlan();
  private readonly recorder = createBotApiRecorder();
  private readonly sending: SendingDeps;
  private readonly handlers = new Map<string, MethodHandler>();
  private readonly canonical = new Map<string, string>();

  constructor(private readonly options: FakeTelegramApiOptions) {
    this.token = options.token ?? DEFAULT_BOT_TOKEN;
    this.botInfo = fakeBotInfo(this.token);
    this.store = new FakeChatStore(this.botInfo.id, options.blockedChats);
    const { id, is_bot, first_name, username } = this.botInfo;
    this.sending = {
      store: this.store,
      bot: { id, is_bot, first_name, username },
      limits: options.enforceLimits ? new BroadcastLimits() : undefined,
    };
    const methods = {
      ...this.feed.methods(),
      ...sendingMethods(this.sending),
      ...chatMethods({ store: this.store, botInfo: this.botInfo }),
    };
    for (const [method, handler] of Object.entries(methods)) this.setHandler(method, handler);
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => writeJson(res, internalError(error)));
    });
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = this.server.address() as AddressInfo;
    this.apiRoot = `http://127.0.0.1:${port}`;
  }

  get webhook(): Readonly<WebhookState> | undefined {
    return this.feed.webhook;
  }

  enqueueUpdate(update: Update): Update {
    this.store.learn(update);
    this.feed.enqueue(update);
    return update;
  }

  enqueueUpdates(updates: readonly Update[]): void {
    for (const update of updates) this.enqueueUpdate(update);
  }

  registerCallbackQuery(id: string): void {
    this.store.registerCallbackQuery(id);
  }

  expireCallbackQuery(id: string): void {
    this.store.expireCallbackQuery(id);
  }

  registerFile(file: FileRegistration): File {
    const { content: _content, ...registered } = this.store.registerFile(file);
    return registered;
  }

  failNext(method: string, error: FaultSpec, times = 1): void {
    this.faults.failNext(method, error, times);
  }

  rateLimitNext(method: string, retryAfterSeconds: number, times = 1): void {
    this.faults.failNext(method, tooManyRequests(retryAfterSeconds).toBody(), times);
  }

  delayNext(method: string, ms: number, times = 1): void {
    this.faults.delayNext(method, ms, times);
  }

  blockChat(chatId: number): void {
    this.store.block(chatId);
  }

  unblockChat(chatId: number): void {
    this.store.unblock(chatId);
  }

  migrateChat(fromChatId: number, toChatId: number): void {
    this.store.migrate(fromChatId, toChatId);
  }

  setHandler(method: string, handler: MethodHandler): void {
    this.handlers.set(method, handler);
    this.canonical.set(method.toLowerCase(), method);
  }

  calls(method?: string): RecordedCall[] {
    return this.recorder.calls(method);
  }

  sentMessages(chatId?: number): SentMessage[] {
    const sent = this.store.sent;
    return chatId === undefined ? [...sent] : sent.filter((s) => s.chatId === chatId);
  }

  message(chatId: number, messageId: number): Message | undefined {
    return this.store.message(chatId, messageId)?.message;
  }

  waitFor(
    predicate: (calls: readonly RecordedCall[]) => boolean,
    opts?: WaitOptions,
  ): Promise<RecordedCall[]> {
    return this.recorder.waitFor(predicate, opts);
  }

  waitForCalls(method: string, count: number, opts?: WaitOptions): Promise<RecordedCall[]> {
    return this.recorder.waitForCalls(method, count, opts);
  }

  async deliverWebhook(
    update: Update,
    opts?: { url?: string; secret?: string | null },
  ): Promise<WebhookDelivery> {
    const url = opts?.url ?? this.feed.webhook?.url;
    if (url === undefined) throw new Error('deliverWebhook: no url given and no webhook set');
    if (!LOOPBACK_HOSTS.has(new URL(url).hostname)) {
      throw new Error('deliverWebhook: the fake delivers to loopback addresses only');
    }
    const secret = opts?.secret === undefined ? this.feed.webhook?.secretToken : opts.secret;
    this.store.learn(update);

    const started = performance.now();
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(typeof secret === 'string' ? { 'X-Telegram-Bot-Api-Secret-Token': secret } : {}),
      },
      body: JSON.stringify(update),
    });
    const body = await response.text();
    const ms = performance.now() - started;

    this.feed.noteDelivery(response.status, response.statusText);
    if (response.ok) await this.runWebhookReply(body);
    return { status: response.status, body, ms };
  }

  reset(): void {
    this.recorder.reset();
    this.store.reset();
    this.feed.reset();
    this.faults.reset();
    this.sending.limits = this.options.enforceLimits ? new BroadcastLimits() : undefined;
  }

  async close(): Promise<void> {
    this.feed.release();
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    // grammY keeps connections alive; without this, close() waits for them to time out.
    this.server.closeAllConnections();
    await closed;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.apiRoot);
    const download = /^\/file\/bot([^/]*)\/(.+)$/.exec(url.pathname);
    const route = /^\/bot([^/]*)\/([^/]+)\/?$/.exec(url.pathname);
    if (download) {
      this.download(res, download[1] ?? '', download[2] ?? '');
    } else if (route === null) {
      writeJson(res, errorBody(404, TELEGRAM_ERRORS.notFound));
    } else if (route[1] !== this.token) {
      writeJson(res, errorBody(401, TELEGRAM_ERRORS.unauthorized));
    } else {
      writeJson(res, await this.answer(req, res, url, route[2] ?? ''));
    }
  }

  private async answer(req: IncomingMessage, res: ServerResponse, url: URL, method: string) {
    // A client that gives up (a timeout, or grammY stopping its long poll) closes the socket.
    const gone = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) gone.abort();
    });
    let params: ApiParams;
    try {
      params = await readParams(req, url);
    } catch (error) {
      return error instanceof BotApiError ? error.toBody() : internalError(error);
    }
    return this.call(method, params, gone.signal);
  }

  private async call(requested: string, params: ApiParams, signal: AbortSignal) {
    const method = this.canonical.get(requested.toLowerCase());
    const handler = method === undefined ? undefined : this.handlers.get(method);
    if (method === undefined || handler === undefined) {
      const error = errorBody(404, TELEGRAM_ERRORS.methodNotFound);
      this.recorder.record({ method: requested, params, at: Date.now(), error });
      return error;
    }

    const delay = this.faults.takeDelay(method);
    if (delay !== undefined) await new Promise((resolve) => setTimeout(resolve, delay));
    const answer = this.faults.takeError(method) ?? (await runMethod(handler, params, signal));
    this.recorder.record({
      method,
      params,
      at: Date.now(),
      ...(answer.ok ? {} : { error: answer }),
    });
    return answer;
  }

  private async runWebhookReply(body: string): Promise<void> {
    let reply: unknown;
    try {
      reply = JSON.parse(body);
    } catch {
      return;
    }
    if (typeof reply !== 'object' || reply === null) return;
    const { method, ...params } = reply as Record<string, unknown>;
    if (typeof method === 'string') await this.call(method, params, new AbortController().signal);
  }

  private download(res: ServerResponse, token: string, path: string): void {
    const file = this.store.fileAt(decodeURIComponent(path));
    if (token !== this.token) writeJson(res, errorBody(401, TELEGRAM_ERRORS.unauthorized));
    else if (file === undefined) writeJson(res, errorBody(404, TELEGRAM_ERRORS.notFound));
    else writeFile(res, file.content ?? Buffer.alloc(file.file_size ?? 0));
  }
}
