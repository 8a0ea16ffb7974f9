/**
 * CHANGELOG.md release sections: `## <version> — <YYYY-MM-DD>` per release, newest first, and at most one
 * `## Unreleased` section above them while changes wait for a version.
 */

export interface Section {
  heading: string;
  /** The version, or null for the Unreleased section. */
  version: string | null;
  date: string | null;
  /** The heading line and everything up to the next `## ` heading. */
  text: string;
}

const HEADING = /^## (?:(Unreleased)|(\d+\.\d+\.\d+)(?: — (\d{4}-\d{2}-\d{2}))?)\b.*$/;

export function sections(changelog: string): Section[] {
  const lines = changelog.split('\n');
  const found: Section[] = [];
  let current: { heading: string; version: string | null; date: string | null; lines: string[] } | null = null;
  const close = () => {
    if (current) found.push({ ...current, text: `${current.lines.join('\n').trimEnd()}\n` });
  };
  for (const line of lines) {
    if (line.startsWith('## ')) {
      close();
      const m = HEADING.exec(line);
      // Other level-2 headings (the version scheme) are not release sections.
      current = m ? { heading: line, version: m[2] ?? null, date: m[3] ?? null, lines: [line] } : null;
    } else if (current) {
      current.lines.push(line);
    }
  }
  close();
  return found;
}

/** The section of `version`; throws with what to do when the changelog is not ready to release it. */
export function releaseSection(changelog: string, version: string): Section {
  const all = sections(changelog);
  if (all.some((s) => s.heading.startsWith('## Unreleased'))) {
    throw new Error(
      `CHANGELOG.md still has an "## Unreleased" section: set the new version in manifest.json and package.json ` +
        `(now ${version}) and rename the section "## <version> — <date>" before releasing`,
    );
  }
  const matching = all.filter((s) => s.version === version);
  if (matching.length > 1) throw new Error(`CHANGELOG.md has ${matching.length} sections for ${version}`);
  const [section] = matching;
  if (!section) throw new Error(`CHANGELOG.md has no "## ${version} — <date>" section`);
  if (!section.date) throw new Error(`CHANGELOG.md: the ${version} section has no date ("## ${version} — YYYY-MM-DD")`);
  if (all[0] !== section) throw new Error(`CHANGELOG.md: ${version} is not the newest section`);
  return section;
}
