import { Agent, createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { Agent as HttpsAgent } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { APIError, Keyboard, type MessageContext, type MessageEventContext, VK } from 'vk-io';
import { type FakeVkApi, startFakeVkApi, VK_ERRORS } from './vk-api.ts';
import {
  confirmation,
  docMessage,
  geoMessage,
  messageDeny,
  messageEvent,
  messageNew,
  photoMessage,
  voiceMessage,
} from './vk-events.ts';

const RESIDENT = 1_001;

let fake: FakeVkApi;
const clients: Array<{ vk: VK; agent: Agent }> = [];

beforeAll(async () => {
  fake = await startFakeVkApi();
});
afterEach(async () => {
  for (const { vk, agent } of clients.splice(0)) {
    await vk.updates.stop();
    agent.destroy();
  }
  fake.reset();
});
afterAll(() => fake.close());

type ClientOptions = Partial<ConstructorParameters<typeof VK>[0]>;

/**
 * vk-io against the fake: a plain-HTTP agent (vk-io's types ask for an HTTPS one, which cannot
 * reach http://), and a request limit that keeps tests quick. `findGroup` leaves
 * pollingGroupId out, so vk-io asks groups.getById for it.
 */
function client(options: ClientOptions & { findGroup?: boolean } = {}, api = fake): VK {
  const { findGroup = false, ...rest } = options;
  const agent = new Agent({ keepAlive: true });
  const vk = new VK({
    token: api.token,
    apiBaseUrl: api.apiBaseUrl,
    ...(findGroup ? {} : { pollingGroupId: api.groupId }),
    apiLimit: 20,
    agent: agent as unknown as HttpsAgent,
    ...rest,
  });
  clients.push({ vk, agent });
  return vk;
}

/** The APIError a call rejects with; fails the test if it resolves. */
async function refusal(call: Promise<unknown>): Promise<APIError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(APIError);
  return error as APIError;
}

/** A method call as raw as VK gets it, for what vk-io would hide (its retries, its pace). */
async function rawCall(method: string, params: Record<string, string>, api = fake) {
  const body = new URLSearchParams({ access_token: api.token, v: '5.199', ...params });
  const response = await fetch(`${api.apiBaseUrl}/${method}`, { method: 'POST', body });
  return (await response.json()) as Record<string, unknown>;
}

describe('when the community sends messages', () => {
  it('stores one message for two sends with the same random_id', async () => {
    const vk = client();
    const send = { peer_id: RESIDENT, random_id: 4242, message: 'Заявка принята' };
    const first = await vk.api.messages.send(send);
    const second = await vk.api.messages.send(send);

    expect(second).toBe(first);
    expect(fake.sentMessages(RESIDENT)).toHaveLength(1);
    expect(fake.sentMessages(RESIDENT)[0]).toMatchObject({
      messageId: first,
      randomId: 4242,
      text: 'Заявка принята',
      attachments: [],
    });
    expect(fake.calls('messages.send')).toHaveLength(2);
  });

  it('answers 901 for a resident who has not allowed messages', async () => {
    const vk = client();
    fake.blockPeer(RESIDENT);
    const error = await refusal(
      vk.api.messages.send({ peer_id: RESIDENT, random_id: 1, message: 'Ответ' }),
    );
    expect(error.code).toBe(901);
    expect(error.message).toContain(VK_ERRORS.noPermission.error_msg);
    expect(fake.sentMessages()).toEqual([]);
  });

  it('learns message_deny and a new message from the events it delivers', async () => {
    fake.enqueueEvent(messageDeny(RESIDENT));
    const denied = await rawCall('messages.send', {
      peer_id: String(RESIDENT),
      random_id: '1',
      message: 'Ответ',
    });
    expect(denied).toMatchObject({ error: { error_code: 901 } });

    fake.enqueueEvent(messageNew(RESIDENT, { text: 'Снова я' }));
    const allowed = await rawCall('messages.send', {
      peer_id: String(RESIDENT),
      random_id: '2',
      message: 'Ответ',
    });
    expect(allowed).toEqual({ response: expect.any(Number) });
  });

  it('answers per peer with peer_ids, as vk-io uses from a context', async () => {
    fake.blockPeer(RESIDENT + 1);
    const answer = await rawCall('messages.send', {
      peer_ids: `${RESIDENT},${RESIDENT + 1}`,
      random_id: '7',
      message: 'Всем',
    });
    expect(answer.response).toEqual([
      {
        peer_id: RESIDENT,
        message_id: expect.any(Number),
        conversation_message_id: expect.any(Number),
      },
      { peer_id: RESIDENT + 1, error: { code: 901, description: expect.any(String) } },
    ]);
  });

  it('refuses a text over 4096 characters with 914', async () => {
    const error = await refusal(
      client().api.messages.send({ peer_id: RESIDENT, random_id: 2, message: 'я'.repeat(4097) }),
    );
    expect(error.code).toBe(914);
    expect(error.message).toContain('Message is too long');
  });

  it('refuses an empty message and a send without random_id with 100', async () => {
    const vk = client();
    const empty = await refusal(vk.api.messages.send({ peer_id: RESIDENT, random_id: 3 }));
    expect(empty.code).toBe(100);
    expect(empty.message).toContain('message is empty or invalid');
    const noRandom = await refusal(vk.api.messages.send({ peer_id: RESIDENT, message: 'a' }));
    expect(noRandom.message).toContain('random_id is a required parameter');
  });

  it('echoes the request in the error envelope, without the token', async () => {
    const answer = await rawCall('messages.send', { peer_id: String(RESIDENT), random_id: '5' });
    const { error } = answer as { error: { request_params: Array<{ key: string }> } };
    const keys = error.request_params.map((param) => param.key);
    expect(keys).toEqual(['v', 'peer_id', 'random_id', 'method', 'oauth']);
  });

  it('answers a wrong token with 5 and an unknown method with 3', async () => {
    const wrong = client({ token: 'vk1.a.wrong' });
    expect((await refusal(wrong.api.users.get({}))).code).toBe(5);
    expect((await refusal(client().api.call('messages.telepathy', {}))).code).toBe(3);
  });
});

