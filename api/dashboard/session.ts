import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** The cookie that lets an admin's browser open the queue dashboard. */
export const DASHBOARD_COOKIE = 'oc_dashboard';
export const DASHBOARD_PATH = '/admin/queues';
const LIFETIME_MS = 30 * 60 * 1000;

/** Who holds a dashboard session: the admin token it was issued to. */
export interface DashboardSession {
  tokenId: number;
  expiresAt: Date;
}

export interface DashboardSessions {
  /** A signed cookie value for this admin token, valid for half an hour. */
  issue(tokenId: number, now: Date): { value: string; expiresAt: Date };
  /** The session a cookie value carries, or null when forged, malformed or expired. */
  verify(value: string, now: Date): DashboardSession | null;
}

/**
 * Dashboard sessions signed with HMAC-SHA256 under a secret made at start: a restart signs
 * every session out, which for a half-hour session is a fair price for keeping no secret.
 */
// LIMITATION: each process has its own secret, so behind a load balancer a session works on
// the instance that issued it only; a configured shared secret would lift this.
export function createDashboardSessions(secret: Buffer = randomBytes(32)): DashboardSessions {
  const sign = (payload: string) =>
    createHmac('sha256', secret).update(payload).digest('base64url');
  return {
    issue(tokenId, now) {
      const expiresAt = new Date(now.getTime() + LIFETIME_MS);
      const payload = `${tokenId}.${expiresAt.getTime()}`;
      return { value: `${payload}.${sign(payload)}`, expiresAt };
    },
    verify(value, now) {
      const match = /^(\d{1,12})\.(\d{1,15})\.([\w-]{43})$/.exec(value);
      if (!match?.[1] || !match[2] || !match[3]) return null;
      const given = Buffer.from(match[3]);
      const expected = Buffer.from(sign(`${match[1]}.${match[2]}`));
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
      const expiresAt = new Date(Number(match[2]));
      return expiresAt > now ? { tokenId: Number(match[1]), expiresAt } : null;
    },
  };
}

/** One cookie's value from a Cookie header (RFC 6265: `name=value` pairs joined by "; "). */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const pair of (header ?? '').split(';')) {
    const at = pair.indexOf('=');
    if (at > 0 && pair.slice(0, at).trim() === name) return pair.slice(at + 1).trim();
  }
  return undefined;
}

/** The Set-Cookie header of a session: script cannot read it, other sites cannot send it. */
export function sessionCookie(value: string, expiresAt: Date, secure: boolean): string {
  const maxAge = Math.max(0, Math.floor((expiresAt.getTime() - Date.now()) / 1000));
  const attributes = [`Path=${DASHBOARD_PATH}`, `Max-Age=${maxAge}`, 'HttpOnly', 'SameSite=Strict'];
  return [`${DASHBOARD_COOKIE}=${value}`, ...attributes, ...(secure ? ['Secure'] : [])].join('; ');
}
