/** The card's and the panel's stylesheets (src/content/styles/), minified into the bundle by the build. */
import card from './styles/card.css?inline';
import panel from './styles/panel.css?inline';
import view from './styles/view.css?inline';

export const CARD_CSS = view + card;
export const PANEL_CSS = view + panel;