describe('when a message has a keyboard', () => {
  it("accepts vk-io's keyboards and keeps them parsed", async () => {
    const vk = client();
    const menu = Keyboard.builder()
      .textButton({ label: 'Сообщить о проблеме', payload: { command: 'report' } })
      .row()
      .locationRequestButton({ payload: { command: 'location' } })
      .oneTime();
    const inline = Keyboard.builder()
      .callbackButton({ label: 'Взять', payload: { take: 17 }, color: Keyboard.POSITIVE_COLOR })
      .urlButton({ label: 'Карта', url: 'https://example.org/map' })
      .inline();
    await vk.api.messages.send({
      peer_id: RESIDENT,
      random_id: 1,
      message: 'Меню',
      keyboard: menu,
    });
    await vk.api.messages.send({
      peer_id: RESIDENT,
      random_id: 2,
      message: 'Ещё',
      keyboard: inline,
    });

    const [first, second] = fake.sentMessages(RESIDENT);
    expect(first?.keyboard).toMatchObject({ one_time: true, inline: false });
    expect(first?.keyboard?.buttons[1]?.[0]?.action).toEqual({
      type: 'location',
      payload: '{"command":"location"}',
    });
    expect(second?.keyboard?.buttons[0]?.[0]?.action.type).toBe('callback');
  });

  it.each([
    ['not JSON', '{buttons:'],
    ['a label over 40', kb([[{ action: { type: 'text', label: 'я'.repeat(41) } }]])],
    [
      'a payload over 255',
      kb([[{ action: { type: 'text', label: 'a', payload: `"${'x'.repeat(260)}"` } }]]),
    ],
    ['an unknown action', kb([[{ action: { type: 'teleport', label: 'a' } }]])],
    [
      'six in a row',
      kb([Array.from({ length: 6 }, () => ({ action: { type: 'text', label: 'a' } }))]),
    ],
    [
      'location beside another',
      kb([[{ action: { type: 'location' } }, { action: { type: 'text', label: 'a' } }]]),
    ],
    ['callback outside inline', kb([[{ action: { type: 'callback', label: 'a' } }]])],
    ['one_time inline', JSON.stringify({ buttons: [], inline: true, one_time: true })],
  ])('refuses %s with 911', async (_what, keyboard) => {
    const error = await refusal(
      client().api.messages.send({ peer_id: RESIDENT, random_id: 1, message: 'a', keyboard }),
    );
    expect(error.code).toBe(911);
    expect(error.message).toContain('Keyboard format is invalid');
  });

  it('allows a callback button in a keyboard only for a client that supports it', async () => {
    const keyboard = kb([[{ action: { type: 'callback', label: 'Да' } }]]);
    fake.enqueueEvent(messageNew(RESIDENT, { text: 'Привет' }));
    const send = { peer_id: RESIDENT, random_id: 1, message: 'Вопрос', keyboard };
    await client().api.messages.send(send);

    const old = RESIDENT + 1;
    fake.enqueueEvent(messageNew(old, { clientInfo: { button_actions: ['text'] } }));
    const error = await refusal(client().api.messages.send({ ...send, peer_id: old }));
    expect(error.code).toBe(911);
  });
});

