import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findOwningOffice } from '../../core/routing/owning-office.ts';
import type { StaffRole } from '../../generated/prisma/enums.ts';
import { AdminApi } from '../support/admin-api.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

let db: TestDatabase;
let api: AdminApi;
const tokens = {} as Record<'admin' | 'dispatcher' | 'moderator' | 'operator', string> & {
  official: string;
  head: string;
};

const SCRIPT = '<script>alert(1)</script>';
const SQL = `'; DROP TABLE "Report"; --`;

beforeAll(async () => {
  db = await createTestDatabase();
  api = await AdminApi.start(db);
  for (const role of ['admin', 'dispatcher', 'moderator', 'operator'] as const) {
    tokens[role] = await api.token(role);
  }
  tokens.official = await api.token('official', 'uprava-tsentralny');
  tokens.head = await api.token('head', 'uprava-tsentralny');
});
afterAll(async () => {
  await api.close();
  await db.drop();
});

const send = (
  role: keyof typeof tokens,
  method: 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  payload?: unknown,
) =>
  api.request(tokens[role], {
    method,
    url,
    ...(payload === undefined ? {} : { payload: payload as object }),
  });

describe('when staff read the reference data', () => {
  const readers = ['admin', 'dispatcher', 'moderator', 'official', 'head'] as const;

  it('lets every role but operators read offices, districts and routes', async () => {
    for (const url of ['/api/v1/offices', '/api/v1/districts', '/api/v1/category-routes']) {
      for (const role of readers) expect((await api.get(tokens[role], url)).statusCode).toBe(200);
      expect((await api.get(tokens.operator, url)).statusCode).toBe(403);
      expect((await api.get(undefined, url)).statusCode).toBe(401);
    }
  });

  it('lets operators read the categories too, for the help desk', async () => {
    for (const role of [...readers, 'operator'] as const) {
      const response = await api.get(tokens[role], '/api/v1/categories');
      expect(response.statusCode).toBe(200);
    }
    const { categories } = (await api.get(tokens.operator, '/api/v1/categories')).json();
    expect(categories.map((category: { code: string }) => category.code)).toContain('roads');
  });

  it('shows one office, and answers 404 for an unknown one', async () => {
    const office = await api.get(tokens.official, '/api/v1/offices/uprava-tsentralny');
    expect(office.json()).toMatchObject({ kind: 'district', districtCode: 'tsentralny' });
    expect((await api.get(tokens.official, '/api/v1/offices/nowhere')).statusCode).toBe(404);
  });

  it('gives the districts as a GeoJSON FeatureCollection', async () => {
    const collection = (await api.get(tokens.moderator, '/api/v1/districts')).json();
    expect(collection.type).toBe('FeatureCollection');
    expect(collection.features).toHaveLength(8);
    const [first] = collection.features;
    expect(first.type).toBe('Feature');
    expect(Object.keys(first.properties).sort()).toEqual(['approximate', 'code', 'name']);
    expect(['Polygon', 'MultiPolygon']).toContain(first.geometry.type);

    const one = await api.get(tokens.head, '/api/v1/districts/tsentralny');
    expect(one.json()).toMatchObject({ type: 'Feature', properties: { code: 'tsentralny' } });
    expect((await api.get(tokens.head, '/api/v1/districts/atlantis')).statusCode).toBe(404);
  });
});

