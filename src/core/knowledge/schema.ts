/**
 * The knowledge model, as schemas: one definition gives both the TypeScript types and the build-time validation.
 * Objects are strict, so a misspelt key is an error, not a silently ignored field.
 *
 * data/entities/<id>.json   one entity: kind, name, safe aliases, dated roles and dated facts
 * data/sources.json         every source document, by id; facts and roles cite ids
 * data/knowledge.json       the review date ("since then" runs up to it)
 * data/articles/<id>.json   thin article sheets: identity, linked entities, local phrases, notes, mentions
 */

import * as v from 'valibot';
import { ENTITY_KINDS } from './kinds';

export { ENTITY_KINDS, type EntityKind } from './kinds';

const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** As precise as known: "2006-10-09", "2014-11" or "2003". */
export const ISO_DATE = /^\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$/;
/** A timestamp with its offset, or the Korea-time date alone when no copy shows the time. */
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:\d{2}))?$/;

const Id = v.pipe(v.string('must be a string'), v.regex(KEBAB, 'must be a kebab-case id'));
const IsoDate = v.pipe(
  v.string('must be a string'),
  v.regex(ISO_DATE, 'must be an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)'),
);
const text = (max: number) =>
  v.pipe(
    v.string('must be a string'),
    v.check((s) => s.trim() !== '', 'must not be empty'),
    v.maxLength(max, `must be at most ${max} characters`),
  );
const HttpUrl = v.pipe(
  v.string('must be a string'),
  v.check((s) => {
    try {
      const url = new URL(s);
      return /^https?:$/.test(url.protocol) && url.hostname.includes('.') && !/\s/.test(s);
    } catch {
      return false;
    }
  }, 'must be an absolute http(s) URL'),
);
const SourceRefs = v.pipe(v.array(Id, 'must be an array of source ids'), v.minLength(1, 'needs at least one source'));
const Digits = v.pipe(v.string('must be a string'), v.regex(/^\d+$/, 'must be a string of digits'));

/** A public document that backs facts and roles. */
export const SourceSchema = v.strictObject({
  /** The document's own title, as a reader would search for it. */
  title: text(300),
  /** Who published it ("United Nations", "The Korea Herald (Yonhap)"). */
  publisher: text(120),
  url: HttpUrl,
});

export const SourcesSchema = v.record(Id, SourceSchema, 'must be an object of sources by id');

/** One dated, sourced statement. Its date decides whether a card shows it "at the time" or "since then". */
export const FactSchema = v.strictObject({
  date: IsoDate,
  /** End of a period ("2011-11" for "Oct 2008 – Nov 2011"). */
  until: v.optional(IsoDate),
  /**
   * One or two plain sentences that narrate nothing after the fact's own date (never "now", "later" or "this
   * article"): what happened next is a fact of its own. The build checks the dates the text names.
   */
  text: text(260),
  /**
   * Later dates the text names as provisions set on the fact's date ("coal exports capped from 1 January 2017",
   * written on 30 Nov 2016), not as events that had happened: the only later dates a fact may name.
   */
  scheduled: v.optional(v.array(IsoDate, 'must be an array of dates')),
  /**
   * When this fact changes what a reader of an earlier article would think of the entity: its story ended (a
   * death, a retirement, an abolition, an expiry, talks that broke off) or it was overtaken (a resolution
   * tightened by a later one, an agreement replaced). Cards and the popup lead with it "since then".
   */
  change: v.optional(v.picklist(['ended', 'overtaken'], 'must be "ended" or "overtaken"')),
  /** Where sources disagree (time zones, counts, start dates), said here. */
  caveat: v.optional(text(420)),
  sources: SourceRefs,
  /** Belongs on the popup's timeline of the whole story. */
  milestone: v.optional(v.literal(true, 'must be true (or left out)')),
});

