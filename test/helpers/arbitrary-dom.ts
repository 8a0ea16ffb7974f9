/**
 * fast-check generators for article-like DOM fragments, for the property tests of marking (mark.property.test.ts).
 *
 * A generated fragment is a plain tree (`Spec`), rendered into a jsdom container with the DOM API (not innerHTML,
 * so adjacent and empty text nodes survive, and no parser rule re-parents anything). Counterexamples print as
 * pseudo-HTML in which every text node is a JSON string, so `"Sung K""im"` shows two adjacent text nodes.
 */
import fc from 'fast-check';

export type Spec =
  | { k: 'text'; t: string }
  | { k: 'comment'; t: string }
  | { k: 'el'; tag: string; attrs: Record<string, string>; children: Spec[] };

/** The children of a container, printable by fast-check. */
export interface Fragment {
  children: Spec[];
}

// ---------------------------------------------------------------------------------------------------------------
// The sheet and the vocabulary

export const SHEET: ReadonlyArray<{ phrase: string; entityId: string }> = [
  { phrase: 'Sung Kim', entityId: 'sung-kim' },
  { phrase: 'Kim', entityId: 'sung-kim' },
  { phrase: 'six-party talks', entityId: 'six-party-talks' },
  { phrase: 'the talks', entityId: 'six-party-talks' },
  { phrase: 'UN Security Council', entityId: 'unsc' },
  { phrase: 'a host of UN Security Council resolutions', entityId: 'unsc-resolutions' },
  { phrase: '김성', entityId: 'kim-sung' },
  { phrase: '김정은', entityId: 'kim-jong-un' },
  // "Kim" is a prefix of this one: the longest phrase must win ("Kim Jong-un", not "Kim" and "Jong-un").
  { phrase: 'Kim Jong-un', entityId: 'kim-jong-un' },
];
export const ENTITY_IDS = new Set(SHEET.map((e) => e.entityId));

const PHRASES = SHEET.map((e) => e.phrase);
/** Pieces of phrases, so that near misses ("Sung" alone, "UN Security") are common. */
const PARTIALS = [
  'Sung',
  'six-party',
  'talks',
  'the',
  'The talks',
  'UN',
  'Security',
  'Council',
  'a host of',
  'resolutions',
  '김',
  '성',
  '정은',
];
/** Words that contain or resemble a phrase but must not match it, and other scripts. */
const DISTRACTORS = [
  'Kimchi',
  'kim',
  'KIM',
  'Kimberley',
  'Kim2',
  '2Kim',
  "Kim's",
  '김성용',
  '김성은',
  '한국',
  '대사',
  '북한의',
  'said',
  'Envoy',
  'met',
  'at',
  'in',
  '2014',
  'café',
  'Séoul',
  'Ñandú',
  'naïve',
  'Kimé',
  'éKim',
  // Decomposed (NFD) accented Latin: a base letter followed by a combining mark.
  'cafe\u0301',
  'Se\u0301oul',
  'Ñandu\u0301',
  // Astral letters and symbols (surrogate pairs).
  '𝐒ung',
  '𝐊',
  '😀',
];
const PUNCTUATION = ['(', ')', ',', '.', ';', '—', '-', '"', '/', '…', '·'];
const SEPARATORS = [' ', ' ', ' ', ' ', '  ', '\n', '\u00a0', '\t', '\n   ', ', ', '. ', '\u3000'];

const token: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...PHRASES) },
  { weight: 4, arbitrary: fc.constantFrom(...PARTIALS) },
  { weight: 3, arbitrary: fc.constantFrom(...DISTRACTORS) },
  { weight: 1, arbitrary: fc.constantFrom(...PUNCTUATION) },
);
const separator: fc.Arbitrary<string> = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom(...SEPARATORS) },
  // Now and then two tokens are glued together ("caféKim"): word boundaries must still hold.
  { weight: 1, arbitrary: fc.constant('') },
);

