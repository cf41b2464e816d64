import { describe, expect, it } from 'vitest';
import { checkAddress, checkDescription } from '../../core/reports/rules.ts';

describe('when a resident describes a problem', () => {
  it('accepts a short sentence and tidies its spaces', () => {
    expect(checkDescription('  Яма   на дороге ')).toEqual({ ok: true, text: 'Яма на дороге' });
  });

  it('calls an empty or punctuation-only text empty', () => {
    expect(checkDescription('   ')).toMatchObject({ ok: false, problem: 'empty' });
    expect(checkDescription('!!! ???')).toMatchObject({ ok: false, problem: 'empty' });
  });

  it('calls a single word too short', () => {
    expect(checkDescription('яма')).toMatchObject({ ok: false, problem: 'too_short' });
    expect(checkDescription('Ямаааааааааааааа')).toMatchObject({ ok: false, problem: 'too_short' });
  });

  it('refuses a text over 3000 characters, saying how long it is', () => {
    expect(checkDescription('очень '.repeat(600))).toMatchObject({
      ok: false,
      problem: 'too_long',
      length: 3599,
    });
  });
});

describe('when a resident types an address', () => {
  it('accepts a street and house', () => {
    expect(checkAddress('ул. Ленина, 10')).toEqual({ ok: true, text: 'ул. Ленина, 10' });
  });

  it('refuses digits alone and overly long texts', () => {
    expect(checkAddress('12345')).toMatchObject({ ok: false, problem: 'too_short' });
    expect(checkAddress('а'.repeat(301))).toMatchObject({ ok: false, problem: 'too_long' });
  });
});
