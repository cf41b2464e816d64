import { BotApiError, badRequest, TELEGRAM_ERRORS } from './telegram-api-errors.ts';

/**
 * Reading method parameters the lenient way Telegram does: a JSON body carries numbers and
 * objects, while urlencoded and multipart bodies carry strings (objects as JSON text), and
 * both are accepted for the same field.
 */

export type ApiParams = Readonly<Record<string, unknown>>;

/** A file sent in a multipart body, where a parameter said `attach://<name>`. */
export interface UploadedFile {
  kind: 'upload';
  filename: string;
  size: number;
  content: Buffer;
}

export function isUpload(value: unknown): value is UploadedFile {
  return typeof value === 'object' && value !== null && (value as UploadedFile).kind === 'upload';
}

export function stringParam(params: ApiParams, name: string): string | undefined {
  const value = params[name];
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

export function numberParam(params: ApiParams, name: string): number | undefined {
  const value = params[name];
  if (value === undefined || value === null || value === '') return undefined;
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n)) throw badRequest(`field "${name}" must be a number`);
  return n;
}

export function intParam(params: ApiParams, name: string): number | undefined {
  const n = numberParam(params, name);
  if (n !== undefined && !Number.isInteger(n)) {
    throw badRequest(`field "${name}" must be of type Integer`);
  }
  return n;
}

export function boolParam(params: ApiParams, name: string): boolean {
  const value = params[name];
  return value === true || value === 'true' || value === 1 || value === '1';
}

export function objectParam(params: ApiParams, name: string): Record<string, unknown> | undefined {
  const value = params[name];
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

export function arrayParam(params: ApiParams, name: string): unknown[] | undefined {
  const value = params[name];
  return Array.isArray(value) ? value : undefined;
}

/**
 * The target chat. The fake knows no @usernames, so only numeric ids name a chat; anything
 * else (missing included) is "chat not found", as the brief for this fake asks.
 */
export function chatIdParam(params: ApiParams): number {
  const value = params.chat_id;
  const id = typeof value === 'number' ? value : Number(value);
  if (value === undefined || value === '' || !Number.isSafeInteger(id) || id === 0) {
    throw new BotApiError(400, TELEGRAM_ERRORS.chatNotFound);
  }
  return id;
}

/** Turns a string from a form body into what JSON would have carried. */
export function fromFormValue(value: string): unknown {
  const first = value.trimStart()[0];
  if (first !== '{' && first !== '[') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}
