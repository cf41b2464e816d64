import { createHash } from 'node:crypto';
import { invalidParam, VK_ERRORS, vkError } from './vk-api-errors.ts';
import type { UploadedPart, VkParams } from './vk-api-http.ts';
import { nextMediaId, randomKey, unixNow } from './vk-api-ids.ts';
import { fakePng, imageInfo } from './vk-api-image.ts';
import type { VkMethodHandler } from './vk-api-method.ts';

/**
 * Photos in messages, the VK way: photos.getMessagesUploadServer gives an upload URL, a
 * multipart POST of `photo` there answers {server, photo, hash}, and photos.saveMessagesPhoto
 * turns that into a photo owned by the community. Photos residents send are registered with
 * registerPhoto. Every size URL is served by the fake.
 */

export interface VkPhotoSize {
  type: string;
  url: string;
  width: number;
  height: number;
}

export interface VkPhoto {
  id: number;
  album_id: number;
  owner_id: number;
  access_key: string;
  date: number;
  text: string;
  has_tags: boolean;
  sizes: VkPhotoSize[];
  orig_photo: VkPhotoSize;
}

export interface PhotoRegistration {
  /** Who the photo belongs to: the resident who sent it. */
  ownerId?: number;
}

interface StoredFile {
  content: Uint8Array;
  contentType: string;
}

// VK's size letters with the longest side each may have; the original gets the next letter up.
const SIZE_STEPS: ReadonlyArray<readonly [string, number]> = [
  ['s', 75],
  ['m', 130],
  ['x', 604],
  ['y', 807],
  ['z', 1080],
  ['w', 2560],
];
const MESSAGES_ALBUM = -64;
const RESIDENT_MESSAGES_ALBUM = -3;
const UPLOAD_SERVER = 851_001;
export const DEFAULT_PHOTO_OWNER = 100_000_001;

export class VkPhotoStore {
  private readonly photos = new Map<string, VkPhoto>();
  private readonly files = new Map<string, StoredFile>();
  private readonly uploads = new Map<string, StoredFile>();
  private readonly uploadKeys = new Set<string>();

  constructor(
    private readonly baseUrl: () => string,
    private readonly groupId: number,
  ) {}

  methods(): Record<string, VkMethodHandler> {
    return {
      'photos.getMessagesUploadServer': () => this.uploadServer(),
      'photos.saveMessagesPhoto': (p) => this.save(p),
    };
  }

  /** A photo as if a resident had sent it; put it in a message_new event's attachments. */
  register(bytes?: Uint8Array, opts?: PhotoRegistration): VkPhoto {
    const id = nextMediaId();
    const content = bytes ?? fakePng(id);
    return this.store(opts?.ownerId ?? DEFAULT_PHOTO_OWNER, RESIDENT_MESSAGES_ALBUM, id, content);
  }

  /** Whether an attachment string such as "photo-1_2_key" names a photo the fake holds. */
  knows(attachment: string): boolean {
    const match = /^photo(-?\d+)_(\d+)(?:_([0-9a-z]+))?$/i.exec(attachment);
    if (match === null) return false;
    const photo = this.photos.get(`${match[1]}_${match[2]}`);
    return photo !== undefined;
  }

  /** The bytes behind a served URL path, if the fake holds them. */
  file(path: string): StoredFile | undefined {
    return this.files.get(path);
  }

  /**
   * Takes a POST to an upload URL; the answer goes back to the client as JSON, or undefined
   * for a URL photos.getMessagesUploadServer did not give.
   */
  acceptUpload(uploadKey: string, part: UploadedPart | undefined): unknown {
    if (!this.uploadKeys.has(uploadKey)) return undefined;
    const photo = part === undefined ? '[]' : this.keepUpload(part);
    return { server: UPLOAD_SERVER, photo, hash: hashOf(photo) };
  }

  reset(): void {
    this.photos.clear();
    this.files.clear();
    this.uploads.clear();
    this.uploadKeys.clear();
  }

  private uploadServer() {
    const uploadKey = randomKey();
    this.uploadKeys.add(uploadKey);
    const uploadUrl = `${this.baseUrl()}/upload/photo/${uploadKey}`;
    return { album_id: MESSAGES_ALBUM, upload_url: uploadUrl, user_id: 0, group_id: this.groupId };
  }

  private keepUpload(part: UploadedPart): string {
    const token = randomKey(12);
    const { contentType } = imageInfo(part.content);
    this.uploads.set(token, { content: Buffer.from(part.content), contentType });
    return JSON.stringify([{ photo: token, sizes: [], kid: randomKey(4) }]);
  }

  private save(params: VkParams): VkPhoto[] {
    const photo = params.photo ?? '';
    if (params.hash !== hashOf(photo)) throw vkError(VK_ERRORS.invalidHash);
    const token = uploadTokenOf(photo);
    const upload = token === undefined ? undefined : this.uploads.get(token);
    if (token === undefined || upload === undefined) throw invalidParam('photos_list is invalid');
    this.uploads.delete(token);
    return [this.store(-this.groupId, MESSAGES_ALBUM, nextMediaId(), upload.content)];
  }

  private store(ownerId: number, albumId: number, id: number, content: Uint8Array): VkPhoto {
    const { width, height, contentType } = imageInfo(content);
    const folder = `/userapi/${ownerId}_${id}_${randomKey(4)}`;
    const sizes = sizesOf(width, height).map(([type, w, h]) => {
      const path = `${folder}/${type}.${contentType === 'image/png' ? 'png' : 'jpg'}`;
      this.files.set(path, { content, contentType });
      return { type, url: `${this.baseUrl()}${path}`, width: w, height: h };
    });
    const largest = sizes.at(-1) as VkPhotoSize;
    const photo: VkPhoto = {
      id,
      album_id: albumId,
      owner_id: ownerId,
      access_key: randomKey(),
      date: unixNow(),
      text: '',
      has_tags: false,
      sizes,
      orig_photo: { ...largest, type: 'base' },
    };
    this.photos.set(`${ownerId}_${id}`, photo);
    return structuredClone(photo);
  }
}

/** Sizes from the smallest to the original, scaled to keep the proportions. */
function sizesOf(width: number, height: number): Array<[string, number, number]> {
  const longest = Math.max(width, height, 1);
  const sizes: Array<[string, number, number]> = [];
  for (const [type, limit] of SIZE_STEPS) {
    if (limit >= longest) return [...sizes, [type, width, height]];
    const scale = limit / longest;
    sizes.push([type, Math.round(width * scale), Math.round(height * scale)]);
  }
  // LIMITATION: a photo over 2560 px keeps its size in the last step; VK would shrink it.
  return [...sizes.slice(0, -1), ['w', width, height]];
}

function hashOf(photo: string): string {
  return createHash('md5').update(`fake-vk:${photo}`).digest('hex');
}

function uploadTokenOf(photo: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(photo);
    const first: unknown = Array.isArray(parsed) ? parsed[0] : undefined;
    const token = (first as { photo?: unknown } | undefined)?.photo;
    return typeof token === 'string' ? token : undefined;
  } catch {
    return undefined;
  }
}
