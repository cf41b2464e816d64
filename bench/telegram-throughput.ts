import { availableParallelism } from 'node:os';
import { type FakeTelegramApi, startFakeTelegramApi } from '../test/fakes/telegram-api.ts';
import { textMessage } from '../test/fakes/telegram-updates.ts';
import { type BenchDatabase, createBenchDatabase } from './support/bench-database.ts';
import type { Benchmark, BenchmarkResult } from './support/benchmark.ts';
import { districtShapes, pointInside } from './support/district-points.ts';
import { type EchoBot, startEchoBot } from './support/echo-bot.ts';
import { runPool } from './support/pool.ts';
import { fileReport, type ReportPlan } from './support/report-walk.ts';
import { SimulatedResident } from './support/resident.ts';
import { median, percentile } from './support/stats.ts';
import { startWebhookService, type WebhookService } from './support/webhook-service.ts';

/**
 * Reports per second through the whole service (webhook, inbox, dialogue in PostgreSQL,
 * replies), next to a bare grammY bot that only echoes text, both driven by the same number of
 * residents and updates against the same fake Bot API. Each resident waits for the bot's reply
 * before sending the next update, as a person does.
 */

const RESIDENTS = 50;
const REPEATS = 5;
const WARM_UP_RESIDENTS = 10;

// Written for the bench; no resident's words.
const DESCRIPTIONS = [
  'Глубокая яма на проезжей части у остановки',
  'Не горит фонарь во дворе уже неделю',
  'Переполнены мусорные контейнеры у дома',
  'Во дворе сломаны качели на детской площадке',
  'Нет горячей воды в подъезде третий день',
];

interface Round {
  updates: number;
  seconds: number;
  answerMs: number[];
}

interface Setup {
  db: BenchDatabase;
  api: FakeTelegramApi;
  ours: WebhookService;
  echo: EchoBot;
  plan: (chatId: number, index: number) => ReportPlan;
}

let nextChatId = 1_000_000;

async function setUp(): Promise<Setup> {
  const db = await createBenchDatabase();
  const api = await startFakeTelegramApi();
  const ours = await startWebhookService({ databaseUrl: db.url, api });
  const echo = await startEchoBot(api);

  const districts = districtShapes(await db.prisma.district.findMany({ orderBy: { id: 'asc' } }));
  const plan = (chatId: number, index: number): ReportPlan => {
    const district = districts[index % districts.length];
    if (!district) throw new Error('The seeded city has no districts');
    const description = DESCRIPTIONS[index % DESCRIPTIONS.length] ?? '';
    return {
      chatId,
      point: pointInside(district, districts, index),
      photos: 1,
      description,
      longerDescription: description,
      category: { kind: 'suggested' },
    };
  };
  return { db, api, ours, echo, plan };
}

async function tearDown(setup: Setup): Promise<void> {
  await setup.echo.close();
  await setup.ours.close();
  await setup.api.close();
  await setup.db.drop();
}

/** `residents` people file a report each at once; returns how many updates each sent. */
async function oursRound(setup: Setup, residents: number): Promise<Round & { perChat: number[] }> {
  const answerMs: number[] = [];
  const target = {
    api: setup.api,
    url: setup.ours.url,
    secret: setup.ours.secret,
    onAnswer: (ms: number) => answerMs.push(ms),
  };
  const chats = Array.from({ length: residents }, () => nextChatId++);

  const started = performance.now();
  const filed = await runPool(residents, residents, (i) =>
    fileReport(target, setup.plan(chats[i] ?? 0, i)),
  );
  await setup.ours.service.telegram?.idle();
  const seconds = (performance.now() - started) / 1000;

  const stored = await setup.db.prisma.report.count({
    where: { resident: { chatId: { in: chats.map(String) } } },
  });
  if (stored !== residents) throw new Error(`Expected ${residents} reports, found ${stored}`);
  const perChat = filed.map((report) => report.updatesSent);
  return { updates: sum(perChat), seconds, answerMs, perChat };
}

