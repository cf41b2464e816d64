import { describe, expect, it } from 'vitest';
import { answerRight, publishingOffice, readRight } from '../../core/official-reports/access.ts';
import { parseReportLink } from '../../core/official-reports/links.ts';

describe('when a report’s link is checked', () => {
  it('keeps http and https links to a named host', () => {
    expect(parseReportLink(' https://rutube.ru/video/abc/ ')).toBe('https://rutube.ru/video/abc/');
    expect(parseReportLink('http://docs.yakutsk.ru/отчёт.pdf')).toBe(
      'http://docs.yakutsk.ru/%D0%BE%D1%82%D1%87%D1%91%D1%82.pdf',
    );
  });

  it('refuses what a resident could not or should not open', () => {
    const refused = [
      '',
      'видео',
      'javascript:alert(1)',
      'ftp://files.example.ru/a.pdf',
      'file:///etc/passwd',
      'http://localhost/a',
      'https://user:secret@example.ru/',
      'https://example.ru/a b',
      `https://example.ru/${'a'.repeat(2000)}`,
    ];
    for (const text of refused) expect(parseReportLink(text), text).toBeNull();
  });
});

describe('when staff act on an office’s report', () => {
  const official = { role: 'official' as const, officeId: 1 };

  it('lets its own office and admins answer, hides it from others', () => {
    expect(answerRight(official, 1)).toBe('allowed');
    expect(answerRight(official, 2)).toBe('hidden');
    expect(answerRight(official, null)).toBe('hidden');
    expect(answerRight({ role: 'admin', officeId: null }, 2)).toBe('allowed');
    expect(answerRight({ role: 'dispatcher', officeId: null }, 1)).toBe('forbidden');
    expect(readRight({ role: 'dispatcher', officeId: null }, 1)).toBe('allowed');
    expect(readRight({ role: 'operator', officeId: null }, 1)).toBe('forbidden');
  });

  it('publishes for one’s own office, and for a named one as an admin', () => {
    expect(publishingOffice(official, undefined)).toEqual({ ok: true, officeId: 1 });
    expect(publishingOffice(official, 2)).toEqual({ ok: false, reason: 'other_office' });
    expect(publishingOffice({ role: 'admin', officeId: null }, undefined)).toEqual({
      ok: false,
      reason: 'office_needed',
    });
    expect(publishingOffice({ role: 'admin', officeId: null }, 3)).toEqual({
      ok: true,
      officeId: 3,
    });
    expect(publishingOffice({ role: 'moderator', officeId: null }, 3)).toEqual({
      ok: false,
      reason: 'forbidden',
    });
  });
});
