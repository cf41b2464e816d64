import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../core/logger.ts';
import {
  checkAddress,
  checkFullName,
  completeIdentity,
  normalizePhone,
} from '../../core/residents/identity.ts';

describe('when a resident types their full name', () => {
  it('takes a surname and a name, with a patronymic, hyphens and Yakut letters', () => {
    expect(checkFullName('  Иванова   Мария Петровна ')).toEqual({
      ok: true,
      value: 'Иванова Мария Петровна',
    });
    expect(checkFullName('Петрова-Водкина Анна').ok).toBe(true);
    expect(checkFullName('Ноговицына Сахаайа Уйгууровна').ok).toBe(true);
    expect(checkFullName('Һөрөкөв Ньургун').ok).toBe(true);
    expect(checkFullName('Smith John').ok).toBe(true);
  });

  it('refuses one word, initials, digits and symbols, and a name past the limit', () => {
    expect(checkFullName('Иванова')).toEqual({ ok: false, reason: 'one_word' });
    expect(checkFullName('И М')).toEqual({ ok: false, reason: 'too_short' });
    expect(checkFullName('Иванова М.')).toEqual({ ok: false, reason: 'not_letters' });
    expect(checkFullName('Иванова Мария 2')).toEqual({ ok: false, reason: 'not_letters' });
    expect(checkFullName('Иванова -Мария')).toEqual({ ok: false, reason: 'not_letters' });
    expect(checkFullName('🏛 Публичные слушания')).toEqual({ ok: false, reason: 'not_letters' });
    expect(checkFullName(`Иванова ${'а'.repeat(150)}`)).toEqual({ ok: false, reason: 'too_long' });
  });
});

describe('when a resident types their address', () => {
  it('takes a street and a house, spaces tidied', () => {
    expect(checkAddress(' ул. Ленина,  10, кв. 5 ')).toEqual({
      ok: true,
      value: 'ул. Ленина, 10, кв. 5',
    });
  });

  it('refuses what is too short, too long or holds no letter', () => {
    expect(checkAddress('д 1')).toEqual({ ok: false, reason: 'too_short' });
    expect(checkAddress(`ул. ${'Ленина '.repeat(40)}`)).toEqual({ ok: false, reason: 'too_long' });
    expect(checkAddress('12345 678')).toEqual({ ok: false, reason: 'not_an_address' });
  });
});

describe('when a phone number is given', () => {
  it('writes every Russian form as +7 and ten digits', () => {
    for (const typed of [
      '+7 914 123-45-67',
      '8 (914) 123-45-67',
      '89141234567',
      '79141234567',
      '9141234567',
      '+7(914)1234567',
    ]) {
      expect(normalizePhone(typed), typed).toEqual({ ok: true, value: '+79141234567' });
    }
    expect(normalizePhone('8 4112 42-00-00')).toEqual({ ok: true, value: '+74112420000' });
  });

  it('refuses other countries, Kazakhstan’s +7 numbers and what is not a number', () => {
    expect(normalizePhone('+375 29 123-45-67')).toEqual({ ok: false, reason: 'not_russian' });
    expect(normalizePhone('+1 202 555 0100')).toEqual({ ok: false, reason: 'not_russian' });
    expect(normalizePhone('+7 701 123 45 67')).toEqual({ ok: false, reason: 'not_russian' });
    expect(normalizePhone('+7 914 123 45 6')).toEqual({ ok: false, reason: 'malformed' });
    expect(normalizePhone('123-45')).toEqual({ ok: false, reason: 'malformed' });
    expect(normalizePhone('позвоните мне')).toEqual({ ok: false, reason: 'malformed' });
  });
});

describe('when a stored identity is reused for a hearing comment', () => {
  const stored = { address: 'ул. Ленина, 1', phone: '+79141234567', phoneFromContact: true };

  it('takes a full name with an address and a phone', () => {
    expect(completeIdentity({ ...stored, fullName: 'Иванова Мария' })?.fullName).toBe(
      'Иванова Мария',
    );
  });

  it('asks again when only a volunteer first name was kept', () => {
    expect(completeIdentity({ ...stored, fullName: 'Маша' })).toBeNull();
    expect(completeIdentity({ ...stored, fullName: 'Иванова Мария', phone: null })).toBeNull();
  });
});

describe('when an identity slips into a log line', () => {
  it('is redacted, as the database names its columns and as the code does', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    const identity = {
      fullName: 'Иванова Мария',
      address: 'ул. Ленина, 10',
      phone: '+79141234567',
    };
    const log = createLogger('info', sink);
    log.info({ identity, row: { full_name: 'Иванова Мария' } }, 'comment stored');
    expect(lines.join('')).not.toMatch(/Иванова|Ленина|9141234567/);
  });
});
