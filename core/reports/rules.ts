/** What a report must look like before we accept it; shared by every channel and the API. */
export const MAX_PHOTOS = 10;
export const MIN_DESCRIPTION_WORDS = 2;
export const MIN_DESCRIPTION_LENGTH = 8;
export const MAX_DESCRIPTION_LENGTH = 3000;
export const MIN_ADDRESS_LENGTH = 5;
export const MAX_ADDRESS_LENGTH = 300;

export type DescriptionCheck =
  | { ok: true; text: string }
  | { ok: false; problem: 'empty' | 'too_short' | 'too_long'; length: number };

/** A description must say something: at least two words and a few letters, within the limit. */
export function checkDescription(raw: string): DescriptionCheck {
  const text = raw.replace(/\s+/g, ' ').trim();
  const words = text.split(' ').filter((word) => /[\p{L}\p{N}]/u.test(word));

  if (words.length === 0) return { ok: false, problem: 'empty', length: text.length };
  if (text.length > MAX_DESCRIPTION_LENGTH) {
    return { ok: false, problem: 'too_long', length: text.length };
  }
  if (words.length < MIN_DESCRIPTION_WORDS || text.length < MIN_DESCRIPTION_LENGTH) {
    return { ok: false, problem: 'too_short', length: text.length };
  }
  return { ok: true, text };
}

export type AddressCheck =
  | { ok: true; text: string }
  | { ok: false; problem: 'too_short' | 'too_long' };

/** A typed address: something with letters, a sensible length. Placing it is routing's job. */
export function checkAddress(raw: string): AddressCheck {
  const text = raw.replace(/\s+/g, ' ').trim();
  if (text.length > MAX_ADDRESS_LENGTH) return { ok: false, problem: 'too_long' };
  if (text.length < MIN_ADDRESS_LENGTH || !/\p{L}/u.test(text)) {
    return { ok: false, problem: 'too_short' };
  }
  return { ok: true, text };
}
