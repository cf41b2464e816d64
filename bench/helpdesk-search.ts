import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsvWithHeader } from '../core/classification/history/csv.ts';
import { CONFIDENT_HIT, createHelpSearch } from '../core/helpdesk/search.ts';
import type { ArticleDoc, HelpSearch } from '../core/helpdesk/search-types.ts';
import { SHARED_DATA_DIR, SPB_APPEALS_CSV } from '../test/support/appeals.ts';
import { type Benchmark, type BenchmarkResult, formatTable } from './support/benchmark.ts';
import { median, percentile } from './support/stats.ts';

/**
 * How well the help desk's search finds the article a resident means: top-1 and top-3 on
 * questions written differently from the articles (the project's seed base when it exists, else
 * bench/data/helpdesk-sample.json), on real St Petersburg appeals against the portal's
 * explanation of each kind of problem, and how fast it answers over 10,000 articles.
 */

const SEED_ARTICLES = new URL('../seed/helpdesk/articles.json', import.meta.url);
const SEED_HELD_OUT = new URL('../seed/helpdesk/heldout-questions.json', import.meta.url);
const SAMPLE = new URL('./data/helpdesk-sample.json', import.meta.url);
const HELP_TEXTS = join(SHARED_DATA_DIR, 'helpdesk', 'spb_reason_help_texts.json');
const APPEAL_SAMPLE = 2000;
const SYNTHETIC_ARTICLES = 10_000;
const LATENCY_SEARCHES = 3000;
const SEED = 42;

/** A question and the article that answers it. */
interface Query {
  text: string;
  articleId: number;
}

interface Trial {
  name: string;
  search: HelpSearch;
  queries: Query[];
}

interface Scored {
  top1: number;
  top3: number;
  /** Of the questions whose first hit reached CONFIDENT_HIT: how many, and how often right. */
  confident: { share: number; right: number };
  /** Right at top-1, by the first hit's confidence in fifths. */
  bins: Array<{ texts: number; right: number }>;
}

async function run(): Promise<BenchmarkResult> {
  const own = ownSet();
  const trials: Trial[] = [own.trial];
  const spb = spbTrial();
  if (typeof spb !== 'string') trials.push(spb);

  const scored = trials.map((trial) => ({ trial, scored: score(trial) }));
  const latency = measureLatency(own.articles, own.trial.queries);
  const unrelated = own.unrelated.map(
    (text) => own.trial.search.search(text, 1)[0]?.confidence ?? 0,
  );
  const table = [
    ['set', 'articles', 'questions', 'top-1', 'top-3', `conf ≥ ${CONFIDENT_HIT}`, 'right then'],
    ...scored.map(({ trial, scored: s }) => [
      trial.name,
      String(trial.search.size),
      String(trial.queries.length),
      fixed(s.top1, 3),
      fixed(s.top3, 3),
      fixed(s.confident.share, 3),
      fixed(s.confident.right, 3),
    ]),
  ];
  return {
    data: `${own.source}; ${typeof spb === 'string' ? spb : `${HELP_TEXTS}, ${SPB_APPEALS_CSV}`}`,
    table,
    notes: [
      ...scored.map(({ trial, scored: s }) => calibrationNote(trial.name, s)),
      `Unrelated questions (${unrelated.length}), first hit's confidence: ` +
        `max ${fixed(Math.max(0, ...unrelated), 2)}, median ${fixed(median(unrelated), 2)}.`,
      `Latency over ${latency.size} synthetic articles (the sample's text recombined with ` +
        `numbers; ${latency.vocabulary} distinct words): index built in ` +
        `${fixed(latency.buildMs, 0)} ms; one search (up to 3 hits) median ` +
        `${fixed(latency.median, 3)} ms, p99 ${fixed(latency.p99, 3)} ms over ` +
        `${LATENCY_SEARCHES} searches, single-threaded.`,
      'SPb: the 132 explanations indexed with question = reason, answer = help text, tags = ' +
        `category; ${APPEAL_SAMPLE} appeals sampled (seeded ${SEED}) among those whose reason ` +
        "has an explanation; a hit when the article found is the appeal's own reason.",
    ],
  };
}

// The project's seed base and held-out questions when another part of the project has written
// them; otherwise this bench's own sample.
function ownSet() {
  if (existsSync(SEED_ARTICLES) && existsSync(SEED_HELD_OUT)) {
    const raw = readJson(SEED_ARTICLES) as Array<Record<string, unknown>> | { articles: unknown };
    const list = (Array.isArray(raw) ? raw : raw.articles) as Array<Record<string, unknown>>;
    const heldOut = readJson(SEED_HELD_OUT) as Array<{ question: string; slug: string }>;
    const { unrelated } = readJson(SAMPLE) as { unrelated: string[] };
    return fromSlugged(list, heldOut, unrelated, 'seed/helpdesk (articles, held-out questions)');
  }
  const sample = readJson(SAMPLE) as {
    articles: Array<Record<string, unknown>>;
    heldout: Array<{ question: string; slug: string }>;
    unrelated: string[];
  };
  return fromSlugged(
    sample.articles,
    sample.heldout,
    sample.unrelated,
    "bench/data/helpdesk-sample.json (seed/helpdesk absent: the bench's own sample)",
  );
}

