import 'dotenv/config';
import { loadConfig } from '../core/config.ts';
import { createPrismaClient } from '../core/db/client.ts';
import { seedDatabase } from '../core/seed/seed-database.ts';

// `npm run db:seed` (and `prisma db seed`): loads seed/ into DATABASE_URL. The connection
// string is never printed, since it may carry a password.
async function main(): Promise<void> {
  const config = loadConfig();
  const prisma = createPrismaClient(config.DATABASE_URL);
  try {
    const summary = await seedDatabase(prisma);
    process.stdout.write(
      `Seeded ${summary.districts} districts, ${summary.offices} offices, ` +
        `${summary.categories} categories and ${summary.routes} category routes.\n`,
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
