import { viewButton } from '../conversation/buttons.ts';
import type { MediaRef, Outgoing } from '../conversation/types.ts';
import type { Db } from '../db/client.ts';
import { queueDelivery } from '../delivery/deliveries.ts';
import { resolveLocale, type Translate, translator } from '../i18n/index.ts';
import { formatCityDate } from '../text/dates.ts';
import { mediaRefsOf } from './media-refs.ts';

/**
 * Tells a report's resident, and the residents who joined it, what just happened to it, in
 * plain words. The resident who filed it is also asked, after a final answer, whether the
 * problem is really fixed.
 */
export async function queueResidentNotice(db: Db, reportId: number, eventId: number) {
  const event = await db.reportEvent.findUniqueOrThrow({
    where: { id: eventId },
    select: { type: true, text: true, data: true },
  });
  const report = await db.report.findUniqueOrThrow({
    where: { id: reportId },
    select: {
      id: true,
      number: true,
      deadlineAt: true,
      office: { select: { name: true } },
      resident: { select: { id: true, channel: true, chatId: true, locale: true } },
      subscriptions: {
        where: { resident: { unreachableAt: null } },
        select: { resident: { select: { id: true, channel: true, chatId: true, locale: true } } },
      },
    },
  });
  const data = (event.data ?? {}) as Record<string, unknown>;
  const toOfficeId = typeof data.toOfficeId === 'number' ? data.toOfficeId : undefined;
  const toOffice = toOfficeId
    ? await db.office.findUnique({ where: { id: toOfficeId }, select: { name: true } })
    : null;
  const photos = mediaRefsOf(data.photos);

  const facts: NoticeFacts = {
    type: event.type,
    number: report.number,
    office: report.office?.name ?? '',
    toOffice: toOffice?.name ?? '',
    text: event.text ?? '',
    ofNumber: typeof data.ofReportNumber === 'number' ? data.ofReportNumber : 0,
    deadline: report.deadlineAt ? formatCityDate(report.deadlineAt) : '—',
  };
  const author = report.resident;
  await queueDelivery(db, {
    key: `report:${reportId}:event:${eventId}:resident:${author.id}`,
    channel: author.channel,
    chatId: author.chatId,
    messages: noticeFor(translator(resolveLocale(author.locale)), facts, {
      photos,
      askIfFixed: event.type === 'answered_final' ? report.id : undefined,
    }),
  });
  for (const { resident } of report.subscriptions) {
    if (resident.id === author.id) continue;
    const t = translator(resolveLocale(resident.locale));
    const [first, ...rest] = noticeFor(t, facts, { photos });
    if (!first) continue;
    await queueDelivery(db, {
      key: `report:${reportId}:event:${eventId}:resident:${resident.id}`,
      channel: resident.channel,
      chatId: resident.chatId,
      messages: [{ ...first, text: `${t('notify-followed-prefix')}\n${first.text}` }, ...rest],
    });
  }
}

interface NoticeFacts {
  type: string;
  number: number;
  office: string;
  toOffice: string;
  text: string;
  ofNumber: number;
  deadline: string;
}

function noticeFor(
  t: Translate,
  facts: NoticeFacts,
  options: { photos: MediaRef[]; askIfFixed?: number | undefined },
): Outgoing[] {
  const text = t(`notify-${facts.type.replaceAll('_', '-')}`, {
    number: facts.number,
    office: facts.office,
    toOffice: facts.toOffice,
    text: facts.text,
    ofNumber: facts.ofNumber,
    deadline: facts.deadline,
  });
  const messages: Outgoing[] = [
    { text, ...(options.photos.length > 0 ? { photos: options.photos } : {}) },
  ];
  if (options.askIfFixed !== undefined) {
    const id = String(options.askIfFixed);
    messages.push({
      text: t('followup-question', { number: facts.number }),
      inline: [
        [
          { label: t('followup-yes'), payload: viewButton('fixed', id) },
          { label: t('followup-no'), payload: viewButton('notfixed', id) },
        ],
      ],
    });
  }
  return messages;
}
