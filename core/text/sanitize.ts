/**
 * Makes JSON from a platform storable: PostgreSQL refuses the NUL character and unpaired
 * UTF-16 surrogates in text and jsonb, so one stray character would make an update (and the
 * resident's report) impossible to save. Both become U+FFFD, the replacement character.
 */
export function storableText(text: string): string {
  return text.toWellFormed().replaceAll('\u0000', '\uFFFD');
}

/** A copy of a JSON value with every string (keys included) made storable. */
export function storableJson<T>(value: T): T {
  return clean(value) as T;
}

function clean(value: unknown): unknown {
  if (typeof value === 'string') return storableText(value);
  if (Array.isArray(value)) return value.map(clean);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [storableText(key), clean(inner)]),
    );
  }
  return value;
}
