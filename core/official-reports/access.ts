import type { StaffRole } from '../../generated/prisma/enums.ts';

/** A member of staff as these rules see them: a bot's official or an API token alike. */
export interface Staff {
  role: StaffRole;
  officeId: number | null;
}

/**
 * What a member of staff may do with something of an office: `hidden` is another office's,
 * which officials cannot tell from one that does not exist; `forbidden` is a role that never
 * may.
 */
export type Right = 'allowed' | 'hidden' | 'forbidden';

const OFFICE_ROLES: readonly StaffRole[] = ['official', 'head'];
/** Roles that read officials' reports and their questions in the admin API. */
const READERS: readonly StaffRole[] = ['official', 'head', 'dispatcher', 'moderator', 'admin'];

function ownOffice(staff: Staff, officeId: number | null): Right {
  return officeId !== null && staff.officeId === officeId ? 'allowed' : 'hidden';
}

/** Answering a question about a report of that office: its officials and heads, or admins. */
export function answerRight(staff: Staff, reportOfficeId: number | null): Right {
  if (staff.role === 'admin') return 'allowed';
  if (OFFICE_ROLES.includes(staff.role)) return ownOffice(staff, reportOfficeId);
  return 'forbidden';
}

/** Reading a report of that office with all its questions, answered or not. */
export function readRight(staff: Staff, reportOfficeId: number | null): Right {
  if (!READERS.includes(staff.role)) return 'forbidden';
  if (OFFICE_ROLES.includes(staff.role)) return ownOffice(staff, reportOfficeId);
  return 'allowed';
}

/**
 * The office a member of staff publishes for: officials and heads their own (naming another
 * is refused), admins the one they name.
 */
export function publishingOffice(
  staff: Staff,
  named: number | undefined,
):
  | { ok: true; officeId: number }
  | { ok: false; reason: 'forbidden' | 'other_office' | 'office_needed' } {
  if (staff.role === 'admin') {
    return named === undefined
      ? { ok: false, reason: 'office_needed' }
      : { ok: true, officeId: named };
  }
  if (!OFFICE_ROLES.includes(staff.role) || staff.officeId === null) {
    return { ok: false, reason: 'forbidden' };
  }
  if (named !== undefined && named !== staff.officeId) return { ok: false, reason: 'other_office' };
  return { ok: true, officeId: staff.officeId };
}

/**
 * Which reports' questions a member of staff sees in lists: one office's (officials, heads),
 * every office's (`{}`), or none at all.
 */
export function questionScope(staff: Staff): { officeId?: number } | 'forbidden' {
  if (!READERS.includes(staff.role)) return 'forbidden';
  if (OFFICE_ROLES.includes(staff.role)) return { officeId: staff.officeId ?? -1 };
  return {};
}
