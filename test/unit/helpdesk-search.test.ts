import { describe, expect, it } from 'vitest';
import { CONFIDENT_HIT, createHelpSearch } from '../../core/helpdesk/search.ts';
import type { ArticleDoc } from '../../core/helpdesk/search-types.ts';
import { editDistance, TypoIndex } from '../../core/helpdesk/typos.ts';

const article = (
  id: number,
  question: string,
  phrasings: string[],
  tags: string[],
  answer: string,
): ArticleDoc => ({ id, question, phrasings, tags, answer });

const HEATING = 1;
const HOT_WATER = 2;
const COLD_WATER = 3;
const RUBBISH = 4;
const SNOW = 5;
const BUS = 6;
const FARE = 7;
const EMERGENCY = 8;
const PASSPORT = 9;
const DOCTOR = 10;
const ELECTRICITY = 11;
const MANAGEMENT = 12;

const ARTICLES: ArticleDoc[] = [
  article(
    HEATING,
    'Почему нет отопления и когда его включат?',
    ['Не топят батареи', 'Холодные батареи в квартире', 'Когда начнётся отопительный сезон'],
    ['отопление', 'батареи'],
    'Отопительный сезон начинается, когда среднесуточная температура пять дней ' +
      'подряд ниже +8 °C. Если батареи холодные, сообщите в управляющую компанию.',
  ),
  article(
    HOT_WATER,
    'Когда дадут горячую воду?',
    ['Отключили горячую воду', 'Плановое отключение горячего водоснабжения'],
    ['горячая вода', 'водоснабжение'],
    'Летом горячую воду отключают для ремонта сетей, не больше чем на 14 дней в году.',
  ),
  article(
    COLD_WATER,
    'Нет холодной воды — что делать?',
    ['Пропала вода в кране', 'Ржавая вода из крана'],
    ['холодная вода', 'водопровод'],
    'Если вода пропала без предупреждения, звоните в аварийную службу управляющей компании.',
  ),
  article(
    RUBBISH,
    'Когда вывозят мусор?',
    ['График вывоза мусора', 'Куда выбросить крупногабаритный мусор'],
    ['мусор', 'отходы'],
    'Отходы вывозит региональный оператор: летом ежедневно, зимой не реже раза в три ' +
      'дня. Старую мебель оставляют на площадке для крупногабаритного мусора.',
  ),
  article(
    SNOW,
    'Кто убирает снег во дворе?',
    ['Не чистят снег', 'Сосульки на крыше', 'Гололёд на тротуаре'],
    ['снег', 'уборка', 'наледь'],
    'Двор и крышу очищает управляющая компания, улицы и тротуары — городские службы.',
  ),
  article(
    BUS,
    'Как узнать расписание автобусов?',
    ['Где посмотреть, когда придёт автобус', 'Маршруты общественного транспорта'],
    ['автобус', 'расписание'],
    'Расписание публикует перевозчик; время прибытия показывают приложения с картами транспорта.',
  ),
  article(
    FARE,
    'Как оплатить проезд?',
    ['Транспортная карта', 'Льготный проезд для пенсионеров'],
    ['проезд', 'оплата', 'льготы'],
    'Проезд оплачивают наличными, банковской или транспортной картой. Льготную карту ' +
      'оформляют пенсионерам и школьникам.',
  ),
  article(
    EMERGENCY,
    'По какому номеру вызвать скорую, полицию или пожарных?',
    ['Единый номер экстренных служб', 'Телефон 112'],
    ['112', 'экстренные службы'],
    'Единый номер — 112, звонок бесплатный даже без денег на счёте. Пожарные — 101, ' +
      'полиция — 102, скорая — 103, газовая служба — 104.',
  ),
  article(
    PASSPORT,
    'Как получить или заменить паспорт?',
    ['Замена паспорта в 20 и 45 лет', 'Потерял паспорт'],
    ['паспорт', 'документы'],
    'Заявление подают через Госуслуги или в МФЦ. Паспорт меняют в 20 и 45 лет, при ' +
      'смене фамилии или утрате.',
  ),
  article(
    DOCTOR,
    'Как записаться к врачу?',
    ['Запись в поликлинику', 'Вызвать врача на дом'],
    ['врач', 'поликлиника'],
    'Записаться можно через Госуслуги, по телефону регистратуры или в поликлинике.',
  ),
  article(
    ELECTRICITY,
    'Нет света — куда звонить?',
    ['Отключили электричество', 'Пропало электричество в доме'],
    ['электричество', 'свет'],
    'Если свет пропал во всём доме, звоните в аварийную службу управляющей компании.',
  ),
  article(
    MANAGEMENT,
    'Как узнать свою управляющую компанию?',
    ['Кто обслуживает мой дом', 'Куда жаловаться на управляющую компанию'],
    ['управляющая компания', 'ЖКХ'],
    'Управляющую компанию можно найти в ГИС ЖКХ по адресу или в квитанции. Жалобу ' +
      'подают в жилищную инспекцию.',
  ),
];

