// Collects the start-page blocks every module offers (the `startPageBlocks` hook) and runs them
// side by side: each loader is one bounded query, so the page's statement count does not grow
// with the member's items. Each is a named statement (src/db/prepared.ts): at 100,000 threads
// PostgreSQL spent more time parsing and planning them (0.4–0.9 and 1.1–2.2 ms each, its log with
// log_min_duration_statement = 0) than running them (0.02–0.25 ms; "like mine" 1.2 ms).
import type { AppContext, StartBlock, StartViewer } from '../module.js';

export async function startBlocks(ctx: AppContext, viewer: StartViewer): Promise<StartBlock[]> {
  const loaders = ctx.modules.flatMap((m) => m.startPageBlocks ?? []);
  const blocks = await Promise.all(loaders.map((load) => load(ctx.ds, viewer)));
  return blocks.filter((b): b is StartBlock => !!b).sort((a, b) => a.order - b.order || a.key.localeCompare(b.key));
}
