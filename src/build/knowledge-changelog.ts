/** The knowledge part of a changelog section, as Markdown, from a diff of two snapshots of data/. */
import type { Correction, DatedItem, ItemChange, KnowledgeDiff } from './knowledge-diff';
import { isEmpty } from './knowledge-diff';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** "1 December 2026", "December 2026", "2026" for a full or partial ISO date. */
export function longDate(iso: string): string {
  const [year, month, day] = iso.split('-').map(Number);
  return [day ? String(day) : '', month ? MONTHS[month - 1] : '', String(year)].filter(Boolean).join(' ');
}

const period = (item: DatedItem) => {
  const start = item.date ?? item.from;
  if (!start) return '';
  return item.until ? `${longDate(start)} – ${longDate(item.until)}` : longDate(start);
};
const label = (item: DatedItem) => item.text ?? item.title ?? '';
const entityName = (change: { entity: { name: string; id: string } }) =>
  `${change.entity.name} (\`${change.entity.id}\`)`;
const plural = (n: number, word: string) =>
  `${n} ${n === 1 ? word : word.endsWith('y') ? `${word.slice(0, -1)}ies` : `${word}s`}`;

function itemLine(change: ItemChange): string {
  return `  - ${entityName(change)}, ${period(change.item) || 'undated'}: ${label(change.item)}`;
}

const FIELD_NAMES: Record<string, string> = {
  text: 'text',
  title: 'title',
  post: 'post',
  date: 'date',
  from: 'from',
  until: 'until',
};

function correctionLines(c: Correction): string[] {
  const lines = [`  - ${entityName(c)}, ${period(c.after) || 'undated'}: ${label(c.after)}`];
  for (const field of c.fields) {
    const was = c.before[field as keyof DatedItem];
    const now = c.after[field as keyof DatedItem];
    const show = (v: unknown) =>
      v === undefined ? '(none)' : field === 'text' || field === 'title' ? `"${v}"` : String(v);
    lines.push(`    - ${FIELD_NAMES[field]}: ${show(was)} → ${show(now)}`);
  }
  return lines;
}

function list<T>(title: string, items: T[], lines: (item: T) => string | string[]): string[] {
  if (items.length === 0) return [];
  return [`- ${title} (${items.length}):`, ...items.flatMap(lines)];
}

/** The Markdown of `diff`, headed `### Knowledge`. */
export function knowledgeChangelog(diff: KnowledgeDiff): string {
  const out = ['### Knowledge', ''];
  const { before, after } = diff.reviewed;
  if (after && before !== after) {
    out.push(`- Reviewed up to ${longDate(after)}${before ? ` (was ${longDate(before)})` : ''}.`);
  } else if (after) {
    out.push(`- Review date unchanged: ${longDate(after)}.`);
  }
  if (isEmpty(diff)) {
    out.push('- No change to the knowledge base.');
    return `${out.join('\n')}\n`;
  }
  out.push(
    ...list('Entities added', diff.entitiesAdded, (e) => {
      const roles = e.roles?.length ? `, ${plural(e.roles.length, 'role')}` : '';
      return `  - ${e.name} (\`${e.id}\`): ${plural(e.facts.length, 'fact')}${roles}`;
    }),
    ...list('Entities removed', diff.entitiesRemoved, (e) => `  - ${e.name} (\`${e.id}\`)`),
    ...list('Facts added', diff.factsAdded, itemLine),
    ...list('Facts corrected', diff.factsCorrected, correctionLines),
    ...list('Facts removed', diff.factsRemoved, itemLine),
    ...list('Roles added', diff.rolesAdded, itemLine),
    ...list('Roles corrected', diff.rolesCorrected, correctionLines),
    ...list('Roles removed', diff.rolesRemoved, itemLine),
    ...list('Article sheets added', diff.sheetsAdded, (s) => {
      const headline = s.article.headline ? `"${s.article.headline}"` : 'headline not recorded';
      return `  - \`${s.id}\`: ${headline}, ${longDate(s.article.published)}`;
    }),
    ...list('Article sheets removed', diff.sheetsRemoved, (s) => `  - \`${s.id}\``),
  );
  if (diff.sourcesAdded.length > 0 || diff.sourcesRemoved.length > 0) {
    out.push(`- Sources: ${diff.sourcesAdded.length} added, ${diff.sourcesRemoved.length} removed.`);
  }
  if (diff.entitiesEdited.length > 0) {
    const names = diff.entitiesEdited.map((e) => `${e.name} (\`${e.id}\`)`).join(', ');
    out.push(
      `- Other edits (aliases, summaries, sources, notes) in ${plural(diff.entitiesEdited.length, 'entity')}: ${names}.`,
    );
  }
  return `${out.join('\n')}\n`;
}
