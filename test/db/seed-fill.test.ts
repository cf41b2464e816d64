import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDatabase } from '../../core/seed/seed-database.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

describe('seeding at every start', () => {
  it('keeps what admins changed, and adds only what is missing', async () => {
    const roads = await db.prisma.category.update({
      where: { code: 'roads' },
      data: { name: 'Дороги (изменено)', deadlineDays: 6 },
    });
    const route = await db.prisma.categoryRoute.findFirstOrThrow({
      where: { categoryId: roads.id },
    });
    await db.prisma.categoryRoute.delete({ where: { id: route.id } });
    await db.prisma.article.update({
      where: { slug: 'edinyj-nomer-112' },
      data: { answer: 'Ответ, исправленный оператором' },
    });

    await seedDatabase(db.prisma, undefined, 'fill');
    const kept = await db.prisma.category.findUniqueOrThrow({ where: { code: 'roads' } });
    expect(kept).toMatchObject({ name: 'Дороги (изменено)', deadlineDays: 6 });
    expect(await db.prisma.categoryRoute.count({ where: { id: route.id } })).toBe(0);
    const article = await db.prisma.article.findUniqueOrThrow({
      where: { slug: 'edinyj-nomer-112' },
    });
    expect(article.answer).toBe('Ответ, исправленный оператором');

    await seedDatabase(db.prisma, undefined, 'replace');
    const restored = await db.prisma.category.findUniqueOrThrow({ where: { code: 'roads' } });
    expect(restored.name).toBe('Дороги и тротуары');
    expect(
      await db.prisma.categoryRoute.count({ where: { categoryId: roads.id } }),
    ).toBeGreaterThan(0);
  });
});
