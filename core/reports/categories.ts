import type { CategoryCatalog, CategoryInfo } from '../conversation/context.ts';
import type { PrismaClient } from '../db/client.ts';

/** The categories residents choose from, read once; the list changes rarely, by an admin. */
export async function loadCategoryCatalog(prisma: PrismaClient): Promise<CategoryCatalog> {
  const rows = await prisma.category.findMany({
    orderBy: [{ sortOrder: 'asc' }, { id: 'asc' }],
    select: { code: true, name: true, urgent: true, urgentMonths: true },
  });
  return catalogOf(rows);
}

// LIMITATION: a category added or renamed while the process runs is seen after a restart; an
// admin API that edits categories (the back-office issue) would call a reload here.
export function catalogOf(categories: CategoryInfo[]): CategoryCatalog {
  const byCode = new Map(categories.map((category) => [category.code, category]));
  return {
    list: () => categories,
    find: (code) => byCode.get(code),
  };
}
