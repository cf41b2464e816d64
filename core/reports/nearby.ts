import type { Db } from '../db/client.ts';
import { EARTH_RADIUS_METRES, haversineMetres } from '../geo/distance.ts';
import type { BoundingBox, GeoPoint } from '../geo/geometry.ts';
import { OPEN_STATUSES } from './lifecycle.ts';

/** How close an open report of the same category must be to count as the same problem. */
export const NEARBY_METRES = 50;

/** An open report near a new one, as the resident is offered to join it. */
export interface NearbyReport {
  id: number;
  number: number;
  description: string;
  distanceMetres: number;
}

/**
 * The nearest open report of a category within NEARBY_METRES of a point, or null. Reports
 * without coordinates (a typed address) never count: their place is not known well enough.
 * `excludeResidentId` leaves out that resident's own reports.
 */
export async function findNearbyOpenReport(
  db: Db,
  query: { categoryCode: string; point: GeoPoint; excludeResidentId?: number },
): Promise<NearbyReport | null> {
  const box = boxAround(query.point, NEARBY_METRES);
  // The box lets the database skip most rows; the exact distance is measured below.
  const candidates = await db.report.findMany({
    where: {
      status: { in: [...OPEN_STATUSES] },
      category: { code: query.categoryCode },
      latitude: { gte: box.minLatitude, lte: box.maxLatitude },
      longitude: { gte: box.minLongitude, lte: box.maxLongitude },
      ...(query.excludeResidentId === undefined
        ? {}
        : { residentId: { not: query.excludeResidentId } }),
    },
    select: { id: true, number: true, description: true, latitude: true, longitude: true },
  });

  let nearest: NearbyReport | null = null;
  for (const candidate of candidates) {
    if (candidate.latitude === null || candidate.longitude === null) continue;
    const distanceMetres = haversineMetres(query.point, {
      latitude: candidate.latitude,
      longitude: candidate.longitude,
    });
    if (distanceMetres > NEARBY_METRES) continue;
    if (nearest && nearest.distanceMetres <= distanceMetres) continue;
    const { id, number, description } = candidate;
    nearest = { id, number, description, distanceMetres };
  }
  return nearest;
}

/** The id of an open report by its number, or null when it is unknown or finished. */
export async function findOpenReportId(db: Db, number: number): Promise<number | null> {
  const report = await db.report.findFirst({
    where: { number, status: { in: [...OPEN_STATUSES] } },
    select: { id: true },
  });
  return report?.id ?? null;
}

// LIMITATION: only the routing notice exists so far, and it goes to the filer; when officials'
// answers and status changes are sent (the rest of the routing issue), they must go to every
// subscriber too.
/** Makes the resident follow a report; subscribing twice changes nothing. */
export async function subscribeToReport(
  db: Db,
  reportId: number,
  residentId: number,
): Promise<void> {
  // ON CONFLICT DO NOTHING: a unique violation would abort the update's transaction.
  await db.reportSubscription.createMany({
    data: [{ reportId, residentId }],
    skipDuplicates: true,
  });
}

/**
 * A box that holds every point within `metres` of `centre`.
 * LIMITATION: a box across the 180th meridian or over a pole is wrong; no city we serve is
 * there, and splitting the box in two would lift it.
 */
function boxAround(centre: GeoPoint, metres: number): BoundingBox {
  const latitudeDelta = toDegrees(metres / EARTH_RADIUS_METRES);
  const minLatitude = centre.latitude - latitudeDelta;
  const maxLatitude = centre.latitude + latitudeDelta;
  // A degree of longitude is shortest at the box's poleward edge, so that edge sizes the box;
  // the floor keeps it finite near a pole.
  const poleward = Math.max(Math.abs(minLatitude), Math.abs(maxLatitude));
  const cosine = Math.max(Math.cos(toRadians(poleward)), 0.01);
  const longitudeDelta = latitudeDelta / cosine;
  return {
    minLatitude,
    maxLatitude,
    minLongitude: centre.longitude - longitudeDelta,
    maxLongitude: centre.longitude + longitudeDelta,
  };
}

const toDegrees = (radians: number): number => (radians * 180) / Math.PI;
const toRadians = (degrees: number): number => (degrees * Math.PI) / 180;
