import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvLine } from '../../api/admin/csv.ts';
import { AdminApi } from '../support/admin-api.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

let db: TestDatabase;
let api: AdminApi;
let residentId = 0;

const FROM = new Date('2026-03-01T00:00:00Z');
const TO = new Date('2026-04-01T00:00:00Z');
const PERIOD = `from=${FROM.toISOString()}&to=${TO.toISOString()}`;

function report(office: string, description: string, createdAt: Date, address?: string) {
  return {
    residentId,
    channel: 'telegram' as const,
    categoryId: 0,
    description,
    createdAt,
    ...(address ? { address } : {}),
    office,
  };
}

async function fileAll(rows: Array<ReturnType<typeof report>>) {
  const category = await db.prisma.category.findUniqueOrThrow({ where: { code: 'yards' } });
  const offices = await db.prisma.office.findMany({ select: { id: true, code: true } });
  const officeId = (code: string) => offices.find((office) => office.code === code)?.id ?? null;
  await db.prisma.report.createMany({
    data: rows.map(({ office, ...row }) => ({
      ...row,
      categoryId: category.id,
      officeId: officeId(office),
      status: 'routed' as const,
    })),
  });
}

beforeAll(async () => {
  db = await createTestDatabase();
  api = await AdminApi.start(db);
  const resident = await db.prisma.resident.create({
    data: {
      channel: 'telegram',
      platformUserId: '880088',
      chatId: '880088',
      consentAt: FROM,
      consentVersion: 'test',
    },
  });
  residentId = resident.id;
  const day = (n: number) => new Date(FROM.getTime() + n * 86_400_000);
  await fileAll([
    report('uprava-tsentralny', 'Яма, большая "очень"\nглубокая', day(1), 'ул. Ленина, 1'),
    report('uprava-tsentralny', '=HYPERLINK("http://evil.example","клик")', day(2)),
    report('uprava-tsentralny', '@SUM(A1:A2)', day(3), '+7 улица'),
    report('uprava-gubinsky', 'Чужой двор в Губинском', day(4)),
    report('uprava-tsentralny', 'До периода', new Date(FROM.getTime() - 1)),
  ]);
});
afterAll(async () => {
  await api.close();
  await db.drop();
});

describe('when a cell holds commas, quotes or line breaks', () => {
  it('quotes it the RFC 4180 way and leaves plain cells bare', () => {
    expect(csvLine(['a,b', 'say "hi"', 'two\nlines', 'plain', 42, null])).toBe(
      '"a,b","say ""hi""","two\nlines",plain,42,\r\n',
    );
  });

  it('defuses text a spreadsheet would run as a formula', () => {
    expect(csvLine(['=1+1', '+7', '-2', '@x', 'ok-1'])).toBe("'=1+1,'+7,'-2,'@x,ok-1\r\n");
    expect(csvLine(['=A1,B1'])).toBe(`"'=A1,B1"\r\n`);
  });
});

describe('when reports are exported', () => {
  it('sends an attachment in UTF-8 with a BOM, one row per report of the period', async () => {
    const response = await api.get(await api.token('dispatcher'), `/api/v1/reports.csv?${PERIOD}`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(
      'attachment; filename="reports-2026-03-01-2026-04-01.csv"',
    );
    const raw = response.rawPayload;
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);

    const text = raw.subarray(3).toString('utf8');
    expect(text.startsWith('number,created_at,status,category,district,office,address,')).toBe(
      true,
    );
    expect(text).toContain('"Яма, большая ""очень""\nглубокая"');
    expect(text).toContain('"ул. Ленина, 1"');
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""клик"")"`);
    expect(text).toContain("'@SUM(A1:A2)");
    expect(text).toContain("'+7 улица");
    expect(text).toContain('Чужой двор в Губинском');
    expect(text).not.toContain('До периода');
    expect(text).not.toContain('880088');
  });

  it('gives an official their own office’s reports only', async () => {
    const official = await api.token('official', 'uprava-tsentralny');
    const text = (await api.get(official, `/api/v1/reports.csv?${PERIOD}`)).body;
    expect(text).toContain('Яма, большая');
    expect(text).not.toContain('Чужой двор в Губинском');
  });

  it('refuses operators and a period over a year', async () => {
    const operator = await api.token('operator');
    expect((await api.get(operator, `/api/v1/reports.csv?${PERIOD}`)).statusCode).toBe(403);
    const admin = await api.token('admin');
    const long = `from=2025-01-01T00:00:00Z&to=2026-03-01T00:00:00Z`;
    expect((await api.get(admin, `/api/v1/reports.csv?${long}`)).statusCode).toBe(400);
  });

  it('streams a large period batch by batch without losing or repeating a row', async () => {
    const start = new Date('2026-06-01T00:00:00Z');
    await fileAll(
      Array.from({ length: 1_234 }, (_, i) =>
        report('uprava-gubinsky', `Пакет ${i}`, new Date(start.getTime() + i * 60_000)),
      ),
    );
    const period = `from=${start.toISOString()}&to=2026-07-01T00:00:00Z`;
    const text = (await api.get(await api.token('admin'), `/api/v1/reports.csv?${period}`)).body;
    const lines = text.split('\r\n').filter(Boolean);
    expect(lines).toHaveLength(1 + 1_234);
    const numbers = lines.slice(1).map((line) => Number(line.split(',')[0]));
    expect(new Set(numbers).size).toBe(1_234);
  });
});
