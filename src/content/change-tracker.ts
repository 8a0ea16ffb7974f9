/**
 * What the page changed since the last pass, read from the mutation records: which blocks gained text (or whether
 * the change is the body's own), and whether the page took our marks away. Changes inside skipped regions or our
 * own UI, and changes that add no text, count for nothing. A page that keeps undoing our marks makes the next
 * pass wait longer, and a block whose marks the page removed a few times is left as the page wants it.
 */

import { isOurMark, MARK_TAG } from '../core/mark/mark-element';
import { isBlockElement } from '../core/mark/text-runs';

export const REMARK_DELAY_MS = 50;
/** The longest a page that keeps undoing our marks makes the next pass wait. */
const MAX_BACKOFF_MS = 5_000;
/** A block whose marks the page removed this often is left as the page wants it. */
const MAX_TRIES = 3;

const hasText = (node: Node): boolean => /\S/.test(node.textContent ?? '');

export class ChangeTracker {
  /** Blocks the page added text to since the last pass. */
  private readonly dirty = new Set<Element>();
  /** The change is the body's own (text added straight under it): the next pass matches the whole body. */
  private whole = false;
  private lost = false;
  private readonly undone = new WeakMap<Element, number>();
  /** How long the next pass waits. */
  backoffMs = REMARK_DELAY_MS;

  constructor(
    private readonly body: Element,
    /** Where a change never needs marking: skipped regions (text-runs' and the site's). */
    private readonly ignoredSelector: string,
    /** Our own UI (the card and panel hosts). */
    private readonly ours: (node: Node) => boolean,
  ) {}

  /** Reads the records; true when the page took some of our marks away in them. */
  read(records: readonly MutationRecord[]): boolean {
    let undone = false;
    for (const record of records) {
      const target = record.target;
      const at = target.nodeType === 1 ? (target as Element) : target.parentElement;
      if (!at || this.ours(at)) continue;
      for (const node of record.removedNodes) {
        if (holdsOurMark(node)) {
          undone = this.lost = true;
          const block = this.blockOf(at);
          this.undone.set(block, (this.undone.get(block) ?? 0) + 1);
        }
      }
      if (at.closest(this.ignoredSelector) !== null) continue;
      if (record.type === 'characterData') {
        this.touch(at);
        continue;
      }
      for (const node of record.addedNodes) {
        if (this.ours(node) || !hasText(node)) continue;
        this.touch(node.nodeType === 1 ? (node as Element) : at);
      }
    }
    this.backoffMs = undone ? Math.min(this.backoffMs * 2, MAX_BACKOFF_MS) : REMARK_DELAY_MS;
    return undone;
  }

  /** Is there text to match again? */
  get pending(): boolean {
    return this.dirty.size > 0 || this.whole;
  }

  get wholeBody(): boolean {
    return this.whole;
  }

  /** Did the page take marks away since last asked (tab stops need repair)? */
  takeLost(): boolean {
    const lost = this.lost;
    this.lost = false;
    return lost;
  }

  /** Has the page taken marks away that no pass has looked at yet? */
  get hasLost(): boolean {
    return this.lost;
  }

  /** Up to `max` changed blocks, taken, or none when there are more or the body's own change is pending. */
  takeFew(max: number): Element[] {
    if (this.whole) return [];
    const units = this.outermost();
    if (units.length === 0 || units.length > max) return [];
    this.dirty.clear();
    return units;
  }

  /** Everything to match again, taken: the body, or the outermost changed blocks still in it. */
  takeAll(): Element[] {
    const units = this.whole ? [this.body] : this.outermost();
    this.whole = false;
    this.dirty.clear();
    return units;
  }

  /** Blocks taken for a pass that could not finish them: the next pass matches them. */
  putBack(units: readonly Element[]): void {
    for (const unit of units) this.dirty.add(unit);
  }

  /** The block `el` is in (or is), or the body. */
  private blockOf(el: Element): Element {
    for (let at: Element | null = el; at && at !== this.body; at = at.parentElement) {
      if (isBlockElement(at)) return at;
    }
    return this.body;
  }

  private touch(el: Element): void {
    if (!this.body.contains(el) || el.closest(this.ignoredSelector)) return;
    const block = this.blockOf(el);
    if ((this.undone.get(block) ?? 0) >= MAX_TRIES) return;
    if (block === this.body) this.whole = true;
    else this.dirty.add(block);
  }

  /** The dirty blocks still in the body, without those inside another dirty block. */
  private outermost(): Element[] {
    return [...this.dirty].filter((block) => {
      if (!block.isConnected || !this.body.contains(block)) return false;
      for (let at = block.parentElement; at && at !== this.body; at = at.parentElement) {
        if (this.dirty.has(at)) return false;
      }
      return true;
    });
  }
}

function holdsOurMark(node: Node): boolean {
  if (node.nodeType !== 1) return false;
  const el = node as Element;
  if (isOurMark(el)) return true;
  for (const mark of el.getElementsByTagName(MARK_TAG)) if (isOurMark(mark)) return true;
  return false;
}
