/**
 * Romanisation variants from one rule (issue 16, part 3): the usual printed variants of a Korean personal name,
 * added to glossary mode only where they cannot name anyone else in the knowledge base.
 */
import { describe, expect, it } from 'vitest';
import { romanisationVariants, variantAliases } from '../../src/core/knowledge/romanisation';
import type { ShippedEntity } from '../../src/core/knowledge/ship';

import { glossaryMatches, kb } from '../helpers/pipeline';

const person = (id: string, name: string, aliases: ShippedEntity['aliases'] = [name]): ShippedEntity => ({
  id,
  kind: 'person',
  name,
  summary: 'A person.',
  aliases,
  facts: [{ date: '2010', text: 'A fact.', sources: ['s'] }],
});

const marks = glossaryMatches;

describe('romanisationVariants', () => {
  it('spells each given-name syllable both usual ways, hyphenated and spaced', () => {
    expect(romanisationVariants('Kim Kye-gwan').sort()).toEqual(
      [
        'Kim Gye Gwan',
        'Kim Gye Kwan',
        'Kim Gye-gwan',
        'Kim Gye-kwan',
        'Kim Kye Gwan',
        'Kim Kye Kwan',
        'Kim Kye-kwan',
      ].sort(),
    );
    expect(romanisationVariants('Kim Yong-chol')).toContain('Kim Young-chul');
    expect(romanisationVariants('Hyon Yong-chol')).toContain('Hyon Young-chol');
  });

  it('keeps the surname as printed, and gives a name of another shape nothing', () => {
    expect(romanisationVariants('Choe Son-hui')).toEqual(['Choe Son Hui']);
    expect(romanisationVariants('Ri Yong-ho').every((v) => v.startsWith('Ri '))).toBe(true);
    expect(romanisationVariants('Wang Yi')).toEqual([]);
    expect(romanisationVariants('Sung Kim')).toEqual([]);
    expect(romanisationVariants('Kim Jong Un')).toEqual([]);
  });
});

describe('variantAliases', () => {
  it('drops a variant that is another person’s name or alias, or that two people would share', () => {
    const variants = variantAliases([
      person('kim-yong-chol', 'Kim Yong-chol'),
      person('kim-young-chul', 'Kim Young-chul (someone else)', []),
      person('kim-jong-song', 'Kim Jong-song'),
      person('kim-jung-sung', 'Kim Jung-sung'),
    ]);
    expect(variants.get('kim-yong-chol')).not.toContain('Kim Young-chul');
    expect(variants.get('kim-yong-chol')).not.toContain('Kim Young Chul');
    expect(variants.get('kim-yong-chol')).toContain('Kim Yong-chul');
    expect(variants.get('kim-jong-song') ?? []).not.toContain('Kim Jung-sung');
    expect(variants.get('kim-jong-song') ?? []).not.toContain('Kim Jong-sung');
    expect(variants.get('kim-jung-sung') ?? []).not.toContain('Kim Jong-sung');
  });

  it('multiplies only a plain alias: none for a name with a window or a context, or not an alias at all', () => {
    const variants = variantAliases([
      person('a', 'Kwon Yong-jin', [{ text: 'Kwon Yong-jin', from: '2021-01', until: '2022-06' }]),
      person('b', 'Kim Yong-il (premier)', []),
      { ...person('c', 'Kim Kye-gwan'), kind: 'organisation' as ShippedEntity['kind'] },
    ]);
    expect(variants.size).toBe(0);
  });
});

describe('variants in glossary mode', () => {
  it('Kim Kye-kwan and Kim Gye-gwan mark kim-kye-gwan', () => {
    expect(marks('Kim Kye-kwan and Kim Gye-gwan met.', '2011-07-28')).toEqual([
      ['Kim Kye-kwan', 'kim-kye-gwan'],
      ['Kim Gye-gwan', 'kim-kye-gwan'],
    ]);
  });

  it('produces no variant that names another entity of the knowledge base', () => {
    const variants = variantAliases(kb.entities.values());
    const fold = (s: string) => s.toLowerCase().replace(/[-\s]+/g, ' ');
    const names = new Map<string, string>();
    for (const entity of kb.entities.values()) {
      names.set(fold(entity.name.replace(/\s*\([^)]*\)$/, '')), entity.id);
      for (const alias of entity.aliases) names.set(fold(typeof alias === 'string' ? alias : alias.text), entity.id);
    }
    expect(variants.size).toBeGreaterThan(50);
    for (const [id, list] of variants) {
      for (const variant of list) expect([variant, names.get(fold(variant)) ?? id]).toEqual([variant, id]);
    }
    // The namesakes, the windowed and the unaliased get none.
    for (const id of [
      'ri-yong-ho',
      'ri-yong-ho-kpa',
      'kim-yong-chol',
      'kim-sung-hwan',
      'kwon-yong-jin',
      'kim-yong-il',
    ]) {
      expect(variants.has(id), id).toBe(false);
    }
  });
});
