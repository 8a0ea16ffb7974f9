/**
 * The dates a text names, at the precision it names them: "3 September 2017" is a day, "September 2017" a month,
 * "2017" a year. A day or month without a year ("sworn in on 21 December") takes the year last named before it,
 * else the text's own year. This is what lets the build say that a summary or a fact narrates nothing later than
 * the date it is shown for.
 */

import { firstDay } from './dates';

export interface DateMention {
  /** As named: "2017-09-03", "2017-09" or "2017". */
  date: string;
  /** The words that named it. */
  text: string;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** "Sept", "Sep.", "September" → 9 (the pattern below admits only real month names and their usual short forms). */
const monthNumber = (word: string): number => MONTHS.indexOf(word.slice(0, 3).toLowerCase()) + 1;

const MONTH = String.raw`(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?`;
/**
 * Years a text can mean: 1900-2039. Four-digit resolution numbers (2087, 2270, 2397, ...) fall outside, and the
 * few that fall inside (1928, 1985) are early enough never to read as later than anything.
 */
const YEAR = String.raw`(?:19\d\d|20[0-3]\d)`;
const DAY = String.raw`(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?`;

/**
 * One pass, longest form first: "3 September 2017", "September 3, 2017", "September 2017", "3 September",
 * "September 3", then a bare year. Words like "May" count only beside a day or a year.
 */
const PATTERN = new RegExp(
  [
    String.raw`(?<d1>${DAY})\s+(?<m1>${MONTH})(?:,?\s+(?<y1>${YEAR}))?(?!\w)`,
    String.raw`(?<m2>${MONTH})\s+(?<d2>${DAY})(?:,\s*(?<y2>${YEAR}))?(?!\w)`,
    String.raw`(?<m3>${MONTH}),?\s+(?<y3>${YEAR})(?!\w)`,
    String.raw`(?<r1>${YEAR})[-–](?<r2>\d\d)(?!\d)`,
    String.raw`(?<y4>${YEAR})(?:s\b)?(?!\w)`,
  ]
    .map((form) => String.raw`(?<![\w.,])${form}`)
    .join('|'),
  'g',
);

const pad = (n: number): string => String(n).padStart(2, '0');

/** Every date `text` names, in order. `ownYear` stands in for a missing year before any is named. */
export function dateMentions(text: string, ownYear: string): DateMention[] {
  const found: DateMention[] = [];
  let year = ownYear;
  for (const match of text.matchAll(PATTERN)) {
    const g = match.groups ?? {};
    const monthWord = g.m1 ?? g.m2 ?? g.m3;
    const dayWord = g.d1 ?? g.d2;
    const yearWord = g.y1 ?? g.y2 ?? g.y3 ?? g.y4;
    if (g.r1 && g.r2) {
      // "2006-07": both years, the second written short.
      year = `${g.r1.slice(0, 2)}${g.r2}`;
      found.push({ date: g.r1, text: match[0] }, { date: year, text: match[0] });
      continue;
    }
    if (yearWord && g.y4 && match[0].endsWith('s')) {
      // A decade ("the 1990s") names its first year at year precision.
      found.push({ date: yearWord, text: match[0] });
      continue;
    }
    if (yearWord) year = yearWord;
    if (!monthWord) {
      found.push({ date: year, text: match[0] });
      continue;
    }
    const month = monthNumber(monthWord);
    const day = dayWord ? Number(dayWord.replace(/\D+$/, '')) : null;
    found.push({ date: day ? `${year}-${pad(month)}-${pad(day)}` : `${year}-${pad(month)}`, text: match[0] });
  }
  return found;
}

/** The mentions in `text` that begin after `limit` (an ISO date of any precision, taken at its last day). */
export function mentionsAfter(text: string, limitLastDay: string, ownYear: string): DateMention[] {
  return dateMentions(text, ownYear).filter((m) => firstDay(m.date) > limitLastDay);
}
