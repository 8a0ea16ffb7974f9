/**
 * The card's and the panel's stylesheets. Inherited properties flow from the light-DOM host into the shadow root,
 * and a page can set any of them on the host; so the top element of each view resets everything (`all: initial`,
 * plus direction and unicode-bidi, which `all` leaves alone) and sets its own values. Sizes are in px or viewport
 * units, never rem or em of the page, which may change the root font size.
 */

/** Shared by both views: the reset, the type and the colours (light and dark). */
const BASE = `
.view {
  all: initial;
  display: block;
  box-sizing: border-box;
  direction: ltr;
  unicode-bidi: isolate;
  writing-mode: horizontal-tb;
  font: 400 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans KR", sans-serif;
  letter-spacing: normal;
  word-spacing: normal;
  text-transform: none;
  text-align: left;
  text-indent: 0;
  text-shadow: none;
  white-space: normal;
  color: #1f2328;
  background: #ffffff;
}
p, ul, ol, h2, h3 { margin: 0; padding: 0; font: inherit; }
.name { font-size: 16px; font-weight: 650; }
.role { color: #4b5563; font-size: 13px; margin-top: 1px; }
.heading { font-size: 11px; font-weight: 700; letter-spacing: 0.04em; text-transform: uppercase; color: #4b5563; }
.date { font-weight: 600; font-variant-numeric: tabular-nums; white-space: nowrap; }
.note { padding: 6px 8px; background: #fff8e1; border-left: 3px solid #b58105; font-size: 13px; }
@media (prefers-color-scheme: dark) {
  .view { color: #e6e8eb; background: #1e2227; }
  .role, .heading { color: #aeb6c0; }
  .note { background: #3a3220; border-left-color: #e0b341; }
}
`;

export const CARD_CSS = `${BASE}
.card {
  border: 1px solid #c9ced6;
  border-radius: 8px;
  box-shadow: 0 6px 24px rgba(0, 0, 0, 0.18);
  padding: 12px 14px;
  animation: appear 120ms ease-out;
}
@keyframes appear { from { opacity: 0; transform: translateY(2px); } to { opacity: 1; transform: none; } }
.summary, .note, .since { margin-top: 8px; }
.since { font-size: 13px; }
.hint { margin-top: 10px; padding-top: 6px; border-top: 1px solid #e5e7eb; font-size: 12px; color: #4b5563; }
@media (prefers-color-scheme: dark) {
  .card { border-color: #3d444d; box-shadow: 0 6px 24px rgba(0, 0, 0, 0.5); }
  .hint { color: #aeb6c0; border-top-color: #3d444d; }
}
@media (prefers-reduced-motion: reduce) { .card { animation: none; } }
`;

export const PANEL_CSS = `${BASE}
dialog.panel {
  position: fixed;
  inset: 0 0 0 auto;
  margin: 0;
  width: min(460px, 100vw);
  max-width: 100vw;
  height: 100vh;
  max-height: 100vh;
  overflow: auto;
  overscroll-behavior: contain;
  border: 0;
  border-left: 1px solid #c9ced6;
  box-shadow: -8px 0 32px rgba(0, 0, 0, 0.2);
  padding: 0;
}
dialog.panel::backdrop { background: rgba(0, 0, 0, 0.25); }
.top {
  position: sticky;
  top: 0;
  display: flex;
  align-items: flex-start;
  gap: 8px;
  padding: 14px 16px 10px;
  background: inherit;
  border-bottom: 1px solid #e5e7eb;
}
.top .titles { flex: 1; }
.name:focus { outline: none; }
.name:focus-visible { outline: 2px solid #1f4e79; outline-offset: 2px; }
.close {
  font: inherit;
  font-size: 20px;
  line-height: 1;
  min-width: 44px;
  min-height: 44px;
  border: 1px solid #c9ced6;
  border-radius: 6px;
  background: transparent;
  color: inherit;
  cursor: pointer;
}
.close:focus-visible, a:focus-visible, .mention:focus-visible { outline: 2px solid #1f4e79; outline-offset: 2px; }
.body { padding: 12px 16px 24px; }
.body > * + * { margin-top: 12px; }
.section > .heading { margin-bottom: 6px; }
.facts { list-style: none; }
.facts > li + li { margin-top: 10px; }
.facts .text { margin-top: 1px; }
.caveat { margin-top: 3px; font-size: 12px; color: #4b5563; }
.sources { margin-top: 3px; font-size: 12px; list-style: none; }
.sources a { color: #1f4e79; }
.roles { list-style: none; font-size: 13px; }
.roles li + li { margin-top: 3px; }
.current { font-weight: 650; }
.mentions { list-style: none; }
.mentions li + li { margin-top: 6px; }
.mention {
  font: inherit;
  text-align: left;
  width: 100%;
  min-height: 44px;
  padding: 6px 8px;
  border: 1px solid #e5e7eb;
  border-radius: 6px;
  background: transparent;
  color: inherit;
  cursor: pointer;
}
.mention b { background: #fde7b5; color: #1f2328; font-weight: inherit; }
@media (prefers-color-scheme: dark) {
  dialog.panel { border-left-color: #3d444d; }
  .top { border-bottom-color: #3d444d; }
  .close, .mention { border-color: #3d444d; }
  .mention b { background: #5c4614; color: #f3f4f6; }
  .caveat { color: #aeb6c0; }
  .sources a { color: #9ecbff; }
  .close:focus-visible, a:focus-visible, .mention:focus-visible, .name:focus-visible { outline-color: #9ecbff; }
}
`;
