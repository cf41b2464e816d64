import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../../generated/prisma/client.ts';

export type { PrismaClient } from '../../generated/prisma/client.ts';
export { Prisma } from '../../generated/prisma/client.ts';

/**
 * A Prisma client on node-postgres; Prisma 7 needs no native query engine this way.
 * `maxConnections` sizes its pool (node-postgres defaults to 10).
 */
export function createPrismaClient(
  databaseUrl: string,
  options: { maxConnections?: number } = {},
): PrismaClient {
  const pool = { connectionString: databaseUrl, max: options.maxConnections ?? 10 };
  return new PrismaClient({ adapter: new PrismaPg(pool) });
}

/** The client handed to code that runs inside a transaction. */
export type Db = Omit<
  PrismaClient,
  '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'
>;
