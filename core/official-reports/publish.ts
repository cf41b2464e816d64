import { publishUpdate } from '../broadcast/publish.ts';
import type { Db } from '../db/client.ts';
import { parseReportLink } from './links.ts';
import { publishedUpdate } from './notices.ts';

/** The longest title and text a report may have. */
export const MAX_TITLE = 200;
export const MAX_TEXT = 8000;

export interface NewOfficialReport {
  title: string;
  text: string;
  videoUrl?: string | undefined;
  documentUrl?: string | undefined;
  officeId: number;
  /** Who publishes it: a member of staff in a bot, or an API token. */
  author: { officialId?: number; tokenId?: number };
  now: Date;
}

export type PublishRefusal = 'bad_title' | 'bad_text' | 'bad_video_url' | 'bad_document_url';

export type PublishOutcome =
  | { ok: true; id: number; recipients: number }
  | { ok: false; reason: PublishRefusal | 'unknown_office' };

/**
 * Publishes an official's report for an office (the caller has checked who may) and, in the
 * same transaction, announces it to everyone following officials' reports.
 */
export async function publishOfficialReport(
  db: Db,
  report: NewOfficialReport,
): Promise<PublishOutcome> {
  const checked = checkReport(report);
  if (!checked.ok) return checked;
  const office = await db.office.findUnique({
    where: { id: report.officeId },
    select: { name: true },
  });
  if (!office) return { ok: false, reason: 'unknown_office' };

  const stored = await db.officialReport.create({
    data: {
      ...checked.fields,
      officeId: report.officeId,
      authorOfficialId: report.author.officialId ?? null,
      authorTokenId: report.author.tokenId ?? null,
      publishedAt: report.now,
    },
    select: { id: true, title: true },
  });
  const update = publishedUpdate({ ...stored, officeName: office.name }, report.author);
  const published = await publishUpdate(db, update);
  return { ok: true, id: stored.id, recipients: published?.recipients ?? 0 };
}

interface CheckedFields {
  title: string;
  text: string;
  videoUrl: string | null;
  documentUrl: string | null;
}

/** The report's fields as they will be kept, or what is wrong with them. */
export function checkReport(
  report: Pick<NewOfficialReport, 'title' | 'text' | 'videoUrl' | 'documentUrl'>,
): { ok: true; fields: CheckedFields } | { ok: false; reason: PublishRefusal } {
  const title = report.title.trim();
  const text = report.text.trim();
  if (title === '' || title.length > MAX_TITLE) return { ok: false, reason: 'bad_title' };
  if (text === '' || text.length > MAX_TEXT) return { ok: false, reason: 'bad_text' };
  const videoUrl = optionalLink(report.videoUrl);
  if (videoUrl === undefined) return { ok: false, reason: 'bad_video_url' };
  const documentUrl = optionalLink(report.documentUrl);
  if (documentUrl === undefined) return { ok: false, reason: 'bad_document_url' };
  return { ok: true, fields: { title, text, videoUrl, documentUrl } };
}

/** null when there is no link, undefined when there is one that is not a link. */
function optionalLink(text: string | undefined): string | null | undefined {
  if (text === undefined || text.trim() === '') return null;
  return parseReportLink(text) ?? undefined;
}
