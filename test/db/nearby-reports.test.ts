import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GeoPoint } from '../../core/geo/geometry.ts';
import { findNearbyOpenReport, subscribeToReport } from '../../core/reports/nearby.ts';
import { createReport } from '../../core/reports/reports.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

let db: TestDatabase;
let author: number;
let neighbour: number;

beforeAll(async () => {
  db = await createTestDatabase();
  author = await newResident('author');
  neighbour = await newResident('neighbour');
});
afterAll(() => db.drop());

async function newResident(name: string): Promise<number> {
  const resident = await db.prisma.resident.create({
    data: {
      channel: 'console',
      platformUserId: name,
      chatId: name,
      consentAt: new Date(),
      consentVersion: 'test',
    },
  });
  return resident.id;
}

/** Metres to degrees on the mean sphere, for placing reports at known distances. */
const DEGREE_METRES = 111_195;
const shifted = (point: GeoPoint, northMetres: number, eastMetres = 0): GeoPoint => ({
  latitude: point.latitude + northMetres / DEGREE_METRES,
  longitude:
    point.longitude + eastMetres / (DEGREE_METRES * Math.cos((point.latitude * Math.PI) / 180)),
});

/** A place of its own for each test, kilometres from the others. */
let places = 0;
function freshPlace(): GeoPoint {
  places += 1;
  return { latitude: 62.0 + places * 0.02, longitude: 129.7 };
}

async function reportAt(
  point: GeoPoint | undefined,
  options: { categoryCode?: string; residentId?: number } = {},
): Promise<number> {
  const report = await createReport(db.prisma, {
    residentId: options.residentId ?? author,
    channel: 'console',
    categoryCode: options.categoryCode ?? 'roads',
    description: 'Яма на дороге',
    photos: [],
    ...(point ? { point } : {}),
  });
  return report.number;
}

const nearby = (point: GeoPoint, excludeResidentId?: number) =>
  findNearbyOpenReport(db.prisma, {
    categoryCode: 'roads',
    point,
    ...(excludeResidentId === undefined ? {} : { excludeResidentId }),
  });

describe('when looking for an open report near a point', () => {
  it('finds one 45 m north, with its distance', async () => {
    const place = freshPlace();
    const number = await reportAt(shifted(place, 45));
    const found = await nearby(place);
    expect(found?.number).toBe(number);
    expect(found?.distanceMetres).toBeCloseTo(45, 0);
  });

  it('finds one 45 m east, where a degree of longitude is only about 52 km', async () => {
    const place = freshPlace();
    const number = await reportAt(shifted(place, 0, 45));
    const found = await nearby(place);
    expect(found?.number).toBe(number);
    expect(found?.distanceMetres).toBeCloseTo(45, 0);
  });

  it('finds none 55 m away, north or east', async () => {
    const place = freshPlace();
    await reportAt(shifted(place, 55));
    await reportAt(shifted(place, 0, 55));
    expect(await nearby(place)).toBeNull();
  });

  it('finds none just inside the box but beyond 50 m along the diagonal', async () => {
    const place = freshPlace();
    // 40 m north and 40 m east: about 57 m away, inside a 50 m box around the point.
    await reportAt(shifted(place, 40, 40));
    expect(await nearby(place)).toBeNull();
  });

  it('picks the nearest of several', async () => {
    const place = freshPlace();
    await reportAt(shifted(place, 40));
    const nearest = await reportAt(shifted(place, -15));
    await reportAt(shifted(place, 0, 30));
    expect((await nearby(place))?.number).toBe(nearest);
  });

  it('ignores another category, a finished report and a report without coordinates', async () => {
    const place = freshPlace();
    await reportAt(place, { categoryCode: 'lighting' });
    const closed = await reportAt(place);
    await db.prisma.report.update({ where: { number: closed }, data: { status: 'closed' } });
    await reportAt(undefined);
    expect(await nearby(place)).toBeNull();
  });

  it("leaves out the excluded resident's own reports", async () => {
    const place = freshPlace();
    await reportAt(place, { residentId: neighbour });
    expect(await nearby(place, neighbour)).toBeNull();
    expect(await nearby(place, author)).not.toBeNull();
  });
});

describe('when a resident subscribes to a report', () => {
  it('keeps one subscription however often they subscribe', async () => {
    const number = await reportAt(freshPlace());
    const { id } = await db.prisma.report.findUniqueOrThrow({ where: { number } });
    await subscribeToReport(db.prisma, id, neighbour);
    await subscribeToReport(db.prisma, id, neighbour);
    expect(await db.prisma.reportSubscription.count({ where: { reportId: id } })).toBe(1);
  });
});
