import 'dotenv/config';
import { defineConfig } from 'prisma/config';

// The CLI reads the connection from here; the running service builds its own client through
// @prisma/adapter-pg (core/db/client.ts).
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations', seed: 'tsx prisma/seed.ts' },
  datasource: {
    url: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/oneclick',
  },
});
