/** Dates on cards and in the timeline, in one unambiguous format: "9 Oct 2006", "Nov 2014", "2003". */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function formatDate(iso: string): string {
  const [year, month, day] = iso.split('-');
  if (!month) return year;
  const name = MONTHS[Number(month) - 1] ?? month;
  return day ? `${Number(day)} ${name} ${year}` : `${name} ${year}`;
}

export function formatPeriod(from: string, until?: string): string {
  return until ? `${formatDate(from)} – ${formatDate(until)}` : formatDate(from);
}
