import type { IncomingMessage } from 'node:http';
import { splitParts } from './multipart.ts';
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