/** Prose: tokens of the vocabulary with white space and punctuation between them. */
export const prose: fc.Arbitrary<string> = fc
  .array(fc.tuple(fc.option(separator, { freq: 6 }), token, separator), { minLength: 1, maxLength: 7 })
  .map((parts) => parts.map(([lead, t, sep]) => (lead ?? '') + t + sep).join(''));

const whitespaceOnly = fc.constantFrom(' ', '\n', '\n    ', '\u00a0', '\t', '  ');

// ---------------------------------------------------------------------------------------------------------------
// Elements

const text = (t: string): Spec => ({ k: 'text', t });
const el = (tag: string, children: Spec[] = [], attrs: Record<string, string> = {}): Spec => ({
  k: 'el',
  tag,
  attrs,
  children,
});

/** Inline elements that do not stop a run: a phrase split across them is still one mention. */
const INLINE_TAGS = ['span', 'b', 'i', 'em', 'strong', 'font', 'small', 'x-note', 'kh-name', 'a', 'mark'];
const inlineTag = fc.constantFrom(...INLINE_TAGS);
/** For wrapping a piece of prose: also a region explicitly not editable, which is marked like any other. */
const wrapperTag = fc.constantFrom(...INLINE_TAGS, 'span[contenteditable=false]');
/** Block elements (and the one `ul`/`ol`/`table` structure each needs). */
const SIMPLE_BLOCK_TAGS = ['p', 'div', 'blockquote', 'h2', 'section'];

/**
 * A stretch of prose cut at arbitrary offsets (possibly mid-word, possibly twice at the same place, which gives an
 * empty text node); each piece is a plain text node, or wrapped in one or two inline elements.
 */
const splitProse: fc.Arbitrary<Spec[]> = prose.chain((s) =>
  fc
    .tuple(
      fc.uniqueArray(fc.integer({ min: 0, max: s.length }), { maxLength: 3 }).map((cuts) => cuts.sort((a, b) => a - b)),
      fc.array(fc.option(fc.array(wrapperTag, { minLength: 1, maxLength: 2 }), { freq: 2 }), {
        minLength: 4,
        maxLength: 4,
      }),
    )
    .map(([cuts, wraps]) => {
      const bounds = [0, ...cuts, s.length];
      const out: Spec[] = [];
      for (let i = 0; i + 1 < bounds.length; i++) {
        let node = text(s.slice(bounds[i], bounds[i + 1]));
        for (const tag of wraps[i] ?? []) {
          node =
            tag === 'span[contenteditable=false]' ? el('span', [node], { contenteditable: 'false' }) : el(tag, [node]);
        }
        out.push(node);
      }
      return out;
    }),
);

const editableValue = fc.constantFrom('true', '', 'plaintext-only', 'TRUE', 'false');

/**
 * A phrase of the sheet cut in two, with something between the halves that may or may not end the run: a `<br>`,
 * an empty or white-space-only region that is never marked, a block, a comment, an inline element, or nothing; or
 * with the halves in two sibling blocks (paragraphs, list items, table cells), or one half in a block.
 * (`Sung <br>Kim` and `<td>Sung </td><td>Kim</td>` must not be one mention; `Sung <b></b>Kim` is.)
 */
const cutPhrase: fc.Arbitrary<Spec[]> = fc
  .tuple(
    fc.constantFrom(...PHRASES),
    fc.nat(),
    fc.constantFrom<(before: Spec, after: Spec) => Spec[]>(
      ...[
        [el('br')],
        [el('input', [], { value: 'Kim' })],
        [el('script')],
        [el('textarea', [text(' ')])],
        [el('a', [text(' ')], { href: '/news/2' })],
        [el('span', [], { contenteditable: 'true' })],
        [el('span', [text(' ')], { 'data-svcad': '1' })],
        [el('p')],
        [el('div', [text(' ')])],
        [{ k: 'comment', t: ' c ' } as Spec],
        [el('b')],
        [el('a', [text(' ')])],
        [],
      ].map((between) => (before: Spec, after: Spec) => [before, ...between, after]),
      ...SIMPLE_BLOCK_TAGS.map((tag) => (before: Spec, after: Spec) => [el(tag, [before]), el(tag, [after])]),
      (before, after) => [el('table', [el('tbody', [el('tr', [el('td', [before]), el('td', [after])])])])],
      (before, after) => [el('ul', [el('li', [before]), el('li', [after])])],
      (before, after) => [el('div', [before]), after],
      (before, after) => [before, el('p', [after])],
    ),
    fc.option(fc.constantFrom(' ', '\n'), { freq: 2 }),
  )
  .map(([phrase, at, place, pad]) => {
    const cut = 1 + (at % (phrase.length - 1));
    return place(text(phrase.slice(0, cut)), text(phrase.slice(cut) + (pad ?? '')));
  });

