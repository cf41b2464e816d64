import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  createCategoryClassifier,
  loadShippedClassifier,
  readShippedExamples,
} from '../../core/classification/classifier.ts';

const classifier = loadShippedClassifier();
const shippedTexts = new Set(Object.values(readShippedExamples()).flat());

// Residents' sentences the training file does not hold (checked below).
const clearCases: Array<[string, string]> = [
  ['roads', 'На улице огромная выбоина, я пробил колесо'],
  ['roads', 'асфальт весь в дырах возле поликлиники'],
  ['snow', 'сугробы во дворе никто не вывозит'],
  ['snow', 'гололед на остановке, никто не посыпает'],
  ['rubbish', 'контейнеры для мусора забиты, вокруг пакеты'],
  ['lighting', 'вечером на нашей улице ни один фонарь не светит'],
  ['yards', 'во дворе сломалась горка и качели, детям негде играть'],
  ['heating', 'в квартире батареи совсем холодные, а на улице мороз'],
  ['heating', 'горячей воды нет с понедельника'],
  ['water', 'канализация засорилась и затопила подвал'],
  ['water', 'нету воды в доме'],
  ['transport', 'водитель маршрутки хамит пассажирам'],
  ['animals', 'у школы бегает стая бродячих собак, дети боятся'],
  ['unsafe_buildings', 'в стене нашего дома большая трещина, дом может обрушиться'],
  ['illegal_trade', 'все столбы обклеены рекламой'],
  ['other', 'сломался лифт в нашем подъезде'],
];

const harderCases: Array<[string, string]> = [
  ['snow', 'Тротуар покрыт льдом, дети падают по дороге в школу'],
  ['lighting', 'фанари ни гарят во дваре'],
  ['heating', 'ХОЛОДНЫЕ БАТАРЕИ!!! ДЕТИ МЁРЗНУТ'],
  ['illegal_trade', 'бабушки торгуют рыбой прямо на тротуаре у остановки'],
  ['other', 'соседи сверху шумят каждую ночь'],
  ['water', 'из под крана идёт ржавая холодная вода'],
];

describe('when a resident describes a problem', () => {
  it('is asked about sentences that are not training examples', () => {
    for (const [, text] of [...clearCases, ...harderCases])
      expect(shippedTexts.has(text)).toBe(false);
  });

  it.each(clearCases)('suggests %s first for "%s"', (category, text) => {
    expect(classifier.suggest(text, 1)[0]?.category).toBe(category);
  });

  it.each(harderCases)('puts %s in the top three for "%s"', (category, text) => {
    expect(classifier.suggest(text, 3).map((suggestion) => suggestion.category)).toContain(
      category,
    );
  });
});

describe('when suggestions are scored', () => {
  const suggestions = classifier.suggest('во дворе не вывозят мусор и не горят фонари');

  it('scores every category, best first, between 0 and 1', () => {
    expect(suggestions).toHaveLength(classifier.categories.length);
    for (const { score } of suggestions) {
      expect(score).toBeGreaterThanOrEqual(0);
      expect(score).toBeLessThanOrEqual(1);
    }
    const scores = suggestions.map((suggestion) => suggestion.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('makes the scores sum to one', () => {
    const total = suggestions.reduce((sum, suggestion) => sum + suggestion.score, 0);
    expect(total).toBeCloseTo(1, 9);
  });

  it('returns no more than the limit asked for', () => {
    expect(classifier.suggest('яма на дороге', 3)).toHaveLength(3);
    expect(classifier.suggest('яма на дороге', 0)).toEqual([]);
  });
});

describe('when the text says nothing the classifier knows', () => {
  it.each([
    ['empty text', ''],
    ['blanks', '   \n\t '],
    ['punctuation', '?!... ---'],
    ['emoji', '🙂🙂👍'],
    ['gibberish', 'ыфвапр qwzxv'],
    ['stop words only', 'и в на что это же'],
  ])('gives every category the same low score for %s', (_name, text) => {
    const suggestions = classifier.suggest(text);
    const uniform = 1 / classifier.categories.length;
    expect(suggestions).toHaveLength(classifier.categories.length);
    for (const { score } of suggestions) expect(score).toBeCloseTo(uniform, 9);
  });
});

describe('when the text is written in different ways', () => {
  it('treats ё as е', () => {
    expect(classifier.suggest('Лёд на крыльце')).toEqual(classifier.suggest('лед на крыльце'));
  });

  it('ignores case and punctuation', () => {
    expect(classifier.suggest('НЕТ ГОРЯЧЕЙ ВОДЫ!!!')).toEqual(
      classifier.suggest('нет горячей воды'),
    );
  });

  it('is not moved by stop words', () => {
    expect(classifier.suggest('яма на дороге')).toEqual(classifier.suggest('яма дороге'));
  });
});

describe('when the shipped classifier is loaded', () => {
  it('trains once and keeps it', () => {
    expect(loadShippedClassifier()).toBe(classifier);
  });

  it('knows exactly the seeded categories', () => {
    const seedFile = new URL('../../seed/categories.json', import.meta.url);
    const seeded = (JSON.parse(readFileSync(seedFile, 'utf8')) as Array<{ code: string }>).map(
      (category) => category.code,
    );
    expect([...classifier.categories].sort()).toEqual(seeded.sort());
  });

  it('ships at least 30 examples for each category', () => {
    for (const texts of Object.values(readShippedExamples())) {
      expect(texts.length).toBeGreaterThanOrEqual(30);
    }
  });
});

describe('when a classifier is trained on other examples', () => {
  it('suggests only their categories', () => {
    const own = createCategoryClassifier({
      noise: ['шумят соседи ночью', 'громкая музыка из кафе'],
      parking: ['машина стоит на газоне', 'паркуются на тротуаре'],
    });
    expect(own.categories).toEqual(['noise', 'parking']);
    expect(own.suggest('опять громкая музыка всю ночь', 1)[0]?.category).toBe('noise');
  });

  it('refuses malformed examples', () => {
    expect(() => createCategoryClassifier({ only: ['одна категория'] })).toThrow();
    expect(() => createCategoryClassifier({ a: ['текст'], b: [] })).toThrow();
  });
});
