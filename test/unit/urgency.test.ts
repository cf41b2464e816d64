import { describe, expect, it } from 'vitest';
import { isUrgentAt } from '../../core/reports/urgency.ts';

const HEATING = { urgent: true, urgentMonths: [9, 10, 11, 12, 1, 2, 3, 4, 5] };

describe('urgent categories', () => {
  it('make a heating failure urgent in winter, not in summer', () => {
    expect(isUrgentAt(HEATING, new Date('2026-12-15T03:00:00Z'))).toBe(true);
    expect(isUrgentAt(HEATING, new Date('2026-07-15T03:00:00Z'))).toBe(false);
  });

  it('count months in the city’s time (UTC+9)', () => {
    // 31 August 16:00 UTC is already 1 September 01:00 in Yakutsk.
    expect(isUrgentAt(HEATING, new Date('2026-08-31T16:00:00Z'))).toBe(true);
    expect(isUrgentAt(HEATING, new Date('2026-08-31T14:00:00Z'))).toBe(false);
  });

  it('keep an all-year category urgent, and a non-urgent one never', () => {
    const always = { urgent: true, urgentMonths: [] };
    expect(isUrgentAt(always, new Date('2026-07-01T00:00:00Z'))).toBe(true);
    expect(isUrgentAt({ urgent: false, urgentMonths: [7] }, new Date('2026-07-01'))).toBe(false);
  });
});