function kb(buttons: unknown[][]): string {
  return JSON.stringify({ buttons, one_time: false });
}

describe('when VK limits the request rate', () => {
  it('lets vk-io retry a send refused with error 6', async () => {
    const vk = client();
    fake.rateLimitNext('messages.send', 1);
    const id = await vk.api.messages.send({ peer_id: RESIDENT, random_id: 9, message: 'Ок' });

    const calls = fake.calls('messages.send');
    expect(calls.map((call) => call.error?.error_code)).toEqual([6, undefined]);
    expect(calls[0]?.error?.error_msg).toBe('Too many requests per second');
    expect(fake.sentMessages(RESIDENT).map((m) => m.messageId)).toEqual([id]);
  });

  it('refuses the 21st request in a frozen second and takes it a second later', async () => {
    let now = 1_000_000;
    const limited = await startFakeVkApi({ now: () => now });
    try {
      const answers = [];
      for (let i = 0; i < 21; i += 1) answers.push(await rawCall('users.get', {}, limited));
      expect(answers.slice(0, 20).every((answer) => 'response' in answer)).toBe(true);
      expect(answers[20]).toMatchObject({ error: { error_code: 6 } });

      now += 1_000;
      expect(await rawCall('users.get', {}, limited)).toHaveProperty('response');
    } finally {
      await limited.close();
    }
  });

  it('fails the next call with any error given', async () => {
    fake.failNext('users.get', { error_code: 10, error_msg: 'Internal server error' });
    const vk = client();
    expect((await refusal(vk.api.users.get({ user_ids: [RESIDENT] }))).code).toBe(10);
    expect(await vk.api.users.get({ user_ids: [RESIDENT] })).toHaveLength(1);
  });
});

