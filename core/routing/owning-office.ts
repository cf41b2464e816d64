import type { Db } from '../db/client.ts';

/** Raised when the city data names no dispatcher: nothing could place an unplaced report. */
export class NoDispatcherError extends Error {
  override name = 'NoDispatcherError';
  readonly code = 'no_dispatcher';
  constructor() {
    super('No office of kind "dispatcher" is seeded; add one to seed/offices.json');
  }
}

export interface OwningOffice {
  id: number;
  code: string;
  name: string;
  /** How the office was found, for the report's history. */
  rule: 'district' | 'city' | 'dispatcher';
}

/**
 * The office that owns a category in a district: a route for that district wins over the
 * city-wide one. A report without a district (a typed address) goes to the dispatcher, who
 * places it by hand, and so does a category nobody owns.
 */
export async function findOwningOffice(
  db: Db,
  categoryId: number,
  districtId: number | null,
): Promise<OwningOffice> {
  if (districtId !== null) {
    const routes = await db.categoryRoute.findMany({
      where: { categoryId, OR: [{ districtId }, { districtId: null }] },
      select: { districtId: true, office: { select: { id: true, code: true, name: true } } },
    });
    const local = routes.find((route) => route.districtId === districtId);
    if (local) return { ...local.office, rule: 'district' };
    const citywide = routes.find((route) => route.districtId === null);
    if (citywide) return { ...citywide.office, rule: 'city' };
  }
  const dispatcher = await db.office.findFirst({
    where: { kind: 'dispatcher' },
    orderBy: { id: 'asc' },
    select: { id: true, code: true, name: true },
  });
  if (!dispatcher) throw new NoDispatcherError();
  return { ...dispatcher, rule: 'dispatcher' };
}
