import type { DeadlineCalendar } from '../calendar/deadline-calendar.ts';
import type { Db } from '../db/client.ts';
import type { KnowledgeBase } from '../helpdesk/knowledge-base.ts';
import type { Locale, Translate } from '../i18n/index.ts';
import type { Resident } from '../residents/residents.ts';
import type { Official } from '../staff/officials.ts';
import type { DialogState } from './state.ts';
import type { GeoPoint, Incoming, Outgoing } from './types.ts';

/** Finds the district a point lies in; null outside the city. */
export interface DistrictFinder {
  locate(point: GeoPoint): { id: number; name: string } | null;
}

/** Suggests categories for a description, best first, scores in [0, 1]. */
export interface CategorySuggester {
  suggest(text: string, limit?: number): Array<{ category: string; score: number }>;
}

export interface CategoryInfo {
  code: string;
  name: string;
  urgent: boolean;
  /** Months (1-12) it is urgent in; empty: all year. */
  urgentMonths: number[];
}

/** The categories residents choose from, in the order they are shown. */
export interface CategoryCatalog {
  list(): CategoryInfo[];
  find(code: string): CategoryInfo | undefined;
}

/** What flows may use; `db` is the transaction the whole update is handled in. */
export interface Services {
  db: Db;
  districts: DistrictFinder;
  suggester: CategorySuggester;
  categories: CategoryCatalog;
  /** Working days for deadlines set when staff or residents act on a report. */
  calendar: DeadlineCalendar;
  /** The help desk's articles and their search. */
  knowledge: KnowledgeBase;
  now(): Date;
}

export interface FlowContext {
  incoming: Incoming;
  state: DialogState;
  /** The dialogue's revision, stamped on flow buttons so stale ones can be told apart. */
  revision: number;
  locale: Locale;
  t: Translate;
  /** Null until the person consents to the processing of personal data. */
  resident: Resident | null;
  /** Set when the person is a member of staff linked to an office (or city-wide). */
  official: Official | null;
  services: Services;
}

export interface FlowResult {
  state: DialogState;
  messages: Outgoing[];
  buttonNotice?: string;
  /** The flow queued jobs in the outbox; they are relayed as soon as the update commits. */
  jobsQueued?: boolean;
}
