import type { PrismaClient } from '../db/client.ts';
import { markUnreachable } from '../delivery/deliver.ts';
import type { Senders, SendOutcome } from '../delivery/senders.ts';
import type { BroadcastMessages } from './messages.ts';
import {
  type ClaimedRecipient,
  claimRecipient,
  finishIfComplete,
  giveUpAbandoned,
  type RecipientKey,
  recipientState,
  reclaimAbandoned,
  releaseRecipient,
  type SettledStatus,
  settleRecipient,
} from './recipients.ts';
import { RateLimitedError, SendOutcomeUnknownError, SendRefusedError } from './send-errors.ts';

export type BroadcastSendOutcome = SettledStatus | 'skipped';

export interface SendContext {
  prisma: PrismaClient;
  /** Senders that throw the errors of send-errors.ts rather than wait out a rate limit. */
  senders: Senders;
  messages: BroadcastMessages;
}

/** Names a recipient's send; VK derives its random_id from it and drops a repeat. */
export function broadcastSendKey(key: RecipientKey): string {
  return `broadcast:${key.broadcastId}:${key.residentId}`;
}

/**
 * Sends a broadcast to one recipient, at most once on a platform without idempotent sends.
 * The row is claimed (pending → sending) before the platform is called and settled after.
 * A row a dead worker left "sending" is sent again where the platform drops repeats (VK) and
 * given up as "uncertain" elsewhere (Telegram). A rate limit hands the row back and is thrown
 * for the queue to pause; any other failure is retried until `last`, then recorded as failed.
 */
export async function sendToRecipient(
  ctx: SendContext,
  key: RecipientKey,
  attempt: { last: boolean },
): Promise<BroadcastSendOutcome> {
  const claimed = await claim(ctx, key);
  if (typeof claimed === 'string') {
    if (claimed === 'uncertain') await finishIfComplete(ctx.prisma, key.broadcastId);
    return claimed;
  }

  const sender = ctx.senders[claimed.channel];
  if (!sender) {
    await releaseRecipient(ctx.prisma, key, 'no sender', { countAttempt: false });
    throw new Error(`No broadcast sender for ${claimed.channel}: set its token on the worker`);
  }
  let outcome: SendOutcome;
  try {
    const message = await ctx.messages.get(key.broadcastId, claimed.locale);
    outcome = await sender.send(claimed.chatId, [message], { key: broadcastSendKey(key) });
  } catch (err) {
    return afterFailure(ctx, key, err, attempt.last);
  }

  if (outcome.delivered) {
    await settleRecipient(ctx.prisma, key, 'sent');
  } else {
    const { unreachable } = outcome;
    await ctx.prisma.$transaction(async (db) => {
      // Later broadcasts skip the resident: publishing leaves out the unreachable.
      if (await settleRecipient(db, key, 'unreachable', unreachable)) {
        await markUnreachable(db, claimed.channel, claimed.chatId);
      }
    });
  }
  await finishIfComplete(ctx.prisma, key.broadcastId);
  return outcome.delivered ? 'sent' : 'unreachable';
}

/** The recipient, claimed for this job; or why there is nothing to send. */
async function claim(
  ctx: SendContext,
  key: RecipientKey,
): Promise<ClaimedRecipient | BroadcastSendOutcome> {
  const claimed = await claimRecipient(ctx.prisma, key);
  if (claimed) return claimed;

  // Sent already, cancelled, or left mid-send by a worker that died.
  const state = await recipientState(ctx.prisma, key);
  if (state?.status !== 'sending') return 'skipped';
  if (state.broadcastSending && ctx.senders[state.channel]?.idempotent) {
    const again = await reclaimAbandoned(ctx.prisma, key);
    if (again) return again;
  }
  return (await giveUpAbandoned(ctx.prisma, key)) ? 'uncertain' : 'skipped';
}

async function afterFailure(
  ctx: SendContext,
  key: RecipientKey,
  err: unknown,
  last: boolean,
): Promise<BroadcastSendOutcome> {
  const reason = err instanceof Error ? err.message : String(err);
  if (err instanceof RateLimitedError) {
    await releaseRecipient(ctx.prisma, key, reason, { countAttempt: false });
    throw err;
  }
  const settled: SettledStatus | undefined =
    err instanceof SendOutcomeUnknownError
      ? 'uncertain'
      : err instanceof SendRefusedError || last
        ? 'failed'
        : undefined;
  if (settled === undefined) {
    await releaseRecipient(ctx.prisma, key, reason, { countAttempt: true });
    throw err;
  }
  await settleRecipient(ctx.prisma, key, settled, reason);
  await finishIfComplete(ctx.prisma, key.broadcastId);
  return settled;
}