describe('when the bot long-polls', () => {
  it('finds its group with groups.getById and receives queued events', async () => {
    const vk = client({ findGroup: true });
    const texts: string[] = [];
    vk.updates.on('message_new', (ctx: MessageContext) => {
      texts.push(ctx.text ?? '');
    });
    await vk.updates.start();
    fake.enqueueEvent(messageNew(RESIDENT, { text: 'Яма у подъезда' }));
    fake.enqueueEvent(messageNew(RESIDENT, { text: 'Ещё одна' }));

    await vi.waitFor(() => expect(texts).toHaveLength(2));
    expect(texts).toEqual(['Яма у подъезда', 'Ещё одна']);
    expect(fake.calls('groups.getById')).toHaveLength(1);
    expect(fake.calls('groups.getLongPollServer')[0]?.params.group_id).toBe(String(fake.groupId));
  });

  it('hands vk-io the geo, the attachments and the payload as VK shapes them', async () => {
    const vk = client();
    const seen: MessageContext[] = [];
    vk.updates.on('message_new', (ctx: MessageContext) => {
      seen.push(ctx);
    });
    await vk.updates.start();
    const photo = fake.registerPhoto();
    fake.enqueueEvents([
      geoMessage(RESIDENT, 62.0355, 129.6755),
      photoMessage(RESIDENT, [photo], { text: 'Вот' }),
      messageNew(RESIDENT, { text: 'Меню', payload: { command: 'start' } }),
      docMessage(RESIDENT),
      voiceMessage(RESIDENT),
    ]);

    await vi.waitFor(() => expect(seen).toHaveLength(5));
    const [geo, withPhoto, withPayload, doc, voice] = seen;
    expect(geo?.geo?.coordinates).toEqual({ latitude: 62.0355, longitude: 129.6755 });
    expect(withPhoto?.getAttachments('photo')[0]?.largeSizeUrl).toBe(photo.sizes.at(-1)?.url);
    expect(withPayload?.messagePayload).toEqual({ command: 'start' });
    expect(doc?.hasAttachments('doc')).toBe(true);
    expect(voice?.hasAttachments('audio_message')).toBe(true);
  });

  it('sends an answer from a context and records the answer to a callback button', async () => {
    const vk = client();
    vk.updates.on('message_new', (ctx: MessageContext) => ctx.send('Принято'));
    vk.updates.on('message_event', (ctx: MessageEventContext) =>
      ctx.answer({ type: 'show_snackbar', text: 'Готово' }),
    );
    await vk.updates.start();
    fake.enqueueEvent(messageNew(RESIDENT, { text: 'Привет' }));
    await fake.waitForCalls('messages.send', 1);
    const cmid = fake.sentMessages(RESIDENT)[0]?.conversationMessageId ?? 0;
    const press = fake.enqueueEvent(messageEvent(RESIDENT, { take: 1 }, cmid));

    await fake.waitForCalls('messages.sendMessageEventAnswer', 1);
    expect(fake.sentMessages(RESIDENT).map((m) => m.text)).toEqual(['Принято']);
    expect(fake.eventAnswers()).toEqual([
      {
        eventId: (press.object as { event_id: string }).event_id,
        userId: RESIDENT,
        peerId: RESIDENT,
        eventData: { type: 'show_snackbar', text: 'Готово' },
      },
    ]);
  });

  it('gets a new key from vk-io after the old ones expire', async () => {
    const vk = client();
    const texts: string[] = [];
    vk.updates.on('message_new', (ctx: MessageContext) => {
      texts.push(ctx.text ?? '');
    });
    await vk.updates.start();
    fake.expireLongPollKeys();
    // vk-io restarts from the ts the new server gives, so it misses events queued before that.
    await fake.waitForCalls('groups.getLongPollServer', 2);
    fake.enqueueEvent(messageNew(RESIDENT, { text: 'После' }));

    await vi.waitFor(() => expect(texts).toEqual(['После']));
  });

  it('answers failed 2 for a wrong key and failed 1 for a ts it no longer has', async () => {
    const answer = await rawCall('groups.getLongPollServer', { group_id: String(fake.groupId) });
    const { key, server, ts } = answer.response as { key: string; server: string; ts: string };
    expect(new URL(server).hostname).toBe('127.0.0.1');
    fake.enqueueEvent(messageNew(RESIDENT, { text: 'Раз' }));

    const poll = async (params: Record<string, string>) =>
      (
        await fetch(`${server}?${new URLSearchParams({ act: 'a_check', wait: '0', ...params })}`)
      ).json();
    const first = (await poll({ key, ts })) as { ts: string; updates: unknown[] };
    expect(first.updates).toHaveLength(1);
    expect(first.updates[0]).toMatchObject({ group_id: fake.groupId, v: '5.199' });
    expect(await poll({ key, ts: first.ts })).toEqual({ ts: first.ts, updates: [] });
    expect(await poll({ key, ts })).toEqual({ failed: 1, ts: first.ts });
    expect(await poll({ key: 'wrong', ts: first.ts })).toEqual({ failed: 2 });
  });
});