function fromSlugged(
  raw: ReadonlyArray<Record<string, unknown>>,
  heldOut: ReadonlyArray<{ question: string; slug: string }>,
  unrelated: string[],
  source: string,
) {
  const articles: ArticleDoc[] = raw.map((article, index) => ({
    id: index + 1,
    question: String(article.question ?? ''),
    phrasings: (article.phrasings as string[] | undefined) ?? [],
    answer: String(article.answer ?? ''),
    tags: (article.tags as string[] | undefined) ?? [],
  }));
  const idBySlug = new Map(raw.map((article, index) => [String(article.slug ?? ''), index + 1]));
  const queries = heldOut.flatMap(({ question, slug }) => {
    const articleId = idBySlug.get(slug);
    return articleId === undefined ? [] : [{ text: question, articleId }];
  });
  const trial = { name: 'held-out questions', search: createHelpSearch(articles), queries };
  return { trial, articles, unrelated, source };
}

function spbTrial(): Trial | string {
  if (!existsSync(HELP_TEXTS) || !existsSync(SPB_APPEALS_CSV)) {
    return 'SPb appeals skipped: ../shared/data (help texts or appeals) is absent';
  }
  const texts = readJson(HELP_TEXTS) as Array<{
    reason: string;
    category: string;
    help_text: string;
  }>;
  const articles = texts.map((text, index) => ({
    id: index + 1,
    question: text.reason,
    phrasings: [],
    answer: text.help_text,
    tags: [text.category],
  }));
  const idByReason = new Map(texts.map((text, index) => [text.reason, index + 1]));
  const rows = parseCsvWithHeader(readFileSync(SPB_APPEALS_CSV, 'utf8')).flatMap((row) => {
    const articleId = idByReason.get(row.reason ?? '');
    return articleId === undefined || !row.text ? [] : [{ text: row.text, articleId }];
  });
  const queries = shuffled(rows, SEED).slice(0, APPEAL_SAMPLE);
  return { name: 'SPb appeals → explanations', search: createHelpSearch(articles), queries };
}

function score({ search, queries }: Trial): Scored {
  let top1 = 0;
  let top3 = 0;
  let confident = 0;
  let confidentRight = 0;
  const bins = Array.from({ length: 5 }, () => ({ texts: 0, right: 0 }));
  for (const query of queries) {
    const hits = search.search(query.text, 3);
    const first = hits[0];
    const right = first?.articleId === query.articleId;
    if (right) top1 += 1;
    if (hits.some((hit) => hit.articleId === query.articleId)) top3 += 1;
    const confidence = first?.confidence ?? 0;
    const bin = bins[Math.min(Math.floor(confidence * 5), 4)];
    if (bin) {
      bin.texts += 1;
      if (right) bin.right += 1;
    }
    if (confidence >= CONFIDENT_HIT) {
      confident += 1;
      if (right) confidentRight += 1;
    }
  }
  const total = Math.max(queries.length, 1);
  return {
    top1: top1 / total,
    top3: top3 / total,
    confident: { share: confident / total, right: confidentRight / Math.max(confident, 1) },
    bins,
  };
}

function calibrationNote(name: string, { bins }: Scored): string {
  const parts = bins.map(({ texts, right }, index) => {
    const share = texts === 0 ? '-' : fixed(right / texts, 2);
    return `${fixed(index / 5, 1)}+ ${share} (${texts})`;
  });
  return `Top-1 right when its confidence is …, ${name}: ${parts.join(', ')}`;
}

/**
 * A base of 10,000 articles made from the sample's: each takes a question, phrasings, tags and
 * answer sentences from different sample articles (and the SPb explanations when present) with
 * house, route and case numbers woven in, so the vocabulary and the posting lists grow as a
 * real base's would.
 */
function measureLatency(sample: readonly ArticleDoc[], queries: readonly Query[]) {
  const random = generator(SEED);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const sentences = [...sample.flatMap((article) => article.answer.split(/(?<=\.)\s+/))];
  if (existsSync(HELP_TEXTS)) {
    const texts = readJson(HELP_TEXTS) as Array<{ help_text: string }>;
    sentences.push(...texts.flatMap((text) => text.help_text.split(/(?<=\.)\s+/)));
  }
  const phrasings = sample.flatMap((article) => [article.question, ...article.phrasings]);
  const number = () => String(Math.floor(random() * 5000));
  const articles: ArticleDoc[] = Array.from({ length: SYNTHETIC_ARTICLES }, (_, index) => ({
    id: index + 1,
    question: `${pick(phrasings)} ${pick(['дом', 'маршрут', 'участок', 'округ'])} ${number()}`,
    phrasings: [pick(phrasings), `${pick(phrasings)} ${number()}`],
    answer: Array.from({ length: 3 }, () => pick(sentences)).join(` № ${number()}. `),
    tags: [...pick(sample).tags, number()],
  }));

  const started = performance.now();
  const search = createHelpSearch(articles);
  const buildMs = performance.now() - started;
  const times: number[] = [];
  for (let i = 0; i < LATENCY_SEARCHES; i++) {
    const text = queries[i % queries.length]?.text ?? '';
    const begun = performance.now();
    search.search(text, 3);
    times.push(performance.now() - begun);
  }
  const vocabulary = new Set(
    articles.flatMap((a) => `${a.question} ${a.answer}`.toLowerCase().split(/\s+/)),
  ).size;
  return {
    size: articles.length,
    buildMs,
    median: median(times),
    p99: percentile(times, 0.99),
    vocabulary,
  };
}

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const random = generator(seed);
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

// A small seeded generator (mulberry32), so every run measures the same data.
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function readJson(path: URL | string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}

function fixed(value: number, digits: number): string {
  return Number.isFinite(value) ? value.toFixed(digits) : '-';
}

export const benchmark: Benchmark = { name: 'Help desk search', run };

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await run();
  console.log(`## ${benchmark.name}\nData: ${result.data}\n\n${formatTable(result.table)}`);
  console.log(`\n${result.notes.join('\n')}`);
}
