/**
 * Splits a text into pieces of at most `limit` UTF-16 code units (how Telegram and VK count),
 * preferring paragraph, then line, then word boundaries, and never splitting a surrogate pair.
 */
export function splitText(text: string, limit: number): string[] {
  if (limit < 2) throw new RangeError('limit must be at least 2');
  const pieces: string[] = [];
  let rest = text;

  while (rest.length > limit) {
    const cut = cutPoint(rest, limit);
    const piece = rest.slice(0, cut).trimEnd();
    if (piece.length > 0) pieces.push(piece);
    rest = rest.slice(cut).trimStart();
  }
  if (rest.length > 0 || pieces.length === 0) pieces.push(rest);
  return pieces;
}

function cutPoint(text: string, limit: number): number {
  const window = text.slice(0, limit + 1);
  for (const separator of ['\n\n', '\n', ' ']) {
    const at = window.lastIndexOf(separator);
    // A boundary in the first half would leave tiny pieces; cut hard instead.
    if (at > limit / 2) return at;
  }
  const code = text.charCodeAt(limit - 1);
  const isHighSurrogate = code >= 0xd800 && code <= 0xdbff;
  return isHighSurrogate ? limit - 1 : limit;
}
