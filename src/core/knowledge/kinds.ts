/** The kinds of entity. Apart from the schema (data/ is validated at build time only), so pages never load it. */
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
