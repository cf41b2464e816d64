import type { IncomingMessage, ServerResponse } from 'node:http';
import { splitParts } from './multipart.ts';

/**
 * How the fake VK API reads requests and writes answers. vk-io POSTs methods as
 * application/x-www-form-urlencoded and uploads files as multipart/form-data; VK reads the
 * query string as well. Every value VK receives is a string, so the fake keeps them strings.
 */

export type VkParams = Record<string, string>;

export interface UploadedPart {
  filename: string;
  contentType: string | undefined;
  content: Buffer;
}

export interface VkRequest {
  params: VkParams;
  files: Map<string, UploadedPart>;
}

// VK takes photos up to 50 MB; a little more leaves room for the other fields.
const MAX_BODY_BYTES = 52 * 1024 * 1024;

export async function readRequest(req: IncomingMessage, url: URL): Promise<VkRequest> {
  const params: VkParams = Object.fromEntries(url.searchParams);
  const files = new Map<string, UploadedPart>();
  const body = await readBody(req);
  const contentType = req.headers['content-type'] ?? '';
  if (body.length === 0) return { params, files };

  if (contentType.startsWith('application/x-www-form-urlencoded')) {
    for (const [name, value] of new URLSearchParams(body.toString('utf8'))) params[name] = value;
  }
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  if (contentType.startsWith('multipart/form-data') && boundary) {
    for (const part of splitParts(body, boundary[1] ?? boundary[2] ?? '')) {
      if (part.filename === undefined) params[part.name] = part.content.toString('utf8');
      else files.set(part.name, { ...part, filename: part.filename });
    }
  }
  return { params, files };
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new Error('request body over 52 MB');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/** VK answers everything, errors included, with HTTP 200 and JSON. */
export function writeJson(res: ServerResponse, body: unknown, status = 200): void {
  if (res.destroyed || res.writableEnded) return;
  const json = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(json),
  });
  res.end(json);
}

export function writeBytes(res: ServerResponse, content: Uint8Array, contentType: string): void {
  if (res.destroyed || res.writableEnded) return;
  res.writeHead(200, { 'content-type': contentType, 'content-length': content.length });
  res.end(content);
}

export function writeNotFound(res: ServerResponse): void {
  if (res.destroyed || res.writableEnded) return;
  res.writeHead(404, { 'content-type': 'text/plain' });
  res.end('404 Not Found');
}
