/**
 * The card's stylesheet. `:host { all: initial }` stops the page's inherited font, colour and line height at the
 * shadow boundary; sizes are in px because the page may change the root font size.
 */
export const CARD_CSS = `
:host { all: initial; }
.card {
  box-sizing: border-box;
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans KR", sans-serif;
  color: #1f2328;
  background: #ffffff;
  border: 1px solid #c9ced6;
  border-radius: 8px;
  box-shadow: 0 6px 24px rgba(0, 0, 0, 0.18);
  padding: 12px 14px;
  max-height: min(448px, var(--backgrounder-room, 70vh));
  overflow: auto;
  text-align: left;
  animation: appear 120ms ease-out;
}
@keyframes appear { from { opacity: 0; transform: translateY(2px); } to { opacity: 1; transform: none; } }
p, ul { margin: 0; padding: 0; }
.name { font-size: 16px; font-weight: 650; }
.role { color: #4b5563; font-size: 13px; margin-top: 1px; }
.summary { margin-top: 8px; }
.note { margin-top: 8px; padding: 6px 8px; background: #fff8e1; border-left: 3px solid #b58105; font-size: 13px; }
.heading { margin-top: 10px; font-size: 11px; font-weight: 700; letter-spacing: 0.04em; text-transform: uppercase; color: #4b5563; }
.facts { list-style: none; margin-top: 4px; }
.facts li { margin-top: 4px; font-size: 13px; }
.date { font-weight: 600; font-variant-numeric: tabular-nums; white-space: nowrap; }
.sources { margin-top: 10px; font-size: 12px; color: #4b5563; border-top: 1px solid #e5e7eb; padding-top: 6px; }
@media (prefers-color-scheme: dark) {
  .card { color: #e6e8eb; background: #1e2227; border-color: #3d444d; box-shadow: 0 6px 24px rgba(0, 0, 0, 0.5); }
  .role, .heading, .sources { color: #aeb6c0; }
  .sources { border-top-color: #3d444d; }
  .note { background: #3a3220; border-left-color: #e0b341; }
}
@media (prefers-reduced-motion: reduce) { .card { animation: none; } }
`;
