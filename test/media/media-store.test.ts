import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createLocalMediaStore,
  MediaKeyError,
  type MediaStore,
  mediaExtension,
} from '../../core/media/media-store.ts';

let dir: string;
let store: MediaStore;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'oneclick-media-store-'));
  store = createLocalMediaStore(dir);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const jpeg = (fill: number) => Buffer.from([0xff, 0xd8, 0xff, 0xe0, fill, fill, fill]);

describe('when media is put and read back', () => {
  it('keeps the bytes under the key, with the type the extension names', async () => {
    await store.put('reports/1/0.jpg', jpeg(1), 'image/jpeg');
    expect(await store.get('reports/1/0.jpg')).toEqual({
      bytes: jpeg(1),
      contentType: 'image/jpeg',
    });
    expect(await readFile(join(dir, 'reports/1/0.jpg'))).toEqual(jpeg(1));
  });

  it('answers null for a key with nothing stored', async () => {
    expect(await store.get('reports/404/0.jpg')).toBeNull();
  });

  it('replaces a file whole and leaves no temporary file behind', async () => {
    await store.put('reports/2/0.png', Buffer.from('old'), 'image/png');
    await store.put('reports/2/0.png', Buffer.from('new bytes'), 'image/png; charset=binary');
    expect((await store.get('reports/2/0.png'))?.bytes.toString()).toBe('new bytes');
    expect(await readdir(join(dir, 'reports/2'))).toEqual(['0.png']);
  });

  it('keeps an unknown type as .bin, read back as octet-stream', async () => {
    expect(mediaExtension('image/avif')).toBe('bin');
    expect(mediaExtension('IMAGE/JPEG')).toBe('jpg');
    await store.put('reports/3/0.bin', Buffer.from('avif'), 'image/avif');
    expect((await store.get('reports/3/0.bin'))?.contentType).toBe('application/octet-stream');
  });
});

describe('when a key is not a plain relative path', () => {
  const bad = [
    '../escape.jpg',
    'reports/../../escape.jpg',
    '/etc/passwd.jpg',
    'reports//0.jpg',
    'reports/.hidden.jpg',
    'reports\\0.jpg',
    'reports/0',
    'reports/0.exe',
    '',
    `${'a/'.repeat(200)}0.jpg`,
  ];

  it.each(bad)('refuses to write %j', async (key) => {
    await expect(store.put(key, jpeg(0), 'image/jpeg')).rejects.toBeInstanceOf(MediaKeyError);
  });

  it.each(bad)('refuses to read %j', async (key) => {
    await expect(store.get(key)).rejects.toBeInstanceOf(MediaKeyError);
  });

  it('refuses bytes whose type the extension contradicts', async () => {
    await expect(store.put('reports/4/0.png', jpeg(0), 'image/jpeg')).rejects.toBeInstanceOf(
      MediaKeyError,
    );
  });
});
