/** The longest link we keep: a video or document address, not a pasted page. */
export const MAX_LINK_LENGTH = 2000;

/**
 * A link residents can open from a report: http or https, a host with a dot, no login in it.
 * Returns the link as the URL standard writes it, or null for anything else ("javascript:",
 * a typed word, a file path), so a report never carries an address a resident cannot follow.
 */
export function parseReportLink(text: string): string | null {
  const typed = text.trim();
  if (typed === '' || typed.length > MAX_LINK_LENGTH || /\s/.test(typed)) return null;
  let url: URL;
  try {
    url = new URL(typed);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (!url.hostname.includes('.') || url.username !== '' || url.password !== '') return null;
  return url.href;
}
