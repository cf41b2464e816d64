import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PhotoUnavailableError } from '../../core/media/photo-sources.ts';
import { createUrlPhotoSource } from '../../core/media/url-source.ts';

const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46]);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]);
const WEBP = Buffer.from('RIFF\x10\x00\x00\x00WEBPVP8 ', 'latin1');
const CAP = 1_000;

let server: Server;
let root: string;
const hanging: ServerResponse[] = [];

/** A photo host on loopback: each path is one way a host can answer. */
const routes: Record<string, (res: ServerResponse) => void> = {
  '/named.jpg': (res) => res.writeHead(200, { 'content-type': 'image/jpeg' }).end(JPEG),
  '/octet': (res) => res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(WEBP),
  '/unnamed': (res) => res.writeHead(200).end(PNG),
  '/unknown': (res) => res.writeHead(200).end(Buffer.from('plain bytes')),
  '/declared-big': (res) =>
    res.writeHead(200, { 'content-length': CAP + 1 }).end(Buffer.alloc(CAP + 1)),
  '/streamed-big': (res) => {
    // No length header: the cap has to hold while reading.
    res.writeHead(200, { 'transfer-encoding': 'chunked' });
    res.write(Buffer.alloc(CAP / 2));
    res.write(Buffer.alloc(CAP / 2));
    res.end(Buffer.alloc(CAP / 2));
  },
  '/gone': (res) => res.writeHead(404).end(),
  '/busy': (res) => res.writeHead(503).end(),
  '/silent': (res) => {
    hanging.push(res);
  },
};

beforeAll(async () => {
  server = createServer((req, res) => {
    const route = routes[req.url ?? ''];
    if (route) route(res);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  root = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const res of hanging) res.destroy();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const source = createUrlPhotoSource({ maxBytes: CAP, timeoutMs: 200 });
const fetchAt = (path: string) => source.fetch({ fileId: 'photo1_2_key', sourceUrl: root + path });

describe('when a photo is fetched from its direct address', () => {
  it('takes the type the response names', async () => {
    expect(await fetchAt('/named.jpg')).toEqual({ bytes: JPEG, contentType: 'image/jpeg' });
  });

  it('tells the type from the bytes when the response names none or octet-stream', async () => {
    expect((await fetchAt('/octet')).contentType).toBe('image/webp');
    expect((await fetchAt('/unnamed')).contentType).toBe('image/png');
    expect((await fetchAt('/unknown')).contentType).toBe('application/octet-stream');
  });
});

describe('when the host refuses or misbehaves', () => {
  it('refuses for good a file over the cap, declared or streamed', async () => {
    await expect(fetchAt('/declared-big')).rejects.toBeInstanceOf(PhotoUnavailableError);
    await expect(fetchAt('/streamed-big')).rejects.toBeInstanceOf(PhotoUnavailableError);
  });

  it('refuses for good a file that is not there', async () => {
    await expect(fetchAt('/gone')).rejects.toBeInstanceOf(PhotoUnavailableError);
  });

  it('fails for a retry when the host is busy or silent', async () => {
    const busy = await fetchAt('/busy').catch((err: unknown) => err);
    expect(busy).toBeInstanceOf(Error);
    expect(busy).not.toBeInstanceOf(PhotoUnavailableError);
    const silent = await fetchAt('/silent').catch((err: unknown) => err);
    expect(silent).not.toBeInstanceOf(PhotoUnavailableError);
    expect((silent as Error).message).toMatch(/took over 200 ms/);
  });

  it('fails for a retry when nothing listens', async () => {
    const down = createUrlPhotoSource({ timeoutMs: 2_000 });
    const err = await down
      .fetch({ fileId: 'x', sourceUrl: 'http://127.0.0.1:1/a.jpg' })
      .catch((e: unknown) => e);
    expect(err).not.toBeInstanceOf(PhotoUnavailableError);
    expect((err as Error).message).toMatch(/could not be reached/);
  });

  it('refuses for good an address that is missing or not http', async () => {
    for (const sourceUrl of [null, 'file:///etc/passwd', 'ftp://127.0.0.1/a.jpg', 'not a url']) {
      await expect(source.fetch({ fileId: 'x', sourceUrl })).rejects.toBeInstanceOf(
        PhotoUnavailableError,
      );
    }
  });
});
