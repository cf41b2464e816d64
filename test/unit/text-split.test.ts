import { describe, expect, it } from 'vitest';
import { splitText } from '../../core/text/split.ts';

describe('when a text is longer than a message may be', () => {
  it('keeps a short text whole', () => {
    expect(splitText('Яма у остановки', 4096)).toEqual(['Яма у остановки']);
  });

  it('cuts at paragraph, then line, then word boundaries within the limit', () => {
    const paragraph = 'слово '.repeat(500).trim();
    const pieces = splitText(`${paragraph}\n\n${paragraph}`, 4096);
    expect(pieces).toHaveLength(2);
    expect(pieces.every((piece) => piece.length <= 4096)).toBe(true);
    expect(pieces.join(' ')).toBe(`${paragraph} ${paragraph}`);
  });

  it('cuts a text without spaces hard, never splitting a surrogate pair', () => {
    const text = `${'а'.repeat(4095)}😀${'б'.repeat(10)}`;
    const pieces = splitText(text, 4096);
    expect(pieces[0]).toHaveLength(4095);
    expect(pieces[1]?.startsWith('😀')).toBe(true);
    expect(pieces.join('')).toBe(text);
  });

  it('splits 10,000 characters into pieces each within the limit', () => {
    const pieces = splitText('x'.repeat(10_000), 4096);
    expect(pieces.map((piece) => piece.length)).toEqual([4096, 4096, 1808]);
  });
});