describe('when an admin manages offices', () => {
  it('creates an office and refuses a duplicate code with 409', async () => {
    const body = { code: 'parks', name: 'Управление парков', kind: 'city' };
    const created = await api.post(tokens.admin, '/api/v1/offices', body);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ code: 'parks', districtCode: null });

    const again = await api.post(tokens.admin, '/api/v1/offices', body);
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ error: 'duplicate' });
  });

  it('refuses malformed codes and a district office without its district', async () => {
    for (const code of ['P', 'Parks', 'parks office', 'x'.repeat(65), 'парки']) {
      const response = await api.post(tokens.admin, '/api/v1/offices', {
        code,
        name: 'Парки',
        kind: 'city',
      });
      expect(response.statusCode).toBe(400);
    }
    const orphan = { code: 'uprava-new', name: 'Управа', kind: 'district' };
    const refused = await api.post(tokens.admin, '/api/v1/offices', orphan);
    expect(refused.json()).toMatchObject({ error: 'office_district_mismatch' });
    const unknown = await api.post(tokens.admin, '/api/v1/offices', {
      ...orphan,
      districtCode: 'atlantis',
    });
    expect(unknown.statusCode).toBe(404);
  });

  it('changes an office’s name, kind and district', async () => {
    const moved = await send('admin', 'PATCH', '/api/v1/offices/parks', {
      kind: 'district',
      districtCode: 'gubinsky',
    });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ kind: 'district', districtCode: 'gubinsky' });

    const back = await send('admin', 'PATCH', '/api/v1/offices/parks', {
      name: 'Парки и скверы',
      kind: 'city',
      districtCode: null,
    });
    expect(back.json()).toMatchObject({ name: 'Парки и скверы', kind: 'city', districtCode: null });
    const half = await send('admin', 'PATCH', '/api/v1/offices/parks', { kind: 'district' });
    expect(half.statusCode).toBe(400);
    expect(
      (await send('admin', 'PATCH', '/api/v1/offices/nowhere', { name: 'X' })).statusCode,
    ).toBe(404);
  });

  it('lets no one else write offices', async () => {
    for (const role of ['dispatcher', 'head', 'official', 'moderator', 'operator'] as const) {
      const body = { code: `by-${role}`, name: 'Офис', kind: 'city' };
      expect((await api.post(tokens[role], '/api/v1/offices', body)).statusCode).toBe(403);
      const patch = await send(role, 'PATCH', '/api/v1/offices/uprava-tsentralny', { name: 'X' });
      expect(patch.statusCode).toBe(403);
    }
  });

  it('stores script- and SQL-looking names as given and returns them inert', async () => {
    const created = await api.post(tokens.admin, '/api/v1/offices', {
      code: 'inert',
      name: SCRIPT,
      kind: 'city',
    });
    expect(created.statusCode).toBe(201);
    await send('admin', 'PATCH', '/api/v1/offices/inert', { name: `${SCRIPT} ${SQL}` });

    const read = await api.get(tokens.official, '/api/v1/offices/inert');
    expect(read.headers['content-type']).toMatch(/^application\/json/);
    expect(read.json().name).toBe(`${SCRIPT} ${SQL}`);
    expect(read.body).toContain(JSON.stringify(`${SCRIPT} ${SQL}`));
    expect(await db.prisma.report.count()).toBeGreaterThanOrEqual(0);
  });
});

/** A square around a point, as a closed ring of five positions. */
function square(longitude: number, latitude: number, size = 0.01): number[][] {
  return [
    [longitude, latitude],
    [longitude + size, latitude],
    [longitude + size, latitude + size],
    [longitude, latitude + size],
    [longitude, latitude],
  ];
}

function feature(geometry: unknown, properties: object = { name: 'Новый округ' }) {
  return { type: 'Feature', properties, geometry };
}

