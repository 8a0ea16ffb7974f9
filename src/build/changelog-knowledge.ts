/**
 * npm run changelog:knowledge -- <fromRef> [toRef]
 * Prints the knowledge part of a changelog section: what changed in data/ from one git ref to another (toRef
 * defaults to HEAD). Paste it under the version's heading in CHANGELOG.md.
 */
import { diffKnowledge } from './knowledge-diff';
import { knowledgeChangelog } from './knowledge-changelog';
import { snapshotAt } from './data-at-ref';

const [from, to = 'HEAD'] = process.argv.slice(2);
if (!from) {
  console.error('usage: npm run changelog:knowledge -- <fromRef> [toRef]   (e.g. v1.0.0 HEAD)');
  process.exit(2);
}
try {
  process.stdout.write(
    knowledgeChangelog(diffKnowledge(snapshotAt(process.cwd(), from), snapshotAt(process.cwd(), to))),
  );
} catch (error) {
  console.error(`changelog:knowledge: ${(error as Error).message}`);
  process.exit(1);
}
