import type { PrismaClient } from '../db/client.ts';
import type { DistrictLocator } from './district-locator.ts';
import { createDistrictLocator } from './district-locator.ts';

/**
 * Builds a DistrictLocator from the District table. Districts are taken in id order, so a point
 * on a shared edge always goes to the district seeded first. Call it again after the districts
 * change; the locator itself holds no connection.
 */
export async function loadDistrictLocator(
  prisma: Pick<PrismaClient, 'district'>,
): Promise<DistrictLocator> {
  const districts = await prisma.district.findMany({
    select: { id: true, code: true, name: true, boundary: true },
    orderBy: { id: 'asc' },
  });
  return createDistrictLocator(districts);
}