describe('when an admin puts a district’s boundary', () => {
  const url = '/api/v1/districts/zalog';

  it('creates it, then replaces it, and gives back what was put', async () => {
    const polygon = { type: 'Polygon', coordinates: [square(129.6, 62.0)] };
    const created = await send('admin', 'PUT', url, feature(polygon));
    expect(created.statusCode).toBe(201);
    expect(created.json()).toEqual(
      feature(polygon, { code: 'zalog', name: 'Новый округ', approximate: false }),
    );

    const multi = {
      type: 'MultiPolygon',
      coordinates: [[square(129.6, 62.0)], [square(129.7, 62.1)]],
    };
    const props = { code: 'zalog', name: `${SCRIPT} ${SQL}`, approximate: true };
    const replaced = await send('admin', 'PUT', url, feature(multi, props));
    expect(replaced.statusCode).toBe(200);
    expect((await api.get(tokens.official, url)).json()).toEqual(feature(multi, props));
  });

  it('refuses invalid GeoJSON with 400 and the reason', async () => {
    const ring = square(129.6, 62.0);
    const cases: Array<[unknown, RegExp]> = [
      [feature({ type: 'Polygon', coordinates: [ring.slice(0, -1)] }), /closed/],
      [feature({ type: 'Polygon', coordinates: [[ring[0], ring[1], ring[0]]] }), /four positions/],
      [feature({ type: 'Polygon', coordinates: [square(190, 62)] }), /longitude/],
      [feature({ type: 'Polygon', coordinates: [square(129.6, 95)] }), /latitude/],
      [feature({ type: 'Point', coordinates: [129.6, 62] }), /geometry/],
      [{ type: 'FeatureCollection', features: [] }, /type/],
      [feature({ type: 'Polygon', coordinates: [ring] }, { code: 'other', name: 'X' }), /path/],
    ];
    for (const [body, reason] of cases) {
      const response = await send('admin', 'PUT', url, body);
      expect(response.statusCode, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(response.json().message).toMatch(reason);
    }
  });

  it('takes boundaries beyond the usual 64 KB, up to 2 MB', async () => {
    const circle = (points: number) => {
      const ring = Array.from({ length: points }, (_, index) => {
        const angle = (2 * Math.PI * index) / points;
        return [129.7 + 0.05 * Math.cos(angle), 62.03 + 0.02 * Math.sin(angle)];
      });
      return { type: 'Polygon', coordinates: [[...ring, ring[0]]] };
    };
    const large = await send('admin', 'PUT', url, feature(circle(5_000)));
    expect(large.statusCode).toBe(200);
    const tooLarge = await send('admin', 'PUT', url, feature(circle(60_000)));
    expect(tooLarge.statusCode).toBe(413);
  });

  it('lets no one but admins write districts', async () => {
    const polygon = { type: 'Polygon', coordinates: [square(129.6, 62.0)] };
    for (const role of ['dispatcher', 'head', 'official', 'moderator', 'operator'] as const) {
      expect((await send(role, 'PUT', url, feature(polygon))).statusCode).toBe(403);
    }
  });
});

describe('when an admin manages categories and their deadlines', () => {
  const body = { code: 'playgrounds', name: 'Детские площадки', description: 'Качели, горки' };

  it('creates a category, refusing a duplicate and deadlines outside 1..60', async () => {
    const created = await api.post(tokens.admin, '/api/v1/categories', body);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ deadlineDays: 8, urgent: false, sortOrder: 0 });
    expect((await api.post(tokens.admin, '/api/v1/categories', body)).statusCode).toBe(409);
    for (const deadlineDays of [0, 61, 2.5]) {
      const response = await api.post(tokens.admin, '/api/v1/categories', {
        ...body,
        code: 'benches',
        deadlineDays,
      });
      expect(response.statusCode).toBe(400);
    }
  });

  it('changes texts, order, deadline and urgency, keeping what is not sent', async () => {
    const changed = await send('admin', 'PATCH', '/api/v1/categories/playgrounds', {
      deadlineDays: 3,
      urgent: true,
      description: SQL,
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toEqual({
      ...body,
      description: SQL,
      sortOrder: 0,
      deadlineDays: 3,
      urgent: true,
      urgentMonths: [],
    });
    const winter = await send('admin', 'PATCH', '/api/v1/categories/playgrounds', {
      urgentMonths: [12, 1, 2],
    });
    expect(winter.json().urgentMonths).toEqual([12, 1, 2]);
    const twice = await send('admin', 'PATCH', '/api/v1/categories/playgrounds', {
      urgentMonths: [1, 1],
    });
    expect(twice.statusCode).toBe(400);
    const over = await send('admin', 'PATCH', '/api/v1/categories/playgrounds', {
      deadlineDays: 61,
    });
    expect(over.statusCode).toBe(400);
    const unknown = await send('admin', 'PATCH', '/api/v1/categories/nothing', { urgent: true });
    expect(unknown.statusCode).toBe(404);
  });

  it('lets no one but admins write categories', async () => {
    for (const role of ['dispatcher', 'head', 'official', 'moderator', 'operator'] as const) {
      const created = await api.post(tokens[role], '/api/v1/categories', { ...body, code: 'x1' });
      expect(created.statusCode).toBe(403);
      const patch = await send(role, 'PATCH', '/api/v1/categories/roads', { deadlineDays: 1 });
      expect(patch.statusCode).toBe(403);
    }
  });
});

describe('when dispatchers keep the category routes', () => {
  const owner = async (category: string, district: string) => {
    const ids = await db.prisma.category.findUniqueOrThrow({ where: { code: category } });
    const place = await db.prisma.district.findUniqueOrThrow({ where: { code: district } });
    return (await findOwningOffice(db.prisma, ids.id, place.id)).code;
  };

  it('sets a district’s own route, then changes its office in place', async () => {
    const body = { category: 'yards', district: 'gubinsky', office: 'city-improvement' };
    const first = await send('dispatcher', 'PUT', '/api/v1/category-routes', body);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject(body);
    expect(await owner('yards', 'gubinsky')).toBe('city-improvement');

    const second = await send('admin', 'PUT', '/api/v1/category-routes', {
      ...body,
      office: 'uprava-gubinsky',
    });
    expect(second.json().id).toBe(first.json().id);
    expect(await owner('yards', 'gubinsky')).toBe('uprava-gubinsky');
  });

  it('sets the city-wide route with district null, once per category', async () => {
    const body = { category: 'playgrounds', district: null, office: 'city-improvement' };
    const set = await send('dispatcher', 'PUT', '/api/v1/category-routes', body);
    expect(set.statusCode).toBe(200);
    await send('dispatcher', 'PUT', '/api/v1/category-routes', { ...body, office: 'parks' });
    const listed = await api.get(tokens.official, '/api/v1/category-routes?category=playgrounds');
    expect(listed.json().routes).toEqual([{ ...body, office: 'parks', id: set.json().id }]);
    expect(await owner('playgrounds', 'saysarsky')).toBe('parks');
  });

  it('answers 404 for an unknown category, district or office', async () => {
    const body = { category: 'yards', district: 'gubinsky', office: 'city-improvement' };
    for (const wrong of [{ category: 'nope' }, { district: 'nope' }, { office: 'nope' }]) {
      const response = await send('dispatcher', 'PUT', '/api/v1/category-routes', {
        ...body,
        ...wrong,
      });
      expect(response.statusCode).toBe(404);
    }
  });

  it('removes a route, after which the city-wide one owns the district again', async () => {
    const { routes } = (
      await api.get(tokens.admin, '/api/v1/category-routes?category=yards')
    ).json();
    const local = routes.find(
      (route: { district: string | null }) => route.district === 'gubinsky',
    );
    const url = `/api/v1/category-routes/${local.id}`;
    expect((await send('official', 'DELETE', url)).statusCode).toBe(403);
    expect((await send('dispatcher', 'DELETE', url)).statusCode).toBe(204);
    expect((await send('dispatcher', 'DELETE', url)).statusCode).toBe(404);
    const cityWide = routes.find((route: { district: string | null }) => route.district === null);
    expect(await owner('yards', 'gubinsky')).toBe(cityWide.office);
  });

  it('lets heads, officials, moderators and operators change no route', async () => {
    const body = { category: 'yards', district: null, office: 'parks' };
    for (const role of ['head', 'official', 'moderator', 'operator'] as const) {
      expect((await send(role, 'PUT', '/api/v1/category-routes', body)).statusCode).toBe(403);
    }
  });
});

describe('when staff in the bots are listed and unlinked', () => {
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    const offices = await db.prisma.office.findMany({
      where: { code: { in: ['uprava-tsentralny', 'uprava-gubinsky'] } },
    });
    const officeId = (code: string) => offices.find((office) => office.code === code)?.id ?? null;
    const staff: Array<[string, StaffRole, string | null]> = [
      ['ours', 'official', 'uprava-tsentralny'],
      ['ourHead', 'head', 'uprava-tsentralny'],
      ['theirs', 'official', 'uprava-gubinsky'],
      ['dispatcher', 'dispatcher', null],
      ['spare', 'official', 'uprava-tsentralny'],
    ];
    for (const [key, role, office] of staff) {
      const row = await db.prisma.official.create({
        data: {
          channel: 'telegram',
          platformUserId: `98765432${Object.keys(ids).length}`,
          chatId: `98765432${Object.keys(ids).length}`,
          role,
          officeId: office ? officeId(office) : null,
          ...(key === 'spare' ? { unreachableAt: new Date() } : {}),
        },
      });
      ids[key] = row.id;
    }
  });

  it('shows admins and dispatchers everyone, without platform or chat ids', async () => {
    for (const role of ['admin', 'dispatcher'] as const) {
      const response = await api.get(tokens[role], '/api/v1/officials');
      expect(response.statusCode).toBe(200);
      expect(response.json().officials).toHaveLength(5);
      expect(response.body).not.toContain('98765432');
    }
    const { officials } = (await api.get(tokens.admin, '/api/v1/officials')).json();
    expect(officials.find((row: { id: number }) => row.id === ids.spare)).toMatchObject({
      channel: 'telegram',
      role: 'official',
      officeCode: 'uprava-tsentralny',
      reachable: false,
    });
    expect(Object.keys(officials[0]).sort()).toEqual(
      ['channel', 'id', 'linkedAt', 'officeCode', 'reachable', 'role'].sort(),
    );
  });

  it('shows a head their own office only, and refuses another office’s list', async () => {
    const own = (await api.get(tokens.head, '/api/v1/officials')).json().officials;
    expect(own.map((row: { id: number }) => row.id).sort()).toEqual(
      [ids.ours, ids.ourHead, ids.spare].sort(),
    );
    const forged = await api.get(tokens.head, '/api/v1/officials?officeCode=uprava-gubinsky');
    expect(forged.statusCode).toBe(403);
    for (const role of ['official', 'moderator', 'operator'] as const) {
      expect((await api.get(tokens[role], '/api/v1/officials')).statusCode).toBe(403);
    }
  });

  it('lets a head unlink their office’s officials: another office’s is not found', async () => {
    expect((await send('head', 'DELETE', `/api/v1/officials/${ids.theirs}`)).statusCode).toBe(404);
    expect((await send('head', 'DELETE', `/api/v1/officials/${ids.ourHead}`)).statusCode).toBe(403);
    for (const role of ['dispatcher', 'official', 'moderator'] as const) {
      expect((await send(role, 'DELETE', `/api/v1/officials/${ids.ours}`)).statusCode).toBe(403);
    }
    expect((await send('head', 'DELETE', `/api/v1/officials/${ids.ours}`)).statusCode).toBe(204);
    expect(await db.prisma.official.findUnique({ where: { id: ids.ours ?? -1 } })).toBeNull();
  });

  it('lets an admin unlink anyone', async () => {
    expect((await send('admin', 'DELETE', `/api/v1/officials/${ids.theirs}`)).statusCode).toBe(204);
    expect((await send('admin', 'DELETE', `/api/v1/officials/${ids.theirs}`)).statusCode).toBe(404);
  });
});

