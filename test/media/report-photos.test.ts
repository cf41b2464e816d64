import { describe, expect, it } from 'vitest';
import {
  photoForChannel,
  photosForChannel,
  reportPhotoRef,
} from '../../core/media/report-photos.ts';

const fromTelegram = { channel: 'telegram' as const, fileId: 'AgAC-1', storageKey: null };
const copied = { ...fromTelegram, storageKey: 'reports/7/0.jpg' };

describe('when a sender asks how to show a report photo', () => {
  it('uses the file reference on the platform the photo came from', () => {
    expect(photoForChannel(copied, 'telegram')).toBe('AgAC-1');
    expect(photoForChannel(fromTelegram, 'telegram')).toBe('AgAC-1');
    expect(photoForChannel('AgAC-plain', 'telegram')).toBe('AgAC-plain');
  });

  it('uses our copy on another platform, and nothing while there is none', () => {
    expect(photoForChannel(copied, 'vk')).toEqual({ storageKey: 'reports/7/0.jpg' });
    expect(photoForChannel(fromTelegram, 'vk')).toBeUndefined();
    expect(photosForChannel([fromTelegram, copied], 'vk')).toEqual([
      { storageKey: 'reports/7/0.jpg' },
    ]);
  });

  it('names a row as a MediaRef, with the copy only once it exists', () => {
    expect(reportPhotoRef(fromTelegram)).toEqual({ channel: 'telegram', fileId: 'AgAC-1' });
    expect(reportPhotoRef(copied)).toEqual({
      channel: 'telegram',
      fileId: 'AgAC-1',
      storageKey: 'reports/7/0.jpg',
    });
  });
});
