import type { Db } from '../db/client.ts';
import {
  type FigurePeriod,
  NO_FIGURES,
  type PeriodFigures,
  periodFigures,
} from './period-figures.ts';

/** How the reports of a district did over a period; the same figures as an office's. */
export interface DistrictStats extends PeriodFigures {
  /** Null for reports placed in no district (a typed address, a point outside the city). */
  districtId: number | null;
  districtCode: string | null;
  districtName: string | null;
}

/**
 * District statistics: every district (nothing in the period shows as zeros), then the
 * reports with no district when there are any. With `officeId`, one office's reports only.
 */
export async function districtStats(db: Db, period: FigurePeriod): Promise<DistrictStats[]> {
  const districts = await db.district.findMany({
    select: { id: true, code: true, name: true },
    orderBy: { name: 'asc' },
  });
  const figures = await periodFigures(db, 'district_id', period);
  const rows: DistrictStats[] = districts.map((district) => ({
    districtId: district.id,
    districtCode: district.code,
    districtName: district.name,
    ...(figures.get(district.id) ?? NO_FIGURES),
  }));
  const placeless = figures.get(null);
  if (placeless) {
    rows.push({ districtId: null, districtCode: null, districtName: null, ...placeless });
  }
  return rows;
}
