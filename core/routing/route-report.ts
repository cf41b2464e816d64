import type { PrismaClient } from '../db/client.ts';
import { queueDelivery } from '../delivery/deliveries.ts';
import { resolveLocale, translator } from '../i18n/index.ts';
import { decide } from '../reports/lifecycle.ts';
import { formatCityDate } from '../text/dates.ts';
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
      select: {
        number: true,
        residentId: true,
        categoryId: true,
        districtId: true,
        createdAt: true,
        category: true,
        resident: { select: { channel: true, chatId: true, locale: true } },
      },
    });
    const office = await findOwningOffice(db, report.categoryId, report.districtId);
    const deadlineAt = calendar.addWorkingDays(report.createdAt, report.category.deadlineDays);

    const decision = decide(
      {
        number: report.number,
        status: 'new',
        officeId: null,
        residentId: report.residentId,
        flagged: false,
        resolvedAt: null,
      },
      { type: 'route', officeId: office.id },
      { kind: 'system' },
    );
    if (!decision.ok) throw new Error(`Routing refused: ${decision.reason}`);
    const { event } = decision;

    await db.report.update({
      where: { id: reportId },
      data: { status: decision.status, officeId: office.id, deadlineAt, routedAt: now },
    });
    await db.reportEvent.create({
      data: {
        reportId,
        type: event.type,
        fromStatus: event.fromStatus,
        toStatus: event.toStatus,
        actorKind: event.actorKind,
        data: {
          ...event.data,
          officeCode: office.code,
          rule: office.rule,
          deadlineAt: deadlineAt.toISOString(),
        },
      },
    });

    const t = translator(resolveLocale(report.resident.locale));
    const text = t('notify-routed', {
      number: report.number,
      office: office.name,
      deadline: formatCityDate(deadlineAt),
    });
    await queueDelivery(db, {
      key: `report:${reportId}:routed`,
      channel: report.resident.channel,
      chatId: report.resident.chatId,
      messages: [{ text }],
    });
    return { routed: true, officeId: office.id, deadlineAt };
  });
}
