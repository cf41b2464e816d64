import type { PrismaClient } from '../db/client.ts';
import { findOwningOffice } from './owning-office.ts';

/** Turns a number of working days after a moment into a deadline. */
export interface DeadlineCalendar {
  addWorkingDays(from: Date, days: number): Date;
}

export type RoutingOutcome =
  | { routed: true; officeId: number; deadlineAt: Date }
  | { routed: false; reason: 'not_found' | 'already_routed' };

/**
 * Places a new report with the office that owns it and sets its deadline. Safe to run twice
 * for one report (a retried job): only a report still in "new" is routed.
 */
export async function routeReport(
  prisma: PrismaClient,
  calendar: DeadlineCalendar,
  reportId: number,
  now: Date = new Date(),
): Promise<RoutingOutcome> {
  return prisma.$transaction(async (db) => {
    const locked = await db.$queryRaw<Array<{ status: string }>>`
      SELECT status::text FROM "Report" WHERE id = ${reportId} FOR UPDATE`;
    const status = locked[0]?.status;
    if (status === undefined) return { routed: false, reason: 'not_found' };
    if (status !== 'new') return { routed: false, reason: 'already_routed' };

    const report = await db.report.findUniqueOrThrow({
      where: { id: reportId },
      select: { categoryId: true, districtId: true, createdAt: true, category: true },
    });
    const office = await findOwningOffice(db, report.categoryId, report.districtId);
    const deadlineAt = calendar.addWorkingDays(report.createdAt, report.category.deadlineDays);

    await db.report.update({
      where: { id: reportId },
      data: { status: 'routed', officeId: office.id, deadlineAt, routedAt: now },
    });
    await db.reportEvent.create({
      data: {
        reportId,
        type: 'routed',
        fromStatus: 'new',
        toStatus: 'routed',
        actorKind: 'system',
        data: {
          officeId: office.id,
          officeCode: office.code,
          rule: office.rule,
          deadlineAt: deadlineAt.toISOString(),
        },
      },
    });
    return { routed: true, officeId: office.id, deadlineAt };
  });
}
