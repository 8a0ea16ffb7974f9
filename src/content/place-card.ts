/**
 * Where the card goes beside its mark, in viewport coordinates (the host is `position: fixed`): below the mark's
 * first line, else above it, else beside it, whichever fits first (or overflows least), then kept 8 px inside the
 * viewport on both axes. A dozen lines in place of a positioning library: the content script loads on every article
 * view, and this is all of it that the card uses.
 */

const GAP = 6;
const PAD = 8;

export function placeCard(mark: Element, card: HTMLElement): { x: number; y: number } {
  const doc = mark.ownerDocument;
  const r = mark.getClientRects()[0] ?? mark.getBoundingClientRect();
  const w = card.offsetWidth;
  const h = card.offsetHeight;
  const vw = doc.documentElement.clientWidth || doc.defaultView?.innerWidth || 0;
  const vh = doc.documentElement.clientHeight || doc.defaultView?.innerHeight || 0;
  const candidates = [
    { x: r.left, y: r.bottom + GAP },
    { x: r.left, y: r.top - GAP - h },
    { x: r.right + GAP, y: r.top },
    { x: r.left - GAP - w, y: r.top },
  ];
  const overflow = ({ x, y }: { x: number; y: number }) =>
    Math.max(0, PAD - x) + Math.max(0, x + w - (vw - PAD)) + Math.max(0, PAD - y) + Math.max(0, y + h - (vh - PAD));
  // Below and above need only fit vertically (the shift below fixes the other axis), beside only horizontally.
  const fits = [
    candidates[0].y + h <= vh - PAD,
    candidates[1].y >= PAD,
    candidates[2].x + w <= vw - PAD && h <= vh - 2 * PAD,
    candidates[3].x >= PAD && h <= vh - 2 * PAD,
  ];
  const fitting = fits.indexOf(true);
  const best = fitting >= 0 ? candidates[fitting] : candidates.reduce((a, b) => (overflow(b) < overflow(a) ? b : a));
  const clamp = (v: number, size: number, max: number) => Math.max(PAD, Math.min(v, max - PAD - size));
  return { x: clamp(best.x, w, vw), y: clamp(best.y, h, vh) };
}
