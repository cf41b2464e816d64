import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCsvWithHeader } from '../../core/classification/history/csv.ts';
import { macroF1, stratifiedSplit } from '../../core/classification/history/evaluation.ts';
import { trainOnLabels } from '../../core/classification/history/linear-classifier.ts';
import type { CategoryMapping } from '../../core/classification/history/mapping.ts';
import {
  classifierFromModel,
  loadClassifierModel,
  saveClassifierModel,
} from '../../core/classification/history/model-file.ts';
import { trainFromHistory } from '../../core/classification/history/train-from-history.ts';

// A made-up city's past reports, written for this test: its own categories and reasons.
const HISTORY_CSV = `text,type,reason
Яма на дороге у остановки,Дорожное хозяйство,Ямы
"Огромная яма на проезжей части, машины бьют колёса",Дорожное хозяйство,Ямы
Разбит асфальт на дороге возле школы,Дорожное хозяйство,Ямы
Провал асфальта на перекрёстке,Дорожное хозяйство,Ямы
Дорога вся в ямах и выбоинах,Дорожное хозяйство,Ямы
Глубокая выбоина в асфальте на дороге,Дорожное хозяйство,Ямы
Разрушено покрытие дороги во дворе,Дорожное хозяйство,Ямы
Ямы на дороге после зимы,Дорожное хозяйство,Ямы
Не вывозят мусор из контейнеров,Санитария,Мусор
"Контейнеры переполнены, мусор лежит вокруг",Санитария,Мусор
Свалка мусора за гаражами,Санитария,Мусор
Мусор не вывозят уже неделю,Санитария,Мусор
"Переполненные мусорные баки, запах",Санитария,Мусор
Мешки с мусором у контейнерной площадки,Санитария,Мусор
Строительный мусор брошен во дворе,Санитария,Мусор
Мусорные контейнеры не вывозили три дня,Санитария,Мусор
Не горит фонарь на улице,Освещение,Фонари
"Фонари не горят, на улице темно",Освещение,Фонари
Не работает уличное освещение,Освещение,Фонари
Сломан фонарь у подъезда,Освещение,Фонари
Фонарь мигает всю ночь,Освещение,Фонари
Темно на улице: не горит ни один фонарь,Освещение,Фонари
Разбит плафон уличного фонаря,Освещение,Фонари
Не включают освещение во дворе вечером,Освещение,Фонари
Холодные батареи в квартире,ЖКХ,Отопление
Батареи еле тёплые уже неделю,ЖКХ,Отопление
"Нет отопления, в квартире холодно",ЖКХ,Отопление
Отопление не включили,ЖКХ,Отопление
В квартире холодно: батареи холодные,ЖКХ,Отопление
Течёт батарея отопления,ЖКХ,Отопление
Холодно в квартире из-за батарей,ЖКХ,Отопление
Не греют батареи отопления,ЖКХ,Отопление
Шумят соседи по ночам,ЖКХ,Прочее
`;

const MAPPING: CategoryMapping = {
  source: 'a made-up city',
  columns: { text: 'text', category: 'type', reason: 'reason' },
  rules: [
    { category: 'Дорожное хозяйство', to: 'roads' },
    { category: 'Санитария', to: 'rubbish' },
    { category: 'Освещение', to: 'lighting' },
    { category: 'ЖКХ', reason: 'Отопление', to: 'heating' },
    { category: 'ЖКХ', reason: 'Прочее', skip: 'too mixed to learn from' },
  ],
};

const rows = parseCsvWithHeader(HISTORY_CSV);
const { classifier, history } = trainFromHistory(rows, MAPPING, {
  knownCodes: ['roads', 'rubbish', 'lighting', 'heating', 'other'],
});

// Sentences the history does not hold.
const unseen: Array<[string, string]> = [
  ['roads', 'на дороге большая яма'],
  ['rubbish', 'переполнен мусорный контейнер'],
  ['lighting', 'у дома не горит фонарь'],
  ['heating', 'батареи холодные, дома холодно'],
];

