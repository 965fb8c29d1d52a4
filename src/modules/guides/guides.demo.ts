// The demo guides (content/guides, imported by the content sync at `npm start`) were published over
// the year, not all on the day the demo was loaded: each fresh, unchanged file guide is dated 30 to
// 300 days back (drawn from a seed per slug), with its revision and chapters, so the dashboard's
// "chapters published" has a history. A guide edited or imported earlier keeps its dates.
import type { AppContext } from '../module.js';
import { inTransaction } from '../../db/transaction.js';
import { seededRandom } from '../../shared/seeded-random.js';
import { dateGuide, freshFileGuides } from './demo.store.js';

const DAY_MS = 86_400_000;

export async function loadDemoGuideDates(ctx: AppContext, now: Date): Promise<void> {
  await inTransaction(ctx.ds, async (db) => {
    for (const g of await freshFileGuides(db)) {
      const rng = seededRandom(`guides:${g.slug}`);
      await dateGuide(db, g.id, new Date(now.getTime() - rng.int(30, 300) * DAY_MS - rng.int(0, 8 * 60) * 60_000));
    }
  });
}
