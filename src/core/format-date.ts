/**
 * Dates as the reader's interface language writes them (Intl): "12 Dec 2014", "Dec 2014", "2014" in English;
 * "2014년 12월 12일", "2014년 12월", "2014년" in Korean. A partial ISO date shows only what it knows.
 */

const FORMATS = {
  day: { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' },
  month: { year: 'numeric', month: 'short', timeZone: 'UTC' },
  year: { year: 'numeric', timeZone: 'UTC' },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;

/** English keeps day-month-year order ("12 Dec 2014"), unambiguous for readers on both sides of the Atlantic. */
const localeFor = (lang: string): string => (lang.toLowerCase().startsWith('en') ? 'en-GB' : lang);

const cache = new Map<string, Intl.DateTimeFormat>();
function formatter(lang: string, precision: keyof typeof FORMATS): Intl.DateTimeFormat {
  const key = `${lang}|${precision}`;
  let format = cache.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(localeFor(lang), FORMATS[precision]);
    cache.set(key, format);
  }
  return format;
}

export function formatDate(iso: string, lang = 'en'): string {
  const [year, month, day] = iso.split('-').map(Number);
  const precision = day ? 'day' : month ? 'month' : 'year';
  return formatter(lang, precision).format(new Date(Date.UTC(year, (month || 1) - 1, day || 1)));
}

export function formatPeriod(from: string, until: string | undefined, lang = 'en'): string {
  return until ? `${formatDate(from, lang)} – ${formatDate(until, lang)}` : formatDate(from, lang);
}
