import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type CallbackDelivery,
  type CallbackRetries,
  type CallbackRetryOptions,
  type CallbackTarget,
  postEvent,
  postEventUntilOk,
} from './vk-api-callback.ts';
import { communityMethods } from './vk-api-community.ts';
import {
  errorEnvelope,
  VK_ERRORS,
  VkApiError,
  type VkErrorEnvelope,
  type VkFaultSpec,
} from './vk-api-errors.ts';
import { FaultPlan, RequestLimit } from './vk-api-faults.ts';
import { readRequest, type VkParams, writeBytes, writeJson, writeNotFound } from './vk-api-http.ts';
import {
  DEFAULT_GROUP_ID,
  DEFAULT_GROUP_NAME,
  DEFAULT_VK_TOKEN,
  isUserPeer,
} from './vk-api-ids.ts';
import { BotsLongPoll } from './vk-api-longpoll.ts';
import { messageMethods } from './vk-api-messages.ts';
import {
  VkConversationStore,
  type VkEventAnswer,
  type VkSentMessage,
} from './vk-api-messages-store.ts';
import type { VkMethodHandler } from './vk-api-method.ts';
import { type PhotoRegistration, type VkPhoto, VkPhotoStore } from './vk-api-photos.ts';
import { createVkRecorder, type VkRecordedCall, type VkWaitOptions } from './vk-api-recorder.ts';
import { type MessageNewEvent, type VkEvent, withEnvelope } from './vk-events.ts';

/**
 * A fake of the VK API for a community bot on loopback, for running the real vk-io client in
 * tests: methods at /method/<name> (form-urlencoded POSTs, VK's `{response}` / `{error}`
 * envelopes with HTTP 200), Bots Long Poll, photo uploads and the files behind photo URLs. It
 * records every call, can be told to fail or to rate-limit, and plays VK's Callback API
 * against a server under test.
 *
 * vk-io defaults its `agent` to an HTTPS agent, which cannot reach a plain-HTTP fake: pass an
 * `http.Agent` as the `agent` option of `new VK(...)`.
 *
 * @example
 * const vk = await startFakeVkApi();
 * const client = new VK({ token: vk.token, apiBaseUrl: vk.apiBaseUrl,
 *   pollingGroupId: vk.groupId, agent: new http.Agent({ keepAlive: true }) });
 * vk.enqueueEvent(messageNew(1001, { text: 'Привет' }));
 */

export type {
  CallbackDelivery,
  CallbackRetries,
  CallbackRetryOptions,
  CallbackTarget,
  PhotoRegistration,
  VkErrorEnvelope,
  VkEventAnswer,
  VkFaultSpec,
  VkMethodHandler,
  VkPhoto,
  VkRecordedCall,
  VkSentMessage,
  VkWaitOptions,
};
export { VK_ERRORS, VkApiError };

export interface FakeVkApiOptions {
  token?: string;
  groupId?: number;
  /** What the server must answer to a `confirmation` event; groups.getCallbackConfirmationCode. */
  confirmationCode?: string;
  /** API requests a token may make per second before error 6; 20 like VK. */
  requestsPerSecond?: number;
  /** The clock of that limit, in milliseconds; Date.now by default. Freeze it in tests. */
  now?: () => number;
  /** The longest a long poll waits, whatever `wait` it asks for; 1000 ms by default. */
  longPollWaitCapMs?: number;
  /** Residents who have not allowed messages from the community from the start. */
  blockedPeers?: number[];
}

export interface FakeVkApi {
  /** Pass as vk-io's `apiBaseUrl`, e.g. http://127.0.0.1:PORT/method. */
  readonly apiBaseUrl: string;
  readonly token: string;
  readonly groupId: number;
  readonly confirmationCode: string;

  /** Queues an event for Bots Long Poll (with group_id, event_id, v) and learns from it. */
  enqueueEvent(event: VkEvent): VkEvent;
  enqueueEvents(events: readonly VkEvent[]): void;
  /** A photo as if a resident sent it, for photoMessage(); its URLs serve `bytes`. */
  registerPhoto(bytes?: Uint8Array, opts?: PhotoRegistration): VkPhoto;

  /** The resident has not allowed (or has denied) messages: sends to them answer 901. */
  blockPeer(peerId: number): void;
  allowPeer(peerId: number): void;
  failNext(method: string, error: VkFaultSpec, times?: number): void;
  /** The next `count` calls of `method` answer error 6, "Too many requests per second". */
  rateLimitNext(method: string, count?: number): void;
  /**
   * The next `times` calls of `method` are answered `ms` later; the method still runs when the
   * client has gone meanwhile, as VK keeps a message whose answer was lost.
   */
  delayNext(method: string, ms: number, times?: number): void;
  /** Long poll keys given so far stop working: the next a_check answers {failed: 2}. */
  expireLongPollKeys(): void;
  /** Answers a method the fake does not model, or replaces its answer. */
  setHandler(method: string, handler: VkMethodHandler): void;

