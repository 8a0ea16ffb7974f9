/** The options page's "About the knowledge base": review date, counts, origin, and where to report an error. */
import { t } from '../shared/i18n';
import { countsLine, issuesUrl, reviewedLine } from '../shared/knowledge-age';

export function showAbout(doc: Document): void {
  (doc.getElementById('about-reviewed') as HTMLElement).textContent = reviewedLine(t);
  (doc.getElementById('about-counts') as HTMLElement).textContent = countsLine(t);
  // A plain link: nothing is fetched until the reader follows it, and the tracker learns nothing of this page.
  const report = doc.getElementById('report-link') as HTMLAnchorElement;
  report.href = issuesUrl();
}
