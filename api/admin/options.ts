import type { DeadlineCalendar } from '../../core/calendar/deadline-calendar.ts';
import type { PrismaClient } from '../../core/db/client.ts';
import type { KnowledgeBase } from '../../core/helpdesk/knowledge-base.ts';
import type { MediaStore } from '../../core/media/media-store.ts';

/** What the admin API needs from the service. */
export interface AdminApiOptions {
  prisma: PrismaClient;
  calendar: DeadlineCalendar;
  media?: MediaStore;
  /** Called after an action queued jobs in the outbox (the relay hands them to BullMQ). */
  onJobsQueued?: () => void;
  /** Requests a token (or an address, before authentication) may make per minute. */
  requestsPerMinute?: number;
  /** The production calendar's folder, read and written by /calendar; default seed/calendar. */
  calendarDir?: string;
  /** The bots' knowledge base, told when articles change so its search rebuilds. */
  knowledge?: KnowledgeBase;
}
