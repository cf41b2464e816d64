import { RUSSIAN_STOP_WORDS } from '../classification/stop-words.ts';

/**
 * Words that say nothing about which article answers a question: the classifier's function
 * words plus the words residents ask with ("куда", "подскажите", "можно"). The report-intent
 * rules read question words themselves; search only needs them gone. Written with "е" for "ё".
 */
export const QUESTION_STOP_WORDS: ReadonlySet<string> = new Set([
  ...RUSSIAN_STOP_WORDS,
  ...(
    'куда откуда зачем почему сколько какая какие каким какую каков чей чья чье кого кому ' +
    'чего чему можно нужно надо ли бы подскажите скажите расскажите объясните узнать хочу ' +
    'хотел хотела хотелось интересует вопрос вообще сейчас теперь мой моя мое мои свой своя ' +
    'свои себя себе сам сама вам тебе ты твой спасибо заранее здравствуй привет день вечер ' +
    'утро подскажи скажи'
  ).split(' '),
]);
