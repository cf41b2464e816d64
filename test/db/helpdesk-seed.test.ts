import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrismaClient } from '../../core/db/client.ts';
import { readHeldOutQuestions, readSeedData } from '../../core/seed/read-seed-data.ts';
import { DEFAULT_SEED_DIR, SeedError, seedDatabase } from '../../core/seed/seed-database.ts';
import type { ArticleSeed } from '../../core/seed/seed-schemas.ts';
import { ARTICLE_TOPICS, CONTACT_PENDING_MARK } from '../../core/seed/seed-schemas.ts';
import type { TestDatabase } from '../support/database.ts';
import { createEmptyDatabase, createTestDatabase } from '../support/database.ts';

const ARTICLES_FILE = 'helpdesk/articles.json';

/** The nationwide short numbers an answer may give; any other number is a city contact. */
const NATIONWIDE_NUMBERS = new Set(['112', '101', '102', '103', '104']);
const ALLOWED_SITES = new Set(['gosuslugi.ru', 'dom.gosuslugi.ru', 'consultant.ru', 'mchs.gov.ru']);

/** Numbers in a text that look like phone numbers, in whatever form people write them. */
function phoneLikeNumbers(text: string): string[] {
  const patterns = [
    /(?:\+7|\b8)[\s(-]*\d{3,4}[\s)-]*\d{1,3}[\s-]*\d{2}[\s-]*\d{2}\b/g,
    /\b\d{1,3}(?:[-\s]\d{2}){2,}\b/g,
    /\b\d{5,}\b/g,
  ];
  const found = patterns.flatMap((pattern) => text.match(pattern) ?? []);
  // A three-digit number standing alone (not a year, a paragraph or a law's number).
  const short = [
    ...text.matchAll(/(?<!\d[.,:/-]?|№\s?|ст\.\s|пп?\.\s)\b(\d{3})\b(?![.,]\d|-ФЗ|\s?°)/g),
  ]
    .map((match) => match[1] ?? '')
    .filter((number) => !NATIONWIDE_NUMBERS.has(number));
  return [...found, ...short];
}

function sitesIn(text: string): string[] {
  return (text.match(/\b(?:[a-z0-9-]+\.)+(?:ru|рф|com|org|net|info)\b/gi) ?? []).map((site) =>
    site.toLowerCase().replace(/^www\./, ''),
  );
}

