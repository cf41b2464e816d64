import type { ReportStatus } from '../../generated/prisma/enums.ts';

/**
 * Open311 knows two statuses. A report is open while an office owes an answer or the resident
 * may still come back (answered with an interim answer, redirected, reopened); it is closed
 * once solved, closed, rejected or merged into another.
 */
export const OPEN_STATUSES: readonly ReportStatus[] = [
  'new',
  'routed',
  'in_progress',
  'answered',
  'reopened',
  'redirected',
];

export const CLOSED_STATUSES: readonly ReportStatus[] = [
  'resolved',
  'closed',
  'rejected',
  'duplicate',
];

export function open311Status(status: ReportStatus): 'open' | 'closed' {
  return OPEN_STATUSES.includes(status) ? 'open' : 'closed';
}

/** History events whose text the office wrote for the resident: these become status_notes. */
export const NOTE_EVENTS = ['answered_interim', 'answered_final', 'rejected', 'redirected'];
