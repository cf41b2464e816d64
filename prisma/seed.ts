import 'dotenv/config';
import { loadConfig } from '../core/config.ts';
import { createPrismaClient } from '../core/db/client.ts';
import { seedDatabase } from '../core/seed/seed-database.ts';

// `npm run db:seed` (and `prisma db seed`): adds what seed/ has and DATABASE_URL lacks, so
// changes made over the admin API survive; `npm run db:seed -- --replace` overwrites them with
// the files. The connection string is never printed, since it may carry a password.
async function main(): Promise<void> {
  const config = loadConfig();
  const prisma = createPrismaClient(config.DATABASE_URL);
  try {
    // Starts only add what is missing; `--replace` makes the database match seed/ again.
    const mode = process.argv.includes('--replace') ? 'replace' : 'fill';
    const summary = await seedDatabase(prisma, undefined, mode);
    const verb = mode === 'replace' ? 'Seeded (replacing)' : 'Seeded (adding what is missing)';
    process.stdout.write(
      `${verb}: ${summary.districts} districts, ${summary.offices} offices, ` +
        `${summary.categories} categories, ${summary.routes} category routes and ` +
        `${summary.articles} help-desk articles.\n`,
    );
  } finally {
    await prisma.$disconnect();
  }
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`Seeding failed: ${message.split('\n')[0]}\n`);
  process.exitCode = 1;
});
