import {
  type AreaGeometry,
  areaGeometrySchema,
  boundingBoxOf,
  type GeoPoint,
} from '../../core/geo/geometry.ts';
import { geometryContains } from '../../core/geo/point-in-polygon.ts';

/** A district's boundary, read from the District table. */
export interface DistrictShape {
  id: number;
  code: string;
  geometry: AreaGeometry;
}

/** Parses stored boundaries; throws on one that is not a GeoJSON Polygon or MultiPolygon. */
export function districtShapes(
  rows: ReadonlyArray<{ id: number; code: string; boundary: unknown }>,
): DistrictShape[] {
  return rows.map((row) => ({
    id: row.id,
    code: row.code,
    geometry: areaGeometrySchema.parse(row.boundary),
  }));
}

/** The codes of every district whose boundary holds the point (edges count as inside). */
export function districtsContaining(point: GeoPoint, all: readonly DistrictShape[]): string[] {
  return all.filter((shape) => geometryContains(shape.geometry, point)).map((s) => s.code);
}

const MAX_TRIES = 1_000;

/**
 * A point inside `district` and inside no other district (so never on a shared edge), with the
 * six decimals a phone sends; the same seed gives the same point.
 */
export function pointInside(
  district: DistrictShape,
  all: readonly DistrictShape[],
  seed: number,
): GeoPoint {
  const box = boundingBoxOf(district.geometry);
  const random = mulberry32(seed);
  for (let attempt = 0; attempt < MAX_TRIES; attempt += 1) {
    const point = {
      latitude: round6(box.minLatitude + random() * (box.maxLatitude - box.minLatitude)),
      longitude: round6(box.minLongitude + random() * (box.maxLongitude - box.minLongitude)),
    };
    const holders = districtsContaining(point, all);
    if (holders.length === 1 && holders[0] === district.code) return point;
  }
  throw new Error(`No point found inside district "${district.code}" in ${MAX_TRIES} tries`);
}

function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/** A small seeded generator of numbers in [0, 1): reproducible points, no dependency. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
}
