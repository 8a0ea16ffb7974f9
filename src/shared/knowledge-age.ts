/**
 * How current the knowledge is, in words: "Background checked up to 1 Dec 2026". The popup shows it in its footer,
 * the options page in its "About the knowledge base" section.
 */
import about from 'backgrounder:about';
import { formatDate } from '../core/format-date';
import type { MessageKey } from './i18n';

type Translate = (key: MessageKey, substitutions?: string | string[]) => string;

export function reviewedLine(t: Translate, reviewed = about.reviewed): string {
  return t('knowledgeReviewed', formatDate(reviewed, t('uiLang')));
}

/** "179 entries … citing 1,072 public sources", numbers as the interface language writes them. */
export function countsLine(t: Translate, counts: { entities: number; sources: number } = about): string {
  const number = new Intl.NumberFormat(t('uiLang'));
  return t('aboutKnowledgeCounts', [number.format(counts.entities), number.format(counts.sources)]);
}

export const issuesUrl = (): string => about.issues;
