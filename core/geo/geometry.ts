import { z } from 'zod';

/**
 * GeoJSON geometries the project stores as district boundaries (RFC 7946): a Polygon or a
 * MultiPolygon in WGS 84, positions as [longitude, latitude]. The first ring of a polygon is
 * its outline, any further rings are holes.
 */
const position = z
  .array(z.number().finite())
  .min(2, 'a position needs a longitude and a latitude')
  .max(3, 'a position holds at most longitude, latitude and altitude')
  .refine(([longitude = Number.NaN]) => longitude >= -180 && longitude <= 180, {
    message: 'longitude must lie in [-180, 180]',
  })
  .refine(([, latitude = Number.NaN]) => latitude >= -90 && latitude <= 90, {
    message: 'latitude must lie in [-90, 90]',
  });

const linearRing = z
  .array(position)
  .min(4, 'a ring needs at least four positions (the first repeated last)')
  .refine((ring) => samePosition(ring[0], ring[ring.length - 1]), {
    message: 'a ring must be closed: its last position repeats the first',
  });

const polygonRings = z.array(linearRing).min(1, 'a polygon needs an outline ring');

export const polygonSchema = z.object({
  type: z.literal('Polygon'),
  coordinates: polygonRings,
});

export const multiPolygonSchema = z.object({
  type: z.literal('MultiPolygon'),
  coordinates: z.array(polygonRings).min(1, 'a multipolygon needs at least one polygon'),
});

/** A district boundary: validate unknown JSON with `areaGeometrySchema.parse`. */
export const areaGeometrySchema = z.discriminatedUnion('type', [polygonSchema, multiPolygonSchema]);

/** [longitude, latitude] (an optional altitude is ignored). */
export type Position = number[];
export type Ring = Position[];
export type PolygonGeometry = z.infer<typeof polygonSchema>;
export type MultiPolygonGeometry = z.infer<typeof multiPolygonSchema>;
export type AreaGeometry = z.infer<typeof areaGeometrySchema>;

/** A point on the Earth as residents' devices send it. */
export interface GeoPoint {
  latitude: number;
  longitude: number;
}

/** The smallest longitude/latitude box around a geometry. */
export interface BoundingBox {
  minLongitude: number;
  minLatitude: number;
  maxLongitude: number;
  maxLatitude: number;
}

function samePosition(a: Position | undefined, b: Position | undefined): boolean {
  return a !== undefined && b !== undefined && a[0] === b[0] && a[1] === b[1];
}

/** The polygons of a geometry, each as its rings (outline first, then holes). */
export function polygonsOf(geometry: AreaGeometry): Ring[][] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

/** The bounding box of a geometry's outlines (holes lie inside them). */
export function boundingBoxOf(geometry: AreaGeometry): BoundingBox {
  const box: BoundingBox = {
    minLongitude: Number.POSITIVE_INFINITY,
    minLatitude: Number.POSITIVE_INFINITY,
    maxLongitude: Number.NEGATIVE_INFINITY,
    maxLatitude: Number.NEGATIVE_INFINITY,
  };
  for (const [outline = []] of polygonsOf(geometry)) {
    for (const [longitude = 0, latitude = 0] of outline) {
      box.minLongitude = Math.min(box.minLongitude, longitude);
      box.minLatitude = Math.min(box.minLatitude, latitude);
      box.maxLongitude = Math.max(box.maxLongitude, longitude);
      box.maxLatitude = Math.max(box.maxLatitude, latitude);
    }
  }
  return box;
}

/** Whether a point lies in a box, edges included. */
export function boxContains(box: BoundingBox, point: GeoPoint): boolean {
  return (
    point.longitude >= box.minLongitude &&
    point.longitude <= box.maxLongitude &&
    point.latitude >= box.minLatitude &&
    point.latitude <= box.maxLatitude
  );
}
