// Collects the start-page blocks every module offers (the `startPageBlocks` hook) and runs them
// side by side: each loader is one bounded query, so the page's statement count does not grow
// with the member's items.
import type { AppContext, StartBlock, StartViewer } from '../module.js';

export async function startBlocks(ctx: AppContext, viewer: StartViewer): Promise<StartBlock[]> {
  const loaders = ctx.modules.flatMap((m) => m.startPageBlocks ?? []);
  const blocks = await Promise.all(loaders.map((load) => load(ctx.ds, viewer)));
  return blocks.filter((b): b is StartBlock => !!b).sort((a, b) => a.order - b.order || a.key.localeCompare(b.key));
}
