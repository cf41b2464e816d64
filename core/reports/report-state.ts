/**
 * The columns of a Report that the lifecycle decides on (its ReportState), as a Prisma
 * select, so that every caller of `decide` reads the same ones.
 */
export const REPORT_STATE_FIELDS = {
  number: true,
  status: true,
  officeId: true,
  residentId: true,
  flagged: true,
  resolvedAt: true,
} as const;
