import natural from 'natural';
import { normaliseText } from '../classification/text-features.ts';

/**
 * Tells a problem report ("у нас во дворе яма") from a question ("как записаться к врачу"), so
 * the help desk can offer to file it as a report. A few explainable rules, counted as points:
 *
 * - question: an asking word anywhere ("как", "куда", "где", "можно ли", "подскажите") scores
 *   2, a question mark 1. "Почему" and "когда починят" are not asking words here: residents
 *   complain with them.
 * - problem: a broken or missing thing ("нет воды", "не горит", "яма", "течёт"), a place of
 *   one's own ("у нас", "во дворе", "в подъезде", "по адресу"), and how long it has lasted
 *   ("третий день", "неделю", "до сих пор") score 1 each.
 * - words after "если" or "в случае" are hypothetical: "куда звонить, если нет воды" asks.
 *
 * A text is a report when its problem points reach two and are not fewer than its question
 * points, or when it has a problem point and no question point at all.
 */
export function looksLikeProblemReport(text: string): boolean {
  const { question, problem } = intentPoints(text);
  return (problem >= 2 && problem >= question) || (problem >= 1 && question === 0);
}

/** The points each rule gave, for explaining a decision and for tests. */
export function intentPoints(text: string): { question: number; problem: number } {
  const words = normaliseText(text).split(' ').filter(Boolean);
  const conditional = words.findIndex((word) => CONDITIONAL.has(word));
  const asserted = conditional >= 0 ? words.slice(0, conditional) : words;
  const joined = ` ${asserted.join(' ')} `;

  let question = text.includes('?') ? 1 : 0;
  if (
    words.some((word) => ASKING_WORDS.has(word)) ||
    ASKING_PHRASES.some((p) => ` ${words.join(' ')} `.includes(p))
  ) {
    question += 2;
  }

  let problem = 0;
  if (asserted.some((word, at) => isBrokenOrMissing(word, asserted[at - 1]))) problem += 1;
  if (PLACE_PHRASES.some((phrase) => joined.includes(phrase))) problem += 1;
  if (DURATION_PHRASES.some((phrase) => joined.includes(phrase))) problem += 1;
  return { question, problem };
}

const ASKING_WORDS = new Set(
  (
    'как куда где когда зачем сколько какой какая какое какие каким какую кто кому чем ' +
    'подскажите скажите объясните расскажите подскажи можно нужно ли'
  ).split(' '),
);

// "Когда" asks about a schedule; "когда уже починят" complains, so it is left to the problem
// rules to outweigh.
const ASKING_PHRASES = [' что делать ', ' что нужно ', ' хочу узнать ', ' не подскажете '];

const CONDITIONAL = new Set(['если', 'случае', 'при']);

// Stems of words that name damage or a nuisance by themselves.
const DAMAGE_STEMS = new Set(
  (
    'ям прова прорва протека протечк течет теч затоп залив слома разб разбит сорва упа ' +
    'повал свалк гряз налед сосульк вонюч воня зап шум засор забит авар трещин выбоин дыр ' +
    'завал луж'
  ).split(' '),
);

// Verbs that, after "не", report something not working or not done.
const NEGATED_STEMS = new Set(
  (
    'гор работа убира убра вывоз вывез чист почист греет грет топ приезжа отвеча ход ' +
    'включа включ дают да'
  ).split(' '),
);

function isBrokenOrMissing(word: string, previous: string | undefined): boolean {
  const stem = natural.PorterStemmerRu.stem(word);
  if (previous === 'не' && NEGATED_STEMS.has(stem)) return true;
  if (word === 'нет' || word === 'отсутствует' || word === 'пропала' || word === 'пропал') {
    return true;
  }
  return (
    DAMAGE_STEMS.has(stem) ||
    [...DAMAGE_STEMS].some((damage) => damage.length >= 5 && stem.startsWith(damage))
  );
}

const PLACE_PHRASES = [
  ' у нас ',
  ' во дворе ',
  ' в нашем ',
  ' в нашей ',
  ' нашего дома ',
  ' в подъезде ',
  ' на улице ',
  ' по адресу ',
  ' возле дома ',
  ' у дома ',
  ' около дома ',
  ' напротив ',
  ' в квартире ',
  ' на остановке ',
  ' на перекрестке ',
];

const DURATION_PHRASES = [
  ' день ',
  ' дня ',
  ' дней ',
  ' неделю ',
  ' недели ',
  ' месяц ',
  ' месяца ',
  ' до сих пор ',
  ' который ',
  ' с утра ',
  ' со вчерашнего ',
  ' опять ',
  ' снова ',
  ' постоянно ',
];
