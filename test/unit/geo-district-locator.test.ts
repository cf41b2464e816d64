import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { DistrictArea } from '../../core/geo/district-locator.ts';
import { createDistrictLocator, InvalidBoundaryError } from '../../core/geo/district-locator.ts';
import type { Position } from '../../core/geo/geometry.ts';
import { areaGeometrySchema, polygonsOf } from '../../core/geo/geometry.ts';
import { geometryContains } from '../../core/geo/point-in-polygon.ts';

interface SeedFeature {
  properties: { code: string; name: string };
  geometry: unknown;
}

const seedFile = new URL('../../seed/districts.geojson', import.meta.url);
const features = (JSON.parse(readFileSync(seedFile, 'utf8')) as { features: SeedFeature[] })
  .features;
const okrugs: DistrictArea[] = features.map((feature, index) => ({
  id: index + 1,
  code: feature.properties.code,
  name: feature.properties.name,
  boundary: feature.geometry,
}));

// A point well inside each seeded okrug (the seed's approximate layout, see seed/README.md).
const pointInside: Record<string, { latitude: number; longitude: number }> = {
  avtodorozhny: { latitude: 62.005, longitude: 129.66 },
  gagarinsky: { latitude: 62.005, longitude: 129.73 },
  gubinsky: { latitude: 62.093, longitude: 129.771 },
  oktyabrsky: { latitude: 62.05, longitude: 129.75 },
  promyshlenny: { latitude: 62.08, longitude: 129.66 },
  saysarsky: { latitude: 62.035, longitude: 129.7 },
  stroitelny: { latitude: 61.975, longitude: 129.68 },
  tsentralny: { latitude: 62.027, longitude: 129.732 },
};

describe('when a resident sends a location in Yakutsk', () => {
  const locator = createDistrictLocator(okrugs);

  it.each(Object.entries(pointInside))('places a point in %s there', (code, point) => {
    expect(locator.locate(point)?.code).toBe(code);
    expect(locator.isInCity(point)).toBe(true);
  });

  it('seeds all eight okrugs', () => {
    expect(okrugs.map((okrug) => okrug.code).sort()).toEqual(Object.keys(pointInside).sort());
  });

  it('returns the district id, code and name', () => {
    const tsentralny = okrugs.find((okrug) => okrug.code === 'tsentralny');
    expect(locator.locate({ latitude: 62.027, longitude: 129.732 })).toEqual({
      id: tsentralny?.id,
      code: 'tsentralny',
      name: 'Центральный округ',
    });
  });
});

describe('when a location lies outside the city', () => {
  const locator = createDistrictLocator(okrugs);

  it.each([
    ['Moscow', { latitude: 55.7558, longitude: 37.6173 }],
    ['the middle of the Lena east of the city', { latitude: 62.03, longitude: 129.87 }],
    ['the taiga west of the city', { latitude: 62.03, longitude: 129.5 }],
    ['a point with no coordinates', { latitude: Number.NaN, longitude: Number.NaN }],
  ])('finds no district for %s', (_place, point) => {
    expect(locator.locate(point)).toBeNull();
    expect(locator.isInCity(point)).toBe(false);
  });
});

describe('when a location lies on an edge two okrugs share', () => {
  // The edge between Центральный (south) and Октябрьский (north) runs along 62.04 N.
  const onEdge = { latitude: 62.04, longitude: 129.75 };

  it('lies in both okrugs', () => {
    const both = okrugs.filter((okrug) =>
      geometryContains(areaGeometrySchema.parse(okrug.boundary), onEdge),
    );
    expect(both.map((okrug) => okrug.code).sort()).toEqual(['oktyabrsky', 'tsentralny']);
  });

  it('goes to the okrug listed first', () => {
    expect(createDistrictLocator(okrugs).locate(onEdge)?.code).toBe('oktyabrsky');
    expect(createDistrictLocator([...okrugs].reverse()).locate(onEdge)?.code).toBe('tsentralny');
  });
});

describe('when the seeded okrugs are put together', () => {
  // Each edge inside the city is shared by exactly two okrugs; the edges used once must form one
  // closed ring, the city's outline. Gaps or overlaps would break one of the two.
  const edgeUses = new Map<string, number>();
  for (const okrug of okrugs) {
    for (const [outline = []] of polygonsOf(areaGeometrySchema.parse(okrug.boundary))) {
      outline.slice(1).forEach((to, index) => {
        const key = edgeKey(outline[index] ?? [], to);
        edgeUses.set(key, (edgeUses.get(key) ?? 0) + 1);
      });
    }
  }

  it('uses no edge more than twice', () => {
    expect(Math.max(...edgeUses.values())).toBeLessThanOrEqual(2);
  });

  it('leaves exactly one outer ring', () => {
    const outer = [...edgeUses].filter(([, uses]) => uses === 1).map(([key]) => key.split('|'));
    const degree = new Map<string, number>();
    for (const ends of outer) for (const end of ends) degree.set(end, (degree.get(end) ?? 0) + 1);
    expect([...degree.values()].every((count) => count === 2)).toBe(true);
    expect(ringCount(outer)).toBe(1);
  });

  it('puts every point of a fine grid in at most one okrug', () => {
    const parsed = okrugs.map((okrug) => areaGeometrySchema.parse(okrug.boundary));
    for (let latitude = 61.9503; latitude < 62.11; latitude += 0.0021) {
      for (let longitude = 129.5907; longitude < 129.81; longitude += 0.0033) {
        const hits = parsed.filter((geometry) =>
          geometryContains(geometry, { latitude, longitude }),
        );
        expect(hits.length).toBeLessThanOrEqual(1);
      }
    }
  });
});

describe('when a boundary is not a valid geometry', () => {
  const broken = (boundary: unknown): DistrictArea[] => [
    ...okrugs,
    { id: 99, code: 'broken', name: 'Сломанный округ', boundary },
  ];

  it.each([
    ['a point', { type: 'Point', coordinates: [129.7, 62] }],
    [
      'an open ring',
      {
        type: 'Polygon',
        coordinates: [
          [
            [129.6, 62],
            [129.7, 62],
            [129.7, 62.1],
          ],
        ],
      },
    ],
    ['null', null],
  ])('refuses %s and names the district', (_name, boundary) => {
    expect(() => createDistrictLocator(broken(boundary))).toThrow(InvalidBoundaryError);
    expect(() => createDistrictLocator(broken(boundary))).toThrow(/"broken"/);
  });
});

function edgeKey(from: Position, to: Position): string {
  const [a, b] = [from.slice(0, 2).join(','), to.slice(0, 2).join(',')].sort();
  return `${a}|${b}`;
}

function ringCount(edges: string[][]): number {
  const unvisited = new Set(edges.map((edge) => edge.join('|')));
  let rings = 0;
  while (unvisited.size > 0) {
    rings += 1;
    const [first = ''] = unvisited;
    const frontier = first.split('|');
    unvisited.delete(first);
    while (frontier.length > 0) {
      const end = frontier.pop();
      for (const key of [...unvisited]) {
        const ends = key.split('|');
        if (!ends.includes(end ?? '')) continue;
        unvisited.delete(key);
        frontier.push(...ends.filter((other) => other !== end));
      }
    }
  }
  return rings;
}
