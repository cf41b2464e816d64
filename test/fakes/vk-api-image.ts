import { crc32, deflateSync } from 'node:zlib';

/**
 * Picture bytes for the fake's photos: a real PNG of a given size in one colour (so files a
 * test stores are valid images, and two photos never have the same bytes), and the size and
 * type of bytes a test uploads (PNG and JPEG headers are read; anything else gets a default).
 */

export interface ImageInfo {
  width: number;
  height: number;
  contentType: string;
}

export const DEFAULT_WIDTH = 640;
export const DEFAULT_HEIGHT = 480;

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A PNG of width x height filled with a colour derived from `seed`. */
export function fakePng(seed: number, width = DEFAULT_WIDTH, height = DEFAULT_HEIGHT): Buffer {
  const colour = [seed & 0xff, (seed >> 8) & 0xff, (seed >> 16) & 0xff];
  const row = Buffer.alloc(1 + width * 3); // a filter byte, then RGB pixels
  for (let x = 0; x < width; x += 1) row.set(colour, 1 + x * 3);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits per channel, truecolour, no interlace
  return Buffer.concat([
    PNG_SIGNATURE,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(Array.from({ length: height }, () => row)))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

export function imageInfo(bytes: Uint8Array): ImageInfo {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer.subarray(0, 8).equals(PNG_SIGNATURE) && buffer.length >= 24) {
    return {
      width: buffer.readUInt32BE(16),
      height: buffer.readUInt32BE(20),
      contentType: 'image/png',
    };
  }
  if (buffer[0] === 0xff && buffer[1] === 0xd8) {
    return { ...(jpegSize(buffer) ?? defaultSize()), contentType: 'image/jpeg' };
  }
  return { ...defaultSize(), contentType: 'application/octet-stream' };
}

function defaultSize(): { width: number; height: number } {
  return { width: DEFAULT_WIDTH, height: DEFAULT_HEIGHT };
}

// A JPEG's size is in its first start-of-frame segment (markers C0-CF but C4, C8 and CC).
function jpegSize(buffer: Buffer): { width: number; height: number } | undefined {
  let at = 2;
  while (at + 9 < buffer.length && buffer[at] === 0xff) {
    const marker = buffer[at + 1] ?? 0;
    const isFrame = marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker);
    if (isFrame) return { height: buffer.readUInt16BE(at + 5), width: buffer.readUInt16BE(at + 7) };
    at += 2 + buffer.readUInt16BE(at + 2);
  }
  return undefined;
}
