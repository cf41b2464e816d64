import type { Update } from '../broadcast/publish.ts';
import { inEveryLocale } from '../broadcast/publish.ts';
import { viewButton } from '../conversation/buttons.ts';
import type { Channel, Outgoing } from '../conversation/types.ts';
import type { Db } from '../db/client.ts';
import { queueDelivery } from '../delivery/deliveries.ts';
import { resolveLocale, type Translate, translator } from '../i18n/index.ts';
import { queueOfficeNotice } from '../staff/office-notices.ts';

interface ReportRef {
  id: number;
  title: string;
}

/** The button that opens a report in the bot; safe to press at any time. */
export function openReportButton(t: Translate, officialReportId: number) {
  return { label: t('oreport-open'), payload: viewButton('orep-open', String(officialReportId)) };
}

/**
 * A resident's new question goes to the team of the report's office (its group chat, else its
 * reachable officials and heads) with a button to answer it; a report no office owns any more
 * goes to the admins, the only ones who may answer it.
 */
export async function noticeNewQuestion(
  db: Db,
  question: { id: number; text: string; report: ReportRef & { officeId: number | null } },
): Promise<number> {
  const key = `official-report-question:${question.id}`;
  const messages = [questionCard(translator('ru'), question)];
  if (question.report.officeId !== null) {
    // When nobody at the office can be reached, the admins get it: a dispatcher may not answer.
    return queueOfficeNotice(db, {
      officeId: question.report.officeId,
      audience: 'answerers',
      key,
      messages,
    });
  }
  const admins = await db.official.findMany({
    where: { role: 'admin', unreachableAt: null },
    select: { channel: true, chatId: true },
    orderBy: { id: 'asc' },
  });
  let queued = 0;
  for (const admin of admins) {
    const target = `${admin.channel}:${admin.chatId}`;
    if (await queueDelivery(db, { key: `${key}:admin:${target}`, ...admin, messages })) {
      queued += 1;
    }
  }
  return queued;
}

function questionCard(
  t: Translate,
  question: { id: number; text: string; report: ReportRef },
): Outgoing {
  return {
    text: t('oreport-question-card', {
      id: String(question.id),
      report: String(question.report.id),
      title: question.report.title,
      text: question.text,
    }),
    inline: [
      [
        {
          label: t('oreport-answer-button'),
          payload: viewButton('orep-answer', String(question.id)),
        },
      ],
      [openReportButton(t, question.report.id)],
    ],
  };
}

/** The answer, in the asker's bot and language, with the report one tap away. */
export function deliverAnswer(
  db: Db,
  answer: {
    questionId: number;
    question: string;
    answer: string;
    report: ReportRef;
    resident: { channel: Channel; chatId: string; locale: string };
  },
): Promise<boolean> {
  const t = translator(resolveLocale(answer.resident.locale));
  return queueDelivery(db, {
    key: `official-report-question:${answer.questionId}:answer`,
    channel: answer.resident.channel,
    chatId: answer.resident.chatId,
    messages: [
      {
        text: t('oreport-answer-to-resident', {
          title: answer.report.title,
          question: answer.question,
          answer: answer.answer,
        }),
        inline: [[openReportButton(t, answer.report.id)]],
      },
    ],
  });
}

/** What the followers of officials' reports are told of a new one. */
export function publishedUpdate(
  report: ReportRef & { officeName: string },
  createdBy: { officialId?: number; tokenId?: number },
): Update {
  return {
    key: `official-report:${report.id}:published`,
    topic: 'official_reports',
    title: report.title,
    messages: inEveryLocale((t) => ({
      text: t('oreport-published-update', { title: report.title, office: report.officeName }),
      inline: [[openReportButton(t, report.id)]],
    })),
    createdBy,
  };
}
