import { describe, expect, it } from 'vitest';
import { haversineMetres } from '../../core/geo/distance.ts';
import type { AreaGeometry } from '../../core/geo/geometry.ts';
import { areaGeometrySchema, boundingBoxOf } from '../../core/geo/geometry.ts';
import { geometryContains, placeInRing } from '../../core/geo/point-in-polygon.ts';

const at = (longitude: number, latitude: number) => ({ latitude, longitude });

// A 10 x 10 square with a 2 x 2 hole in the middle.
const squareWithHole: AreaGeometry = {
  type: 'Polygon',
  coordinates: [
    [
      [0, 0],
      [10, 0],
      [10, 10],
      [0, 10],
      [0, 0],
    ],
    [
      [4, 4],
      [4, 6],
      [6, 6],
      [6, 4],
      [4, 4],
    ],
  ],
};

const twoIslands: AreaGeometry = {
  type: 'MultiPolygon',
  coordinates: [
    [
      [
        [0, 0],
        [1, 0],
        [1, 1],
        [0, 1],
        [0, 0],
      ],
    ],
    [
      [
        [5, 5],
        [7, 5],
        [6, 7],
        [5, 5],
      ],
    ],
  ],
};

describe('when a point is tested against a polygon', () => {
  it('finds points inside the outline and away from the hole', () => {
    expect(geometryContains(squareWithHole, at(1, 1))).toBe(true);
    expect(geometryContains(squareWithHole, at(9.5, 5))).toBe(true);
  });

  it('leaves out points outside the outline', () => {
    expect(geometryContains(squareWithHole, at(-1, 5))).toBe(false);
    expect(geometryContains(squareWithHole, at(11, 11))).toBe(false);
  });

  it('leaves out points inside a hole', () => {
    expect(geometryContains(squareWithHole, at(5, 5))).toBe(false);
  });

  it('counts points on the outline or on a hole edge as inside', () => {
    expect(geometryContains(squareWithHole, at(0, 5))).toBe(true);
    expect(geometryContains(squareWithHole, at(10, 10))).toBe(true);
    expect(geometryContains(squareWithHole, at(4, 5))).toBe(true);
    expect(placeInRing(squareWithHole.coordinates[0] ?? [], at(5, 0))).toBe('boundary');
  });

  it('is not fooled by a ray that passes through a vertex', () => {
    const diamond: AreaGeometry = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 5],
          [5, 0],
          [10, 5],
          [5, 10],
          [0, 5],
        ],
      ],
    };
    expect(geometryContains(diamond, at(5, 5))).toBe(true);
    expect(geometryContains(diamond, at(-1, 5))).toBe(false);
    expect(geometryContains(diamond, at(11, 5))).toBe(false);
  });
});

describe('when a point is tested against a MultiPolygon', () => {
  it('finds points in any of its polygons', () => {
    expect(geometryContains(twoIslands, at(0.5, 0.5))).toBe(true);
    expect(geometryContains(twoIslands, at(6, 6))).toBe(true);
  });

  it('leaves out points between them', () => {
    expect(geometryContains(twoIslands, at(3, 3))).toBe(false);
  });

  it('has a bounding box around all of them', () => {
    expect(boundingBoxOf(twoIslands)).toEqual({
      minLongitude: 0,
      minLatitude: 0,
      maxLongitude: 7,
      maxLatitude: 7,
    });
  });
});

describe('when a boundary is validated', () => {
  it('accepts a Polygon and a MultiPolygon', () => {
    expect(areaGeometrySchema.safeParse(squareWithHole).success).toBe(true);
    expect(areaGeometrySchema.safeParse(twoIslands).success).toBe(true);
  });

  it.each([
    ['a point', { type: 'Point', coordinates: [129.7, 62] }],
    [
      'an open ring',
      {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 0],
            [1, 1],
            [0, 1],
          ],
        ],
      },
    ],
    [
      'a ring of three positions',
      {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 1],
            [0, 0],
          ],
        ],
      },
    ],
    [
      'a latitude past the pole',
      {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 95],
            [1, 1],
            [0, 0],
          ],
        ],
      },
    ],
    ['a text', 'POLYGON((0 0, 1 0, 1 1, 0 0))'],
    ['an empty MultiPolygon', { type: 'MultiPolygon', coordinates: [] }],
  ])('refuses %s', (_name, geometry) => {
    expect(areaGeometrySchema.safeParse(geometry).success).toBe(false);
  });
});

describe('when a distance is measured', () => {
  it('is zero from a point to itself', () => {
    expect(haversineMetres(at(129.732, 62.027), at(129.732, 62.027))).toBe(0);
  });

  it('gives about 111.2 km for one degree of latitude', () => {
    expect(haversineMetres(at(129.7, 62), at(129.7, 63))).toBeCloseTo(111_195, 0);
  });

  it('gives a quarter of the circumference from the equator to the pole', () => {
    expect(haversineMetres(at(0, 0), at(0, 90))).toBeCloseTo((Math.PI * 6_371_008.8) / 2, 0);
  });

  it('is the same both ways and shrinks with the cosine of latitude across meridians', () => {
    const yakutsk = at(129.732, 62.027);
    const moscow = at(37.6173, 55.7558);
    expect(haversineMetres(yakutsk, moscow)).toBeCloseTo(haversineMetres(moscow, yakutsk), 6);
    const eastward = haversineMetres(at(129.7, 62), at(129.8, 62));
    expect(eastward).toBeGreaterThan(5_200);
    expect(eastward).toBeLessThan(5_230);
  });
});
