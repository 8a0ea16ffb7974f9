/**
 * What may never be an alias: a string that, with no context, could name more than one thing on a North Korea
 * article. Names are fine; bare surnames, bare titles and generic phrases are not.
 */

/** Korean, Chinese and Japanese surnames that the coverage names alone ("Kim said ..."). */
const BARE_SURNAMES = new Set(
  (
    'Kim Lee Yi Park Pak Choi Choe Jung Jeong Chung Kang Cho Jo Yoon Yun Moon Mun Ri Rhee Han Lim Im Oh Seo Suh ' +
    'Shin Kwon Hwang Ahn Song Hong Yoo Yu Ko Noh Roh Ha Jang Chang Jeon Chun Nam Baek Heo Wu Wang Xi Hu Li Zhang ' +
    'Liu Abe Kishida Suga Ihara'
  ).split(' '),
);

/** Titles and phrases that name a different thing on every other page. */
const GENERIC = new Set([
  'the talks',
  'talks',
  'the summit',
  'summit',
  'the resolution',
  'resolution',
  'the sanctions',
  'sanctions',
  'nuclear test',
  'the nuclear test',
  'missile launch',
  'the envoy',
  'envoy',
  'special envoy',
  'special representative',
  'nuclear envoy',
  'foreign minister',
  'president',
  'the president',
  'leader',
  'chairman',
  'ambassador',
  'minister',
  'the deal',
  'the agreement',
  'the north',
  'the regime',
  'north korea',
  'south korea',
  'pyongyang',
  'seoul',
  'washington',
  'beijing',
  'tokyo',
  'moscow',
]);

/** Why `alias` is unsafe, or null when it is safe. */
export function aliasProblem(alias: string): string | null {
  const words = alias.trim().split(/\s+/);
  const lower = alias.trim().toLowerCase();
  if (words.length === 1 && BARE_SURNAMES.has(words[0])) return `"${alias}" is a bare surname`;
  if (GENERIC.has(lower) || GENERIC.has(lower.replace(/^the /, ''))) return `"${alias}" is a generic phrase`;
  if (words.length === 1 && /^\p{Ll}/u.test(alias)) return `"${alias}" is a single lower-case word`;
  if (alias.trim().length < 3) return `"${alias}" is too short to be unambiguous`;
  return null;
}

/**
 * The strings an alias matches: as written, and with a capital first letter when it starts in lower case
 * ("six-party talks" also at the start of a sentence).
 */
export function aliasForms(alias: string): string[] {
  const first = alias[0];
  const upper = first.toUpperCase();
  return first === upper ? [alias] : [alias, upper + alias.slice(1)];
}
