import { describe, expect, it } from 'vitest';
import {
  applyCategoryMapping,
  type CategoryMapping,
  categoryMappingSchema,
  readCategoryMapping,
  readOurCategoryCodes,
} from '../../core/classification/history/mapping.ts';

const mapping: CategoryMapping = {
  source: 'a made-up city',
  columns: { text: 'text', category: 'category', reason: 'reason' },
  rules: [
    { category: 'Благоустройство', to: 'yards' },
    { category: 'Благоустройство', reason: 'Мусор во дворе', to: 'rubbish' },
    { reason: 'Не горит фонарь', to: 'lighting' },
    { category: 'Благоустройство', reason: 'Разное', skip: 'too mixed to map' },
  ],
};

const row = (category: string, reason: string, text = 'Текст обращения') => ({
  text,
  category,
  reason,
});

describe('when past reports are mapped to our categories', () => {
  const mapped = applyCategoryMapping(
    [
      row('Благоустройство', 'Сломана скамейка'),
      row('Благоустройство', 'Мусор  во\nдворе'),
      row('Освещение', 'Не горит фонарь'),
      row('Благоустройство', 'Не горит фонарь'),
      row('Благоустройство', 'Разное'),
      row('Транспорт', 'Автобус опоздал'),
      row('Благоустройство', 'Сломана скамейка', '   '),
    ],
    mapping,
  );

  it('prefers category and reason, then reason alone, then the category', () => {
    expect(mapped.codeByRow.slice(0, 4)).toEqual(['yards', 'rubbish', 'lighting', 'lighting']);
  });

  it('matches names whatever their spaces and line breaks', () => {
    expect(mapped.codeByRow[1]).toBe('rubbish');
  });

  it('leaves out skipped, unmatched and empty rows, counting each reason', () => {
    expect(mapped.codeByRow.slice(4)).toEqual([undefined, undefined, undefined]);
    expect(Object.fromEntries(mapped.skipped)).toEqual({
      'too mixed to map': 1,
      'no rule for "Транспорт / Автобус опоздал"': 1,
      'empty text': 1,
    });
  });

  it('keeps the texts of the mapped rows with their codes', () => {
    expect(mapped.texts).toHaveLength(4);
    expect(mapped.categories).toEqual(['yards', 'rubbish', 'lighting', 'lighting']);
  });

  it('refuses a rule pointing to a code we do not have', () => {
    const wrong = { ...mapping, rules: [{ category: 'Дороги', to: 'potholes' }] };
    expect(() => applyCategoryMapping([], wrong, ['roads', 'other'])).toThrow(
      /unknown category codes: potholes/,
    );
  });
});

describe('when a mapping file is read', () => {
  it('rejects a rule that both maps and skips, or names nothing', () => {
    const base = { source: 's', columns: { text: 't', category: 'c' } };
    const both = { ...base, rules: [{ category: 'A', to: 'roads', skip: 'why' }] };
    const nothing = { ...base, rules: [{ to: 'roads' }] };
    expect(categoryMappingSchema.safeParse(both).success).toBe(false);
    expect(categoryMappingSchema.safeParse(nothing).success).toBe(false);
  });

  it("maps St Petersburg's categories only to our own codes", () => {
    const spb = readCategoryMapping(
      new URL('../../seed/category-mappings/spb.json', import.meta.url),
    );
    const codes = readOurCategoryCodes();
    expect(() => applyCategoryMapping([], spb, codes)).not.toThrow();
    expect(spb.rules.filter((rule) => rule.skip !== undefined).length).toBeGreaterThan(0);
  });
});