describe('when photos go through messages', () => {
  it("uploads with vk-io's upload helper and sends the photo", async () => {
    const vk = client();
    const bytes = Buffer.from('not really a jpeg, but bytes all the same');
    const photo = await vk.upload.messagePhoto({ peer_id: RESIDENT, source: { value: bytes } });
    expect(photo.ownerId).toBe(-fake.groupId);
    const attachment = photo.toString();
    expect(attachment).toMatch(/^photo-\d+_\d+_[0-9a-f]+$/);

    await vk.api.messages.send({ peer_id: RESIDENT, random_id: 1, attachment });
    expect(fake.sentMessages(RESIDENT)[0]?.attachments).toEqual([attachment]);
    const url = photo.largeSizeUrl ?? '';
    expect(Buffer.from(await (await fetch(url)).arrayBuffer())).toEqual(bytes);
  });

  it('refuses a save with a forged hash, and a photo it does not know', async () => {
    const vk = client();
    const forged = vk.api.photos.saveMessagesPhoto({ server: 1, photo: '[]', hash: 'x' });
    expect((await refusal(forged)).code).toBe(121);
    const unknown = vk.api.messages.send({ peer_id: 1, random_id: 1, attachment: 'photo-1_2' });
    expect((await refusal(unknown)).code).toBe(100);
  });

  it('serves the bytes of a registered photo at every size, the largest last', async () => {
    const photo = fake.registerPhoto();
    const areas = photo.sizes.map((size) => size.width * size.height);
    expect(Math.max(...areas)).toBe(areas.at(-1));
    expect(photo.sizes.at(-1)).toMatchObject({ width: 640, height: 480 });
    const response = await fetch(photo.sizes[0]?.url ?? '');
    expect(response.headers.get('content-type')).toBe('image/png');
    const body = Buffer.from(await response.arrayBuffer());
    expect(body.subarray(1, 4).toString('ascii')).toBe('PNG');
  });
});

describe('when VK delivers events to a Callback API server', () => {
  let server: Server;
  let url: string;
  const received: Array<{ body: Record<string, unknown>; headers: IncomingHttpHeaders }> = [];
  let failFirst = 0;

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
        received.push({ body, headers: req.headers });
        if (failFirst > 0) {
          failFirst -= 1;
          res.writeHead(500).end('oops');
        } else {
          res.end(body.type === 'confirmation' ? fake.confirmationCode : 'ok');
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/vk/callback`;
  });
  afterEach(() => {
    received.length = 0;
    failFirst = 0;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('posts the event with group_id, event_id, v and the secret', async () => {
    const delivery = await fake.deliverCallback(messageNew(RESIDENT, { text: 'Привет' }), {
      url,
      secret: 's3cret',
    });
    expect(delivery).toEqual({ status: 200, body: 'ok' });
    expect(received[0]?.body).toMatchObject({
      type: 'message_new',
      group_id: fake.groupId,
      event_id: expect.stringMatching(/^[0-9a-f]{40}$/),
      v: '5.199',
      secret: 's3cret',
    });
  });

  it('retries a failed delivery with the same event_id and a retry counter', async () => {
    failFirst = 2;
    const outcome = await fake.deliverCallbackUntilOk(messageNew(RESIDENT), { url });
    expect(outcome.ok).toBe(true);
    expect(outcome.deliveries.map((d) => d.status)).toEqual([500, 500, 200]);
    expect(new Set(received.map((r) => r.body.event_id)).size).toBe(1);
    expect(received.map((r) => r.headers['x-retry-counter'])).toEqual([undefined, '1', '2']);
  });

  it('expects the confirmation code for a confirmation event', async () => {
    const outcome = await fake.deliverCallbackUntilOk(confirmation(), { url });
    expect(outcome).toMatchObject({ ok: true, deliveries: [{ body: fake.confirmationCode }] });
    expect(received[0]?.body).toEqual({ type: 'confirmation', group_id: fake.groupId });
  });

  it("is understood by vk-io's own webhook handler", async () => {
    const vk = client({ webhookSecret: 'top', webhookConfirmation: fake.confirmationCode });
    const texts: string[] = [];
    vk.updates.on('message_new', (ctx: MessageContext) => {
      texts.push(ctx.text ?? '');
    });
    const webhook = createServer(vk.updates.getWebhookCallback());
    await new Promise<void>((resolve) => webhook.listen(0, '127.0.0.1', resolve));
    const target = `http://127.0.0.1:${(webhook.address() as AddressInfo).port}/`;
    try {
      const confirmed = await fake.deliverCallback(confirmation(), { url: target, secret: 'top' });
      expect(confirmed.body).toBe(fake.confirmationCode);
      const delivered = await fake.deliverCallback(messageNew(RESIDENT, { text: 'Вебхук' }), {
        url: target,
        secret: 'top',
      });
      expect(delivered).toEqual({ status: 200, body: 'ok' });
      expect(texts).toEqual(['Вебхук']);
    } finally {
      await new Promise<void>((resolve) => webhook.close(() => resolve()));
    }
  });
});
