import 'dotenv/config';
import { loadConfig } from '../core/config.ts';
import { migrateDatabase } from '../core/db/migrate.ts';

// `npm run db:migrate`: applies prisma/migrations to DATABASE_URL, creating the database if
// it does not exist yet.
try {
  const config = loadConfig();
  const { applied } = await migrateDatabase(config.DATABASE_URL, { log: console.log });
  if (applied.length === 0) console.log('Database is up to date: no pending migrations.');
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  console.error(message.split('\n')[0]);
  process.exitCode = 1;
}
