/**
 * The fact-sheet model. A fact sheet is a JSON file in `src/fact-sheets/`, one per article; the build and the
 * tests validate it against these types (see validate.ts), so an editor gets a message naming the file and field.
 */

export const ENTITY_KINDS = [
  'person',
  'post',
  'talks',
  'agreement',
  'event',
  'programme',
  'resolution',
  'organisation',
  'place',
  'group',
] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

/** A public document that backs a fact. */
export interface Source {
  /** The document's own title, as a reader would search for it. */
  title: string;
  /** Who published it (e.g. "United Nations", "BBC News"). */
  publisher: string;
  /** An absolute https (or http) URL of the public document. */
  url: string;
}

/** One dated, sourced statement. */
export interface Fact {
  /** ISO 8601 calendar date, as precise as known: "2006-10-09", "2014-11" or "2003". */
  date: string;
  /** Optional end of a period ("2011-11-18" for "Oct 2008 - Nov 2011"). */
  until?: string;
  /** One or two plain sentences. */
  text: string;
  /** At least one source. */
  sources: Source[];
  /** Where sources disagree (time zones, counts, start dates) or the date is approximate, say so here. */
  caveat?: string;
}

export interface Entity {
  /** Stable kebab-case id; other tools rely on it through `data-entity`. */
  id: string;
  kind: EntityKind;
  /** Display name, e.g. "Sung Kim". */
  name: string;
  /** One line under the name, e.g. "US Special Representative for North Korea Policy". */
  role?: string;
  /** Two or three sentences: what a reader needs to understand the mention. */
  summary: string;
  /**
   * Exact phrases (case-sensitive, whitespace-insensitive) that mention this entity in the article. Longest
   * phrases win where they overlap, so "Sung Kim" beats "Kim".
   */
  phrases: string[];
  /** The marked text of every mention, in document order; tests check the fixtures against it. */
  mentions: string[];
  /** Background as of the article's date (`asOf`). */
  atTheTime: Fact[];
  /** What happened after the article's date. */
  sinceThen: Fact[];
  /** Where the article's shorthand is imprecise or could mislead, said neutrally. */
  articleNote?: string;
  /** Why this entity is marked at all (editorial decision, for the next editor). */
  whyMarked: string;
}

/** One line of the popup's timeline of the whole article's background. */
export interface TimelineItem {
  date: string;
  text: string;
  /** The entity whose card explains this item. */
  entity: string;
  sources: Source[];
  /** Where sources disagree about the item (dates across time zones, counts). */
  caveat?: string;
}

export interface ArticleIdentity {
  publisher: 'The Korea Herald';
  headline: string;
  /** Publication time with its UTC offset, e.g. "2014-12-12T21:06:00+09:00" (Korea time). */
  published: string;
  /** Legacy `view.php?ud=` values. */
  legacyIds: string[];
  /** Known `/article/<digits>` ids; may be empty, since matching is by content. */
  articleIds: string[];
  /** The first words of the body, used to find the body in layouts we have not seen. */
  bodyStartsWith: string;
  /** The last words of the body. */
  bodyEndsWith: string;
  /** Wire service or author credit as printed (informational; never used for matching). */
  credit?: string;
}

/** A decision not to mark something the article names, recorded so the next editor need not redo it. */
export interface Unmarked {
  phrase: string;
  why: string;
}

export interface FactSheet {
  /** Stable id of the sheet (kebab-case). */
  id: string;
  article: ArticleIdentity;
  /** The date that separates "at the time" from "since then" (normally the article's date). */
  asOf: string;
  /** When the "since then" facts were last checked. */
  reviewed: string;
  entities: Entity[];
  /** Chronological background of the whole article, from the start of the story to the article's date. */
  timelineAtTheTime: TimelineItem[];
  /** Chronological "since then", up to the review date. */
  timelineSinceThen: TimelineItem[];
  unmarked: Unmarked[];
}
