/**
 * The build's check that the data is true on every date it is shown for. A card's "at the time" part (summary, role
 * lines, the article's note, the facts before the article) must name nothing later than the article:
 * - a summary variant is shown from its `from` (or from the first page that can mark the entity), so it names no
 *   date after that, and a summary for all dates says nothing of an end ("former", "later", "until");
 * - a fact and its caveat name no date after the fact's own, except provisions it lists as `scheduled`;
 * - an entity's name names no date after the first page that can mark it;
 * - a role's title names no date after the role began;
 * - a sheet's note names no date after its article.
 */

import { mentionsAfter } from './date-mentions';
import { lastDay } from './dates';
import type { ArticleSheet, Entity, SummaryVariant } from './schema';
import { koreaDateOfIso } from '../page/article-identity';

/** The earliest page date the extension accepts (older dates are treated as unknown). */
export const EARLIEST_PAGE_DATE = '1990-01-01';

/** Words that tell of a later end or career: a summary for every date cannot use them. */
const LATER_WORDS = /\b(?:former|formerly|later|until|retired|died|ex-|since then)\b/i;
/** Words that narrate beyond a fact's own date. */
const NARRATES_LATER = /\b(?:later|subsequently|eventually|went on to)\b/i;

type Add = (field: string, message: string) => void;

const yearOf = (date: string): string => date.slice(0, 4);

/**
 * The first page date on which `entity` can be marked: the earliest start of an alias window (an alias without one
 * marks it on any page), or the date of the earliest sheet that links it.
 */
export function earliestMarkable(entity: Entity, sheetDates: readonly string[]): string {
  const starts = entity.aliases.map((alias) =>
    typeof alias === 'string' || alias.from === undefined ? EARLIEST_PAGE_DATE : lastDay(alias.from),
  );
  return [...starts, ...sheetDates].sort()[0] ?? '9999-12-31';
}

/** The summary's variants, oldest first; a single string is one variant for every date. */
export const summaryVariants = (entity: Pick<Entity, 'summary'>): SummaryVariant[] =>
  typeof entity.summary === 'string' ? [{ text: entity.summary }] : entity.summary;

function later(text: string, shownFrom: string, add: Add, field: string, allowed: readonly string[] = []): void {
  for (const mention of mentionsAfter(text, shownFrom, yearOf(shownFrom))) {
    if (allowed.some((date) => mention.date.startsWith(date) || date.startsWith(mention.date))) continue;
    add(field, `names ${mention.text} (${mention.date}), later than ${shownFrom}, when it is first shown`);
  }
}

export function checkEntityTime(entity: Entity, sheetDates: readonly string[], add: Add): void {
  const markable = earliestMarkable(entity, sheetDates);
  // The name heads every card: "Fifth nuclear test (9 September 2016)" can only head cards from that day on.
  later(entity.name, markable, add, 'name');
  const variants = summaryVariants(entity);
  const single = typeof entity.summary === 'string';
  variants.forEach((variant, i) => {
    const field = single ? 'summary' : `summary[${i}]`;
    if (i > 0 && variant.from === undefined) add(`${field}.from`, 'only the first variant may leave out from');
    const previous = variants[i - 1]?.from;
    if (variant.from && previous && lastDay(variant.from) <= lastDay(previous)) {
      add(`${field}.from`, 'keep variants oldest first');
    }
    const shownFrom = variant.from && lastDay(variant.from) > markable ? lastDay(variant.from) : markable;
    later(variant.text, shownFrom, add, single ? field : `${field}.text`);
    if (variant.from === undefined && LATER_WORDS.test(variant.text)) {
      const word = LATER_WORDS.exec(variant.text)?.[0];
      add(single ? field : `${field}.text`, `"${word}" tells of a later end or career: give a dated variant instead`);
    }
  });

  (entity.roles ?? []).forEach((role, i) => {
    later(role.title, lastDay(role.from), add, `roles[${i}].title`);
  });

  entity.facts.forEach((fact, i) => {
    const field = `facts[${i}]`;
    const own = lastDay(fact.date);
    later(fact.text, own, add, `${field}.text`, fact.scheduled);
    // A caveat is read beside the fact, "at the time" too: it says where sources disagree, not what came next.
    if (fact.caveat) later(fact.caveat, own, add, `${field}.caveat`, fact.scheduled);
    if (NARRATES_LATER.test(fact.text)) {
      add(`${field}.text`, `"${NARRATES_LATER.exec(fact.text)?.[0]}" narrates past the fact's date: split it`);
    }
    (fact.scheduled ?? []).forEach((date, j) => {
      if (lastDay(date) <= own) add(`${field}.scheduled[${j}]`, `${date} is not after the fact's date`);
      if (!mentionsAfter(fact.text, own, yearOf(own)).some((m) => m.date.startsWith(date) || date.startsWith(m.date))) {
        add(`${field}.scheduled[${j}]`, `the text does not name ${date}`);
      }
    });
  });
}

export function checkSheetTime(sheet: ArticleSheet, add: Add): void {
  const date = koreaDateOfIso(sheet.article.published);
  if (!date) return;
  sheet.entities.forEach((link, i) => {
    if (link.note) later(link.note, date, add, `entities[${i}] (${link.id}).note`);
  });
}
