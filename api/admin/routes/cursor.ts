import { ApiError } from '../errors.ts';

/** An opaque cursor: the id of the last report of the page, so pages never shift or repeat. */
export function encodeCursor(id: number): string {
  return Buffer.from(JSON.stringify({ id })).toString('base64url');
}

export function decodeCursor(cursor: string): number {
  try {
    const { id } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as {
      id?: unknown;
    };
    if (typeof id === 'number' && Number.isInteger(id) && id > 0) return id;
  } catch {
    // Falls through to the refusal below.
  }
  throw new ApiError(400, 'invalid_cursor', 'The cursor is not one this API issued');
}
