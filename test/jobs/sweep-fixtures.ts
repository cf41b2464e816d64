import { randomBytes } from 'node:crypto';
import type { DeadlineCalendar } from '../../core/calendar/deadline-calendar.ts';
import type { PrismaClient } from '../../core/db/client.ts';
import type { ReportStatus, StaffRole } from '../../generated/prisma/enums.ts';

/** Offices, staff and reports for the sweep tests, inserted as rows into a seeded database. */

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;

/** Deadlines a fixed number of days on; the production calendar has its own tests. */
export const calendar: DeadlineCalendar = {
  addWorkingDays: (from, days) => new Date(from.getTime() + days * DAY_MS),
};

const unique = () => randomBytes(4).toString('hex');

/** A new office of its own, so a test sees only its own office's deliveries. */
export async function newOffice(prisma: PrismaClient): Promise<number> {
  const code = `test-office-${unique()}`;
  const office = await prisma.office.create({ data: { code, name: code, kind: 'city' } });
  return office.id;
}

/** A member of staff with a private chat; returns the chat id. */
export async function newStaff(
  prisma: PrismaClient,
  role: StaffRole,
  officeId: number | null,
): Promise<string> {
  const id = unique();
  const staff = await prisma.official.create({
    data: { channel: 'telegram', platformUserId: `u-${id}`, chatId: `c-${id}`, role, officeId },
  });
  return staff.chatId;
}

export interface TestReport {
  id: number;
  residentId: number;
  residentChatId: string;
}

export async function newReport(
  prisma: PrismaClient,
  fields: {
    officeId: number;
    status: ReportStatus;
    deadlineAt?: Date;
    resolvedAt?: Date;
  },
): Promise<TestReport> {
  const resident = await prisma.resident.create({
    data: {
      channel: 'telegram',
      platformUserId: `r-${unique()}`,
      chatId: `rc-${unique()}`,
      consentAt: new Date(),
      consentVersion: 'test',
    },
  });
  const category = await prisma.category.findUniqueOrThrow({ where: { code: 'roads' } });
  const report = await prisma.report.create({
    data: {
      residentId: resident.id,
      channel: 'telegram',
      categoryId: category.id,
      description: 'Яма на дороге',
      officeId: fields.officeId,
      status: fields.status,
      deadlineAt: fields.deadlineAt ?? null,
      resolvedAt: fields.resolvedAt ?? null,
    },
  });
  return { id: report.id, residentId: resident.id, residentChatId: resident.chatId };
}

/** The keys of the deliveries queued for a chat, oldest first. */
export async function deliveryKeys(prisma: PrismaClient, chatId: string): Promise<string[]> {
  const rows = await prisma.delivery.findMany({
    where: { chatId },
    select: { key: true },
    orderBy: { id: 'asc' },
  });
  return rows.map((row) => row.key);
}

/** The first message's text of each delivery queued for a chat. */
export async function deliveryTexts(prisma: PrismaClient, chatId: string): Promise<string[]> {
  const rows = await prisma.delivery.findMany({
    where: { chatId },
    select: { messages: true },
    orderBy: { id: 'asc' },
  });
  return rows.map((row) => {
    const [first] = row.messages as Array<{ text?: string }>;
    return first?.text ?? '';
  });
}
