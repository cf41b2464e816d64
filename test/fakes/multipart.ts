/**
 * multipart/form-data as the bots' HTTP clients send it (grammY to the Bot API, vk-io to
 * VK's upload servers), split into its parts. Both fakes read uploads through it.
 */

export interface Part {
  name: string;
  filename: string | undefined;
  contentType: string | undefined;
  content: Buffer;
}

export function splitParts(body: Buffer, boundary: string): Part[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: Part[] = [];
  let at = body.indexOf(delimiter);
  while (at !== -1) {
    let start = at + delimiter.length;
    if (body[start] === 0x2d && body[start + 1] === 0x2d) break; // the closing "--"
    if (body[start] === 0x0d && body[start + 1] === 0x0a) start += 2;
    const next = body.indexOf(delimiter, start);
    if (next === -1) break;
    const end = body[next - 2] === 0x0d && body[next - 1] === 0x0a ? next - 2 : next;
    const part = parsePart(body.subarray(start, end));
    if (part !== undefined) parts.push(part);
    at = next;
  }
  return parts;
}

function parsePart(raw: Buffer): Part | undefined {
  const headerEnd = raw.indexOf('\r\n\r\n');
  if (headerEnd === -1) return undefined;
  const headers = raw.subarray(0, headerEnd).toString('utf8');
  const name = /;\s*name="([^"]*)"/i.exec(headers)?.[1];
  if (name === undefined) return undefined;
  // grammY writes filename=photo.jpg unquoted; browsers and curl quote it.
  const filename = /;\s*filename=(?:"([^"]*)"|([^;\r\n]*))/i.exec(headers);
  return {
    name,
    filename: filename ? (filename[1] ?? filename[2] ?? '').trim() : undefined,
    contentType: /^content-type:\s*([^\r\n]+)/im.exec(headers)?.[1]?.trim(),
    content: raw.subarray(headerEnd + 4),
  };
}
