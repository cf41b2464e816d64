import type { PrismaClient } from '../../core/db/client.ts';
import type { DistrictLocator } from '../../core/geo/district-locator.ts';

/** What the Open311 API needs from the service. */
export interface Open311Options {
  prisma: PrismaClient;
  /** The same locator the dialogue uses: a point outside every district is refused. */
  districts: DistrictLocator;
  /** Called after a filed request queued its routing in the outbox. */
  onJobsQueued?: () => void;
  /** Requests an address may make per minute. */
  requestsPerMinute?: number;
  /** The clock of the default date window; tests pass their own. */
  now?: () => Date;
}