describe('when link codes are issued over the API', () => {
  const post = (role: keyof typeof tokens, body: object) =>
    api.post(tokens[role], '/api/v1/link-codes', body);

  it('lets an admin issue any code, checking the office fits the role', async () => {
    const dispatcher = await post('admin', { role: 'dispatcher' });
    expect(dispatcher.statusCode).toBe(201);
    expect(dispatcher.json()).toMatchObject({ role: 'dispatcher', officeCode: null });
    expect(dispatcher.json().code).toMatch(/^[A-Z2-9]{10}$/);
    expect(new Date(dispatcher.json().expiresAt).getTime()).toBeGreaterThan(Date.now());

    const head = await post('admin', { role: 'head', officeCode: 'uprava-gubinsky' });
    expect(head.json()).toMatchObject({ role: 'head', officeCode: 'uprava-gubinsky' });
    expect((await post('admin', { role: 'official' })).json()).toMatchObject({
      error: 'office_required',
    });
    const stray = await post('admin', { role: 'moderator', officeCode: 'uprava-gubinsky' });
    expect(stray.json()).toMatchObject({ error: 'office_not_allowed' });
    expect((await post('admin', { role: 'official', officeCode: 'nope' })).statusCode).toBe(404);
  });

  it('lets a head issue officials’ codes for their own office only', async () => {
    const own = await post('head', { role: 'official' });
    expect(own.statusCode).toBe(201);
    expect(own.json().officeCode).toBe('uprava-tsentralny');
    const named = await post('head', { role: 'official', officeCode: 'uprava-tsentralny' });
    expect(named.statusCode).toBe(201);

    expect(
      (await post('head', { role: 'official', officeCode: 'uprava-gubinsky' })).statusCode,
    ).toBe(403);
    expect((await post('head', { role: 'head' })).statusCode).toBe(403);
    expect((await post('head', { role: 'admin' })).statusCode).toBe(403);
  });

  it('refuses every other role', async () => {
    for (const role of ['dispatcher', 'official', 'moderator', 'operator'] as const) {
      expect(
        (await post(role, { role: 'official', officeCode: 'uprava-tsentralny' })).statusCode,
      ).toBe(403);
    }
  });
});
