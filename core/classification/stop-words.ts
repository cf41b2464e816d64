/**
 * Russian words that say nothing about which category a report belongs to: function words,
 * pronouns and the polite formulas residents open and close with. Written with "е" for "ё",
 * since text is normalised before the lookup.
 */
export const RUSSIAN_STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'а без бы был была были было быть в вам вас весь во вот все всего всех вы где да даже для до ' +
    'добрый доброе его ее ей ему если есть еще же за здравствуйте и из или им их к как какой ко ' +
    'когда кто ли либо мне меня мы на над нам нас наш наша наше наши него нее ни них но ну о об ' +
    'он она они оно от очень по под пожалуйста при прошу просим с со так также там то того тоже ' +
    'той только том тот ту тут у уже уважаемые чем что чтобы эта эти это этого этой этом этот я'
  ).split(' '),
);
