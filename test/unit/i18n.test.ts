import { describe, expect, it } from 'vitest';
import { messageKeys, resolveLocale, translator } from '../../core/i18n/index.ts';

describe('when texts are looked up', () => {
  it('has the same keys in Russian and English', () => {
    expect([...messageKeys('en')].sort()).toEqual([...messageKeys('ru')].sort());
  });

  it('fills in arguments without invisible isolation marks', () => {
    const text = translator('ru')('report-submitted', { number: 42 });
    expect(text).toContain('№ 42');
    expect(text).not.toMatch(/[\u2066-\u2069]/);
  });

  it('answers with the key for a missing text rather than failing', () => {
    expect(translator('en')('no-such-key')).toBe('no-such-key');
  });

  it('picks Russian for unknown languages', () => {
    expect(resolveLocale('en-US')).toBe('en');
    expect(resolveLocale('sah')).toBe('ru');
    expect(resolveLocale(undefined)).toBe('ru');
  });
});
