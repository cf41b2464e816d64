import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCsvWithHeader } from '../../core/classification/history/csv.ts';

/**
 * Real appeals from St Petersburg's city portal, read from the shared data folder next to the
 * repository (`<repo>/../shared/data`). They are never copied into the project, so whatever
 * reads them must cope with their absence.
 */

const REPOSITORY = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const SHARED_DATA_DIR = resolve(REPOSITORY, '../shared/data');
export const SPB_APPEALS_CSV = join(SHARED_DATA_DIR, 'appeals', 'spb_appeals.csv');

/** One appeal as the portal kept it; only what a replay needs. */
export interface Appeal {
  id: string;
  text: string;
  /** The portal's own category (one of 15), not ours. */
  portalCategory: string;
  /** How many photos the resident attached on the portal. */
  photos: number;
}

/** Why the appeals cannot be read here, or undefined when they can. */
export function appealsMissingReason(): string | undefined {
  if (existsSync(SPB_APPEALS_CSV)) return undefined;
  return (
    `../shared/data is absent (no ${SPB_APPEALS_CSV}): the real appeals live next to the ` +
    'repository, never in it'
  );
}

/** Every appeal in the file, in file order. */
export function readAppeals(path = SPB_APPEALS_CSV): Appeal[] {
  return parseCsvWithHeader(readFileSync(path, 'utf8')).map((row) => ({
    id: row.id ?? '',
    text: row.text ?? '',
    portalCategory: row.category ?? '',
    photos: Number.parseInt(row.n_photos ?? '', 10) || 0,
  }));
}

/** `count` appeals spread evenly over the whole file (two years of dates), the same each run. */
export function sampleAppeals(all: readonly Appeal[], count: number): Appeal[] {
  const taken = Math.min(count, all.length);
  const step = all.length / Math.max(taken, 1);
  return Array.from({ length: taken }, (_, i) => all[Math.floor(i * step)]).filter(
    (appeal): appeal is Appeal => appeal !== undefined,
  );
}

/**
 * Which of our categories a resident would most likely pick for a portal category, when they
 * look through the full list. A judgement made for the replay, not a rule of the product.
 */
const OUR_CATEGORY_FOR_PORTAL: Readonly<Record<string, string>> = {
  Благоустройство: 'yards',
  'Содержание МКД': 'other',
  'Нарушение правил пользования общим имуществом': 'other',
  'Нарушение порядка пользования общим имуществом': 'other',
  'Незаконная информационная и (или) рекламная конструкция': 'illegal_trade',
  'Состояние рекламных или информационных конструкций': 'illegal_trade',
  'Незаконная реализация товаров с торгового оборудования (прилавок, ящик, с земли)':
    'illegal_trade',
  Фасад: 'unsafe_buildings',
  Кровля: 'unsafe_buildings',
  Подвалы: 'unsafe_buildings',
  'Повреждения или неисправность элементов уличной инфраструктуры': 'roads',
  Водоснабжение: 'water',
  Водоотведение: 'water',
  'Центральное отопление': 'heating',
  'Санитарное состояние': 'rubbish',
};

/** Our category code closest to an appeal's portal category; "other" when none is. */
export function ourCategoryFor(appeal: Appeal): string {
  return OUR_CATEGORY_FOR_PORTAL[appeal.portalCategory] ?? 'other';
}
