import type { AreaGeometry, BoundingBox, GeoPoint } from './geometry.ts';
import { areaGeometrySchema, boundingBoxOf, boxContains } from './geometry.ts';
import { geometryContains } from './point-in-polygon.ts';

/** A district as stored: its boundary is GeoJSON geometry JSON, not yet trusted. */
export interface DistrictArea {
  id: number;
  code: string;
  name: string;
  boundary: unknown;
}

/** The district a point was found in. */
export interface LocatedDistrict {
  id: number;
  code: string;
  name: string;
}

/** Finds the district a point lies in. */
export interface DistrictLocator {
  /**
   * The district containing the point, or null outside every district. A point on an edge
   * shared by two districts goes to the one that came first in the list the locator was built
   * from (the loader orders by id), so the answer is stable.
   */
  locate(point: GeoPoint): LocatedDistrict | null;
  /** Whether the point lies in any district. */
  isInCity(point: GeoPoint): boolean;
}

/** Raised when a district's boundary is not a valid GeoJSON Polygon or MultiPolygon. */
export class InvalidBoundaryError extends Error {
  override name = 'InvalidBoundaryError';
  readonly code = 'invalid_boundary';
}

interface PreparedDistrict {
  district: LocatedDistrict;
  geometry: AreaGeometry;
  box: BoundingBox;
}

/** Validates every boundary (throws InvalidBoundaryError naming the district) and indexes them. */
export function createDistrictLocator(districts: readonly DistrictArea[]): DistrictLocator {
  const prepared = districts.map(prepareDistrict);
  const cityBox = prepared.map((entry) => entry.box).reduce(unionOf, EMPTY_BOX);

  const locate = (point: GeoPoint): LocatedDistrict | null => {
    if (!isValidPoint(point) || !boxContains(cityBox, point)) return null;
    const found = prepared.find(
      (entry) => boxContains(entry.box, point) && geometryContains(entry.geometry, point),
    );
    return found ? { ...found.district } : null;
  };

  return { locate, isInCity: (point) => locate(point) !== null };
}

function prepareDistrict(area: DistrictArea): PreparedDistrict {
  const parsed = areaGeometrySchema.safeParse(area.boundary);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
    throw new InvalidBoundaryError(
      `District "${area.code}" has an invalid boundary${where}: ${issue?.message ?? 'invalid'}. ` +
        'Store a GeoJSON Polygon or MultiPolygon in WGS 84.',
      { cause: parsed.error },
    );
  }
  return {
    district: { id: area.id, code: area.code, name: area.name },
    geometry: parsed.data,
    box: boundingBoxOf(parsed.data),
  };
}

function isValidPoint(point: GeoPoint): boolean {
  return Number.isFinite(point.latitude) && Number.isFinite(point.longitude);
}

const EMPTY_BOX: BoundingBox = {
  minLongitude: Number.POSITIVE_INFINITY,
  minLatitude: Number.POSITIVE_INFINITY,
  maxLongitude: Number.NEGATIVE_INFINITY,
  maxLatitude: Number.NEGATIVE_INFINITY,
};

function unionOf(a: BoundingBox, b: BoundingBox): BoundingBox {
  return {
    minLongitude: Math.min(a.minLongitude, b.minLongitude),
    minLatitude: Math.min(a.minLatitude, b.minLatitude),
    maxLongitude: Math.max(a.maxLongitude, b.maxLongitude),
    maxLatitude: Math.max(a.maxLatitude, b.maxLatitude),
  };
}