  calls(method?: string): VkRecordedCall[];
  /** What the community sent (one entry per stored message, after edits), in order. */
  sentMessages(peerId?: number): VkSentMessage[];
  /** Answers to callback buttons (messages.sendMessageEventAnswer), in order. */
  eventAnswers(): VkEventAnswer[];
  waitFor(
    predicate: (calls: readonly VkRecordedCall[]) => boolean,
    opts?: VkWaitOptions,
  ): Promise<VkRecordedCall[]>;
  waitForCalls(method: string, count: number, opts?: VkWaitOptions): Promise<VkRecordedCall[]>;

  /** POSTs the event as VK's Callback API does (group_id, event_id, v, secret) once. */
  deliverCallback(event: VkEvent, target: CallbackTarget): Promise<CallbackDelivery>;
  /**
   * Delivers like VK: again (same event_id, X-Retry-Counter set) until the answer is `ok`, or
   * the confirmation code for a `confirmation` event, or the attempts run out.
   */
  deliverCallbackUntilOk(event: VkEvent, opts: CallbackRetryOptions): Promise<CallbackRetries>;

  /** Forgets calls, events, messages, photos, blocks and faults; keeps token and handlers. */
  reset(): void;
  close(): Promise<void>;
}

export const DEFAULT_REQUESTS_PER_SECOND = 20;
const DEFAULT_WAIT_CAP_MS = 1_000;

export async function startFakeVkApi(options: FakeVkApiOptions = {}): Promise<FakeVkApi> {
  const fake = new FakeVkServer(options);
  await fake.listen();
  return fake;
}

class FakeVkServer implements FakeVkApi {
  readonly token: string;
  readonly groupId: number;
  readonly confirmationCode: string;
  private origin = '';
  private readonly server: Server;
  private readonly store = new VkConversationStore();
  private readonly photos: VkPhotoStore;
  private readonly longPoll: BotsLongPoll;
  private readonly faults = new FaultPlan();
  private readonly limit: RequestLimit;
  private readonly recorder = createVkRecorder();
  private readonly handlers = new Map<string, VkMethodHandler>();

  constructor(private readonly options: FakeVkApiOptions) {
    this.token = options.token ?? DEFAULT_VK_TOKEN;
    this.groupId = options.groupId ?? DEFAULT_GROUP_ID;
    this.confirmationCode = options.confirmationCode ?? 'a1b2c3d4';
    this.limit = new RequestLimit(
      options.requestsPerSecond ?? DEFAULT_REQUESTS_PER_SECOND,
      options.now ?? Date.now,
    );
    this.photos = new VkPhotoStore(() => this.origin, this.groupId);
    this.longPoll = new BotsLongPoll(
      () => `${this.origin}/lp/${this.groupId}`,
      this.groupId,
      options.longPollWaitCapMs ?? DEFAULT_WAIT_CAP_MS,
    );
    this.blockInitially();
    const methods = {
      ...messageMethods(this.store, (attachment) => this.photos.knows(attachment)),
      ...this.photos.methods(),
      ...this.longPoll.methods(),
      ...communityMethods({
        groupId: this.groupId,
        name: DEFAULT_GROUP_NAME,
        confirmationCode: this.confirmationCode,
      }),
    };
    for (const [method, handler] of Object.entries(methods)) this.setHandler(method, handler);
    this.server = createServer((req, res) => {
      this.handle(req, res).catch(() => writeJson(res, { error: VK_ERRORS.internal }));
    });
  }

  get apiBaseUrl(): string {
    return `${this.origin}/method`;
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = this.server.address() as AddressInfo;
    this.origin = `http://127.0.0.1:${port}`;
  }

  enqueueEvent(event: VkEvent): VkEvent {
    const enveloped = withEnvelope(event, this.groupId);
    this.learn(enveloped);
    this.longPoll.enqueue(enveloped);
    return enveloped;
  }

  enqueueEvents(events: readonly VkEvent[]): void {
    for (const event of events) this.enqueueEvent(event);
  }

  registerPhoto(bytes?: Uint8Array, opts?: PhotoRegistration): VkPhoto {
    return this.photos.register(bytes, opts);
  }

  blockPeer(peerId: number): void {
    this.store.block(peerId);
  }

  allowPeer(peerId: number): void {
    this.store.allow(peerId);
  }

  failNext(method: string, error: VkFaultSpec, times = 1): void {
    this.faults.failNext(method, error, times);
  }

  rateLimitNext(method: string, count = 1): void {
    this.faults.failNext(method, VK_ERRORS.tooMany, count);
  }

  delayNext(method: string, ms: number, times = 1): void {
    this.faults.delayNext(method, ms, times);
  }

  expireLongPollKeys(): void {
    this.longPoll.expireKeys();
  }

  setHandler(method: string, handler: VkMethodHandler): void {
    this.handlers.set(method, handler);
  }

  calls(method?: string): VkRecordedCall[] {
    return this.recorder.calls(method);
  }

  sentMessages(peerId?: number): VkSentMessage[] {
    const sent = this.store.sent.map((message) => structuredClone(message));
    return peerId === undefined ? sent : sent.filter((message) => message.peerId === peerId);
  }