/** How a question compares: case, "ё" and punctuation do not make it different. */
function normalized(text: string): string {
  return text
    .toLowerCase()
    .replaceAll('ё', 'е')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

async function articleRows(prisma: PrismaClient) {
  return prisma.article.findMany({ orderBy: { slug: 'asc' } });
}

async function seedCopy() {
  const dir = await mkdtemp(join(tmpdir(), 'oneclick-helpdesk-seed-'));
  await cp(DEFAULT_SEED_DIR, dir, { recursive: true });
  return {
    dir,
    async editArticles(change: (articles: ArticleSeed[]) => ArticleSeed[]): Promise<void> {
      const path = join(dir, ARTICLES_FILE);
      const articles = JSON.parse(await readFile(path, 'utf8')) as ArticleSeed[];
      await writeFile(path, JSON.stringify(change(articles)));
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

describe('when the knowledge base in seed/helpdesk is read', () => {
  let articles: ArticleSeed[];
  beforeAll(async () => {
    articles = (await readSeedData(DEFAULT_SEED_DIR)).articles;
  });

  it('holds 40 to 60 articles with unique slugs, in every topic', () => {
    expect(articles.length).toBeGreaterThanOrEqual(40);
    expect(articles.length).toBeLessThanOrEqual(60);
    expect(new Set(articles.map((article) => article.slug)).size).toBe(articles.length);
    expect(new Set(articles.map((article) => article.topic))).toEqual(new Set(ARTICLE_TOPICS));
  });

  it('gives no phone number in an answer but the nationwide short ones', () => {
    const offending = articles
      .map((article) => ({ slug: article.slug, numbers: phoneLikeNumbers(article.answer) }))
      .filter(({ numbers }) => numbers.length > 0);
    expect(offending).toEqual([]);
  });

  it('recognises the phone numbers it must refuse', () => {
    expect(phoneLikeNumbers('звоните 8 (4112) 42-00-00 или +7 914 000-00-00')).not.toEqual([]);
    expect(phoneLikeNumbers('диспетчер: 42-00-00')).not.toEqual([]);
    expect(phoneLikeNumbers('короткий номер 112, 115')).toEqual(['115']);
    expect(phoneLikeNumbers('звоните 112, 101 или 104; № 354, ст. 161, +60 °C')).toEqual([]);
  });

  it('links only to the federal sites it trusts', () => {
    const sites = articles.flatMap((article) => sitesIn(article.answer));
    expect(sites.length).toBeGreaterThan(0);
    expect(sites.filter((site) => !ALLOWED_SITES.has(site))).toEqual([]);
  });

  it('says in every answer that lacks a city contact that the operators will add it', () => {
    const pending = articles.filter((article) => article.needsContact);
    expect(pending.length).toBeGreaterThan(0);
    for (const article of pending) expect(article.answer).toContain(CONTACT_PENDING_MARK);
    for (const article of articles.filter((each) => !each.needsContact)) {
      expect(article.answer).not.toContain(CONTACT_PENDING_MARK);
    }
  });

  it('notes a source for every article', () => {
    for (const article of articles) expect(article.sources.length).toBeGreaterThan(0);
  });
});

describe('when the held-out questions are read', () => {
  it('has 80 or more, each naming an article, none copied from the articles', async () => {
    const { articles } = await readSeedData(DEFAULT_SEED_DIR);
    const questions = await readHeldOutQuestions(DEFAULT_SEED_DIR);
    expect(questions.length).toBeGreaterThanOrEqual(80);

    const slugs = new Set(articles.map((article) => article.slug));
    expect(questions.filter((question) => !slugs.has(question.slug))).toEqual([]);
    const written = new Set(
      articles.flatMap((article) => [article.question, ...article.phrasings]).map(normalized),
    );
    const copied = questions.filter((question) => written.has(normalized(question.question)));
    expect(copied).toEqual([]);
    expect(questions.filter((question) => question.question.includes('ё'))).toEqual([]);
  });

  it('covers every article at least once', async () => {
    const { articles } = await readSeedData(DEFAULT_SEED_DIR);
    const covered = new Set((await readHeldOutQuestions(DEFAULT_SEED_DIR)).map((q) => q.slug));
    expect(articles.filter((article) => !covered.has(article.slug))).toEqual([]);
  });
});

describe('when the knowledge base is seeded', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.drop());

  it('loads every article, published, with its sources', async () => {
    const { articles } = await readSeedData(DEFAULT_SEED_DIR);
    const rows = await articleRows(database.prisma);
    expect(rows.map((row) => row.slug)).toEqual(articles.map((a) => a.slug).sort());
    expect(rows.every((row) => row.published)).toBe(true);
    const first = articles[0];
    const row = rows.find((each) => each.slug === first?.slug);
    expect(row?.sources).toEqual(first?.sources);
    expect(row?.phrasings).toEqual(first?.phrasings);
  });

  it('changes nothing when seeded again', async () => {
    const before = await articleRows(database.prisma);
    await seedDatabase(database.prisma);
    expect(await articleRows(database.prisma)).toEqual(before);
  });
});

describe('when operators have worked on the knowledge base', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.drop());

  it('keeps their own articles, unpublishings and filled-in contacts', async () => {
    const { prisma } = database;
    const own = await prisma.article.create({
      data: {
        slug: 'operator-parking-permits',
        question: 'Как получить пропуск?',
        phrasings: ['пропуск'],
        answer: 'Ответ оператора.',
        tags: ['пропуск'],
        topic: 'documents',
      },
    });
    await prisma.article.update({
      where: { slug: 'raspisanie-avtobusov' },
      data: { published: false },
    });
    const completed = await prisma.article.update({
      where: { slug: 'edds-goroda' },
      data: { answer: 'ЕДДС: телефон, проверенный оператором.', needsContact: false },
    });

    await seedDatabase(prisma);

    expect(await prisma.article.findUnique({ where: { id: own.id } })).toEqual(own);
    const unpublished = await prisma.article.findUnique({
      where: { slug: 'raspisanie-avtobusov' },
    });
    expect(unpublished?.published).toBe(false);
    expect(await prisma.article.findUnique({ where: { slug: 'edds-goroda' } })).toEqual(completed);
  });

  it('brings a shipped article back to the file when it was edited otherwise', async () => {
    const { prisma } = database;
    const shipped = await prisma.article.findUniqueOrThrow({
      where: { slug: 'nomer-102-policiya' },
    });
    await prisma.article.update({
      where: { slug: 'nomer-102-policiya' },
      data: { answer: 'Изменено вручную.', tags: ['другое'] },
    });

    await seedDatabase(prisma);

    const restored = await prisma.article.findUniqueOrThrow({
      where: { slug: 'nomer-102-policiya' },
    });
    expect({ ...restored, updatedAt: shipped.updatedAt }).toEqual(shipped);
  });
});

