import type { Outgoing } from '../conversation/types.ts';
import type { Db } from '../db/client.ts';
import { LOCALES, type Locale, translator } from '../i18n/index.ts';
import { type Published, publishUpdate } from './publish.ts';

/**
 * The longest news text: with its heading it stays one message on both platforms (4096
 * characters), so each recipient costs one send of the platform's rate.
 */
export const MAX_NEWS_TEXT = 3_500;

/** News written by hand in the admin API, for the followers of one topic. */
export interface News {
  /** Names the news; publishing the same key again sends nothing. */
  key: string;
  topic: 'district_news' | 'volunteering';
  /** District news: the district whose followers get it, named in the heading. */
  district?: { id: number; name: string };
  title: string;
  /** The text in Russian, and in other locales where the author wrote one. */
  text: { ru: string } & Partial<Record<Locale, string>>;
  createdBy: { tokenId: number };
}

/** Publishes the news, each follower getting it in their language under the topic's heading. */
export async function publishNews(db: Db, news: News): Promise<Published | null> {
  if (news.topic === 'district_news' && !news.district) {
    throw new Error('District news needs the district it is for');
  }
  const messages = Object.fromEntries(
    LOCALES.map((locale): [Locale, Outgoing] => {
      const t = translator(locale);
      const heading =
        news.topic === 'district_news'
          ? t('broadcast-news-district', { district: news.district?.name ?? '' })
          : t('broadcast-news-volunteering');
      return [locale, { text: `${heading}\n\n${news.text[locale] ?? news.text.ru}` }];
    }),
  ) as Record<Locale, Outgoing>;
  return publishUpdate(db, {
    key: news.key,
    topic: news.topic,
    districtId: news.district?.id ?? null,
    title: news.title,
    messages,
    createdBy: news.createdBy,
  });
}