/** A post or title held over a period: "what was this person on date D" is a lookup in these. */
export const RoleSchema = v.strictObject({
  /** As a card shows it: "US Special Representative for North Korea Policy". */
  title: text(140),
  /** The `post` entity this role is, when there is one. */
  post: v.optional(Id),
  from: IsoDate,
  /** Left out while the role is held, or while its end is unknown. */
  until: v.optional(IsoDate),
  /**
   * For a role without `until` (required then): the last date a source shows it held. A card on a later page
   * still names the role, and says "as of <month year>" when this date is over a year before the review date.
   */
  lastConfirmed: v.optional(IsoDate),
  sources: SourceRefs,
  caveat: v.optional(text(420)),
  /** Of several roles held at once, the one a compact card names first ("Supreme Leader", not a party post). */
  primary: v.optional(v.literal(true, 'must be true (or left out)')),
});

/**
 * A safe alias: a string that names this entity on any North Korea article without context. A window limits it
 * to pages dated within it ("fourth nuclear test" names the January 2016 test only once it has happened). A name
 * two entities share (namesakes) carries a `context` where their windows overlap: it counts only where one of those
 * strings occurs near it, in the same paragraph (see the editors' guide, "Namesakes").
 */
export const AliasSchema = v.union(
  [
    text(80),
    v.strictObject({
      text: text(80),
      from: v.optional(IsoDate),
      until: v.optional(IsoDate),
      context: v.optional(
        v.pipe(
          v.array(text(80), 'must be an array of strings'),
          v.minLength(1, 'must not be empty: leave it out, or give the strings that must occur near the name'),
        ),
      ),
    }),
  ],
  'must be a string or {text, from?, until?, context?}',
);

/** A summary for the pages from `from` on (the first variant may leave it out: it holds from the first page). */
export const SummaryVariantSchema = v.strictObject({
  from: v.optional(IsoDate),
  text: text(300),
});

const EventDates = v.pipe(v.array(IsoDate, 'must be an array of dates'), v.minLength(1, 'needs at least one date'));
/** A party to a summit, in the forms reporters use: ["Trump", "Donald Trump"]. */
const Party = v.pipe(v.array(text(60), 'must be an array of names'), v.minLength(1, 'needs at least one name'));

/**
 * What an event is, for the phrases reporters use instead of its name ("the nuclear test in January 2016", "the
 * H-bomb test", "the summit in Singapore", "their second summit"): see event-phrases.ts. Each claim here is one the
 * entity's own facts make, with their sources.
 */
export const EventFormSchema = v.variant(
  'type',
  [
    v.strictObject({
      type: v.literal('nuclear-test'),
      dates: EventDates,
      /** Its place in the series: 4 for the fourth test. */
      ordinal: v.pipe(v.number('must be a number'), v.integer('must be a whole number'), v.minValue(1)),
      /** North Korea called it a hydrogen bomb (a fact of the entity says so). */
      claimedHydrogen: v.optional(v.literal(true, 'must be true (or left out)')),
    }),
    v.strictObject({
      type: v.literal('summit'),
      dates: EventDates,
      city: text(60),
      parties: v.pipe(v.array(Party, 'must be an array of parties'), v.length(2, 'needs the two leaders')),
    }),
  ],
  'must be a nuclear-test or a summit',
);

export const EntitySchema = v.strictObject({
  /** Stable kebab-case id; other tools rely on it through `data-entity`. Equal to the file name. */
  id: Id,
  kind: v.picklist(ENTITY_KINDS, `must be one of ${ENTITY_KINDS.join(', ')}`),
  name: text(120),
  /**
   * One or two sentences: who or what this is, true on every page that can mark it (no later career, no end).
   * Or dated variants, oldest first, picked by the article's date like a role, when what it is changed.
   */
  summary: v.union(
    [text(300), v.pipe(v.array(SummaryVariantSchema), v.minLength(1, 'needs at least one variant'))],
    'must be a string or an array of {from?, text}',
  ),
  aliases: v.array(AliasSchema, 'must be an array'),
  /** Longer phrases that contain an alias but name something else ("Kim Il-sung University"): never marked. */
  blockers: v.optional(v.array(text(120), 'must be an array')),
  roles: v.optional(v.array(RoleSchema, 'must be an array')),
  /** Oldest first. */
  facts: v.pipe(v.array(FactSchema, 'must be an array'), v.minLength(1, 'needs at least one fact')),
  related: v.optional(v.array(Id, 'must be an array of entity ids')),
  /** For an event: what it is, so that reporters' descriptive phrases resolve to it (event-phrases.ts). */
  event: v.optional(EventFormSchema),
  /** For the next editor (why the aliases are what they are); never shipped. */
  editorNote: v.optional(text(1500)),
});

