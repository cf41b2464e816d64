import type { AreaGeometry, GeoPoint, Position, Ring } from './geometry.ts';
import { polygonsOf } from './geometry.ts';

/**
 * Point-in-polygon by ray casting, on longitude/latitude taken as plane coordinates (good at
 * city scale; edges are straight lines in degrees, not great-circle arcs).
 *
 * Edge behaviour: a point on an outline or on a hole's edge (within about a centimetre,
 * `BOUNDARY_TOLERANCE` degrees) counts as inside, so a polygon is a closed set and a point on an
 * edge shared by two districts lies in both; callers decide which one wins (see
 * DistrictLocator). A point strictly inside a hole is outside.
 *
 * LIMITATION: rings crossing the antimeridian or enclosing a pole are not handled; splitting
 * such rings at ±180° (as RFC 7946 asks) would lift it.
 */
export const BOUNDARY_TOLERANCE = 1e-7;

type RingPlace = 'inside' | 'outside' | 'boundary';

/** Whether a point lies in a Polygon or MultiPolygon, boundary included. */
export function geometryContains(geometry: AreaGeometry, point: GeoPoint): boolean {
  return polygonsOf(geometry).some((rings) => polygonContains(rings, point));
}

/** Whether a point lies in one polygon given as rings (outline first, then holes). */
export function polygonContains(rings: Ring[], point: GeoPoint): boolean {
  const [outline, ...holes] = rings;
  if (outline === undefined) return false;

  const place = placeInRing(outline, point);
  if (place === 'outside') return false;
  if (place === 'boundary') return true;
  return holes.every((hole) => placeInRing(hole, point) !== 'inside');
}

/** Where a point lies against one closed ring. */
export function placeInRing(ring: Ring, point: GeoPoint): RingPlace {
  const x = point.longitude;
  const y = point.latitude;
  let inside = false;

  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi = 0, yi = 0] = ring[i] ?? [];
    const [xj = 0, yj = 0] = ring[j] ?? [];
    if (onSegment(x, y, [xi, yi], [xj, yj])) return 'boundary';

    // Half-open rule on latitude: a vertex exactly at the ray's height is counted once.
    if (yi > y !== yj > y) {
      const crossingX = xi + ((y - yi) * (xj - xi)) / (yj - yi);
      if (x < crossingX) inside = !inside;
    }
  }
  return inside ? 'inside' : 'outside';
}

function onSegment(x: number, y: number, a: Position, b: Position): boolean {
  const [ax = 0, ay = 0] = a;
  const [bx = 0, by = 0] = b;
  const tolerance = BOUNDARY_TOLERANCE;
  const withinBox =
    x >= Math.min(ax, bx) - tolerance &&
    x <= Math.max(ax, bx) + tolerance &&
    y >= Math.min(ay, by) - tolerance &&
    y <= Math.max(ay, by) + tolerance;
  if (!withinBox) return false;

  const length = Math.hypot(bx - ax, by - ay);
  if (length === 0) return Math.hypot(x - ax, y - ay) <= tolerance;
  const cross = (bx - ax) * (y - ay) - (by - ay) * (x - ax);
  return Math.abs(cross) / length <= tolerance;
}
