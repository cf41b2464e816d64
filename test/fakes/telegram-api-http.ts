import type { ServerResponse } from 'node:http';
import { type ApiErrorBody, BotApiError, errorBody } from './telegram-api-errors.ts';
import { Described, type MethodHandler } from './telegram-api-method.ts';
import type { ApiParams } from './telegram-params.ts';

/** The Bot API's answer envelope and how it goes over HTTP. */

export type ApiResponse = { ok: true; result: unknown; description?: string } | ApiErrorBody;

/** Runs a fake method and wraps its outcome the way Telegram wraps results and errors. */
export async function runMethod(
  handler: MethodHandler,
  params: ApiParams,
  signal: AbortSignal,
): Promise<ApiResponse> {
  try {
    const result: unknown = await handler(params, { signal });
    return result instanceof Described
      ? { ok: true, result: result.result, description: result.description }
      : { ok: true, result };
  } catch (error) {
    return error instanceof BotApiError ? error.toBody() : internalError(error);
  }
}

/** A bug in the fake itself reaches the bot as a 500, with the reason for the test's output. */
export function internalError(error: unknown): ApiErrorBody {
  const reason = error instanceof Error ? error.message : String(error);
  return errorBody(500, `Internal Server Error: fake Bot API failed: ${reason}`);
}

/** Telegram answers every error with the HTTP status equal to its error_code. */
export function writeJson(res: ServerResponse, body: ApiResponse): void {
  if (res.destroyed || res.writableEnded) return;
  const json = JSON.stringify(body);
  res.writeHead(statusOf(body), {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(json),
  });
  res.end(json);
}

function statusOf(body: ApiResponse): number {
  if (body.ok) return 200;
  return body.error_code >= 400 && body.error_code < 600 ? body.error_code : 500;
}

export function writeFile(res: ServerResponse, content: Uint8Array): void {
  if (res.destroyed || res.writableEnded) return;
  res.writeHead(200, {
    'content-type': 'application/octet-stream',
    'content-length': content.length,
  });
  res.end(content);
}