/** As many chats as `perChat` has, each sending that many texts and waiting for each echo. */
async function echoRound(setup: Setup, perChat: readonly number[]): Promise<Round> {
  const answerMs: number[] = [];
  const target = {
    api: setup.api,
    url: setup.echo.url,
    secret: setup.echo.secret,
    onAnswer: (ms: number) => answerMs.push(ms),
  };

  const started = performance.now();
  await runPool(perChat.length, perChat.length, async (i) => {
    const chatId = nextChatId++;
    const resident = new SimulatedResident(target, chatId);
    for (let k = 0; k < (perChat[i] ?? 0); k += 1) {
      const text = `${DESCRIPTIONS[(i + k) % DESCRIPTIONS.length]} (${k})`;
      await resident.send([textMessage(chatId, text)], (reply) => reply.text === text);
    }
  });
  const seconds = (performance.now() - started) / 1000;
  return { updates: sum(perChat), seconds, answerMs };
}

async function run(): Promise<BenchmarkResult> {
  const setup = await setUp();
  try {
    // Connections, JIT and caches warm up before anything is timed.
    const warm = await oursRound(setup, WARM_UP_RESIDENTS);
    await echoRound(setup, warm.perChat);

    const ours: Round[] = [];
    const echo: Round[] = [];
    for (let repeat = 0; repeat < REPEATS; repeat += 1) {
      const round = await oursRound(setup, RESIDENTS);
      ours.push(round);
      echo.push(await echoRound(setup, round.perChat));
    }
    return report(ours, echo, setup.ours.errorsLogged());
  } finally {
    await tearDown(setup);
  }
}

function report(ours: Round[], echo: Round[], errorsLogged: number): BenchmarkResult {
  const rate = (round: Round) => round.updates / round.seconds;
  const oursRate = median(ours.map(rate));
  const echoRate = median(echo.map(rate));
  const oursAnswers = ours.flatMap((round) => round.answerMs);
  const echoAnswers = echo.flatMap((round) => round.answerMs);
  const updates = (rounds: Round[]) => [...new Set(rounds.map((r) => r.updates))].join('/');

  return {
    data:
      `synthetic: ${RESIDENTS} residents at once, each filing one report (/start, consent, ` +
      'location in a seeded district, one photo, "Готово", a description written for the ' +
      `bench, the suggested category, submit); ${REPEATS} runs after a warm-up`,
    table: [
      ['measure', 'ours: service + PostgreSQL', 'bare grammY echo'],
      ['updates per run', updates(ours), updates(echo)],
      ['messages/s, median', fixed(oursRate, 1), fixed(echoRate, 1)],
      [
        'messages/s, each run',
        ours.map((r) => fixed(rate(r), 0)).join(' '),
        echo.map((r) => fixed(rate(r), 0)).join(' '),
      ],
      ['reports/s, median', fixed(median(ours.map((r) => RESIDENTS / r.seconds)), 1), '-'],
      ['ratio ours / echo', fixed(oursRate / echoRate, 3), '1'],
      [
        'webhook answered, p50 ms',
        fixed(percentile(oursAnswers, 0.5), 1),
        fixed(percentile(echoAnswers, 0.5), 1),
      ],
      [
        'webhook answered, p99 ms',
        fixed(percentile(oursAnswers, 0.99), 1),
        fixed(percentile(echoAnswers, 0.99), 1),
      ],
    ],
    notes: [
      'A run is timed from the first POST until every update is handled and every reply sent;',
      'each resident waits for the reply to one update before sending the next.',
      'Ours answers the webhook once the update is recorded; the echo answers after its reply.',
      `Ours logs at info into a discarding sink (${errorsLogged} error lines logged).`,
      `Residents, the fake Bot API and both bots share one Node.js process on ` +
        `${availableParallelism()} CPU(s), with PostgreSQL on the same machine: the echo's ` +
        'figure is bounded by the simulated residents and the fake as much as by grammY.',
    ],
  };
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

function fixed(value: number, digits: number): string {
  return Number.isFinite(value) ? value.toFixed(digits) : '-';
}

export const benchmark: Benchmark = { name: 'Telegram webhook throughput', run };