  eventAnswers(): VkEventAnswer[] {
    return structuredClone(this.store.eventAnswers);
  }

  waitFor(
    predicate: (calls: readonly VkRecordedCall[]) => boolean,
    opts?: VkWaitOptions,
  ): Promise<VkRecordedCall[]> {
    return this.recorder.waitFor(predicate, opts);
  }

  waitForCalls(method: string, count: number, opts?: VkWaitOptions): Promise<VkRecordedCall[]> {
    return this.recorder.waitForCalls(method, count, opts);
  }

  deliverCallback(event: VkEvent, target: CallbackTarget): Promise<CallbackDelivery> {
    const enveloped = withEnvelope(event, this.groupId);
    this.learn(enveloped);
    return postEvent(enveloped, target);
  }

  deliverCallbackUntilOk(event: VkEvent, opts: CallbackRetryOptions): Promise<CallbackRetries> {
    const enveloped = withEnvelope(event, this.groupId);
    this.learn(enveloped);
    const expected = event.type === 'confirmation' ? this.confirmationCode : 'ok';
    return postEventUntilOk(enveloped, { expected, ...opts });
  }

  reset(): void {
    this.recorder.reset();
    this.store.reset();
    this.photos.reset();
    this.longPoll.reset();
    this.faults.reset();
    this.limit.reset();
    this.blockInitially();
  }

  async close(): Promise<void> {
    this.longPoll.wake();
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    // vk-io keeps connections alive; without this, close() waits for them to time out.
    this.server.closeAllConnections();
    await closed;
  }

  private blockInitially(): void {
    for (const peerId of this.options.blockedPeers ?? []) this.store.block(peerId);
  }

  /** What VK knows from an event: the client's abilities and who accepts messages. */
  private learn(event: VkEvent): void {
    if (event.type === 'message_new') {
      const { message, client_info } = (event as MessageNewEvent).object;
      this.store.learnClient(message.peer_id, client_info);
      // Writing to the community allows it to answer.
      if (isUserPeer(message.peer_id)) this.store.allow(message.peer_id);
    }
    const userId = (event.object as { user_id?: number } | undefined)?.user_id;
    if (userId === undefined) return;
    if (event.type === 'message_allow') this.store.allow(userId);
    if (event.type === 'message_deny') this.store.block(userId);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.origin);
    const { params, files } = await readRequest(req, url);
    const [, section = '', rest = ''] = /^\/([^/]+)\/?(.*)$/.exec(url.pathname) ?? [];
    if (section === 'method') {
      writeJson(res, await this.call(rest, params));
    } else if (section === 'lp' && rest === String(this.groupId)) {
      writeJson(res, await this.longPoll.check(params, goneSignal(res)));
    } else if (section === 'upload' && rest.startsWith('photo/')) {
      const answer = this.photos.acceptUpload(rest.slice('photo/'.length), files.get('photo'));
      if (answer === undefined) writeNotFound(res);
      else writeJson(res, answer);
    } else {
      const file = this.photos.file(url.pathname);
      if (file === undefined) writeNotFound(res);
      else writeBytes(res, file.content, file.contentType);
    }
  }

  private async call(method: string, received: VkParams): Promise<unknown> {
    const { access_token: token, ...params } = received;
    const delay = this.faults.takeDelay(method);
    if (delay !== undefined) await new Promise((resolve) => setTimeout(resolve, delay));
    const answer = await this.answer(method, token, params);
    const failed = 'error' in (answer as object) ? (answer as VkErrorEnvelope) : undefined;
    this.recorder.record({
      method,
      params,
      at: Date.now(),
      ...(failed === undefined ? {} : { error: failed.error }),
    });
    return answer;
  }

  private async answer(method: string, token: string | undefined, params: VkParams) {
    const refusal = this.refusal(method, token);
    if (refusal !== undefined) return errorEnvelope(refusal, method, params);
    try {
      const handler = this.handlers.get(method) as VkMethodHandler;
      return { response: await handler(params, { token: token ?? '' }) };
    } catch (error) {
      const spec =
        error instanceof VkApiError
          ? { error_code: error.code, error_msg: error.errorMsg }
          : { ...VK_ERRORS.internal, error_msg: `Internal server error: ${String(error)}` };
      return errorEnvelope(spec, method, params);
    }
  }

  /** Why VK would not run the method at all: the token, the method, a fault, the limit. */
  private refusal(method: string, token: string | undefined): VkFaultSpec | undefined {
    if (token === undefined || token === '') return VK_ERRORS.noToken;
    if (token !== this.token) return VK_ERRORS.invalidToken;
    if (!this.handlers.has(method)) return VK_ERRORS.unknownMethod;
    return this.faults.takeError(method) ?? this.limit.take(token);
  }
}

/** Aborted when the client goes away before the answer, as vk-io's stop() leaves a poll. */
function goneSignal(res: ServerResponse): AbortSignal {
  const gone = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) gone.abort();
  });
  return gone.signal;
}
