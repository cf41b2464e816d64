import 'dotenv/config';
import { parseArgs } from 'node:util';
import { loadConfig } from '../core/config.ts';
import { createPrismaClient } from '../core/db/client.ts';
import {
  issueLinkCode,
  LINK_CODE_TTL_MS,
  OFFICE_ROLES,
  STAFF_ROLES,
} from '../core/staff/link-codes.ts';
import type { StaffRole } from '../generated/prisma/enums.ts';

/**
 * `npm run link-code -- --role admin` or `npm run link-code -- --office <code> [--role head]`:
 * issues a one-time code that links a chat to an office, from the server's shell. This is how
 * the first admin appears on a new deployment; from then on admins issue codes in the bot.
 */
const ROLES = STAFF_ROLES;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { office: { type: 'string' }, role: { type: 'string', default: 'official' } },
  });
  const role = values.role as StaffRole;
  if (!ROLES.includes(role)) {
    console.error(`--role must be one of: ${ROLES.join(', ')}`);
    return 2;
  }
  const needsOffice = OFFICE_ROLES.includes(role);
  if (needsOffice !== (values.office !== undefined)) {
    console.error(
      needsOffice ? `a ${role} code needs --office <code>` : `--office is not for ${role}`,
    );
    return 2;
  }

  const prisma = createPrismaClient(loadConfig().DATABASE_URL, { maxConnections: 1 });
  try {
    let officeId: number | null = null;
    if (values.office !== undefined) {
      const office = await prisma.office.findUnique({ where: { code: values.office } });
      if (!office) {
        const codes = await prisma.office.findMany({
          select: { code: true },
          orderBy: { code: 'asc' },
        });
        console.error(
          `no office "${values.office}"; offices: ${codes.map((o) => o.code).join(', ')}`,
        );
        return 2;
      }
      officeId = office.id;
    }
    const issued = await issueLinkCode(prisma, { role, officeId });
    const hours = LINK_CODE_TTL_MS / 3_600_000;
    console.log(`code: ${issued.code}`);
    console.log(`role: ${role}${values.office ? `, office: ${values.office}` : ''}`);
    console.log(`valid for ${hours} h, once; in the bot send: /link ${issued.code}`);
    return 0;
  } finally {
    await prisma.$disconnect();
  }
}

try {
  process.exitCode = await main();
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  console.error(message.trim().split('\n').at(-1));
  process.exitCode = 1;
}