/** Regions that must never be marked, with text in them (their own text is prose, to tempt the marker). */
const skippedRegion = (content: fc.Arbitrary<Spec[]>): fc.Arbitrary<Spec[]> =>
  fc.oneof(
    prose.map((t) => [el('script', [text(`var s = "${t}";`)])]),
    prose.map((t) => [el('style', [text(`/* ${t} */ p { color: red }`)])]),
    prose.map((t) => [el('textarea', [text(t)])]),
    prose.map((t) => [el('input', [text(t)], { value: t })]),
    fc.array(prose, { minLength: 1, maxLength: 3 }).map((ts) => [
      el(
        'select',
        ts.map((t) => el('option', [text(t)])),
      ),
    ]),
    prose.map((t) => [el('button', [text(t)])]),
    content.map((c) => [el('a', c, { href: '/news/1' })]),
    fc
      .tuple(fc.constantFrom('span', 'div'), editableValue, content)
      .map(([tag, v, c]) => [el(tag, c, { contenteditable: v })]),
    content.map((c) => [el('div', c, { 'data-svcad': '1' })]),
  );

/** Arbitraries for inline content and for flow content (inline or block), by nesting depth. */
function buildLevels(maxDepth: number): { inline: fc.Arbitrary<Spec[]>[]; flow: fc.Arbitrary<Spec[]>[] } {
  const inline: fc.Arbitrary<Spec[]>[] = [];
  const flow: fc.Arbitrary<Spec[]>[] = [];
  const leafItems: Array<fc.WeightedArbitrary<Spec[]>> = [
    { weight: 10, arbitrary: splitProse },
    { weight: 2, arbitrary: cutPhrase },
    { weight: 2, arbitrary: whitespaceOnly.map((t) => [text(t)]) },
    { weight: 1, arbitrary: fc.constant([el('br')]) },
    { weight: 1, arbitrary: prose.map((t) => [{ k: 'comment', t } as Spec]) },
  ];
  const items = (choices: Array<fc.WeightedArbitrary<Spec[]>>, max: number): fc.Arbitrary<Spec[]> =>
    fc.array(fc.oneof(...choices), { minLength: 1, maxLength: max }).map((xs) => xs.flat());

  for (let d = 0; d <= maxDepth; d++) {
    const innerInline = d === 0 ? items(leafItems, 3) : inline[d - 1];
    const inlineChoices: Array<fc.WeightedArbitrary<Spec[]>> = [
      ...leafItems,
      { weight: 3, arbitrary: fc.tuple(inlineTag, innerInline).map(([tag, c]) => [el(tag, c)]) },
      { weight: 2, arbitrary: skippedRegion(innerInline) },
    ];
    inline.push(items(inlineChoices, 5));

    const innerFlow = d === 0 ? inline[0] : flow[d - 1];
    const block: fc.Arbitrary<Spec[]> = fc.oneof(
      { weight: 6, arbitrary: fc.tuple(fc.constantFrom(...SIMPLE_BLOCK_TAGS), innerFlow).map(([t, c]) => [el(t, c)]) },
      {
        weight: 2,
        arbitrary: fc
          .tuple(fc.constantFrom('ul', 'ol'), fc.array(innerFlow, { minLength: 1, maxLength: 3 }))
          .map(([t, lis]) => [
            el(
              t,
              lis.map((c) => el('li', c)),
            ),
          ]),
      },
      {
        weight: 1,
        arbitrary: fc
          .array(fc.array(innerFlow, { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 2 })
          .map((rows) => [
            el('table', [
              el(
                'tbody',
                rows.map((cells) =>
                  el(
                    'tr',
                    cells.map((c) => el('td', c)),
                  ),
                ),
              ),
            ]),
          ]),
      },
    );
    flow.push(
      items([...inlineChoices, { weight: 8, arbitrary: block }, { weight: 1, arbitrary: skippedRegion(innerFlow) }], 5),
    );
  }
  return { inline, flow };
}

const LEVELS = buildLevels(2);

const fragmentOf = (children: Spec[]): Fragment =>
  ({
    children,
    [fc.toStringMethod]: () => specsToString(children),
  }) as Fragment;

/** Any article-like fragment: nested inline and block elements, skipped regions, text split anywhere. */
export const articleFragment: fc.Arbitrary<Fragment> = LEVELS.flow[2].map(fragmentOf);
/** A smaller fragment, for content the page inserts later. */
export const insertedFragment: fc.Arbitrary<Fragment> = fc
  .oneof(
    LEVELS.flow[0],
    // A bare text node that may complete a phrase with the text (or the mark) it lands next to: "Sung " + "Kim".
    fc
      .tuple(fc.constantFrom('', ' '), fc.constantFrom(...PARTIALS, ...PHRASES), fc.constantFrom('', ' '))
      .map(([a, t, b]) => [text(a + t + b)]),
  )
  .map(fragmentOf);

/** Paragraphs of prose split across adjacent text nodes and inline elements that never stop a run. */
export const inlineParagraphs: fc.Arbitrary<Fragment> = fc
  .array(
    splitProse.map((children) => el('p', children)),
    { minLength: 1, maxLength: 5 },
  )
  .map(fragmentOf);

/** Plain paragraphs only: `<p>` elements holding one or more adjacent text nodes, no inline elements. */
export const plainParagraphs: fc.Arbitrary<Fragment> = fc
  .array(
    prose.chain((s) =>
      fc.uniqueArray(fc.integer({ min: 0, max: s.length }), { maxLength: 2 }).map((cuts) => {
        const bounds = [0, ...cuts.sort((a, b) => a - b), s.length];
        return el(
          'p',
          bounds.slice(1).map((end, i) => text(s.slice(bounds[i], end))),
        );
      }),
    ),
    { minLength: 1, maxLength: 5 },
  )
  .map(fragmentOf);

// ---------------------------------------------------------------------------------------------------------------
// Rendering and printing

export function renderSpec(doc: Document, spec: Spec): Node {
  if (spec.k === 'text') return doc.createTextNode(spec.t);
  if (spec.k === 'comment') return doc.createComment(spec.t);
  const node = doc.createElement(spec.tag);
  for (const [name, value] of Object.entries(spec.attrs)) node.setAttribute(name, value);
  for (const child of spec.children) node.appendChild(renderSpec(doc, child));
  return node;
}

export function renderInto(parent: Node, specs: readonly Spec[], before: Node | null = null): void {
  const doc = parent.ownerDocument as Document;
  for (const spec of specs) parent.insertBefore(renderSpec(doc, spec), before);
}

/** A JSON string with invisible and combining characters escaped, so that "cafe\u0301" does not print as "café". */
const quote = (t: string): string =>
  JSON.stringify(t).replace(/[\p{M}\p{Z}\p{Cf}]/gu, (ch) =>
    ch === ' ' ? ch : `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );

export function specsToString(specs: readonly Spec[]): string {
  return specs
    .map((s) => {
      if (s.k === 'text') return quote(s.t);
      if (s.k === 'comment') return `<!--${s.t}-->`;
      const attrs = Object.entries(s.attrs)
        .map(([n, v]) => ` ${n}="${v}"`)
        .join('');
      return `<${s.tag}${attrs}>${specsToString(s.children)}</${s.tag}>`;
    })
    .join('');
}
