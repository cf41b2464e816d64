import { downloadPhoto } from './download.ts';
import { type PhotoSource, PhotoUnavailableError } from './photo-sources.ts';

/**
 * Fetches photos from the direct address their platform gave (VK's largest size). Only http
 * and https are followed; a photo without an address is refused for good.
 */
export function createUrlPhotoSource(
  options: { timeoutMs?: number; maxBytes?: number } = {},
): PhotoSource {
  return {
    async fetch(photo) {
      if (photo.sourceUrl === null) {
        // LIMITATION: a VK photo whose address was not kept cannot be fetched; resolving its
        // attachment string through photos.getById would lift this.
        throw new PhotoUnavailableError('The photo has no address to fetch it from');
      }
      let url: URL;
      try {
        url = new URL(photo.sourceUrl);
      } catch {
        throw new PhotoUnavailableError('The photo address is not a URL');
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        throw new PhotoUnavailableError('The photo address is not http or https');
      }
      // LIMITATION: the address is trusted not to point inside our network, because it comes
      // from the platform's API and never from what a resident typed.
      return downloadPhoto(url.href, { ...options, what: 'The photo address' });
    },
  };
}
