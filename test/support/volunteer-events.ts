import type { Outgoing } from '../../core/conversation/types.ts';
import type { Db } from '../../core/db/client.ts';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

export interface TestEvent {
  title?: string;
  startsAt?: Date;
  /** Hours from the start; 3 unless told. */
  hours?: number;
  seats?: number;
  address?: string | null;
  location?: { latitude: number; longitude: number } | null;
  skills?: string[];
  status?: 'open' | 'cancelled';
}

let made = 0;

/** A volunteer event inserted as a row, as if an organiser had published it. */
export async function newVolunteerEvent(db: Db, fields: TestEvent = {}): Promise<number> {
  made += 1;
  const startsAt = fields.startsAt ?? new Date(Date.now() + 3 * DAY_MS);
  const location = fields.location === undefined ? CENTRE : fields.location;
  const event = await db.volunteerEvent.create({
    data: {
      title: fields.title ?? `Субботник № ${made}`,
      description: 'Убираем листья и мусор, перчатки и мешки выдадим.',
      address: fields.address === undefined ? 'ул. Ленина, 1' : fields.address,
      latitude: location?.latitude ?? null,
      longitude: location?.longitude ?? null,
      startsAt,
      endsAt: new Date(startsAt.getTime() + (fields.hours ?? 3) * HOUR_MS),
      seats: fields.seats ?? 10,
      skills: fields.skills ?? [],
      status: fields.status ?? 'open',
    },
    select: { id: true },
  });
  return event.id;
}

/** A point in the Central okrug. */
export const CENTRE = { latitude: 62.0285, longitude: 129.7325 };

/** The payload of the button with this label (or matching this pattern) in some messages. */
export function buttonPayload(messages: Outgoing[], label: string | RegExp): string {
  const button = messages
    .flatMap((message) => message.inline ?? [])
    .flat()
    .find((candidate) =>
      typeof label === 'string' ? candidate.label === label : label.test(candidate.label),
    );
  if (!button) throw new Error(`No button ${String(label)} in ${JSON.stringify(messages)}`);
  return button.payload;
}
