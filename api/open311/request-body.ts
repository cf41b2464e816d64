import { z } from 'zod';

/** Form posts carry every value as a string, and an empty field as "": both mean "not given". */
const blank = (value: unknown) => (value === '' || value === null ? undefined : value);

const text = (max: number) => z.preprocess(blank, z.string().max(max).optional());

const coordinate = (limit: number) =>
  z.preprocess(
    (value) => (typeof value === 'string' && value !== '' ? Number(value) : blank(value)),
    z.number().min(-limit).max(limit).optional(),
  );

const required = (issue: { input?: unknown }) =>
  issue.input === undefined ? 'is required' : 'must be text';

/** Fields a client may send about its user; accepted as the spec allows, never kept. */
const discarded = z.preprocess(
  blank,
  z.string().max(500).optional().describe('Accepted and discarded: never stored or logged'),
);

/** POST requests.json, form-urlencoded or JSON, with the spec's field names. */
export const filingBody = z.object({
  api_key: text(200).describe('An admin API token: official, head, dispatcher or admin'),
  jurisdiction_id: text(100),
  service_code: z.string({ error: required }).min(1).max(64),
  lat: coordinate(90),
  long: coordinate(180),
  address_string: text(300),
  address_id: text(100).describe('Not used: we have no address registry'),
  description: z
    .string({ error: 'is required' })
    .max(3000, 'description may have at most 3000 characters'),
  media_url: text(2000).describe('Accepted, not kept: we do not fetch photos from elsewhere'),
  email: discarded,
  device_id: discarded,
  account_id: discarded,
  first_name: discarded,
  last_name: discarded,
  phone: discarded,
});

export type FilingBody = z.infer<typeof filingBody>;
