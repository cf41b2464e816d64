import { inject } from 'vitest';
import { createPrismaClient, type PrismaClient } from '../../core/db/client.ts';
import {
  copyDatabase,
  databaseUrl,
  dropDatabase,
  newTestDatabaseName,
  withServer,
} from './postgres-server.ts';

/** A database of one test file's own, copied from a template the global setup built. */
export interface TestDatabase {
  url: string;
  name: string;
  prisma: PrismaClient;
  /** Disconnects `prisma` and drops the database; safe to call twice. */
  drop(): Promise<void>;
}

/** A migrated and seeded database (the city in seed/), private to the caller. */
export function createTestDatabase(): Promise<TestDatabase> {
  return createFromTemplate(templateName('seededTemplateDatabase'));
}

/** A migrated database with no rows at all, private to the caller. */
export function createEmptyDatabase(): Promise<TestDatabase> {
  return createFromTemplate(templateName('emptyTemplateDatabase'));
}

function templateName(key: 'seededTemplateDatabase' | 'emptyTemplateDatabase'): string {
  const name = inject(key);
  if (!name) {
    throw new Error('No template database: run tests through vitest.config.ts (its globalSetup)');
  }
  return name;
}

async function createFromTemplate(template: string): Promise<TestDatabase> {
  const name = newTestDatabaseName();
  await withServer((client) => copyDatabase(client, template, name));

  const url = databaseUrl(name);
  const prisma = createPrismaClient(url);
  let dropped = false;
  return {
    url,
    name,
    prisma,
    async drop() {
      if (dropped) return;
      dropped = true;
      await prisma.$disconnect();
      await withServer((client) => dropDatabase(client, name));
    },
  };
}
