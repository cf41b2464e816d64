import { ApiError } from '../errors.ts';

/**
 * An opaque cursor: when the last report of the page was filed, and its id for ties, so pages
 * never shift or repeat while new reports arrive.
 */
export interface Cursor {
  createdAt: Date;
  id: number;
}

export function encodeCursor(cursor: Cursor): string {
  const value = { t: cursor.createdAt.toISOString(), id: cursor.id };
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function decodeCursor(text: string): Cursor {
  try {
    const { t, id } = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as {
      t?: unknown;
      id?: unknown;
    };
    const createdAt = typeof t === 'string' ? new Date(t) : undefined;
    const valid = createdAt !== undefined && !Number.isNaN(createdAt.getTime());
    if (valid && typeof id === 'number' && Number.isInteger(id) && id > 0) return { createdAt, id };
  } catch {
    // Falls through to the refusal below.
  }
  throw new ApiError(400, 'invalid_cursor', 'The cursor is not one this API issued');
}
