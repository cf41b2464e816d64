import { createPrismaClient, type PrismaClient } from '../../core/db/client.ts';
import { migrateDatabase } from '../../core/db/migrate.ts';
import { seedDatabase } from '../../core/seed/seed-database.ts';
import {
  databaseUrl,
  dropDatabase,
  newTestDatabaseName,
  withServer,
} from '../../test/support/postgres-server.ts';

/** A database of the bench's own on the test server, migrated and seeded with seed/. */
export interface BenchDatabase {
  url: string;
  name: string;
  prisma: PrismaClient;
  /** Disconnects `prisma` and drops the database; safe to call twice. */
  drop(): Promise<void>;
}

/**
 * Creates, migrates and seeds a fresh database. It is named like a test database, so the test
 * run's sweep removes it should a bench die before dropping it.
 */
export async function createBenchDatabase(): Promise<BenchDatabase> {
  const name = newTestDatabaseName();
  const url = databaseUrl(name);
  await migrateDatabase(url);
  const prisma = createPrismaClient(url);
  let dropped = false;
  const drop = async () => {
    if (dropped) return;
    dropped = true;
    await prisma.$disconnect();
    await withServer((client) => dropDatabase(client, name));
  };

  try {
    await seedDatabase(prisma);
  } catch (error) {
    await drop();
    throw error;
  }
  return { url, name, prisma, drop };
}
