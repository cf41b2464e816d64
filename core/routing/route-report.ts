import type { DeadlineCalendar } from '../calendar/deadline-calendar.ts';
import type { Db, PrismaClient } from '../db/client.ts';
import { queueDelivery } from '../delivery/deliveries.ts';
import { resolveLocale, translator } from '../i18n/index.ts';
import { actOnReport } from '../reports/act.ts';
import { decide } from '../reports/lifecycle.ts';
import { isUrgentAt } from '../reports/urgency.ts';
import { queueOfficeNotice } from '../staff/office-notices.ts';
import { buildReportCard } from '../staff/report-card.ts';
import { formatCityDate } from '../text/dates.ts';
import { findOwningOffice } from './owning-office.ts';

export type { DeadlineCalendar } from '../calendar/deadline-calendar.ts';

export type RoutingOutcome =
  | { routed: true; officeId: number; deadlineAt: Date }
  | { routed: false; reason: 'not_found' | 'already_routed' };

/**
 * Places a new report with the office that owns it and sets its deadline, then hands the
 * office its card. A redirected report goes to the office it was redirected to, with its
 * deadline counted afresh. Safe to run twice for one report (a retried job): only a report
 * still in "new" (or "redirected") is routed.
 */
export async function routeReport(
  prisma: PrismaClient,
  calendar: DeadlineCalendar,
  reportId: number,
  now: Date = new Date(),
  redirectedTo?: number,
): Promise<RoutingOutcome> {
  return prisma.$transaction(async (db) => {
    const locked = await db.$queryRaw<Array<{ status: string }>>`
      SELECT status::text FROM "Report" WHERE id = ${reportId} FOR UPDATE`;
    const status = locked[0]?.status;
    if (status === undefined) return { routed: false, reason: 'not_found' };
    if (status === 'redirected' && redirectedTo !== undefined) {
      const outcome = await actOnReport(
        db,
        { calendar, now },
        reportId,
        { type: 'route', officeId: redirectedTo },
        { kind: 'system' },
      );
      if (!outcome.ok) throw new Error(`Routing refused: ${outcome.reason}`);
      const report = await db.report.findUniqueOrThrow({
        where: { id: reportId },
        select: { deadlineAt: true },
      });
      return { routed: true, officeId: redirectedTo, deadlineAt: report.deadlineAt ?? now };
    }
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
    const routedEvent = await db.reportEvent.create({
      select: { id: true },
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

    const urgent = isUrgentAt(report.category, report.createdAt);
    await queueOfficeCard(db, reportId, office.id, routedEvent.id, now, urgent);
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

/**
 * The new report's card, to the office's team (their group chat, or each of them). An urgent
 * one (a heating failure in winter, an unsafe building) also goes straight to the office's
 * heads, so that someone with authority sees it at once.
 */
async function queueOfficeCard(
  db: Db,
  reportId: number,
  officeId: number,
  eventId: number,
  now: Date,
  urgent: boolean,
): Promise<void> {
  const viewer = { kind: 'official', officeId, role: 'official' } as const;
  const card = await buildReportCard(db, translator('ru'), reportId, {
    headline: 'routed',
    viewer,
    now,
  });
  if (!card) return;
  const key = `report:${reportId}:event:${eventId}`;
  await queueOfficeNotice(db, { officeId, audience: 'team', key, messages: card });
  if (!urgent) return;
  // Without heads the team already has it: the heads' fallback would only send it twice.
  const heads = await db.official.count({ where: { officeId, role: 'head', unreachableAt: null } });
  if (heads > 0) await queueOfficeNotice(db, { officeId, audience: 'heads', key, messages: card });
}
