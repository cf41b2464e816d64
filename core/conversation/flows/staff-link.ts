import type { StaffRole } from '../../../generated/prisma/enums.ts';
import {
  issueLinkCode,
  LINK_CODE_TTL_MS,
  OFFICE_ROLES,
  redeemLinkCode,
  STAFF_ROLES,
  whyMayNotIssue,
} from '../../staff/link-codes.ts';
import type { FlowContext, FlowResult } from '../context.ts';

/**
 * Linking a chat to an office: `/link CODE` (or the bot link `t.me/<bot>?start=link-CODE`),
 * and `/code` for those who may issue codes: admins any, heads for their own office.
 */
export async function linkChat(ctx: FlowContext, typed: string): Promise<FlowResult> {
  const { t, incoming, services } = ctx;
  const code = typed.trim();
  if (code === '') return reply(ctx, t('link-usage'));

  const outcome = await redeemLinkCode(
    services.db,
    code,
    { channel: incoming.channel, platformUserId: incoming.userId, chatId: incoming.chatId },
    services.now(),
  );
  if (!outcome.ok) return reply(ctx, t(`link-${outcome.reason}`));
  const role = t(`staff-role-${outcome.official.role}`);
  const text = outcome.officeName
    ? t('link-done-office', { role, office: outcome.officeName })
    : t('link-done', { role });
  return reply(ctx, `${text}\n\n${t('staff-help')}`);
}

const ROLES = STAFF_ROLES;

/**
 * `/code [office-code] [role]`: a head gets an official's code for their office; an admin
 * names the office (for officials and heads) and the role. Without arguments an admin sees
 * how to call it and the offices' codes.
 */
export async function issueCode(ctx: FlowContext, args: string): Promise<FlowResult> {
  const { t, official, services } = ctx;
  if (!official || (official.role !== 'admin' && official.role !== 'head')) {
    return reply(ctx, t('code-not-allowed'));
  }
  const words = args.split(/\s+/).filter(Boolean);
  const role = (words.find((word) => (ROLES as string[]).includes(word)) ??
    'official') as StaffRole;
  const officeCode = words.find((word) => !(ROLES as string[]).includes(word));

  let officeId: number | null = null;
  let officeName = '';
  if (official.role === 'head') {
    officeId = official.officeId;
  } else if (OFFICE_ROLES.includes(role)) {
    if (!officeCode) return reply(ctx, await officeList(ctx));
    const office = await services.db.office.findUnique({
      where: { code: officeCode },
      select: { id: true, name: true },
    });
    if (!office) return reply(ctx, `${t('code-unknown-office')}\n\n${await officeList(ctx)}`);
    officeId = office.id;
    officeName = office.name;
  }
  const request = { role, officeId, issuedById: official.id };
  const refusal = whyMayNotIssue(official, request);
  if (refusal) return reply(ctx, t(`code-refused-${refusal.replaceAll('_', '-')}`));

  if (official.role === 'head' && officeId !== null) {
    const office = await services.db.office.findUnique({ where: { id: officeId } });
    officeName = office?.name ?? '';
  }
  const issued = await issueLinkCode(services.db, request, services.now());
  const hours = LINK_CODE_TTL_MS / 3_600_000;
  const roleName = t(`staff-role-${role}`);
  const text = officeName
    ? t('code-issued-office', { code: issued.code, role: roleName, office: officeName, hours })
    : t('code-issued', { code: issued.code, role: roleName, hours });
  return reply(ctx, text);
}

async function officeList(ctx: FlowContext): Promise<string> {
  const offices = await ctx.services.db.office.findMany({
    select: { code: true, name: true },
    orderBy: { code: 'asc' },
  });
  const lines = offices.map((office) => `${office.code} — ${office.name}`);
  return [ctx.t('code-usage'), ...lines].join('\n');
}

function reply(ctx: FlowContext, text: string): FlowResult {
  return { state: ctx.state, messages: [{ text }] };
}