export const KnowledgeMetaSchema = v.strictObject({
  /** The date "since then" runs up to: when the facts were last checked. */
  reviewed: IsoDate,
});

/** An entity as one article uses it. */
export const SheetLinkSchema = v.strictObject({
  id: Id,
  /** Phrases that name the entity only in this text ("his current post", a bare "Kim"). */
  phrases: v.optional(v.array(text(120), 'must be an array')),
  /** Where the article's shorthand is imprecise or could mislead, said neutrally. */
  note: v.optional(text(600)),
  /** The marked text of every mention, in document order (editorial; the tests check the fixtures against it). */
  mentions: v.pipe(v.array(text(120), 'must be an array'), v.minLength(1, 'needs at least one mention')),
  /** Why this entity is marked in this article (editorial). */
  whyMarked: text(600),
});

export const ArticleSheetSchema = v.strictObject({
  id: Id,
  article: v.strictObject({
    publisher: v.literal('The Korea Herald', 'must be "The Korea Herald"'),
    /**
     * As printed; null when no copy we could read shows it: the page is then recognised by its date and the first
     * words of its body.
     */
    headline: v.nullable(text(300)),
    /** With its UTC offset, "2014-12-12T21:06:00+09:00"; or the Korea-time date, "2014-12-03", if that is all we know. */
    published: v.pipe(
      v.string('must be a string'),
      v.regex(
        ISO_TIMESTAMP,
        'must be an ISO timestamp with its offset (2014-12-12T21:06:00+09:00) or a Korea-time date (2014-12-03)',
      ),
    ),
    /** Legacy `view.php?ud=` values. */
    legacyIds: v.array(Digits, 'must be an array'),
    /** Known `/article/<digits>` ids; may be empty, since matching is by content. */
    articleIds: v.array(Digits, 'must be an array'),
    /** The first and last words of the body: they find the body in layouts we have never seen. */
    bodyStartsWith: text(300),
    bodyEndsWith: text(300),
    /** As printed (informational; never used for matching). */
    credit: v.optional(text(120)),
  }),
  entities: v.pipe(v.array(SheetLinkSchema, 'must be an array'), v.minLength(1, 'needs at least one entity')),
  /** What the article names and is deliberately not marked, with the reason (editorial). */
  unmarked: v.array(v.strictObject({ phrase: text(200), why: text(600) }), 'must be an array'),
});

export type Source = v.InferOutput<typeof SourceSchema>;
export type SummaryVariant = v.InferOutput<typeof SummaryVariantSchema>;
export type EventForm = v.InferOutput<typeof EventFormSchema>;
export type Fact = v.InferOutput<typeof FactSchema>;
export type Role = v.InferOutput<typeof RoleSchema>;
export type Alias = v.InferOutput<typeof AliasSchema>;
export type Entity = v.InferOutput<typeof EntitySchema>;
export type KnowledgeMeta = v.InferOutput<typeof KnowledgeMetaSchema>;
export type SheetLink = v.InferOutput<typeof SheetLinkSchema>;
export type ArticleSheet = v.InferOutput<typeof ArticleSheetSchema>;

/** The validated data folder. */
export interface Knowledge {
  meta: KnowledgeMeta;
  sources: Record<string, Source>;
  entities: Entity[];
  sheets: ArticleSheet[];
}
