/**
 * Button payloads. A flow button carries the dialogue revision it was issued at, so a double
 * tap or a button on an old message does nothing once the dialogue has moved on. A view button
 * (open a report, turn a page) is safe to press at any time and carries no revision.
 * Payloads stay far below Telegram's 64-byte callback_data limit.
 */
export interface ParsedButton {
  /** The revision a flow button was issued at; undefined for view buttons. */
  revision?: number;
  action: string;
  arg?: string;
}

const SEPARATOR = '|';

export function flowButton(revision: number, action: string, arg?: string): string {
  return [String(revision), action, ...(arg === undefined ? [] : [arg])].join(SEPARATOR);
}

export function viewButton(action: string, arg?: string): string {
  return ['v', action, ...(arg === undefined ? [] : [arg])].join(SEPARATOR);
}

/** Returns undefined for a payload we never issued (forged, or from an old bot version). */
export function parseButton(payload: string): ParsedButton | undefined {
  const [scope, action, arg, ...rest] = payload.split(SEPARATOR);
  if (!scope || !action || rest.length > 0 || !/^[a-z-]+$/.test(action)) return undefined;

  const base = arg === undefined ? { action } : { action, arg };
  if (scope === 'v') return base;
  if (!/^\d+$/.test(scope)) return undefined;
  return { ...base, revision: Number(scope) };
}
