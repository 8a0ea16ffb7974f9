/**
 * Which publication dates a page may claim. A page's date decides every card on it, so one that is not a real
 * calendar day, before the coverage the knowledge base is about, or beyond a year after its review, is treated as
 * no date at all (and the popup says so) rather than dating the cards to it.
 */
export const EARLIEST_PAGE_DATE = '1990-01-01';

export function pageDateAccepted(date: string, reviewed: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return false;
  const day = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  // "2014-02-30" rolls over to March: not a day the page can have been published on.
  if (Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== date) return false;
  const latest = `${Number(reviewed.slice(0, 4)) + 1}${reviewed.slice(4)}`;
  return date >= EARLIEST_PAGE_DATE && date <= latest;
}
