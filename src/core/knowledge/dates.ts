/**
 * Partial ISO dates ("2006-10-09", "2014-11", "2003") stand for the days they cover. A fact dated "2014-11" began
 * on some day of November 2014; comparisons with an article's day use the first or the last of those days.
 */

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const isLeap = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/** The first day a partial date covers: "2014-11" → "2014-11-01". */
export function firstDay(date: string): string {
  const [year, month = '01', day = '01'] = date.split('-');
  return `${year}-${month}-${day}`;
}

/** The last day a partial date covers: "2014-02" → "2014-02-28", "2014" → "2014-12-31". */
export function lastDay(date: string): string {
  const [year, month, day] = date.split('-');
  if (day) return date;
  if (!month) return `${year}-12-31`;
  const m = Number(month);
  const days = m === 2 && !isLeap(Number(year)) ? 28 : DAYS_IN_MONTH[m - 1];
  return `${year}-${month}-${String(days).padStart(2, '0')}`;
}

/*
 * A card's "at the time" part claims only what is certain on the article's day, so a partial date counts by the
 * days it could mean: "2014-12" has surely begun only once December 2014 is over, a role "until 2014-11" is surely
 * still held only on 1 Nov 2014, and surely over only from 1 Dec 2014. In between a card claims neither.
 */

/** Had it surely begun by `day`? ("2014-12" has not on 12 Dec 2014: it may be later in the month.) */
export const begunBy = (date: string, day: string): boolean => lastDay(date) <= day;

/** Was it surely still running on `day`? ("until 2014-11" is not on 5 Nov 2014: it may have ended on the 2nd.) */
export const stillOn = (until: string | undefined, day: string): boolean =>
  until === undefined || firstDay(until) >= day;

/** Had it surely ended before `day`? ("until 2014-11" has on 1 Dec 2014.) */
export const endedBy = (until: string | undefined, day: string): boolean => until !== undefined && lastDay(until) < day;

/** The same day a year earlier ("2026-12-01" → "2025-12-01"; 29 Feb → 28 Feb). */
export function yearBefore(day: string): string {
  const year = String(Number(day.slice(0, 4)) - 1);
  const rest = day.slice(4) === '-02-29' ? '-02-28' : day.slice(4);
  return `${year}${rest}`;
}