describe('when a classifier is trained from a small history', () => {
  it('trains on the mapped rows only', () => {
    expect(history.texts).toHaveLength(32);
    expect(Object.fromEntries(history.skipped)).toEqual({ 'too mixed to learn from': 1 });
    expect([...classifier.categories].sort()).toEqual(['heating', 'lighting', 'roads', 'rubbish']);
  });

  it.each(unseen)('suggests %s first for "%s"', (category, text) => {
    expect(classifier.suggest(text, 1)[0]?.category).toBe(category);
  });

  it('gives scores between 0 and 1 that sum to 1, best first', () => {
    const suggestions = classifier.suggest('яма и мусор на дороге');
    const scores = suggestions.map((suggestion) => suggestion.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(scores.reduce((sum, score) => sum + score, 0)).toBeCloseTo(1, 9);
  });

  it('gives every category the same score for a text with no known word', () => {
    const scores = classifier.suggest('qwerty zxcvb').map((suggestion) => suggestion.score);
    for (const score of scores) expect(score).toBeCloseTo(1 / 4, 9);
  });

  it('adds our own examples, so a category the history lacks is known', () => {
    const withOwn = trainFromHistory(rows, MAPPING, {
      ownExamples: { other: ['шумят соседи', 'лифт сломался', 'сломан домофон в подъезде'] },
    });
    expect(withOwn.classifier.categories).toContain('other');
    expect(withOwn.trainedPerCategory.get('other')).toBe(3);
  });

  it('trains the same model twice from the same data', () => {
    const again = trainFromHistory(rows, MAPPING).classifier;
    expect(again.suggest('яма на дороге')).toEqual(classifier.suggest('яма на дороге'));
  });
});

describe('when labels are given directly', () => {
  it("trains on any label set, such as the source city's own categories", () => {
    const own = trainOnLabels(
      rows.map((row) => row.text ?? ''),
      rows.map((row) => row.type ?? ''),
    );
    expect(own.categories).toContain('Санитария');
    expect(own.suggest('мусор не вывозят', 1)[0]?.category).toBe('Санитария');
  });

  it('refuses mismatched texts and labels, or a single category', () => {
    expect(() => trainOnLabels(['a', 'b'], ['x'])).toThrow(/one label per text/);
    expect(() => trainOnLabels(['яма', 'ямы'], ['roads', 'roads'])).toThrow(/two categories/);
  });
});

describe('when a trained model is saved and loaded', () => {
  const folder = mkdtempSync(join(tmpdir(), 'category-model-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  const path = join(folder, 'models', 'city.json');
  saveClassifierModel(classifier, path, { source: 'a made-up city' });
  const loaded = loadClassifierModel(path);

  it('suggests exactly what the trained classifier did', () => {
    expect(loaded.categories).toEqual(classifier.categories);
    for (const text of [...unseen.map(([, text]) => text), 'непонятный текст', '']) {
      expect(loaded.suggest(text)).toEqual(classifier.suggest(text));
    }
  });

  it('keeps what it was trained on in the file', () => {
    const content = JSON.parse(readFileSync(path, 'utf8')) as { about: unknown; format: string };
    expect(content.format).toBe('one-click/category-model');
    expect(content.about).toEqual({ source: 'a made-up city' });
  });

  it('refuses a file whose parts do not fit together', () => {
    const content = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    expect(() => classifierFromModel({ ...content, bias: 'AAAAAA==' })).toThrow(/inconsistent/);
    expect(() => classifierFromModel({ ...content, format: 'something else' })).toThrow();
    const broken = join(folder, 'broken.json');
    writeFileSync(broken, '{"format":');
    expect(() => loadClassifierModel(broken)).toThrow();
  });
});

describe('when macro-F1 is computed', () => {
  it('averages the per-category F1 scores, counted by hand', () => {
    const truth = ['roads', 'roads', 'roads', 'snow', 'snow', 'water'];
    const predicted = ['roads', 'roads', 'water', 'snow', 'roads', 'roads'];
    // roads: 2 right, 3 true, 4 predicted: F1 = 2·2 / (3 + 4) = 4/7.
    // snow: 1 right, 2 true, 1 predicted: F1 = 2·1 / (2 + 1) = 2/3.
    // water: 0 right, 1 true, 1 predicted: F1 = 0.
    expect(macroF1(truth, predicted)).toBeCloseTo((4 / 7 + 2 / 3 + 0) / 3, 12);
  });

  it('counts a category only ever predicted, with F1 0', () => {
    expect(macroF1(['a', 'a'], ['a', 'b'])).toBeCloseTo((2 / 3 + 0) / 2, 12);
  });

  it('is 1 when every prediction is right', () => {
    expect(macroF1(['a', 'b', 'b'], ['a', 'b', 'b'])).toBe(1);
  });
});

describe('when texts are split for evaluation', () => {
  const labels = [...Array(50).fill('a'), ...Array(10).fill('b')] as string[];

  it('holds out the same share of each label', () => {
    const { train, test } = stratifiedSplit(labels, 0.2, 7);
    expect(test.filter((index) => labels[index] === 'a')).toHaveLength(10);
    expect(test.filter((index) => labels[index] === 'b')).toHaveLength(2);
    expect([...train, ...test].sort((x, y) => x - y)).toEqual(labels.map((_, index) => index));
  });

  it('splits the same way for the same seed and differently for another', () => {
    expect(stratifiedSplit(labels, 0.2, 7)).toEqual(stratifiedSplit(labels, 0.2, 7));
    expect(stratifiedSplit(labels, 0.2, 7).test).not.toEqual(stratifiedSplit(labels, 0.2, 8).test);
  });
});
