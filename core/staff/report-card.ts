import { viewButton } from '../conversation/buttons.ts';
import type { InlineButton, MediaRef, Outgoing } from '../conversation/types.ts';
import type { Db } from '../db/client.ts';
import type { Translate } from '../i18n/index.ts';
import { type ActionType, type Actor, availableActions } from '../reports/lifecycle.ts';
import { REPORT_STATE_FIELDS } from '../reports/report-state.ts';
import { isUrgentAt } from '../reports/urgency.ts';
import { formatCityDate } from '../text/dates.ts';

/** Why a card is being shown: it sets the card's first line. */
export type CardHeadline =
  | 'routed'
  | 'reopened'
  | 'answer_returned'
  | 'reminder'
  | 'overdue'
  | 'view';

/** Buttons an office's people see on a card, by the action they start. */
const STAFF_BUTTONS: ReadonlyArray<{ action: ActionType; button: string; final?: boolean }> = [
  { action: 'take', button: 'take' },
  { action: 'answer', button: 'answer', final: true },
  { action: 'answer', button: 'interim', final: false },
  { action: 'redirect', button: 'redirect' },
  { action: 'reject', button: 'reject' },
  { action: 'mark_duplicate', button: 'duplicate' },
];

const CARD_FIELDS = {
  ...REPORT_STATE_FIELDS,
  id: true,
  description: true,
  latitude: true,
  longitude: true,
  address: true,
  deadlineAt: true,
  createdAt: true,
  reopenCount: true,
  category: { select: { name: true, urgent: true, urgentMonths: true } },
  district: { select: { name: true } },
  office: { select: { name: true } },
  photos: {
    select: { id: true, fileId: true, channel: true, storageKey: true },
    orderBy: { position: 'asc' as const },
  },
} as const;

/**
 * A report as an office sees it: what, where (with a map link), since when, by when, and the
 * buttons for what the viewer may do now. Residents' identities never appear on it.
 * Returns null for a report that does not exist.
 */
export async function buildReportCard(
  db: Db,
  t: Translate,
  reportId: number,
  options: { headline: CardHeadline; viewer: Actor; now: Date },
): Promise<Outgoing[] | null> {
  const report = await db.report.findUnique({ where: { id: reportId }, select: CARD_FIELDS });
  if (!report) return null;

  const overdue = report.deadlineAt !== null && report.deadlineAt < options.now;
  const lines = [
    t(`card-headline-${options.headline.replaceAll('_', '-')}`, { number: report.number }),
    ...(isUrgentAt(report.category, report.createdAt) ? [t('card-urgent')] : []),
    ...(report.reopenCount > 0 ? [t('card-reopened-times', { count: report.reopenCount })] : []),
    t('card-category', { category: report.category.name }),
    t('card-place', { place: placeOf(t, report) }),
    ...(report.office ? [t('card-office', { office: report.office.name })] : []),
    t('card-status', { status: t(`status-${report.status}`) }),
    t('card-filed', { date: formatCityDate(report.createdAt) }),
    ...(report.deadlineAt
      ? [
          t(overdue ? 'card-deadline-overdue' : 'card-deadline', {
            date: formatCityDate(report.deadlineAt),
          }),
        ]
      : []),
    '',
    report.description,
    ...(mapLink(report) ? ['', t('card-map', { url: mapLink(report) ?? '' })] : []),
  ];

  const allowed = new Set(availableActions(report, options.viewer));
  const buttons: InlineButton[] = STAFF_BUTTONS.filter(({ action }) => allowed.has(action)).map(
    ({ button }) => ({
      label: t(`card-button-${button}`),
      payload: viewButton(button, String(report.id)),
    }),
  );
  const rows: InlineButton[][] = [];
  for (let i = 0; i < buttons.length; i += 2) rows.push(buttons.slice(i, i + 2));

  // Photos go first, as an album; each adapter shows what its platform can (see MediaRef).
  // By id too: a photo of another platform is read from our copy when the card is sent.
  const photos: MediaRef[] = report.photos.map(({ id, channel, fileId, storageKey }) =>
    storageKey ? { channel, fileId, storageKey, photoId: id } : { channel, fileId, photoId: id },
  );
  const card: Outgoing = { text: lines.join('\n'), ...(rows.length > 0 ? { inline: rows } : {}) };
  return photos.length > 0 ? [{ ...card, photos }] : [card];
}

function placeOf(
  t: Translate,
  report: { address: string | null; district: { name: string } | null; latitude: number | null },
): string {
  const parts = [report.district?.name, report.address].filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : t('card-place-unknown');
}

/** A link any phone opens in a map app: Yandex Maps, which residents of Yakutsk use. */
export function mapLink(report: { latitude: number | null; longitude: number | null }) {
  if (report.latitude === null || report.longitude === null) return undefined;
  const point = `${report.longitude.toFixed(6)},${report.latitude.toFixed(6)}`;
  return `https://yandex.ru/maps/?pt=${point}&z=17&l=map`;
}
