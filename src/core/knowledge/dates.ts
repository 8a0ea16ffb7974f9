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

/** Had it begun by `day`? ("2014-12" counts as begun on 12 Dec 2014: a card errs towards "at the time".) */
export const begunBy = (date: string, day: string): boolean => firstDay(date) <= day;

/** Was it still running on `day`? ("until 2014-11" still runs on 5 Nov 2014.) */
export const stillOn = (until: string | undefined, day: string): boolean =>
  until === undefined || lastDay(until) >= day;
