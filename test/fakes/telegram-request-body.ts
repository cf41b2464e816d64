import type { IncomingMessage } from 'node:http';
import { BotApiError, badRequest } from './telegram-api-errors.ts';
import { type ApiParams, fromFormValue, type UploadedFile } from './telegram-params.ts';

/**
 * Reads a Bot API request into parameters. Telegram takes the query string, JSON,
 * urlencoded and multipart bodies alike; grammY sends JSON, or multipart when it uploads a
 * file, naming the file part in an `attach://<name>` value of the parameter.
 */

// Telegram accepts uploads up to 50 MB; a little more leaves room for the other fields.
const MAX_BODY_BYTES = 52 * 1024 * 1024;

export async function readParams(req: IncomingMessage, url: URL): Promise<ApiParams> {
  const params: Record<string, unknown> = {};
  for (const [name, value] of url.searchParams) params[name] = fromFormValue(value);

  const body = await readBody(req);
  if (body.length === 0) return params;

  const contentType = req.headers['content-type'] ?? '';
  if (contentType.startsWith('application/json')) {
    return { ...params, ...parseJsonBody(body) };
  }
  if (contentType.startsWith('application/x-www-form-urlencoded')) {
    for (const [name, value] of new URLSearchParams(body.toString('utf8'))) {
      params[name] = fromFormValue(value);
    }
    return params;
  }
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  if (contentType.startsWith('multipart/form-data') && boundary) {
    return { ...params, ...parseMultipart(body, boundary[1] ?? boundary[2] ?? '') };
  }
  return params;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new BotApiError(413, 'Request Entity Too Large');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

function parseJsonBody(body: Buffer): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw badRequest("can't parse JSON object");
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw badRequest("can't parse JSON object");
  }
  return parsed as Record<string, unknown>;
}

interface Part {
  name: string;
  filename: string | undefined;
  content: Buffer;
}

function parseMultipart(body: Buffer, boundary: string): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  const files = new Map<string, UploadedFile>();
  for (const part of splitParts(body, boundary)) {
    if (part.filename === undefined) {
      fields[part.name] = fromFormValue(part.content.toString('utf8'));
    } else {
      const file: UploadedFile = {
        kind: 'upload',
        filename: part.filename,
        size: part.content.length,
        content: part.content,
      };
      files.set(part.name, file);
    }
  }

  const resolved = resolveAttachments(fields, files) as Record<string, unknown>;
  // Clients other than grammY name the file part after the parameter itself.
  for (const [name, file] of files) {
    if (!(name in resolved) && !referenced(fields, name)) resolved[name] = file;
  }
  return resolved;
}

function splitParts(body: Buffer, boundary: string): Part[] {
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
    content: raw.subarray(headerEnd + 4),
  };
}

function resolveAttachments(value: unknown, files: ReadonlyMap<string, UploadedFile>): unknown {
  if (typeof value === 'string' && value.startsWith('attach://')) {
    return files.get(value.slice('attach://'.length)) ?? value;
  }
  if (Array.isArray(value)) return value.map((item) => resolveAttachments(item, files));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, resolveAttachments(item, files)]),
    );
  }
  return value;
}

function referenced(fields: Record<string, unknown>, name: string): boolean {
  return JSON.stringify(fields).includes(`attach://${name}`);
}
