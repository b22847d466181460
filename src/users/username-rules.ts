/**
 * Usernames as Django's AbstractBaseUser.normalize_username stores them: NFKC, so a fullwidth
 * `ｂob` is `bob`. Applied at registration and by the CLI; login matches exactly (as Django does).
 */
export function normalizeUsername(username: string): string {
  return username.normalize('NFKC');
}

/** Scripts told apart; letters of any other script count as one more, "Other" (not told apart among themselves). */
const SCRIPTS: [string, RegExp][] = [
  ['Latin', /\p{Script=Latin}/u],
  ['Cyrillic', /\p{Script=Cyrillic}/u],
  ['Greek', /\p{Script=Greek}/u],
  ['Armenian', /\p{Script=Armenian}/u],
  ['Georgian', /\p{Script=Georgian}/u],
  ['Hebrew', /\p{Script=Hebrew}/u],
  ['Arabic', /\p{Script=Arabic}/u],
  ['Devanagari', /\p{Script=Devanagari}/u],
  ['Thai', /\p{Script=Thai}/u],
  ['Han', /\p{Script=Han}/u],
  ['Hiragana', /\p{Script=Hiragana}/u],
  ['Katakana', /\p{Script=Katakana}/u],
  ['Hangul', /\p{Script=Hangul}/u],
  ['Bopomofo', /\p{Script=Bopomofo}/u],
];
/** Digits, punctuation and combining marks belong to no script of their own. */
const SCRIPTLESS = /[\p{Script=Common}\p{Script=Inherited}]/u;
/** UTS #39 "highly restrictive": one script, or Latin with the scripts written together in CJK. */
const ALLOWED_MIXES = [
  ['Latin', 'Han', 'Hiragana', 'Katakana'],
  ['Latin', 'Han', 'Hangul'],
  ['Latin', 'Han', 'Bopomofo'],
];

/** The scripts of a username's letters (Common and Inherited characters left out). */
export function scriptsOf(username: string): Set<string> {
  const found = new Set<string>();
  for (const ch of username) {
    if (SCRIPTLESS.test(ch)) continue;
    found.add(SCRIPTS.find(([, re]) => re.test(ch))?.[0] ?? 'Other');
  }
  return found;
}

/**
 * True when letters of several scripts are mixed the way confusables are (`аlice`: Cyrillic а +
 * Latin), per UTS #39's "highly restrictive" level; Japanese, Chinese and Korean mixes with Latin pass.
 */
export function mixesScripts(username: string): boolean {
  const scripts = [...scriptsOf(username)];
  if (scripts.length <= 1) return false;
  return !ALLOWED_MIXES.some((mix) => scripts.every((s) => mix.includes(s)));
}