describe('when the articles file changes', () => {
  let database: TestDatabase;
  let seed: Awaited<ReturnType<typeof seedCopy>>;
  beforeAll(async () => {
    database = await createEmptyDatabase();
    seed = await seedCopy();
  });
  afterAll(async () => {
    await database.drop();
    await seed.remove();
  });

  it('updates the changed article and counts the articles in the summary', async () => {
    const first = await seedDatabase(database.prisma, seed.dir);
    await seed.editArticles((articles) =>
      articles.map((article) =>
        article.slug === 'nomer-103-skoraya-pomoshch'
          ? { ...article, tags: [...article.tags, 'неотложка'] }
          : article,
      ),
    );

    const second = await seedDatabase(database.prisma, seed.dir);

    expect(second.articles).toBe(first.articles);
    expect(second.articles).toBe(await database.prisma.article.count());
    const row = await database.prisma.article.findUnique({
      where: { slug: 'nomer-103-skoraya-pomoshch' },
    });
    expect(row?.tags).toContain('неотложка');
  });
});

describe('when the articles file is wrong', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createEmptyDatabase();
  });
  afterAll(() => database.drop());

  const cases: Array<[string, (articles: ArticleSeed[]) => ArticleSeed[], RegExp]> = [
    [
      'an article that needs a contact but does not say so',
      (articles) =>
        articles.map((article) =>
          article.slug === 'mfc-moi-dokumenty'
            ? { ...article, answer: 'Адреса МФЦ: ул. Выдуманная, 1.' }
            : article,
        ),
      /articles\.json: item \d+ \(slug "mfc-moi-dokumenty"\): answer: .*needsContact/,
    ],
    [
      'two articles with one slug',
      (articles) => [...articles, ...articles.slice(0, 1)],
      /articles\.json: article slug "edinyj-nomer-112" appears twice/,
    ],
    [
      'a topic outside the list',
      (articles) =>
        articles.map((article, index) =>
          index === 0 ? { ...article, topic: 'misc' } : article,
        ) as ArticleSeed[],
      /articles\.json: item 1 \(slug "edinyj-nomer-112"\): topic:/,
    ],
  ];

  it.each(cases)('refuses %s and writes nothing', async (_name, breakIt, message) => {
    const seed = await seedCopy();
    try {
      await seed.editArticles(breakIt);
      const attempt = seedDatabase(database.prisma, seed.dir);
      await expect(attempt).rejects.toThrow(SeedError);
      await expect(seedDatabase(database.prisma, seed.dir)).rejects.toThrow(message);
      expect(await database.prisma.article.count()).toBe(0);
    } finally {
      await seed.remove();
    }
  });
});