const search = createHelpSearch(ARTICLES);
const first = (question: string) => search.search(question)[0];

describe('when a resident asks in their own words', () => {
  it.each([
    ['батареи ледяные, когда дадут тепло', HEATING],
    ['по каким дням забирают мусор', RUBBISH],
    ['кто должен чистить двор от снега', SNOW],
    ['во сколько ходит автобус', BUS],
    ['как вызвать полицию с мобильного', EMERGENCY],
    ['мне исполнилось 45, как поменять паспорт', PASSPORT],
    ['хочу записаться в поликлинику к терапевту', DOCTOR],
    ['вырубили электричество во всём доме', ELECTRICITY],
    ['куда пожаловаться на управляющую компанию', MANAGEMENT],
  ])('finds the right article first for "%s"', (question, expected) => {
    expect(first(question)?.articleId).toBe(expected);
  });
});

describe('when the question has typos', () => {
  it.each([
    ['атопление когда включат', HEATING],
    ['гарячая вода когда будет', HOT_WATER],
    ['расписание автобусоф', BUS],
    ['записатся к врачю', DOCTOR],
    ['потерял паспрот', PASSPORT],
  ])('still finds the article for "%s"', (question, expected) => {
    expect(first(question)?.articleId).toBe(expected);
  });

  it('counts a corrected word for less than a correct one', () => {
    const right = first('отопление');
    const misspelt = first('атопление');
    expect(misspelt?.articleId).toBe(right?.articleId);
    expect(misspelt?.score).toBeLessThan(right?.score ?? 0);
  });
});

describe('when "ё" is written as "е" or the words are reordered', () => {
  it('finds the same article with and without "ё"', () => {
    expect(first('гололед на тротуаре')?.articleId).toBe(SNOW);
    expect(first('гололёд на тротуаре')?.articleId).toBe(SNOW);
    expect(first('когда начнется отопительный сезон')?.score).toBeCloseTo(
      first('когда начнётся отопительный сезон')?.score ?? 0,
    );
  });

  it('ranks the same whatever the word order', () => {
    const straight = search.search('отключили горячую воду');
    const reordered = search.search('воду горячую отключили');
    expect(reordered).toEqual(straight);
    expect(straight[0]?.articleId).toBe(HOT_WATER);
  });
});

describe('when ranking and scoring', () => {
  it('lists an article once, however many of its phrasings match', () => {
    const hits = search.search('батареи холодные не топят отопление', 3);
    const ids = hits.map((hit) => hit.articleId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids[0]).toBe(HEATING);
  });

  it('returns at most `limit` hits, best first, with confidence in [0, 1]', () => {
    const hits = search.search('вода горячая холодная отключение свет', 2);
    expect(hits).toHaveLength(2);
    expect(hits[0]?.score).toBeGreaterThanOrEqual(hits[1]?.score ?? 0);
    for (const hit of hits) {
      expect(hit.confidence).toBeGreaterThanOrEqual(0);
      expect(hit.confidence).toBeLessThanOrEqual(1);
    }
  });

  it('is confident about a question an article asks almost word for word', () => {
    expect(first('как записаться к врачу')?.confidence).toBeGreaterThanOrEqual(CONFIDENT_HIT);
    expect(first('телефон 112')?.confidence).toBeGreaterThanOrEqual(CONFIDENT_HIT);
  });

  it.each(['как приготовить борщ', 'какая погода будет завтра', 'посоветуйте хороший фильм'])(
    'is not confident about an unrelated question: "%s"',
    (question) => {
      expect(first(question)?.confidence ?? 0).toBeLessThan(CONFIDENT_HIT);
    },
  );

  it('finds nothing in a question made of stop words or punctuation', () => {
    expect(search.search('а как же это?!')).toEqual([]);
    expect(search.search('')).toEqual([]);
    expect(search.size).toBe(ARTICLES.length);
  });
});

describe('when matching misspelt stems', () => {
  const index = new TypoIndex(['отоплен', 'горяч', 'автобус', 'поликлиник']);

  it('finds stems within the allowed edits and no further', () => {
    expect(index.nearest('атоплен', 1)).toEqual([{ stem: 'отоплен', distance: 1 }]);
    expect(index.nearest('паликлинек', 2)).toEqual([{ stem: 'поликлиник', distance: 2 }]);
    expect(index.nearest('автбс', 1)).toEqual([]);
    expect(index.nearest('горяч', 0)).toEqual([]);
  });

  it('counts a swap of neighbouring letters as one edit', () => {
    expect(editDistance('паспрот', 'паспорт', 2)).toBe(1);
    expect(editDistance('снег', 'сосульк', 2)).toBe(3);
  });
});
